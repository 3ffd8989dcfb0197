"""The complaints team's queue: new contacts to triage, open stages by due date, and
other open contacts, filtered, sorted and counted."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..models import Case, Role, StaffUser, Stage, Team
from ..procedure.calendar import working_days_between
from ..procedure.deadlines import Timescales, acknowledgement_due, stage_due
from ..procedure.stages import Step
from ..procedure.taxonomy import CaseKind, Procedure

#: A stage due within this many working days is shown amber.
DUE_SOON_DAYS = 5
PAGE_SIZE = 50


@dataclass(frozen=True)
class Scope:
    """Whose cases a person sees: all, those assigned to one manager, or children's."""

    assignee_id: int | None = None
    childrens_only: bool = False


@dataclass(frozen=True)
class QueueFilter:
    """What the queue is narrowed to; None (or False) means any."""

    reference: str | None = None
    kind: CaseKind | None = None
    procedure: Procedure | None = None
    stage: int | None = None
    team: str | None = None
    assignee_id: int | None = None
    child_led: bool = False
    advocate: bool = False
    safeguarding: bool = False
    overdue_only: bool = False
    due_soon_only: bool = False
    by_received: bool = False


@dataclass(frozen=True)
class Due:
    """A due date and the working days left until it (negative once it has passed)."""

    due_on: date
    working_days_left: int

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.working_days_left <= DUE_SOON_DAYS


@dataclass(frozen=True)
class TriageRow(Due):
    """A new contact waiting for triage; due is the day to acknowledge it by."""

    case: Case


@dataclass(frozen=True)
class OpenStage(Due):
    """An open complaint stage before its case is loaded: enough to filter, sort and count
    every open stage, so only the ones shown are read in full."""

    case_id: int
    stage_id: int
    reference: str
    received_on: date
    child_led: bool
    safeguarding: bool


@dataclass(frozen=True)
class StageRow(Due):
    """An open complaint stage, its case and its due date."""

    case: Case
    stage: Stage


@dataclass(frozen=True)
class Page:
    """One page of a long list."""

    items: Sequence[object]
    number: int
    total: int

    @property
    def last(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


#: A case's team and investigating manager, which every queue row shows.
WITH_PEOPLE = (selectinload(Case.team), selectinload(Case.assignee))


def _narrowed(query: Select, scope: Scope, only: QueueFilter) -> Select:
    if scope.assignee_id is not None:
        query = query.where(Case.assignee_id == scope.assignee_id)
    if scope.childrens_only:
        query = query.where(
            or_(Case.child_led, Case.kind.in_([CaseKind.INFORMAL_FEEDBACK,
                                               CaseKind.ADVOCACY_REQUEST]))
        )  # fmt: skip
    conditions = [
        (only.reference, lambda: Case.reference == "".join(only.reference.split()).upper()),
        (only.kind, lambda: Case.kind == only.kind),
        (only.procedure, lambda: Case.procedure == only.procedure),
        (only.team, lambda: Case.team.has(Team.name == only.team)),
        (only.assignee_id, lambda: Case.assignee_id == only.assignee_id),
        (only.child_led, lambda: Case.child_led),
        (only.advocate, lambda: or_(Case.advocate_supported, Case.advocacy_offer.is_not(None))),
        (only.safeguarding, lambda: Case.safeguarding),
    ]
    for wanted, condition in conditions:
        if wanted:
            query = query.where(condition())
    return query


def awaiting_triage(
    session: Session, today: date, rules: Timescales, scope: Scope, only: QueueFilter
) -> Page:
    """Contacts not yet triaged, safeguarding first, then the oldest: the first page of
    them, the only ones read in full."""
    if only.stage is not None:
        return Page([], 1, 0)
    query = (
        select(Case.id, Case.received_on)
        .where(Case.triaged_on.is_(None))
        # A child who may not be safe goes to the top, whatever the date.
        .order_by(Case.safeguarding.desc(), Case.received_on, Case.id)
    )
    dues = []
    for case_id, received_on in session.execute(_narrowed(query, scope, only)):
        due = acknowledgement_due(received_on, rules)
        dues.append((case_id, due, working_days_between(today, due)))
    if only.overdue_only:
        dues = [(case_id, due, left) for case_id, due, left in dues if left < 0]
    page = paginate(dues, 1)
    cases = _cases_by_id(session, {case_id for case_id, _, _ in page.items})
    return replace(page, items=[TriageRow(due, left, cases[case_id])
                                for case_id, due, left in page.items])  # fmt: skip


def _cases_by_id(session: Session, ids: set[int]) -> dict[int, Case]:
    found = session.scalars(select(Case).where(Case.id.in_(ids)).options(*WITH_PEOPLE))
    return {case.id: case for case in found}


def due_stages(
    session: Session, today: date, rules: Timescales, scope: Scope, only: QueueFilter
) -> list[OpenStage]:
    """Every open stage of every complaint (as filtered) with its due date, sorted."""
    if only.kind not in (None, CaseKind.COMPLAINT):
        return []
    query = (
        select(Case.id, Stage.id, Case.reference, Case.received_on, Case.child_led,
               Case.safeguarding, Case.procedure, Stage.number, Stage.started_on,
               Stage.extended)
        .join(Stage, Stage.case_id == Case.id)
        # Only complaints have stages, so no condition on the kind: one on it would lead
        # SQLite to read every complaint instead of the few stages not yet answered.
        .where(Stage.responded_on.is_(None))
        .where(Case.step.in_([Step.STAGE_1, Step.STAGE_2, Step.STAGE_3]))
    )  # fmt: skip
    if only.stage is not None:
        query = query.where(Stage.number == only.stage)
    rows = []
    for *known, procedure, number, started_on, extended in session.execute(
        _narrowed(query, scope, replace(only, kind=None))
    ):
        due = stage_due(procedure, number, started_on, extended, rules)
        rows.append(OpenStage(due, working_days_between(today, due), *known))
    rows = [row for row in rows if _flags_match(row, only)]
    if only.by_received:
        return sorted(rows, key=lambda row: (row.received_on, row.reference))
    return sorted(rows, key=lambda row: (row.due_on, row.reference))


def with_cases(session: Session, rows: Sequence[OpenStage]) -> list[StageRow]:
    """The rows with their cases and stages read, in the same order."""
    case_by_id = _cases_by_id(session, {row.case_id for row in rows})
    stages = session.scalars(select(Stage).where(Stage.id.in_({row.stage_id for row in rows})))
    stage_by_id = {stage.id: stage for stage in stages}
    return [
        StageRow(row.due_on, row.working_days_left, case_by_id[row.case_id],
                 stage_by_id[row.stage_id])
        for row in rows
    ]  # fmt: skip


def open_stages(
    session: Session, today: date, rules: Timescales, scope: Scope, only: QueueFilter
) -> list[StageRow]:
    """Every open stage of every complaint (as filtered), sorted, with its case."""
    return with_cases(session, due_stages(session, today, rules, scope, only))


def _flags_match(row: Due, only: QueueFilter) -> bool:
    return (not only.overdue_only or row.overdue) and (not only.due_soon_only or row.due_soon)


def other_open_contacts(session: Session, scope: Scope, only: QueueFilter) -> Page:
    """Triaged contacts that are not complaints and are still open (informal feedback,
    advocacy requests), the oldest first: the participation team follows them up."""
    if only.stage is not None or only.procedure is not None or only.overdue_only:
        return Page([], 1, 0)
    query = _narrowed(
        select(Case).where(
            Case.triaged_on.is_not(None),
            Case.closed_on.is_(None),
            Case.kind.in_([CaseKind.INFORMAL_FEEDBACK, CaseKind.ADVOCACY_REQUEST]),
        ),
        scope,
        only,
    )
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    first = query.order_by(Case.received_on, Case.id).limit(PAGE_SIZE).options(*WITH_PEOPLE)
    return Page(list(session.scalars(first)), 1, total)


def quick_counts(rows: Sequence[OpenStage]) -> dict[str, int]:
    """How many of these open stages each quick filter would show."""
    tests: dict[str, Callable[[OpenStage], bool]] = {
        "overdue": lambda row: row.overdue,
        "due_soon": lambda row: row.due_soon,
        "child_led": lambda row: row.child_led,
        "safeguarding": lambda row: row.safeguarding,
    }
    return {name: sum(1 for row in rows if test(row)) for name, test in tests.items()}


def stage_requests(session: Session, scope: Scope) -> list[Case]:
    """Cases whose person asked online for the next stage, waiting for the team."""
    query = (
        select(Case)
        .where(Case.escalation_requested_on.is_not(None))
        .order_by(Case.escalation_requested_on, Case.id)
    )
    return list(session.scalars(_narrowed(query, scope, QueueFilter()).options(*WITH_PEOPLE)))


def paginate(items: Sequence[object], number: int) -> Page:
    """The items on page ``number`` (from 1), clamped to the pages there are."""
    total = len(items)
    number = min(max(number, 1), max(1, -(-total // PAGE_SIZE)))
    start = (number - 1) * PAGE_SIZE
    return Page(items[start : start + PAGE_SIZE], number, total)


def staff_scope(user: StaffUser) -> Scope:
    """The cases a member of staff's role lets them see in the queue."""
    if user.role is Role.INVESTIGATING_MANAGER:
        return Scope(assignee_id=user.id)
    if user.role is Role.PARTICIPATION_OFFICER:
        return Scope(childrens_only=True)
    return Scope()
