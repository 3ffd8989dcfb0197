"""Lists beyond the queue: live queue health and compliments per team."""

from flask import current_app, render_template, request
from flask_babel import gettext as _

from .. import clock
from ..config import timescales
from ..extensions import db
from ..models import Role
from ..reports.choices import active_team_names
from ..reports.overview import compliments, open_stages_by_team
from ..reports.queue import QueueFilter, Scope, open_stages
from . import bp
from .access import CASE_WORKERS, requires


@bp.get("/staff/reports")
@requires(*CASE_WORKERS, Role.VIEWER)
def reports() -> str:
    rows = open_stages(
        db.session, clock.today(), timescales(current_app.config), Scope(), QueueFilter()
    )
    return render_template(
        "staff/reports.html",
        lines=open_stages_by_team(rows, _("Not known")),
        overdue=sum(row.overdue for row in rows),
        due_soon=sum(row.due_soon for row in rows),
        total=len(rows),
    )


@bp.get("/staff/compliments")
@requires(*CASE_WORKERS, Role.VIEWER)
def compliments_list() -> str:
    team = request.args.get("team") or None
    return render_template(
        "staff/compliments.html",
        cases=compliments(db.session, team),
        teams=active_team_names(db.session),
        team=team,
    )
