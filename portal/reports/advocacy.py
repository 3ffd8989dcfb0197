"""Who advocates for which case."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AdvocateLink, Case, Role, StaffUser


def supported_cases(session: Session, advocate: StaffUser) -> list[Case]:
    """The cases this advocate supports with the child's consent, newest first."""
    query = (
        select(Case)
        .join(AdvocateLink, AdvocateLink.case_id == Case.id)
        .where(AdvocateLink.advocate_id == advocate.id, AdvocateLink.withdrawn_on.is_(None))
        .order_by(Case.received_on.desc())
    )
    return list(session.scalars(query))


def case_advocates(session: Session, case: Case) -> list[StaffUser]:
    """The advocates who may see this case now."""
    query = (
        select(StaffUser)
        .join(AdvocateLink, AdvocateLink.advocate_id == StaffUser.id)
        .where(AdvocateLink.case_id == case.id, AdvocateLink.withdrawn_on.is_(None))
        .order_by(StaffUser.display_name)
    )
    return list(session.scalars(query))


def active_advocates(session: Session) -> list[StaffUser]:
    """Advocates with an active account, to choose from."""
    query = select(StaffUser).where(StaffUser.role == Role.ADVOCATE, StaffUser.active)
    return list(session.scalars(query.order_by(StaffUser.display_name)))
