"""Every tracker page, and its error states, passes axe-core; guessing is refused in the
browser too."""

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from ..support.browser import assert_accessible
from .pages import answer_as_parent_for_child, expect_heading, reference, secret_words

ARRIVES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def sign_in(page: Page, case_reference: str, words: str) -> None:
    page.goto("/track")
    page.get_by_label("Your reference").fill(case_reference)
    page.get_by_label("Your secret words").fill(words)
    page.get_by_role("button", name="Continue").click()


def test_every_tracker_page_and_error_is_accessible(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), " ".join(secret_words(parent))
    page = new_page()
    for path in ("/track", "/track/link", "/track/practise", "/track/signed-out"):
        page.goto(path)
        assert_accessible(page)
        if path != "/track/signed-out":
            page.get_by_role("button").last.click()  # sent empty: the error state
            expect(page.get_by_role("alert")).to_be_visible()
            assert_accessible(page)
    sign_in(page, case_reference, words)
    expect_heading(page, "Your updates")
    for link in ("Send us a message", "Change your contact details", "Get an advocate",
                 "Withdraw your complaint"):  # fmt: skip
        page.get_by_role("link", name=link).click()
        assert_accessible(page)
        if link != "Get an advocate":
            with page.expect_navigation():
                page.locator("main form[method=post] button").last.click()  # sent as it is
            assert_accessible(page)
        page.goto("/track/updates")


def test_the_eleventh_try_is_refused_even_with_the_right_words(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), " ".join(secret_words(parent))
    page = new_page()
    for _ in range(10):
        sign_in(page, case_reference, "these are not the words")
        expect(page.get_by_role("alert")).to_contain_text("are not right")
    sign_in(page, case_reference, words)
    expect(page.get_by_role("alert")).to_contain_text("are not right")
    expect_heading(page, "See your updates")
