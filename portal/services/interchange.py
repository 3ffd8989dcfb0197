"""Importing cases from the interchange format: all of a file, or none of it."""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..interchange import CaseRecord, InvalidRecordError, IssueRecord, parse_line
from ..models import (
    ActorKind,
    Case,
    CaseIssue,
    CaseTheme,
    LearningForm,
    LearningFormCategory,
    Mediation,
    OmbudsmanEnquiry,
    SatisfactionResult,
    Stage,
    ThemeScope,
)
from ..procedure.deadlines import Timescales
from ..procedure.stages import Step, step_from_history
from ..procedure.taxonomy import CaseKind
from .audit import record_event
from .taxonomy import TaxonomyCache


@dataclass(frozen=True)
class LineError:
    """Why one line of a file was refused."""

    line_number: int
    reason: str


class ImportRejectedError(Exception):
    """The file had invalid lines; nothing was imported."""

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(f"{len(errors)} invalid line(s)")
        self.errors = errors


def import_cases(session: Session, lines: Iterable[str], timescales: Timescales) -> int:
    """Check every line, then add every case; raise :class:`ImportRejectedError` if any is bad."""
    records = _parse_all(session, lines, timescales)
    add_cases(session, records)
    return len(records)


def add_cases(session: Session, records: Iterable[CaseRecord]) -> list[Case]:
    """Add a case for each record, already checked, with an audit event for each."""
    taxonomy = TaxonomyCache(session)
    cases = []
    for record in records:
        case = _build_case(record, taxonomy)
        session.add(case)
        session.flush()
        record_event(session, "case.imported", actor_kind=ActorKind.SYSTEM, case_id=case.id)
        cases.append(case)
    return cases


def _parse_all(session: Session, lines: Iterable[str], timescales: Timescales) -> list[CaseRecord]:
    existing = set(session.scalars(select(Case.reference)))
    records: list[CaseRecord] = []
    errors: list[LineError] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            errors.append(LineError(number, "blank line"))
            continue
        try:
            record = parse_line(line, timescales)
        except InvalidRecordError as error:
            errors.append(LineError(number, str(error)))
            continue
        if record.reference in existing:
            errors.append(LineError(number, f"reference {record.reference} already exists"))
        elif record.reference in seen:
            errors.append(
                LineError(
                    number, f"reference {record.reference} repeats line {seen[record.reference]}"
                )
            )
        seen.setdefault(record.reference, number)
        records.append(record)
    if errors:
        raise ImportRejectedError(errors)
    return records


def _build_case(record: CaseRecord, taxonomy: TaxonomyCache) -> Case:
    scope = (
        ThemeScope.INFORMAL_FEEDBACK
        if record.kind is CaseKind.INFORMAL_FEEDBACK
        else ThemeScope.COMPLAINT
    )
    case = Case(
        reference=record.reference,
        kind=record.kind,
        procedure=record.procedure,
        received_on=record.received_on,
        channel=record.channel,
        submitted_by=record.submitted_by,
        child_led=record.child_led,
        advocate_supported=record.advocate_supported,
        person_key=record.person_key,
        team=taxonomy.team(record.team) if record.team else None,
        locality=record.locality,
        compliment_source=record.compliment_source,
        case_themes=[
            CaseTheme(theme=taxonomy.theme(scope, name), position=position)
            for position, name in enumerate(record.themes)
        ],
        stages=[
            Stage(
                number=stage.stage,
                started_on=stage.started_on,
                extended=stage.extended,
                responded_on=stage.responded_on,
                outcome=stage.outcome,
            )
            for stage in record.stages
        ],
        issues=[
            _build_issue(position, issue, taxonomy) for position, issue in enumerate(record.issues)
        ],
    )
    _add_outcomes(case, record, taxonomy)
    if record.kind is CaseKind.COMPLAINT:
        case.step, case.closed_on = step_from_history(
            [(stage.stage, stage.responded_on) for stage in record.stages],
            ombudsman_pending=record.ombudsman is not None and record.ombudsman.decision is None,
        )
    # An imported case was triaged where it came from, unless it is still waiting for it.
    if case.step is not Step.AWAITING_TRIAGE:
        case.triaged_on = record.received_on
    return case


def _build_issue(position: int, issue: IssueRecord, taxonomy: TaxonomyCache) -> CaseIssue:
    category = taxonomy.category(issue.category)
    subcategory = taxonomy.subcategory(category, issue.subcategory) if issue.subcategory else None
    return CaseIssue(
        position=position,
        category=category,
        subcategory=subcategory,
        stage=issue.stage,
        outcome=issue.outcome,
    )


def _add_outcomes(case: Case, record: CaseRecord, taxonomy: TaxonomyCache) -> None:
    if record.mediation:
        case.mediation = Mediation(
            offered_on=record.mediation.offered_on, result=record.mediation.result
        )
    if record.ombudsman:
        case.ombudsman = OmbudsmanEnquiry(
            received_on=record.ombudsman.received_on,
            decision=record.ombudsman.decision,
            payment_pence=record.ombudsman.payment_pence,
        )
    if record.satisfaction:
        case.satisfaction = SatisfactionResult(status=record.satisfaction.status)
    if record.learning:
        case.learning = LearningForm(
            sent_on=record.learning.sent_on,
            returned_on=record.learning.returned_on,
            implemented_on=record.learning.implemented_on,
            form_categories=[
                LearningFormCategory(category=taxonomy.learning_category(name), position=position)
                for position, name in enumerate(record.learning.categories)
            ],
        )
