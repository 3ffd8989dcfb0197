"""What every change to a case has in common: the named error a view shows, and the audit
event that records who did it."""

from typing import Any

from sqlalchemy.orm import Session

from ..models import ActorKind, Case, StaffUser
from .audit import record_event


class CaseworkError(ValueError):
    """A change the procedure does not allow; ``message`` is an English message id."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        #: The form field the message belongs to, if any.
        self.field = field


def record_change(
    session: Session, case: Case, actor: StaffUser | None, action: str, **details: Any
) -> None:
    """Append the audit event for a change to a case, by a member of staff or (when
    ``actor`` is None) by the person through the tracker."""
    kind = ActorKind.STAFF if actor is not None else ActorKind.PUBLIC
    record_event(
        session, action, actor_kind=kind, actor_id=actor and actor.id, case_id=case.id, **details
    )
    session.flush()
