"""Learning from complaints: the investigating manager's form, its actions, and the
complaints manager's record of what changed."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..models import Case, LearningAction, LearningCategory, LearningFormCategory, StaffUser
from ..procedure.text import N_
from .casework import CaseworkError, record_change


def return_learning_form(
    session: Session,
    case: Case,
    actor: StaffUser,
    categories: Sequence[LearningCategory],
    today: date,
) -> None:
    """The investigating manager returns the learning form with its categories."""
    form = case.learning
    if form is None:
        raise CaseworkError(N_("No learning form has been sent for this case"))
    if not categories:
        raise CaseworkError(N_("Choose at least one kind of learning"), "categories")
    form.form_categories = [
        LearningFormCategory(category=category, position=position)
        for position, category in enumerate(categories)
    ]
    form.returned_on = form.returned_on or today
    record_change(session, case, actor, "learning.returned",
                  categories=[category.id for category in categories])  # fmt: skip


@dataclass(frozen=True)
class ActionPlan:
    """One thing the service will do, who owns it, and by when."""

    description: str
    owner: str
    due_on: date


def add_action(session: Session, case: Case, actor: StaffUser, plan: ActionPlan) -> LearningAction:
    """Add an action to the case's learning form."""
    form = case.learning
    if form is None:
        raise CaseworkError(N_("No learning form has been sent for this case"))
    action = LearningAction(description=plan.description, owner=plan.owner, due_on=plan.due_on)
    form.actions.append(action)
    form.implemented_on = None
    session.flush()
    record_change(session, case, actor, "learning.action_added", action_id=action.id)
    return action


def mark_implemented(
    session: Session, case: Case, actor: StaffUser, action_id: int, on: date, difference: str
) -> None:
    """The complaints manager records an action as done, and the difference it made;
    the form is implemented when every action is."""
    form = case.learning
    action = next((a for a in form.actions if a.id == action_id), None) if form else None
    if action is None:
        raise CaseworkError(N_("That action is not on this case"))
    if not difference.strip():
        raise CaseworkError(N_("Say what difference the action made"), "difference_made")
    action.implemented_on = on
    action.difference_made = difference
    if all(each.implemented_on for each in form.actions):
        form.implemented_on = max(each.implemented_on for each in form.actions)
    record_change(session, case, actor, "learning.action_implemented", action_id=action_id)
