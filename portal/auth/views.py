"""Staff sign-in: email and password, then a code (set up on first sign-in with a QR code)."""

import segno
from flask import (
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_login import current_user, login_user, logout_user

from .. import clock
from ..config import derived_key
from ..extensions import db, login_manager
from ..models import Role, StaffUser
from ..security import safe_next
from ..services.casework import CaseworkError
from ..services.staff_auth import (
    check_password,
    enrol,
    new_totp_secret,
    provisioning_uri,
    sign_out_everywhere,
    verify_code,
)
from ..services.staff_links import request_reset, set_password, valid_link
from ..services.throttle import RESET, STAFF, Door, Throttle, attempt, knock
from ..services.tokens import token_hash
from ..staff_session import forget_strict_cookie, issue_strict_cookie
from . import bp
from .forms import CodeForm, ForgotPasswordForm, NewPasswordForm, SignInForm

#: Session keys: who gave the right password but has not yet given a code, and the
#: secret being set up (shown once, kept only until the first code proves it).
PENDING, ENROLLING = "staff_pending", "staff_enrolling"
#: Session keys the staff area uses to end idle and over-long sessions.
SEEN, SINCE = "staff_seen", "staff_since"


@login_manager.user_loader
def load_staff(user_id: str) -> StaffUser | None:
    """The signed-in user, if their account is active and the session is still current."""
    row_id, _, version = user_id.partition(":")
    user = db.session.get(StaffUser, int(row_id)) if row_id.isdigit() else None
    if user is None or not user.active or str(user.session_version) != version:
        return None
    return user


@bp.route("/staff/sign-in", methods=["GET", "POST"])
def sign_in() -> str | Response:
    form = SignInForm()
    if form.validate_on_submit():
        user = check_password(db.session, form.email.data, form.password.data)
        if not attempt(db.session, _throttle(form.email.data), user is not None, clock.now()):
            user = None  # too many failures: even the right password waits, and looks wrong
        db.session.commit()
        if user is not None:
            session.clear()
            session[PENDING] = user.get_id()
            session["next"] = safe_next(request.args.get("next"))
            return redirect(url_for(".code" if user.totp_secret else ".set_up"), code=303)
        form.password.errors.append(gettext("Enter a correct email address and password"))
    return render_template("auth/sign_in.html", form=form)


def _throttle(email: str, door: Door = STAFF) -> Throttle:
    """Attempts counted for this email, and for the network address they come from."""
    key = derived_key(current_app.config, "staff-throttle")
    return Throttle.of(door, key, email.strip().lower(), request.remote_addr or "")


def _pending_user() -> StaffUser | None:
    return load_staff(session.get(PENDING, ""))


@bp.route("/staff/sign-in/code", methods=["GET", "POST"])
def code() -> str | Response:
    user = _pending_user()
    if user is None or not user.totp_secret:
        return redirect(url_for(".sign_in"))
    form = CodeForm()
    if form.validate_on_submit():
        right = verify_code(db.session, user, form.code.data, clock.now())
        accepted = attempt(db.session, _throttle(user.email), right, clock.now())
        db.session.commit()
        if accepted:
            return _signed_in(user)
        form.code.errors.append(gettext("The code is wrong or has been used. Enter a new code."))
    return render_template("auth/code.html", form=form)


@bp.route("/staff/sign-in/set-up", methods=["GET", "POST"])
def set_up() -> str | Response:
    user = _pending_user()
    if user is None or user.totp_secret:
        return redirect(url_for(".sign_in"))
    secret = session.setdefault(ENROLLING, new_totp_secret())
    form = CodeForm()
    if form.validate_on_submit():
        enrolled = enrol(db.session, user, secret, form.code.data, clock.now())
        db.session.commit()
        if enrolled:
            return _signed_in(user)
        form.code.errors.append(
            gettext("That code does not match. Enter the code the app shows now.")
        )
    uri = provisioning_uri(secret, user.email, current_app.config["COUNCIL_NAME"])
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, dark="#0b0c0c")
    return render_template("auth/set_up.html", form=form, qr=qr, secret=secret)


def _signed_in(user: StaffUser) -> Response:
    home = "advocates.cases" if user.role is Role.ADVOCATE else "staff.queue"
    target = session.get("next") or url_for(home)
    session.clear()  # a new session: nothing from before sign-in carries over
    login_user(user)
    now = clock.now().isoformat()
    session[SEEN] = session[SINCE] = now
    return issue_strict_cookie(redirect(target, code=303))


@bp.post("/staff/sign-out")
def sign_out() -> Response:
    if current_user.is_authenticated:
        sign_out_everywhere(db.session, current_user)
        db.session.commit()
    logout_user()
    session.clear()
    return forget_strict_cookie(redirect(url_for(".signed_out"), code=303))


@bp.get("/staff/signed-out")
def signed_out() -> str:
    return render_template("auth/signed_out.html", ended=request.args.get("ended") == "1")


#: Session key holding the hash of a staff link's token, once it has left the URL.
LINK = "staff_link"


@bp.get("/staff/link/<token>")
def use_link(token: str) -> Response:
    """Take the token out of the address bar at once, keeping only its hash."""
    session.clear()
    session[LINK] = token_hash(token)
    return redirect(url_for(".new_password"), code=303)


@bp.route("/staff/password", methods=["GET", "POST"])
def new_password() -> str | Response:
    hashed = session.get(LINK, "")
    if valid_link(db.session, hashed, clock.now()) is None:
        return render_template("auth/link_expired.html"), 410
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            set_password(db.session, hashed, form.password.data, clock.now())
        except CaseworkError as error:
            form.password.errors.append(gettext(error.message))
        else:
            db.session.commit()
            session.clear()
            flash(gettext("Your password is set. Sign in with it and your authenticator app."))
            return redirect(url_for(".sign_in"), code=303)
    return render_template("auth/new_password.html", form=form)


@bp.route("/staff/forgot-password", methods=["GET", "POST"])
def forgot_password() -> str | Response:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        if knock(db.session, _throttle(form.email.data, RESET), clock.now()):
            request_reset(db.session, form.email.data, clock.now())
        db.session.commit()
        return redirect(url_for(".reset_sent"), code=303)
    return render_template("auth/forgot_password.html", form=form)


@bp.get("/staff/forgot-password/sent")
def reset_sent() -> str:
    return render_template("auth/reset_sent.html")
