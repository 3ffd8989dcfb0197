"""The transactional outbox: queue in the same transaction, send later, each message once."""

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .. import clock
from ..models import OutboxMessage, OutboxStatus
from .senders import DeliveryError, OutgoingEmail, Sender

#: Safeguarding alerts go before anything else.
URGENT, NORMAL = 0, 100
#: After this many failed attempts a message is marked failed for staff to see.
MAX_ATTEMPTS = 8
#: A claim older than this is taken to be a crashed worker's, and the message is retried.
CLAIM_LEASE = timedelta(minutes=10)
BATCH = 20


def queue_email(
    session: Session,
    *,
    to: str,
    subject: str,
    body: str,
    case_id: int | None = None,
    priority: int = NORMAL,
) -> OutboxMessage:
    """Add an email to the outbox, due at once by the portal's clock; it is sent only if
    the caller's transaction commits."""
    now = clock.now()
    message = OutboxMessage(
        to_address=to, subject=subject, body_text=body, case_id=case_id, priority=priority,
        created_at=now, next_attempt_at=now,
    )  # fmt: skip
    session.add(message)
    return message


def retry_delay(attempts: int) -> timedelta:
    """Back-off after a failure: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def claim_due(session: Session, now: datetime, limit: int = BATCH) -> list[OutboxMessage]:
    """Claim messages due for sending, so no other worker takes them; the caller commits."""
    query = (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - CLAIM_LEASE),
        )
        .order_by(OutboxMessage.priority, OutboxMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    messages = list(session.scalars(query))
    for message in messages:
        message.claimed_at = now
    return messages


def record_delivery(message: OutboxMessage, error: DeliveryError | None, now: datetime) -> None:
    """Mark a claimed message sent, or schedule its retry, or give up on it."""
    message.claimed_at = None
    if error is None:
        message.status = OutboxStatus.SENT
        message.sent_at = now
        return
    message.attempts += 1
    message.last_error = str(error)[:500]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
    else:
        message.next_attempt_at = now + retry_delay(message.attempts)


def send_due(session: Session, sender: Sender, clock: Callable[[], datetime]) -> int:
    """Send every message now due, committing after each; return how many were sent.

    No transaction is open while the mail server is talked to: on SQLite an open one
    would keep every other writer waiting for as long as the mail server takes."""
    sent = 0
    while True:
        messages = claim_due(session, clock())
        emails = [OutgoingEmail.of(message) for message in messages]
        session.commit()
        if not messages:
            return sent
        for message, email in zip(messages, emails, strict=True):
            error = None
            try:
                sender.send(email)
            except DeliveryError as failure:
                error = failure
            record_delivery(message, error, clock())
            session.commit()
            sent += error is None
