"""Which procedure a complaint made online provisionally follows; staff confirm at triage."""

from datetime import date

from .taxonomy import Procedure, SubmittedBy, TitledEnum
from .text import N_

#: Complaints about events longer ago than this are accepted and flagged for discretion.
TIME_LIMIT_MONTHS = 12


class RoutingReason(TitledEnum):
    """Why a complaint was routed to its procedure."""

    FOR_A_CHILD = "for_a_child", N_("Made on behalf of a child receiving social care")
    BY_A_CHILD = "by_a_child", N_("Made by a child or young person")
    FOSTER_CARER = "foster_carer", N_("A foster carer about the service to them")
    ADULT_OWN_SERVICE = "adult_own_service", N_("An adult about a service to themselves")


_CHILDREN = {SubmittedBy.CHILD, SubmittedBy.YOUNG_PERSON}


def route_complaint(
    submitted_by: SubmittedBy, for_a_child: bool
) -> tuple[Procedure, RoutingReason]:
    """Statutory when made by or for a child; corporate when an adult complains for themselves."""
    if for_a_child:
        return Procedure.STATUTORY, RoutingReason.FOR_A_CHILD
    if submitted_by in _CHILDREN:
        return Procedure.STATUTORY, RoutingReason.BY_A_CHILD
    if submitted_by is SubmittedBy.FOSTER_CARER:
        return Procedure.CORPORATE, RoutingReason.FOSTER_CARER
    return Procedure.CORPORATE, RoutingReason.ADULT_OWN_SERVICE


def is_out_of_time(happened_on: date | None, received_on: date) -> bool:
    """True when the events were more than 12 months before the complaint arrived."""
    if happened_on is None:
        return False
    months = (received_on.year - happened_on.year) * 12 + received_on.month - happened_on.month
    return months > TIME_LIMIT_MONTHS or (
        months == TIME_LIMIT_MONTHS and received_on.day > happened_on.day
    )
