"""Staff accounts."""

from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ..models import ActorKind, Role, StaffUser
from .audit import record_event


def create_staff_user(
    session: Session, *, email: str, display_name: str, role: Role, password: str | None = None
) -> StaffUser:
    """Add a member of staff; without a password they must accept an invitation first."""
    user = StaffUser(
        email=email.strip().lower(),
        display_name=display_name,
        role=role,
        password_hash=generate_password_hash(password, method="scrypt") if password else None,
    )
    session.add(user)
    session.flush()
    record_event(
        session, "staff.created", actor_kind=ActorKind.SYSTEM, staff_id=user.id, role=role.value
    )
    return user
