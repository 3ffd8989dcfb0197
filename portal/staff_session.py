"""Pages behind a staff sign-in (the complaints team's, and advocates'): signed in with a
code, the session neither idle nor too old, and each view naming the roles it allows."""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import Blueprint, abort, redirect, request, session, url_for
from flask_login import current_user, logout_user

from . import clock
from .models import Role
from .security import keep_private

IDLE_LIMIT = timedelta(minutes=30)
ABSOLUTE_LIMIT = timedelta(hours=12)
#: Set on each view by :func:`requires`; a test checks every staff route has it.
ROLES_ATTRIBUTE = "portal_roles"


def requires(
    *roles: Role, manager: bool = True
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Let only these roles in, and the complaints manager (who may do everything on the
    team's pages) unless ``manager`` is False."""
    allowed = frozenset(roles) | ({Role.COMPLAINTS_MANAGER} if manager else frozenset())

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        setattr(guarded, ROLES_ATTRIBUTE, allowed)
        return guarded

    return decorate


def guard(blueprint: Blueprint) -> None:
    """Put every page of ``blueprint`` behind a fresh staff sign-in, and out of caches."""
    blueprint.before_request(_require_fresh_sign_in)
    blueprint.after_request(keep_private)


def _require_fresh_sign_in() -> Any:
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
