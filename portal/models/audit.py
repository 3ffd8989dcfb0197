"""The append-only audit trail: who did what to which case, and when.

The database itself refuses UPDATE and DELETE on this table (triggers created by the
first migration). Rows hold identifiers and codes, never names or free text, so erasing
a person never needs to touch the audit history.

Each event also carries a SHA-256 hash chain, so a change the triggers could not stop
(someone with the database owner's rights) still shows: ``previous_hash`` is the
``event_hash`` of the event before it in id order (``GENESIS_HASH`` for the first), and
``event_hash`` is SHA-256 over the event's canonical form (:func:`canonical_form`). The
id is left out of the hash because it is only known after the INSERT, and the table
refuses the UPDATE that would add it afterwards; the order is held by the chain itself,
and ``previous_hash`` is unique, so the database refuses a fork.
"""

import hashlib
import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, enum_type, utcnow

#: The ``previous_hash`` of the first event of all.
GENESIS_HASH = "0" * 64


class ActorKind(StrEnum):
    """Who acted: a staff member, a member of the public, or the system itself."""

    STAFF = "staff"
    PUBLIC = "public"
    SYSTEM = "system"


#: The action recorded each time a member of staff opens a case.
CASE_VIEWED = "case.viewed"


class AuditEvent(Base):
    """One thing that happened, recorded for ever."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    actor_kind: Mapped[ActorKind] = mapped_column(enum_type(ActorKind))
    actor_id: Mapped[int | None]
    #: A dotted code such as ``case.imported`` or ``stage.responded``.
    action: Mapped[str] = mapped_column(sa.String(64))
    #: Deliberately not a foreign key: events outlive the cases they describe.
    case_id: Mapped[int | None] = mapped_column(index=True)
    #: Identifiers and codes only; never personal data or free text.
    details: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    #: The ``event_hash`` of the event before this one: each is used exactly once.
    previous_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    #: SHA-256 (hex) of this event's canonical form, which includes ``previous_hash``.
    event_hash: Mapped[str] = mapped_column(sa.String(64))


def canonical_form(
    *,
    occurred_at: datetime,
    actor_kind: str,
    actor_id: int | None,
    action: str,
    case_id: int | None,
    details: dict[str, Any],
    previous_hash: str,
) -> bytes:
    """The bytes an event's hash covers: compact JSON with sorted keys, ASCII only, the
    time in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (microseconds, what both databases
    keep), and ``details`` as JSON reads them back."""
    if occurred_at.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    fields = {
        "action": action,
        "actor_id": actor_id,
        "actor_kind": str(actor_kind),
        "case_id": case_id,
        "details": details,
        "occurred_at": occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "previous_hash": previous_hash,
    }
    text = json.dumps(
        fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    )
    return text.encode("ascii")


def chain_hash(**fields: Any) -> str:
    """SHA-256, in hex, of the canonical form of an event's fields."""
    return hashlib.sha256(canonical_form(**fields)).hexdigest()


def hash_of(event: AuditEvent) -> str:
    """The hash ``event`` should carry, computed afresh from its fields."""
    return chain_hash(
        occurred_at=event.occurred_at,
        actor_kind=event.actor_kind,
        actor_id=event.actor_id,
        action=event.action,
        case_id=event.case_id,
        details=event.details,
        previous_hash=event.previous_hash,
    )
