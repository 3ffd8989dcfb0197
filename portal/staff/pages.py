"""What every staff page that changes a case does: find the case the person may open,
show the form, make the change (a refused change becomes the form's error), commit, and
go back to the case."""

from collections.abc import Callable
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from .. import clock
from ..config import timescales
from ..extensions import db
from ..forms import QuestionForm
from ..models import Case
from ..procedure.deadlines import Timescales
from ..reports.case_view import available_actions
from ..services.casework import CaseworkError
from .access import can_open


def load_case(reference: str, action: str) -> Case:
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    if case is None or not can_open(current_user, case):
        abort(404)
    if action not in available_actions(case):
        abort(409)
    return case


def back_to_case(case: Case, done: Any) -> Response:
    flash(str(done))
    return redirect(url_for("staff.case_detail", reference=case.reference), 303)


def action_page(case: Case, form: QuestionForm, title: Any, button: Any, **extra: Any) -> str:
    return render_template(
        "staff/case_action.html", case=case, form=form, title=title, button=button, **extra
    )


def attempt(form: QuestionForm, change: Callable[[], object]) -> bool:
    """Make the change and commit; a refused change becomes the form's error."""
    try:
        change()
    except CaseworkError as error:
        db.session.rollback()
        field = form._fields.get(error.field or "") or form.question_fields()[0]
        field.errors = [*field.errors, _(error.message)] if field.errors else [_(error.message)]
        return False
    db.session.commit()
    return True


def today_by_default(form: QuestionForm, *names: str) -> None:
    if request.method == "GET":
        for name in names:
            form._fields[name].data = clock.today()


def rules() -> Timescales:
    return timescales(current_app.config)
