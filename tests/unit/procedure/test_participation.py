"""Which closed cases the participation team follows up, and which results it may correct."""

from datetime import date

import pytest

from portal.procedure.participation import is_followed_up, may_correct, worklist_since
from portal.procedure.stages import Step
from portal.procedure.taxonomy import CaseKind

CLOSED = date(2026, 10, 1)


@pytest.mark.parametrize(
    ("kind", "child_led", "step", "closed_on", "declined", "followed_up"),
    [
        (CaseKind.COMPLAINT, True, Step.CLOSED, CLOSED, False, True),
        (CaseKind.INFORMAL_FEEDBACK, True, None, CLOSED, False, True),
        (CaseKind.ADVOCACY_REQUEST, True, None, CLOSED, False, True),
        (CaseKind.COMPLAINT, False, Step.CLOSED, CLOSED, False, False),  # an adult's
        (CaseKind.COMPLAINT, True, Step.WITHDRAWN, CLOSED, False, False),
        (CaseKind.COMPLAINT, True, Step.STAGE_2, None, False, False),  # still open
        (CaseKind.COMPLAINT, True, Step.CLOSED, CLOSED, True, False),  # not taken on
        (CaseKind.COMPLIMENT, True, None, CLOSED, False, False),
        (CaseKind.INFORMAL_FEEDBACK, True, None, None, False, False),
    ],
)
def test_closed_child_led_cases_are_followed_up(
    kind, child_led, step, closed_on, declined, followed_up
):
    assert is_followed_up(kind, child_led, step, closed_on, declined) is followed_up


def test_an_officers_result_may_be_corrected_but_not_the_surveys_or_an_imported_one():
    assert may_correct("phone") and may_correct("in_person")
    assert not may_correct("survey") and not may_correct(None)


def test_the_worklist_goes_back_90_days():
    assert worklist_since(date(2026, 11, 23)) == date(2026, 8, 25)
