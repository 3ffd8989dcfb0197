"""Slowing down guessing at every way in, counted in the database so the limit holds
across every worker process and machine.

Each way in (a door) allows so many failures an hour for one subject (a case reference,
a staff email) and more from one network address; past either limit, even the right
secret is refused until the hour has passed. Subjects and addresses are kept only as
keyed hashes.
"""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import SignInAttempt

WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Door:
    """A way in, and how many failures an hour it allows."""

    name: str
    per_subject: int
    per_address: int


#: A case reference and its secret words (or a request for an emailed link).
TRACKER = Door("tracker", per_subject=10, per_address=50)
#: A staff member's password, and then their authenticator code: one count for both.
STAFF = Door("staff", per_subject=10, per_address=50)
#: Asking for a password reset email (each request counts, so inboxes cannot be flooded).
RESET = Door("reset", per_subject=5, per_address=20)


@dataclass(frozen=True)
class Throttle:
    """The keys one attempt at a door is counted under."""

    door: Door
    subject_key: str
    address_key: str

    @classmethod
    def of(cls, door: Door, key: bytes, subject: str, address: str) -> "Throttle":
        return cls(door, keyed(key, subject), keyed(key, address))


def keyed(key: bytes, value: str) -> str:
    """``value`` as a keyed hash: countable, but not readable by anyone without the key."""
    return hmac.digest(key, value.encode(), "sha256").hex()


def _failures(session: Session, throttle: Throttle, column: object, value: str,
              now: datetime) -> int:  # fmt: skip
    query = select(func.count()).where(
        SignInAttempt.door == throttle.door.name,
        column == value,
        SignInAttempt.at > now - WINDOW,
        SignInAttempt.succeeded.is_(False),
    )
    return session.scalar(query) or 0


def throttled(session: Session, throttle: Throttle, now: datetime) -> bool:
    """Whether this door is shut, for now, to this subject or this address."""
    door = throttle.door
    return (
        _failures(session, throttle, SignInAttempt.subject_key, throttle.subject_key, now)
        >= door.per_subject
        or _failures(session, throttle, SignInAttempt.address_key, throttle.address_key, now)
        >= door.per_address
    )


def attempt(session: Session, throttle: Throttle, right: bool, now: datetime) -> bool:
    """Count one attempt; it succeeds if the secret was ``right`` and the door is open."""
    allowed = right and not throttled(session, throttle, now)
    session.add(SignInAttempt(at=now, door=throttle.door.name, subject_key=throttle.subject_key,
                              address_key=throttle.address_key, succeeded=allowed))  # fmt: skip
    return allowed


def knock(session: Session, throttle: Throttle, now: datetime) -> bool:
    """Count a request that is limited however it ends (one that sends an email, say);
    True if it may go ahead."""
    shut = throttled(session, throttle, now)
    attempt(session, throttle, False, now)
    return not shut
