"""The complaints manager's list of staff accounts: invite, reset, disable."""

from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..forms import ConfirmForm
from ..models import Role, StaffUser, TokenPurpose
from ..services import staff_links
from ..services.casework import CaseworkError
from . import bp
from .access import requires
from .forms import InviteForm


@bp.get("/staff/users")
@requires()
def users() -> str:
    people = db.session.scalars(select(StaffUser).order_by(StaffUser.active.desc(),
                                                           StaffUser.display_name))  # fmt: skip
    return render_template("staff/users.html", people=list(people), confirm=ConfirmForm())


@bp.route("/staff/users/new", methods=["GET", "POST"])
@requires()
def invite_user() -> Any:
    form = InviteForm()
    if form.validate_on_submit():
        try:
            staff_links.invite(
                db.session, current_user, form.email.data, form.display_name.data,
                Role(form.role.data), clock.now(),
            )  # fmt: skip
        except CaseworkError as error:
            form.email.errors.append(_(error.message))
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s", email=form.email.data))
            return redirect(url_for("staff.users"), 303)
    return render_template("staff/invite.html", form=form)


def _user(user_id: int) -> StaffUser:
    return db.session.get(StaffUser, user_id) or abort(404)


@bp.post("/staff/users/<int:user_id>/reset")
@requires()
def reset_user(user_id: int) -> Any:
    user = _user(user_id)
    if ConfirmForm().validate_on_submit():
        purpose = TokenPurpose.RESET if user.password_hash else TokenPurpose.INVITATION
        staff_links.send_link(db.session, user, purpose, clock.now(), current_user.id)
        db.session.commit()
        flash(_("A new link has been sent to %(email)s", email=user.email))
    return redirect(url_for("staff.users"), 303)


@bp.post("/staff/users/<int:user_id>/disable")
@requires()
def disable_user(user_id: int) -> Any:
    user = _user(user_id)
    if ConfirmForm().validate_on_submit():
        try:
            staff_links.disable(db.session, current_user, user)
        except CaseworkError as error:
            flash(_(error.message))
        else:
            db.session.commit()
            flash(_("%(name)s can no longer sign in", name=user.display_name))
    return redirect(url_for("staff.users"), 303)
