from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.procedure.calendar import is_working_day, working_days_between
from portal.procedure.deadlines import (
    DEFAULT_TIMESCALES,
    ExtensionAgreement,
    Timeliness,
    TimescaleError,
    acknowledgement_due,
    escalation_deadline,
    extended_due,
    panel_dates,
    response_days,
    stage_due,
    timeliness,
)
from portal.procedure.taxonomy import Procedure

S, C, B = Procedure.STATUTORY, Procedure.CORPORATE, Procedure.BOTH


@pytest.mark.parametrize(
    ("procedure", "stage", "started", "extended", "due"),
    [
        # Christmas 2021: both substitute days and the New Year substitute day are skipped.
        (S, 1, date(2021, 12, 23), False, date(2022, 1, 11)),
        (S, 1, date(2021, 12, 23), True, date(2022, 1, 25)),
        # The 2022 Jubilee took Thursday 2 and Friday 3 June.
        (S, 1, date(2022, 5, 27), False, date(2022, 6, 14)),
        # Easter 2022 inside a stage 2 window.
        (S, 2, date(2022, 4, 1), False, date(2022, 5, 11)),
        (S, 2, date(2022, 4, 1), True, date(2022, 7, 8)),
        (S, 3, date(2022, 4, 1), False, date(2022, 6, 17)),
        # The 2023 coronation and the May and spring bank holidays.
        (C, 1, date(2023, 4, 28), False, date(2023, 5, 31)),
        (C, 1, date(2023, 4, 28), True, date(2023, 6, 14)),
        (C, 2, date(2022, 9, 12), False, date(2022, 10, 11)),
        # A complaint under both procedures follows the statutory timescales.
        (B, 1, date(2021, 12, 23), False, date(2022, 1, 11)),
    ],
)
def test_stage_due_dates(procedure, stage, started, extended, due):
    assert stage_due(procedure, stage, started, extended) == due


def test_an_extension_needs_a_recorded_agreement():
    agreed = ExtensionAgreement(date(2022, 1, 5), "the complainant", "telephone")
    assert extended_due(S, 1, date(2021, 12, 23), agreed) == date(2022, 1, 25)
    for missing in (
        ExtensionAgreement(date(2022, 1, 5), " ", "telephone"),
        ExtensionAgreement(date(2022, 1, 5), "the complainant", ""),
        ExtensionAgreement(date(2021, 12, 22), "the complainant", "email"),
    ):
        with pytest.raises(TimescaleError):
            extended_due(S, 1, date(2021, 12, 23), missing)
    with pytest.raises(TimescaleError):
        extended_due(C, 2, date(2021, 12, 23), agreed)


def test_acknowledgement_skips_the_queens_funeral():
    assert acknowledgement_due(date(2022, 9, 16)) == date(2022, 9, 22)


def test_escalation_window_is_twenty_working_days():
    assert escalation_deadline(date(2022, 3, 1)) == date(2022, 3, 29)


@pytest.mark.parametrize(("procedure", "stage"), [(C, 2), (S, 3)])
def test_stages_without_a_longer_timescale_cannot_be_extended(procedure, stage):
    assert not DEFAULT_TIMESCALES.allows_extension(procedure, stage)
    with pytest.raises(TimescaleError):
        stage_due(procedure, stage, date(2022, 1, 4), extended=True)


def test_corporate_has_no_stage_3():
    with pytest.raises(TimescaleError):
        stage_due(C, 3, date(2022, 1, 4))
    assert DEFAULT_TIMESCALES.stages_of(C) == [1, 2]
    assert DEFAULT_TIMESCALES.stages_of(B) == [1, 2, 3]


def test_panel_steps_each_count_from_the_one_before():
    dates = panel_dates(date(2022, 4, 1), date(2022, 5, 13), date(2022, 5, 19))
    assert dates.panel_by == date(2022, 5, 18)
    assert dates.findings_by == date(2022, 5, 20)
    assert dates.response_by == date(2022, 6, 13)
    assert panel_dates(date(2022, 4, 1)).findings_by is None


@pytest.mark.parametrize(
    ("responded", "as_of", "expected"),
    [
        (date(2022, 1, 11), date(2022, 3, 31), Timeliness.IN_TIME),
        (date(2022, 1, 12), date(2022, 3, 31), Timeliness.LATE),
        (None, date(2022, 1, 11), Timeliness.OPEN_NOT_DUE),
        (None, date(2022, 1, 12), Timeliness.OPEN_OVERDUE),
    ],
)
def test_timeliness(responded, as_of, expected):
    assert timeliness(date(2022, 1, 11), responded, as_of) is expected


def test_only_in_time_is_met_and_late_or_overdue_is_missed():
    assert [t for t in Timeliness if t.counts_as_met] == [Timeliness.IN_TIME]
    assert {t for t in Timeliness if t.counts_as_missed} == {
        Timeliness.LATE,
        Timeliness.OPEN_OVERDUE,
    }


def test_response_days_skip_the_bank_holidays_in_the_window():
    assert response_days(date(2021, 12, 23), date(2022, 1, 11)) == 10


STAGES = st.sampled_from([(S, 1), (S, 2), (S, 3), (C, 1), (C, 2), (B, 1), (B, 2)])
STARTS = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))


@given(STAGES, STARTS)
def test_a_due_date_is_a_working_day(stage, started):
    assert is_working_day(stage_due(*stage, started))


@given(STAGES, STARTS)
def test_extension_never_shortens(stage, started):
    if DEFAULT_TIMESCALES.allows_extension(*stage):
        assert stage_due(*stage, started, extended=True) >= stage_due(*stage, started)


@given(STAGES, STARTS, st.booleans())
def test_working_days_to_the_due_date_is_the_timescale(stage, started, extended):
    rule = DEFAULT_TIMESCALES.for_stage(*stage)
    extended = extended and rule.extended_days is not None
    days = rule.extended_days if extended else rule.days
    assert working_days_between(started, stage_due(*stage, started, extended)) == days
