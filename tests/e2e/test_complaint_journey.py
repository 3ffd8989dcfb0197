"""Adults complain online: as a parent for a child, and as a foster carer for themselves."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Case, OutboxMessage, Person, PersonRole
from portal.procedure.stages import Step
from portal.procedure.taxonomy import Procedure

from ..support.browser import SMALL_SCREEN, assert_accessible
from .pages import (
    answer_as_foster_carer,
    answers_shown,
    choose,
    continue_,
    expect_heading,
    fill_date,
    reference,
    secret_words,
    start_complaint,
)


def test_a_parent_complains_for_a_child(page: Page, app, inbox):
    # Given a parent on the home page
    start_complaint(page)

    # When they answer each question, one per page
    expect_heading(page, "Who are you?")
    continue_(page)  # nothing chosen: an error, which must be accessible too
    expect(page.get_by_role("alert")).to_contain_text("Select who you are")
    expect(page).to_have_title(re.compile("^Error: Who are you?"))
    assert_accessible(page)
    choose(page, "Who are you?", "A parent")
    continue_(page)

    choose(page, "Who is the complaint for?", "A child or young person")
    continue_(page)

    expect_heading(page, "About the child")
    page.get_by_label("Child's full name").fill("Sam Example")
    fill_date(page, "Child's date of birth (if you know it)", "27", "3", "2014")
    choose(page, "Is the child in care?", "Yes")
    continue_(page)

    choose(page, "Does the child know about this complaint, and agree to it?", "Yes")
    continue_(page)

    page.get_by_label("What happened?").fill("The social worker cancelled three visits.")
    continue_(page)

    choose(page, "When did it happen?", "On a particular day")
    continue_(page)
    fill_date(page, "What date did it happen?", "3", "11", "2025")
    continue_(page)

    page.get_by_label("Which team is it about?").select_option("Fostering")
    continue_(page)

    page.get_by_label("What would you like to happen?").fill("A regular visit, and an apology.")
    continue_(page)

    expect_heading(page, "Your contact details")
    page.get_by_label("Your full name").fill("Alex Parent")
    page.get_by_label("Email address").fill("not-an-email")
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address in the correct")
    expect(page.get_by_label("Your full name")).to_have_value("Alex Parent")  # nothing lost
    assert_accessible(page)
    page.get_by_label("Email address").fill("alex@example.org")
    continue_(page)

    choose(page, "How should we contact you?", "Email")
    continue_(page)

    page.get_by_role("checkbox", name="Letters in large print").check()
    continue_(page)

    # Then they can check every answer, and change one
    expect_heading(page, "Check your answers before sending your complaint")
    for shown in ("Sam Example", "27 March 2014", "Letters in large print", "Fostering"):
        assert shown in answers_shown(page)
    assert_accessible(page)
    page.get_by_role("link", name="Change What happened?").click()
    page.get_by_label("What happened?").fill("The social worker cancelled four visits.")
    page.get_by_role("button", name="Continue").click()
    expect_heading(page, "Check your answers")
    assert "four visits" in answers_shown(page)

    # When they send it
    continue_(page, "Send your complaint")

    # Then they see their reference and five secret words, once
    expect(page.get_by_role("heading", name="Complaint sent")).to_be_visible()
    words = secret_words(page)
    assert len(words) == 5
    sent_reference = reference(page)
    expect(page.get_by_text(re.compile(r"We will contact you by \w+day \d+ \w+"))).to_be_visible()
    assert_accessible(page)
    page.reload()
    expect(page.get_by_role("region", name="Your secret words")).to_have_count(0)
    assert reference(page) == sent_reference

    # And one case awaits triage, routed to the statutory procedure, with one email queued
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        assert case.reference == sent_reference
        assert (case.procedure, case.procedure_confirmed) == (Procedure.STATUTORY, False)
        assert case.step is Step.AWAITING_TRIAGE
        assert case.team.name == "Fostering"
        child = db.session.scalars(select(Person).filter_by(role=PersonRole.CHILD)).one()
        assert (child.full_name, child.consent, child.in_care) == ("Sam Example", "yes", "yes")
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1

    # And the acknowledgement reaches the mail server, with the reference but not the words
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert "Sent 1 message(s)." in result.output
    [message] = inbox.messages
    assert message["To"] == "alex@example.org"
    body = message.get_payload(decode=True).decode()
    assert sent_reference in message["Subject"] and sent_reference in body
    assert " ".join(words) not in body and "visits" not in body


@pytest.mark.parametrize(
    "options",
    [{}, SMALL_SCREEN, {"java_script_enabled": False}],
    ids=["standard", "320px", "no-javascript"],
)
def test_a_foster_carer_complains_for_themselves_by_phone(new_page, app, options):
    page = new_page(**options)
    answer_as_foster_carer(page)
    assert_accessible(page)
    # A double click on Send (the browser sends the form twice when JavaScript is off)
    page.get_by_role("button", name="Send your complaint").dblclick()
    expect(page.get_by_role("heading", name="Complaint sent")).to_be_visible()

    with app.app_context():
        case = db.session.scalars(select(Case)).one()  # one case, however many clicks
        assert case.procedure is Procedure.CORPORATE
        assert case.routing_reason == "foster_carer"
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_court_sends_a_compliment(new_page, app, script):
    page = new_page(java_script_enabled=script)
    page.goto("/")
    page.get_by_role("link", name="Send a compliment").click()
    expect_heading(page, "Send a compliment")
    page.get_by_label("Which team is your compliment about?").select_option("Fostering")
    choose(page, "Who are you?", "Someone from a court")
    page.get_by_label("Your compliment", exact=True).fill("A thorough and fair report.")
    choose(page, "Can we share your compliment with the worker or team?", "Yes")
    continue_(page, "Send your compliment")
    expect(page.get_by_role("heading", name="Thank you for your compliment")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="What did you think of this form?").click()
    choose(page, "Overall, how did you feel about filling in this form?", "Very satisfied")
    continue_(page, "Send feedback")
    expect_heading(page, "Thank you for your feedback")
    assert_accessible(page)
