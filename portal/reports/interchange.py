"""Exporting cases in the interchange format, ordered by reference."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from ..interchange import (
    CaseRecord,
    IssueRecord,
    LearningRecord,
    MediationRecord,
    OmbudsmanRecord,
    SatisfactionRecord,
    StageRecord,
    dump_line,
)
from ..models import (
    Case,
    CaseIssue,
    CaseTheme,
    LearningForm,
    LearningFormCategory,
    Mediation,
    OmbudsmanEnquiry,
    Stage,
)
from .periods import ReportingYear

#: Cases are read in batches of this size, so a large export never holds every case at once.
BATCH_SIZE = 500


def export_lines(session: Session, year: ReportingYear | None = None) -> Iterator[str]:
    """Each case (of ``year``, when given) as one line of the interchange format."""
    query = _cases_query(year).execution_options(yield_per=BATCH_SIZE)
    for case in session.scalars(query):
        yield dump_line(to_record(case))


def _cases_query(year: ReportingYear | None) -> Select[tuple[Case]]:
    query = (
        select(Case)
        .where(Case.declined_reason.is_(None))  # not taken on: not a case the report counts
        .order_by(Case.reference)
        .options(
            selectinload(Case.team),
            selectinload(Case.case_themes).selectinload(CaseTheme.theme),
            selectinload(Case.stages),
            selectinload(Case.issues).selectinload(CaseIssue.category),
            selectinload(Case.issues).selectinload(CaseIssue.subcategory),
            selectinload(Case.mediation),
            selectinload(Case.ombudsman),
            selectinload(Case.satisfaction),
            selectinload(Case.learning)
            .selectinload(LearningForm.form_categories)
            .selectinload(LearningFormCategory.category),
        )
    )
    return query if year is None else query.where(_active_in(year.start, year.end))


def _active_in(start: date, end: date) -> ColumnElement[bool]:
    """Cases with anything the annual report counts dated within the year."""

    def within(column: InstrumentedAttribute[Any]) -> ColumnElement[bool]:
        return column.between(start, end)

    return or_(
        within(Case.received_on),
        Case.stages.any(or_(within(Stage.started_on), within(Stage.responded_on))),
        Case.mediation.has(within(Mediation.offered_on)),
        Case.ombudsman.has(within(OmbudsmanEnquiry.received_on)),
        Case.learning.has(or_(within(LearningForm.sent_on), within(LearningForm.returned_on))),
    )


def to_record(case: Case) -> CaseRecord:
    """The interchange record of a case."""
    return CaseRecord(
        reference=case.reference,
        kind=case.kind,
        procedure=case.procedure,
        received_on=case.received_on,
        channel=case.channel,
        submitted_by=case.submitted_by,
        child_led=case.child_led,
        advocate_supported=case.advocate_supported,
        person_key=case.person_key,
        team=case.team.name if case.team else None,
        locality=case.locality,
        themes=[theme.name for theme in case.themes],
        stages=[
            StageRecord(s.number, s.started_on, s.extended, s.responded_on, s.outcome)
            for s in case.stages
        ],
        issues=[
            IssueRecord(
                i.category.name, i.subcategory.name if i.subcategory else None, i.stage, i.outcome
            )
            for i in case.issues
        ],
        mediation=case.mediation
        and MediationRecord(case.mediation.offered_on, case.mediation.result),
        ombudsman=case.ombudsman
        and OmbudsmanRecord(
            case.ombudsman.received_on, case.ombudsman.decision, case.ombudsman.payment_pence
        ),
        satisfaction=case.satisfaction and SatisfactionRecord(case.satisfaction.status),
        learning=case.learning
        and LearningRecord(
            case.learning.sent_on,
            case.learning.returned_on,
            [category.name for category in case.learning.categories],
            case.learning.implemented_on,
        ),
        compliment_source=case.compliment_source,
    )
