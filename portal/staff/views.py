from dataclasses import replace
from typing import Any

from flask import abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..config import retention_rules, timescales
from ..database import write_transaction
from ..extensions import db
from ..i18n import label
from ..models import CASE_VIEWED, ActorKind, Adjustment, ChildAgreement, Role
from ..procedure.taxonomy import CaseKind, Procedure
from ..reports.case_view import case_view, event_title, find_case
from ..reports.choices import active_team_names, assignable_managers
from ..reports.outbox import failed_email_count
from ..reports.queue import (
    QueueFilter,
    awaiting_triage,
    due_stages,
    other_open_contacts,
    paginate,
    quick_counts,
    staff_scope,
    stage_requests,
    with_cases,
)
from ..services.audit import record_event
from ..services.retention import retention_of
from . import bp
from .access import CASE_WORKERS, can_open, requires
from .case_actions import ACTIONS
from .emails import may_see_emails
from .forms import QueueFilterForm


@bp.get("/staff/")
@requires(*CASE_WORKERS, Role.VIEWER)
def queue() -> Any:
    if current_user.role is Role.VIEWER:
        return redirect(url_for("staff.reports"))  # viewers see reports, not cases
    today = clock.today()
    rules = timescales(current_app.config)
    form = QueueFilterForm(request.args)
    form.team.choices = [("", _("Any"))] + [(n, n) for n in active_team_names(db.session)]
    form.assignee.choices = [("", _("Anyone"))] + [
        (str(user.id), user.display_name) for user in assignable_managers(db.session)
    ]
    only = _queue_filter(form) if form.validate() else QueueFilter()
    if only.reference:
        found = find_case(db.session, only.reference)
        if found is not None and can_open(current_user, found):
            return redirect(url_for("staff.case_detail", reference=found.reference))
    scope = staff_scope(current_user)
    due = due_stages(db.session, today, rules, scope, only)
    page = paginate(due, request.args.get("page", 1, type=int))
    return render_template(
        "staff/queue.html",
        form=form,
        rows=awaiting_triage(db.session, today, rules, scope, only),
        stages=replace(page, items=with_cases(db.session, page.items)),
        counts=quick_counts(due),
        others=other_open_contacts(db.session, scope, only),
        requests=stage_requests(db.session, scope),
        failed_emails=failed_email_count(db.session) if may_see_emails(current_user) else 0,
    )


def _queue_filter(form: QueueFilterForm) -> QueueFilter:
    return QueueFilter(
        reference=form.reference.data or None,
        kind=CaseKind(form.kind.data) if form.kind.data else None,
        procedure=Procedure(form.procedure.data) if form.procedure.data else None,
        stage=int(form.stage.data) if form.stage.data else None,
        team=form.team.data or None,
        assignee_id=int(form.assignee.data) if form.assignee.data else None,
        child_led=form.child_led.data,
        advocate=form.advocate.data,
        safeguarding=form.safeguarding.data,
        overdue_only=form.overdue.data,
        due_soon_only=form.due_soon.data,
        by_received=form.sort.data == "received",
    )


@bp.get("/staff/cases/<reference>")
@requires(*CASE_WORKERS)
def case_detail(reference: str) -> str:
    view = case_view(db.session, reference, clock.today(), timescales(current_app.config))
    if view is None or not can_open(current_user, view.case):
        abort(404)
    actions = [
        action
        for name, action in ACTIONS.items()
        if name in view.actions and current_user.role in (*action.roles, Role.COMPLAINTS_MANAGER)
    ]
    retention = retention_of(db.session, view.case, retention_rules(current_app.config))
    page = render_template(
        "staff/case_detail.html", view=view, actions=actions, retention=retention
    )
    # Reading a case is itself recorded, who and when, before the page is sent.
    case_id, staff_id = view.case.id, current_user.id
    with write_transaction(db.session):
        record_event(db.session, CASE_VIEWED, actor_kind=ActorKind.STAFF, actor_id=staff_id,
                     case_id=case_id)  # fmt: skip
    return page


@bp.app_template_filter("adjustment")
def adjustment_label(value: str) -> str:
    return label(Adjustment(value))


@bp.app_template_filter("agreement")
def agreement_label(value: str) -> str:
    return label(ChildAgreement(value))


@bp.app_template_filter("event_title")
def event_title_label(action: str) -> str:
    return _(event_title(action))
