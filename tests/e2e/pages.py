"""Page helpers for browser tests: each step is found by role and accessible name, the
way a screen reader user finds it, and every page is checked by axe-core on the way."""

import re

from playwright.sync_api import Page, expect

from ..support.browser import SCRIPTLESS, assert_accessible


def continue_(page: Page, button: str = "Continue") -> None:
    """Check the page (accessible, and no wider than the screen), then press its button."""
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_role("button", name=button).click()


def assert_fits_the_screen(page: Page) -> None:
    if page in SCRIPTLESS:
        return
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def expect_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(text)))


def choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_role("radio", name=answer, exact=True).check()


def fill_date(page: Page, question: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=question)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def start_complaint(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Make a complaint").click()
    expect_heading(page, "Make a complaint")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()


def secret_words(page: Page) -> list[str]:
    section = page.get_by_role("region", name="Your secret words")
    return section.get_by_role("listitem").all_inner_texts()


def reference(page: Page) -> str:
    """The case reference the confirmation panel shows."""
    text = page.get_by_role("main").inner_text()
    return re.search(r"Your reference\s+([A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4})", text).group(1)


def answers_shown(page: Page) -> str:
    """All the text of the check-your-answers page's main content."""
    return page.get_by_role("main").inner_text()
