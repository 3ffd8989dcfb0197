"""Closing the loop, on the staff side: the survey results (counted in SQL, filtered, with
small equality groups hidden), who may read them, and the participation team's worklist,
whose recorded follow-ups the annual report counts.

Today is Monday 23 November 2026: the reporting year 2026/27 began on 1 April."""

import html
import json
import re
import secrets
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    AuditEvent,
    Case,
    Person,
    PersonRole,
    Role,
    SatisfactionResult,
    SurveyAnswer,
    SurveyInvitation,
)
from portal.procedure.deadlines import DEFAULT_TIMESCALES
from portal.procedure.stages import Step
from portal.procedure.surveys import Questionnaire, Round
from portal.procedure.taxonomy import Procedure
from portal.reports.survey_results import SurveyFilter, survey_results
from portal.services.interchange import import_cases
from portal.services.staff import create_staff_user

from .conftest import NOW, PASSWORD, SECRET, signed_in

YEAR_START = date(2026, 4, 1)


@pytest.fixture
def app(casework_app):
    """The casework team, with a participation officer, a viewer and an advocate too."""
    with casework_app.app_context():
        for email, role in (("pat@example.org", Role.PARTICIPATION_OFFICER),
                            ("vic@example.org", Role.VIEWER),
                            ("ada@example.org", Role.ADVOCATE)):  # fmt: skip
            user = create_staff_user(db.session, email=email, display_name=email.split("@")[0],
                                     role=role, password=PASSWORD)  # fmt: skip
            user.totp_secret = SECRET
        db.session.commit()
    return casework_app


def record(reference, kind="complaint", *, team="Fostering", procedure="statutory",
           child_led=False, closed_on="2026-10-01", received_on="2026-09-01",
           satisfaction=None):  # fmt: skip
    """A case in the interchange format; a complaint closed by its stage 1 response."""
    stages = []
    if kind == "complaint":
        stages = [{"stage": 1, "started_on": received_on, "extended": False,
                   "responded_on": closed_on, "outcome": "not_upheld"}]  # fmt: skip
    return json.dumps({
        "reference": reference, "kind": kind, "procedure": procedure if stages else None,
        "received_on": received_on, "channel": "web",
        "submitted_by": "young_person" if child_led else "parent", "child_led": child_led,
        "advocate_supported": False, "person_key": None, "team": team, "locality": None,
        "themes": [], "stages": stages, "issues": [], "mediation": None, "ombudsman": None,
        "satisfaction": {"status": satisfaction} if satisfaction else None, "learning": None,
        "compliment_source": None,
    })  # fmt: skip


@pytest.fixture
def add_case(app):
    """Adds a case (see :func:`record`); other kinds are closed on ``closed_on`` too."""

    def add(reference, kind="complaint", **fields):
        with app.app_context():
            import_cases(db.session, [record(reference, kind, **fields)], DEFAULT_TIMESCALES)
            case = db.session.scalar(select(Case).filter_by(reference=reference))
            if kind != "complaint" and fields.get("closed_on", "2026-10-01"):
                case.closed_on = date.fromisoformat(fields.get("closed_on", "2026-10-01"))
            db.session.commit()
            return case.id

    return add


@pytest.fixture
def add_survey(app, add_case):
    """Adds a case with a survey sent on ``sent`` and the given answers, each given an hour
    after the one before."""

    def add(reference, questionnaire, sent, answers=(), completed=False,
            round_=Round.CLOSING, **case_fields):  # fmt: skip
        case_id = add_case(reference, **case_fields)
        with app.app_context():
            invitation = SurveyInvitation(
                case_id=case_id, round=round_, questionnaire=questionnaire,
                token_hash=secrets.token_hex(32), sent_at=sent, expires_at=sent + timedelta(30),
                completed_at=sent + timedelta(days=1) if completed else None,
            )  # fmt: skip
            invitation.answers = [
                SurveyAnswer(question=key, value=value, answered_at=sent + timedelta(hours=n + 1))
                for n, (key, value) in enumerate(dict(answers).items())
            ]
            db.session.add(invitation)
            db.session.commit()

    return add


def at(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.fixture
def adult_surveys(add_survey):
    """Five adult surveys sent this year, one sent last year, and a young person's."""
    adult, october = Questionnaire.ADULT, date(2026, 10, 5)
    add_survey("T-A1", adult, at(october), {"informed": "yes", "understood": "yes",
               "comments": "The officer kept me informed."}, completed=True)  # fmt: skip
    add_survey("T-A2", adult, at(october), {"informed": "yes", "understood": "not_sure"},
               completed=True)  # fmt: skip
    add_survey("T-A3", adult, at(october), {"informed": "no"})
    add_survey("T-A4", adult, at(october))
    add_survey("T-A5", adult, at(october, 12), {"informed": "yes", "comments": "Too slow."},
               completed=True, team="Disabled Children", procedure="corporate")  # fmt: skip
    add_survey("T-A6", adult, at(date(2026, 3, 15)), {"informed": "no"}, completed=True,
               received_on="2026-02-01", closed_on="2026-03-10")  # fmt: skip
    add_survey("T-Y1", Questionnaire.YOUNG, at(october), {"rights": "yes"}, completed=True,
               child_led=True)  # fmt: skip


def results(app, **chosen):
    chosen = {"questionnaire": Questionnaire.ADULT, "sent_from": YEAR_START,
              "sent_to": NOW.date(), **chosen}  # fmt: skip
    with app.app_context():
        return survey_results(db.session, SurveyFilter(**chosen))


def shares(result):
    return {share.value: (share.count, share.pct) for share in result.shares}


def text(response):
    """A page's words, one space between each, as a person reads them."""
    words = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html.unescape(words).split())


def test_results_count_each_answer_and_the_take_up_of_the_period(app, adult_surveys):
    got = results(app)
    (closing,) = got.rounds  # adults are asked once
    assert (closing.take_up.sent, closing.take_up.started, closing.take_up.completed) == (5, 4, 3)
    assert (closing.take_up.started_pct, closing.take_up.completed_pct) == (80, 60)
    informed, understood = closing.questions[0], closing.questions[1]
    assert informed.answered == 4
    assert shares(informed) == {"yes": (3, 75), "not_sure": (0, 0), "no": (1, 25)}
    assert shares(understood) == {"yes": (1, 50), "not_sure": (1, 50), "no": (0, 0)}
    assert closing.questions[2].answered == 0 and shares(closing.questions[2])["yes"] == (0, None)
    # Comments newest first, each with its case; the one sent last year is not counted
    assert [(c.reference, c.text) for c in got.comments] == [
        ("T-A5", "Too slow."), ("T-A1", "The officer kept me informed.")]  # fmt: skip
    assert got.comment_count == 2


def test_results_are_filtered_by_team_procedure_period_and_questionnaire(app, adult_surveys):
    fostering = results(app, team="Fostering").rounds[0]
    assert fostering.take_up.sent == 4
    assert shares(fostering.questions[0]) == {"yes": (2, 67), "not_sure": (0, 0), "no": (1, 33)}
    corporate = results(app, procedure=Procedure.CORPORATE).rounds[0]
    assert corporate.take_up.sent == 1 and shares(corporate.questions[0])["yes"] == (1, 100)
    wider = results(app, sent_from=date(2026, 3, 1)).rounds[0]
    assert wider.take_up.sent == 6 and shares(wider.questions[0])["no"] == (2, 40)
    october_only = results(app, sent_from=date(2026, 10, 6), sent_to=date(2026, 10, 31))
    assert october_only.rounds[0].take_up.sent == 0
    young = results(app, questionnaire=Questionnaire.YOUNG)
    assert [r.round for r in young.rounds] == [Round.CLOSING, Round.FOLLOW_UP]
    assert young.rounds[0].take_up.sent == 1 and shares(young.rounds[0].questions[0])["yes"][0] == 1
    assert young.comments == []


def test_the_page_shows_tables_charts_and_comments_with_filters_in_the_url(app, adult_surveys):
    officer = signed_in(app, "officer@example.org")
    page = officer.get("/staff/surveys?questionnaire=adult")
    assert page.status_code == 200
    words = text(page)
    assert "Surveys sent from 1 April 2026 to 23 November 2026" in words
    assert "Sent 5 Started (at least one answer) 4 80% Completed 3 60%" in words
    assert "Yes 3 75% Not sure 0 0% No 1 25%" in words
    assert words.index("Too slow.") < words.index("The officer kept me informed.")
    assert 'href="/staff/cases/T-A5"' in page.get_data(as_text=True)
    assert '<svg class="portal-chart" role="img"' in page.get_data(as_text=True)
    fostering = text(officer.get("/staff/surveys?questionnaire=adult&team=Fostering"))
    assert "Sent 4" in fostering and "team: Fostering" in fostering and "Too slow." not in fostering
    dates = "&sent_from=1&sent_from=3&sent_from=2026&sent_to=31&sent_to=3&sent_to=2026"
    march = text(officer.get("/staff/surveys?questionnaire=adult" + dates))
    assert "Sent 1" in march and "No 1 100%" in march
    backwards = "&sent_from=1&sent_from=4&sent_from=2026&sent_to=31&sent_to=3&sent_to=2026"
    refused = text(officer.get("/staff/surveys?questionnaire=adult" + backwards))
    assert "There is a problem" in refused and "Sent 1" not in refused
    # Children's results by default, with no comments or equality sections to show
    children = text(officer.get("/staff/surveys"))
    assert "Children (7 to 11)" in children and "Did we take you seriously?" in children
    assert "Eight weeks after the case closed" in children and "Equality monitoring" not in children


def test_equality_answers_are_shown_only_where_at_least_5_people_answered(app, add_survey):
    sexes = ["female", "female", "female", "male", "male"]
    for number, sex in enumerate(sexes):
        answers = {"equality.sex": sex}
        if number < 4:
            answers["equality.age"] = "35_44"
        add_survey(f"T-E{number}", Questionnaire.ADULT, at(date(2026, 10, 5)), answers)
    equality = {result.question.key: result for result in results(app).equality}
    assert equality["age"].shares is None  # 4 people: hidden
    assert shares(equality["sex"]) == {"female": (3, 60), "male": (2, 40),
                                       "prefer_not_to_say": (0, 0)}  # fmt: skip
    words = text(signed_in(app, "vic@example.org").get("/staff/surveys?questionnaire=adult"))
    age = words.split("What is your age?")[1].split("Do you consider yourself")[0]
    assert age.strip() == (
        "Fewer than 5 people answered this question, so its answers are not shown."
    )
    assert "35 to 44" not in words
    assert "Female 3 60% Male 2 40% Prefer not to say 0 0%" in words


@pytest.mark.parametrize(
    ("email", "results_page", "worklist"),
    [
        ("officer@example.org", 200, 403),
        ("head@example.org", 200, 200),
        ("pat@example.org", 200, 200),
        ("vic@example.org", 200, 403),
        ("manager@example.org", 403, 403),
        ("ada@example.org", 403, 403),
    ],
    ids=["complaints officer", "complaints manager", "participation officer", "viewer",
         "investigating manager", "advocate"],
)  # fmt: skip
def test_who_may_read_the_results_and_the_worklist(app, add_case, email, results_page, worklist):
    add_case("T-LOOP", child_led=True)
    client = signed_in(app, email)
    assert client.get("/staff/surveys").status_code == results_page
    assert client.get("/staff/participation").status_code == worklist
    assert client.get("/staff/participation/T-LOOP").status_code == worklist


def test_anyone_not_signed_in_is_sent_to_sign_in(app, add_case):
    add_case("T-LOOP", child_led=True)
    anonymous = app.test_client()
    for url in ("/staff/surveys", "/staff/participation", "/staff/participation/T-LOOP"):
        assert anonymous.get(url).headers["Location"].startswith("/staff/sign-in"), url
    assert (
        anonymous.post("/staff/participation/T-LOOP")
        .headers["Location"]
        .startswith("/staff/sign-in")
    )


@pytest.fixture
def worklist_cases(app, add_case, add_survey):
    add_survey("T-SENT", Questionnaire.YOUNG, at(date(2026, 10, 2)), child_led=True,
               closed_on="2026-10-01")  # fmt: skip
    add_case("T-FEEDBACK", "informal_feedback", child_led=True, closed_on="2026-09-01")
    add_survey("T-DONE", Questionnaire.YOUNG, at(date(2026, 11, 2)), {"rights": "yes"},
               completed=True, kind="advocacy_request", child_led=True,
               closed_on="2026-11-01")  # fmt: skip
    add_case("T-OLD", child_led=True, closed_on="2026-08-24", received_on="2026-08-01")
    add_case("T-EDGE", child_led=True, closed_on="2026-08-25", received_on="2026-08-01")
    add_case("T-HAS-RESULT", child_led=True, satisfaction="satisfied")
    add_case("T-ADULT", child_led=False)
    add_case("T-OPEN", child_led=True, closed_on=None)
    with app.app_context():
        sent = db.session.scalar(select(Case).filter_by(reference="T-SENT"))
        db.session.add(Person(case_id=sent.id, role=PersonRole.CHILD, preferred_contact="phone"))
        db.session.commit()


def test_the_worklist_lists_closed_child_led_cases_without_a_result_longest_closed_first(
    app, worklist_cases
):
    page = signed_in(app, "pat@example.org").get("/staff/participation")
    words = text(page)
    # T-EDGE closed exactly 90 days ago, so it is in; T-OLD closed the day before
    assert "4 cases to follow up, longest closed first" in words
    assert re.findall(r">(T-[A-Z-]+)</a></th>", page.get_data(as_text=True)) == [
        "T-EDGE", "T-FEEDBACK", "T-SENT", "T-DONE"]  # fmt: skip
    assert "T-SENT Complaint 1 Oct 2026 Sent 2 Oct 2026, not answered Phone" in words
    assert "T-FEEDBACK Informal feedback 1 Sep 2026 Not sent Not given" in words
    assert "T-DONE Advocacy request 1 Nov 2026 Completed 3 Nov 2026" in words


def post_follow_up(client, reference, **fields):
    data = {"status": "satisfied", "method": "phone", "on": ["23", "11", "2026"], **fields}
    return client.post(f"/staff/participation/{reference}", data=data)


def annual(app, year=2026):
    result = app.test_cli_runner().invoke(
        args=["report", "annual", "--year", str(year), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_follow_up_is_recorded_audited_and_counted_by_the_annual_report(app, worklist_cases):
    before = annual(app)["children"]["satisfaction"]
    officer = signed_in(app, "pat@example.org")
    form = text(officer.get("/staff/participation/T-SENT"))
    assert "Record the follow-up result" in form and "Sent 2 Oct 2026, not answered" in form
    response = post_follow_up(officer, "T-SENT")
    assert response.status_code == 303 and response.headers["Location"] == "/staff/participation"
    worklist = officer.get("/staff/participation", follow_redirects=True)
    assert "Follow-up result saved for T-SENT" in text(worklist)
    assert ">T-SENT<" not in worklist.get_data(as_text=True)
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference="T-SENT"))
        result = db.session.get(SatisfactionResult, case.id)
        assert (result.status.value, result.method, result.recorded_on) == (
            "satisfied", "phone", date(2026, 11, 23))  # fmt: skip
        assert result.recorded_by_id is not None
        event = db.session.scalar(
            select(AuditEvent).filter_by(case_id=case.id, action="satisfaction.recorded")
        )
        assert event.details == {"status": "satisfied", "method": "phone", "on": "2026-11-23"}
    after = annual(app)["children"]["satisfaction"]
    assert after["satisfied"] == before["satisfied"] + 1 and after["none"] == before["none"] - 1


def test_a_follow_up_can_be_corrected_by_the_officer_and_the_report_follows(app, worklist_cases):
    officer = signed_in(app, "pat@example.org")
    assert post_follow_up(officer, "T-SENT").status_code == 303
    assert post_follow_up(officer, "T-SENT").status_code == 303  # sent twice: no change
    form = text(officer.get("/staff/participation/T-SENT"))
    assert "Correct the follow-up result" in form
    assert "Recorded as Satisfied (Phone call) on 23 November 2026" in form
    assert post_follow_up(officer, "T-SENT", status="not_satisfied",
                          method="in_person").status_code == 303  # fmt: skip
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference="T-SENT"))
        actions = db.session.scalars(
            select(AuditEvent.action).filter_by(case_id=case.id).where(
                AuditEvent.action.like("satisfaction.%")).order_by(AuditEvent.id)
        ).all()  # fmt: skip
        assert actions == ["satisfaction.recorded", "satisfaction.corrected"]
        assert case.satisfaction.method == "in_person"
    satisfaction = annual(app)["children"]["satisfaction"]
    assert satisfaction["not_satisfied"] == 1 and satisfaction["satisfied"] == 1  # T-HAS-RESULT


def test_bad_follow_ups_are_refused_with_a_reason(app, worklist_cases):
    officer = signed_in(app, "pat@example.org")
    survey = post_follow_up(officer, "T-SENT", method="survey")
    assert survey.status_code == 200 and "There is a problem" in text(survey)
    early = post_follow_up(officer, "T-SENT", on=["30", "9", "2026"])
    assert "The follow-up cannot be before the case closed" in text(early)
    missing = post_follow_up(officer, "T-SENT", status="")
    assert "Choose the result" in text(missing)
    # Not closed, not child-led, or a result that is the person's own: nothing to record
    assert officer.get("/staff/participation/T-OPEN").status_code == 409
    assert post_follow_up(officer, "T-OPEN").status_code == 409
    assert officer.get("/staff/participation/T-HAS-RESULT").status_code == 409
    assert officer.get("/staff/participation/T-NOPE").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Case).filter_by(reference="T-SENT")).satisfaction is None
        adult = db.session.scalar(select(Case).filter_by(reference="T-ADULT"))
        assert adult.step is Step.CLOSED
    head = signed_in(app, "head@example.org")
    assert head.get("/staff/participation/T-ADULT").status_code == 409


def test_the_case_page_offers_the_follow_up_to_the_participation_officer(app, worklist_cases):
    words = text(signed_in(app, "pat@example.org").get("/staff/cases/T-SENT"))
    assert "Record the follow-up result" in words
    officer = text(signed_in(app, "officer@example.org").get("/staff/cases/T-SENT"))
    assert "Record the follow-up result" not in officer
