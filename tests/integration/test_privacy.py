"""Retention, erasure and subject access, on SQLite and PostgreSQL: a complaint carrying a
marker in its name, email and free text is sent through the real forms, worked by staff,
then erased; the marker is then in no table (and, on SQLite, not in the database file or
its write-ahead log), while the annual report is unchanged."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    AuditEvent,
    Base,
    Case,
    Person,
    Role,
    SurveyAnswer,
    SurveyInvitation,
)
from portal.procedure.surveys import Questionnaire, Round
from portal.services.staff import create_staff_user

from .conftest import PASSWORD, signed_in
from .test_casework import date_parts, post, web_complaint
from .test_complaint_intake import PARENT_FOR_CHILD

MARKER = "Qzvxjkw"


def email_of(marker: str) -> str:
    return "".join(c for c in marker.lower() if c.isalnum()) + "@example.org"


def marked_answers(marker: str) -> list:
    """The parent's complaint with the marker in names, email and every free-text answer."""
    changed = {
        "child": {"child_name": f"{marker} Child"},
        "what-happened": {"what_happened": f"Visits with {marker} were cancelled."},
        "outcome": {"wanted_outcome": f"Regular visits for {marker}."},
        "contact": {"full_name": f"{marker} Parent", "email": email_of(marker)},
    }
    return [(slug, {**data, **changed.get(slug, {})}) for slug, data in PARENT_FOR_CHILD]


def send_marked_complaint(app, marker=MARKER) -> str:
    web = app.test_client()
    for slug, data in marked_answers(marker):
        assert web.post(f"/complain/{slug}", data=data).status_code == 303, slug
    assert web.post("/complain/check").status_code == 303
    with app.app_context():
        return db.session.scalar(select(Case.reference).order_by(Case.id.desc()))


def worked_and_withdrawn(app, reference, marker=MARKER):
    """Triaged, a message and a note with the marker in them, then withdrawn (closed)."""
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    post(officer, f"{base}/triage", {"decision": "statutory"})
    post(officer, f"{base}/message", {"body": f"Dear {marker}, we will call on Tuesday."})
    post(officer, f"{base}/note", {"body": f"{marker} prefers afternoons."})
    post(officer, f"{base}/withdraw", {"on": date_parts(date(2026, 11, 23))})
    assert officer.get(base).status_code == 200  # a look at the case, for the audit trail
    return officer


def annual(cli, year=2026):
    result = cli.invoke(args=["report", "annual", "--year", str(year)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def tables_holding(app, marker) -> list[str]:
    """Every table with a row whose text holds the marker (any case)."""
    found = []
    with app.app_context():
        for table in Base.metadata.sorted_tables:
            rows = db.session.execute(select(table)).all()
            if marker.lower() in repr(rows).lower():
                found.append(table.name)
    return found


def sqlite_files(app) -> list[Path]:
    with app.app_context():
        path = Path(db.engine.url.database)
    return [path, Path(f"{path}-wal")]


def in_sqlite_files(app, marker) -> bool:
    data = b"".join(p.read_bytes() for p in sqlite_files(app) if p.exists())
    return marker.lower().encode() in data.lower()


def is_sqlite(app) -> bool:
    with app.app_context():
        return db.engine.dialect.name == "sqlite"


def test_erasure_removes_the_person_everywhere_and_leaves_the_report_alone(casework_app):
    app = casework_app
    other = web_complaint(app)
    reference = send_marked_complaint(app)
    worked_and_withdrawn(app, reference)
    cli = app.test_cli_runner()
    before = annual(cli)
    assert before["complaints"]["received"] == 2
    held = tables_holding(app, MARKER)
    assert {"people", "case_statements", "case_messages", "outbox_messages"} <= set(held)
    if is_sqlite(app):
        assert in_sqlite_files(app, MARKER)

    refused = cli.invoke(args=["cases", "erase", reference, "--decided-by", "officer@example.org"])
    assert refused.exit_code == 1
    assert "Only a complaints manager can decide to erase a case" in refused.output
    erased = cli.invoke(args=["cases", "erase", reference, "--decided-by", "head@example.org"])
    assert erased.exit_code == 0, erased.output
    assert f"Erased the personal data on case {reference}" in erased.output
    assert "2 people" in erased.output and MARKER.lower() not in erased.output.lower()

    assert tables_holding(app, MARKER) == []
    if is_sqlite(app):
        assert not in_sqlite_files(app, MARKER)
        assert sqlite_files(app)[1].stat().st_size == 0  # the log was checkpointed and emptied
    assert annual(cli) == before
    with app.app_context():
        case, untouched = (db.session.scalar(select(Case).filter_by(reference=r))
                           for r in (reference, other))  # fmt: skip
        assert case.stages[0].outcome.value == "withdrawn"  # the statistics stay
        assert db.session.scalar(select(sa.func.count()).where(Person.case_id == untouched.id)) == 2
        head = db.session.scalar(select(AuditEvent).filter_by(action="case.erased"))
        assert (head.case_id, head.actor_kind.value, head.details) == (case.id, "staff", {})

    again = cli.invoke(args=["cases", "erase", reference, "--decided-by", "head@example.org"])
    assert again.exit_code == 1 and "already been removed" in again.output
    page = signed_in(app, "head@example.org").get(f"/staff/cases/{reference}")
    assert "Removed on " in page.get_data(as_text=True)  # (the audit trail's real clock)


def test_an_open_case_cannot_be_erased(casework_app):
    app = casework_app
    reference = send_marked_complaint(app)
    cli = app.test_cli_runner()
    result = cli.invoke(args=["cases", "erase", reference, "--decided-by", "head@example.org"])
    assert result.exit_code == 1 and "still open" in result.output
    assert "people" in tables_holding(app, MARKER)


def test_the_case_page_shows_how_long_personal_data_is_kept(casework_app):
    app = casework_app
    reference = send_marked_complaint(app)
    head = signed_in(app, "head@example.org")
    page = head.get(f"/staff/cases/{reference}").get_data(as_text=True)
    assert "Personal data kept until" in page and "While the case is open" in page
    worked_and_withdrawn(app, reference)
    page = head.get(f"/staff/cases/{reference}").get_data(as_text=True)
    # A child born 27 March 2014: kept until 27 March 2039, their 25th birthday.
    assert "27 March 2039" in page


def test_purge_removes_only_what_is_due_and_a_second_run_does_nothing(casework_app):
    app = casework_app
    adult = send_marked_complaint(app)
    child = send_marked_complaint(app, "Wkjvzxq")
    kept = send_marked_complaint(app, "Jqkvzxw")
    with app.app_context():
        for reference, closed in ((adult, date(2020, 11, 23)), (child, date(2020, 11, 23)),
                                  (kept, date(2020, 11, 24))):  # fmt: skip
            case = db.session.scalar(select(Case).filter_by(reference=reference))
            case.closed_on, case.step = closed, "withdrawn"
        # The first is an adult's own complaint: no child on it.
        first = db.session.scalar(select(Case).filter_by(reference=adult))
        db.session.execute(sa.delete(Person).where(Person.case_id == first.id,
                                                   Person.role == "child"))  # fmt: skip
        db.session.commit()
    cli = app.test_cli_runner()
    before = annual(cli, 2026)
    first_run = cli.invoke(args=["retention", "purge"])
    assert first_run.exit_code == 0, first_run.output
    assert "Removed the personal data of 1 case(s)" in first_run.output
    assert MARKER.lower() not in first_run.output.lower()
    assert tables_holding(app, MARKER) == []
    assert tables_holding(app, "Wkjvzxq") and tables_holding(app, "Jqkvzxw")
    if is_sqlite(app):
        assert not in_sqlite_files(app, MARKER) and in_sqlite_files(app, "Jqkvzxw")
    second_run = cli.invoke(args=["retention", "purge"])
    assert second_run.output.strip() == "No case is due: nothing removed."
    assert annual(cli, 2026) == before


def test_erasing_imported_cases_keeps_every_year_of_the_report(cli, sandwell_data):
    assert cli.invoke(args=["cases", "import", str(sandwell_data)]).exit_code == 0
    years = (2018, 2019, 2020, 2021)
    before = {year: annual(cli, year) for year in years}
    with cli.app.app_context():
        create_staff_user(db.session, email="head@example.org", display_name="Head",
                          role=Role.COMPLAINTS_MANAGER, password=PASSWORD)  # fmt: skip
        db.session.commit()
        # Repeat complainants: two closed cases sharing a person key.
        repeat = db.session.execute(
            select(Case.person_key).where(Case.person_key.is_not(None), Case.closed_on.is_not(None))
            .group_by(Case.person_key).having(sa.func.count() >= 2).limit(3)
        ).scalars().all()  # fmt: skip
        assert repeat
        references = [
            db.session.scalar(select(Case.reference).where(
                Case.person_key == key, Case.closed_on.is_not(None)).limit(1))
            for key in repeat
        ]  # fmt: skip
    for reference in references:
        result = cli.invoke(args=["cases", "erase", reference, "--decided-by", "head@example.org"])
        assert result.exit_code == 0, result.output
    with cli.app.app_context():
        left = db.session.scalars(select(Case.person_key).where(Case.person_key.in_(repeat)))
        assert left.all() == []  # the keys that led back to the old system are gone
    assert {year: annual(cli, year) for year in years} == before


def answered_survey(app, reference, marker=MARKER):
    """A closing survey the person answered, with a comment and an equality answer."""
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
        invitation = SurveyInvitation(
            case_id=case.id, round=Round.CLOSING, questionnaire=Questionnaire.ADULT,
            token_hash="0" * 64, sent_at=now, expires_at=now,
        )  # fmt: skip
        invitation.answers = [
            SurveyAnswer(question="fairly", value="no"),
            SurveyAnswer(question="equality.religion", value="buddhist"),
            SurveyAnswer(question="comments", value=f"{marker} felt unheard."),
        ]
        db.session.add(invitation)
        db.session.commit()


def test_subject_access_holds_everything_about_the_person_and_nothing_else(casework_app, tmp_path):
    app = casework_app
    other = web_complaint(app)
    reference = send_marked_complaint(app)
    worked_and_withdrawn(app, reference)
    answered_survey(app, reference)
    cli = app.test_cli_runner()
    output = tmp_path / "copy.html"
    result = cli.invoke(
        args=["cases", "subject-access", reference.lower(), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    copy = output.read_text(encoding="utf-8")
    for held in (
        f"{MARKER} Parent", f"{MARKER.lower()}@example.org", f"{MARKER} Child", "27 March 2014",
        f"Visits with {MARKER} were cancelled.", f"Regular visits for {MARKER}.",
        f"Dear {MARKER}, we will call on Tuesday.", f"{MARKER} prefers afternoons.",
        "Internal note", "Withdrawn", "Do you feel you were treated fairly?", "Buddhist",
        f"{MARKER} felt unheard.", "Complaint sent online", "Case viewed",
        "Complaints officer, staff number", "We have received your complaint",
        "27 March 2039",  # kept until the child's 25th birthday
    ):  # fmt: skip
        assert held in copy, held
    for elsewhere in (other, "Alex Parent", "alex@example.org", "officer@example.org"):
        assert elsewhere not in copy
    with app.app_context():
        made = db.session.scalar(select(AuditEvent).filter_by(action="case.subject_access"))
        assert made.case_id == db.session.scalar(select(Case.id).filter_by(reference=reference))

    erased = cli.invoke(args=["cases", "erase", reference, "--decided-by", "head@example.org"])
    assert erased.exit_code == 0
    after = cli.invoke(args=["cases", "subject-access", reference])
    assert after.exit_code == 0 and MARKER.lower() not in after.output.lower()
    assert "We hold no names or contact details on this case." in after.output
    assert "Personal data erased at the person&#39;s request" in after.output


def test_subject_access_escapes_what_people_wrote(casework_app, tmp_path):
    app = casework_app
    reference = send_marked_complaint(app, "<script>alert(1)</script>")
    result = app.test_cli_runner().invoke(args=["cases", "subject-access", reference])
    assert "<script>alert(1)</script>" not in result.output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.output
