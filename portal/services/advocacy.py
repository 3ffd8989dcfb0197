"""Advocates on children's cases: an advocate sees a case only while the child's consent
to that advocate stands; the child or the complaints team can withdraw it at any time."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import AdvocateLink, Case, Role, StaffUser
from ..procedure.text import N_
from .casework import CaseworkError, record_change


def link_advocate(
    session: Session, case: Case, actor: StaffUser, advocate: StaffUser, consent_on: date
) -> AdvocateLink:
    """Record that the child agreed to this advocate supporting their case."""
    if advocate.role is not Role.ADVOCATE or not advocate.active:
        raise CaseworkError(N_("Choose an advocate with an active account"), "advocate")
    link = session.scalar(
        select(AdvocateLink).filter_by(case_id=case.id, advocate_id=advocate.id)
    ) or AdvocateLink(case_id=case.id, advocate_id=advocate.id)
    link.consent_on, link.withdrawn_on = consent_on, None
    session.add(link)
    case.advocate_supported = True
    record_change(session, case, actor, "advocate.linked", advocate_id=advocate.id)
    return link


def withdraw_consent(
    session: Session, case: Case, advocate_id: int, on: date, actor: StaffUser | None
) -> None:
    """End an advocate's access to the case at once (by the team, or by the child when
    ``actor`` is None)."""
    link = session.scalar(
        select(AdvocateLink).filter_by(case_id=case.id, advocate_id=advocate_id, withdrawn_on=None)
    )
    if link is None:
        raise CaseworkError(N_("That advocate does not have access to this case"))
    link.withdrawn_on = on
    record_change(session, case, actor, "advocate.consent_withdrawn", advocate_id=advocate_id)


def supports(session: Session, advocate: StaffUser, case: Case) -> bool:
    """True while the child's consent to this advocate stands."""
    query = select(AdvocateLink.id).filter_by(
        case_id=case.id, advocate_id=advocate.id, withdrawn_on=None
    )
    return session.scalar(query) is not None
