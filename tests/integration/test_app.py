"""The application factory, its configuration and what every response carries."""

import sqlite3
from urllib.parse import urljoin, urlsplit

import pytest

from portal import ConfigurationError, create_app
from portal.database import SQLITE_PRAGMAS
from portal.extensions import db
from portal.security import safe_next

from ..support.databases import app_config, migrate


def test_configuration_layers_defaults_instance_environment_then_test(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_COUNCIL_NAME", "Solihull Council")
    monkeypatch.setenv("PORTAL_STAGE2_COST_PENCE", "400000")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3", "STAGE2_COST_PENCE": 1})
    assert app.config["COUNCIL_NAME"] == "Solihull Council"  # from the environment
    assert app.config["STAGE2_COST_PENCE"] == 1  # the test dict wins
    assert app.config["SERVICE_NAME"] == "Complaints, compliments and feedback"  # a default


@pytest.mark.parametrize("key", [None, "short", "a" * 40])
def test_production_refuses_a_weak_secret_key(tmp_path, key):
    with pytest.raises(ConfigurationError, match="PORTAL_SECRET_KEY"):
        create_app(
            {
                "ENVIRONMENT": "production",
                "SECRET_KEY": key,
                "DEMO_DATA": False,
                "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
            }
        )


def test_production_refuses_to_start_without_a_tracker_pepper(tmp_path):
    with pytest.raises(ConfigurationError, match="PORTAL_TRACKER_PEPPER"):
        create_app(
            {
                "ENVIRONMENT": "production",
                "SECRET_KEY": "k4J9-x2Qp0vZr7Lm1Ns8Tb3Yc6Wd5Fe_Gh0Ij",
                "DEMO_DATA": False,
                "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
            }
        )


def test_production_starts_with_a_strong_key_and_no_demo_data(tmp_path):
    app = create_app(
        {
            "ENVIRONMENT": "production",
            "SECRET_KEY": "k4J9-x2Qp0vZr7Lm1Ns8Tb3Yc6Wd5Fe_Gh0Ij",
            "TRACKER_PEPPER": "p7Hq-3Zr9Kx0Lm2Nb8Vc5Xs1Dw4Fe6Gt_Yh0",
            "DEMO_DATA": False,
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
        }
    )
    assert app.config["ENVIRONMENT"] == "production"


def test_a_rate_limit_that_cannot_be_read_stops_the_start(tmp_path):
    with pytest.raises(ConfigurationError, match="PORTAL_RATE_LIMIT"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3", "RATE_LIMIT": "lots"})


def production_app(tmp_path, **overrides):
    return create_app(
        {
            "ENVIRONMENT": "production",
            "SECRET_KEY": "k4J9-x2Qp0vZr7Lm1Ns8Tb3Yc6Wd5Fe_Gh0Ij",
            "TRACKER_PEPPER": "p7Hq-3Zr9Kx0Lm2Nb8Vc5Xs1Dw4Fe6Gt_Yh0",
            "DEMO_DATA": False,
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3",
            **overrides,
        }
    )


def test_production_refuses_debug_mode(tmp_path):
    with pytest.raises(ConfigurationError, match="Debug"):
        production_app(tmp_path, DEBUG=True)


def test_production_cookies_are_secure_host_only_and_end_with_the_browser(tmp_path):
    app = production_app(tmp_path)
    migrate(app.config["DATABASE_URL"])
    client = app.test_client()
    response = client.get("/staff/sign-in", base_url="https://127.0.0.1:5000")  # sets a CSRF token
    [session_cookie] = [c for c in response.headers.getlist("Set-Cookie") if "session" in c]
    name, *attributes = [part.strip() for part in session_cookie.split(";")]
    assert name.startswith("__Host-session=")
    assert {"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} <= set(attributes)
    assert not [a for a in attributes if a.startswith(("Domain", "Expires", "Max-Age"))]
    chosen = client.get("/language/cy", base_url="https://127.0.0.1:5000")
    assert "Secure" in chosen.headers["Set-Cookie"] and "remember" not in str(chosen.headers)
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_production_refuses_requests_for_another_host(tmp_path):
    app = production_app(tmp_path, PUBLIC_URL="https://complaints.example.gov.uk")
    migrate(app.config["DATABASE_URL"])
    client = app.test_client()
    assert client.get("/", base_url="https://complaints.example.gov.uk").status_code == 200
    assert client.get("/", base_url="https://evil.example").status_code == 400


def posting_urls(app) -> list[str]:
    """A URL for every route that takes a POST, its arguments filled with stand-ins."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            values = {name: 1 if type(converter).__name__ == "IntegerConverter" else "x"
                      for name, converter in rule._converters.items()}  # fmt: skip
            urls.append(adapter.build(rule.endpoint, values, method="POST"))
    return urls


def test_every_route_that_takes_a_post_refuses_one_without_a_csrf_token(app):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    urls = posting_urls(app)
    assert len(urls) > 40  # every blueprint's forms, not just a few
    answers = {url: client.post(url, data={"anything": "at all"}) for url in urls}
    accepted = [url for url, answer in answers.items() if answer.status_code != 400
                or "This page has expired" not in answer.get_data(as_text=True)]  # fmt: skip
    assert accepted == []


def test_every_sqlite_connection_gets_the_safety_pragmas(sqlite_session):
    expected = {
        "journal_mode": "wal",
        "busy_timeout": 20000,
        "foreign_keys": 1,
        "synchronous": 2,
        "secure_delete": 1,
    }
    assert [name for name, _ in SQLITE_PRAGMAS] == list(expected)
    for _ in range(3):  # each new connection, not just the first
        with db.engine.connect() as connection:
            for name, value in expected.items():
                assert connection.exec_driver_sql(f"PRAGMA {name}").scalar() == value
        db.engine.dispose()


def test_sqlite_write_transactions_take_the_lock_at_once(sqlite_session):
    path = db.engine.url.database
    with db.engine.connect() as connection:
        connection.exec_driver_sql("SELECT 1").all()  # a transaction is open after this
        other = sqlite3.connect(path, timeout=0)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_pages_carry_the_security_headers(client):
    for path in ["/", "/no-such-page", "/static/dist/portal.css"]:
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp and "base-uri 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_dynamic_pages_are_not_cached(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_html_has_no_inline_script(client):
    html = client.get("/").get_data(as_text=True)
    assert "<script>" not in html
    assert all('src="' in tag for tag in html.split("<script")[1:])


def test_the_page_language_follows_the_browser_then_the_choice(client):
    assert '<html lang="en" dir="ltr"' in client.get("/").get_data(as_text=True)
    welsh_browser = client.get("/", headers={"Accept-Language": "cy,en;q=0.5"})
    assert '<html lang="cy"' in welsh_browser.get_data(as_text=True)
    chosen = client.get("/language/en?next=/privacy")
    assert chosen.status_code == 303 and chosen.headers["Location"] == "/privacy"
    again = client.get("/", headers={"Accept-Language": "cy"})
    assert '<html lang="en"' in again.get_data(as_text=True)


def test_an_unknown_language_is_not_found(client):
    assert client.get("/language/xx").status_code == 404


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "/\\evil.example", "https:evil.example", "https://evil.example/",
     "evil.example", "/%0d%0aSet-Cookie:x", "\t/\t/evil", "", None],
)  # fmt: skip
def test_next_only_allows_paths_on_this_site(target):
    assert safe_next(target) in (None, "/%0d%0aSet-Cookie:x")


#: Query strings as an attacker would write them: the portal decodes them once, as every
#: request is decoded, and whatever comes out must not lead off the site.
OFFSITE_NEXT = [
    "next=//evil.example", "next=%2F%2Fevil.example", "next=/%2F%2Fevil.example",
    "next=/%5Cevil.example", "next=%2F%5Cevil.example", "next=%5C%5Cevil.example",
    "next=https:evil.example", "next=https%3A%2F%2Fevil.example", "next=HTTPS://evil.example",
    "next=/%09/evil.example", "next=%20//evil.example", "next=/%0D%0A/evil.example",
    "next=%0D%0ALocation:%20https://evil.example", "next=javascript:alert(1)",
    "next=/%252F%252Fevil.example", "next=/%E3%80%82/evil.example",
    "next=%EF%BC%8F%EF%BC%8Fevil.example",
    "next=//evil.example%40portal.test", "next=/@evil.example", "next=evil.example",
]  # fmt: skip


@pytest.mark.parametrize("query", OFFSITE_NEXT)
def test_no_next_leads_off_the_site_however_it_is_encoded(client, query):
    response = client.get(f"/language/cy?{query}")
    assert response.status_code == 303
    landed = urlsplit(urljoin("http://portal.test/language/cy", response.headers["Location"]))
    assert (landed.scheme, landed.netloc) == ("http", "portal.test"), response.headers["Location"]


def test_next_keeps_a_local_path_and_its_query():
    assert safe_next("/privacy?x=1") == "/privacy?x=1"


def test_the_language_switch_ignores_an_offsite_next(client):
    response = client.get("/language/cy?next=//evil.example")
    assert response.headers["Location"] == "/"


def test_an_unexpected_error_shows_a_plain_500_page(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail /srv/path")

    response = client.get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in body
    assert "secret detail" not in body and "Traceback" not in body


def test_a_test_config_never_touches_the_instance_database(session):
    assert "instance" not in db.engine.url.render_as_string()
    assert create_app(app_config("sqlite://")).config["SECRET_KEY"]
