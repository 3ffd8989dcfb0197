"""The daily reminders: each investigating manager hears about their stages due within 2
working days or overdue; each complaints manager gets the whole picture."""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from flask_babel import format_date, gettext, ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ActorKind, AuditEvent, Case, Role, StaffUser
from ..notify.emails import queue_reminder
from .audit import record_event

#: Stages due within this many working days are mentioned.
REMINDER_DAYS = 2


class DueStage(Protocol):
    """An open stage as the queue reports it."""

    case: Case
    due_on: date
    working_days_left: int

    @property
    def overdue(self) -> bool: ...


def already_sent(session: Session, today: date) -> bool:
    """True when today's reminders have gone (the command is safe to run twice)."""
    query = select(AuditEvent.details).where(AuditEvent.action == "reminders.sent")
    return any(details.get("on") == today.isoformat() for details in session.scalars(query))


def send_reminders(session: Session, rows: Sequence[DueStage], today: date) -> int:
    """Queue today's reminder emails; returns how many were queued."""
    pressing = [row for row in rows if row.working_days_left <= REMINDER_DAYS]
    by_assignee: dict[int, list[DueStage]] = defaultdict(list)
    for row in pressing:
        if row.case.assignee is not None and row.case.assignee.active:
            by_assignee[row.case.assignee.id].append(row)
    sent = 0
    for rows_for_one in by_assignee.values():
        assignee = rows_for_one[0].case.assignee
        subject = ngettext(
            "%(num)d complaint stage due soon or overdue",
            "%(num)d complaint stages due soon or overdue",
            len(rows_for_one),
        )
        queue_reminder(session, assignee, subject, [_line(row) for row in rows_for_one])
        sent += 1
    for manager in _managers(session):
        queue_reminder(session, manager, gettext("Complaints: today's summary"),
                       _summary(rows, pressing))  # fmt: skip
        sent += 1
    record_event(session, "reminders.sent", actor_kind=ActorKind.SYSTEM, on=today.isoformat(),
                 emails=sent)  # fmt: skip
    session.flush()
    return sent


def _line(row: DueStage) -> str:
    due = format_date(row.due_on, "EEE d MMM")
    if row.overdue:
        return gettext("%(reference)s: overdue since %(date)s", reference=row.case.reference,
                       date=due)  # fmt: skip
    return gettext("%(reference)s: due %(date)s", reference=row.case.reference, date=due)


def _summary(rows: Sequence[DueStage], pressing: Sequence[DueStage]) -> list[str]:
    overdue = [row for row in rows if row.overdue]
    unassigned = [row for row in pressing if row.case.assignee is None]
    lines = [
        ngettext("%(num)d open stage", "%(num)d open stages", len(rows)),
        ngettext("%(num)d overdue", "%(num)d overdue", len(overdue)),
        ngettext(
            "%(num)d due within 2 working days",
            "%(num)d due within 2 working days",
            len(pressing) - len(overdue),
        ),
    ]
    if unassigned:
        lines.append(gettext("Due soon or overdue with no investigating manager:"))
        lines.extend(_line(row) for row in unassigned)
    return lines


def _managers(session: Session) -> list[StaffUser]:
    query = select(StaffUser).where(StaffUser.active, StaffUser.role == Role.COMPLAINTS_MANAGER)
    return list(session.scalars(query))
