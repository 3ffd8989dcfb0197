"""Everything a member of staff reads about one case, and what can be done to it next."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import (
    CASE_VIEWED,
    AuditEvent,
    Case,
    CaseIssue,
    CaseMessage,
    CaseStatement,
    CaseTheme,
    LearningForm,
    Letter,
    Person,
    Stage,
)
from ..procedure.calendar import working_days_between
from ..procedure.deadlines import (
    PanelDates,
    Timeliness,
    Timescales,
    acknowledgement_due,
    panel_dates,
    stage_due,
    timeliness,
)
from ..procedure.participation import is_followed_up, may_correct
from ..procedure.stages import Step, next_steps, stage_step
from ..procedure.taxonomy import CaseKind, Outcome
from ..procedure.text import N_


@dataclass(frozen=True)
class StageLine:
    """A stage with its due date and whether it was, or is being, answered in time."""

    stage: Stage
    due_on: date
    timeliness: Timeliness
    working_days_left: int


@dataclass(frozen=True)
class CaseView:
    """A case with its people, their words, its stages, letters, messages and history."""

    case: Case
    people: list[Person]
    statement: CaseStatement | None
    stages: list[StageLine]
    acknowledge_by: date
    panel: PanelDates | None
    letters: list[Letter]
    messages: list[CaseMessage]
    timeline: list[AuditEvent]
    actions: frozenset[str]


def case_view(session: Session, reference: str, today: date, rules: Timescales) -> CaseView | None:
    """The case with this reference, or None."""
    case = session.scalar(
        select(Case)
        .where(Case.reference == reference)
        .options(
            selectinload(Case.team),
            selectinload(Case.stages),
            selectinload(Case.case_themes).selectinload(CaseTheme.theme),
            selectinload(Case.issues).selectinload(CaseIssue.category),
            selectinload(Case.learning).selectinload(LearningForm.actions),
        )
    )
    if case is None:
        return None
    return CaseView(
        case=case,
        people=list(session.scalars(select(Person).where(Person.case_id == case.id))),
        statement=session.get(CaseStatement, case.id),
        stages=[_stage_line(case, stage, today, rules) for stage in case.stages],
        acknowledge_by=acknowledgement_due(case.received_on, rules),
        panel=_panel(case, rules),
        letters=_newest_first(session, Letter, Letter.sent_at, case.id),
        messages=_newest_first(session, CaseMessage, CaseMessage.created_at, case.id),
        # Each opening of the case is in the audit trail (and a subject access copy), not
        # on the timeline: there it says nothing about the case, and a case opened
        # hundreds of times would list, and render, every opening.
        timeline=_newest_first(
            session, AuditEvent, AuditEvent.occurred_at, case.id, AuditEvent.action != CASE_VIEWED
        ),
        actions=available_actions(case),
    )


def find_case(session: Session, reference: str) -> Case | None:
    """The case with this reference, however it was typed (spaces, lower case)."""
    typed = "".join(reference.split()).upper()
    return session.scalar(select(Case).where(Case.reference == typed))


def _newest_first(
    session: Session, model: type, stamp: object, case_id: int, *conditions: object
) -> list:
    query = (
        select(model)
        .where(model.case_id == case_id, *conditions)
        .order_by(stamp.desc(), model.id.desc())
    )
    return list(session.scalars(query))


def _stage_line(case: Case, stage: Stage, today: date, rules: Timescales) -> StageLine:
    due = stage_due(case.procedure, stage.number, stage.started_on, stage.extended, rules)
    return StageLine(
        stage, due, timeliness(due, stage.responded_on, today), working_days_between(today, due)
    )


def _panel(case: Case, rules: Timescales) -> PanelDates | None:
    stage = case.stage(3)
    if stage is None:
        return None
    panel = case.panel
    return panel_dates(
        stage.started_on, panel and panel.panel_on, panel and panel.findings_on, rules
    )


def available_actions(case: Case) -> frozenset[str]:
    """The changes the case's state allows now (the staff side decides who may make them)."""
    actions = {"message", "note", "new_words"} | ({"advocates"} if case.child_led else set())
    if case.safeguarding:
        actions.add("safeguarding")
    if _loop_to_close(case):
        actions.add("follow_up")
    if case.triaged_on is None:
        return frozenset(actions | {"triage"})
    actions.add("details")
    if case.kind is CaseKind.COMPLAINT:
        actions |= _complaint_actions(case)
    elif case.closed_on is None:
        actions.add("close")
    else:
        actions.add("reopen")
    if case.learning is not None:
        actions.add("learning")
    return frozenset(actions)


def _loop_to_close(case: Case) -> bool:
    """A closed child-led case the participation team follows up, whose result is not yet
    recorded or was recorded by an officer (and may be corrected)."""
    closed = is_followed_up(
        case.kind, case.child_led, case.step, case.closed_on, case.declined_reason is not None
    )
    return closed and (case.satisfaction is None or may_correct(case.satisfaction.method))


def _complaint_actions(case: Case) -> set[str]:
    actions: set[str] = set()
    step = case.step
    if case.declined_reason is not None:
        return {"letter_not_accepted", "reopen"}
    if step is not None and step.stage_number:
        actions |= {"issues", "outcomes", "response", "withdraw", "extension"}
        if case.acknowledged_on is None and step is Step.STAGE_1:
            actions.add("acknowledge")
        if step is Step.STAGE_2:
            actions.add("investigation")
        if step is Step.STAGE_3:
            actions.add("panel")
    if step is Step.MEDIATION:
        actions |= {"mediation", "withdraw"}
    if step in (Step.CLOSED, Step.WITHDRAWN):
        actions.add("reopen")
        if step is Step.CLOSED and _can_escalate(case):
            actions.add("escalate")
    if case.ombudsman is None:
        actions.add("ombudsman")
    elif case.ombudsman.decision is None:
        actions.add("ombudsman_decision")
    if case.stage(2) is not None and step is not Step.STAGE_2:
        actions.add("investigation")
    if case.stage(3) is not None and step is not Step.STAGE_3:
        actions.add("panel")
    return actions


def _can_escalate(case: Case) -> bool:
    last = case.stages[-1] if case.stages else None
    if last is None or last.responded_on is None or case.procedure is None:
        return False
    if last.outcome is Outcome.WITHDRAWN:
        return False
    allowed = next_steps(case.procedure, stage_step(last.number))
    return any(step.stage_number == last.number + 1 for step in allowed)


#: Readable titles of the audit trail's action codes.
EVENT_TITLES = {
    "case.imported": N_("Imported from another system"),
    "complaint.submitted": N_("Complaint sent online"),
    "compliment.submitted": N_("Compliment sent online"),
    CASE_VIEWED: N_("Case viewed"),
    "case.triaged": N_("Triaged"),
    "case.details_changed": N_("Team, manager or themes changed"),
    "case.acknowledged": N_("Acknowledged"),
    "issue.added": N_("Issue added"),
    "issue.removed": N_("Issue removed"),
    "issue.outcomes_recorded": N_("Outcomes recorded"),
    "stage.extended": N_("Extension agreed"),
    "stage.started": N_("Stage started"),
    "stage.responded": N_("Response sent"),
    "letter.sent": N_("Letter sent"),
    "message.sent": N_("Message sent to the person"),
    "note.added": N_("Internal note added"),
    "mediation.offered": N_("Mediation offered"),
    "mediation.result": N_("Mediation result recorded"),
    "investigation.recorded": N_("Stage 2 investigation recorded"),
    "panel.recorded": N_("Review panel recorded"),
    "ombudsman.received": N_("Ombudsman enquiry received"),
    "ombudsman.decided": N_("Ombudsman decision recorded"),
    "case.withdrawn": N_("Withdrawn"),
    "case.closed": N_("Closed"),
    "case.reopened": N_("Reopened"),
    "learning.returned": N_("Learning form returned"),
    "learning.action_added": N_("Learning action added"),
    "learning.action_implemented": N_("Learning action implemented"),
    "learning.published": N_("Learning action published as 'You said, we did'"),
    "learning.statement_changed": N_("'You said, we did' statement changed"),
    "learning.unpublished": N_("'You said, we did' statement taken off the public page"),
    "tracker.signed_in": N_("The person signed in to see their updates"),
    "tracker.link_sent": N_("A sign-in link was emailed to the person"),
    "tracker.link_used": N_("The person signed in with an emailed link"),
    "tracker.words_reissued": N_("New secret words given to the person"),
    "message.received": N_("Message from the person"),
    "stage.requested": N_("The person asked for the next stage"),
    "mediation.accepted": N_("The person accepted mediation"),
    "contact.changed": N_("The person changed their contact details"),
    "advocate.requested": N_("The person asked for an advocate"),
    "safeguarding.flagged": N_("Flagged: the child may not be safe"),
    "safeguarding.decided": N_("Safeguarding decision recorded"),
    "young.submitted": N_("Sent online by a child or young person"),
    "advocacy.requested": N_("Advocacy request sent online"),
    "card.emailed": N_("The child's card was emailed to a grown-up they chose"),
    "advocate.linked": N_("An advocate was given access, with the child's consent"),
    "advocate.consent_withdrawn": N_("Consent to an advocate was withdrawn"),
    "satisfaction.recorded": N_("Follow-up result recorded"),
    "satisfaction.corrected": N_("Follow-up result corrected"),
    "retention.purged": N_("Personal data removed: the retention date had passed"),
    "case.erased": N_("Personal data erased at the person's request"),
    "case.subject_access": N_("Copy of the personal data made for the person"),
    "email.retried": N_("An email that could not be sent was tried again"),
}


def event_title(action: str) -> str:
    """The English title of an audit action code (the code itself if it has none)."""
    return EVENT_TITLES.get(action, action)
