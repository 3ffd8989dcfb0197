"""A stage's overall outcome follows from the outcomes of its issues."""

import pytest

from portal.procedure.taxonomy import Outcome, overall_outcome

U, P, N, X, W = (
    Outcome.UPHELD,
    Outcome.PARTIALLY_UPHELD,
    Outcome.NOT_UPHELD,
    Outcome.INCONCLUSIVE,
    Outcome.WITHDRAWN,
)


@pytest.mark.parametrize(
    ("issues", "overall"),
    [
        ([U], U),
        ([U, U, W], U),
        ([U, N], P),
        ([P], P),
        ([N, X], N),
        ([X, X], X),
        ([W, W], W),
        ([], W),
        ([N, W], N),
    ],
)
def test_overall_outcome(issues, overall):
    assert overall_outcome(issues) is overall
