"""The working-day calendar as a table the database can join, so reports judge deadlines
and count response days in SQL instead of reading every stage into Python.

The table is temporary (private to the connection, never in the database file), filled
from :mod:`portal.procedure.calendar` each time a report needs it: the Python calendar
stays the one source of truth, and a report never writes to the database.

For each day of the range, ``through`` counts the working days from the range's first day
up to and including it, and ``before`` those strictly before it. Then, for a stage that
started on ``s`` with ``n`` working days allowed, its due date ``d`` has
``through(d) = through(s) + n``, and a day ``x`` is after the due date exactly when
``before(x) >= through(s) + n``; the working days from ``s`` to ``x`` are
``through(x) - through(s)``.
"""

from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..procedure.calendar import is_working_day, working_days_between

WORKING_DAYS = sa.Table(
    "report_working_days",
    sa.MetaData(),
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("through", sa.Integer, nullable=False),
    sa.Column("before", sa.Integer, nullable=False),
    prefixes=["TEMPORARY"],
)


class WorkingDayCounts:
    """The filled table for one range of days, and the counts of days outside its rows."""

    def __init__(self, session: Session, first: date, last: date) -> None:
        self.first = first
        connection = session.connection()
        WORKING_DAYS.create(connection, checkfirst=True)
        connection.execute(WORKING_DAYS.delete())
        connection.execute(WORKING_DAYS.insert(), list(_rows(first, last)))

    def before(self, day: date) -> int:
        """Working days from the first day of the range up to, not including, ``day``."""
        return working_days_between(self.first - timedelta(days=1), day - timedelta(days=1))


def _rows(first: date, last: date) -> list[dict]:
    rows, through, day = [], 0, first
    while day <= last:
        working = is_working_day(day)
        through += working
        rows.append({"day": day, "through": through, "before": through - working})
        day += timedelta(days=1)
    return rows
