"""Every response carries the security headers (pages, redirects, errors, static files,
downloads); every dynamic page is kept out of caches, staff and tracker pages out of
search engines; and no page links to another site except the council's own few."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from portal.demo import load_demo
from portal.extensions import db
from portal.models import Case
from portal.procedure.deadlines import DEFAULT_TIMESCALES

from .conftest import NOW, signed_in

DOWNLOADS = [
    "/staff/reports/annual.csv?year=2026",
    "/staff/reports/cases.csv?year=2026",
    "/staff/reports/annual.pdf?year=2026",
]


@pytest.fixture
def demo_app(casework_app):
    with casework_app.app_context():
        load_demo(db.session, NOW.date(), DEFAULT_TIMESCALES)
        db.session.commit()
    return casework_app


def get_urls(app, reference: str) -> list[str]:
    """A URL for every route that answers a GET, a real case reference in those that take one."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        values = {
            name: 1 if type(converter).__name__ == "IntegerConverter"
            else reference if name == "reference" else "x"
            for name, converter in rule._converters.items()
        }  # fmt: skip
        urls.append(adapter.build(rule.endpoint, values, method="GET"))
    return urls


def assert_security_headers(url: str, response) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "base-uri 'none'", "frame-ancestors 'none'",
                      "form-action 'self'", "script-src 'self'"):  # fmt: skip
        assert directive in csp, (url, csp)
    assert "unsafe-inline" not in csp, url
    assert response.headers["X-Content-Type-Options"] == "nosniff", url
    assert response.headers["Referrer-Policy"] == "same-origin", url
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", url


class Links(HTMLParser):
    """Every address a page links to, loads or sends a form to."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        linking = ("href", "src", "action", "formaction")
        self.addresses += [value for name, value in attrs if name in linking and value]


def offsite(app, html: str) -> set[str]:
    """The other sites a page reaches, beyond the council's own few (its website, its
    advocacy provider, the page "Exit this page" leads to)."""
    allowed = {
        urlsplit(app.config[name]).netloc for name in ("COUNCIL_WEBSITE", "EXIT_PAGE_URL")
    } | {urlsplit(app.config["ADVOCACY_PROVIDER"]["website"]).netloc, ""}
    parser = Links()
    parser.feed(html)
    return {
        address for address in parser.addresses
        if urlsplit(address).scheme in ("http", "https", "")
        and urlsplit(address).netloc not in allowed
    }  # fmt: skip


def test_every_response_to_anyone_carries_the_headers(demo_app):
    with demo_app.app_context():
        reference = db.session.scalar(select(Case.reference))
    client = demo_app.test_client()
    urls = [*get_urls(demo_app, reference), "/static/dist/portal.css", "/no-such-page"]
    for url in urls:
        assert_security_headers(url, client.get(url))


def test_signed_in_pages_are_private_and_link_nowhere_else(demo_app):
    with demo_app.app_context():
        reference = db.session.scalar(select(Case.reference))
    staff = signed_in(demo_app, "head@example.org")
    checked = 0
    for url in [*get_urls(demo_app, reference), *DOWNLOADS]:
        response = staff.get(url)
        assert_security_headers(url, response)
        if response.status_code != 200:
            continue
        checked += 1
        assert response.headers["Cache-Control"] == "no-store", url
        if url.startswith(("/staff", "/advocate", "/track")):
            assert "noindex" in response.headers["X-Robots-Tag"], url
        if response.mimetype == "text/html":
            assert offsite(demo_app, response.get_data(as_text=True)) == set(), url
    assert checked > 20  # the staff side really answered


def test_the_public_pages_link_to_no_other_site(demo_app):
    client = demo_app.test_client()
    for url in ["/", "/young", "/young/7-11", "/complain", "/easy-read", "/accessibility",
                "/privacy", "/contact", "/track", "/you-said-we-did"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert offsite(demo_app, response.get_data(as_text=True)) == set(), url
