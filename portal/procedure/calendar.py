"""Working days in England: weekends, bank holidays (with substitute days) and the days
the Children Act 1989 Representations Procedure Regulations 2006 also exclude."""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter

#: Regulation 2 excludes these by name even when they are not the bank holiday itself.
_CHRISTMAS_DAY = (12, 25)
_BOXING_DAY = (12, 26)


@lru_cache(maxsize=64)
def _non_working_days(year: int) -> frozenset[date]:
    """Every weekday of ``year`` that is not a working day."""
    bank = holidays.country_holidays("GB", subdiv="ENG", years=year)
    named = {date(year, *_CHRISTMAS_DAY), date(year, *_BOXING_DAY), easter(year) - timedelta(2)}
    return frozenset(day for day in set(bank) | named if day.weekday() < 5)


def is_working_day(day: date) -> bool:
    """True when ``day`` is a working day in England."""
    return day.weekday() < 5 and day not in _non_working_days(day.year)


@lru_cache(maxsize=16384)
def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is day 0). Cached:
    the queue works out every open stage's due date on every view."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when end is earlier."""
    if end < start:
        return -working_days_between(end, start)
    if start.year < _COUNTED_FROM:
        return sum(1 for day in _days_after(start, end) if is_working_day(day))
    return _working_days_to(end) - _working_days_to(start)


#: Working days are counted from 1 January of this year, a year at a time, so that the
#: working days between any two later dates is one subtraction (reports do this a lot).
_COUNTED_FROM = 1990


def _working_days_to(day: date) -> int:
    """Working days from 1 January of the first counted year up to and including ``day``."""
    return _working_days_before_year(day.year) + _running_count(day.year)[day.timetuple().tm_yday]


@lru_cache(maxsize=256)
def _working_days_before_year(year: int) -> int:
    if year <= _COUNTED_FROM:
        return 0
    return _working_days_before_year(year - 1) + _running_count(year - 1)[-1]


@lru_cache(maxsize=256)
def _running_count(year: int) -> tuple[int, ...]:
    """Index n: working days of ``year`` up to its n-th day (index 0 is the day before)."""
    counts, total, day = [0], 0, date(year, 1, 1)
    while day.year == year:
        total += is_working_day(day)
        counts.append(total)
        day += timedelta(days=1)
    return tuple(counts)


def _days_after(start: date, end: date) -> Iterable[date]:
    """Each calendar day after ``start`` up to and including ``end``."""
    return (start + timedelta(days=offset) for offset in range(1, (end - start).days + 1))
