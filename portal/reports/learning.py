"""Learning forms and actions still outstanding."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case, LearningAction, LearningForm


@dataclass(frozen=True)
class OutstandingLearning:
    """A learning form not yet returned, or returned with actions not yet implemented."""

    case: Case
    form: LearningForm
    open_actions: list[LearningAction]


def outstanding_learning(session: Session) -> list[OutstandingLearning]:
    """Every learning form still waiting on someone, the oldest first."""
    query = (
        select(Case, LearningForm)
        .join(LearningForm, LearningForm.case_id == Case.id)
        .where(LearningForm.implemented_on.is_(None))
        .options(selectinload(LearningForm.actions), selectinload(Case.assignee))
        .order_by(LearningForm.sent_on, Case.reference)
    )
    rows = []
    for case, form in session.execute(query):
        open_actions = [action for action in form.actions if action.implemented_on is None]
        if form.returned_on is None or open_actions:
            rows.append(OutstandingLearning(case, form, open_actions))
    return rows
