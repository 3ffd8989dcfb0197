"""Lists that forms offer to choose from."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Team


def active_team_names(session: Session) -> list[str]:
    """The teams a person may choose, by name."""
    return list(session.scalars(select(Team.name).where(Team.active).order_by(Team.name)))
