"""Pages behind a staff sign-in (the complaints team's, and advocates'): signed in with a
code, the session neither idle nor too old, the strict cookie present, and each view naming
the roles it allows.

The session cookie is SameSite=Lax, because people follow emailed links to the public side
and the tracker. Staff pages ask for a second, SameSite=Strict cookie as well, set when the
code is accepted, whose hash the session keeps: browsers never send it with a request
another site started, so a link or form on another site cannot act as a member of staff.
"""

import hmac
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    after_this_request,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user

from . import clock
from .extensions import login_manager, without_request_hooks
from .models import Role
from .security import keep_private, safe_next
from .services.tokens import new_token, token_hash

IDLE_LIMIT = timedelta(minutes=30)
ABSOLUTE_LIMIT = timedelta(hours=12)
#: Set on each view by :func:`requires`; a test checks every staff route has it.
ROLES_ATTRIBUTE = "portal_roles"
#: Session key holding the hash of the strict cookie's value.
STRICT = "staff_strict"


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


def init_app(app: Flask) -> None:
    """Staff sign in through Flask-Login, with two of its defaults left out. Its
    remember-me cookie: staff are never remembered (a session ends at the limits above), so
    its hook after every request would only ever look at the session. And its template
    variable, which loads the user before every page is rendered: ``current_user`` is
    instead looked up when a template uses it, which only staff and advocates' pages do."""
    with without_request_hooks(app):  # its only one is the remember-me cookie's
        login_manager.init_app(app, add_context_processor=False)
    app.jinja_env.globals["current_user"] = current_user


def guard(blueprint: Blueprint) -> None:
    """Put every page of ``blueprint`` behind a fresh staff sign-in, and out of caches."""
    blueprint.before_request(_require_fresh_sign_in)
    blueprint.after_request(keep_private)


def _require_fresh_sign_in() -> Any:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in", next=_here()))
    now = clock.now()
    if _expired(session.get("staff_seen"), now, IDLE_LIMIT) or _expired(
        session.get("staff_since"), now, ABSOLUTE_LIMIT
    ):
        _end_session()
        return redirect(url_for("auth.signed_out", ended="1"))
    if not _strict_cookie_matches():
        return _without_strict_cookie()
    session["staff_seen"] = now.isoformat()
    return None


def _here() -> str:
    return request.full_path.rstrip("?")


def _end_session() -> None:
    """Sign out of this browser (not everywhere), dropping the strict cookie too."""
    logout_user()
    session.clear()
    after_this_request(forget_strict_cookie)


def _without_strict_cookie() -> Any:
    """A staff request without the strict cookie: refuse a change; for a page, say why."""
    if request.method not in ("GET", "HEAD"):
        abort(403)
    if request.headers.get("Sec-Fetch-Site") == "same-origin":
        # The browser would have sent the cookie from one of our own pages: it is gone
        _end_session()
        return redirect(url_for("auth.sign_in", next=_here()))
    # Most likely a link in an email or another site: the browser withheld the cookie.
    # Continuing is the person's own click, from this site, so the browser sends it then.
    target = safe_next(_here()) or url_for("auth.sign_in")
    return render_template("auth/continue.html", target=target)


def _strict_cookie_matches() -> bool:
    value = request.cookies.get(current_app.config["STAFF_COOKIE_NAME"], "")
    expected = session.get(STRICT, "")
    return bool(value and expected) and hmac.compare_digest(token_hash(value), expected)


def issue_strict_cookie(response: Response) -> Response:
    """Bind the signed-in session to a new strict cookie: random, its hash in the session."""
    value = new_token()
    session[STRICT] = token_hash(value)
    response.set_cookie(
        current_app.config["STAFF_COOKIE_NAME"],
        value,
        path="/",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )
    return response


def forget_strict_cookie(response: Response) -> Response:
    """Tell the browser to drop the strict cookie (with the attributes it was set with, or a
    browser refuses the change to a ``__Host-`` cookie)."""
    response.delete_cookie(
        current_app.config["STAFF_COOKIE_NAME"],
        path="/",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )
    return response


def _expired(stamp: str | None, now: datetime, limit: timedelta) -> bool:
    return stamp is None or now - datetime.fromisoformat(stamp) > limit
