"""Spreadsheet exports: the annual report's tables, and a list of a period's cases with
nothing personal in it. Every cell a spreadsheet could take for a formula is defused."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..models import Case
from ..procedure.deadlines import Timescales, stage_due

#: A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A value as a spreadsheet cell that cannot run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(rows: Iterable[Iterable[Any]]) -> str:
    """Rows as CSV text, every cell defused."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: a cell with CR or LF is quoted
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def report_rows(report: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every figure of the annual report as (dotted key, value), in the report's order."""

    def walk(prefix: str, value: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            yield prefix, value

    yield ("key", "value")
    yield from walk("", report)


CASE_COLUMNS = (
    "reference", "kind", "procedure", "received_on", "channel", "submitted_by", "child_led",
    "advocate_supported", "team", "stage", "stage_started_on", "stage_due_on",
    "stage_responded_on", "stage_outcome", "closed_on",
)  # fmt: skip


def case_rows(
    session: Session, start: date, end: date, rules: Timescales
) -> Iterator[tuple[Any, ...]]:
    """Cases received from ``start`` to ``end``: facts and dates only, never a name or
    anything the person wrote."""
    yield CASE_COLUMNS
    query = (
        select(Case)
        .where(Case.received_on.between(start, end), Case.declined_reason.is_(None))
        .options(selectinload(Case.team), selectinload(Case.stages))
        .order_by(Case.received_on, Case.reference)
    )
    for case in session.scalars(query):
        stage = case.stages[-1] if case.stages else None
        due = (
            stage_due(case.procedure, stage.number, stage.started_on, stage.extended, rules)
            if stage and case.procedure
            else None
        )
        yield (
            case.reference, case.kind.value, case.procedure and case.procedure.value,
            case.received_on, case.channel.value, case.submitted_by.value, case.child_led,
            case.advocate_supported, case.team.name if case.team else None,
            stage and stage.number, stage and stage.started_on, due,
            stage and stage.responded_on, stage and stage.outcome and stage.outcome.value,
            case.closed_on,
        )  # fmt: skip
