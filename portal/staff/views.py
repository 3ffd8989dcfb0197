from flask import abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..config import timescales
from ..extensions import db
from ..i18n import label
from ..models import ActorKind, Adjustment, ChildAgreement
from ..procedure.taxonomy import Procedure
from ..reports.case_view import case_view
from ..reports.choices import active_team_names
from ..reports.queue import QueueFilter, awaiting_triage, open_stages
from ..services.audit import record_event
from . import bp
from .access import CASE_WORKERS, requires
from .forms import QueueFilterForm


@bp.get("/staff/")
@requires(*CASE_WORKERS)
def queue() -> str:
    today = clock.today()
    rules = timescales(current_app.config)
    form = QueueFilterForm(request.args)
    form.team.choices = [("", _("Any"))] + [(n, n) for n in active_team_names(db.session)]
    only = _queue_filter(form) if form.validate() else QueueFilter()
    return render_template(
        "staff/queue.html",
        form=form,
        rows=awaiting_triage(db.session, today, rules),
        stages=open_stages(db.session, today, rules, only),
    )


def _queue_filter(form: QueueFilterForm) -> QueueFilter:
    return QueueFilter(
        procedure=Procedure(form.procedure.data) if form.procedure.data else None,
        stage=int(form.stage.data) if form.stage.data else None,
        team=form.team.data or None,
        overdue_only=form.overdue.data,
    )


@bp.get("/staff/cases/<reference>")
@requires(*CASE_WORKERS)
def case_detail(reference: str) -> str:
    view = case_view(db.session, reference) or abort(404)
    # Reading a case is itself recorded: who looked, and when.
    record_event(
        db.session, "case.viewed", actor_kind=ActorKind.STAFF, actor_id=current_user.id,
        case_id=view.case.id,
    )  # fmt: skip
    db.session.commit()
    return render_template("staff/case_detail.html", view=view)


@bp.app_template_filter("adjustment")
def adjustment_label(value: str) -> str:
    return label(Adjustment(value))


@bp.app_template_filter("agreement")
def agreement_label(value: str) -> str:
    return label(ChildAgreement(value))
