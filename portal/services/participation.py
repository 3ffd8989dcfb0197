"""Closing the loop with children: a participation officer records what they found when
they followed a closed case up themselves (the annual report counts it from there)."""

from datetime import date

from sqlalchemy.orm import Session

from ..models import Case, SatisfactionResult, StaffUser
from ..procedure.participation import FOLLOW_UP_METHODS, is_followed_up, may_correct
from ..procedure.surveys import FollowUpMethod
from ..procedure.taxonomy import SatisfactionStatus
from ..procedure.text import N_
from .casework import CaseworkError, record_change


def record_follow_up(
    session: Session,
    case: Case,
    actor: StaffUser,
    status: SatisfactionStatus,
    method: FollowUpMethod,
    on: date,
) -> SatisfactionResult:
    """Record the result of following a closed child-led case up, or correct one recorded
    that way; a result from the online survey or an import is the person's and stands."""
    _check(case, method, on)
    result = case.satisfaction
    if result is None:
        case.satisfaction = result = SatisfactionResult(status=status)
        action, before = "satisfaction.recorded", {}
    elif may_correct(result.method):
        if (result.status, result.method, result.recorded_on) == (status, method.value, on):
            return result  # sent twice: nothing changed, nothing to audit
        action = "satisfaction.corrected"
        before = {"previous_status": result.status.value, "previous_method": result.method}
    else:
        raise CaseworkError(
            N_("A result from the online survey or an earlier system is recorded, and stands")
        )
    result.status, result.method, result.recorded_on = status, method.value, on
    result.recorded_by_id = actor.id
    record_change(
        session, case, actor, action, status=status.value, method=method.value,
        on=on.isoformat(), **before,
    )  # fmt: skip
    return result


def _check(case: Case, method: FollowUpMethod, on: date) -> None:
    """Refuse a case the team does not follow up, a method that is not a follow-up, or a
    date before the case closed."""
    declined = case.declined_reason is not None
    if not is_followed_up(case.kind, case.child_led, case.step, case.closed_on, declined):
        raise CaseworkError(
            N_("Only a closed child-led complaint, informal feedback or advocacy request is "
               "followed up")
        )  # fmt: skip
    if method not in FOLLOW_UP_METHODS:
        raise CaseworkError(N_("Choose how you followed it up"), "method")
    if case.closed_on is not None and on < case.closed_on:
        raise CaseworkError(N_("The follow-up cannot be before the case closed"), "on")
