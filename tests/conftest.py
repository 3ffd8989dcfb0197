"""Fixtures shared by the integration and browser tests.

Every test that uses ``app`` runs twice: once on SQLite and once on PostgreSQL (a cluster
this run starts and stops itself).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from portal import create_app
from portal.extensions import db

from .support.databases import PostgresTemplates, SQLiteTemplates, test_config
from .support.postgres import throwaway_cluster

SHARED = Path(__file__).resolve().parents[2] / "shared"
SANDWELL_DATA = SHARED / "data" / "sandwell-2018-2022.jsonl"


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SQLiteTemplates:
    return SQLiteTemplates(tmp_path_factory.mktemp("sqlite"))


@pytest.fixture(scope="session")
def postgresql_templates() -> Iterator[PostgresTemplates]:
    with throwaway_cluster() as server_url:
        templates = PostgresTemplates(server_url)
        yield templates
        templates.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, migrated, empty database on each backend."""
    templates = request.getfixturevalue(f"{request.param}_templates")
    return templates.fresh()


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app(test_config(database_url))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def cli(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def sandwell_data() -> Path:
    if not SANDWELL_DATA.exists():
        pytest.fail(f"The shared Sandwell dataset is missing: {SANDWELL_DATA}")
    return SANDWELL_DATA
