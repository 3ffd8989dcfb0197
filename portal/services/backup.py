"""Backups of the whole database, taken while the portal runs, and restoring one.

SQLite is copied with its online backup API (a consistent snapshot, even while workers
write) and the copy is checked with ``integrity_check``. PostgreSQL is dumped with
``pg_dump -Fc`` and restored with ``pg_restore --clean`` in one transaction.
"""

import glob
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # only pg_dump and pg_restore, as argument lists
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa


class BackupError(RuntimeError):
    """The backup or restore could not be done, or would overwrite data not asked to."""


def back_up(database_url: str, target: Path) -> None:
    """Write a consistent copy of the database at ``database_url`` to ``target``."""
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(_sqlite_path(url), target)
    else:
        _run_postgres_tool("pg_dump", url, ["--format=custom", "--no-owner", f"--file={target}"])


def restore(database_url: str, source: Path, overwrite: bool) -> None:
    """Replace the database at ``database_url`` with the backup ``source``; a database that
    already has tables is replaced only when ``overwrite`` is True."""
    if not source.is_file():
        raise BackupError(f"There is no backup at {source}.")
    if has_tables(database_url) and not overwrite:
        raise BackupError("The database already holds tables; add --yes to replace them.")
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _check_sqlite(source)
        _sqlite_copy(source, _sqlite_path(url))
    else:
        _run_postgres_tool(
            "pg_restore",
            url,
            ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
             str(source)],
        )  # fmt: skip


def has_tables(database_url: str) -> bool:
    """Whether the database has any tables (a new, empty database has none)."""
    url = sa.make_url(database_url)
    if url.get_backend_name() == "sqlite" and not Path(_sqlite_path(url)).exists():
        return False
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        return bool(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _sqlite_path(url: sa.URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("Only a SQLite database in a file can be backed up or restored.")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another page by page, under the target's write lock,
    so readers of the target see the old database or the new one, never half of each."""
    with closing(_sqlite_connect(source)) as origin, closing(_sqlite_connect(target)) as copy:
        origin.backup(copy)
    _check_sqlite(target)


def _sqlite_connect(path: Path) -> sqlite3.Connection:
    # Waits for the portal's writers, as the portal's own connections do.
    connection = sqlite3.connect(path, timeout=20)
    connection.execute("PRAGMA busy_timeout = 20000")
    return connection


def _check_sqlite(path: Path) -> None:
    try:
        with closing(_sqlite_connect(path)) as connection:
            verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a usable SQLite database: {error}") from error
    if verdict != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {verdict}")


def _run_postgres_tool(name: str, url: sa.URL, arguments: list[str]) -> None:
    """Run pg_dump or pg_restore on the database at ``url``; the password goes in the
    environment, never on a command line others can see."""
    environment = {**os.environ, "PGPASSWORD": url.password or ""}
    target = url.set(drivername="postgresql", password=None).render_as_string()
    command = [_postgres_binary(name), f"--dbname={target}", *arguments]
    # A list and no shell; the only input is the portal's own database URL.
    done = subprocess.run(  # noqa: S603  # nosec B603
        command, env=environment, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{name} failed: {done.stderr.strip()}")


def _postgres_binary(name: str) -> str:
    """The newest installed version of a PostgreSQL client tool (it must not be older than
    the server)."""
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    found = versions[-1] if versions else shutil.which(name)
    if not found:
        raise BackupError(f"PostgreSQL's {name} is not installed.")
    return found


def _version(path: str) -> list[int]:
    """The version of /usr/lib/postgresql/VERSION/bin/TOOL, for sorting."""
    return [int(part) for part in Path(path).parts[-3].split(".") if part.isdigit()]
