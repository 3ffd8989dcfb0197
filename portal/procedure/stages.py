"""Where a complaint is in its procedure, and where it may go next.

Statutory: stage 1, an offer of mediation, stage 2, stage 3. Corporate: stage 1,
stage 2. The Ombudsman may be involved at any point; a complaint may be withdrawn or
closed from any open step, and reopened to the step it left.
"""

from collections.abc import Sequence
from datetime import date

from .taxonomy import Procedure, TitledEnum
from .text import N_


class InvalidTransitionError(ValueError):
    """A move the procedure does not allow."""

    def __init__(self, current: "Step", target: "Step") -> None:
        super().__init__(f"cannot move from {current} to {target}")
        self.current = current
        self.target = target


class Step(TitledEnum):
    """A step of a complaint's journey through its procedure."""

    AWAITING_TRIAGE = "awaiting_triage", N_("Awaiting triage")
    STAGE_1 = "stage_1", N_("Stage 1: local resolution")
    MEDIATION = "mediation", N_("Mediation offered")
    STAGE_2 = "stage_2", N_("Stage 2: investigation")
    STAGE_3 = "stage_3", N_("Stage 3: review panel")
    OMBUDSMAN = "ombudsman", N_("With the Ombudsman")
    WITHDRAWN = "withdrawn", N_("Withdrawn")
    CLOSED = "closed", N_("Closed")

    @property
    def stage_number(self) -> int | None:
        """The stage this step is, or None for a step that is not a numbered stage."""
        return _STAGE_NUMBERS.get(self)

    @property
    def is_open(self) -> bool:
        """True while the complaint is still being handled."""
        return self not in (Step.WITHDRAWN, Step.CLOSED)


_STAGE_NUMBERS = {Step.STAGE_1: 1, Step.STAGE_2: 2, Step.STAGE_3: 3}
_ENDINGS = frozenset({Step.OMBUDSMAN, Step.WITHDRAWN, Step.CLOSED})

_STATUTORY = {
    Step.AWAITING_TRIAGE: {Step.STAGE_1},
    Step.STAGE_1: {Step.MEDIATION, Step.STAGE_2},
    Step.MEDIATION: {Step.STAGE_2},
    Step.STAGE_2: {Step.STAGE_3},
    Step.STAGE_3: set(),
    Step.OMBUDSMAN: set(),
}
_CORPORATE = {
    Step.AWAITING_TRIAGE: {Step.STAGE_1},
    Step.STAGE_1: {Step.STAGE_2},
    Step.STAGE_2: set(),
    Step.OMBUDSMAN: set(),
}


def _table(procedure: Procedure) -> dict[Step, set[Step]]:
    return _CORPORATE if procedure is Procedure.CORPORATE else _STATUTORY


def next_steps(procedure: Procedure, current: Step) -> frozenset[Step]:
    """Every step a complaint at ``current`` may move to (reopening aside)."""
    table = _table(procedure)
    if current not in table:
        return frozenset()
    forward = table[current]
    if current is Step.OMBUDSMAN:
        return frozenset({Step.CLOSED, Step.WITHDRAWN})
    return frozenset(forward | _ENDINGS)


def move(procedure: Procedure, current: Step, target: Step) -> Step:
    """Check a move and return the new step, or raise :class:`InvalidTransitionError`."""
    if target not in next_steps(procedure, current):
        raise InvalidTransitionError(current, target)
    return target


def reopen(current: Step, left_from: Step) -> Step:
    """Reopen a closed or withdrawn complaint to the step it left."""
    if current.is_open or not left_from.is_open:
        raise InvalidTransitionError(current, left_from)
    return left_from


def steps_of(procedure: Procedure) -> list[Step]:
    """The steps a complaint under ``procedure`` can pass through, in order."""
    return [*list(_table(procedure)), Step.WITHDRAWN, Step.CLOSED]


_STAGE_STEPS = {number: step for step, number in _STAGE_NUMBERS.items()}


def stage_step(number: int) -> Step:
    """The step of stage ``number``."""
    return _STAGE_STEPS[number]


def step_from_history(
    stages: Sequence[tuple[int, date | None]], ombudsman_pending: bool
) -> tuple[Step, date | None]:
    """Where a complaint with these (stage, responded_on) pairs is now, and when it closed."""
    if not stages:
        return Step.AWAITING_TRIAGE, None
    number, responded_on = stages[-1]
    if responded_on is None:
        return stage_step(number), None
    if ombudsman_pending:
        return Step.OMBUDSMAN, None
    return Step.CLOSED, responded_on
