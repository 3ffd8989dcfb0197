"""Learning from complaints: the investigating manager's form and actions, the complaints
manager's record of what changed, and the list of what is outstanding."""

from typing import Any

from flask import redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import clock
from ..extensions import db
from ..models import LearningCategory, Role
from ..reports.choices import active_learning_categories
from ..reports.learning import outstanding_learning
from ..services import learning
from . import bp
from .access import ANSWERERS, OFFICERS, requires
from .forms import ActionForm, ImplementedForm, LearningForm
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
        "staff/learning_form.html", case=case, form=form, manager=Role.COMPLAINTS_MANAGER
    )


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
