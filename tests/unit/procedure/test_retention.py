"""The retention date: adults after closure, children until their 25th birthday."""

from datetime import date

import pytest

from portal.procedure.retention import ChildFacts, RetentionRules, add_years, retention_date

RULES = RetentionRules()
RECEIVED = date(2020, 5, 1)


def test_an_open_case_is_never_due():
    assert retention_date(None, RECEIVED, None, RULES) is None
    assert retention_date(None, RECEIVED, ChildFacts(date(2010, 1, 1)), RULES) is None


def test_an_adults_case_is_kept_six_years_after_it_closed():
    assert retention_date(date(2020, 9, 14), RECEIVED, None, RULES) == date(2026, 9, 14)


def test_a_childs_case_is_kept_until_their_25th_birthday():
    child = ChildFacts(date_of_birth=date(2012, 3, 27))
    assert retention_date(date(2020, 9, 14), RECEIVED, child, RULES) == date(2037, 3, 27)


def test_a_child_near_25_is_never_kept_for_less_time_than_an_adult():
    child = ChildFacts(date_of_birth=date(1996, 1, 10))  # 25 in January 2021
    assert retention_date(date(2020, 9, 14), RECEIVED, child, RULES) == date(2026, 9, 14)


def test_with_only_an_age_the_youngest_the_child_can_be_is_assumed():
    # 8 on 1 May 2020: born 2 May 2011 at the earliest, 1 May 2012 at the latest.
    child = ChildFacts(age=8)
    assert retention_date(date(2020, 9, 14), RECEIVED, child, RULES) == date(2037, 5, 1)


def test_with_nothing_known_the_child_is_taken_as_born_the_day_the_case_arrived():
    assert retention_date(date(2020, 9, 14), RECEIVED, ChildFacts(), RULES) == date(2045, 5, 1)


def test_a_council_can_keep_records_for_longer():
    rules = RetentionRules(adult_years=10, child_until_age=28)
    child = ChildFacts(date_of_birth=date(2012, 3, 27))
    assert retention_date(date(2020, 9, 14), RECEIVED, None, rules) == date(2030, 9, 14)
    assert retention_date(date(2020, 9, 14), RECEIVED, child, rules) == date(2040, 3, 27)


@pytest.mark.parametrize(("day", "years", "expected"), [
    (date(2020, 2, 29), 6, date(2026, 3, 1)),
    (date(2020, 2, 29), 8, date(2028, 2, 29)),
    (date(2021, 2, 28), 6, date(2027, 2, 28)),
])  # fmt: skip
def test_29_february_becomes_1_march_in_other_years(day, years, expected):
    assert add_years(day, years) == expected
