"""Everything a member of staff reads about one case."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import AuditEvent, Case, CaseIssue, CaseStatement, CaseTheme, Person


@dataclass(frozen=True)
class CaseView:
    """A case with its people, the person's own words, and its history, newest first."""

    case: Case
    people: list[Person]
    statement: CaseStatement | None
    timeline: list[AuditEvent]


def case_view(session: Session, reference: str) -> CaseView | None:
    """The case with this reference, or None."""
    case = session.scalar(
        select(Case)
        .where(Case.reference == reference)
        .options(
            selectinload(Case.team),
            selectinload(Case.stages),
            selectinload(Case.case_themes).selectinload(CaseTheme.theme),
            selectinload(Case.issues).selectinload(CaseIssue.category),
        )
    )
    if case is None:
        return None
    people = list(session.scalars(select(Person).where(Person.case_id == case.id)))
    timeline = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.case_id == case.id)
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        )
    )
    return CaseView(case, people, session.get(CaseStatement, case.id), timeline)
