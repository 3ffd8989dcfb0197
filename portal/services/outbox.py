"""Staff sending again an email the outbox gave up on."""

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..models import ActorKind, OutboxMessage, OutboxStatus, StaffUser
from ..procedure.text import N_
from .audit import record_event
from .casework import CaseworkError


def try_again(session: Session, actor: StaffUser, message_id: int, now: datetime) -> None:
    """Put a failed email back in the outbox, due at once with a fresh count of attempts.
    Only a failed one: one sent or still being tried is left alone, so nothing goes twice."""
    # One conditional UPDATE, so a message that changed since the page was shown is
    # not touched.
    reset = (
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=now)
        .returning(OutboxMessage.case_id)
    )
    case_ids = list(session.scalars(reset))
    if not case_ids:
        raise CaseworkError(N_("That email is no longer waiting to be tried again"))
    record_event(
        session, "email.retried", actor_kind=ActorKind.STAFF, actor_id=actor.id,
        case_id=case_ids[0], message_id=message_id,
    )  # fmt: skip
    session.flush()
