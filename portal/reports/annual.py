"""The statutory annual report, exactly as ``spec/annual-report.md`` defines it.

Every figure comes from SQL aggregation; deadlines and response times are worked out in
SQL against a table of working days (see :mod:`.working_days`).
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..models import (
    Case,
    CaseIssue,
    CaseTheme,
    IssueCategory,
    IssueSubcategory,
    LearningCategory,
    LearningForm,
    LearningFormCategory,
    Mediation,
    OmbudsmanEnquiry,
    SatisfactionResult,
    Stage,
    Team,
    Theme,
)
from ..procedure.deadlines import Timescales
from ..procedure.taxonomy import (
    CaseKind,
    Channel,
    ComplimentSource,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    SatisfactionStatus,
    SubmittedBy,
)
from .periods import ReportingYear
from .working_days import WORKING_DAYS, WorkingDayCounts

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
RESPONSE_BANDS = {
    Procedure.STATUTORY: ((10, "0-10"), (20, "11-20"), (40, "21-40")),
    Procedure.CORPORATE: ((20, "0-20"), (30, "21-30"), (40, "31-40")),
}


@dataclass(frozen=True)
class ReportSettings:
    """What the report needs from the council's configuration."""

    timescales: Timescales
    stage2_cost_pence: int


def pct(part: int, whole: int) -> int | None:
    """A whole-number percentage, rounded half up; None of a zero whole."""
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), ROUND_HALF_UP))


def quarter(day: date) -> str:
    """The reporting quarter of a date: Q1 is April to June."""
    return QUARTERS[((day.month - 4) % 12) // 3]


def _every(values: Iterable[str], counts: Mapping[Any, int], null: str | None = None) -> dict:
    table = {value: counts.get(value, 0) for value in values}
    if null is not None:
        table[null] = counts.get(None, 0)
    return table


def _named(counts: Mapping[Any, int], null: str = "none") -> dict[str, int]:
    return {(name if name is not None else null): count for name, count in counts.items()}


def _with_pct(counts: Mapping[str, int]) -> dict[str, dict[str, int | None]]:
    whole = sum(counts.values())
    return {label: {"count": n, "pct": pct(n, whole)} for label, n in counts.items()}


class AnnualReport:
    """The report of one reporting year, built key by key."""

    def __init__(self, session: Session, year: ReportingYear, settings: ReportSettings) -> None:
        self.session, self.year, self.settings = session, year, settings
        self._working_days: WorkingDayCounts | None = None
        self._judged: dict[ReportingYear, list[tuple]] = {}
        #: The years the report shows: its own and the three before it.
        self.years_shown = [year] + [ReportingYear(year.first - back) for back in (1, 2, 3)]

    # --- helpers ---------------------------------------------------------------------
    def _in_year(self, column: Any) -> ColumnElement[bool]:
        return column.between(self.year.start, self.year.end)

    def _counted(self) -> ColumnElement[bool]:
        """Cases the report counts: everything but contacts not taken on at triage."""
        return Case.declined_reason.is_(None)

    def _received(self, kind: CaseKind) -> ColumnElement[bool]:
        return and_(Case.kind == kind, self._in_year(Case.received_on), self._counted())

    def _count(self, query: Select) -> int:
        return self.session.scalar(query) or 0

    def _grouped(self, column: Any, *where: Any, join: tuple | None = None) -> Counter:
        query = select(column, func.count()).select_from(Case)
        if join is not None:
            query = query.join(*join)
        rows = self.session.execute(query.where(*where).group_by(column))
        return Counter({key: count for key, count in rows})

    def _stage1(self) -> Any:
        return aliased(Stage)

    # --- the report -------------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        """Every key of the spec, nested by its dots."""
        return {
            "year": self.year.label,
            "complaints": self.complaints(),
            "stage1": self.stage1(),
            "issues": self.issues(),
            "themes": self.themes(),
            "children": self.children(),
            "informal_feedback": self.informal_feedback(),
            "mediation": self.mediation(),
            "stage2": self.stage2(),
            "stage3": {"requests": self._stage_count(3, Stage.started_on)},
            "ombudsman": self.ombudsman(),
            "compliments": self.compliments(),
            "duty_cases": self._count(
                select(func.count()).select_from(Case).where(self._received(CaseKind.DUTY))
            ),
            "learning": self.learning(),
            "previous_years": self.previous_years(),
        }

    def complaints(self) -> dict[str, Any]:
        received = self._received(CaseKind.COMPLAINT)
        months = self._grouped(Case.received_on, received)
        by_month = Counter()
        by_quarter = Counter()
        for day, count in months.items():
            by_month[f"{day.year}-{day.month:02d}"] += count
            by_quarter[quarter(day)] += count
        month_labels = [f"{self.year.first + (m < 4)}-{m:02d}" for m in (*range(4, 13), 1, 2, 3)]
        channels = self._grouped(Case.channel, received)
        return {
            "received": sum(months.values()),
            "by_procedure": _every([p.value for p in Procedure], _values(
                self._grouped(Case.procedure, received))),
            "by_month": _every(month_labels, by_month),
            "by_quarter": _every(QUARTERS, by_quarter),
            "by_channel": _with_pct(_every([c.value for c in Channel], _values(channels))),
            "by_submitted_by": _every([s.value for s in SubmittedBy],
                                      _values(self._grouped(Case.submitted_by, received))),
            "by_team": _named(self._grouped(Team.name, received,
                                            join=(Team, Case.team_id == Team.id))
                              | self._no_team(received)),
            "repeat_complainants": self.repeat_complainants(),
        }  # fmt: skip

    def _no_team(self, *where: Any) -> Counter:
        count = self._count(
            select(func.count()).select_from(Case).where(*where, Case.team_id.is_(None))
        )
        return Counter({None: count}) if count else Counter()

    def repeat_complainants(self) -> int:
        stage1 = self._stage1()
        per_person = (
            select(Case.person_key)
            .join(stage1, and_(stage1.case_id == Case.id, stage1.number == 1))
            .where(Case.kind == CaseKind.COMPLAINT, Case.person_key.is_not(None),
                   self._in_year(stage1.started_on), self._counted())
            .group_by(Case.person_key)
            .having(func.count() >= 2)
        )  # fmt: skip
        return self._count(select(func.count()).select_from(per_person.subquery()))

    # --- stage 1 -----------------------------------------------------------------------
    def _clock(self) -> WorkingDayCounts:
        """The working-day table over every stage date, filled on first use."""
        if self._working_days is None:
            first, last_start, last_response = self.session.execute(
                select(func.min(Stage.started_on), func.max(Stage.started_on),
                       func.max(Stage.responded_on))
            ).one()  # fmt: skip
            first = first or self.year.start
            last = max(day for day in (last_start, last_response, self.year.end) if day)
            self._working_days = WorkingDayCounts(self.session, first, last)
        return self._working_days

    def _allowed_days(self, number: int) -> ColumnElement[int]:
        """Working days a stage ``number`` has, by its case's procedure and extension."""
        rules = self.settings.timescales

        def days(procedure: Procedure, extended: bool) -> int:
            rule = rules.for_stage(procedure, number)
            return rule.extended_days if extended and rule.extended_days else rule.days

        corporate = Case.procedure == Procedure.CORPORATE
        return case(
            (and_(corporate, Stage.extended), days(Procedure.CORPORATE, True)),
            (corporate, days(Procedure.CORPORATE, False)),
            (Stage.extended, days(Procedure.STATUTORY, True)),
            else_=days(Procedure.STATUTORY, False),
        )

    def _timed_stages(self, number: int) -> "TimedStages":
        """Complaint stages ``number`` joined to the working days of their start and response."""
        self._clock()
        started = WORKING_DAYS.alias("started_day")
        responded = WORKING_DAYS.alias("responded_day")
        query = (
            select()
            .select_from(Case)
            .join(Stage, Stage.case_id == Case.id)
            .join(started, started.c.day == Stage.started_on)
            .outerjoin(responded, responded.c.day == Stage.responded_on)
            .where(Case.kind == CaseKind.COMPLAINT, Stage.number == number, self._counted())
        )
        return TimedStages(
            query, started, responded, started.c.through + self._allowed_days(number)
        )

    def _stage1_judged(self, year: ReportingYear) -> list[tuple]:
        """Stage 1s started in ``year``: (start day, judgement, outcome, count).

        The first call judges the report's year and the three before it in one query,
        each stage as at the end of the year it started in.
        """
        if year not in self._judged:
            years = sorted({year, *self.years_shown}, key=lambda shown: shown.first)
            for row in self._judge_stage1(years):
                self._judged[ReportingYear.containing(row[0])].append(row)
        return self._judged[year]

    def _judge_stage1(self, years: list[ReportingYear]) -> list[Any]:
        for shown in years:
            self._judged[shown] = []
        stages, clock = self._timed_stages(1), self._clock()
        year_end_before = case(
            *((Stage.started_on <= shown.end, clock.before(shown.end)) for shown in years)
        )
        open_ = Stage.responded_on.is_(None)
        judged = case(
            (and_(open_, year_end_before >= stages.late_from), "missed"),
            (open_, "open"),
            (stages.late, "missed"),
            else_="met",
        )
        query = (
            stages.query.add_columns(Stage.started_on, judged, Stage.outcome, func.count())
            .where(or_(*(Stage.started_on.between(y.start, y.end) for y in years)))
            .group_by(Stage.started_on, judged, Stage.outcome)
        )
        return list(self.session.execute(query))

    def stage1_summary(self, year: ReportingYear) -> dict[str, Any]:
        rows = self._stage1_judged(year)
        quarters = {q: {"met": 0, "missed": 0} for q in QUARTERS}
        outcomes: Counter = Counter()
        for started, judged, outcome, count in rows:
            outcomes[outcome] += count
            if judged != "open":
                quarters[quarter(started)][judged] += count
        received = sum(outcomes.values())
        upheld = sum(n for outcome, n in outcomes.items() if outcome and outcome.upheld_or_partly)
        met = sum(q["met"] for q in quarters.values())
        missed = sum(q["missed"] for q in quarters.values())
        return {
            "received": received,
            "upheld_or_partly": upheld,
            "upheld_or_partly_pct": pct(upheld, received),
            "outcomes": _every([o.value for o in Outcome], _values(outcomes), "open"),
            "timeliness_by_quarter": quarters,
            "met_pct": pct(met, met + missed),
        }

    def stage1(self) -> dict[str, Any]:
        summary = self.stage1_summary(self.year)
        summary["response_days"] = self.response_days()
        return summary

    def _responses(self, number: int, column: Callable[["TimedStages"], Any]) -> list[tuple]:
        """Stages ``number`` answered in the year: (working days taken, column, count)."""
        stages = self._timed_stages(number)
        taken, by = stages.days_taken, column(stages)
        query = (
            stages.query.add_columns(taken, by, func.count())
            .where(self._in_year(Stage.responded_on))
            .group_by(taken, by)
        )
        return list(self.session.execute(query))

    def response_days(self) -> dict[str, dict[str, int]]:
        table = {
            procedure.value: {label: 0 for _limit, label in bands} | {"41+": 0}
            for procedure, bands in RESPONSE_BANDS.items()
        }
        corporate = Case.procedure == Procedure.CORPORATE
        for days, is_corporate, count in self._responses(1, lambda _stages: corporate):
            timing = Procedure.CORPORATE if is_corporate else Procedure.STATUTORY
            label = next((lab for limit, lab in RESPONSE_BANDS[timing] if days <= limit), "41+")
            table[timing.value][label] += count
        return table

    # --- issues and themes ---------------------------------------------------------------
    def issues(self) -> dict[str, Any]:
        received = self._received(CaseKind.COMPLAINT)
        rows = self.session.execute(
            select(IssueCategory.name, IssueSubcategory.name, func.count())
            .select_from(Case)
            .join(CaseIssue, CaseIssue.case_id == Case.id)
            .join(IssueCategory, IssueCategory.id == CaseIssue.category_id)
            .outerjoin(IssueSubcategory, IssueSubcategory.id == CaseIssue.subcategory_id)
            .where(received)
            .group_by(IssueCategory.name, IssueSubcategory.name)
        )
        by_category: dict[str, dict[str, Any]] = {}
        for category, subcategory, count in rows:
            entry = by_category.setdefault(category, {"count": 0, "subcategories": {}})
            entry["count"] += count
            entry["subcategories"][subcategory or "none"] = count
        outcomes = self._issue_outcomes()
        return {
            "received": sum(entry["count"] for entry in by_category.values()),
            "by_category": by_category,
            "outcomes_at_stage1": _with_pct(
                _every([o.value for o in Outcome], _values(outcomes), "open")
            ),
        }

    def _issue_outcomes(self) -> Counter:
        stage1 = self._stage1()
        query = (
            select(CaseIssue.outcome, func.count())
            .select_from(CaseIssue)
            .join(Case, Case.id == CaseIssue.case_id)
            .join(stage1, and_(stage1.case_id == Case.id, stage1.number == 1))
            .where(CaseIssue.stage == 1, self._in_year(stage1.responded_on), self._counted(),
                   Case.kind == CaseKind.COMPLAINT)
            .group_by(CaseIssue.outcome)
        )  # fmt: skip
        return Counter({outcome: count for outcome, count in self.session.execute(query)})

    def _themes_of(self, *where: Any) -> Counter:
        query = (
            select(Theme.name, func.count())
            .select_from(Case)
            .join(CaseTheme, CaseTheme.case_id == Case.id)
            .join(Theme, Theme.id == CaseTheme.theme_id)
            .where(*where)
            .group_by(Theme.name)
        )
        return Counter({name: count for name, count in self.session.execute(query)})

    def themes(self) -> dict[str, dict[str, int]]:
        received = self._received(CaseKind.COMPLAINT)
        upheld = self._themes_of(received, self._upheld_at_last_response())
        return {
            name: {"received": count, "upheld_or_partly": upheld.get(name, 0)}
            for name, count in self._themes_of(received).items()
        }

    def _upheld_at_last_response(self) -> ColumnElement[bool]:
        """True for a case whose latest answered stage upheld it, fully or partly."""
        later = aliased(Stage)
        answered_later = (
            select(later.id)
            .where(later.case_id == Stage.case_id, later.number > Stage.number,
                   later.responded_on.is_not(None))
        )  # fmt: skip
        return (
            select(Stage.id)
            .where(Stage.case_id == Case.id, Stage.responded_on.is_not(None),
                   Stage.outcome.in_([Outcome.UPHELD, Outcome.PARTIALLY_UPHELD]),
                   ~answered_later.exists())
            .exists()
        )  # fmt: skip

    # --- children, informal feedback ---------------------------------------------------------
    def _satisfaction(self, *where: Any) -> dict[str, int]:
        counts = self._statuses(*where)
        return _every([s.value for s in SatisfactionStatus], _values(counts), "none")

    def _statuses(self, *where: Any) -> Counter:
        query = (
            select(SatisfactionResult.status, func.count())
            .select_from(Case)
            .outerjoin(SatisfactionResult, SatisfactionResult.case_id == Case.id)
            .where(*where)
            .group_by(SatisfactionResult.status)
        )
        return Counter({status: count for status, count in self.session.execute(query)})

    def children(self) -> dict[str, Any]:
        led = and_(self._received(CaseKind.COMPLAINT), Case.child_led)
        stage1 = self._stage1()
        outcomes = Counter(
            {
                outcome: count
                for outcome, count in self.session.execute(
                    select(stage1.outcome, func.count())
                    .select_from(Case)
                    .outerjoin(stage1, and_(stage1.case_id == Case.id, stage1.number == 1))
                    .where(led)
                    .group_by(stage1.outcome)
                )
            }
        )
        total = self._count(select(func.count()).select_from(Case).where(led))
        return {
            "complaints": total,
            "advocate_supported": self._count(
                select(func.count()).select_from(Case).where(led, Case.advocate_supported)
            ),
            "outcomes": _every([o.value for o in Outcome], _values(outcomes), "open"),
            "themes": dict(self._themes_of(led)),
            "satisfaction": self._satisfaction(led),
        }

    def informal_feedback(self) -> dict[str, Any]:
        received = self._received(CaseKind.INFORMAL_FEEDBACK)
        return {
            "received": self._count(select(func.count()).select_from(Case).where(received)),
            "themes": dict(self._themes_of(received)),
            "satisfaction": self._satisfaction(received),
        }

    # --- mediation, stages 2 and 3, Ombudsman -------------------------------------------------
    def mediation(self) -> dict[str, Any]:
        query = (
            select(Mediation.result, func.count())
            .join(Case, Case.id == Mediation.case_id)
            .where(self._in_year(Mediation.offered_on), self._counted())
            .group_by(Mediation.result)
        )
        counts = Counter({result: count for result, count in self.session.execute(query)})
        results = _every([r.value for r in MediationResult], _values(counts), "pending")
        return {
            "offered": sum(counts.values()),
            "results": results,
            "stage2_cost_avoided_pence": results["resolved"] * self.settings.stage2_cost_pence,
        }

    def _stage_count(self, number: int, column: Any) -> int:
        return self._count(
            select(func.count())
            .select_from(Stage)
            .join(Case, Case.id == Stage.case_id)
            .where(Stage.number == number, self._in_year(column), self._counted(),
                   Case.kind == CaseKind.COMPLAINT)
        )  # fmt: skip

    def stage2(self) -> dict[str, Any]:
        rows = self._responses(2, lambda stages: stages.late)
        completed = sum(count for _days, _late, count in rows)
        total_days = sum(days * count for days, _late, count in rows)
        average = (
            float((Decimal(total_days) / completed).quantize(Decimal("0.1"), ROUND_HALF_UP))
            if completed
            else None
        )
        return {
            "started": self._stage_count(2, Stage.started_on),
            "completed": completed,
            "average_response_days": average,
            "outside_timescale": sum(count for _days, late, count in rows if late),
        }

    def ombudsman(self) -> dict[str, Any]:
        where = (self._in_year(OmbudsmanEnquiry.received_on), self._counted())
        query = (
            select(
                OmbudsmanEnquiry.decision, func.count(), func.sum(OmbudsmanEnquiry.payment_pence)
            )
            .join(Case, Case.id == OmbudsmanEnquiry.case_id)
            .where(*where)
            .group_by(OmbudsmanEnquiry.decision)
        )
        rows = list(self.session.execute(query))
        counts = Counter({decision: count for decision, count, _paid in rows})
        return {
            "enquiries": sum(counts.values()),
            "decisions": _every([d.value for d in OmbudsmanDecision], _values(counts), "pending"),
            "payments_pence": sum(paid or 0 for _decision, _count, paid in rows),
        }

    # --- compliments, learning, earlier years --------------------------------------------------
    def compliments(self) -> dict[str, Any]:
        received = self._received(CaseKind.COMPLIMENT)
        sources = self._grouped(Case.compliment_source, received)
        teams = self._grouped(Team.name, received, join=(Team, Case.team_id == Team.id))
        total = sum(sources.values())
        return {
            "received": total,
            "external": total - sources.get(ComplimentSource.INTERNAL, 0),
            "by_source": _every([s.value for s in ComplimentSource], _values(sources), "none"),
            "by_team": _named(teams | self._no_team(received)),
        }

    def learning(self) -> dict[str, Any]:
        sent = and_(self._in_year(LearningForm.sent_on), self._counted())
        base = (
            select(func.count())
            .select_from(LearningForm)
            .join(Case, Case.id == LearningForm.case_id)
        )
        forms_sent = self._count(base.where(sent))
        returned = self._count(base.where(sent, LearningForm.returned_on.is_not(None)))
        categories = self.session.execute(
            select(LearningCategory.name, func.count())
            .select_from(LearningForm)
            .join(Case, Case.id == LearningForm.case_id)
            .join(LearningFormCategory, LearningFormCategory.case_id == LearningForm.case_id)
            .join(LearningCategory, LearningCategory.id == LearningFormCategory.category_id)
            .where(sent, LearningForm.returned_on.is_not(None))
            .group_by(LearningCategory.name)
        )
        return {
            "forms_sent": forms_sent,
            "returned": returned,
            "returned_pct": pct(returned, forms_sent),
            "categories": {name: count for name, count in categories},
        }

    def previous_years(self) -> dict[str, Any]:
        years = {}
        for earlier in self.years_shown[1:]:
            summary = self.stage1_summary(earlier)
            received = and_(
                Case.kind == CaseKind.COMPLAINT,
                Case.received_on.between(earlier.start, earlier.end),
                self._counted(),
            )
            years[earlier.label] = {
                "stage1": {
                    key: summary[key]
                    for key in ("received", "upheld_or_partly", "upheld_or_partly_pct", "met_pct")
                },
                "complaints": {
                    "received": self._count(select(func.count()).select_from(Case).where(received))
                },
            }
        return years


@dataclass(frozen=True)
class TimedStages:
    """Stages joined to the working-day rows of their start and response days."""

    query: Select
    started: Any
    responded: Any
    #: The ``before`` count from which a day is later than the stage's due date.
    late_from: ColumnElement[int]

    @property
    def late(self) -> ColumnElement[bool]:
        """True for a stage answered after its due date."""
        return self.responded.c.before >= self.late_from

    @property
    def days_taken(self) -> ColumnElement[int]:
        """Working days from the stage's start to its response."""
        return self.responded.c.through - self.started.c.through


def _values(counts: Mapping[Any, int]) -> dict[Any, int]:
    """Counts keyed by enum values (strings), None kept as None."""
    return {(key.value if hasattr(key, "value") else key): n for key, n in counts.items()}


def annual_report(session: Session, year: ReportingYear, settings: ReportSettings) -> dict:
    """The annual report of ``year`` as nested keys, per the spec."""
    return AnnualReport(session, year, settings).build()
