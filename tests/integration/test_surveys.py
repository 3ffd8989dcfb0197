"""Closing-the-loop surveys: who is invited and when, the link that answers the first
question, saving as they go, "don't ask me again", and the result in the annual report."""

import json
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select, text

from portal.extensions import db
from portal.models import OutboxMessage, SurveyInvitation
from portal.procedure.stages import Step
from portal.procedure.taxonomy import CaseKind

from ..support.cases import closed_case
from .conftest import NOW

TODAY = NOW.date()  # Monday 23 November 2026


@pytest.fixture
def survey_app(make_app):
    app = make_app()
    app.config.update(FROZEN_NOW=NOW, WTF_CSRF_ENABLED=False)
    return app


def send(app, on=NOW):
    app.config["FROZEN_NOW"] = on
    result = app.test_cli_runner().invoke(args=["surveys", "send"])
    assert result.exit_code == 0, result.output
    return result.output


def emails(app, subject=None):
    with app.app_context():
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        return [m for m in db.session.scalars(query) if subject is None or m.subject == subject]


def links(message):
    return re.findall(r"http://\S+/survey/open/\S+", message.body_text)


def path_of(link):
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def test_a_closed_case_gets_one_invitation_whose_token_is_kept_only_as_a_hash(survey_app):
    closed_case(survey_app, "S-1")
    assert "Queued 1 invitation(s)" in send(survey_app)
    assert "Queued 0 invitation(s)" in send(survey_app)  # running again sends nothing twice
    [message] = emails(survey_app)
    assert message.to_address == "person@example.org"
    assert message.subject == "How did we do?"
    first_question = "Did we keep you informed while we looked into it?"
    assert first_question in message.body_text
    answer_links = links(message)
    assert [link.rsplit("=", 1)[1] for link in answer_links] == ["yes", "not_sure", "no"]
    token = answer_links[0].split("/survey/open/")[1].split("?")[0]
    with survey_app.app_context():
        stored = db.session.execute(text("SELECT * FROM survey_invitations")).all()
    assert token not in repr(stored)


@pytest.mark.parametrize(
    "details",
    [
        {"closed_on": TODAY - timedelta(days=30)},  # closed long ago (an imported case)
        {"preferred": "phone"},  # asked to hear from us by phone
        {"email": None},
        {"step": Step.WITHDRAWN},
        {"kind": CaseKind.COMPLIMENT},
    ],
)
def test_who_is_not_invited(survey_app, details):
    closed_case(survey_app, "S-2", **details)
    send(survey_app)
    assert emails(survey_app) == []


def test_one_reminder_after_seven_days_and_never_more(survey_app):
    closed_case(survey_app, "S-3")
    send(survey_app)
    assert "0 reminder(s)" in send(survey_app, NOW + timedelta(days=6))
    assert "1 reminder(s)" in send(survey_app, NOW + timedelta(days=7))
    assert "0 reminder(s)" in send(survey_app, NOW + timedelta(days=14))
    first, reminder = emails(survey_app)
    assert "This is a reminder" in reminder.body_text
    # The reminder carries a new link; the first email's link no longer opens the survey.
    client = survey_app.test_client()
    assert client.get(path_of(links(first)[0])).status_code == 410
    assert client.get(path_of(links(reminder)[0])).status_code == 303


def test_a_child_is_asked_again_eight_weeks_after_the_case_closed(survey_app):
    closed_case(survey_app, "S-CHILD", child=True, email="child@example.org")
    closed_case(survey_app, "S-ADULT", email="adult@example.org")
    send(survey_app)
    assert "0 follow-up(s)" in send(survey_app, NOW + timedelta(weeks=8) - timedelta(days=1))
    assert "1 follow-up(s)" in send(survey_app, NOW + timedelta(weeks=8))
    follow_up = emails(survey_app, "Have things got better?")
    assert [m.to_address for m in follow_up] == ["child@example.org"]
    assert "Have things got better?" in follow_up[0].body_text


def test_a_click_on_an_answer_in_the_email_chooses_it_and_the_token_leaves_the_address(
    survey_app,
):
    closed_case(survey_app, "S-4", child=True)
    send(survey_app)
    [message] = emails(survey_app)
    assert message.subject == "Tell us how it went"
    assert "Did you know what you could ask for?" in message.body_text
    # An email scanner opens every link: nothing is saved by opening one
    for link in links(message):
        survey_app.test_client().get(path_of(link))
    client = survey_app.test_client()
    response = client.get(path_of(links(message)[0]))  # the "Yes" link
    assert response.status_code == 303
    assert response.headers["Location"] == "/survey/question/1"
    with survey_app.app_context():
        assert db.session.scalar(select(SurveyInvitation)).answered() == {}
    page = client.get("/survey/question/1").get_data(as_text=True)
    assert re.search(r'value="yes"\s+checked', page) or re.search(r'checked[^>]*value="yes"', page)
    assert client.post("/survey/question/1", data={"answer": "yes"}).status_code == 303
    with survey_app.app_context():
        assert db.session.scalar(select(SurveyInvitation)).answered() == {"rights": "yes"}


def test_the_child_finishes_and_the_answers_reach_the_annual_report(survey_app):
    closed_case(survey_app, "S-5", child=True)
    send(survey_app)
    client = survey_app.test_client()
    client.get(path_of(links(emails(survey_app)[0])[2]))  # "No" to the first question
    assert client.post("/survey/question/1", data={"answer": "no"}).status_code == 303
    for number in range(2, 8):
        response = client.post(f"/survey/question/{number}", data={"answer": "yes"})
        assert response.status_code == 303
    assert response.headers["Location"] == "/survey/finish"
    assert client.post("/survey/finish").headers["Location"] == "/survey/done"
    # The link is spent once the survey is sent.
    assert client.get(path_of(links(emails(survey_app)[0])[0])).status_code == 410
    report = survey_app.test_cli_runner().invoke(
        args=["report", "annual", "--year", "2026", "--format", "json"]
    )
    satisfaction = json.loads(report.output)["children"]["satisfaction"]
    assert satisfaction["satisfied"] == 1 and satisfaction["none"] == 0


def test_a_missing_answer_is_asked_for_again_and_nothing_is_lost(survey_app):
    closed_case(survey_app, "S-6")
    send(survey_app)
    client = survey_app.test_client()
    client.get(path_of(links(emails(survey_app)[0])[0]))
    client.post("/survey/question/2", data={"answer": "no"})
    page = client.post("/survey/question/3", data={})
    assert page.status_code == 200
    assert "Choose an answer" in page.get_data(as_text=True)
    back = client.get("/survey/question/2").get_data(as_text=True)
    assert re.search(r'value="no"\s+checked', back)


def test_an_adult_comments_and_answers_equality_questions_which_are_optional(survey_app):
    closed_case(survey_app, "S-7")
    send(survey_app)
    client = survey_app.test_client()
    client.get(path_of(links(emails(survey_app)[0])[0]))
    for number in range(1, 6):
        client.post(f"/survey/question/{number}", data={"answer": "not_sure"})
    assert client.get("/survey/comments").status_code == 200
    client.post("/survey/comments", data={"comments": "The letter was clear."})
    response = client.post("/survey/about-you", data={"age": "35_44", "sex": "prefer_not_to_say"})
    assert response.headers["Location"] == "/survey/done"
    with survey_app.app_context():
        invitation = db.session.scalar(select(SurveyInvitation))
        answers = invitation.answered()
        assert invitation.completed_at is not None
    assert answers["comments"] == "The letter was clear."
    assert answers["equality.age"] == "35_44" and answers["equality.sex"] == "prefer_not_to_say"
    assert "equality.religion" not in answers


def test_dont_ask_me_again_is_respected_for_every_case_at_that_address(survey_app):
    closed_case(survey_app, "S-8", email="Someone@Example.org")
    send(survey_app)
    client = survey_app.test_client()
    client.get(path_of(links(emails(survey_app)[0])[0]))
    assert client.post("/survey/stop").headers["Location"] == "/survey/stopped"
    # No reminder, and a later case at the same address (written differently) is not asked.
    closed_case(
        survey_app, "S-9", email="someone@example.org ", closed_on=TODAY + timedelta(days=7)
    )
    output = send(survey_app, NOW + timedelta(days=7))
    assert "0 invitation(s)" in output and "0 reminder(s)" in output
    with survey_app.app_context():
        raw = db.session.execute(text("SELECT * FROM survey_opt_outs")).all()
    assert len(raw) == 1 and "example.org" not in repr(raw).lower()


def test_a_link_expires_after_thirty_days(survey_app):
    closed_case(survey_app, "S-10", preferred=None)
    send(survey_app)
    link = path_of(links(emails(survey_app)[0])[0])
    survey_app.config["FROZEN_NOW"] = NOW + timedelta(days=30)
    assert survey_app.test_client().get(link).status_code == 410


def test_survey_pages_without_an_open_survey_say_the_link_no_longer_works(survey_app):
    page = survey_app.test_client().get("/survey/question/1")
    assert page.status_code == 410
    assert "This survey link no longer works" in page.get_data(as_text=True)
