"""Commands about personal data: ``flask retention purge``, ``flask cases erase`` and
``flask cases subject-access``. They print counts and identifiers, never personal data
(except the subject access copy itself, which is the point)."""

import sys
from collections import Counter
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from . import clock
from .config import retention_rules
from .extensions import db
from .models import Case, StaffUser
from .reports.case_view import find_case
from .services.casework import CaseworkError
from .services.retention import checkpoint, erase_case, purge_due
from .services.subject_access import make_subject_access

retention_cli = AppGroup("retention", help="Remove personal data whose retention date has passed.")


def _counts(rows: Counter) -> str:
    return ", ".join(f"{count} {name}" for name, count in sorted(rows.items()) if count) or "none"


def _finish() -> None:
    """Commit, then empty SQLite's write-ahead log so removed data is in neither file."""
    db.session.commit()
    if not checkpoint(db.session):
        click.echo(
            "The database's log could not be emptied yet (another process is reading): "
            "run the command again when it is quiet.",
            err=True,
        )


def _case_or_exit(reference: str) -> Case:
    case = find_case(db.session, reference)
    if case is None:
        click.echo(f"No case has the reference {reference}.", err=True)
        sys.exit(1)
    return case


@retention_cli.command("purge")
def retention_purge() -> None:
    """Anonymise every closed case whose retention date has passed (run it daily; running it
    again does nothing more)."""
    result = purge_due(db.session, clock.today(), retention_rules(current_app.config))
    _finish()
    if not result.cases:
        click.echo("No case is due: nothing removed.")
        return
    click.echo(f"Removed the personal data of {result.cases} case(s). Rows removed: "
               f"{_counts(result.rows)}.")  # fmt: skip


@click.command("erase")
@with_appcontext
@click.argument("reference")
@click.option("--decided-by", required=True, help="Email of the complaints manager who decided.")
def cases_erase(reference: str, decided_by: str) -> None:
    """Erase the personal data of the person on the closed case REFERENCE; the case's
    statistics, and so the annual report, stay the same."""
    case = _case_or_exit(reference)
    manager = db.session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == decided_by.strip().lower())
    )
    if manager is None:
        click.echo(f"No member of staff has the email {decided_by}.", err=True)
        sys.exit(1)
    try:
        rows = erase_case(db.session, case, manager)
    except CaseworkError as refused:
        db.session.rollback()
        click.echo(f"Not erased: {refused.message}.", err=True)
        sys.exit(1)
    _finish()
    click.echo(f"Erased the personal data on case {case.reference}. Rows removed: "
               f"{_counts(rows)}.")  # fmt: skip


@click.command("subject-access")
@with_appcontext
@click.argument("reference")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the copy to this HTML file (standard output if not given).",
)
def cases_subject_access(reference: str, output: Path | None) -> None:
    """Write a readable copy (HTML) of everything held about the person on case REFERENCE."""
    case = _case_or_exit(reference)
    page = make_subject_access(db.session, case, retention_rules(current_app.config), clock.today())
    db.session.commit()
    if output is None:
        click.echo(page)
        return
    output.write_text(page, encoding="utf-8")
    click.echo(f"Wrote the copy for case {case.reference} to {output}.", err=True)
