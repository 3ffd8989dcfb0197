"""On a shared computer, the back button after signing out shows nothing of the case:
signed-in pages are never stored by the browser (Cache-Control: no-store), so going back
asks the portal again, which sends the visitor to sign in."""

from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from portal.models import Role

from .pages import answer_as_parent_for_child, expect_heading, reference, secret_words
from .test_staff_casework import at, open_case, sign_in, staff
from .test_tracker_journey import sign_in_to_tracker

ARRIVES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def sign_out_and_go_back(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    page.go_back()
    page.wait_for_load_state()


def test_back_after_a_staff_sign_out_shows_no_case(new_page, app):
    at(app, ARRIVES)
    staff(app, "olu@example.org", "Olu Officer", Role.COMPLAINTS_OFFICER)
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference = reference(parent)
    officer = new_page()
    sign_in(officer, "olu@example.org", ARRIVES)
    open_case(officer, case_reference)
    sign_out_and_go_back(officer)
    expect_heading(officer, "Sign in to the complaints service")
    expect(officer.locator("body")).not_to_contain_text(case_reference)


def test_back_after_a_tracker_sign_out_shows_no_case(new_page, app):
    at(app, ARRIVES)
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), secret_words(parent)
    page = new_page()
    sign_in_to_tracker(page, case_reference, words)
    expect(page.get_by_role("main")).to_contain_text(case_reference)
    sign_out_and_go_back(page)
    expect_heading(page, "See your updates")
    expect(page.locator("body")).not_to_contain_text(case_reference)
