"""The complaints team's queue."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case, Stage, Team
from ..procedure.calendar import working_days_between
from ..procedure.deadlines import Timescales, acknowledgement_due, stage_due
from ..procedure.stages import Step
from ..procedure.taxonomy import CaseKind, Procedure


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


#: A stage due within this many working days is shown amber.
DUE_SOON_DAYS = 5


@dataclass(frozen=True)
class StageRow:
    """An open complaint stage and its due date."""

    case: Case
    stage: Stage
    due_on: date
    working_days_left: int

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.working_days_left <= DUE_SOON_DAYS


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to; None means any."""

    procedure: Procedure | None = None
    stage: int | None = None
    team: str | None = None
    overdue_only: bool = False


def open_stages(
    session: Session, today: date, rules: Timescales, only: QueueFilter = QueueFilter()
) -> list[StageRow]:
    """Every open stage of every complaint (as filtered), soonest due first."""
    query = (
        select(Case, Stage)
        .join(Stage, Stage.case_id == Case.id)
        .where(Case.kind == CaseKind.COMPLAINT, Stage.responded_on.is_(None))
        .options(selectinload(Case.team))
    )
    if only.procedure is not None:
        query = query.where(Case.procedure == only.procedure)
    if only.stage is not None:
        query = query.where(Stage.number == only.stage)
    if only.team is not None:
        query = query.where(Case.team.has(Team.name == only.team))
    rows = []
    for case, stage in session.execute(query):
        due = stage_due(case.procedure, stage.number, stage.started_on, stage.extended, rules)
        rows.append(StageRow(case, stage, due, working_days_between(today, due)))
    if only.overdue_only:
        rows = [row for row in rows if row.overdue]
    return sorted(rows, key=lambda row: (row.due_on, row.case.reference))
