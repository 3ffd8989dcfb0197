"""Every page, in every language, passes axe-core. A crawler follows every link from the
home page and the children's pages (sending each public form empty, to check its error
state too), from the tracker signed in, and from the staff side signed in as each role.

Pages of the same shape (the same path with another case reference or number) are
checked once per language; a new catalogue under translations/ is crawled with no change
here."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pyotp
import pytest
from playwright.sync_api import Page
from sqlalchemy import select

from portal.demo import DEMO_PASSWORD, DEMO_STAFF, load_demo
from portal.extensions import db
from portal.models import Role, StaffUser
from portal.procedure.deadlines import DEFAULT_TIMESCALES
from portal.services.staff import create_staff_user

from ..support.browser import SMALL_SCREEN, ZOOMED_200, accessibility_report, layout_problems
from .pages import answer_as_parent_for_child, reference, secret_words

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
LOCALES = ["en", *sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"))]
SECRET = pyotp.random_base32()
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ADVOCATE = "ada@example.org"

#: Not pages: assets, downloads, and links that act (a language choice, emailed tokens).
NOT_PAGES = re.compile(
    r"^/(static/|language/|survey/open/|track/l/|staff/(link|reset)/)|\.(csv|pdf)$"
)
#: A page's own forms (not the one that signs out).
MAIN_FORM = "main form[method=post]:not(.portal-sign-out)"
#: The fields of a page's main form, which a person could leave empty.
FIELDS = (
    f"{MAIN_FORM} :is(textarea, select, input:not([type=hidden], [type=radio], [type=checkbox]))"
)
REFERENCE = re.compile(r"[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}")
#: Case pages differ with the case's step (the actions offered): several are visited.
CASES_VISITED = 15


def shape(path: str) -> str:
    """The page a path is an instance of: references and numbers taken out."""
    return re.sub(r"\d+", "N", REFERENCE.sub("REF", urlsplit(path).path))


class Crawler:
    """Visits each shape of page once, noting every accessibility violation."""

    def __init__(self, page: Page, locale: str, base_url: str) -> None:
        self.page, self.locale = page, locale
        self.seen: set[str] = set()
        self.cases: set[str] = set()
        self.failures: list[str] = []
        self.forms: list[str] = []
        page.context.add_cookies([{"name": "language", "value": locale, "url": base_url}])

    def crawl(self, *starts: str, within: str = "/", send_forms: bool = False) -> None:
        """Visit every page reached from ``starts``. Public forms are sent empty at once;
        the staff side's are noted, to be sent by :meth:`send_noted_forms`."""
        queue = list(starts)
        while queue:
            path = queue.pop(0)
            if not self.worth_a_visit(path, within):
                continue
            self.seen.add(shape(path))
            self.page.goto(path)
            self.check(path)
            queue += self.links()
            if send_forms:
                self.send_empty(path)
            elif self.page.locator(FIELDS).count():
                self.forms.append(path)

    def send_noted_forms(self) -> None:
        """Send each noted form with its fields emptied, once the crawl is over: a form with
        no field to leave empty (close, withdraw) acts at once, so it is not sent, and a form
        sent mid-crawl could change the pages still to come."""
        for path in self.forms:
            self.page.goto(path)
            for field in self.page.locator(FIELDS).all():
                if field.evaluate("field => ['TEXTAREA', 'INPUT'].includes(field.tagName)"):
                    field.fill("")
            self.send_empty(path)
        self.forms.clear()

    def worth_a_visit(self, path: str, within: str) -> bool:
        """A page of a new shape, or one of the first few cases."""
        if NOT_PAGES.search(urlsplit(path).path) or not path.startswith(within):
            return False
        if shape(path) == "/staff/cases/REF" and len(self.cases) < CASES_VISITED:
            new = path not in self.cases
            self.cases.add(path)
            return new
        return shape(path) not in self.seen

    def check(self, what: str) -> None:
        report = accessibility_report(self.page)
        if report:
            self.failures.append(f"{self.locale} {what}:\n{report}")
        for problem in layout_problems(self.page):
            self.failures.append(f"{self.locale} {what}: {problem}")

    def links(self) -> list[str]:
        hrefs = self.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        base = urlsplit(self.page.url)
        return [
            urlsplit(href).path + (f"?{urlsplit(href).query}" if urlsplit(href).query else "")
            for href in hrefs
            if urlsplit(href).netloc == base.netloc
        ]

    def send_empty(self, path: str) -> None:
        """Send the page's main form with nothing filled in: its error state."""
        buttons = self.page.locator(f"{MAIN_FORM} :is(button[type=submit], button:not([type]))")
        if buttons.count() == 0:
            return
        with self.page.expect_navigation():
            buttons.first.click()
        self.check(f"{path} sent empty")


def sign_in_staff(page: Page, email: str, moment: datetime) -> None:
    page.goto("/staff/sign-in")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    page.locator("input[name=code]").fill(pyotp.TOTP(SECRET).at(moment))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def sign_out(page: Page, home: str) -> None:
    page.goto(home)
    with page.expect_navigation():
        page.locator("form.portal-sign-out button").click()


@pytest.fixture
def portal_with_cases(app):
    """The demo cases and staff, and an advocate (each with a known authenticator secret)."""
    with app.app_context():
        load_demo(db.session, NOW.date(), DEFAULT_TIMESCALES)
        create_staff_user(db.session, email=ADVOCATE, display_name="Ada Advocate",
                          role=Role.ADVOCATE, password=DEMO_PASSWORD)  # fmt: skip
        for user in db.session.scalars(select(StaffUser)):
            user.totp_secret = SECRET
        db.session.commit()
    return app


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_in_every_language_passes_axe(new_page, base_url, portal_with_cases, locale):
    app = portal_with_cases
    # Each language signs in at its own time, so no authenticator code is used twice.
    moment = NOW + timedelta(minutes=5 * LOCALES.index(locale))
    app.config["FROZEN_NOW"] = moment
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), " ".join(secret_words(parent))

    page = new_page(**SMALL_SCREEN)
    crawler = Crawler(page, locale, base_url)
    crawler.crawl("/", "/young", "/track", "/staff/sign-in", send_forms=True)

    page.goto("/track")
    page.locator("input[name=reference]").fill(case_reference)
    page.locator("input[name=words]").fill(words)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    crawler.crawl("/track/updates", within="/track")
    crawler.send_noted_forms()
    sign_out(page, "/track/updates")

    # Staff work at a desk: their pages are checked at 200 % zoom.
    page.set_viewport_size(ZOOMED_200)

    people = [(email, "/staff/", "/staff") for email, _name, _role in DEMO_STAFF]
    for number, (email, start, within) in enumerate(
        [*people, (ADVOCATE, "/advocate/", "/advocate")]
    ):
        app.config["FROZEN_NOW"] = moment + timedelta(seconds=31 * number)
        sign_in_staff(page, email, app.config["FROZEN_NOW"])
        crawler.crawl(start, within=within)
        crawler.send_noted_forms()
        sign_out(page, start)

    print(f"{locale}: {len(crawler.seen)} kinds of page", sorted(crawler.seen))
    assert len(crawler.seen) > 60, sorted(crawler.seen)  # the crawler really got round
    assert crawler.failures == [], "\n\n".join(crawler.failures)
