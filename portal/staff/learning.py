"""Learning from complaints: the investigating manager's form and actions, the complaints
manager's record of what changed, the list of what is outstanding, and what the public
reads of it ("You said, we did")."""

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import clock
from ..extensions import db
from ..forms import ConfirmForm
from ..models import Case, LearningAction, LearningCategory, Role
from ..reports.choices import active_learning_categories
from ..reports.learning import outstanding_learning, published_actions, published_statements
from ..services import learning
from ..services.casework import CaseworkError
from . import bp
from .access import ANSWERERS, CASE_WORKERS, OFFICERS, requires
from .forms import ActionForm, ImplementedForm, LearningForm, PublishForm
from .pages import action_page, attempt, back_to_case, load_case, today_by_default


@bp.route("/staff/cases/<reference>/learning", methods=["GET", "POST"])
@requires(*ANSWERERS)
def learning_form(reference: str) -> Any:
    case = load_case(reference, "learning")
    form = LearningForm()
    categories = active_learning_categories(db.session)
    form.categories.choices = [(str(c.id), c.name) for c in categories]
    if request.method == "GET":
        form.categories.data = [str(c.id) for c in case.learning.categories]

    def save() -> None:
        chosen = [db.session.get(LearningCategory, int(i)) for i in form.categories.data]
        learning.return_learning_form(db.session, case, current_user, chosen, clock.today())

    if form.validate_on_submit() and attempt(form, save):
        return back_to_case(case, _l("Learning form saved"))
    return render_template(
        "staff/learning_form.html", case=case, form=form, manager=Role.COMPLAINTS_MANAGER,
        title=_l("Learning form"), button=_l("Save learning form"),
    )  # fmt: skip


@bp.route("/staff/cases/<reference>/learning/actions/new", methods=["GET", "POST"])
@requires(*ANSWERERS)
def learning_action(reference: str) -> Any:
    case = load_case(reference, "learning")
    form = ActionForm()

    def save() -> None:
        plan = learning.ActionPlan(form.description.data, form.owner.data, form.due_on.data)
        learning.add_action(db.session, case, current_user, plan)

    if form.validate_on_submit() and attempt(form, save):
        return redirect(url_for("staff.learning_form", reference=reference), 303)
    return action_page(case, form, _l("Add a learning action"), _l("Add action"))


@bp.route(
    "/staff/cases/<reference>/learning/actions/<int:action_id>/implemented",
    methods=["GET", "POST"],
)
@requires()
def learning_implemented(reference: str, action_id: int) -> Any:
    case = load_case(reference, "learning")
    form = ImplementedForm()
    today_by_default(form, "implemented_on")

    def save() -> None:
        learning.mark_implemented(
            db.session, case, current_user, action_id, form.implemented_on.data,
            form.difference_made.data,
        )  # fmt: skip

    if form.validate_on_submit() and attempt(form, save):
        return redirect(url_for("staff.learning_form", reference=reference), 303)
    return action_page(case, form, _l("Mark the action implemented"), _l("Save"))


@bp.get("/staff/learning")
@requires(*OFFICERS)
def outstanding() -> str:
    rows = outstanding_learning(db.session)
    return render_template("staff/learning_outstanding.html", rows=rows)


@bp.route(
    "/staff/cases/<reference>/learning/actions/<int:action_id>/publish",
    methods=["GET", "POST"],
)
@requires()
def learning_publish(reference: str, action_id: int) -> Any:
    case = load_case(reference, "learning")
    action = _action_or_404(case, action_id)
    published = action.published_on is not None
    form = PublishForm()
    if request.method == "GET" and action.public_statement:
        form.theme.data, form.statement.data = action.public_theme, action.public_statement

    def save() -> None:
        public = learning.PublicStatement(form.theme.data, form.statement.data)
        learning.publish_statement(db.session, case, current_user, action_id, public, clock.today())

    if form.validate_on_submit() and attempt(form, save):
        flash(_("Statement changed") if published else _("Published as 'You said, we did'"))
        return redirect(url_for("staff.you_said_we_did_preview"), 303)
    title = _("Change the published statement") if published else _("Publish as 'You said, we did'")
    return render_template(
        "staff/learning_publish.html", case=case, action=action, form=form, title=title,
        button=_("Save changes") if published else _("Publish"),
    )  # fmt: skip


@bp.route(
    "/staff/cases/<reference>/learning/actions/<int:action_id>/unpublish",
    methods=["GET", "POST"],
)
@requires()
def learning_unpublish(reference: str, action_id: int) -> Any:
    case = load_case(reference, "learning")
    action = _action_or_404(case, action_id)
    if action.published_on is None:
        return redirect(url_for("staff.you_said_we_did_preview"), 303)
    form = ConfirmForm()
    if form.validate_on_submit():
        learning.unpublish_statement(db.session, case, current_user, action_id)
        db.session.commit()
        flash(_("Statement taken off the public page"))
        return redirect(url_for("staff.you_said_we_did_preview"), 303)
    return action_page(
        case, form, _l("Take this statement off the public page?"), _l("Unpublish"),
        intro=action.public_statement,
    )  # fmt: skip


@bp.get("/staff/learning/you-said-we-did")
@requires(*CASE_WORKERS)
def you_said_we_did_preview() -> str:
    return render_template(
        "staff/you_said_we_did.html",
        themes=published_statements(db.session),
        published=published_actions(db.session),
        manager=Role.COMPLAINTS_MANAGER,
    )


def _action_or_404(case: Case, action_id: int) -> LearningAction:
    try:
        return learning.find_action(case, action_id)
    except CaseworkError:
        abort(404)
