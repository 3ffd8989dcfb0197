"""Every change staff make to a case: one page per change, each a form that calls one
service, commits, and returns to the case (POST → redirect → GET)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import clock
from ..config import tracker_pepper
from ..extensions import db
from ..forms import ConfirmForm, QuestionForm
from ..models import Case, LetterKind, Role, StaffUser, Team, Theme
from ..models.taxonomy import ThemeScope
from ..notify.letters import draft_letter
from ..procedure.deadlines import ExtensionAgreement
from ..procedure.taxonomy import (
    AdvocacyOffer,
    CaseKind,
    DeclineReason,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
)
from ..reports.advocacy import active_advocates, case_advocates
from ..reports.case_view import available_actions
from ..reports.choices import active_teams, active_themes, assignable_managers, issue_categories
from ..services import advocacy, correspondence, stages, tracker, triage
from . import bp
from .access import ANSWERERS, CASE_WORKERS, OFFICERS, requires
from .forms import (
    AdvocateForm,
    DateForm,
    DetailsForm,
    EscalateForm,
    ExtensionForm,
    InvestigationForm,
    IssueForm,
    LetterForm,
    MediationResultForm,
    MessageForm,
    NoteForm,
    OmbudsmanDecisionForm,
    OmbudsmanEnquiryForm,
    PanelForm,
    ResponseForm,
    SafeguardingForm,
    TriageForm,
    outcomes_form,
)
from .pages import action_page, attempt, back_to_case, load_case, rules, today_by_default


@dataclass(frozen=True)
class Action:
    """A change staff can make to a case: its page, its button, and who may make it."""

    endpoint: str
    title: Any
    roles: tuple[Role, ...]


#: The actions the case page offers, by the names ``reports.case_view`` gives them.
ACTIONS = {
    "triage": Action("staff.triage_case", _l("Triage"), OFFICERS),
    "details": Action("staff.details", _l("Change team, manager or themes"), OFFICERS),
    "acknowledge": Action("staff.acknowledge", _l("Send the acknowledgement"), OFFICERS),
    "issues": Action("staff.issues", _l("Issues"), OFFICERS),
    "extension": Action("staff.extension", _l("Record an agreed extension"), ANSWERERS),
    "outcomes": Action("staff.outcomes", _l("Record outcomes"), ANSWERERS),
    "response": Action("staff.response", _l("Send the response"), ANSWERERS),
    "escalate": Action("staff.escalate", _l("Escalate to the next stage"), OFFICERS),
    "mediation": Action("staff.mediation", _l("Record the mediation result"), OFFICERS),
    "investigation": Action("staff.investigation", _l("Stage 2 investigation"), OFFICERS),
    "panel": Action("staff.panel", _l("Stage 3 review panel"), OFFICERS),
    "ombudsman": Action("staff.ombudsman", _l("Record an Ombudsman enquiry"), OFFICERS),
    "ombudsman_decision": Action(
        "staff.ombudsman_decision", _l("Record the Ombudsman's decision"), OFFICERS
    ),
    "letter_not_accepted": Action(
        "staff.letter_not_accepted", _l("Send the decision letter"), OFFICERS
    ),
    "withdraw": Action("staff.withdraw", _l("Withdraw"), OFFICERS),
    "close": Action("staff.close", _l("Close"), (*OFFICERS, Role.PARTICIPATION_OFFICER)),
    "reopen": Action("staff.reopen", _l("Reopen"), OFFICERS),
    "message": Action("staff.message", _l("Write to the person"), CASE_WORKERS),
    "note": Action("staff.note", _l("Add an internal note"), CASE_WORKERS),
    "learning": Action("staff.learning_form", _l("Learning"), ANSWERERS),
    "new_words": Action("staff.new_words", _l("Give new secret words"), OFFICERS),
    "safeguarding": Action(
        "staff.safeguarding",
        _l("Record the safeguarding decision"),
        (*OFFICERS, Role.PARTICIPATION_OFFICER),
    ),
    "advocates": Action(
        "staff.advocates", _l("Advocates"), (*OFFICERS, Role.PARTICIPATION_OFFICER)
    ),
    "follow_up": Action(
        "staff.follow_up", _l("Record the follow-up result"), (Role.PARTICIPATION_OFFICER,)
    ),
}


# Triage and details -------------------------------------------------------------------


def _details_choices(form: DetailsForm, case: Case) -> None:
    form.team.choices = [("", _("Not known"))] + [
        (str(team.id), team.name) for team in active_teams(db.session)
    ]
    form.assignee.choices = [("", _("Not assigned yet"))] + [
        (str(user.id), user.display_name) for user in assignable_managers(db.session)
    ]
    scope = (
        ThemeScope.INFORMAL_FEEDBACK
        if case.kind is CaseKind.INFORMAL_FEEDBACK
        else ThemeScope.COMPLAINT
    )
    form.themes.choices = [(str(t.id), t.name) for t in active_themes(db.session, scope)]
    if request.method == "GET":
        form.team.data = str(case.team_id or "")
        form.assignee.data = str(case.assignee_id or "")
        form.themes.data = [str(theme.id) for theme in case.themes]
        form.safeguarding.data = case.safeguarding
        form.advocacy_offer.data = case.advocacy_offer.value if case.advocacy_offer else ""
        form.advocacy_provider.data = case.advocacy_provider


def _details(form: DetailsForm) -> triage.CaseDetails:
    themes = [db.session.get(Theme, int(i)) for i in form.themes.data or []]
    return triage.CaseDetails(
        team=db.session.get(Team, int(form.team.data)) if form.team.data else None,
        assignee=db.session.get(StaffUser, int(form.assignee.data)) if form.assignee.data else None,
        themes=[theme for theme in themes if theme is not None],
        safeguarding=form.safeguarding.data,
        advocacy_offer=AdvocacyOffer(form.advocacy_offer.data)
        if form.advocacy_offer.data
        else None,
        advocacy_provider=form.advocacy_provider.data,
    )


def _decision(form: TriageForm) -> triage.TriageDecision:
    choice = form.decision.data
    if choice == "declined":
        return triage.TriageDecision(
            CaseKind.COMPLAINT, None, DeclineReason(form.declined_reason.data)
        )
    if choice in {p.value for p in Procedure}:
        return triage.TriageDecision(CaseKind.COMPLAINT, Procedure(choice))
    return triage.TriageDecision(CaseKind(choice))


@bp.route("/staff/cases/<reference>/triage", methods=["GET", "POST"])
@requires(*OFFICERS)
def triage_case(reference: str) -> Any:
    case = load_case(reference, "triage")
    form = TriageForm()
    _details_choices(form, case)
    if request.method == "GET" and case.procedure is not None:
        form.decision.data = case.procedure.value  # the form's provisional routing
    if form.validate_on_submit() and attempt(
        form,
        lambda: triage.triage(
            db.session, case, current_user, _decision(form), _details(form), clock.today()
        ),
    ):
        if case.declined_reason is not None:
            return redirect(url_for("staff.letter_not_accepted", reference=reference), 303)
        if case.kind is CaseKind.COMPLAINT:
            return redirect(url_for("staff.issues", reference=reference), 303)
        return back_to_case(case, _l("Triaged"))
    return action_page(case, form, _l("Triage"), _l("Save triage decision"))


@bp.route("/staff/cases/<reference>/details", methods=["GET", "POST"])
@requires(*OFFICERS)
def details(reference: str) -> Any:
    case = load_case(reference, "details")
    form = DetailsForm()
    _details_choices(form, case)
    if form.validate_on_submit() and attempt(
        form, lambda: triage.update_details(db.session, case, current_user, _details(form))
    ):
        return back_to_case(case, _l("Details saved"))
    return action_page(case, form, _l("Team, manager and themes"), _l("Save"))


# Issues ---------------------------------------------------------------------------------


@bp.route("/staff/cases/<reference>/issues", methods=["GET", "POST"])
@requires(*OFFICERS)
def issues(reference: str) -> Any:
    case = load_case(reference, "issues")
    pairs = issue_categories(db.session)
    form = IssueForm()
    form.issue.choices = [("", _("Choose a category"))] + [
        (f"{cat.id}:{sub.id if sub else ''}", f"{cat.name}: {sub.name}" if sub else cat.name)
        for cat, sub in pairs
    ]
    chosen = dict(((f"{cat.id}:{sub.id if sub else ''}"), (cat, sub)) for cat, sub in pairs)
    if form.validate_on_submit():
        category, subcategory = chosen[form.issue.data]
        if attempt(
            form,
            lambda: triage.add_issue(db.session, case, current_user, category, subcategory),
        ):
            flash(_("Issue added"))
            return redirect(url_for("staff.issues", reference=reference), 303)
    return render_template(
        "staff/issues.html", case=case, form=form, remove=ConfirmForm(),
        next_url=_after_issues(case),
    )  # fmt: skip


def _after_issues(case: Case) -> str:
    if "acknowledge" in available_actions(case):
        return url_for("staff.acknowledge", reference=case.reference)
    return url_for("staff.case_detail", reference=case.reference)


@bp.post("/staff/cases/<reference>/issues/<int:issue_id>/remove")
@requires(*OFFICERS)
def remove_issue(reference: str, issue_id: int) -> Any:
    case = load_case(reference, "issues")
    form = ConfirmForm()
    if form.validate_on_submit() and attempt(
        form, lambda: triage.remove_issue(db.session, case, current_user, issue_id)
    ):
        flash(_("Issue removed"))
    return redirect(url_for("staff.issues", reference=reference), 303)


# Letters --------------------------------------------------------------------------------


def _letter_page(
    case: Case,
    kind: LetterKind,
    form: LetterForm,
    title: Any,
    after: Callable[[], object] = lambda: None,
) -> Any:
    contact = correspondence.main_contact(db.session, case)
    if request.method == "GET":
        name = contact.full_name if contact and contact.full_name else _("Sir or Madam")
        form.body.data = draft_letter(
            kind, case, name, current_user.display_name, rules(), clock.today()
        )

    def send() -> None:
        after()
        subject = _(correspondence.letter_subject(kind), reference=case.reference)
        correspondence.send_letter(db.session, case, current_user, kind, form.body.data, subject)

    if form.validate_on_submit() and attempt(form, send):
        return back_to_case(case, _l("Letter sent"))
    return action_page(case, form, title, _l("Send letter"), letter_to=contact)


@bp.route("/staff/cases/<reference>/acknowledge", methods=["GET", "POST"])
@requires(*OFFICERS)
def acknowledge(reference: str) -> Any:
    case = load_case(reference, "acknowledge")
    return _letter_page(
        case, LetterKind.ACKNOWLEDGEMENT, LetterForm(), _l("Send the acknowledgement"),
        lambda: triage.acknowledge(db.session, case, current_user, clock.today()),
    )  # fmt: skip


@bp.route("/staff/cases/<reference>/not-accepted", methods=["GET", "POST"])
@requires(*OFFICERS)
def letter_not_accepted(reference: str) -> Any:
    case = load_case(reference, "letter_not_accepted")
    return _letter_page(case, LetterKind.NOT_ACCEPTED, LetterForm(), _l("Send the decision letter"))


@bp.route("/staff/cases/<reference>/response", methods=["GET", "POST"])
@requires(*ANSWERERS)
def response(reference: str) -> Any:
    case = load_case(reference, "response")
    form = ResponseForm()
    today_by_default(form, "responded_on")
    return _letter_page(
        case, LetterKind.RESPONSE, form, _l("Send the response"),
        lambda: stages.respond(
            db.session, case, current_user, form.responded_on.data, clock.today()
        ),
    )  # fmt: skip


# Stages ---------------------------------------------------------------------------------


@bp.route("/staff/cases/<reference>/extension", methods=["GET", "POST"])
@requires(*ANSWERERS)
def extension(reference: str) -> Any:
    case = load_case(reference, "extension")
    form = ExtensionForm()
    today_by_default(form, "agreed_on")

    def extend() -> None:
        agreement = ExtensionAgreement(form.agreed_on.data, form.agreed_by.data, form.how.data)
        stages.extend(db.session, case, current_user, agreement, form.reason.data, rules())

    if form.validate_on_submit() and attempt(form, extend):
        return back_to_case(case, _l("Extension recorded"))
    return action_page(case, form, _l("Record an agreed extension"), _l("Save extension"))


@bp.route("/staff/cases/<reference>/outcomes", methods=["GET", "POST"])
@requires(*ANSWERERS)
def outcomes(reference: str) -> Any:
    case = load_case(reference, "outcomes")
    if not case.issues:
        flash(_("Add the issues of the complaint first"))
        return redirect(url_for("staff.case_detail", reference=reference), 303)
    titles = {issue.id: issue.title for issue in case.issues}
    form = outcomes_form(case.issues, titles)()
    if request.method == "GET":
        for issue in case.issues:
            form._fields[f"issue_{issue.id}"].data = issue.outcome.value if issue.outcome else None

    def record() -> None:
        chosen = {i.id: Outcome(form._fields[f"issue_{i.id}"].data) for i in case.issues}
        stages.record_outcomes(db.session, case, current_user, chosen)

    if form.validate_on_submit() and attempt(form, record):
        return back_to_case(case, _l("Outcomes recorded"))
    return action_page(case, form, _l("Record outcomes"), _l("Save outcomes"))


@bp.route("/staff/cases/<reference>/escalate", methods=["GET", "POST"])
@requires(*OFFICERS)
def escalate(reference: str) -> Any:
    case = load_case(reference, "escalate")
    form = EscalateForm()
    today_by_default(form, "requested_on")
    if stages.next_stage(case) != 2 or case.procedure is Procedure.CORPORATE:
        del form.offer_mediation
    elif request.method == "GET":
        form.offer_mediation.data = "yes"

    def ask() -> None:
        mediate = "offer_mediation" in form and form.offer_mediation.data == "yes"
        stages.escalate(db.session, case, current_user, form.requested_on.data, mediate)

    if form.validate_on_submit() and attempt(form, ask):
        return back_to_case(case, _l("Escalated"))
    return action_page(case, form, _l("Escalate to the next stage"), _l("Escalate"))


@bp.route("/staff/cases/<reference>/mediation", methods=["GET", "POST"])
@requires(*OFFICERS)
def mediation(reference: str) -> Any:
    case = load_case(reference, "mediation")
    form = MediationResultForm()
    today_by_default(form, "on")
    if form.validate_on_submit() and attempt(
        form,
        lambda: stages.record_mediation_result(
            db.session, case, current_user, MediationResult(form.result.data), form.on.data
        ),
    ):
        return back_to_case(case, _l("Mediation result recorded"))
    return action_page(case, form, _l("Record the mediation result"), _l("Save"))


@bp.route("/staff/cases/<reference>/investigation", methods=["GET", "POST"])
@requires(*OFFICERS)
def investigation(reference: str) -> Any:
    case = load_case(reference, "investigation")
    form = InvestigationForm(obj=case.investigation if request.method == "GET" else None)

    def save() -> None:
        people = stages.InvestigationPeople(**_answers(form))
        stages.record_investigation(db.session, case, current_user, people)

    if form.validate_on_submit() and attempt(form, save):
        return back_to_case(case, _l("Investigation recorded"))
    return action_page(case, form, _l("Stage 2 investigation"), _l("Save"))


@bp.route("/staff/cases/<reference>/panel", methods=["GET", "POST"])
@requires(*OFFICERS)
def panel(reference: str) -> Any:
    case = load_case(reference, "panel")
    form = PanelForm(obj=case.panel if request.method == "GET" else None)

    def save() -> None:
        stages.record_panel(db.session, case, current_user, stages.PanelRecord(**_answers(form)))

    if form.validate_on_submit() and attempt(form, save):
        return back_to_case(case, _l("Review panel recorded"))
    return action_page(case, form, _l("Stage 3 review panel"), _l("Save"))


def _answers(form: QuestionForm) -> dict[str, Any]:
    return {field.name: field.data for field in form.question_fields()}


@bp.route("/staff/cases/<reference>/ombudsman", methods=["GET", "POST"])
@requires(*OFFICERS)
def ombudsman(reference: str) -> Any:
    case = load_case(reference, "ombudsman")
    form = OmbudsmanEnquiryForm()
    today_by_default(form, "received_on")
    if form.validate_on_submit() and attempt(
        form,
        lambda: stages.record_ombudsman_enquiry(
            db.session, case, current_user, form.received_on.data
        ),
    ):
        return back_to_case(case, _l("Ombudsman enquiry recorded"))
    return action_page(case, form, _l("Record an Ombudsman enquiry"), _l("Save"))


@bp.route("/staff/cases/<reference>/ombudsman/decision", methods=["GET", "POST"])
@requires(*OFFICERS)
def ombudsman_decision(reference: str) -> Any:
    case = load_case(reference, "ombudsman_decision")
    form = OmbudsmanDecisionForm()
    today_by_default(form, "decided_on")

    def decide() -> None:
        pence = round(float(form.payment.data) * 100) if form.payment.data else None
        outcome = stages.OmbudsmanOutcome(
            OmbudsmanDecision(form.decision.data), form.decided_on.data, form.remedy.data, pence
        )
        stages.record_ombudsman_decision(db.session, case, current_user, outcome)

    if form.validate_on_submit() and attempt(form, decide):
        return back_to_case(case, _l("Ombudsman decision recorded"))
    return action_page(case, form, _l("Record the Ombudsman's decision"), _l("Save"))


# Withdraw, close, reopen --------------------------------------------------------------


def _dated_change(reference: str, action: str, change: Callable, title: Any, done: Any) -> Any:
    case = load_case(reference, action)
    form = DateForm()
    today_by_default(form, "on")
    if form.validate_on_submit() and attempt(
        form, lambda: change(db.session, case, current_user, form.on.data)
    ):
        return back_to_case(case, done)
    return action_page(case, form, title, title)


@bp.route("/staff/cases/<reference>/withdraw", methods=["GET", "POST"])
@requires(*OFFICERS)
def withdraw(reference: str) -> Any:
    return _dated_change(reference, "withdraw", stages.withdraw, _l("Withdraw the complaint"),
                         _l("Withdrawn"))  # fmt: skip


@bp.route("/staff/cases/<reference>/close", methods=["GET", "POST"])
@requires(*OFFICERS, Role.PARTICIPATION_OFFICER)
def close(reference: str) -> Any:
    return _dated_change(reference, "close", stages.close, _l("Close the case"), _l("Closed"))


@bp.route("/staff/cases/<reference>/reopen", methods=["GET", "POST"])
@requires(*OFFICERS)
def reopen(reference: str) -> Any:
    case = load_case(reference, "reopen")
    form = ConfirmForm()
    if form.validate_on_submit() and attempt(
        form, lambda: stages.reopen_case(db.session, case, current_user)
    ):
        return back_to_case(case, _l("Reopened"))
    intro = _l("The case returns to where it was, and keeps its original dates.")
    return action_page(case, form, _l("Reopen the case"), _l("Reopen"), intro=intro)


# Messages and notes -------------------------------------------------------------------


@bp.route("/staff/cases/<reference>/message", methods=["GET", "POST"])
@requires(*CASE_WORKERS)
def message(reference: str) -> Any:
    return _write(reference, "message", MessageForm(), internal=False)


@bp.route("/staff/cases/<reference>/note", methods=["GET", "POST"])
@requires(*CASE_WORKERS)
def note(reference: str) -> Any:
    return _write(reference, "note", NoteForm(), internal=True)


def _write(reference: str, action: str, form: QuestionForm, internal: bool) -> Any:
    case = load_case(reference, action)
    if form.validate_on_submit() and attempt(
        form,
        lambda: correspondence.add_message(
            db.session, case, current_user, form.body.data, internal
        ),
    ):
        return back_to_case(case, _l("Note added") if internal else _l("Message sent"))
    title = ACTIONS[action].title
    return action_page(case, form, title, _l("Save note") if internal else _l("Send message"),
                 intro=None if internal else _l("The person will see this when they check "
                                                 "their complaint online."))  # fmt: skip


@bp.route("/staff/cases/<reference>/new-words", methods=["GET", "POST"])
@requires(*OFFICERS)
def new_words(reference: str) -> Any:
    case = load_case(reference, "new_words")
    form = ConfirmForm()
    if form.validate_on_submit():
        words = tracker.issue_new_words(
            db.session, case, current_user, tracker_pepper(current_app.config), clock.now()
        )
        db.session.commit()
        return render_template("staff/new_words.html", case=case, words=words)
    intro = _l(
        "Only do this after checking who you are speaking to. The old words stop working, "
        "and the new ones are shown once, for you to give to the person."
    )
    return action_page(case, form, _l("Give new secret words"), _l("Make new words"), intro=intro)


@bp.route("/staff/cases/<reference>/advocates", methods=["GET", "POST"])
@requires(*OFFICERS, Role.PARTICIPATION_OFFICER)
def advocates(reference: str) -> Any:
    case = load_case(reference, "advocates")
    form = AdvocateForm()
    form.advocate.choices = [("", _("Choose an advocate"))] + [
        (str(user.id), user.display_name) for user in active_advocates(db.session)
    ]
    today_by_default(form, "consent_on")

    def add() -> None:
        chosen = db.session.get(StaffUser, int(form.advocate.data))
        advocacy.link_advocate(db.session, case, current_user, chosen, form.consent_on.data)

    if form.validate_on_submit() and attempt(form, add):
        return back_to_case(case, _l("Advocate added"))
    return render_template(
        "staff/advocates.html", case=case, form=form, current=case_advocates(db.session, case),
        withdraw=ConfirmForm(), title=_l("Advocates"), button=_l("Add advocate"),
    )  # fmt: skip


@bp.post("/staff/cases/<reference>/advocates/<int:advocate_id>/withdraw")
@requires(*OFFICERS, Role.PARTICIPATION_OFFICER)
def withdraw_advocate(reference: str, advocate_id: int) -> Any:
    case = load_case(reference, "advocates")
    form = ConfirmForm()
    if form.validate_on_submit() and attempt(
        form,
        lambda: advocacy.withdraw_consent(
            db.session, case, advocate_id, clock.today(), current_user
        ),
    ):
        return back_to_case(case, _l("The advocate can no longer see this case"))
    return redirect(url_for("staff.advocates", reference=reference), 303)


@bp.route("/staff/cases/<reference>/safeguarding", methods=["GET", "POST"])
@requires(*OFFICERS, Role.PARTICIPATION_OFFICER)
def safeguarding(reference: str) -> Any:
    case = load_case(reference, "safeguarding")
    form = SafeguardingForm()
    if form.validate_on_submit() and attempt(
        form,
        lambda: triage.record_safeguarding_decision(
            db.session, case, current_user, form.decision.data, form.note.data
        ),
    ):
        return back_to_case(case, _l("Safeguarding decision recorded"))
    intro = _l("Safeguarding concerns are dealt with under safeguarding procedures, not the "
               "complaints procedure. Record here what was done.")  # fmt: skip
    return action_page(case, form, _l("Record the safeguarding decision"), _l("Save"), intro=intro)
