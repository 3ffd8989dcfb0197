"""Fixtures shared by the integration and browser tests.

Every test that uses ``app`` runs twice: once on SQLite and once on PostgreSQL (a cluster
this run starts and stops itself).
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy.orm import Session

from portal import create_app
from portal.extensions import db

from .support.databases import SMTP, PostgresTemplates, SQLiteTemplates, app_config
from .support.postgres import throwaway_cluster
from .support.redis_server import throwaway_redis
from .support.smtp import Inbox, smtp_server

SHARED = Path(__file__).resolve().parents[2] / "shared"
SANDWELL_DATA = SHARED / "data" / "sandwell-2018-2022.jsonl"


@pytest.fixture(scope="session")
def smtp_server_session() -> Iterator[Inbox]:
    with smtp_server() as (inbox, port):
        SMTP["SMTP_PORT"] = port
        yield inbox


@pytest.fixture(autouse=True)
def inbox(smtp_server_session: Inbox) -> Inbox:
    """The real SMTP server every test app sends to, emptied for each test."""
    smtp_server_session.clear()
    return smtp_server_session


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SQLiteTemplates:
    return SQLiteTemplates(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgresql_templates() -> Iterator[PostgresTemplates]:
    with throwaway_cluster() as server_url:
        templates = PostgresTemplates(server_url)
        yield templates
        templates.close()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis server of this run's own, started for the first test that asks for it."""
    with throwaway_redis() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_templates(request: pytest.FixtureRequest) -> SQLiteTemplates | PostgresTemplates:
    """Each test that uses a database runs once on each backend."""
    return request.getfixturevalue(f"{request.param}_templates")


@pytest.fixture
def make_app(
    database_templates: SQLiteTemplates | PostgresTemplates,
) -> Iterator[Callable[[], Flask]]:
    """Builds portals, each on its own fresh, migrated, empty database. No app context is
    held open, so each request gets its own, as in production (Flask-Babel caches on ``g``)."""
    apps: list[Flask] = []

    def build() -> Flask:
        apps.append(create_app(app_config(database_templates.fresh())))
        return apps[-1]

    yield build
    for app in apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[[], Flask]) -> Flask:
    """The portal on a fresh database."""
    return make_app()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """The database session, in an app context, for tests that read or write rows."""
    with app.app_context():
        yield db.session
        db.session.remove()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def cli(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def sqlite_session(sqlite_templates: SQLiteTemplates) -> Iterator[Session]:
    """A session on SQLite alone, for the tests of SQLite's own settings."""
    app = create_app(app_config(sqlite_templates.fresh()))
    with app.app_context():
        yield db.session
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sandwell_data() -> Path:
    if not SANDWELL_DATA.exists():
        pytest.fail(f"The shared Sandwell dataset is missing: {SANDWELL_DATA}")
    return SANDWELL_DATA
