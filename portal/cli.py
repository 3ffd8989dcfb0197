"""Commands for staff and scripts: ``flask procedure``, ``flask cases``, ``flask translate``,
``flask outbox``, ``flask reminders``, ``flask surveys``, ``flask report``, ``flask demo``,
``flask audit``."""

import json
import sys
import time
from datetime import date
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import clock
from .config import ROOT, survey_key, timescales
from .demo import demo_cli
from .extensions import db
from .notify.outbox import send_due
from .notify.senders import make_sender
from .privacy_cli import cases_erase, cases_subject_access, retention_cli
from .procedure.calendar import working_days_between
from .procedure.deadlines import TimescaleError, stage_due
from .procedure.taxonomy import Procedure
from .reports.annual import ReportSettings, annual_report
from .reports.commentary import commentary
from .reports.exports import case_rows, report_rows, to_csv
from .reports.interchange import export_lines
from .reports.pdf import annual_pdf
from .reports.periods import ReportingYear
from .reports.queue import QueueFilter, Scope, open_stages
from .services.audit import event_with_hash, verify_chain
from .services.backup import BackupError, back_up, restore
from .services.drafts import purge_expired_drafts
from .services.interchange import ImportRejectedError, import_cases
from .services.reminders import already_sent, send_reminders
from .services.surveys import send_due as send_surveys
from .services.taxonomy import seed_default_taxonomy

procedure_cli = AppGroup("procedure", help="Due dates and working days.")
cases_cli = AppGroup("cases", help="Import and export cases in the interchange format.")
translate_cli = AppGroup("translate", help="Extract, update and compile translations.")
taxonomy_cli = AppGroup("taxonomy", help="The council's teams, themes and categories.")
outbox_cli = AppGroup("outbox", help="Send the email waiting in the outbox.")
drafts_cli = AppGroup("drafts", help="Answers to online forms in progress.")
reminders_cli = AppGroup("reminders", help="Daily emails about stages due soon or overdue.")
surveys_cli = AppGroup("surveys", help="Closing-the-loop survey invitations.")
report_cli = AppGroup("report", help="The statutory annual report.")
cases_cli.add_command(cases_erase)
cases_cli.add_command(cases_subject_access)

ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


@procedure_cli.command("due")
@click.argument("procedure", type=click.Choice([p.value for p in Procedure]))
@click.argument("stage", type=int)
@click.argument("started_on", type=ISO_DATE)
@click.option("--extended", is_flag=True, help="The agreed, longer timescale.")
def procedure_due(procedure: str, stage: int, started_on: date, extended: bool) -> None:
    """Print the ISO due date of a stage that started on STARTED_ON."""
    try:
        due = stage_due(
            Procedure(procedure),
            stage,
            started_on.date(),
            extended,
            timescales(current_app.config),
        )
    except TimescaleError as error:
        raise click.UsageError(str(error)) from None
    click.echo(due.isoformat())


@procedure_cli.command("working-days")
@click.argument("start", type=ISO_DATE)
@click.argument("end", type=ISO_DATE)
def procedure_working_days(start: date, end: date) -> None:
    """Print the working days after START up to and including END."""
    click.echo(working_days_between(start.date(), end.date()))


@cases_cli.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
def cases_import(file: click.File) -> None:
    """Import every case in FILE, or none if any line is invalid."""
    lines = file.read().splitlines()
    try:
        count = import_cases(db.session, lines, timescales(current_app.config))
    except ImportRejectedError as rejected:
        db.session.rollback()
        for error in rejected.errors:
            click.echo(f"line {error.line_number}: {error.reason}", err=True)
        click.echo(f"Nothing imported: {len(rejected.errors)} invalid line(s).", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Imported {count} case(s).", err=True)


@cases_cli.command("export")
@click.option("--year", type=int, help="Only cases active in this reporting year (2021: 2021/22).")
def cases_export(year: int | None) -> None:
    """Write cases to standard output as JSON Lines, ordered by reference."""
    reporting_year = ReportingYear(year) if year is not None else None
    for line in export_lines(db.session, reporting_year):
        click.echo(line)


@taxonomy_cli.command("seed")
def taxonomy_seed() -> None:
    """Add any of the default teams, themes and categories that are missing."""
    added = seed_default_taxonomy(db.session)
    db.session.commit()
    click.echo(f"Added {added} taxonomy entries.")


@outbox_cli.command("send")
@click.option("--loop", is_flag=True, help="Keep sending as messages arrive, until stopped.")
@click.option("--interval", default=5.0, show_default=True, help="Seconds between looks.")
def outbox_send(loop: bool, interval: float) -> None:
    """Send every message that is due (once, or in a loop with --loop)."""
    sender = make_sender(current_app.config, current_app.instance_path)
    while True:
        sent = send_due(db.session, sender, clock.now)
        if sent or not loop:
            click.echo(f"Sent {sent} message(s).")
        if not loop:
            return
        time.sleep(interval)


@drafts_cli.command("purge")
def drafts_purge() -> None:
    """Delete answers to online forms left for more than 24 hours (run it hourly)."""
    purged = purge_expired_drafts(db.session, clock.now())
    db.session.commit()
    click.echo(f"Deleted {purged} expired draft(s).")


@report_cli.command("annual")
@click.option("--year", type=int, required=True, help="The reporting year: 2021 is 2021/22.")
@click.option("--format", "output", type=click.Choice(["json", "csv", "pdf"]), default="json",
              show_default=True)  # fmt: skip
@click.option(
    "--publishable", is_flag=True, help="PDF only: hide numbers from 1 to 4 about children."
)
def report_annual(year: int, output: str, publishable: bool) -> None:
    """Print the annual report of a reporting year (the keys of spec/annual-report.md);
    a PDF is written to standard output as bytes (redirect it to a file)."""
    settings = ReportSettings(
        timescales(current_app.config), current_app.config["STAGE2_COST_PENCE"]
    )
    report = annual_report(db.session, ReportingYear(year), settings)
    if output == "pdf":
        sys.stdout.flush()
        sys.stdout.buffer.write(annual_pdf(report, commentary(report), publishable))
        sys.stdout.buffer.flush()
    elif output == "csv":
        click.echo(to_csv(report_rows(report)), nl=False)
    else:
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))


@report_cli.command("cases")
@click.option("--year", type=int, required=True, help="Cases received in this reporting year.")
def report_cases(year: int) -> None:
    """Print a CSV list of the cases received in a reporting year, with no personal data."""
    period = ReportingYear(year)
    rows = case_rows(db.session, period.start, period.end, timescales(current_app.config))
    click.echo(to_csv(rows), nl=False)


@reminders_cli.command("send")
@click.option("--force", is_flag=True, help="Send even if today's reminders have gone.")
def reminders_send(force: bool) -> None:
    """Email each assignee their stages due within 2 working days or overdue, and each
    complaints manager a summary (run it once a day)."""
    today = clock.today()
    if already_sent(db.session, today) and not force:
        click.echo("Today's reminders have already been sent.")
        return
    rows = open_stages(db.session, today, timescales(current_app.config), Scope(), QueueFilter())
    sent = send_reminders(db.session, rows, today)
    db.session.commit()
    click.echo(f"Queued {sent} reminder email(s).")


@surveys_cli.command("send")
def surveys_send() -> None:
    """Invite people to a survey when their case has closed, children again 8 weeks later,
    and remind once after 7 days (run it once a day; running it again sends nothing twice)."""
    sent = send_surveys(db.session, survey_key(current_app.config), clock.today(), clock.now())
    db.session.commit()
    click.echo(f"Queued {sent.invitations} invitation(s), {sent.follow_ups} follow-up(s) "
               f"and {sent.reminders} reminder(s).")  # fmt: skip


BABEL_CFG = ROOT / "babel.cfg"
CATALOGUE = ROOT / "translations" / "messages.pot"
TRANSLATIONS = ROOT / "translations"


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", *args])


def extract_arguments(output: Path) -> list[str]:
    """pybabel's arguments to collect every translatable string into ``output``."""
    return [
        "extract", "-F", str(BABEL_CFG), "-k", "_l", "-k", "N_", "--no-location",
        "--sort-output", "--project", "complaints-portal", "-o", str(output), str(ROOT),
    ]  # fmt: skip


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect every translatable string into translations/messages.pot."""
    _pybabel(*extract_arguments(CATALOGUE))


@translate_cli.command("update")
def translate_update() -> None:
    """Merge new strings from messages.pot into every language's catalogue."""
    _pybabel(
        "update", "-i", str(CATALOGUE), "-d", str(TRANSLATIONS), "--no-wrap",
        "--no-fuzzy-matching", "--ignore-obsolete",
    )  # fmt: skip


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalogue for use."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@translate_cli.command("init")
@click.argument("language")
def translate_init(language: str) -> None:
    """Start a catalogue for a new LANGUAGE code (for example ``pl``)."""
    _pybabel("init", "-i", str(CATALOGUE), "-d", str(TRANSLATIONS), "-l", language)


audit_cli = AppGroup("audit", help="The append-only audit trail.")


@audit_cli.command("verify")
@click.option("--expect-hash", help="A latest hash an earlier run printed: still in the trail?")
def audit_verify(expect_hash: str | None) -> None:
    """Check the audit trail's hash chain; exit 1 at the first broken link."""
    check = verify_chain(db.session)
    if check.broken_at is not None:
        click.echo(f"Audit trail broken at event {check.broken_at}: {check.problem}.", err=True)
        click.echo(f"The {check.intact_events} event(s) before it are intact.", err=True)
        sys.exit(1)
    if expect_hash and event_with_hash(db.session, expect_hash) is None:
        click.echo(f"Audit trail rewritten: no event has the hash {expect_hash}.", err=True)
        sys.exit(1)
    click.echo(f"Audit trail intact: {check.intact_events} events")
    click.echo(f"Latest hash: {check.latest_hash}")


@click.command("backup")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write a consistent copy of the whole database to FILE, while the portal runs."""
    try:
        back_up(current_app.config["SQLALCHEMY_DATABASE_URI"], file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up to {file}")


@click.command("restore")
@with_appcontext
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace a database that already holds data.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace the database with the backup in FILE (stop the portal first)."""
    try:
        restore(current_app.config["SQLALCHEMY_DATABASE_URI"], file, overwrite=yes)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored from {file}")


def init_app(app: Flask) -> None:
    """Register the command groups."""
    for group in (
        procedure_cli,
        cases_cli,
        taxonomy_cli,
        outbox_cli,
        drafts_cli,
        reminders_cli,
        surveys_cli,
        report_cli,
        translate_cli,
        demo_cli,
        audit_cli,
        retention_cli,
    ):
        app.cli.add_command(group)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
