"""Appending to the audit trail, and checking its hash chain."""

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import ActorKind, AuditEvent
from ..models.audit import GENESIS_HASH, chain_hash, hash_of
from ..models.base import utcnow

#: The PostgreSQL advisory lock that makes appending to the chain one writer at a time.
#: Any fixed 64-bit number works; this is "audit" in ASCII.
CHAIN_LOCK_KEY = 0x6175646974


def record_event(
    session: Session,
    action: str,
    *,
    actor_kind: ActorKind,
    actor_id: int | None = None,
    case_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one audit event, chained to the one before it; ``details`` must hold
    identifiers and codes, never free text."""
    fields = {
        "occurred_at": utcnow(),
        "actor_kind": actor_kind,
        "actor_id": actor_id,
        "action": action,
        "case_id": case_id,
        # As JSON will give them back, so the hash checks out after a round trip.
        "details": json.loads(json.dumps(details)),
        "previous_hash": _chain_tip(session),
    }
    event = AuditEvent(**fields, event_hash=chain_hash(**fields))
    session.add(event)
    return event


def _chain_tip(session: Session) -> str:
    """The newest event's hash, read under a lock held until this transaction ends."""
    # On PostgreSQL concurrent transactions would otherwise read the same tip and fork
    # the chain (the unique previous_hash would then refuse the second). A transaction-
    # level advisory lock needs no table of its own and is released by COMMIT or
    # ROLLBACK. It comes before the read, as a statement of its own, so that the read's
    # snapshot (READ COMMITTED) sees the event the previous holder committed. SQLite
    # needs nothing: its write transactions begin IMMEDIATE, one at a time.
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(CHAIN_LOCK_KEY)))
    # The query autoflushes events recorded earlier in this transaction, so it sees them.
    newest = select(AuditEvent.event_hash).order_by(AuditEvent.id.desc()).limit(1)
    return session.scalar(newest) or GENESIS_HASH


@dataclass(frozen=True)
class ChainCheck:
    """What walking the chain found: how many events were sound, and the first that was not."""

    intact_events: int
    latest_hash: str
    broken_at: int | None = None
    problem: str | None = None


def verify_chain(session: Session) -> ChainCheck:
    """Walk the audit trail in id order and report the first event whose link or hash fails."""
    expected, previous_id, count = GENESIS_HASH, None, 0
    query = select(AuditEvent).order_by(AuditEvent.id).execution_options(yield_per=1000)
    for event in session.scalars(query):
        problem = _link_problem(event, expected, previous_id) or _hash_problem(event)
        if problem:
            return ChainCheck(count, expected, broken_at=event.id, problem=problem)
        expected, previous_id, count = event.event_hash, event.id, count + 1
    return ChainCheck(count, expected)


def event_with_hash(session: Session, event_hash: str) -> int | None:
    """The id of the event whose hash is ``event_hash``, if there still is one."""
    return session.scalar(select(AuditEvent.id).where(AuditEvent.event_hash == event_hash))


def _link_problem(event: AuditEvent, expected: str, previous_id: int | None) -> str | None:
    """Why ``event`` does not follow the event before it, if it does not."""
    if event.previous_hash == expected:
        return None
    before = f"event {previous_id}" if previous_id is not None else "the start of the trail"
    return (
        f"its previous hash does not match {before}: an event before it was removed, "
        "inserted or changed"
    )


def _hash_problem(event: AuditEvent) -> str | None:
    """Why ``event``'s own hash is wrong, if it is."""
    if event.event_hash == hash_of(event):
        return None
    return "its hash does not match its contents: it was changed after it was recorded"
