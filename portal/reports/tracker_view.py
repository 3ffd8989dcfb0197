"""What the person sees of their case: what has happened, in plain words, and what
happens next. Entries carry codes and dates; the templates say them in words."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Case, CaseMessage, Letter
from ..procedure.deadlines import Timescales, acknowledgement_due, escalation_deadline, stage_due
from ..procedure.stages import Step, next_steps, stage_step
from ..procedure.taxonomy import CaseKind, Outcome


@dataclass(frozen=True)
class Entry:
    """One thing that happened: a code the template words, its date, and its values."""

    kind: str
    on: date
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NextStep:
    """What happens next, or what the person can do now."""

    kind: str
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class TrackerView:
    """A case as its person sees it."""

    case: Case
    timeline: list[Entry]
    next: NextStep
    letters: list[Letter]
    messages: list[CaseMessage]
    #: Where a child's case is on the four-step picture (0 to 3).
    journey: int


def tracker_view(session: Session, case: Case, today: date, rules: Timescales) -> TrackerView:
    """The person's view of ``case``."""
    letters = session.scalars(
        select(Letter).where(Letter.case_id == case.id).order_by(Letter.sent_at.desc())
    )
    messages = session.scalars(
        select(CaseMessage)
        .where(CaseMessage.case_id == case.id, CaseMessage.internal.is_(False))
        .order_by(CaseMessage.created_at.desc(), CaseMessage.id.desc())
    )
    return TrackerView(
        case=case,
        timeline=sorted(_entries(case, rules), key=lambda entry: entry.on, reverse=True),
        next=next_step(case, today, rules),
        letters=list(letters),
        messages=list(messages),
        journey=_journey(case),
    )


def _entries(case: Case, rules: Timescales) -> list[Entry]:
    entries = [Entry("received", case.received_on, {"kind": case.kind.value})]
    if case.acknowledged_on:
        entries.append(Entry("acknowledged", case.acknowledged_on))
    for stage in case.stages:
        due = stage_due(case.procedure, stage.number, stage.started_on, stage.extended, rules)
        number = {"number": stage.number}
        if not stage.extended:
            entries.append(Entry("stage_started", stage.started_on, {**number, "due": due}))
        else:
            entries.append(Entry("stage_started", stage.started_on, number))
            agreed = stage.extension_agreed_on or stage.started_on
            extension = {**number, "due": due, "reason": stage.extension_reason}
            entries.append(Entry("extended", agreed, extension))
        if stage.responded_on and stage.outcome is Outcome.WITHDRAWN:
            entries.append(Entry("withdrawn", stage.responded_on))
        elif stage.responded_on:
            entries.append(Entry("responded", stage.responded_on, number))
    entries.extend(_other_entries(case))
    return entries


def _other_entries(case: Case) -> list[Entry]:
    entries = []
    if case.mediation:
        entries.append(Entry("mediation_offered", case.mediation.offered_on))
    if case.escalation_requested_on:
        entries.append(Entry("stage_requested", case.escalation_requested_on))
    if case.ombudsman:
        entries.append(Entry("ombudsman", case.ombudsman.received_on))
        if case.ombudsman.decided_on:
            entries.append(Entry("ombudsman_decided", case.ombudsman.decided_on))
    if case.closed_on and (case.kind is not CaseKind.COMPLAINT or case.declined_reason):
        entries.append(Entry("closed", case.closed_on))
    return entries


def next_step(case: Case, today: date, rules: Timescales) -> NextStep:
    """What happens next for this case, or what the person can do."""
    step = case.step
    if case.kind is not CaseKind.COMPLAINT or case.declined_reason:
        return NextStep("closed" if case.closed_on else "looking")
    if step is Step.AWAITING_TRIAGE:
        return NextStep("contact_by", {"date": acknowledgement_due(case.received_on, rules)})
    if step is not None and step.stage_number:
        stage = case.stages[-1]
        due = stage_due(case.procedure, stage.number, stage.started_on, stage.extended, rules)
        return NextStep("reply_by", {"number": stage.number, "date": due})
    if step is Step.MEDIATION:
        return NextStep("mediation")
    if step is Step.OMBUDSMAN:
        return NextStep("with_ombudsman")
    if step is Step.WITHDRAWN:
        return NextStep("withdrawn")
    return _after_response(case, today, rules)


def _after_response(case: Case, today: date, rules: Timescales) -> NextStep:
    if case.escalation_requested_on:
        return NextStep("requested")
    last = case.stages[-1] if case.stages else None
    if last is None or last.responded_on is None or case.procedure is None:
        return NextStep("closed")
    following = stage_step(last.number + 1) if last.number < 3 else None
    if following is None or following not in next_steps(case.procedure, stage_step(last.number)):
        return NextStep("ombudsman_route")
    deadline = escalation_deadline(last.responded_on, rules)
    if today > deadline:
        return NextStep("too_late", {"number": last.number + 1, "date": deadline})
    return NextStep("can_escalate", {"number": last.number + 1, "date": deadline})


def _journey(case: Case) -> int:
    if case.step in (None, Step.AWAITING_TRIAGE) and not case.closed_on:
        return 0
    if case.step is not None and case.step.is_open and case.step is not Step.OMBUDSMAN:
        return 1
    return 2 if case.escalation_requested_on is None else 1
