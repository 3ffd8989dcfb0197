"""The complaints team takes a parent's complaint through the whole statutory procedure,
in a browser, the way people who use a screen reader or only a keyboard would.

The clock is set for each part: Monday 23 November 2026 when the complaint arrives; stage 2
(started that day, 25 working days over Christmas) is due on Wednesday 30 December."""

import re
from datetime import UTC, datetime
from functools import partial

import pyotp
import pytest
from playwright.sync_api import Page, expect

from portal.extensions import db
from portal.models import Role
from portal.services.staff import create_staff_user

from ..support.browser import assert_accessible
from .pages import answer_as_parent_for_child, choose, expect_heading, fill_date, tab_to

SECRET = pyotp.random_base32()
PASSWORD = "a long staff password"
ARRIVES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
DUE_DAY = datetime(2026, 12, 30, 9, 0, tzinfo=UTC)
DAY_AFTER = datetime(2026, 12, 31, 9, 0, tzinfo=UTC)
LATER = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)
COMMUNICATION = "Unsatisfactory Communication: Calls / Email not returned"
CONTACT = "Contact Issues"


def staff(app, email, name, role):
    with app.app_context():
        user = create_staff_user(db.session, email=email, display_name=name, role=role,
                                 password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()


def at(app, moment):
    app.config["FROZEN_NOW"] = moment


def sign_in(page: Page, email: str, moment: datetime) -> None:
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Enter the code from your authenticator app").fill(
        pyotp.TOTP(SECRET).at(moment)
    )
    page.get_by_role("button", name="Continue").click()


def act(page: Page, link: str) -> None:
    """Follow one of the case page's actions, checking the page on the way."""
    assert_accessible(page)
    page.get_by_role("navigation", name="What you can do").get_by_role("link", name=link).click()
    expect_heading(page, link)


def submit(page: Page, button: str, done: str | None = None) -> None:
    assert_accessible(page)
    page.get_by_role("button", name=button).click()
    if done:
        expect(page.get_by_role("alert")).to_contain_text(done)


def open_case(page: Page, reference: str) -> None:
    page.get_by_role("link", name=reference, exact=True).first.click()
    expect_heading(page, reference)


def queue_row(page: Page, reference: str):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=reference, exact=True))


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_complaint_through_every_stage(new_page, app, script):
    new_page = partial(new_page, java_script_enabled=script)
    staff(app, "olu@example.org", "Olu Officer", Role.COMPLAINTS_OFFICER)
    staff(app, "ivan@example.org", "Ivan Investigator", Role.INVESTIGATING_MANAGER)
    at(app, ARRIVES)

    # Given a parent's complaint sent online
    parent = new_page()
    answer_as_parent_for_child(parent)
    reference = re.search(
        r"[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}", parent.get_by_role("main").inner_text()
    ).group(0)

    # When the officer triages it, with the keyboard alone: statutory, Fostering, Ivan
    officer = new_page()
    sign_in(officer, "olu@example.org", ARRIVES)
    expect(officer.get_by_role("heading", name="1 new contact awaiting triage")).to_be_visible()
    assert_accessible(officer)
    link = officer.get_by_role("link", name=reference, exact=True)
    tab_to(officer, link)
    officer.keyboard.press("Enter")
    expect_heading(officer, reference)
    triage = officer.get_by_role("navigation", name="What you can do").get_by_role(
        "link", name="Triage"
    )
    tab_to(officer, triage)
    officer.keyboard.press("Enter")
    expect_heading(officer, "Triage")
    assert_accessible(officer)
    statutory = officer.get_by_role(
        "radio", name="Complaint: statutory procedure (Children Act 1989)"
    )
    expect(statutory).to_be_checked()  # the form's routing, offered for confirmation
    tab_to(officer, officer.get_by_label("Investigating manager"))
    officer.keyboard.type("Ivan")
    tab_to(officer, officer.get_by_role("button", name="Save triage decision"))
    officer.keyboard.press("Enter")

    # … splits it into two issues …
    expect_heading(officer, "Issues")
    officer.get_by_label("Issue category").select_option(label=COMMUNICATION)
    submit(officer, "Add issue", "Issue added")
    officer.get_by_label("Issue category").select_option(label=CONTACT)
    submit(officer, "Add issue", "Issue added")
    expect(officer.get_by_role("table")).to_contain_text("2 issues")
    officer.get_by_role("link", name="Done with issues").click()

    # … and sends the acknowledgement, which already says when the response is due
    expect_heading(officer, "Send the acknowledgement")
    expect(officer.get_by_label("Letter")).to_have_value(re.compile("Monday 7 December 2026"))
    submit(officer, "Send letter", "Letter sent")
    expect(officer.get_by_role("main")).to_contain_text("Ivan Investigator")

    # Then the investigating manager answers each issue, and sends the response
    manager = new_page()
    sign_in(manager, "ivan@example.org", ARRIVES)
    open_case(manager, reference)
    act(manager, "Record outcomes")
    choose(manager, COMMUNICATION, "Upheld")
    choose(manager, CONTACT, "Not upheld")
    submit(manager, "Save outcomes", "Outcomes recorded")
    act(manager, "Send the response")
    expect(manager.get_by_label("Letter")).to_have_value(re.compile("ask for stage 2"))
    submit(manager, "Send letter", "Letter sent")
    expect(manager.get_by_role("table", name="Stages")).to_contain_text("Partially upheld")

    # The complainant asks for stage 2: mediation is offered first, and declined
    officer.reload()
    act(officer, "Escalate to the next stage")
    expect(officer.get_by_role("radio", name="Yes, offer mediation")).to_be_checked()
    submit(officer, "Escalate", "Escalated")
    act(officer, "Record the mediation result")
    choose(officer, "What came of mediation?", "Declined")
    submit(officer, "Save", "Mediation result recorded")
    act(officer, "Stage 2 investigation")
    officer.get_by_label("Investigating officer").fill("Robin Reid")
    officer.get_by_label("Independent person").fill("Sam Okafor")
    officer.get_by_label("Adjudicating officer").fill("Director of Children's Services")
    submit(officer, "Save", "Investigation recorded")

    # On the day stage 2 is due, the queue shows it due today; the next day, overdue
    at(app, DUE_DAY)
    due = new_page()
    sign_in(due, "ivan@example.org", DUE_DAY)
    expect(queue_row(due, reference)).to_contain_text("Wed 30 Dec 2026")
    expect(queue_row(due, reference)).to_contain_text("0 working days left")
    assert_accessible(due)
    at(app, DAY_AFTER)
    late = new_page()
    sign_in(late, "ivan@example.org", DAY_AFTER)
    expect(queue_row(late, reference)).to_contain_text("Overdue")

    # Stage 2 is answered late
    open_case(late, reference)
    act(late, "Record outcomes")
    choose(late, COMMUNICATION, "Upheld")
    choose(late, CONTACT, "Upheld")
    submit(late, "Save outcomes", "Outcomes recorded")
    act(late, "Send the response")
    submit(late, "Send letter", "Letter sent")
    expect(late.get_by_role("table", name="Stages")).to_contain_text("Late")

    # Stage 3: a review panel, then the final response; then the Ombudsman decides
    at(app, LATER)
    head = new_page()
    sign_in(head, "olu@example.org", LATER)
    head.get_by_label("Reference").fill(reference.lower())  # closed: found by its reference
    head.get_by_role("button", name="Apply filters").click()
    expect_heading(head, reference)
    act(head, "Escalate to the next stage")
    submit(head, "Escalate", "Escalated")
    act(head, "Stage 3 review panel")
    head.get_by_label("Independent chair").fill("Chris Chair")
    head.get_by_label("Second panel member").fill("Mo Member")
    head.get_by_label("Third panel member").fill("Pat Member")
    fill_date(head, "Date of the panel (if held)", "22", "2", "2027")
    submit(head, "Save", "Review panel recorded")
    expect(head.get_by_role("main")).to_contain_text("Chris Chair, Mo Member and Pat Member")
    act(head, "Record outcomes")
    choose(head, COMMUNICATION, "Upheld")
    choose(head, CONTACT, "Upheld")
    submit(head, "Save outcomes", "Outcomes recorded")
    act(head, "Send the response")
    expect(head.get_by_label("Letter")).to_have_value(re.compile("Ombudsman"))
    submit(head, "Send letter", "Letter sent")
    act(head, "Record an Ombudsman enquiry")
    submit(head, "Save", "Ombudsman enquiry recorded")
    act(head, "Record the Ombudsman's decision")
    choose(head, "The Ombudsman's decision", "Fault found")
    head.get_by_label("Payment, in pounds (if any)").fill("250.00")
    submit(head, "Save", "Ombudsman decision recorded")
    expect(head.get_by_role("main")).to_contain_text("£250.00")
    timeline = head.get_by_role("heading", name="Timeline").locator("xpath=..")
    for event in ("Triaged", "Acknowledged", "Mediation offered", "Review panel recorded",
                  "Ombudsman decision recorded"):  # fmt: skip
        expect(timeline).to_contain_text(event)
    assert_accessible(head)
