"""The participation team's worklist: closed child-led cases whose loop is not yet closed."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from ..models import Case, Person, SatisfactionResult, SurveyAnswer, SurveyInvitation
from ..procedure.participation import worklist_since
from ..procedure.stages import Step
from ..procedure.surveys import SURVEYED_KINDS, Round
from ..procedure.taxonomy import CaseKind


@dataclass(frozen=True)
class SurveyState:
    """What became of the online survey sent when the case closed."""

    sent_at: datetime | None
    started: bool
    completed_at: datetime | None

    @property
    def code(self) -> str:
        """``not_sent``, ``sent``, ``started`` or ``completed``."""
        if self.sent_at is None:
            return "not_sent"
        if self.completed_at is not None:
            return "completed"
        return "started" if self.started else "sent"


@dataclass(frozen=True)
class WorklistRow:
    """A case to follow up, with its online survey and how the person likes to be contacted."""

    reference: str
    kind: CaseKind
    closed_on: date
    survey: SurveyState
    #: A :class:`~portal.models.ContactMethod` value, or None when not given.
    preferred_contact: str | None


def followed_up() -> ColumnElement[bool]:
    """:func:`portal.procedure.participation.is_followed_up`, in SQL."""
    return and_(
        Case.child_led,
        Case.kind.in_(SURVEYED_KINDS),
        Case.closed_on.is_not(None),
        Case.declined_reason.is_(None),
        or_(Case.kind != CaseKind.COMPLAINT, Case.step == Step.CLOSED),
    )


def follow_up_worklist(session: Session, today: date) -> list[WorklistRow]:
    """Cases to follow up that closed within the worklist's window and have no result yet,
    the longest closed first."""
    has_result = select(SatisfactionResult.case_id).where(SatisfactionResult.case_id == Case.id)
    return _rows(
        session, followed_up(), Case.closed_on >= worklist_since(today), ~has_result.exists()
    )


def follow_up_details(session: Session, case: Case) -> WorklistRow:
    """The worklist's line for one case, shown on its follow-up page."""
    return _rows(session, Case.id == case.id)[0]


def _rows(session: Session, *where: ColumnElement[bool]) -> list[WorklistRow]:
    """Worklist lines for the cases ``where`` selects, the longest closed first."""
    invitation = SurveyInvitation
    started = select(SurveyAnswer.id).where(SurveyAnswer.invitation_id == invitation.id).exists()
    query = (
        select(
            Case.reference, Case.kind, Case.closed_on, invitation.sent_at, started,
            invitation.completed_at, _preferred_contact(),
        )
        .outerjoin(
            invitation, and_(invitation.case_id == Case.id, invitation.round == Round.CLOSING)
        )
        .where(*where)
        .order_by(Case.closed_on, Case.reference)
    )  # fmt: skip
    return [
        WorklistRow(reference, kind, closed_on, SurveyState(sent, bool(answered), done), contact)
        for reference, kind, closed_on, sent, answered, done, contact in session.execute(query)
    ]


def _preferred_contact() -> ColumnElement[str | None]:
    """How the case's main contact (its first person, as letters go) prefers to hear."""
    return (
        select(Person.preferred_contact)
        .where(Person.case_id == Case.id)
        .order_by(Person.id)
        .limit(1)
        .scalar_subquery()
    )
