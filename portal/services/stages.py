"""Taking a complaint through its stages: extensions, outcomes, responses, escalation,
mediation, the stage 2 and stage 3 people, the Ombudsman, and withdrawing, closing and
reopening."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..models import (
    Case,
    Investigation,
    LearningForm,
    Mediation,
    OmbudsmanEnquiry,
    ReviewPanel,
    StaffUser,
    Stage,
)
from ..notify.emails import queue_learning_form_request
from ..procedure.deadlines import ExtensionAgreement, TimescaleError, Timescales, extended_due
from ..procedure.stages import (
    InvalidTransitionError,
    Step,
    move,
    next_steps,
    reopen,
    stage_step,
)
from ..procedure.taxonomy import (
    CaseKind,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    overall_outcome,
)
from ..procedure.text import N_
from .casework import CaseworkError, record_change


def open_stage(case: Case) -> Stage | None:
    """The stage being worked on now, if any."""
    last = case.stages[-1] if case.stages else None
    return last if last is not None and last.responded_on is None else None


def _require_open_stage(case: Case) -> Stage:
    stage = open_stage(case)
    if stage is None or case.step is not stage_step(stage.number):
        raise CaseworkError(N_("The case has no open stage"))
    return stage


def extend(
    session: Session,
    case: Case,
    actor: StaffUser,
    agreement: ExtensionAgreement,
    reason: str,
    rules: Timescales,
) -> date:
    """Record an agreed extension of the open stage, the only way its due date moves."""
    if not reason.strip():
        raise CaseworkError(N_("Say why more time is needed"), "reason")
    stage = _require_open_stage(case)
    if stage.extended:
        raise CaseworkError(N_("This stage has already been extended"))
    if not rules.allows_extension(case.procedure, stage.number):
        raise CaseworkError(N_("This stage cannot be extended"))
    try:
        due = extended_due(case.procedure, stage.number, stage.started_on, agreement, rules)
    except TimescaleError:
        raise CaseworkError(
            N_("The extension must be agreed on or after the day the stage started"), "agreed_on"
        ) from None
    stage.extended = True
    stage.extension_agreed_on = agreement.agreed_on
    stage.extension_agreed_by = agreement.agreed_by
    stage.extension_how = agreement.how
    stage.extension_reason = reason
    record_change(session, case, actor, "stage.extended", stage=stage.number)
    return due


def record_outcomes(
    session: Session, case: Case, actor: StaffUser, outcomes: dict[int, Outcome]
) -> None:
    """Record the finding on each issue at the open stage."""
    stage = _require_open_stage(case)
    for issue in case.issues:
        if issue.id in outcomes:
            issue.outcome = outcomes[issue.id]
            issue.stage = stage.number
    record_change(session, case, actor, "issue.outcomes_recorded", stage=stage.number)


def respond(
    session: Session, case: Case, actor: StaffUser, responded_on: date, today: date
) -> Stage:
    """Close the open stage with its response; the case closes until the person escalates."""
    stage = _require_open_stage(case)
    if not case.issues:
        raise CaseworkError(N_("Add the issues of the complaint before responding"))
    if any(issue.outcome is None or issue.stage != stage.number for issue in case.issues):
        raise CaseworkError(N_("Record an outcome for every issue before responding"))
    if responded_on < stage.started_on:
        raise CaseworkError(N_("The response cannot be before the stage started"), "responded_on")
    stage.responded_on = responded_on
    stage.outcome = overall_outcome([issue.outcome for issue in case.issues])
    _close(case, responded_on)
    record_change(
        session, case, actor, "stage.responded", stage=stage.number, outcome=stage.outcome.value
    )
    _ask_for_learning(session, case, today)
    return stage


def _close(case: Case, on: date, step: Step = Step.CLOSED) -> None:
    case.left_step = case.step.value if case.step else None
    case.step = step
    case.closed_on = on


def _ask_for_learning(session: Session, case: Case, today: date) -> None:
    """When a complaint closes, a learning form goes to its investigating manager (once)."""
    if case.learning is not None:
        return
    case.learning = LearningForm(sent_on=today)
    if case.assignee is not None:
        queue_learning_form_request(session, case, case.assignee)


def next_stage(case: Case) -> int | None:
    """The stage the person may escalate to after the last response, if there is one."""
    last = case.stages[-1] if case.stages else None
    if last is None or last.responded_on is None or case.step is not Step.CLOSED:
        return None
    try:
        move(case.procedure, stage_step(last.number), stage_step(last.number + 1))
    except (InvalidTransitionError, KeyError):
        return None
    return last.number + 1


def escalate(
    session: Session, case: Case, actor: StaffUser, requested_on: date, offer_mediation: bool
) -> None:
    """The person asked for the next stage: offer mediation first (statutory stage 2),
    or start the next stage from the day they asked."""
    number = next_stage(case)
    if number is None:
        raise CaseworkError(N_("This complaint cannot go to another stage"))
    if requested_on < case.stages[-1].responded_on:
        raise CaseworkError(N_("The request cannot be before the last response"), "requested_on")
    if offer_mediation:
        if number != 2 or Step.MEDIATION not in _forward(case):
            raise CaseworkError(N_("Mediation is offered only before a statutory stage 2"))
        case.mediation = Mediation(offered_on=requested_on)
        _reopen_at(case, Step.MEDIATION)
        record_change(session, case, actor, "mediation.offered")
        return
    _start_stage(case, number, requested_on)
    record_change(session, case, actor, "stage.started", stage=number)


def _forward(case: Case) -> frozenset[Step]:
    return next_steps(case.procedure, stage_step(case.stages[-1].number))


def _reopen_at(case: Case, step: Step) -> None:
    case.escalation_requested_on = None  # a request from the tracker is now answered
    case.step = step
    case.left_step = None
    case.closed_on = None


def _start_stage(case: Case, number: int, started_on: date) -> None:
    case.stages.append(Stage(number=number, started_on=started_on))
    for issue in case.issues:
        issue.outcome = None  # each issue is looked at again at the new stage
        issue.stage = number
    _reopen_at(case, stage_step(number))


def record_mediation_result(
    session: Session, case: Case, actor: StaffUser | None, result: MediationResult, on: date
) -> None:
    """What came of mediation: resolved, declined or progressed (stage 2 starts), or paused."""
    if case.step is not Step.MEDIATION or case.mediation is None:
        raise CaseworkError(N_("Mediation has not been offered on this case"))
    if on < case.mediation.offered_on:
        raise CaseworkError(N_("The date cannot be before mediation was offered"), "on")
    case.mediation.result = result
    if result in (MediationResult.DECLINED, MediationResult.PROGRESSED_TO_STAGE_2):
        _start_stage(case, 2, on)
    elif result in (MediationResult.RESOLVED, MediationResult.REFERRED_TO_OMBUDSMAN):
        _close(case, on)
    record_change(session, case, actor, "mediation.result", result=result.value)


@dataclass(frozen=True)
class InvestigationPeople:
    """The stage 2 investigation's people and dates."""

    investigating_officer: str
    independent_person: str
    adjudicating_officer: str
    report_on: date | None
    adjudication_on: date | None


def record_investigation(
    session: Session, case: Case, actor: StaffUser, people: InvestigationPeople
) -> None:
    """Record (or correct) the stage 2 investigating officer, independent person and
    adjudicating officer, and the dates of the report and the adjudication."""
    if case.stage(2) is None:
        raise CaseworkError(N_("The complaint has not reached stage 2"))
    if people.report_on and people.adjudication_on and people.adjudication_on < people.report_on:
        raise CaseworkError(N_("The adjudication cannot be before the report"), "adjudication_on")
    case.investigation = case.investigation or Investigation()
    for name, value in vars(people).items():
        setattr(case.investigation, name, value)
    record_change(session, case, actor, "investigation.recorded")


@dataclass(frozen=True)
class PanelRecord:
    """The stage 3 review panel's members, date and findings."""

    chair: str
    member_2: str
    member_3: str
    panel_on: date | None
    findings_on: date | None
    findings: str | None


def record_panel(session: Session, case: Case, actor: StaffUser, panel: PanelRecord) -> None:
    """Record (or correct) the stage 3 review panel."""
    stage = case.stage(3)
    if stage is None:
        raise CaseworkError(N_("The complaint has not reached stage 3"))
    if panel.panel_on and panel.panel_on < stage.started_on:
        raise CaseworkError(N_("The panel cannot meet before stage 3 was requested"), "panel_on")
    if panel.findings_on and (panel.panel_on is None or panel.findings_on < panel.panel_on):
        raise CaseworkError(N_("The findings must come on or after the panel date"), "findings_on")
    case.panel = case.panel or ReviewPanel()
    for name, value in vars(panel).items():
        setattr(case.panel, name, value)
    record_change(session, case, actor, "panel.recorded")


def record_ombudsman_enquiry(
    session: Session, case: Case, actor: StaffUser, received_on: date
) -> None:
    """The Ombudsman asked about the case (at any point)."""
    if case.kind is not CaseKind.COMPLAINT:
        raise CaseworkError(N_("Ombudsman enquiries are recorded on complaints"))
    if case.ombudsman is not None:
        raise CaseworkError(N_("An Ombudsman enquiry is already recorded"))
    case.ombudsman = OmbudsmanEnquiry(received_on=received_on)
    if case.step is Step.CLOSED:
        case.step = Step.OMBUDSMAN  # the case waits on the Ombudsman (where it left stays)
        case.closed_on = None
    record_change(session, case, actor, "ombudsman.received")


@dataclass(frozen=True)
class OmbudsmanOutcome:
    """The Ombudsman's decision."""

    decision: OmbudsmanDecision
    decided_on: date
    remedy: str | None
    payment_pence: int | None


def record_ombudsman_decision(
    session: Session, case: Case, actor: StaffUser, outcome: OmbudsmanOutcome
) -> None:
    """Record the Ombudsman's decision, remedy and payment; a case waiting on it closes."""
    enquiry = case.ombudsman
    if enquiry is None:
        raise CaseworkError(N_("Record the Ombudsman's enquiry first"))
    if outcome.decided_on < enquiry.received_on:
        raise CaseworkError(N_("The decision cannot be before the enquiry"), "decided_on")
    enquiry.decision = outcome.decision
    enquiry.decided_on = outcome.decided_on
    enquiry.remedy = outcome.remedy or None
    enquiry.payment_pence = outcome.payment_pence
    if case.step is Step.OMBUDSMAN:
        case.step = Step.CLOSED
        case.closed_on = outcome.decided_on
    record_change(session, case, actor, "ombudsman.decided", decision=outcome.decision.value)


def withdraw(session: Session, case: Case, actor: StaffUser | None, on: date) -> None:
    """The person withdrew: the open stage ends with every open issue withdrawn."""
    if case.kind is not CaseKind.COMPLAINT or case.step is None or not case.step.is_open:
        raise CaseworkError(N_("Only an open complaint can be withdrawn"))
    stage = open_stage(case)
    if stage is not None:
        if on < stage.started_on:
            raise CaseworkError(N_("The date cannot be before the stage started"), "on")
        for issue in case.issues:
            issue.outcome = issue.outcome or Outcome.WITHDRAWN
        stage.responded_on = on
        stage.outcome = Outcome.WITHDRAWN
    _close(case, on, Step.WITHDRAWN)
    record_change(session, case, actor, "case.withdrawn")


def close(session: Session, case: Case, actor: StaffUser, on: date) -> None:
    """Close a contact that is not a complaint, or a complaint with nothing open."""
    if case.closed_on is not None:
        raise CaseworkError(N_("The case is already closed"))
    if case.kind is CaseKind.COMPLAINT:
        if case.step is not Step.MEDIATION:
            raise CaseworkError(N_("Respond to the open stage, or withdraw the complaint"))
        _close(case, on)
    else:
        case.closed_on = on
    record_change(session, case, actor, "case.closed")


def reopen_case(session: Session, case: Case, actor: StaffUser) -> None:
    """Reopen a closed or withdrawn case where it left off; its original dates stand."""
    if case.closed_on is None and case.step is not Step.WITHDRAWN:
        raise CaseworkError(N_("The case is not closed"))
    if case.kind is CaseKind.COMPLAINT:
        if case.left_step is None or case.step is None:
            raise CaseworkError(N_("This complaint cannot be reopened"))
        target = reopen(case.step, Step(case.left_step))
        stage = case.stage(target.stage_number) if target.stage_number else None
        if stage is not None and stage is case.stages[-1]:
            stage.responded_on = None  # answered again, from its original start
            stage.outcome = None
            for issue in case.issues:
                issue.outcome = None
        if target is Step.AWAITING_TRIAGE:
            case.triaged_on = None  # not taken on before: back to the triage queue
        case.declined_reason = None
        _reopen_at(case, target)
    else:
        case.closed_on = None
    record_change(session, case, actor, "case.reopened")
