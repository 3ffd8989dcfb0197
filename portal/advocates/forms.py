"""What an advocate writes for the child."""

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextArea
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length

from ..forms import QuestionForm

TEXT_MAX = 5000


class MessageForm(QuestionForm):
    body = TextAreaField(
        _l("Your message to the complaints team"),
        description=_l("The child's family will not see this unless the team shares it."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Write your message")), Length(max=TEXT_MAX)],
    )


class NextStageForm(QuestionForm):
    reasons = TextAreaField(
        _l("Why is the child still not happy?"),
        description=_l("In the child's words where you can."),
        widget=GovTextArea(),
        validators=[InputRequired(_l("Tell us why the child is still not happy")),
                    Length(max=TEXT_MAX)],
    )  # fmt: skip
