"""Due dates, timeliness and response times, in working days.

The default timescales are those of the Children Act 1989 Representations Procedure
(England) Regulations 2006 and the seed councils' corporate procedure; a council may
configure its own through :class:`Timescales`.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .calendar import add_working_days, working_days_between
from .taxonomy import Procedure
from .text import N_


class TimescaleError(ValueError):
    """A stage or extension that the procedure does not have."""


@dataclass(frozen=True)
class StageTimescale:
    """Working days allowed for a stage, and with an agreed extension (None: none allowed)."""

    days: int
    extended_days: int | None = None


@dataclass(frozen=True)
class PanelTimescale:
    """Working days for the stage 3 review panel and what follows it."""

    panel_within: int = 30
    findings_within: int = 5
    response_within: int = 15

    @property
    def total(self) -> int:
        """Working days for the whole of stage 3."""
        return self.panel_within + self.findings_within + self.response_within


def _default_stages() -> dict[tuple[Procedure, int], StageTimescale]:
    return {
        (Procedure.STATUTORY, 1): StageTimescale(10, 20),
        (Procedure.STATUTORY, 2): StageTimescale(25, 65),
        (Procedure.STATUTORY, 3): StageTimescale(PanelTimescale().total),
        (Procedure.CORPORATE, 1): StageTimescale(20, 30),
        (Procedure.CORPORATE, 2): StageTimescale(20),
    }


@dataclass(frozen=True)
class Timescales:
    """A council's timescales: per procedure and stage, acknowledgement, escalation window."""

    stages: Mapping[tuple[Procedure, int], StageTimescale] = field(default_factory=_default_stages)
    panel: PanelTimescale = field(default_factory=PanelTimescale)
    acknowledgement_days: int = 3
    escalation_window_days: int = 20

    def for_stage(self, procedure: Procedure, stage: int) -> StageTimescale:
        """The timescale of ``stage``; a complaint under both procedures follows statutory."""
        key = (timing_procedure(procedure), stage)
        if key not in self.stages:
            raise TimescaleError(f"{procedure} has no stage {stage}")
        return self.stages[key]

    def allows_extension(self, procedure: Procedure, stage: int) -> bool:
        """True when the stage has a longer, extended timescale."""
        return self.for_stage(procedure, stage).extended_days is not None

    def stages_of(self, procedure: Procedure) -> list[int]:
        """The stage numbers ``procedure`` has, in order."""
        timing = timing_procedure(procedure)
        return sorted(stage for proc, stage in self.stages if proc is timing)


DEFAULT_TIMESCALES = Timescales()


def timing_procedure(procedure: Procedure) -> Procedure:
    """The procedure whose timescales apply: a complaint spanning both follows statutory."""
    return Procedure.STATUTORY if procedure is Procedure.BOTH else procedure


def stage_due(
    procedure: Procedure,
    stage: int,
    started_on: date,
    extended: bool = False,
    timescales: Timescales = DEFAULT_TIMESCALES,
) -> date:
    """The date a stage's response is due."""
    rule = timescales.for_stage(procedure, stage)
    if extended and rule.extended_days is None:
        raise TimescaleError(f"{procedure} stage {stage} cannot be extended")
    return add_working_days(started_on, rule.extended_days if extended else rule.days)


@dataclass(frozen=True)
class ExtensionAgreement:
    """The record that makes a longer timescale apply: who agreed, when, and how."""

    agreed_on: date
    agreed_by: str
    how: str


def extended_due(
    procedure: Procedure,
    stage: int,
    started_on: date,
    agreement: ExtensionAgreement,
    timescales: Timescales = DEFAULT_TIMESCALES,
) -> date:
    """The due date under an agreed extension; the only way a stage's due date moves."""
    if not agreement.agreed_by.strip() or not agreement.how.strip():
        raise TimescaleError("an extension needs who agreed it and how")
    if agreement.agreed_on < started_on:
        raise TimescaleError("an extension cannot be agreed before the stage started")
    return stage_due(procedure, stage, started_on, extended=True, timescales=timescales)


def acknowledgement_due(received_on: date, timescales: Timescales = DEFAULT_TIMESCALES) -> date:
    """The date a complaint must be acknowledged by."""
    return add_working_days(received_on, timescales.acknowledgement_days)


def escalation_deadline(responded_on: date, timescales: Timescales = DEFAULT_TIMESCALES) -> date:
    """The last day to ask for the next stage after a stage's response."""
    return add_working_days(responded_on, timescales.escalation_window_days)


@dataclass(frozen=True)
class PanelDates:
    """The three stage 3 deadlines, each counted from the step before it."""

    panel_by: date
    findings_by: date | None
    response_by: date | None


def panel_dates(
    requested_on: date,
    panel_held_on: date | None = None,
    findings_on: date | None = None,
    timescales: Timescales = DEFAULT_TIMESCALES,
) -> PanelDates:
    """Stage 3 deadlines: panel after the request, findings after it, response after those."""
    panel = timescales.panel
    return PanelDates(
        panel_by=add_working_days(requested_on, panel.panel_within),
        findings_by=panel_held_on and add_working_days(panel_held_on, panel.findings_within),
        response_by=findings_on and add_working_days(findings_on, panel.response_within),
    )


class Timeliness(StrEnum):
    """Whether a stage was, or is being, answered in time."""

    IN_TIME = "in_time"
    LATE = "late"
    OPEN_NOT_DUE = "open_not_due"
    OPEN_OVERDUE = "open_overdue"

    @property
    def title(self) -> str:
        """English title, marked for translation."""
        return _TIMELINESS_TITLES[self]

    @property
    def counts_as_met(self) -> bool:
        """True when the stage met its timescale."""
        return self is Timeliness.IN_TIME

    @property
    def counts_as_missed(self) -> bool:
        """True when the stage missed its timescale (answered late or still open past due)."""
        return self in (Timeliness.LATE, Timeliness.OPEN_OVERDUE)


_TIMELINESS_TITLES = {
    Timeliness.IN_TIME: N_("In time"),
    Timeliness.LATE: N_("Late"),
    Timeliness.OPEN_NOT_DUE: N_("Open, not yet due"),
    Timeliness.OPEN_OVERDUE: N_("Open, overdue"),
}


def timeliness(due_on: date, responded_on: date | None, as_of: date) -> Timeliness:
    """Judge a stage due on ``due_on``: answered in time or late, or open and due or overdue."""
    if responded_on is not None:
        return Timeliness.IN_TIME if responded_on <= due_on else Timeliness.LATE
    return Timeliness.OPEN_OVERDUE if as_of > due_on else Timeliness.OPEN_NOT_DUE


def response_days(started_on: date, responded_on: date) -> int:
    """A stage's response time: working days from its start to its response."""
    return working_days_between(started_on, responded_on)
