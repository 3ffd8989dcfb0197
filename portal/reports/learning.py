"""Learning forms and actions still outstanding, and the "You said, we did" statements
that are published."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case, LearningAction, LearningForm
from ..procedure.taxonomy import PublicTheme


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


@dataclass(frozen=True)
class PublishedStatement:
    """A published statement as the public reads it: nothing from the case, and only the
    month it was published (always its first day)."""

    statement: str
    month: date


@dataclass(frozen=True)
class ThemeStatements:
    """One theme of "You said, we did", with its statements newest first."""

    theme: PublicTheme
    statements: list[PublishedStatement]


@dataclass(frozen=True)
class PublishedAction:
    """A published learning action and the case it came from, for staff."""

    reference: str
    theme: PublicTheme
    action: LearningAction


def published_statements(session: Session) -> list[ThemeStatements]:
    """Every published statement, by theme in the themes' order, newest first in each.
    Reads the three public columns only, so nothing else of a case can reach the page."""
    query = (
        select(
            LearningAction.public_theme,
            LearningAction.public_statement,
            LearningAction.published_on,
        )
        .where(LearningAction.published_on.is_not(None))
        .order_by(LearningAction.published_on.desc(), LearningAction.id.desc())
    )
    grouped: dict[PublicTheme, list[PublishedStatement]] = {}
    for theme, text, day in session.execute(query):
        grouped.setdefault(_theme(theme), []).append(PublishedStatement(text, day.replace(day=1)))
    return [ThemeStatements(theme, grouped[theme]) for theme in PublicTheme if theme in grouped]


def published_actions(session: Session) -> list[PublishedAction]:
    """The learning actions published as "You said, we did", newest first, with their case."""
    query = (
        select(Case.reference, LearningAction)
        .join(Case, Case.id == LearningAction.case_id)
        .where(LearningAction.published_on.is_not(None))
        .order_by(LearningAction.published_on.desc(), LearningAction.id.desc())
    )
    return [
        PublishedAction(reference, _theme(action.public_theme), action)
        for reference, action in session.execute(query)
    ]


def _theme(value: str | None) -> PublicTheme:
    """The theme stored with a statement (Other, should it no longer be on the list)."""
    try:
        return PublicTheme(value)
    except ValueError:
        return PublicTheme.OTHER
