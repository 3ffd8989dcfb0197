"""A parent follows their complaint in the tracker: signs in with the words they noted,
sees the due date, writes to the team and reads the reply, and asks for stage 2."""

import re
from datetime import UTC, date, datetime

import pyotp
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, IssueCategory, OutboxMessage, Role, StaffUser
from portal.procedure.taxonomy import CaseKind, Outcome, Procedure
from portal.services import advocacy, stages, triage
from portal.services.staff import create_staff_user

from ..support.browser import assert_accessible
from .pages import (
    answer_as_parent_for_child,
    assert_fits_the_screen,
    continue_,
    expect_heading,
    reference,
    secret_words,
)

ARRIVES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SECRET = pyotp.random_base32()


def sign_in_to_tracker(page: Page, case_reference: str, words: list[str]) -> None:
    page.goto("/")
    page.get_by_role("link", name="See your updates").click()
    expect_heading(page, "See your updates")
    page.get_by_label("Your reference").fill(case_reference)
    page.get_by_label("Your secret words").fill(" ".join(words))
    continue_(page)
    expect_heading(page, "Your updates")


def answer_stage_1(app, case_reference: str) -> None:
    """The team triages the complaint and answers stage 1 (proven in the staff journeys)."""
    with app.app_context():
        officer = db.session.scalar(select(StaffUser))
        case = db.session.scalar(select(Case).filter_by(reference=case_reference))
        category = db.session.scalar(select(IssueCategory).filter_by(name="Contact Issues"))
        details = triage.CaseDetails(None, None, [], False, None, None)
        triage.triage(db.session, case, officer,
                      triage.TriageDecision(CaseKind.COMPLAINT, Procedure.STATUTORY), details,
                      date(2026, 11, 23))  # fmt: skip
        issue = triage.add_issue(db.session, case, officer, category, None)
        stages.record_outcomes(db.session, case, officer, {issue.id: Outcome.NOT_UPHELD})
        stages.respond(db.session, case, officer, date(2026, 11, 24), date(2026, 11, 24))
        db.session.commit()


def test_a_parent_follows_their_complaint(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    with app.app_context():
        officer = create_staff_user(
            db.session, email="olu@example.org", display_name="Olu",
            role=Role.COMPLAINTS_OFFICER, password="a long password",
        )  # fmt: skip
        officer.totp_secret = SECRET
        db.session.commit()

    # Given a parent who sent a complaint and wrote down their words
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), secret_words(parent)

    # When they sign in to the tracker, they see when we will be in touch
    person = new_page()
    sign_in_to_tracker(person, case_reference, words)
    expect(person).to_have_title("Updates")
    expect(person.get_by_role("main")).to_contain_text(
        "We will contact you by Thursday 26 November 2026"
    )
    assert_accessible(person)

    # And they send the team a message
    person.get_by_role("link", name="Send us a message").click()
    person.get_by_label("Your message").fill("Sam's school has written to us too.")
    continue_(person, "Send message")
    expect(person.get_by_role("alert")).to_contain_text("Your message has been sent")

    # Then the officer reads it and replies
    staff = new_page()
    staff.goto("/staff/sign-in")
    staff.get_by_label("Email address").fill("olu@example.org")
    staff.get_by_label("Password", exact=True).fill("a long password")
    staff.get_by_role("button", name="Continue").click()
    staff.get_by_label("Enter the code from your authenticator app").fill(
        pyotp.TOTP(SECRET).at(ARRIVES)
    )
    staff.get_by_role("button", name="Continue").click()
    staff.get_by_role("link", name=case_reference, exact=True).first.click()
    expect(staff.get_by_role("main")).to_contain_text("Sam's school has written to us too.")
    staff.get_by_role("link", name="Write to the person").click()
    staff.get_by_label("Message").fill("Thank you. Please send us a copy.")
    assert_accessible(staff)
    staff.get_by_role("button", name="Send message").click()

    # And the reply appears in the tracker
    person.reload()
    expect(person.get_by_role("main")).to_contain_text("Thank you. Please send us a copy.")

    # When stage 1 is answered, the parent is still not happy and asks for stage 2
    answer_stage_1(app, case_reference)
    person.reload()
    expect(person.get_by_role("main")).to_contain_text(
        "you can ask for stage 2 until Tuesday 22 December 2026"
    )
    person.get_by_role("link", name="I'm still not happy").click()
    expect_heading(person, "Why are you still not happy?")
    person.get_by_label("Why are you still not happy?").fill("The visits are still cancelled.")
    continue_(person, "Send my request")
    expect(person.get_by_role("main")).to_contain_text("You asked for the next stage")
    assert_accessible(person)

    # Then the team sees the request in the queue
    staff.goto("/staff/")
    expect(staff.get_by_role("heading", name="1 request for the next stage")).to_be_visible()

    # And signing out ends the tracker session
    person.get_by_role("button", name="Sign out").click()
    expect_heading(person, "You have signed out")
    person.goto("/track/updates")
    expect_heading(person, "See your updates")


def test_an_emailed_link_signs_in_and_leaves_no_token_in_the_address(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference = reference(parent)
    page = new_page()
    page.goto("/track")
    page.get_by_role("link", name="Get a sign-in link by email").click()
    page.get_by_label("Your reference").fill(case_reference)
    continue_(page, "Send me a link")
    expect_heading(page, "Check your email")
    assert_accessible(page)
    with app.app_context():
        email = db.session.scalar(select(OutboxMessage).filter_by(subject="Your sign-in link"))
    link = re.search(r"http://\S+(/track/l/\S+)", email.body_text).group(1)
    page.goto(link)
    expect_heading(page, "See your updates")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="See my updates").click()
    expect_heading(page, "Your updates")
    assert page.url.endswith("/track/updates")
    assert "/l/" not in page.url


def test_the_tracker_works_without_javascript_on_a_small_screen(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), secret_words(parent)
    small = {"width": 320, "height": 640}
    for page in (new_page(java_script_enabled=False), new_page(viewport=small)):
        sign_in_to_tracker(page, case_reference, words)
        assert_fits_the_screen(page)
        page.get_by_role("link", name="Change your contact details").click()
        page.get_by_label("Phone number").fill("07700 900456")
        continue_(page, "Save")
        expect(page.get_by_role("main")).to_contain_text("Your contact details have been saved")


def test_a_child_sees_the_four_steps_and_their_advocate_sees_the_case(new_page, app):
    app.config["FROZEN_NOW"] = ARRIVES
    parent = new_page()
    answer_as_parent_for_child(parent)
    case_reference, words = reference(parent), secret_words(parent)
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=case_reference))
        case.child_led = True
        advocate = create_staff_user(
            db.session, email="nia@example.org", display_name="Nia Advocate",
            role=Role.ADVOCATE, password="a long password",
        )  # fmt: skip
        advocate.totp_secret = SECRET
        db.session.flush()
        advocacy.link_advocate(db.session, case, advocate, advocate, date(2026, 11, 23))
        db.session.commit()

    # The child's updates show where things are, step by step
    child = new_page()
    sign_in_to_tracker(child, case_reference, words)
    steps = child.get_by_role("list", name="Where things are")
    expect(steps.get_by_role("listitem")).to_have_count(4)
    expect(steps.get_by_role("listitem").first).to_contain_text("You told us (now)")
    expect(child.get_by_role("main")).to_contain_text("Nia Advocate can see your complaint")
    assert_accessible(child)

    # Their advocate signs in and sees the case as the child does
    page = new_page()
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Enter the code from your authenticator app").fill(
        pyotp.TOTP(SECRET).at(ARRIVES)
    )
    page.get_by_role("button", name="Continue").click()
    expect_heading(page, "Children you support")
    assert_accessible(page)
    page.get_by_role("link", name=case_reference).click()
    expect(page.get_by_role("main")).to_contain_text("We will contact you by")
    assert_accessible(page)

    # When the child stops the advocate, the case leaves the advocate's list
    child.get_by_role("button", name="Stop Nia Advocate seeing it").click()
    expect(child.get_by_role("alert")).to_contain_text("can no longer see your complaint")
    page.goto("/advocate/")
    expect(page.get_by_role("main")).to_contain_text("not supporting any child's case")
