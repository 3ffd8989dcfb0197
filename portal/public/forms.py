"""The questions of the public forms, one form per page."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, Regexp

from ..forms import ChoiceField, DayMonthYearField, QuestionForm, in_the_past
from ..models import Adjustment, ChildAgreement
from ..services.tokens import new_token

NAME_MAX, SHORT_MAX, TEXT_MAX = 200, 200, 5000

EMAIL_PARAMS = {"autocomplete": "email", "spellcheck": False, "type": "email"}


class WhoForm(QuestionForm):
    role = ChoiceField(
        _l("Who are you?"),
        choices=[
            ("parent", _l("A parent")),
            ("carer", _l("A carer or guardian")),
            ("foster_carer", _l("A foster carer")),
            ("family_member", _l("Another family member")),
            ("professional", _l("A professional, such as a teacher or health worker")),
            ("other", _l("Someone else")),
        ],
        validators=[InputRequired(_l("Select who you are"))],
    )


class ForWhomForm(QuestionForm):
    for_whom = ChoiceField(
        _l("Who is the complaint for?"),
        choices=[("child", _l("A child or young person")), ("myself", _l("Myself"))],
        validators=[InputRequired(_l("Select who the complaint is for"))],
    )


class ChildForm(QuestionForm):
    title = _l("About the child")
    child_name = StringField(
        _l("Child's full name"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter the child's name")), Length(max=NAME_MAX)],
    )
    child_date_of_birth = DayMonthYearField(
        _l("Child's date of birth (if you know it)"),
        description=_l("For example, 27 3 2014"),
        validators=[Optional(), in_the_past],
    )
    child_age = IntegerField(
        _l("Or their age in years"),
        widget=GovTextInput(),
        validators=[Optional(), NumberRange(0, 25, _l("Enter an age from 0 to 25"))],
    )
    in_care = ChoiceField(
        _l("Is the child in care?"),
        choices=[("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("I'm not sure"))],
        validators=[InputRequired(_l("Select whether the child is in care"))],
    )
    params = {
        "child_name": {"autocomplete": "off", "spellcheck": False},
        "child_age": {"classes": "govuk-input--width-3", "inputmode": "numeric"},
    }

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if self.child_age.data is None and self.child_date_of_birth.data is None:
            yield "child_age", _l("Enter the child's date of birth or their age")


class ChildAgreesForm(QuestionForm):
    consent = ChoiceField(
        _l("Does the child know about this complaint, and agree to it?"),
        description=_l(
            "Children have a right to a say. We will check with the child that they are "
            "happy for you to complain for them."
        ),
        choices=[(choice.value, _l(choice.title)) for choice in ChildAgreement],
        validators=[InputRequired(_l("Select whether the child knows and agrees"))],
    )


class WhatHappenedForm(QuestionForm):
    what_happened = TextAreaField(
        _l("What happened?"),
        description=_l(
            "Tell us what went wrong, in your own words. Include anything you think is important."
        ),
        widget=GovCharacterCount(),
        validators=[
            InputRequired(_l("Enter what happened")),
            Length(max=TEXT_MAX, message=_l("What happened must be 5000 characters or fewer")),
        ],
    )
    params = {"what_happened": {"maxlength": TEXT_MAX, "rows": 10}}


class WhenForm(QuestionForm):
    when = ChoiceField(
        _l("When did it happen?"),
        choices=[
            ("date", _l("On a particular day")),
            ("period", _l("Over a period of time")),
            ("not_sure", _l("I'm not sure")),
        ],
        validators=[InputRequired(_l("Select when it happened"))],
    )


class WhenDateForm(QuestionForm):
    happened_on = DayMonthYearField(
        _l("What date did it happen?"),
        description=_l("For example, 14 3 2025. If you are not sure, give a rough date."),
        validators=[InputRequired(_l("Enter the date it happened")), in_the_past],
    )


class WhenPeriodForm(QuestionForm):
    happened_over = StringField(
        _l("Over what period did it happen?"),
        description=_l("For example, since last summer, or from January to March"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter when it happened")), Length(max=SHORT_MAX)],
    )


class TeamForm(QuestionForm):
    title = _l("Who the complaint is about")
    team = SelectField(
        _l("Which team is it about?"),
        description=_l("Leave this if you do not know."),
        widget=GovSelect(),
        validators=[Optional()],
    )
    worker_name = StringField(
        _l("Name of the worker (if you know it)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=NAME_MAX)],
    )
    params = {"worker_name": {"autocomplete": "off", "spellcheck": False}}


class OutcomeForm(QuestionForm):
    wanted_outcome = TextAreaField(
        _l("What would you like to happen?"),
        description=_l("For example, an apology, a meeting, or a decision looked at again."),
        widget=GovCharacterCount(),
        validators=[
            InputRequired(_l("Enter what you would like to happen")),
            Length(max=TEXT_MAX, message=_l("This must be 5000 characters or fewer")),
        ],
    )
    params = {"wanted_outcome": {"maxlength": TEXT_MAX, "rows": 6}}


class ContactForm(QuestionForm):
    title = _l("Your contact details")
    full_name = StringField(
        _l("Your full name"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter your full name")), Length(max=NAME_MAX)],
    )
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    phone = StringField(
        _l("Phone number"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=40)],
    )
    postal_address = TextAreaField(
        _l("Postal address"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=500)],
    )
    params = {
        "full_name": {"autocomplete": "name", "spellcheck": False},
        "email": EMAIL_PARAMS,
        "phone": {"autocomplete": "tel", "type": "tel", "classes": "govuk-input--width-20"},
        "postal_address": {"autocomplete": "street-address", "rows": 4},
    }

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if not (self.email.data or self.phone.data or self.postal_address.data):
            yield "email", _l("Enter an email address, a phone number or a postal address")


class ContactPreferencesForm(QuestionForm):
    title = _l("How we contact you")
    preferred_contact = ChoiceField(
        _l("How should we contact you?"),
        choices=[("email", _l("Email")), ("phone", _l("Phone")), ("post", _l("Post"))],
        validators=[InputRequired(_l("Select how we should contact you"))],
    )
    safe_times = StringField(
        _l("When is it safe or convenient to contact you? (optional)"),
        description=_l("For example, weekdays after 3pm, or never call at home"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=SHORT_MAX)],
    )


class AdjustmentsForm(QuestionForm):
    title = _l("Help to take part")
    adjustments = SelectMultipleField(
        _l("Do you need anything to help you take part?"),
        description=_l("Select all that apply. Leave them all unticked if you need nothing."),
        choices=[(choice.value, _l(choice.title)) for choice in Adjustment],
        widget=GovCheckboxesInput(),
        validators=[Optional()],
    )
    interpreter_language = StringField(
        _l("Which language? (if you need an interpreter)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=80)],
    )

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if "interpreter" in (self.adjustments.data or []) and not self.interpreter_language.data:
            yield "interpreter_language", _l("Enter the language you need")


class ComplimentForm(QuestionForm):
    #: A random number for this filling-in of the form, so sending it twice makes one case.
    submission = HiddenField(default=new_token, validators=[Regexp(r"^[A-Za-z0-9_-]{43}$")])
    team = SelectField(
        _l("Which team is your compliment about?"),
        widget=GovSelect(),
        validators=[Optional()],
    )
    worker_name = StringField(
        _l("Name of the worker (if it is about one person)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=NAME_MAX)],
    )
    source = ChoiceField(
        _l("Who are you?"),
        choices=[
            ("child_young_person", _l("A child or young person")),
            ("parent", _l("A parent")),
            ("carer", _l("A carer or guardian")),
            ("foster_carer", _l("A foster carer")),
            ("court", _l("Someone from a court")),
            (
                "partner_agency",
                _l("Someone from a school, the police, the NHS, Cafcass or elsewhere"),
            ),
        ],
        validators=[InputRequired(_l("Select who you are"))],
    )
    message = TextAreaField(
        _l("Your compliment"),
        widget=GovCharacterCount(),
        validators=[
            InputRequired(_l("Enter your compliment")),
            Length(max=TEXT_MAX, message=_l("Your compliment must be 5000 characters or fewer")),
        ],
    )
    share_with_worker = ChoiceField(
        _l("Can we share your compliment with the worker or team?"),
        choices=[("yes", _l("Yes")), ("no", _l("No, keep it to their managers"))],
        validators=[InputRequired(_l("Select whether we can share your compliment"))],
    )
    full_name = StringField(
        _l("Your name (optional)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=NAME_MAX)],
    )
    email = StringField(
        _l("Your email address (optional)"),
        description=_l("We will send you a short thank you."),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    params = {
        "message": {"maxlength": TEXT_MAX, "rows": 6},
        "worker_name": {"autocomplete": "off", "spellcheck": False},
        "full_name": {"autocomplete": "name", "spellcheck": False},
        "email": EMAIL_PARAMS,
    }

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if not (self.worker_name.data or self.team.data):
            yield "team", _l("Choose a team or enter the worker's name")


class FormFeedbackForm(QuestionForm):
    rating = ChoiceField(
        _l("Overall, how did you feel about filling in this form?"),
        choices=[
            ("5", _l("Very satisfied")),
            ("4", _l("Satisfied")),
            ("3", _l("Neither satisfied nor dissatisfied")),
            ("2", _l("Dissatisfied")),
            ("1", _l("Very dissatisfied")),
        ],
        validators=[InputRequired(_l("Select how you felt about the form"))],
    )
    comment = TextAreaField(
        _l("How could we make it better? (optional)"),
        description=_l("Do not include your name or anything about your complaint."),
        widget=GovCharacterCount(),
        validators=[
            Optional(),
            Length(max=1200, message=_l("This must be 1200 characters or fewer")),
        ],
    )
    params = {"comment": {"maxlength": 1200, "rows": 4}}


class AdvocacyChildForm(QuestionForm):
    title = _l("About the child")
    child_name = StringField(
        _l("Child's first name"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter the child's first name")), Length(max=NAME_MAX)],
    )
    child_age = IntegerField(
        _l("Child's age (if you know it)"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            NumberRange(min=0, max=25, message=_l("Enter an age from 0 to 25")),
        ],
    )
    child_knows = ChoiceField(
        _l("Does the child know you are asking for an advocate for them?"),
        choices=[("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("Not sure"))],
        validators=[InputRequired(_l("Select whether the child knows"))],
    )
    reason = TextAreaField(
        _l("What does the child need help with? (optional)"),
        widget=GovTextArea(),
        validators=[Optional(), Length(max=TEXT_MAX)],
    )
    params = {"child_age": {"classes": "govuk-input--width-3", "inputmode": "numeric"}}


class AdvocacyContactForm(QuestionForm):
    title = _l("Your contact details")
    full_name = StringField(
        _l("Your full name"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter your full name")), Length(max=NAME_MAX)],
    )
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=254),
            Email(_l("Enter an email address in the correct format, like name@example.com")),
        ],
    )
    phone = StringField(
        _l("Phone number"), widget=GovTextInput(), validators=[Optional(), Length(max=40)]
    )
    params = {
        "full_name": {"autocomplete": "name", "spellcheck": False},
        "email": EMAIL_PARAMS,
        "phone": {"autocomplete": "tel", "type": "tel", "classes": "govuk-input--width-20"},
    }

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if not (self.email.data or self.phone.data):
            yield "email", _l("Enter an email address or a phone number")
