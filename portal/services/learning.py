"""Learning from complaints: the investigating manager's form, its actions, the
complaints manager's record of what changed, and what the public reads of it ("You said,
we did")."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    Case,
    LearningAction,
    LearningCategory,
    LearningFormCategory,
    Person,
    Role,
    StaffUser,
)
from ..procedure.taxonomy import PublicTheme
from ..procedure.text import N_
from .casework import CaseworkError, record_change

#: The longest "You said, we did" statement the public page shows.
STATEMENT_MAX = 600
#: Anything shaped like a case reference (SCT-7KD4-M9QP), whichever case it is.
REFERENCE_SHAPE = re.compile(r"\b[A-Z]{2,}-[A-Z0-9]{4}-[A-Z0-9]{4}\b", re.IGNORECASE)
IDENTIFIES = N_("Take out names and case references, so no one can tell who it is about")


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
    action = find_action(case, action_id)
    form = case.learning
    if not difference.strip():
        raise CaseworkError(N_("Say what difference the action made"), "difference_made")
    action.implemented_on = on
    action.difference_made = difference
    if all(each.implemented_on for each in form.actions):
        form.implemented_on = max(each.implemented_on for each in form.actions)
    record_change(session, case, actor, "learning.action_implemented", action_id=action_id)


def find_action(case: Case, action_id: int) -> LearningAction:
    """The learning action with this id on this case's learning form."""
    form = case.learning
    action = next((a for a in form.actions if a.id == action_id), None) if form else None
    if action is None:
        raise CaseworkError(N_("That action is not on this case"))
    return action


@dataclass(frozen=True)
class PublicStatement:
    """What the public page shows for an action: a theme (a :class:`PublicTheme` value)
    and a short statement with nothing in it that identifies anyone."""

    theme: str
    statement: str


def publish_statement(
    session: Session,
    case: Case,
    actor: StaffUser,
    action_id: int,
    public: PublicStatement,
    today: date,
) -> None:
    """The complaints manager publishes an implemented action as "You said, we did", or
    changes what is published (which keeps the month it was first published)."""
    _require_manager(actor)
    action = find_action(case, action_id)
    if action.implemented_on is None:
        raise CaseworkError(N_("Mark the action implemented before you publish it"))
    statement = _checked_statement(session, case, public.statement)
    theme = _checked_theme(public.theme)
    changing = action.published_on is not None
    action.public_theme, action.public_statement = theme, statement
    action.published_on = action.published_on or today
    event = "learning.statement_changed" if changing else "learning.published"
    record_change(session, case, actor, event, action_id=action_id, theme=theme)


def unpublish_statement(session: Session, case: Case, actor: StaffUser, action_id: int) -> None:
    """The complaints manager takes a statement off the public page; its words are kept,
    ready to publish again."""
    _require_manager(actor)
    action = find_action(case, action_id)
    if action.published_on is None:
        raise CaseworkError(N_("That statement is not published"))
    action.published_on = None
    record_change(session, case, actor, "learning.unpublished", action_id=action_id)


def _require_manager(actor: StaffUser) -> None:
    """Only the complaints manager speaks for the service in public."""
    if actor.role is not Role.COMPLAINTS_MANAGER:
        raise CaseworkError(N_("Only the complaints manager can publish 'You said, we did'"))


def _checked_theme(theme: str) -> str:
    """The theme, if it is one of the public page's themes."""
    if theme not in {each.value for each in PublicTheme}:
        raise CaseworkError(N_("Choose a theme"), "theme")
    return theme


def _checked_statement(session: Session, case: Case, statement: str) -> str:
    """The statement, trimmed, if it is short and names neither the case nor anyone on it."""
    statement = statement.strip()
    if not statement:
        raise CaseworkError(N_("Enter the statement"), "statement")
    if len(statement) > STATEMENT_MAX:
        raise CaseworkError(N_("The statement must be 600 characters or fewer"), "statement")
    names = session.scalars(
        select(Person.full_name).where(Person.case_id == case.id, Person.full_name.is_not(None))
    )
    if _mentions_reference(statement, case.reference) or _mentions_names(statement, names):
        raise CaseworkError(IDENTIFIES, "statement")
    return statement


def _mentions_reference(statement: str, reference: str) -> bool:
    """Does the statement give this case's reference, or anything shaped like one?"""
    return reference.casefold() in statement.casefold() or bool(REFERENCE_SHAPE.search(statement))


def _mentions_names(statement: str, names: Iterable[str]) -> bool:
    """Does the statement use any part of these names as a capitalised word? (Lower case
    is allowed, so "we will" passes for a person called Will.)"""
    written = {word.casefold() for word in re.findall(r"\w+", statement) if word[0].isupper()}
    parts = {part.casefold() for name in names for part in re.findall(r"\w+", name)}
    return any(len(part) > 1 and part in written for part in parts)
