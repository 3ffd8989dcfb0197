"""Lists that forms offer to choose from."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    IssueCategory,
    IssueSubcategory,
    LearningCategory,
    Role,
    StaffUser,
    Team,
    Theme,
    ThemeScope,
)


def active_team_names(session: Session) -> list[str]:
    """The teams a person may choose, by name."""
    return list(session.scalars(select(Team.name).where(Team.active).order_by(Team.name)))


def active_teams(session: Session) -> list[Team]:
    """The teams staff may assign a case to."""
    return list(session.scalars(select(Team).where(Team.active).order_by(Team.name)))


def assignable_managers(session: Session) -> list[StaffUser]:
    """Active staff who can be asked to answer a complaint."""
    return list(
        session.scalars(
            select(StaffUser)
            .where(
                StaffUser.active,
                StaffUser.role.in_([Role.INVESTIGATING_MANAGER, Role.COMPLAINTS_MANAGER]),
            )
            .order_by(StaffUser.display_name)
        )
    )


def active_themes(session: Session, scope: ThemeScope) -> list[Theme]:
    """The themes staff may pick for a complaint or for informal feedback."""
    query = select(Theme).where(Theme.active, Theme.scope == scope).order_by(Theme.name)
    return list(session.scalars(query))


def issue_categories(session: Session) -> list[tuple[IssueCategory, IssueSubcategory | None]]:
    """Every active (category, subcategory) pair, with (category, None) for each category."""
    pairs: list[tuple[IssueCategory, IssueSubcategory | None]] = []
    categories = session.scalars(
        select(IssueCategory).where(IssueCategory.active).order_by(IssueCategory.name)
    )
    for category in categories:
        pairs.append((category, None))
        pairs.extend((category, sub) for sub in category.subcategories if sub.active)
    return pairs


def active_learning_categories(session: Session) -> list[LearningCategory]:
    """The learning categories a learning form may record."""
    query = select(LearningCategory).where(LearningCategory.active).order_by(LearningCategory.id)
    return list(session.scalars(query))
