"""The report's working-day table gives, in SQL, the same answers as the Python calendar
that the case pages use: working days between two dates, and whether a day is after a
stage's due date."""

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect, select

from portal.procedure.calendar import working_days_between
from portal.procedure.deadlines import stage_due
from portal.procedure.taxonomy import Procedure
from portal.reports.working_days import WORKING_DAYS, WorkingDayCounts

FIRST, LAST = date(2021, 12, 1), date(2023, 1, 31)
days = st.dates(min_value=FIRST, max_value=LAST)


def row(session, day):
    return session.execute(select(WORKING_DAYS).where(WORKING_DAYS.c.day == day)).one()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=days, end=days)
def test_sql_counts_working_days_as_the_calendar_does(session, start, end):
    WorkingDayCounts(session, FIRST, LAST)
    assert row(session, end).through - row(session, start).through == working_days_between(
        start, end
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=st.dates(min_value=FIRST, max_value=date(2022, 11, 30)), day=days)
def test_sql_knows_when_a_day_is_after_the_due_date(session, start, day):
    # Stage 1 of a statutory complaint: 10 working days, over Christmas in some examples.
    counts = WorkingDayCounts(session, FIRST, LAST)
    late_from = row(session, start).through + 10
    due = stage_due(Procedure.STATUTORY, 1, start)
    assert (row(session, day).before >= late_from) == (day > due)
    assert (counts.before(day) >= late_from) == (day > due)


def test_the_table_is_temporary_and_holds_only_the_latest_range(session):
    WorkingDayCounts(session, FIRST, FIRST + timedelta(days=9))
    assert WORKING_DAYS.name not in inspect(session.connection()).get_table_names()
    WorkingDayCounts(session, date(2022, 12, 24), date(2022, 12, 28))
    rows = session.execute(select(WORKING_DAYS.c.day, WORKING_DAYS.c.through)).all()
    # Christmas Eve is a Saturday, Boxing Day and the substitute for Christmas Day follow:
    # the 28th is the first working day.
    assert [through for _day, through in rows] == [0, 0, 0, 0, 1]
