from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.procedure.calendar import add_working_days, is_working_day, working_days_between

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2021, 12, 24), True),  # Christmas Eve is an ordinary working day
        (date(2021, 12, 27), False),  # substitute day for Christmas Day on a Saturday
        (date(2021, 12, 28), False),  # substitute day for Boxing Day on a Sunday
        (date(2022, 1, 3), False),  # substitute day for New Year's Day 2022
        (date(2022, 4, 15), False),  # Good Friday
        (date(2022, 4, 18), False),  # Easter Monday
        (date(2022, 6, 2), False),  # Spring bank holiday moved for the Platinum Jubilee
        (date(2022, 6, 3), False),  # Platinum Jubilee bank holiday
        (date(2022, 5, 30), True),  # the usual spring bank holiday date, not in 2022
        (date(2022, 9, 19), False),  # State funeral of Queen Elizabeth II
        (date(2023, 5, 8), False),  # Coronation of King Charles III
        (date(2023, 5, 9), True),
        (date(2022, 12, 27), False),  # substitute day for Christmas Day 2022 on a Sunday
        (date(2022, 11, 26), False),  # a Saturday
    ],
)
def test_working_days_follow_english_bank_holidays(day, working):
    assert is_working_day(day) is working


def test_easter_2022_leaves_two_working_days_in_the_week():
    assert working_days_between(date(2022, 4, 14), date(2022, 4, 20)) == 2


def test_the_start_day_is_day_zero():
    assert add_working_days(date(2022, 3, 1), 0) == date(2022, 3, 1)
    assert add_working_days(date(2022, 3, 1), 1) == date(2022, 3, 2)
    assert working_days_between(date(2022, 3, 1), date(2022, 3, 1)) == 0


def test_a_weekend_start_counts_from_the_next_working_day():
    assert add_working_days(date(2022, 3, 5), 1) == date(2022, 3, 7)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2022, 3, 1), -1)


@given(DAYS, st.integers(min_value=1, max_value=70))
def test_adding_working_days_lands_on_a_working_day(start, days):
    assert is_working_day(add_working_days(start, days))


@given(DAYS, st.integers(min_value=0, max_value=70))
def test_counting_undoes_adding(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


@given(DAYS, DAYS)
def test_counting_backwards_is_the_negative(first, second):
    assert working_days_between(first, second) == -working_days_between(second, first)


@given(DAYS, st.integers(min_value=0, max_value=30))
def test_more_days_never_comes_sooner(start, days):
    assert add_working_days(start, days + 1) > add_working_days(start, days)
    assert add_working_days(start, days) >= start + timedelta(days=days)


@given(st.dates(date(1985, 1, 1), date(2060, 12, 31)), st.integers(-800, 800))
def test_counting_working_days_agrees_with_going_day_by_day(start, offset):
    end = start + timedelta(days=offset)
    low, high = sorted((start, end))
    by_day = sum(1 for n in range(1, (high - low).days + 1) if is_working_day(low + timedelta(n)))
    assert working_days_between(start, end) == (by_day if end >= start else -by_day)
