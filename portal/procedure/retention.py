"""How long a case's personal data is kept: the retention date.

An adult's case is kept for a number of years after it closed (6 by default). A case about
a child is kept until the child's 25th birthday, and never for less time than an adult's.
When the child's date of birth is not known, their age when the case arrived gives the
latest birthday they can have; with neither, the child is taken to have been born the day
the case arrived, so a child's record is never removed too early. An open case is never due.
"""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RetentionRules:
    """What a council configures about keeping personal data."""

    adult_years: int = 6
    child_until_age: int = 25


@dataclass(frozen=True)
class ChildFacts:
    """What is known about the child a case is about (either may be missing)."""

    date_of_birth: date | None = None
    age: int | None = None


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 1 March (the later day, to be safe)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def latest_birth_date(child: ChildFacts, received_on: date) -> date:
    """The child's date of birth, or the latest one consistent with what is known."""
    if child.date_of_birth is not None:
        return child.date_of_birth
    return add_years(received_on, -(child.age or 0))


def retention_date(
    closed_on: date | None,
    received_on: date,
    child: ChildFacts | None,
    rules: RetentionRules,
) -> date | None:
    """The day from which a case's personal data is due for removal; None while it is open."""
    if closed_on is None:
        return None
    adult = add_years(closed_on, rules.adult_years)
    if child is None:
        return adult
    birthday = add_years(latest_birth_date(child, received_on), rules.child_until_age)
    return max(adult, birthday)


def earliest_closure_due(today: date, rules: RetentionRules) -> date:
    """Only cases closed on or before this day can be due today (the adult rule is the
    shortest), so a purge need look no further."""
    return add_years(today, -rules.adult_years)
