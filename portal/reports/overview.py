"""Queue health at a glance, for heads of service and anyone with the viewer role."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case, Team
from ..procedure.taxonomy import CaseKind
from .queue import StageRow


@dataclass(frozen=True)
class TeamLine:
    """Open stages of one team's complaints: by stage, overdue and due soon."""

    team: str
    by_stage: dict[int, int]
    overdue: int
    due_soon: int


def open_stages_by_team(rows: Sequence[StageRow], unknown: str) -> list[TeamLine]:
    """The open stages counted per team, the team with the most overdue first."""
    teams: dict[str, list[StageRow]] = {}
    for row in rows:
        teams.setdefault(row.case.team.name if row.case.team else unknown, []).append(row)
    lines = [
        TeamLine(
            team,
            dict(Counter(row.stage.number for row in team_rows)),
            sum(row.overdue for row in team_rows),
            sum(row.due_soon for row in team_rows),
        )
        for team, team_rows in teams.items()
    ]
    return sorted(lines, key=lambda line: (-line.overdue, line.team))


def compliments(session: Session, team: str | None) -> list[Case]:
    """Compliments, newest first, for one team or all."""
    query = (
        select(Case)
        .where(Case.kind == CaseKind.COMPLIMENT)
        .options(selectinload(Case.team))
        .order_by(Case.received_on.desc(), Case.id.desc())
    )
    if team:
        query = query.where(Case.team.has(Team.name == team))
    return list(session.scalars(query.limit(500)))
