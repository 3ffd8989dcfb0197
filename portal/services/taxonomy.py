"""Finding and creating the council's configurable lists."""

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import defaults
from ..models import IssueCategory, IssueSubcategory, LearningCategory, Team, Theme, ThemeScope

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


class TaxonomyCache:
    """Looks up taxonomy rows by name, creating missing ones as inactive (kept for history).

    Imported cases may name teams or themes the council no longer offers; they are kept
    so old cases keep their names, but staff cannot choose them for new cases.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._teams = {row.name: row for row in session.scalars(select(Team))}
        self._themes = {(row.scope, row.name): row for row in session.scalars(select(Theme))}
        self._categories = {row.name: row for row in session.scalars(select(IssueCategory))}
        self._subcategories = {
            (row.category_id, row.name): row for row in session.scalars(select(IssueSubcategory))
        }
        self._learning = {row.name: row for row in session.scalars(select(LearningCategory))}

    def team(self, name: str) -> Team:
        """The team called ``name``."""
        return self._get(self._teams, name, lambda: Team(name=name, active=False))

    def theme(self, scope: ThemeScope, name: str) -> Theme:
        """The theme called ``name`` for contacts of ``scope``."""
        return self._get(
            self._themes, (scope, name), lambda: Theme(scope=scope, name=name, active=False)
        )

    def category(self, name: str) -> IssueCategory:
        """The issue category called ``name``."""
        return self._get(self._categories, name, lambda: IssueCategory(name=name, active=False))

    def subcategory(self, category: IssueCategory, name: str) -> IssueSubcategory:
        """The subcategory called ``name`` within ``category``."""
        if category.id is None:
            self._session.flush()
        return self._get(
            self._subcategories,
            (category.id, name),
            lambda: IssueSubcategory(category=category, name=name, active=False),
        )

    def learning_category(self, name: str) -> LearningCategory:
        """The learning category called ``name``."""
        return self._get(self._learning, name, lambda: LearningCategory(name=name, active=False))

    def _get(self, cache: dict[K, T], key: K, create: Callable[[], T]) -> T:
        if key not in cache:
            cache[key] = create()
            self._session.add(cache[key])
        return cache[key]


def seed_names(session: Session, model: type, names: Iterable[str], **fields: object) -> int:
    """Add each active row of ``model`` called one of ``names`` that is missing; return how many."""
    existing = set(session.scalars(select(model.name).filter_by(**fields)))
    added = [model(name=name, **fields) for name in names if name not in existing]
    session.add_all(added)
    return len(added)


def seed_default_taxonomy(session: Session) -> int:
    """Add any of the default teams, themes and categories that are missing; return how many."""
    added = seed_names(session, Team, defaults.TEAMS)
    added += seed_names(session, Theme, defaults.COMPLAINT_THEMES, scope=ThemeScope.COMPLAINT)
    added += seed_names(
        session, Theme, defaults.INFORMAL_FEEDBACK_THEMES, scope=ThemeScope.INFORMAL_FEEDBACK
    )
    added += seed_names(session, IssueCategory, defaults.ISSUE_CATEGORIES)
    session.flush()
    for category in session.scalars(select(IssueCategory)):
        names = defaults.ISSUE_CATEGORIES.get(category.name, [])
        added += seed_names(session, IssueSubcategory, names, category_id=category.id)
    added += seed_names(session, LearningCategory, defaults.LEARNING_CATEGORIES)
    return added
