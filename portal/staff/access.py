"""Who may open which staff page: signed in (with a code), not idle, and in a named role."""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import abort, redirect, request, session, url_for
from flask_login import current_user, logout_user

from .. import clock
from ..models import Case, Role, StaffUser
from ..procedure.taxonomy import CaseKind
from . import bp

IDLE_LIMIT = timedelta(minutes=30)
ABSOLUTE_LIMIT = timedelta(hours=12)
#: Set on each view by :func:`requires`; a test checks every staff route has it.
ROLES_ATTRIBUTE = "portal_roles"
#: Everyone who handles cases (the viewer sees reports only).
CASE_WORKERS = (
    Role.COMPLAINTS_OFFICER,
    Role.INVESTIGATING_MANAGER,
    Role.PARTICIPATION_OFFICER,
)


def requires(*roles: Role) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Let only these roles (and the complaints manager, who may do everything) in."""
    allowed = frozenset(roles) | {Role.COMPLAINTS_MANAGER}

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        setattr(guarded, ROLES_ATTRIBUTE, allowed)
        return guarded

    return decorate


@bp.before_request
def require_staff() -> Any:
    """Every staff page: signed in, and the session neither idle nor too old."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
    now = clock.now()
    if _expired(session.get("staff_seen"), now, IDLE_LIMIT) or _expired(
        session.get("staff_since"), now, ABSOLUTE_LIMIT
    ):
        logout_user()
        session.clear()
        return redirect(url_for("auth.signed_out", ended="1"))
    session["staff_seen"] = now.isoformat()
    return None


def _expired(stamp: str | None, now: datetime, limit: timedelta) -> bool:
    return stamp is None or now - datetime.fromisoformat(stamp) > limit


@bp.after_request
def keep_staff_pages_private(response: Any) -> Any:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


#: Complaints officers (and the manager) handle every case.
OFFICERS = (Role.COMPLAINTS_OFFICER,)
#: Those who answer a complaint: the officer, or the investigating manager assigned.
ANSWERERS = (Role.COMPLAINTS_OFFICER, Role.INVESTIGATING_MANAGER)


def can_open(user: StaffUser, case: Case) -> bool:
    """May this member of staff open this case? Investigating managers see the cases
    assigned to them; participation officers see children's cases and informal feedback."""
    if user.role in (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_MANAGER):
        return True
    if user.role is Role.INVESTIGATING_MANAGER:
        return case.assignee_id == user.id
    if user.role is Role.PARTICIPATION_OFFICER:
        return case.child_led or case.kind in CHILDRENS_KINDS
    return False


CHILDRENS_KINDS = (CaseKind.INFORMAL_FEEDBACK, CaseKind.ADVOCACY_REQUEST)
