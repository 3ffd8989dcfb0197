"""A complaint taken through every stage by staff, through the test client, on SQLite and
PostgreSQL: each change is one form, one service call, one audit event."""

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import (
    AuditEvent,
    Case,
    CaseMessage,
    IssueCategory,
    LearningCategory,
    Letter,
    OutboxMessage,
    Role,
    StaffUser,
    Team,
)
from portal.procedure.stages import Step
from portal.services.staff import create_staff_user

from .conftest import PASSWORD, SECRET, signed_in
from .test_compliments_and_feedback import compliment
from .test_staff_access import open_complaint, web_complaint


def ids(app, model, *names):
    with app.app_context():
        rows = db.session.scalars(select(model).where(model.name.in_(names)))
        found = {row.name: row.id for row in rows}
        return [found[name] for name in names]


def user_id(app, email):
    with app.app_context():
        return db.session.scalar(select(StaffUser.id).filter_by(email=email))


def date_parts(day):
    return [str(day.day), str(day.month), str(day.year)]


def post(client, url, data, follow_to=None):
    response = client.post(url, data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    if follow_to:
        assert response.headers["Location"] == follow_to
    return response


def case_of(app, reference):
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        for loaded in (case.stages, case.issues, case.ombudsman, case.learning):
            assert loaded is None or loaded is not ...  # load them while the session is open
        db.session.expunge_all()
        return case


def actions(app, reference):
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        query = select(AuditEvent).where(AuditEvent.case_id == case.id).order_by(AuditEvent.id)
        return [event.action for event in db.session.scalars(query)]


def test_a_statutory_complaint_through_every_stage(casework_app, inbox):
    app = casework_app
    reference = web_complaint(app)
    base = f"/staff/cases/{reference}"
    officer = signed_in(app, "officer@example.org")
    (team,) = ids(app, Team, "Fostering")
    communication, conduct = ids(
        app, IssueCategory, "Unsatisfactory Communication", "Contact Issues"
    )
    manager_id = user_id(app, "manager@example.org")

    # Triage: a statutory complaint, assigned to the investigating manager, split in two
    post(officer, f"{base}/triage", {
        "decision": "statutory", "team": str(team), "assignee": str(manager_id),
        "advocacy_offer": "made",
    }, follow_to=f"{base}/issues")  # fmt: skip
    post(officer, f"{base}/issues", {"issue": f"{communication}:"})
    post(officer, f"{base}/issues", {"issue": f"{conduct}:"})
    page = officer.get(f"{base}/issues").get_data(as_text=True)
    assert "2 issues" in page and "Contact Issues" in page

    # The acknowledgement letter is drafted with the real due date, edited, and emailed
    draft = officer.get(f"{base}/acknowledge").get_data(as_text=True)
    assert "Monday 7 December 2026" in draft  # 10 working days from 23 November
    assert "Dear Alex Parent" in draft
    post(officer, f"{base}/acknowledge", {"body": "Dear Alex Parent,\nWe have your complaint."})
    with app.app_context():
        letter = db.session.scalars(select(Letter)).one()
        assert letter.emailed and letter.kind.value == "acknowledgement"
        subject = OutboxMessage.subject.contains("we have received it")
        email = db.session.scalars(select(OutboxMessage).where(subject)).one()
        assert email.to_address == "alex@example.org"

    # The investigating manager sees the case, agrees an extension and answers each issue
    manager = signed_in(app, "manager@example.org")
    assert reference in manager.get("/staff/").get_data(as_text=True)
    assert signed_in(app, "other@example.org").get(base).status_code == 404
    post(manager, f"{base}/extension", {
        "agreed_on": date_parts(date(2026, 11, 30)), "agreed_by": "manager", "how": "telephone",
        "reason": "The social worker is on leave until 4 December.",
    })  # fmt: skip
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        issue_ids = [issue.id for issue in case.issues]
    post(manager, f"{base}/outcomes", {f"issue_{issue_ids[0]}": "upheld",
                                       f"issue_{issue_ids[1]}": "not_upheld"})  # fmt: skip
    letter = manager.get(f"{base}/response").get_data(as_text=True)
    assert "Partially" not in letter and "Upheld" in letter and "stage 2" in letter
    post(manager, f"{base}/response", {"body": "Our response.",
                                       "responded_on": date_parts(date(2026, 12, 10))})  # fmt: skip
    case = case_of(app, reference)
    assert case.step is Step.CLOSED and case.stages[0].outcome.value == "partially_upheld"
    assert case.stages[0].extended

    # The complainant asks for stage 2: mediation is offered first, and declined
    post(officer, f"{base}/escalate", {"requested_on": date_parts(date(2026, 12, 14)),
                                       "offer_mediation": "yes"})  # fmt: skip
    assert case_of(app, reference).step is Step.MEDIATION
    post(officer, f"{base}/mediation", {"result": "declined",
                                        "on": date_parts(date(2026, 12, 16))})  # fmt: skip
    case = case_of(app, reference)
    assert case.step is Step.STAGE_2 and case.stages[1].started_on == date(2026, 12, 16)

    # Stage 2 with its three people, answered late
    post(officer, f"{base}/investigation", {
        "investigating_officer": "Ivy Officer", "independent_person": "Ian Person",
        "adjudicating_officer": "Ada Officer", "report_on": date_parts(date(2027, 1, 29)),
        "adjudication_on": "",
    })  # fmt: skip
    post(manager, f"{base}/outcomes", {f"issue_{issue_ids[0]}": "upheld",
                                       f"issue_{issue_ids[1]}": "upheld"})  # fmt: skip
    post(manager, f"{base}/response", {"body": "Adjudication.",
                                       "responded_on": date_parts(date(2027, 2, 26))})  # fmt: skip
    page = officer.get(base).get_data(as_text=True)
    assert "Ivy Officer" in page and "Late" in page

    # Stage 3: the review panel, then the final response
    post(officer, f"{base}/escalate", {"requested_on": date_parts(date(2027, 3, 1))})
    post(officer, f"{base}/panel", {
        "chair": "Chris Chair", "member_2": "Mo Member", "member_3": "Pat Member",
        "panel_on": date_parts(date(2027, 3, 22)), "findings_on": date_parts(date(2027, 3, 25)),
        "findings": "The panel upheld both issues.",
    })  # fmt: skip
    post(officer, f"{base}/outcomes", {f"issue_{issue_ids[0]}": "upheld",
                                       f"issue_{issue_ids[1]}": "upheld"})  # fmt: skip
    final = officer.get(f"{base}/response").get_data(as_text=True)
    assert "Ombudsman" in final
    post(officer, f"{base}/response", {"body": "Final response.",
                                       "responded_on": date_parts(date(2027, 4, 9))})  # fmt: skip
    assert "escalate" not in officer.get(base).get_data(as_text=True)

    # The Ombudsman enquires and decides
    post(officer, f"{base}/ombudsman", {"received_on": date_parts(date(2027, 5, 3))})
    assert case_of(app, reference).step is Step.OMBUDSMAN
    post(officer, f"{base}/ombudsman/decision", {
        "decision": "fault_found", "decided_on": date_parts(date(2027, 7, 1)),
        "remedy": "Apologise and pay.", "payment": "250.00",
    })  # fmt: skip
    case = case_of(app, reference)
    assert case.step is Step.CLOSED and case.ombudsman.payment_pence == 25000

    # Learning: the manager returns the form with an action; the head marks it done
    (training,) = ids(app, LearningCategory, "Training")
    post(manager, f"{base}/learning", {"categories": [str(training)]})
    post(manager, f"{base}/learning/actions/new", {
        "description": "Refresher on returning calls", "owner": "Team manager",
        "due_on": date_parts(date(2027, 8, 1)),
    })  # fmt: skip
    head = signed_in(app, "head@example.org")
    assert reference in head.get("/staff/learning").get_data(as_text=True)
    with app.app_context():
        action_id = (
            db.session.scalar(select(Case).filter_by(reference=reference)).learning.actions[0].id
        )
    assert manager.get(f"{base}/learning/actions/{action_id}/implemented").status_code == 403
    post(head, f"{base}/learning/actions/{action_id}/implemented", {
        "implemented_on": date_parts(date(2027, 7, 20)), "difference_made": "Calls returned.",
    })  # fmt: skip
    assert case_of(app, reference).learning.implemented_on == date(2027, 7, 20)
    assert reference not in head.get("/staff/learning").get_data(as_text=True)

    # Every change is on the audit trail, with no free text in it
    trail = actions(app, reference)
    expected = {
        "case.triaged", "issue.added", "letter.sent", "case.acknowledged", "stage.extended",
        "issue.outcomes_recorded", "stage.responded", "mediation.offered", "mediation.result",
        "investigation.recorded", "stage.started", "panel.recorded", "ombudsman.received",
        "ombudsman.decided", "learning.returned", "learning.action_added",
        "learning.action_implemented",
    }  # fmt: skip
    assert expected <= set(trail)
    with app.app_context():
        details = " ".join(str(e.details) for e in db.session.scalars(select(AuditEvent)))
    assert (
        "Alex" not in details and "panel upheld" not in details and "Calls returned" not in details
    )


def test_a_refused_change_says_why_and_keeps_what_was_typed(casework_app):
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    post(officer, f"{base}/triage", {"decision": "corporate"})
    # Responding before any issue has an outcome is refused, and the letter is kept
    response = officer.post(f"{base}/response", data={
        "body": "My careful letter.", "responded_on": date_parts(date(2026, 11, 24))})  # fmt: skip
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Add the issues of the complaint before responding" in page
    assert "My careful letter." in page
    # An extension agreed before the stage started is refused
    response = officer.post(f"{base}/extension", data={
        "agreed_on": date_parts(date(2020, 1, 1)), "agreed_by": "me", "how": "email",
        "reason": "Waiting for a report."})  # fmt: skip
    assert "on or after the day the stage started" in response.get_data(as_text=True)
    assert not case_of(app, reference).stages[0].extended


def test_not_taken_on_then_reopened_goes_back_to_triage(casework_app):
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    missing = officer.post(f"{base}/triage", data={"decision": "declined"})
    assert "Choose why it is not taken on" in missing.get_data(as_text=True)
    declined = {"decision": "declined", "declined_reason": "court_proceedings"}
    post(officer, f"{base}/triage", declined, follow_to=f"{base}/not-accepted")
    assert "a matter for the court" in officer.get(f"{base}/not-accepted").get_data(as_text=True)
    assert reference not in officer.get("/staff/").get_data(as_text=True)
    post(officer, f"{base}/reopen", {})
    assert reference in officer.get("/staff/").get_data(as_text=True)


def test_withdrawing_ends_the_open_stage_and_reopening_keeps_its_dates(casework_app):
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    post(officer, f"{base}/triage", {"decision": "statutory"})
    post(officer, f"{base}/withdraw", {"on": date_parts(date(2026, 11, 24))})
    case = case_of(app, reference)
    assert case.step is Step.WITHDRAWN and case.stages[0].outcome.value == "withdrawn"
    post(officer, f"{base}/reopen", {})
    case = case_of(app, reference)
    assert case.step is Step.STAGE_1 and case.stages[0].responded_on is None
    assert case.stages[0].started_on == case.received_on


def test_a_compliment_goes_to_its_team_by_email(casework_app):
    app = casework_app
    with app.app_context():
        db.session.scalar(select(Team).filter_by(name="Fostering")).email = "fostering@example.org"
        db.session.commit()
    web = app.test_client()
    compliment(web, message="Our social worker was brilliant.", source="parent")
    with app.app_context():
        reference = db.session.scalar(select(Case.reference).filter_by(kind="compliment"))
    officer = signed_in(app, "officer@example.org")
    post(
        officer,
        f"/staff/cases/{reference}/triage",
        {"decision": "compliment", "team": ids(app, Team, "Fostering")[0]},
    )
    with app.app_context():
        sent = db.session.scalars(
            select(OutboxMessage).filter_by(to_address="fostering@example.org")
        ).one()
        assert "brilliant" in sent.body_text
    assert reference in officer.get("/staff/compliments?team=Fostering").get_data(as_text=True)


def test_daily_reminders_go_to_assignees_and_the_manager_once_a_day(casework_app, tmp_path):
    app = casework_app
    path = tmp_path / "open.jsonl"
    path.write_text("\n".join([
        open_complaint("T-LATE", "2026-11-02"),  # due 16 Nov: overdue
        open_complaint("T-SOON", "2026-11-11"),  # due 25 Nov: 2 working days left
        open_complaint("T-LATER", "2026-11-20"),  # due 4 Dec: not yet
    ]) + "\n")  # fmt: skip
    cli = app.test_cli_runner()
    assert cli.invoke(args=["cases", "import", str(path)]).exit_code == 0
    manager_id = user_id(app, "manager@example.org")
    with app.app_context():
        for case in db.session.scalars(select(Case)):
            case.assignee_id = manager_id
        db.session.commit()
    assert "Queued 2 reminder email(s)." in cli.invoke(args=["reminders", "send"]).output
    assert "already been sent" in cli.invoke(args=["reminders", "send"]).output
    with app.app_context():
        to_manager = db.session.scalars(
            select(OutboxMessage).filter_by(to_address="manager@example.org")).one()  # fmt: skip
        summary = db.session.scalars(
            select(OutboxMessage).filter_by(to_address="head@example.org")).one()  # fmt: skip
    assert "T-LATE: overdue since Mon 16 Nov" in to_manager.body_text
    assert "T-SOON: due Wed 25 Nov" in to_manager.body_text
    assert "T-LATER" not in to_manager.body_text
    assert "3 open stages" in summary.body_text and "1 overdue" in summary.body_text


def test_messages_reach_the_person_and_notes_stay_with_staff(casework_app):
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    empty = officer.post(f"{base}/message", data={"body": " "})
    assert "Enter the message" in empty.get_data(as_text=True)
    post(officer, f"{base}/message", {"body": "We will call you on Tuesday."})
    post(officer, f"{base}/note", {"body": "Parent prefers afternoons."})
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        messages = {m.body: m.internal for m in db.session.scalars(
            select(CaseMessage).filter_by(case_id=case.id))}  # fmt: skip
    assert messages == {"We will call you on Tuesday.": False, "Parent prefers afternoons.": True}
    page = officer.get(base).get_data(as_text=True)
    assert "Internal note" in page and "Message to the person" in page
    assert {"message.sent", "note.added"} <= set(actions(app, reference))


def test_the_participation_team_follows_up_informal_feedback(casework_app):
    app = casework_app
    with app.app_context():
        user = create_staff_user(db.session, email="pat@example.org", display_name="Pat",
                                 role=Role.PARTICIPATION_OFFICER, password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    participation = signed_in(app, "pat@example.org")
    # Not a child's case yet: the participation officer cannot open it
    assert participation.get(f"/staff/cases/{reference}").status_code == 404
    post(officer, f"/staff/cases/{reference}/triage", {"decision": "informal_feedback"})
    queue = participation.get("/staff/").get_data(as_text=True)
    assert "1 other open contact" in queue and reference in queue
    post(participation, f"/staff/cases/{reference}/close", {"on": date_parts(date(2026, 11, 24))})
    case = case_of(app, reference)
    assert case.kind.value == "informal_feedback" and case.closed_on == date(2026, 11, 24)
    assert reference not in participation.get("/staff/").get_data(as_text=True)


def test_closing_a_complaint_asks_its_manager_for_the_learning(casework_app):
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    (category,) = ids(app, IssueCategory, "Contact Issues")
    manager_id = str(user_id(app, "manager@example.org"))
    post(officer, f"{base}/triage", {"decision": "statutory", "assignee": manager_id})
    post(officer, f"{base}/issues", {"issue": f"{category}:"})
    with app.app_context():
        issue_id = db.session.scalar(select(Case).filter_by(reference=reference)).issues[0].id
    post(officer, f"{base}/outcomes", {f"issue_{issue_id}": "upheld"})
    post(officer, f"{base}/response", {"body": "Response.",
                                       "responded_on": date_parts(date(2026, 11, 23))})  # fmt: skip
    with app.app_context():
        query = select(OutboxMessage).filter_by(to_address="manager@example.org")
        email = db.session.scalars(query).one()
    assert email.subject == f"Learning form for complaint {reference}"
    assert f"/staff/cases/{reference}/learning" in email.body_text
    assert case_of(app, reference).learning.sent_on == date(2026, 11, 23)


def test_a_contact_not_taken_on_is_not_exported(casework_app):
    app = casework_app
    kept = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    declined = web_complaint(app)
    post(officer, f"/staff/cases/{declined}/triage",
         {"decision": "declined", "declined_reason": "other_organisation"})  # fmt: skip
    output = app.test_cli_runner().invoke(args=["cases", "export"]).output
    assert kept in output and declined not in output
