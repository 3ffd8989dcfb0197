"""The survey's pages: an experience question answered yes, not sure or no (with faces
for children), adults' comments, and the optional equality questions."""

from typing import ClassVar

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovTextArea
from wtforms import TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..forms import ChoiceField, QuestionForm
from ..procedure.surveys import EQUALITY, FACES, Answer, Question
from ..services.surveys import COMMENTS_MAX


def answer_form(question: Question, with_faces: bool) -> QuestionForm:
    """The form of one experience question."""

    class AnswerForm(QuestionForm):
        answer = ChoiceField(
            _l(question.text),
            description=_l(question.hint) if question.hint else None,
            choices=[(answer.value, _l(answer.title)) for answer in Answer],
            validators=[InputRequired(_l("Choose an answer"))],
        )
        pictures: ClassVar[dict[str, str]] = (
            {answer.value: picture for answer, picture in FACES.items()} if with_faces else {}
        )

    return AnswerForm()


class CommentsForm(QuestionForm):
    comments = TextAreaField(
        _l("Is there anything else you would like to tell us?"),
        description=_l("Please do not include names or details of your case."),
        widget=GovTextArea(),
        default="",  # left out of a post, it is empty, never None
        validators=[Optional(), Length(max=COMMENTS_MAX,
                                       message=_l("Use %(max)d characters or fewer",
                                                  max=COMMENTS_MAX))],
    )  # fmt: skip


class EqualityForm(QuestionForm):
    """The equality questions, all on one page and every one optional."""

    title = _l("About you")


for _question in EQUALITY:
    setattr(EqualityForm, _question.key, ChoiceField(
        _l(_question.text),
        choices=[(value, _l(label)) for value, label in _question.choices],
        validators=[Optional()],
    ))  # fmt: skip
