"""Who may open which staff page: signed in (with a code), not idle, and in a named role
(see ``portal.staff_session``), and which cases each role may open."""

from ..models import Case, Role, StaffUser
from ..procedure.taxonomy import CaseKind
from ..staff_session import ROLES_ATTRIBUTE, guard, requires
from . import bp

__all__ = ["ROLES_ATTRIBUTE", "requires"]

guard(bp)

#: Everyone who handles cases (the viewer sees reports only).
CASE_WORKERS = (
    Role.COMPLAINTS_OFFICER,
    Role.INVESTIGATING_MANAGER,
    Role.PARTICIPATION_OFFICER,
)

#: Complaints officers (and the manager) handle every case.
OFFICERS = (Role.COMPLAINTS_OFFICER,)
#: Those who answer a complaint: the officer, or the investigating manager assigned.
ANSWERERS = (Role.COMPLAINTS_OFFICER, Role.INVESTIGATING_MANAGER)
#: Contacts the participation team follows up even when an adult made them.
CHILDRENS_KINDS = (CaseKind.INFORMAL_FEEDBACK, CaseKind.ADVOCACY_REQUEST)


def can_open(user: StaffUser, case: Case) -> bool:
    """May this member of staff open this case? Investigating managers see the cases
    assigned to them; participation officers see children's cases and informal feedback."""
    if user.role in (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_MANAGER):
        return True
    if user.role is Role.INVESTIGATING_MANAGER:
        return case.assignee_id == user.id
    if user.role is Role.PARTICIPATION_OFFICER:
        return case.child_led or case.kind in CHILDRENS_KINDS
    return False
