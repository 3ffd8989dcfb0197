"""The children's questions, in two registers. For 7 to 11: very short everyday words,
pictures with every choice, nothing that must be typed. For 12 and over: plain, direct
words, short pages."""

from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovSelect,
    GovTextArea,
    GovTextInput,
)
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Email, InputRequired, Length, Optional

from ..forms import ChoiceField, QuestionForm
from ..procedure.children import Better, Feeling, Topic

TEXT_MAX = 3000


class ChildForm(QuestionForm):
    """A children's question page: each choice can have a picture."""

    #: Picture (under static/images/young/) for each choice value.
    pictures: ClassVar[dict[str, str]] = {}


def _more(label: Any) -> TextAreaField:
    return TextAreaField(label, widget=GovTextArea(),
                         validators=[Optional(), Length(max=TEXT_MAX)])  # fmt: skip


# --- 7 to 11 --------------------------------------------------------------------------

FEELINGS_CHILD = [
    (Feeling.HAPPY.value, _l("Happy")),
    (Feeling.OKAY.value, _l("OK")),
    (Feeling.SAD.value, _l("Sad")),
    (Feeling.WORRIED.value, _l("Worried")),
    (Feeling.ANGRY.value, _l("Cross")),
    (Feeling.NOT_SAFE.value, _l("I don't feel safe")),
]
FACES = {feeling.value: f"face-{feeling.value}.svg" for feeling in Feeling}


class ChildFeelingForm(ChildForm):
    feeling = ChoiceField(
        _l("How do you feel?"),
        description=_l("Pick the face that fits."),
        choices=FEELINGS_CHILD,
        validators=[InputRequired(_l("Pick a face"))],
    )
    pictures = FACES


class ChildAboutForm(ChildForm):
    topics = SelectMultipleField(
        _l("What is it about?"),
        description=_l("Pick all that fit."),
        choices=[
            (Topic.WORKER.value, _l("My social worker")),
            (Topic.HOME.value, _l("Where I live")),
            (Topic.FAMILY.value, _l("Seeing my family")),
            (Topic.LISTENED.value, _l("No one listens to me")),
            (Topic.SCHOOL.value, _l("School")),
            (Topic.OTHER.value, _l("Something else")),
        ],
        widget=GovCheckboxesInput(),
        validators=[InputRequired(_l("Pick at least one"))],
    )
    told_more = _more(_l("Tell us more if you want to"))
    pictures = {topic.value: f"topic-{topic.value}.svg" for topic in Topic}


class ChildBetterForm(ChildForm):
    better = SelectMultipleField(
        _l("What would help?"),
        description=_l("Pick all that fit."),
        choices=[
            (Better.LISTEN.value, _l("Someone to listen to me")),
            (Better.SORRY.value, _l("Someone to say sorry")),
            (Better.CHANGE_WORKER.value, _l("A new social worker")),
            (Better.MORE_FAMILY.value, _l("More time with my family")),
            (Better.KEEP_PROMISES.value, _l("People to do what they said")),
            (Better.OTHER.value, _l("Something else")),
        ],
        widget=GovCheckboxesInput(),
        validators=[InputRequired(_l("Pick at least one"))],
    )
    better_more = _more(_l("Tell us more if you want to"))
    pictures = {item.value: f"better-{item.value}.svg" for item in Better}


class ChildSafeForm(ChildForm):
    """Shown straight after a child picks "I don't feel safe"."""

    title = _l("Thank you for telling us")
    ready = ChoiceField(
        _l("Can we call you or a grown-up you trust today?"),
        choices=[("yes", _l("Yes")), ("not_now", _l("Not right now"))],
        validators=[InputRequired(_l("Pick yes or not right now"))],
    )


class ChildContactForm(ChildForm):
    title = _l("How can we talk to you?")
    name = StringField(_l("Your first name (if you want)"), widget=GovTextInput(),
                       validators=[Optional(), Length(max=100)])  # fmt: skip
    phone = StringField(_l("A phone number (a grown-up's is fine)"), widget=GovTextInput(),
                        validators=[Optional(), Length(max=40)])  # fmt: skip
    email = StringField(
        _l("An email (if you have one)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=254), Email(_l("Check the email. It needs an @."))],
    )
    safe_times = StringField(_l("When is a good time? (if you want)"), widget=GovTextInput(),
                             validators=[Optional(), Length(max=200)])  # fmt: skip
    params: ClassVar[dict[str, dict[str, Any]]] = {
        "name": {"autocomplete": "given-name", "spellcheck": False},
        "phone": {"autocomplete": "tel", "type": "tel", "classes": "govuk-input--width-20"},
        "email": {"autocomplete": "email", "type": "email", "spellcheck": False},
    }


class ChildWorkerForm(ChildForm):
    worker_may_know = ChoiceField(
        _l("Can your social worker know you told us?"),
        choices=[("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("I'm not sure"))],
        validators=[InputRequired(_l("Pick one"))],
    )


class ChildThanksForm(ChildForm):
    title = _l("Say thank you")
    team = SelectField(_l("Who do you want to thank?"), widget=GovSelect(),
                       validators=[Optional()])  # fmt: skip
    told_more = _more(_l("What did they do? (if you want to say)"))


# --- 12 and over ------------------------------------------------------------------------

FEELINGS_TEEN = [
    (Feeling.HAPPY.value, _l("Good")),
    (Feeling.OKAY.value, _l("OK")),
    (Feeling.SAD.value, _l("Low or sad")),
    (Feeling.WORRIED.value, _l("Worried")),
    (Feeling.ANGRY.value, _l("Angry or frustrated")),
    (Feeling.NOT_SAFE.value, _l("I don't feel safe")),
]


class TeenFeelingForm(ChildForm):
    feeling = ChoiceField(
        _l("How are you feeling about things at the moment?"),
        choices=FEELINGS_TEEN,
        validators=[InputRequired(_l("Choose how you are feeling"))],
    )
    pictures = FACES


class TeenWhatForm(ChildForm):
    topics = SelectMultipleField(
        _l("What's it about?"),
        description=_l("Select all that apply."),
        choices=[(topic.value, _l(topic.title)) for topic in Topic],
        widget=GovCheckboxesInput(),
        validators=[InputRequired(_l("Select at least one"))],
    )
    told_more = _more(_l("What happened? (optional)"))


class TeenBetterForm(ChildForm):
    better = SelectMultipleField(
        _l("What would make it better?"),
        description=_l("Select all that apply."),
        choices=[(item.value, _l(item.title)) for item in Better],
        widget=GovCheckboxesInput(),
        validators=[InputRequired(_l("Select at least one"))],
    )
    better_more = _more(_l("Anything else? (optional)"))


class TeenContactForm(ChildContactForm):
    title = _l("How should we contact you?")
    name = StringField(_l("Your name (optional)"), widget=GovTextInput(),
                       validators=[Optional(), Length(max=100)])  # fmt: skip
    phone = StringField(_l("Phone number (optional)"), widget=GovTextInput(),
                        validators=[Optional(), Length(max=40)])  # fmt: skip
    email = StringField(
        _l("Email address (optional)"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=254),
                    Email(_l("Enter an email address like name@example.com"))],
    )  # fmt: skip
    safe_times = StringField(_l("When is it safe to contact you? (optional)"),
                             widget=GovTextInput(),
                             validators=[Optional(), Length(max=200)])  # fmt: skip


class TeenWorkerForm(ChildForm):
    worker_may_know = ChoiceField(
        _l("Can we tell your social worker you've been in touch?"),
        choices=[("yes", _l("Yes")), ("no", _l("No")), ("not_sure", _l("Not sure yet"))],
        validators=[InputRequired(_l("Choose an answer"))],
    )


class TeenThanksForm(ChildForm):
    title = _l("Say thank you")
    team = SelectField(_l("Who would you like to thank?"), widget=GovSelect(),
                       validators=[Optional()])  # fmt: skip
    told_more = _more(_l("What did they do well? (optional)"))


class CardForm(QuestionForm):
    email = StringField(
        _l("A grown-up's email"),
        description=_l("We will send them your card to keep safe for you."),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Type their email")), Length(max=254),
                    Email(_l("Check the email. It needs an @."))],
    )  # fmt: skip
    params: ClassVar[dict[str, dict[str, Any]]] = {
        "email": {"type": "email", "autocomplete": "off", "spellcheck": False}
    }
