"""Single-use links emailed to staff: an invitation to set a first password, or a reset.

Only a hash of each token is stored. A reset sets the password only: the authenticator
app is still needed to sign in, so a stolen mailbox alone does not open the service.
"""

from datetime import datetime, timedelta

from flask_babel import format_datetime
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ..models import ActorKind, Role, StaffToken, StaffUser, TokenPurpose
from ..notify.emails import queue_staff_link
from ..procedure.text import N_
from .audit import record_event
from .casework import CaseworkError
from .staff import create_staff_user
from .tokens import new_token, token_hash

LIFETIMES = {TokenPurpose.INVITATION: timedelta(days=7), TokenPurpose.RESET: timedelta(hours=1)}
MIN_PASSWORD = 12


def send_link(
    session: Session, user: StaffUser, purpose: TokenPurpose, now: datetime, actor_id: int | None
) -> None:
    """Email the user a fresh single-use link; earlier unused links stop working."""
    for old in session.scalars(
        select(StaffToken).where(StaffToken.staff_id == user.id, StaffToken.used_at.is_(None))
    ):
        old.used_at = now
    token = new_token()
    expires = now + LIFETIMES[purpose]
    hashed = token_hash(token)
    link = StaffToken(staff_id=user.id, purpose=purpose, token_hash=hashed, expires_at=expires)
    session.add(link)
    queue_staff_link(session, user, purpose, token, format_datetime(expires, "d MMMM y, HH:mm"))
    record_event(session, f"staff.{purpose.value}_sent", actor_kind=ActorKind.STAFF,
                 actor_id=actor_id, staff_id=user.id)  # fmt: skip
    session.flush()


def valid_link(session: Session, hashed: str, now: datetime) -> StaffToken | None:
    """The unused, unexpired link with this hash, or None."""
    link = session.scalar(select(StaffToken).where(StaffToken.token_hash == hashed))
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    return link


def set_password(session: Session, hashed: str, password: str, now: datetime) -> StaffUser:
    """Use the link to set a password; every existing session of the user ends."""
    link = valid_link(session, hashed, now)
    if link is None:
        raise CaseworkError(N_("This link has expired or been used. Ask for a new one."))
    if len(password) < MIN_PASSWORD:
        raise CaseworkError(N_("Enter a password of 12 characters or more"), "password")
    user = session.get(StaffUser, link.staff_id)
    user.password_hash = generate_password_hash(password, method="scrypt")
    user.session_version += 1
    link.used_at = now
    record_event(session, "staff.password_set", actor_kind=ActorKind.STAFF, actor_id=user.id)
    session.flush()
    return user


def request_reset(session: Session, email: str, now: datetime) -> None:
    """Send a reset link if an active account has this email; say nothing either way."""
    user = session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower()))
    if user is not None and user.active and user.password_hash:
        send_link(session, user, TokenPurpose.RESET, now, actor_id=None)


def invite(
    session: Session, actor: StaffUser, email: str, name: str, role: Role, now: datetime
) -> StaffUser:
    """Add a member of staff and email them an invitation."""
    if session.scalar(select(StaffUser).where(StaffUser.email == email.strip().lower())):
        raise CaseworkError(N_("Someone already has an account with this email address"), "email")
    user = create_staff_user(session, email=email, display_name=name, role=role)
    send_link(session, user, TokenPurpose.INVITATION, now, actor_id=actor.id)
    return user


def disable(session: Session, actor: StaffUser, user: StaffUser) -> None:
    """Stop an account: its sessions end at once and it cannot sign in."""
    if user.id == actor.id:
        raise CaseworkError(N_("You cannot disable your own account"))
    user.active = False
    user.session_version += 1
    record_event(session, "staff.disabled", actor_kind=ActorKind.STAFF, actor_id=actor.id,
                 staff_id=user.id)  # fmt: skip
    session.flush()
