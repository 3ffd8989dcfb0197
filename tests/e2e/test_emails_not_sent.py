"""A complaints officer finds the emails the outbox gave up on, from the queue's banner,
and tries one again, with and without script, every page checked by axe."""

from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from portal.models import Role
from portal.notify.outbox import MAX_ATTEMPTS

from ..integration.test_emails_not_sent import fail_to_send
from ..support.browser import assert_accessible
from .pages import answer_as_parent_for_child, expect_heading, reference
from .test_staff_casework import at, sign_in, staff

ARRIVES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_an_officer_tries_a_failed_email_again(new_page, app, script):
    at(app, ARRIVES)
    staff(app, "olu@example.org", "Olu Officer", Role.COMPLAINTS_OFFICER)
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference = reference(parent)
    fail_to_send(app, MAX_ATTEMPTS)  # the "we have received it" email, to a dead server

    officer = new_page(java_script_enabled=script)
    sign_in(officer, "olu@example.org", ARRIVES)
    expect_heading(officer, "Queue")
    assert_accessible(officer)
    officer.get_by_role("link", name="1 email could not be sent").click()
    expect_heading(officer, "Emails not sent")
    assert_accessible(officer)
    expect(officer.get_by_role("main")).to_contain_text(case_reference)
    expect(officer.get_by_role("main")).not_to_contain_text("alex@example.org")
    subject = f"We have received your complaint: {case_reference}"
    with officer.expect_navigation():
        officer.get_by_role("button", name=f"Try again: {subject}").click()
    expect(officer.get_by_role("alert")).to_contain_text(
        "The email will be sent again in the next few minutes"
    )
    assert_accessible(officer)
    expect(officer.get_by_role("main")).to_contain_text("No email has been given up on.")
