from datetime import date

import pytest

from portal.procedure.routing import RoutingReason, is_out_of_time, route_complaint
from portal.procedure.taxonomy import Procedure, SubmittedBy


@pytest.mark.parametrize(
    ("submitted_by", "for_a_child", "procedure", "reason"),
    [
        (SubmittedBy.PARENT, True, Procedure.STATUTORY, RoutingReason.FOR_A_CHILD),
        (SubmittedBy.FOSTER_CARER, True, Procedure.STATUTORY, RoutingReason.FOR_A_CHILD),
        (SubmittedBy.YOUNG_PERSON, False, Procedure.STATUTORY, RoutingReason.BY_A_CHILD),
        (SubmittedBy.FOSTER_CARER, False, Procedure.CORPORATE, RoutingReason.FOSTER_CARER),
        (SubmittedBy.PARENT, False, Procedure.CORPORATE, RoutingReason.ADULT_OWN_SERVICE),
        (SubmittedBy.PROFESSIONAL, False, Procedure.CORPORATE, RoutingReason.ADULT_OWN_SERVICE),
    ],
)
def test_complaints_are_routed_by_who_they_are_for(submitted_by, for_a_child, procedure, reason):
    assert route_complaint(submitted_by, for_a_child) == (procedure, reason)


@pytest.mark.parametrize(
    ("happened_on", "out_of_time"),
    [
        (None, False),
        (date(2021, 11, 22), False),  # exactly 12 months
        (date(2021, 11, 21), True),
        (date(2021, 12, 1), False),
        (date(2020, 1, 1), True),
    ],
)
def test_events_over_twelve_months_old_are_flagged(happened_on, out_of_time):
    assert is_out_of_time(happened_on, date(2022, 11, 22)) is out_of_time
