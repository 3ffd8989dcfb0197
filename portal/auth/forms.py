from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovTextInput
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length, Regexp

from ..forms import QuestionForm


class SignInForm(QuestionForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter your email address")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(_l("Enter your password")), Length(max=200)],
    )
    params = {
        "email": {"autocomplete": "username", "spellcheck": False, "type": "email"},
        "password": {"autocomplete": "current-password"},
    }


class CodeForm(QuestionForm):
    code = StringField(
        _l("Enter the code from your authenticator app"),
        description=_l("The 6-digit code the app shows now"),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter the 6-digit code from your authenticator app")),
            Length(max=20, message=_l("Enter the code as 6 digits")),
            Regexp(r"^\s*\d{3}\s*\d{3}\s*$", message=_l("Enter the code as 6 digits")),
        ],
    )
    params = {
        "code": {
            "autocomplete": "one-time-code",
            "inputmode": "numeric",
            "classes": "govuk-input--width-5",
            "spellcheck": False,
        }
    }


class NewPasswordForm(QuestionForm):
    title = _l("Choose your password")
    password = PasswordField(
        _l("New password"),
        description=_l("At least 12 characters. A few words you will remember work well."),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(_l("Enter a new password")),
            Length(min=12, max=200, message=_l("Enter a password of 12 characters or more")),
        ],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(_l("Type the password again")),
            Length(max=200, message=_l("The two passwords are different. Type them again.")),
        ],
    )
    params = {
        "password": {"autocomplete": "new-password"},
        "confirm": {"autocomplete": "new-password"},
    }

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        if self.password.data and self.confirm.data and self.password.data != self.confirm.data:
            yield "confirm", _l("The two passwords are different. Type them again.")


class ForgotPasswordForm(QuestionForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter your email address")), Length(max=254)],
    )
    params = {"email": {"autocomplete": "username", "spellcheck": False, "type": "email"}}
