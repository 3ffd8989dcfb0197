"""``/healthz``: plain "ok" while the database answers, 503 with no detail when it does not."""

import socket

import pytest

from portal import create_app

from ..support.databases import app_config
from ..support.logs import captured_logs


def assert_plain_and_uncached(response) -> None:
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_the_health_check_answers_ok_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
    assert_plain_and_uncached(response)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_health_check_says_503_without_details_when_the_database_is_unreachable(
    backend, tmp_path
):
    url = {
        "sqlite": f"sqlite:///{tmp_path / 'no-such-folder' / 'portal.sqlite3'}",
        "postgresql": f"postgresql+psycopg://portal:secret@127.0.0.1:{closed_port()}/portal",
    }[backend]
    client = create_app(app_config(url)).test_client()
    with captured_logs() as logs:
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "database unavailable"
    assert_plain_and_uncached(response)
    logged = [line for line in logs.lines if line["level"] == "ERROR"]
    assert [line["message"] for line in logged] == ["Health check: the database did not answer"]
    assert "OperationalError" in logged[0]["traceback"]
    assert "secret" not in logs.text


def test_the_health_check_still_refuses_another_host(make_app):
    app = make_app()
    app.config["TRUSTED_HOSTS"] = ["complaints.example.gov.uk"]
    client = app.test_client()
    assert client.get("/healthz", base_url="https://complaints.example.gov.uk").status_code == 200
    assert client.get("/healthz", base_url="https://evil.example").status_code == 400
