import itertools

import pytest

from portal.procedure.stages import InvalidTransitionError, Step, move, next_steps, reopen
from portal.procedure.taxonomy import Procedure

S, C = Procedure.STATUTORY, Procedure.CORPORATE


@pytest.mark.parametrize(
    ("procedure", "path"),
    [
        (S, [Step.AWAITING_TRIAGE, Step.STAGE_1, Step.MEDIATION, Step.STAGE_2, Step.STAGE_3]),
        (S, [Step.STAGE_1, Step.STAGE_2, Step.STAGE_3, Step.OMBUDSMAN, Step.CLOSED]),
        (C, [Step.AWAITING_TRIAGE, Step.STAGE_1, Step.STAGE_2, Step.OMBUDSMAN]),
        (Procedure.BOTH, [Step.STAGE_1, Step.MEDIATION, Step.STAGE_2, Step.STAGE_3]),
    ],
)
def test_the_procedure_allows_its_own_path(procedure, path):
    for current, target in itertools.pairwise(path):
        assert move(procedure, current, target) is target


@pytest.mark.parametrize(
    ("procedure", "current", "target"),
    [
        (C, Step.STAGE_2, Step.STAGE_3),
        (C, Step.STAGE_1, Step.MEDIATION),
        (S, Step.STAGE_1, Step.STAGE_3),
        (S, Step.STAGE_2, Step.STAGE_1),
        (S, Step.AWAITING_TRIAGE, Step.STAGE_2),
        (S, Step.CLOSED, Step.STAGE_1),
        (S, Step.OMBUDSMAN, Step.STAGE_2),
    ],
)
def test_the_procedure_refuses_other_moves(procedure, current, target):
    with pytest.raises(InvalidTransitionError):
        move(procedure, current, target)


@pytest.mark.parametrize("step", [s for s in Step if s.is_open])
def test_the_ombudsman_withdrawal_and_closure_are_open_from_any_open_step(step):
    assert {Step.WITHDRAWN, Step.CLOSED} <= next_steps(S, step)


def test_nothing_moves_on_from_a_closed_case_but_reopening():
    assert next_steps(S, Step.CLOSED) == frozenset()
    assert reopen(Step.CLOSED, left_from=Step.STAGE_2) is Step.STAGE_2
    with pytest.raises(InvalidTransitionError):
        reopen(Step.STAGE_1, left_from=Step.STAGE_1)


def test_steps_know_their_stage_numbers():
    assert [s.stage_number for s in (Step.STAGE_1, Step.STAGE_2, Step.STAGE_3)] == [1, 2, 3]
    assert Step.MEDIATION.stage_number is None
