from flask import abort, current_app, render_template
from flask_login import current_user

from .. import clock
from ..config import timescales
from ..extensions import db
from ..i18n import label
from ..models import ActorKind, Adjustment, ChildAgreement
from ..reports.case_view import case_view
from ..reports.queue import awaiting_triage, open_stages
from ..services.audit import record_event
from . import bp
from .access import CASE_WORKERS, requires


@bp.get("/staff/")
@requires(*CASE_WORKERS)
def queue() -> str:
    today = clock.today()
    rules = timescales(current_app.config)
    return render_template(
        "staff/queue.html",
        rows=awaiting_triage(db.session, today, rules),
        stages=open_stages(db.session, today, rules),
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
