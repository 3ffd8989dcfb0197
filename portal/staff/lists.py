"""Lists beyond the queue: live queue health, the annual report, and compliments per team."""

from datetime import timedelta

from flask import Response, current_app, render_template, request
from flask_babel import gettext as _

from .. import clock
from ..config import timescales
from ..extensions import db
from ..models import Role
from ..procedure.taxonomy import (
    Channel,
    ComplimentSource,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    SatisfactionStatus,
    SubmittedBy,
)
from ..procedure.text import N_
from ..reports.annual import AnnualReport, ReportSettings, annual_report, quarter
from ..reports.charts import bars, largest
from ..reports.choices import active_team_names
from ..reports.commentary import commentary
from ..reports.exports import case_rows, report_rows, to_csv
from ..reports.learning import outstanding_learning
from ..reports.overview import compliments, open_stages_by_team
from ..reports.pdf import annual_pdf
from ..reports.periods import ReportingYear
from ..reports.queue import QueueFilter, Scope, open_stages
from . import bp
from .access import CASE_WORKERS, requires

REPORT_VOCABULARIES = (
    Outcome, Channel, SubmittedBy, Procedure, MediationResult, OmbudsmanDecision,
    SatisfactionStatus, ComplimentSource,
)  # fmt: skip
NULL_LABELS = {"open": N_("Open"), "none": N_("None"), "pending": N_("Pending")}


@bp.get("/staff/reports")
@requires(*CASE_WORKERS, Role.VIEWER)
def reports() -> str:
    today, rules = clock.today(), timescales(current_app.config)
    rows = open_stages(db.session, today, rules, Scope(), QueueFilter())
    week_end = today + timedelta(days=6 - today.weekday())
    year = ReportingYear.containing(today)
    settings = ReportSettings(rules, current_app.config["STAGE2_COST_PENCE"])
    summary = AnnualReport(db.session, year, settings).stage1_summary(year)
    return render_template(
        "staff/reports.html",
        lines=open_stages_by_team(rows, _("Not known")),
        overdue=sum(row.overdue for row in rows),
        due_soon=sum(row.due_soon for row in rows),
        due_this_week=sum(today <= row.due_on <= week_end for row in rows),
        total=len(rows),
        quarter=quarter(today),
        timeliness=summary["timeliness_by_quarter"][quarter(today)],
        learning_outstanding=len(outstanding_learning(db.session)),
    )


@bp.get("/staff/reports/annual")
@requires(*CASE_WORKERS, Role.VIEWER)
def annual() -> str:
    years = _offered_years()
    year = _chosen_year(default=years[1])  # the last complete year
    settings = ReportSettings(
        timescales(current_app.config), current_app.config["STAGE2_COST_PENCE"]
    )
    report = annual_report(db.session, year, settings)
    return render_template(
        "staff/annual_report.html", report=report, years=years, year=year,
        commentary=commentary(report), bars=bars, largest=largest,
    )  # fmt: skip


def _offered_years() -> list[ReportingYear]:
    """The reporting years the reports offer: this one and the nine before it."""
    current = ReportingYear.containing(clock.today())
    return [ReportingYear(first) for first in range(current.first, current.first - 10, -1)]


def _chosen_year(default: ReportingYear | None = None) -> ReportingYear:
    """The year asked for, if it is one offered; otherwise ``default`` or this year."""
    years = _offered_years()
    chosen = request.args.get("year", type=int)
    return next((year for year in years if year.first == chosen), default or years[0])


def _csv(text: str, name: str) -> Response:
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip


@bp.get("/staff/reports/annual.csv")
@requires(*CASE_WORKERS, Role.VIEWER)
def annual_csv() -> Response:
    year = _chosen_year()
    settings = ReportSettings(
        timescales(current_app.config), current_app.config["STAGE2_COST_PENCE"]
    )
    report = annual_report(db.session, year, settings)
    return _csv(to_csv(report_rows(report)), f"annual-report-{year.first}.csv")


@bp.get("/staff/reports/annual.pdf")
@requires(*CASE_WORKERS, Role.VIEWER)
def annual_pdf_download() -> Response:
    year = _chosen_year()
    settings = ReportSettings(
        timescales(current_app.config), current_app.config["STAGE2_COST_PENCE"]
    )
    report = annual_report(db.session, year, settings)
    publishable = request.args.get("publishable") == "1"
    pdf = annual_pdf(report, commentary(report), publishable)
    name = f"annual-report-{year.first}-{'publishable' if publishable else 'internal'}.pdf"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(pdf, mimetype="application/pdf", headers=disposition)


@bp.get("/staff/reports/cases.csv")
@requires(*CASE_WORKERS, Role.VIEWER)
def cases_csv() -> Response:
    year = _chosen_year()
    rows = case_rows(db.session, year.start, year.end, timescales(current_app.config))
    return _csv(to_csv(rows), f"cases-{year.first}.csv")


@bp.app_template_filter("report_label")
def report_label(value: str) -> str:
    """A report's label as people read it: an enum value's title, or the name itself."""
    for vocabulary in REPORT_VOCABULARIES:
        if value in vocabulary.__members__.values():
            return _(vocabulary(value).title)
    return _(NULL_LABELS[value]) if value in NULL_LABELS else value


@bp.get("/staff/compliments")
@requires(*CASE_WORKERS, Role.VIEWER)
def compliments_list() -> str:
    team = request.args.get("team") or None
    return render_template(
        "staff/compliments.html",
        cases=compliments(db.session, team),
        teams=active_team_names(db.session),
        team=team,
    )
