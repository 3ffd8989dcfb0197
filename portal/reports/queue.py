"""The complaints team's queue."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case
from ..procedure.calendar import working_days_between
from ..procedure.deadlines import Timescales, acknowledgement_due
from ..procedure.stages import Step
from ..procedure.taxonomy import CaseKind


@dataclass(frozen=True)
class TriageRow:
    """A new contact waiting for triage, and how long is left to acknowledge it."""

    case: Case
    acknowledge_by: date
    working_days_left: int

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0


def awaiting_triage(session: Session, today: date, rules: Timescales) -> list[TriageRow]:
    """Complaints not yet triaged, the most urgent first."""
    cases = session.scalars(
        select(Case)
        .where(Case.kind == CaseKind.COMPLAINT, Case.step == Step.AWAITING_TRIAGE)
        .options(selectinload(Case.team))
        .order_by(Case.received_on, Case.id)
    )
    rows = []
    for case in cases:
        due = acknowledgement_due(case.received_on, rules)
        rows.append(TriageRow(case, due, working_days_between(today, due)))
    return rows
