"""An advocate's list of cases and each case as the child sees it."""

from typing import Any

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..config import timescales
from ..extensions import db
from ..models import Case, Role
from ..reports.advocacy import supported_cases
from ..reports.tracker_view import tracker_view
from ..services import tracker
from ..services.advocacy import supports
from ..services.casework import CaseworkError
from ..staff_session import requires
from . import bp
from .forms import MessageForm, NextStageForm


def _case(reference: str) -> Case:
    case = db.session.scalar(select(Case).where(Case.reference == reference))
    if case is None or not supports(db.session, current_user, case):
        abort(404)  # no consent, or consent withdrawn: as if the case did not exist
    return case


@bp.get("/advocate/")
@requires(Role.ADVOCATE, manager=False)
def cases() -> str:
    return render_template("advocates/cases.html", cases=supported_cases(db.session, current_user))


@bp.get("/advocate/cases/<reference>")
@requires(Role.ADVOCATE, manager=False)
def case(reference: str) -> str:
    found = _case(reference)
    view = tracker_view(db.session, found, clock.today(), timescales(current_app.config))
    return render_template("advocates/case.html", view=view)


def _write(reference: str, form: Any, change: Any, done: str, button: str) -> Any:
    found = _case(reference)
    if form.validate_on_submit():
        try:
            change(found)
        except CaseworkError as error:
            db.session.rollback()
            form.question_fields()[0].errors.append(_(error.message))
        else:
            db.session.commit()
            flash(done)
            return redirect(url_for(".case", reference=reference), 303)
    return render_template("advocates/question.html", form=form, case=found, button_text=button)


@bp.route("/advocate/cases/<reference>/message", methods=["GET", "POST"])
@requires(Role.ADVOCATE, manager=False)
def message(reference: str) -> Any:
    form = MessageForm()
    return _write(
        reference, form,
        lambda found: tracker.write_to_team(db.session, found, form.body.data, current_user),
        _("Your message has been sent"), _("Send message"),
    )  # fmt: skip


@bp.route("/advocate/cases/<reference>/next-stage", methods=["GET", "POST"])
@requires(Role.ADVOCATE, manager=False)
def next_stage(reference: str) -> Any:
    form = NextStageForm()
    rules = timescales(current_app.config)
    return _write(
        reference, form,
        lambda found: tracker.ask_for_next_stage(
            db.session, found, form.reasons.data, clock.today(), rules, current_user
        ),
        _("The request has been sent"), _("Send the request"),
    )  # fmt: skip
