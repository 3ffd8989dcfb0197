"""Fresh, fully migrated databases for each test, on SQLite and on PostgreSQL.

Each backend is migrated once per run into a template; each test then gets its own copy
(a file copy for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL), so tests never share
rows, and the audit table, which refuses DELETE, never needs cleaning.
"""

import itertools
import shutil
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from portal import create_app
from portal.extensions import db
from portal.services.taxonomy import seed_default_taxonomy

TEST_SECRET_KEY = "test-secret-key-not-for-production"
TEMPLATE_NAME = "portal_template"

_numbers = itertools.count()


#: Where test apps send mail; the smtp fixture sets the port of a real server on loopback.
SMTP = {"MAIL_BACKEND": "smtp", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": 0}
#: Every request a test client makes comes from 127.0.0.1, and some tests send hundreds of
#: forms (generated input, every payload in every field): the limit is there, out of reach.
#: The rate limit tests set their own.
UNREACHED_RATE_LIMIT = "100000 per minute"


def app_config(database_url: str, **overrides: object) -> dict[str, object]:
    """The configuration every test app gets."""
    return {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET_KEY,
        "DATABASE_URL": database_url,
        "RATE_LIMIT": UNREACHED_RATE_LIMIT,
        **SMTP,
        **overrides,
    }


def migrate(database_url: str) -> None:
    """Set up an empty database as `make run` does: every migration, then the default
    teams, themes and categories."""
    app = create_app(app_config(database_url))
    with app.app_context():
        upgrade()
        seed_default_taxonomy(db.session)
        db.session.commit()
        db.engine.dispose()


class SQLiteTemplates:
    """Copies of one migrated SQLite file."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._template = folder / "template.sqlite3"
        migrate(f"sqlite:///{self._template}")

    def fresh(self) -> str:
        copy = self._folder / f"test-{next(_numbers)}.sqlite3"
        shutil.copyfile(self._template, copy)
        return f"sqlite:///{copy}"

    def empty(self) -> str:
        """A database with no tables at all (a file not made yet)."""
        return f"sqlite:///{self._folder / f'empty-{next(_numbers)}.sqlite3'}"


class PostgresTemplates:
    """Databases created from one migrated template database."""

    def __init__(self, server_url: str) -> None:
        self._server = sa.make_url(server_url)
        self._admin = sa.create_engine(self._server, isolation_level="AUTOCOMMIT")
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {TEMPLATE_NAME}")
        migrate(self._url(TEMPLATE_NAME))

    def _url(self, name: str) -> str:
        return self._server.set(database=name).render_as_string(hide_password=False)

    def fresh(self) -> str:
        name = f"test_{next(_numbers)}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_NAME}")
        return self._url(name)

    def empty(self) -> str:
        """A new database with no tables at all."""
        name = f"empty_{next(_numbers)}"
        with self._admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
        return self._url(name)

    def close(self) -> None:
        self._admin.dispose()
