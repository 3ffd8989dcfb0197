"""Emails the portal could not send, for staff: which case, what kind of email, how many
tries, and the kind of failure. Never the address or the error's text, which can hold one."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Case, OutboxMessage, OutboxStatus
from ..notify.senders import error_kind

#: A message still being retried is shown to staff once it has failed this often.
STRUGGLING_AFTER = 3


@dataclass(frozen=True)
class UndeliveredEmail:
    """One email that has not gone, as staff see it."""

    id: int
    queued_at: datetime
    reference: str | None
    subject: str
    attempts: int
    error_kind: str
    next_attempt_at: datetime


def failed_emails(session: Session) -> list[UndeliveredEmail]:
    """Emails given up on after repeated failures, the oldest first."""
    return _undelivered(session, OutboxMessage.status == OutboxStatus.FAILED)


def struggling_emails(session: Session) -> list[UndeliveredEmail]:
    """Emails still being retried after several failures, the oldest first."""
    return _undelivered(
        session,
        OutboxMessage.status == OutboxStatus.PENDING,
        OutboxMessage.attempts >= STRUGGLING_AFTER,
    )


def failed_email_count(session: Session) -> int:
    """How many emails have been given up on."""
    query = select(func.count()).where(OutboxMessage.status == OutboxStatus.FAILED)
    return session.scalar(query) or 0


def _undelivered(session: Session, *conditions: object) -> list[UndeliveredEmail]:
    query = (
        select(OutboxMessage, Case.reference)
        .outerjoin(Case, Case.id == OutboxMessage.case_id)
        .where(*conditions)
        .order_by(OutboxMessage.created_at, OutboxMessage.id)
    )
    return [
        UndeliveredEmail(
            id=message.id,
            queued_at=message.created_at,
            reference=reference,
            subject=message.subject,
            attempts=message.attempts,
            error_kind=error_kind(message.last_error),
            next_attempt_at=message.next_attempt_at,
        )
        for message, reference in session.execute(query)
    ]
