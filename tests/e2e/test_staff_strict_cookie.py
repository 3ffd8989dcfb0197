"""A member of staff follows a link to a case from another site (webmail, say): the
browser withholds the SameSite=Strict staff cookie, so the portal asks them to continue,
and their own click on the portal's page opens the case."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from portal.models import Role

from ..support.browser import assert_accessible
from ..support.cases import closed_case
from ..support.live_server import serve
from .pages import expect_heading
from .test_staff_casework import at, sign_in, staff

SIGNS_IN = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
REFERENCE = "SCT-LINK-2026"


@contextmanager
def another_site(html: str) -> Iterator[str]:
    """Serve ``html`` from another loopback address: for an IP address the whole address is
    the site, so 127.0.0.2 is a different site from the portal's 127.0.0.1."""

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html.encode()]

    with serve(app, host="127.0.0.2") as base_url:
        yield f"{base_url}/"


def test_a_link_from_another_site_asks_to_continue_then_opens_the_case(page: Page, app, base_url):
    # Given a case, and an officer signed in
    at(app, SIGNS_IN)
    staff(app, "olu@example.org", "Olu", Role.COMPLAINTS_OFFICER)
    closed_case(app, REFERENCE)
    sign_in(page, "olu@example.org", SIGNS_IN)
    expect_heading(page, "Queue")
    [strict] = [c for c in page.context.cookies() if c["name"] == "staff"]
    assert strict["sameSite"] == "Strict" and strict["httpOnly"] and strict["expires"] == -1

    # When they follow a link to the case from a page on another site
    case_url = f"{base_url}/staff/cases/{REFERENCE}"
    with another_site(f'<!DOCTYPE html><title>Mail</title><a href="{case_url}">Open</a>') as mail:
        page.goto(mail)
        with page.expect_navigation():
            page.get_by_role("link", name="Open").click()

    # Then the portal, still signed in, asks them to continue, and shows nothing of the case
    expect_heading(page, "Continue to the complaints service")
    assert page.url == case_url
    expect(page.get_by_role("main")).not_to_contain_text(REFERENCE)
    assert_accessible(page)

    # And continuing, from the portal's own page, opens the case
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect_heading(page, REFERENCE)
    assert page.url == case_url
