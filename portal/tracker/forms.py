"""The tracker's forms."""

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextArea, GovTextInput
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp

from ..forms import ChoiceField, QuestionForm

TEXT_MAX = 5000
REFERENCE_PARAMS = {
    "hint": {"text": _l("For example, SCT-7KD4-M9QP. It is on your confirmation page and emails.")},
    "classes": "govuk-input--width-20",
    "spellcheck": False,
    "autocomplete": "off",
}
WORDS_PARAMS = {"spellcheck": False, "autocomplete": "off", "autocapitalize": "none"}


def _reference() -> StringField:
    return StringField(
        _l("Your reference"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter your reference")), Length(max=40)],
    )


class SignInForm(QuestionForm):
    title = _l("See your updates")
    reference = _reference()
    words = StringField(
        _l("Your secret words"),
        description=_l("The 5 words you were given. Put a space between each word."),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter your secret words")), Length(max=200)],
    )
    params = {"reference": REFERENCE_PARAMS, "words": WORDS_PARAMS}


class LinkForm(QuestionForm):
    title = _l("Get a sign-in link by email")
    reference = _reference()
    params = {"reference": REFERENCE_PARAMS}


class PractiseForm(QuestionForm):
    title = _l("Practise your secret words")
    words = StringField(
        _l("Type your secret words"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Type your secret words")), Length(max=200)],
    )
    again = StringField(
        _l("Type them again"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Type your secret words again")), Length(max=200)],
    )
    params = {"words": WORDS_PARAMS, "again": WORDS_PARAMS}


class MessageForm(QuestionForm):
    body = TextAreaField(
        _l("Your message"),
        description=_l("Add more information, or reply to a message from us."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Write your message")), Length(max=TEXT_MAX)],
    )


class NextStageForm(QuestionForm):
    reasons = TextAreaField(
        _l("Why are you still not happy?"),
        description=_l("Tell us which parts of our answer you disagree with, and why."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Tell us why you are still not happy")),
                    Length(max=TEXT_MAX)],
    )  # fmt: skip


class MediationForm(QuestionForm):
    choice = ChoiceField(
        _l("Would you like to try mediation?"),
        choices=[
            ("accept", _l("Yes, I would like to try mediation")),
            ("decline", _l("No, go straight to stage 2")),
        ],
        validators=[InputRequired(_l("Choose yes or no"))],
    )


class WithdrawForm(QuestionForm):
    sure = ChoiceField(
        _l("Are you sure you want to withdraw your complaint?"),
        choices=[("yes", _l("Yes, withdraw it")), ("no", _l("No, keep it going"))],
        validators=[InputRequired(_l("Choose yes or no"))],
    )


class ContactForm(QuestionForm):
    title = _l("Your contact details")
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
    preferred_contact = ChoiceField(
        _l("How should we contact you?"),
        choices=[("email", _l("Email")), ("phone", _l("Phone")), ("post", _l("Post"))],
        validators=[InputRequired(_l("Choose how we should contact you"))],
    )
    params = {
        "email": {"autocomplete": "email", "spellcheck": False, "type": "email"},
        "phone": {"autocomplete": "tel", "type": "tel", "classes": "govuk-input--width-20"},
    }

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if self.preferred_contact.data == "email" and not self.email.data:
            yield "email", _l("Enter an email address, or choose another way to contact you")
        if self.preferred_contact.data == "phone" and not self.phone.data:
            yield "phone", _l("Enter a phone number, or choose another way to contact you")


class StopAdvocateForm(QuestionForm):
    #: A row id: digits only, few enough for any database's integer.
    advocate_id = HiddenField(validators=[InputRequired(), Regexp(r"^[0-9]{1,9}$")])
