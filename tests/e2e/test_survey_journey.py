"""Closing the loop, in a browser: a nine-year-old's case closes, the survey invitation
reaches the mail server, a face in the email answers the first question, the child
finishes the survey, and the answers reach the annual report. Eight weeks later (the
clock is moved, not waited for) the child is asked whether things got better."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from portal.models import Role

from ..support.browser import assert_accessible
from ..support.cases import closed_case
from .pages import expect_heading
from .test_staff_casework import at, open_case, sign_in, staff, submit

CLOSES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def send_mail(app, inbox):
    """Run the daily survey job and the outbox, as the scheduler would."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["surveys", "send"]).exit_code == 0
    assert runner.invoke(args=["outbox", "send"]).exit_code == 0
    return inbox.messages


def answer_links(message) -> dict[str, str]:
    body = message.get_payload(decode=True).decode()
    return dict(re.findall(r"^(Yes|Not sure|No): https?://[^/]+(/survey/open/\S+)", body, re.M))


def child_sends_feedback(page: Page) -> str:
    page.goto("/young/7-11")
    page.get_by_role("link", name=re.compile("^Tell you how I feel")).click()
    page.get_by_role("group", name="How do you feel?").get_by_label("Sad", exact=True).check()
    next_(page)
    page.get_by_role("group", name="What is it about?").get_by_label("School").check()
    next_(page)
    page.get_by_label("An email (if you have one)").fill("sam@example.org")
    next_(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    return re.search(r"[A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4}", page.get_by_role("main").inner_text())[0]


def next_(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()


def face(page: Page, question: str, answer: str) -> None:
    expect_heading(page, question)
    assert_accessible(page)
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    next_(page)


def chosen_in_the_email(page: Page, question: str, answer: str) -> None:
    """The answer clicked in the email is chosen, not yet saved: the person sends it on."""
    expect_heading(page, question)
    expect(
        page.get_by_role("group", name=question).get_by_label(answer, exact=True)
    ).to_be_checked()
    next_(page)


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_child_answers_the_survey_from_the_email(new_page, app, inbox, script):
    staff(app, "olu@example.org", "Olu Officer", Role.COMPLAINTS_OFFICER)
    at(app, CLOSES)

    # Given a nine-year-old's feedback, taken on and closed by the complaints officer
    reference = child_sends_feedback(new_page())
    officer = new_page()
    sign_in(officer, "olu@example.org", CLOSES)
    open_case(officer, reference)
    officer.get_by_role("link", name="Triage").click()
    officer.get_by_role("radio", name="Informal feedback (not a formal complaint)").check()
    submit(officer, "Save triage decision")
    officer.get_by_role("navigation", name="What you can do").get_by_role(
        "link", name="Close"
    ).click()
    submit(officer, "Close the case", "Closed")

    # When the invitation reaches the mail server, in the child's words, with faces as links
    [invitation] = [m for m in send_mail(app, inbox) if m["To"] == "sam@example.org"]
    assert invitation["Subject"] == "Tell us how it went"
    links = answer_links(invitation)
    assert set(links) == {"Yes", "Not sure", "No"}

    # And the child clicks "Yes" in the email: "Yes" is chosen on the first question
    child = new_page(java_script_enabled=script)
    child.goto(links["Yes"])
    assert "/survey/open/" not in child.url  # the token left the address bar
    chosen_in_the_email(child, "Did you know what you could ask for?", "Yes")
    face(child, "Do you know what happened because you told us?", "Yes")
    face(child, "Did we take you seriously?", "Yes")
    face(child, "Did we do something about it?", "Not sure")
    face(child, "Did we answer you when we said we would?", "Yes")
    face(child, "Are things better now?", "Yes")
    face(child, "Did you know someone could help you tell us?", "No")
    expect_heading(child, "Send your answers")
    assert_accessible(child)
    with child.expect_navigation():
        child.get_by_role("button", name="Send my answers").click()
    expect(child.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(child)

    # Then the answers are in the annual report (informal feedback, satisfied)
    report = app.test_cli_runner().invoke(
        args=["report", "annual", "--year", "2026", "--format", "json"]
    )
    satisfaction = json.loads(report.output)["informal_feedback"]["satisfaction"]
    assert satisfaction["satisfied"] == 1

    # And the results page shows them to staff
    officer.goto("/staff/surveys?questionnaire=child")
    assert_accessible(officer)
    expect(officer.get_by_role("main")).to_contain_text("Did we take you seriously?")

    # And eight weeks after the case closed, the child is asked if things got better
    def to_the_child():
        return [m for m in send_mail(app, inbox) if m["To"] == "sam@example.org"]

    at(app, CLOSES + timedelta(weeks=8) - timedelta(days=1))
    assert len(to_the_child()) == 1  # nothing new yet (and no reminder: it was answered)
    at(app, CLOSES + timedelta(weeks=8))
    invitation, follow_up = to_the_child()
    assert follow_up["Subject"] == "Have things got better?"
    child.goto(answer_links(follow_up)["Not sure"])
    chosen_in_the_email(child, "Have things got better?", "Not sure")
    expect_heading(child, "Send your answers")


def test_the_adult_survey_ends_with_optional_equality_questions(new_page, app, inbox):
    """Every adult survey page passes axe, and the equality questions can be left blank."""
    at(app, CLOSES)
    closed_case(app, "S-ADULT", email="alex@example.org")
    [message] = send_mail(app, inbox)
    page = new_page()
    page.goto(answer_links(message)["No"])
    chosen_in_the_email(page, "Did we keep you informed while we looked into it?", "No")
    for question in (
        "Did you understand our response and how we reached it?",
        "Did we respond within the time we told you?",
        "Do you feel you were treated fairly?",
        "Would you know how to take it further if you were unhappy?",
    ):
        face(page, question, "Not sure")
    expect_heading(page, "Is there anything else you would like to tell us?")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect_heading(page, "About you")
    assert_accessible(page)
    expect(page.get_by_role("group", name="What is your religion or belief?")).to_contain_text(
        "Prefer not to say"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_accessible(page)


def test_dont_ask_me_again(new_page, app, inbox):
    at(app, CLOSES)
    closed_case(app, "S-STOP", email="alex@example.org")
    [message] = send_mail(app, inbox)
    page = new_page()
    page.goto(answer_links(message)["Yes"])
    page.get_by_role("link", name="Don't ask me again").click()
    expect_heading(page, "Don't ask me again")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Stop asking me").click()
    expect_heading(page, "We will not ask you again")
    assert_accessible(page)
    # A month later the link has expired, and says what to do instead
    at(app, CLOSES + timedelta(days=31))
    page.goto(answer_links(message)["Yes"])
    expect_heading(page, "This survey link no longer works")
    assert_accessible(page)
