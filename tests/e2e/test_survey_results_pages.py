"""A participation officer closes the loop in a browser: the cases to follow up, a result
found by phone, and the survey results, each page checked by axe-core on the way."""

import secrets
from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, Person, PersonRole, Role, SurveyAnswer, SurveyInvitation
from portal.procedure.deadlines import DEFAULT_TIMESCALES
from portal.procedure.surveys import Questionnaire, Round
from portal.services.interchange import import_cases

from ..integration.test_survey_results import record
from ..support.browser import assert_accessible
from .pages import choose, expect_heading
from .test_staff_casework import at, sign_in, staff

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
INFORMED = "Did we keep you informed while we looked into it?"


def a_child_to_follow_up_and_five_adult_surveys(app) -> None:
    """T-LOOP, a child's complaint closed on 1 October; and five adults' answers, three
    saying they were kept informed, each giving their sex (so that table is shown)."""
    lines = [record("T-LOOP", child_led=True)] + [record(f"T-ADULT-{n}") for n in range(5)]
    with app.app_context():
        import_cases(db.session, lines, DEFAULT_TIMESCALES)
        cases = {case.reference: case for case in db.session.scalars(select(Case))}
        person = Person(case_id=cases["T-LOOP"].id, role=PersonRole.CHILD,
                        preferred_contact="phone")  # fmt: skip
        db.session.add(person)
        sent = datetime(2026, 10, 5, 10, tzinfo=UTC)
        for n, informed in enumerate(["yes", "yes", "yes", "no", "not_sure"]):
            invitation = SurveyInvitation(
                case_id=cases[f"T-ADULT-{n}"].id, round=Round.CLOSING,
                questionnaire=Questionnaire.ADULT, token_hash=secrets.token_hex(32),
                sent_at=sent, expires_at=sent + timedelta(days=30),
                completed_at=sent + timedelta(days=1),
            )  # fmt: skip
            sex = "female" if n % 2 else "male"
            invitation.answers = [
                SurveyAnswer(question="informed", value=informed, answered_at=sent),
                SurveyAnswer(question="equality.sex", value=sex, answered_at=sent),
            ]
            db.session.add(invitation)
        db.session.commit()


def test_a_participation_officer_records_a_follow_up_and_reads_the_results(page: Page, app):
    # Given a child's closed complaint with no result yet, and adults' survey answers
    a_child_to_follow_up_and_five_adult_surveys(app)
    staff(app, "pat@example.org", "Pat Participation", Role.PARTICIPATION_OFFICER)
    at(app, NOW)
    sign_in(page, "pat@example.org", NOW)

    # When the officer opens the cases to follow up
    page.get_by_role("link", name="Cases to follow up").click()
    expect_heading(page, "Cases to follow up")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="T-LOOP", exact=True))
    expect(row).to_contain_text("1 Oct 2026")
    expect(row).to_contain_text("Not sent")
    expect(row).to_contain_text("Phone")

    # … and records that the child, called on the phone, was satisfied
    row.get_by_role("link", name="Record the result for T-LOOP").click()
    expect_heading(page, "Record the follow-up result")
    assert_accessible(page)
    choose(page, "What was the result?", "Satisfied")
    choose(page, "How did you follow it up?", "Phone call")
    expect(
        page.get_by_role("group", name="Date of the follow-up").get_by_label("Day")
    ).to_have_value("23")
    with page.expect_navigation():
        page.get_by_role("button", name="Save result").click()

    # Then the case has left the list
    expect(page.get_by_role("alert")).to_contain_text("Follow-up result saved for T-LOOP")
    expect(page.get_by_role("main")).to_contain_text("There are no cases to follow up.")
    assert_accessible(page)

    # And the adults' survey results show each answer's share, in a table and a chart
    page.get_by_role("link", name="Survey results").click()
    expect_heading(page, "Survey results")
    assert_accessible(page)
    choose(page, "Questionnaire", "Adults")
    with page.expect_navigation():
        page.get_by_role("button", name="Show results").click()
    expect(page.get_by_role("img", name=INFORMED)).to_be_visible()
    informed = page.get_by_role("table", name=INFORMED)
    expect(informed.get_by_role("row", name="Yes")).to_contain_text("60%")
    expect(page.get_by_role("table", name="What is your sex?")).to_contain_text("Female")
    expect(page.get_by_role("main")).to_contain_text(
        "Fewer than 5 people answered this question, so its answers are not shown."
    )
    assert_accessible(page)
