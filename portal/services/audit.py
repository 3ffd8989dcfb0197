"""Appending to the audit trail."""

from typing import Any

from sqlalchemy.orm import Session

from ..models import ActorKind, AuditEvent


def record_event(
    session: Session,
    action: str,
    *,
    actor_kind: ActorKind,
    actor_id: int | None = None,
    case_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one audit event; ``details`` must hold identifiers and codes, never free text."""
    event = AuditEvent(
        action=action, actor_kind=actor_kind, actor_id=actor_id, case_id=case_id, details=details
    )
    session.add(event)
    return event
