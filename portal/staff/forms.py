"""The staff side's forms: the queue's filters and one form per change to a case."""

from collections.abc import Iterable, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp

from ..forms import ChoiceField, DayMonthYearField, PortalForm, QuestionForm, in_the_past
from ..models import CaseIssue, Role
from ..procedure.participation import FOLLOW_UP_METHODS
from ..procedure.surveys import Questionnaire
from ..procedure.taxonomy import (
    AdvocacyOffer,
    CaseKind,
    DeclineReason,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    PublicTheme,
    SatisfactionStatus,
)
from ..services.learning import STATEMENT_MAX

NAME_MAX, TEXT_MAX, LETTER_MAX = 120, 5000, 20000


def _any(label: Any = None) -> list[tuple[str, Any]]:
    return [("", label or _l("Any"))]


class QueueFilterForm(PortalForm):
    """The queue's filters; they live in the URL so a view can be shared."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    reference = StringField(
        _l("Reference"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=40, message=_l("Enter a reference of 40 characters or fewer")),
        ],
    )
    kind = SelectField(
        _l("Kind"),
        choices=_any() + [(k.value, _l(k.title)) for k in CaseKind],
        widget=GovSelect(),
        validators=[Optional()],
    )
    procedure = SelectField(
        _l("Procedure"),
        choices=_any() + [(p.value, _l(p.title)) for p in Procedure],
        widget=GovSelect(),
        validators=[Optional()],
    )
    stage = SelectField(
        _l("Stage"),
        choices=[*_any(), ("1", "1"), ("2", "2"), ("3", "3")],
        widget=GovSelect(),
        validators=[Optional()],
    )
    team = SelectField(_l("Team"), widget=GovSelect(), validators=[Optional()])
    assignee = SelectField(_l("Investigating manager"), widget=GovSelect(), validators=[Optional()])
    child_led = BooleanField(_l("Child-led only"), widget=GovCheckboxInput())
    advocate = BooleanField(_l("Advocate involved only"), widget=GovCheckboxInput())
    safeguarding = BooleanField(_l("Safeguarding flag only"), widget=GovCheckboxInput())
    overdue = BooleanField(_l("Overdue only"), widget=GovCheckboxInput())
    due_soon = BooleanField(_l("Due in the next 5 working days"), widget=GovCheckboxInput())
    sort = SelectField(
        _l("Sort by"),
        choices=[
            ("due", _l("Due date, soonest first")),
            ("received", _l("Received, oldest first")),
        ],
        widget=GovSelect(),
        validators=[Optional()],
    )


def _required(message: Any) -> list[Any]:
    return [InputRequired(message)]


def _name(label: Any, message: Any) -> StringField:
    checks = [*_required(message), Length(max=NAME_MAX)]
    return StringField(label, widget=GovTextInput(), validators=checks)


def _date(label: Any, message: Any | None = None) -> DayMonthYearField:
    checks = _required(message) if message else [Optional()]
    return DayMonthYearField(label, validators=checks)


#: The triage decision: a kind (with its procedure, for a complaint) or not taken on.
DECISIONS = [
    ("statutory", _l("Complaint: statutory procedure (Children Act 1989)")),
    ("corporate", _l("Complaint: corporate procedure")),
    ("both", _l("Complaint: statutory and corporate")),
    (CaseKind.INFORMAL_FEEDBACK.value, _l("Informal feedback (not a formal complaint)")),
    (CaseKind.DUTY.value, _l("Resolved at first contact with the person's agreement")),
    (CaseKind.COMPLIMENT.value, _l("Compliment")),
    (CaseKind.ADVOCACY_REQUEST.value, _l("Advocacy request")),
    ("declined", _l("Not taken on (give the reason below)")),
]


class DetailsForm(QuestionForm):
    """Who handles a case and what it is about."""

    team = SelectField(_l("Team"), widget=GovSelect(), validators=[Optional()])
    assignee = SelectField(_l("Investigating manager"), widget=GovSelect(), validators=[Optional()])
    themes = SelectMultipleField(
        _l("Themes"),
        description=_l("Select all that apply."),
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    safeguarding = BooleanField(
        _l("There is a safeguarding concern (it has been passed to the safeguarding team)"),
        widget=GovCheckboxInput(),
    )
    advocacy_offer = SelectField(
        _l("Advocacy offer"),
        choices=[("", _l("Not offered"))] + [(a.value, _l(a.title)) for a in AdvocacyOffer],
        widget=GovSelect(),
        validators=[Optional()],
    )
    advocacy_provider = StringField(
        _l("Advocacy provider (if referred)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=NAME_MAX)],
    )


class TriageForm(DetailsForm):
    """What a new contact is, and who handles it."""

    decision = ChoiceField(
        _l("What is it?"), choices=DECISIONS, validators=_required(_l("Choose what it is"))
    )
    declined_reason = SelectField(
        _l("If not taken on, why"),
        choices=[("", _l("Choose a reason"))] + [(r.value, _l(r.title)) for r in DeclineReason],
        widget=GovSelect(),
        validators=[Optional()],
    )

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if self.decision.data == "declined" and not self.declined_reason.data:
            yield "declined_reason", _l("Choose why it is not taken on")

    def question_fields(self) -> list[Any]:
        fields = super().question_fields()
        first = [self.decision, self.declined_reason]
        return first + [field for field in fields if field not in first]


class IssueForm(QuestionForm):
    issue = SelectField(
        _l("Issue category"), widget=GovSelect(), validators=_required(_l("Choose a category"))
    )


class ExtensionForm(QuestionForm):
    agreed_on = _date(_l("When was it agreed?"), _l("Enter the date the extension was agreed"))
    agreed_by = _name(
        _l("Who agreed it with the complainant?"), _l("Enter who agreed the extension")
    )
    how = ChoiceField(
        _l("How was it agreed?"),
        choices=[
            ("telephone", _l("By phone")),
            ("email", _l("By email")),
            ("letter", _l("By letter")),
            ("in_person", _l("In person")),
        ],
        validators=_required(_l("Choose how the extension was agreed")),
    )
    reason = TextAreaField(
        _l("Why is more time needed?"),
        description=_l("The person will read this in their updates."),
        widget=GovTextArea(),
        validators=[*_required(_l("Say why more time is needed")), Length(max=TEXT_MAX)],
    )


OUTCOME_CHOICES = [(o.value, _l(o.title)) for o in Outcome]


def outcomes_form(issues: Sequence[CaseIssue], titles: dict[int, str]) -> type[QuestionForm]:
    """A form with one outcome question per issue of the complaint."""

    class OutcomesForm(QuestionForm):
        pass

    for issue in issues:
        field = ChoiceField(
            titles[issue.id],
            choices=OUTCOME_CHOICES,
            validators=_required(_l("Choose an outcome for each issue")),
        )
        setattr(OutcomesForm, f"issue_{issue.id}", field)
    return OutcomesForm


class LetterForm(QuestionForm):
    body = TextAreaField(
        _l("Letter"),
        description=_l("Check and complete the letter before you send it."),
        widget=GovTextArea(),
        validators=[*_required(_l("Enter the letter")), Length(max=LETTER_MAX)],
    )
    params = {"body": {"rows": 20, "spellcheck": True}}


class ResponseForm(LetterForm):
    responded_on = _date(_l("Date the response is sent"), _l("Enter the date of the response"))


class EscalateForm(QuestionForm):
    requested_on = _date(
        _l("When did the complainant ask for the next stage?"), _l("Enter the date they asked")
    )
    offer_mediation = ChoiceField(
        _l("Offer mediation first?"),
        choices=[("yes", _l("Yes, offer mediation")), ("no", _l("No, start the next stage"))],
        validators=[Optional()],
    )


class MediationResultForm(QuestionForm):
    result = ChoiceField(
        _l("What came of mediation?"),
        choices=[(r.value, _l(r.title)) for r in MediationResult],
        validators=_required(_l("Choose the result of mediation")),
    )
    on = _date(_l("Date of the result"), _l("Enter the date of the result"))


class InvestigationForm(QuestionForm):
    investigating_officer = _name(
        _l("Investigating officer"), _l("Enter the investigating officer")
    )
    independent_person = _name(_l("Independent person"), _l("Enter the independent person"))
    adjudicating_officer = _name(_l("Adjudicating officer"), _l("Enter the adjudicating officer"))
    report_on = _date(_l("Date of the investigating officer's report (if received)"))
    adjudication_on = _date(_l("Date of the adjudication (if made)"))


class PanelForm(QuestionForm):
    chair = _name(_l("Independent chair"), _l("Enter the panel's chair"))
    member_2 = _name(_l("Second panel member"), _l("Enter the second panel member"))
    member_3 = _name(_l("Third panel member"), _l("Enter the third panel member"))
    panel_on = _date(_l("Date of the panel (if held)"))
    findings_on = _date(_l("Date of the panel's findings (if issued)"))
    findings = TextAreaField(
        _l("The panel's findings and recommendations"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )


class OmbudsmanEnquiryForm(QuestionForm):
    received_on = _date(
        _l("When did the Ombudsman's enquiry arrive?"), _l("Enter the date of the enquiry")
    )


class OmbudsmanDecisionForm(QuestionForm):
    decision = ChoiceField(
        _l("The Ombudsman's decision"),
        choices=[(d.value, _l(d.title)) for d in OmbudsmanDecision],
        validators=_required(_l("Choose the Ombudsman's decision")),
    )
    decided_on = _date(_l("Date of the decision"), _l("Enter the date of the decision"))
    remedy = TextAreaField(
        _l("Remedy asked for (if any)"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    payment = StringField(
        _l("Payment, in pounds (if any)"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Regexp(r"^\d{1,7}(\.\d{2})?$", message=_l("Enter the payment in pounds, like 250.00")),
        ],
    )
    params = {"payment": {"prefix": {"text": "£"}, "classes": "govuk-input--width-10",
                          "inputmode": "decimal"}}  # fmt: skip


class DateForm(QuestionForm):
    on = _date(_l("Date"), _l("Enter the date"))


class MessageForm(QuestionForm):
    body = TextAreaField(
        _l("Message"),
        widget=GovTextArea(),
        validators=[*_required(_l("Enter the message")), Length(max=TEXT_MAX)],
    )


class NoteForm(QuestionForm):
    body = TextAreaField(
        _l("Internal note (staff only)"),
        widget=GovTextArea(),
        validators=[*_required(_l("Enter the note")), Length(max=TEXT_MAX)],
    )


class LearningForm(QuestionForm):
    categories = SelectMultipleField(
        _l("What kind of learning came from this complaint?"),
        description=_l("Select all that apply."),
        widget=GovCheckboxesInput(),
        validators=_required(_l("Choose at least one kind of learning")),
    )


class ActionForm(QuestionForm):
    description = TextAreaField(
        _l("What will be done?"),
        widget=GovTextArea(),
        validators=[*_required(_l("Enter what will be done")), Length(max=TEXT_MAX)],
    )
    owner = _name(_l("Who owns the action?"), _l("Enter who owns the action"))
    due_on = _date(_l("Due by"), _l("Enter the date the action is due"))


class ImplementedForm(QuestionForm):
    implemented_on = _date(_l("Date implemented"), _l("Enter the date it was implemented"))
    difference_made = TextAreaField(
        _l("What difference did it make?"),
        widget=GovTextArea(),
        validators=[*_required(_l("Say what difference the action made")), Length(max=TEXT_MAX)],
    )


class PublishForm(QuestionForm):
    """A learning action as the public reads it on "You said, we did"."""

    theme = ChoiceField(
        _l("Theme"),
        description=_l("The public page groups statements under these headings."),
        choices=[(theme.value, _l(theme.title)) for theme in PublicTheme],
        validators=_required(_l("Choose a theme")),
    )
    statement = TextAreaField(
        _l("What the public will read"),
        description=_l(
            "What people told us, then what we changed, in plain words. For example: You told "
            "us social workers changed too often without telling you. We now send a letter "
            "from your new worker within a week. Leave out names, dates, places and anything "
            "else that could show who it is about."
        ),
        widget=GovCharacterCount(),
        validators=[
            *_required(_l("Enter the statement")),
            Length(max=STATEMENT_MAX, message=_l("The statement must be 600 characters or fewer")),
        ],
    )
    params = {"statement": {"maxlength": STATEMENT_MAX, "rows": 5, "spellcheck": True}}


class InviteForm(QuestionForm):
    title = _l("Invite a member of staff")
    display_name = _name(_l("Full name"), _l("Enter their name"))
    email = StringField(
        _l("Work email address"),
        widget=GovTextInput(),
        validators=[
            *_required(_l("Enter their email address")),
            Length(max=254),
            Email(_l("Enter an email address in the correct format, like name@example.org")),
        ],
    )
    role = ChoiceField(
        _l("Role"),
        choices=[(role.value, _l(role.title)) for role in Role],
        validators=_required(_l("Choose their role")),
    )
    params = {"email": {"spellcheck": False, "type": "email", "autocomplete": "off"}}


class AdvocateForm(QuestionForm):
    title = _l("Add an advocate")
    advocate = SelectField(
        _l("Advocate"), widget=GovSelect(), validators=_required(_l("Choose the advocate"))
    )
    consent_on = _date(
        _l("When did the child agree to this advocate seeing their case?"),
        _l("Enter the date the child agreed"),
    )


class SafeguardingForm(QuestionForm):
    decision = ChoiceField(
        _l("What was decided?"),
        choices=[
            ("passed_to_duty_team", _l("Passed to the duty safeguarding team")),
            ("not_a_concern", _l("Checked with the duty team: not a safeguarding concern")),
        ],
        validators=_required(_l("Choose what was decided")),
    )
    note = TextAreaField(
        _l("Note (staff only)"), widget=GovTextArea(), validators=[Optional(), Length(max=TEXT_MAX)]
    )


#: Each questionnaire as staff name it, in the order the results page offers them.
QUESTIONNAIRES = {
    Questionnaire.CHILD: _l("Children (7 to 11)"),
    Questionnaire.YOUNG: _l("Young people (12 and over)"),
    Questionnaire.ADULT: _l("Adults"),
}


class SurveyResultsForm(QuestionForm):
    """Which survey results to show; a GET form, so a view of the results can be shared.
    Every field may be left out: the view fills in its defaults."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    questionnaire = ChoiceField(
        _l("Questionnaire"),
        choices=[(which.value, title) for which, title in QUESTIONNAIRES.items()],
        validators=[Optional()],
    )
    sent_from = _date(_l("Surveys sent from"))
    sent_to = _date(_l("Surveys sent up to and including"))
    team = SelectField(_l("Team"), widget=GovSelect(), validators=[Optional()])
    procedure = SelectField(
        _l("Procedure"),
        choices=_any(_l("All procedures")) + [(p.value, _l(p.title)) for p in Procedure],
        widget=GovSelect(),
        validators=[Optional()],
    )
    params = {"questionnaire": {"classes": "govuk-radios--inline"}}

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if self.sent_from.data and self.sent_to.data and self.sent_from.data > self.sent_to.data:
            yield "sent_to", _l("The end of the period must be the same as or after its start")


class FollowUpForm(QuestionForm):
    """What a participation officer found when they followed a closed case up."""

    status = ChoiceField(
        _l("What was the result?"),
        choices=[(s.value, _l(s.title)) for s in SatisfactionStatus],
        validators=_required(_l("Choose the result")),
    )
    method = ChoiceField(
        _l("How did you follow it up?"),
        choices=[(m.value, _l(m.title)) for m in FOLLOW_UP_METHODS],
        validators=_required(_l("Choose how you followed it up")),
    )
    on = DayMonthYearField(
        _l("Date of the follow-up"),
        validators=[*_required(_l("Enter the date of the follow-up")), in_the_past],
    )
