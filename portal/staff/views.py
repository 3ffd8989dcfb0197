from flask import current_app, render_template

from .. import clock
from ..config import timescales
from ..extensions import db
from ..reports.queue import awaiting_triage
from . import bp
from .access import CASE_WORKERS, requires


@bp.get("/staff/")
@requires(*CASE_WORKERS)
def queue() -> str:
    today = clock.today()
    rows = awaiting_triage(db.session, today, timescales(current_app.config))
    return render_template("staff/queue.html", rows=rows, today=today)
