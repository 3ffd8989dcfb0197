"""Connection settings that make SQLite safe for a web application with several workers.

A transaction that may write begins as a writer (``BEGIN IMMEDIATE``), so writers queue for
the lock instead of failing. A request that only reads (GET or HEAD, which change nothing:
``tests/integration/test_safe_methods.py``) begins an ordinary reader, which in WAL mode
neither waits for a writer nor holds one up. The one GET that writes, a member of staff
opening a case, records it in a ``write_transaction`` of its own; the one POST that does
slow work between reading and writing, signing in with secret words, reads in a
``read_transaction`` first.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar

from flask import Flask, g, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

#: Whether a transaction begun now may write; False only inside a GET or HEAD request.
_MAY_WRITE: ContextVar[bool] = ContextVar("may_write", default=True)
READING_METHODS = frozenset({"GET", "HEAD"})

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
def _begin(connection: object) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _MAY_WRITE.get() else "BEGIN")


def write_transaction(session: Session) -> AbstractContextManager[None]:
    """End the request's reading transaction, begin one that may write, and commit it."""
    return _transaction_of_its_own(session, may_write=True)


def read_transaction(session: Session) -> AbstractContextManager[None]:
    """End the transaction before, read in one that takes no write lock, and end it too:
    slow work after the read (hashing, say) then holds up no other writer."""
    return _transaction_of_its_own(session, may_write=False)


@contextmanager
def _transaction_of_its_own(session: Session, may_write: bool) -> Iterator[None]:
    session.commit()
    token = _MAY_WRITE.set(may_write)
    try:
        yield
        session.commit()
    finally:
        _MAY_WRITE.reset(token)


def init_app(app: Flask) -> None:
    """GET and HEAD requests read in ordinary transactions; every other request, command
    and job begins its transactions as a writer."""

    @app.before_request
    def _reading_only() -> None:
        if request.method in READING_METHODS:
            g.may_write_token = _MAY_WRITE.set(False)

    @app.teardown_request
    def _done_reading(_error: BaseException | None) -> None:
        token = g.pop("may_write_token", None)
        if token is not None:
            _MAY_WRITE.reset(token)
