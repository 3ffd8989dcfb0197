"""Staff sign-in: a password, then a one-time code from an authenticator app."""

from datetime import datetime

import pyotp
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..models import ActorKind, StaffUser
from .audit import record_event

#: A code from the step before or after now is accepted too (clocks drift), no wider.
TOTP_WINDOW = 1
#: Checked when the email is unknown, so an unknown address takes as long as a known one.
_DUMMY_HASH = generate_password_hash("not a real password", method="scrypt")


def check_password(session: Session, email: str, password: str) -> StaffUser | None:
    """The active user with this email and password, or None (and an audit event)."""
    user = session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )
    hashed = user.password_hash if user and user.password_hash else _DUMMY_HASH
    if check_password_hash(hashed, password) and user is not None and user.active:
        return user
    record_event(
        session, "staff.password_refused", actor_kind=ActorKind.STAFF,
        actor_id=user.id if user else None,
    )  # fmt: skip
    return None


def new_totp_secret() -> str:
    """A fresh secret for an authenticator app."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str) -> str:
    """What the enrolment QR code holds."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    totp = pyotp.TOTP(secret)
    step_now = totp.timecode(now)
    code = "".join(code.split())
    for step in range(step_now - TOTP_WINDOW, step_now + TOTP_WINDOW + 1):
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


def verify_code(session: Session, user: StaffUser, code: str, now: datetime) -> bool:
    """True for a valid code not used before; each code works once. The user's row is
    locked first (PostgreSQL), so two requests with the same code cannot both pass."""
    session.refresh(user, with_for_update=True)
    step = _matching_step(user.totp_secret or "", code, now) if user.totp_secret else None
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        record_event(session, "staff.code_refused", actor_kind=ActorKind.STAFF, actor_id=user.id)
        return False
    user.totp_last_step = step
    record_event(session, "staff.signed_in", actor_kind=ActorKind.STAFF, actor_id=user.id)
    return True


def enrol(session: Session, user: StaffUser, secret: str, code: str, now: datetime) -> bool:
    """Keep ``secret`` as the user's, if ``code`` shows their app has it."""
    step = _matching_step(secret, code, now)
    if step is None:
        return False
    user.totp_secret, user.totp_last_step = secret, step
    record_event(session, "staff.totp_enrolled", actor_kind=ActorKind.STAFF, actor_id=user.id)
    record_event(session, "staff.signed_in", actor_kind=ActorKind.STAFF, actor_id=user.id)
    return True


def sign_out_everywhere(session: Session, user: StaffUser) -> None:
    """End every session the user has, on every device."""
    user.session_version += 1
    record_event(session, "staff.signed_out", actor_kind=ActorKind.STAFF, actor_id=user.id)
