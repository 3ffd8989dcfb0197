"""Connection settings that make SQLite safe for a web application with several workers."""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

#: Every SQLite connection gets these, in this order.
SQLITE_PRAGMAS = (
    ("journal_mode", "WAL"),
    ("busy_timeout", "20000"),
    ("foreign_keys", "ON"),
    ("synchronous", "FULL"),
    # Deleted rows are overwritten with zeros, so erased personal data leaves no trace in
    # the file's free pages.
    ("secure_delete", "ON"),
)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection: object, _record: object) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy's "begin" event below issue BEGIN itself, rather than pysqlite's
    # deferred BEGIN: a deferred transaction that reads and then writes fails at once
    # with "database is locked" when another writer got in first, busy_timeout or not.
    dbapi_connection.isolation_level = None
    for name, value in SQLITE_PRAGMAS:
        dbapi_connection.execute(f"PRAGMA {name} = {value}")


@event.listens_for(Engine, "begin")
def _begin_immediately(connection: object) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
