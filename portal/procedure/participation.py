"""Closing the loop with children: which cases the participation team follows up itself,
how, and for how long a closed case stays on its worklist.

The online survey asks the person how they felt; where it is not answered (or a child
is better asked in person), a participation officer follows the case up by phone, text,
WhatsApp or face to face, and records the result.
"""

from datetime import date, timedelta

from .stages import Step
from .surveys import SURVEYED_KINDS, FollowUpMethod
from .taxonomy import CaseKind

#: A closed case stays on the worklist this long; a result may still be recorded later.
WORKLIST_WINDOW = timedelta(days=90)
#: How an officer can follow up (the online survey records its own results).
FOLLOW_UP_METHODS = tuple(
    method for method in FollowUpMethod if method is not FollowUpMethod.SURVEY
)


def is_followed_up(
    kind: CaseKind, child_led: bool, step: Step | None, closed_on: date | None, declined: bool
) -> bool:
    """Whether the participation team closes the loop on this case now: a child-led
    complaint, informal feedback or advocacy request that has closed (a complaint at its
    end, not withdrawn; a contact not taken on at triage never is)."""
    if not child_led or kind not in SURVEYED_KINDS or closed_on is None or declined:
        return False
    return kind is not CaseKind.COMPLAINT or step is Step.CLOSED


def may_correct(method: str | None) -> bool:
    """Whether a recorded result may be corrected on the follow-up page: one an officer
    recorded may; the person's own online answers, or a result imported, stand."""
    return method in {follow_up.value for follow_up in FOLLOW_UP_METHODS}


def worklist_since(today: date) -> date:
    """The earliest closing date the worklist shows."""
    return today - WORKLIST_WINDOW
