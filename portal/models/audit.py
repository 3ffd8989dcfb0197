"""The append-only audit trail: who did what to which case, and when.

The database itself refuses UPDATE and DELETE on this table (triggers created by the
first migration). Rows hold identifiers and codes, never names or free text, so erasing
a person never needs to touch the audit history.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, enum_type, utcnow


class ActorKind(StrEnum):
    """Who acted: a staff member, a member of the public, or the system itself."""

    STAFF = "staff"
    PUBLIC = "public"
    SYSTEM = "system"


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
