"""Emails the portal could not send, and trying one again."""

from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..extensions import db
from ..forms import ConfirmForm
from ..models import StaffUser
from ..reports.outbox import failed_emails, struggling_emails
from ..services import outbox
from ..services.casework import CaseworkError
from . import bp
from .access import OFFICERS, ROLES_ATTRIBUTE, requires


@bp.get("/staff/emails")
@requires(*OFFICERS)
def emails_not_sent() -> str:
    return render_template(
        "staff/emails_not_sent.html",
        failed=failed_emails(db.session),
        struggling=struggling_emails(db.session),
        confirm=ConfirmForm(),
    )


@bp.post("/staff/emails/<int:message_id>/try-again")
@requires(*OFFICERS)
def try_email_again(message_id: int) -> Any:
    if ConfirmForm().validate_on_submit():
        try:
            outbox.try_again(db.session, current_user, message_id, clock.now())
        except CaseworkError as error:
            flash(_(error.message))
        else:
            db.session.commit()
            flash(_("The email will be sent again in the next few minutes"))
    return redirect(url_for("staff.emails_not_sent"), 303)


def may_see_emails(user: StaffUser) -> bool:
    """Whether the queue should tell this member of staff about emails not sent: those who
    may open the page."""
    return user.role in getattr(emails_not_sent, ROLES_ATTRIBUTE)
