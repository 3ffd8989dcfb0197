"""Closing the loop: the survey results, and the participation team's worklist of closed
child-led cases to follow up, with the page that records what they found."""

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import clock
from ..extensions import db
from ..i18n import label
from ..models import Role
from ..procedure.participation import WORKLIST_WINDOW
from ..procedure.surveys import SMALLEST_GROUP, FollowUpMethod, Questionnaire
from ..procedure.taxonomy import Procedure, SatisfactionStatus
from ..reports.charts import bars, largest
from ..reports.choices import active_team_names
from ..reports.participation import follow_up_details, follow_up_worklist
from ..reports.periods import ReportingYear
from ..reports.survey_results import SurveyFilter, survey_results
from ..services import participation
from . import bp
from .access import requires
from .forms import QUESTIONNAIRES, FollowUpForm, SurveyResultsForm
from .pages import attempt, load_case, today_by_default

#: Who reads the survey results: the complaints team, the participation team, viewers.
RESULTS_READERS = (Role.COMPLAINTS_OFFICER, Role.PARTICIPATION_OFFICER, Role.VIEWER)


@bp.get("/staff/surveys")
@requires(*RESULTS_READERS)
def survey_results_page() -> str:
    form = SurveyResultsForm(request.args)
    form.team.choices = [("", _("All teams"))] + [(n, n) for n in active_team_names(db.session)]
    _fill_in_defaults(form)
    results = survey_results(db.session, _survey_filter(form)) if form.validate() else None
    return render_template(
        "staff/survey_results.html", form=form, results=results, questionnaires=QUESTIONNAIRES,
        smallest_group=SMALLEST_GROUP, bars=bars, largest=largest,
    )  # fmt: skip


def _fill_in_defaults(form: SurveyResultsForm) -> None:
    """Left out, the questionnaire is the children's and the period this reporting year."""
    today = clock.today()
    form.questionnaire.data = form.questionnaire.data or Questionnaire.CHILD.value
    defaults = {form.sent_from: ReportingYear.containing(today).start, form.sent_to: today}
    for field, default in defaults.items():
        if not any(field.raw_data or []):
            field.data, field.raw_data = default, None


def _survey_filter(form: SurveyResultsForm) -> SurveyFilter:
    return SurveyFilter(
        questionnaire=Questionnaire(form.questionnaire.data),
        sent_from=form.sent_from.data,
        sent_to=form.sent_to.data,
        team=form.team.data or None,
        procedure=Procedure(form.procedure.data) if form.procedure.data else None,
    )


@bp.get("/staff/participation")
@requires(Role.PARTICIPATION_OFFICER)
def participation_worklist() -> str:
    rows = follow_up_worklist(db.session, clock.today())
    return render_template("staff/participation.html", rows=rows, window_days=WORKLIST_WINDOW.days)


@bp.route("/staff/participation/<reference>", methods=["GET", "POST"])
@requires(Role.PARTICIPATION_OFFICER)
def follow_up(reference: str) -> Any:
    case = load_case(reference, "follow_up")
    form = FollowUpForm()
    recorded = case.satisfaction
    if request.method == "GET" and recorded is not None:
        form.status.data, form.method.data = recorded.status.value, recorded.method
        form.on.data = recorded.recorded_on
    elif recorded is None:
        today_by_default(form, "on")

    def save() -> None:
        participation.record_follow_up(
            db.session, case, current_user, SatisfactionStatus(form.status.data),
            FollowUpMethod(form.method.data), form.on.data,
        )  # fmt: skip

    if form.validate_on_submit() and attempt(form, save):
        flash(_("Follow-up result saved for %(reference)s", reference=case.reference))
        return redirect(url_for("staff.participation_worklist"), 303)
    title = _l("Correct the follow-up result") if recorded else _l("Record the follow-up result")
    return render_template(
        "staff/follow_up.html", case=case, form=form, title=title, button=_l("Save result"),
        line=follow_up_details(db.session, case), recorded=recorded,
    )  # fmt: skip


@bp.app_template_filter("follow_up_method")
def follow_up_method_label(value: str) -> str:
    return label(FollowUpMethod(value))
