"""One-question-per-page journeys: which questions apply, in what order, and their answers.

Answers live in a server-side draft as plain JSON, keyed by question; each question is a
form that can turn its fields into an answer and back, and describe them for the "check
your answers" page.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from flask_babel import format_date
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovDateInput, GovRadioInput
from wtforms import DateField, Field, HiddenField, SelectFieldBase, SubmitField

Answers = Mapping[str, Mapping[str, Any]]


class QuestionForm(FlaskForm):
    """A form for one question page."""

    #: Extra GOV.UK macro parameters per field name (hints, autocomplete, widths …).
    params: ClassVar[dict[str, dict[str, Any]]] = {}
    #: The page's heading when it asks more than one thing; a single question is its own.
    title: ClassVar[Any] = None

    def validate(self, extra_validators: Mapping[str, Any] | None = None) -> bool:
        """Check each field, then the rules between fields (which WTForms' per-field
        validators cannot see when an optional field is empty)."""
        valid = super().validate(extra_validators)
        for name, message in self.cross_checks():
            if not self._fields[name].errors:
                self._fields[name].errors.append(message)
            valid = False
        return valid

    def cross_checks(self) -> Iterable[tuple[str, str]]:
        """(field name, message) for each rule between fields that is broken."""
        return ()

    def question_fields(self) -> list[Field]:
        """The fields a person answers (not hidden fields, such as the CSRF token, or buttons)."""
        return [field for field in self if not isinstance(field, HiddenField | SubmitField)]

    def answer(self) -> dict[str, Any]:
        """The fields' values as JSON-safe data."""
        return {field.name: _to_json(field.data) for field in self.question_fields()}

    @classmethod
    def from_answer(cls, answer: Mapping[str, Any] | None) -> "QuestionForm":
        """A form filled in with an earlier answer (for GET requests)."""
        form = cls(formdata=None)
        for field in form.question_fields():
            if answer and field.name in answer:
                value = answer[field.name]
                field.data = (
                    date.fromisoformat(value) if isinstance(field, DateField) and value else value
                )
        return form

    def summary(self) -> list[tuple[str, str]]:
        """Each answered field as (question, answer) for the check-answers page."""
        rows = []
        for field in self.question_fields():
            shown = display(field)
            if shown:
                rows.append((str(field.label.text), shown))
        return rows

    def error_summary(self) -> list[dict[str, str]]:
        """The error summary's links, each to the first box of the field it is about."""
        return [
            {"text": str(field.errors[0]), "href": f"#{_first_input_id(field)}"}
            for field in self.question_fields()
            if field.errors
        ]

    def field_params(self, field: Field) -> dict[str, Any]:
        return self.params.get(field.name, {})

    def heading_params(self, field: Field) -> dict[str, Any]:
        """Parameters that make a page's only question its heading, as GOV.UK pages do."""
        text = field.label.text
        if isinstance(field.widget, _FIELDSET_WIDGETS):
            heading = {
                "fieldset": {
                    "legend": {
                        "text": text,
                        "isPageHeading": True,
                        "classes": "govuk-fieldset__legend--l",
                    }
                }
            }
        else:
            heading = {"label": {"text": text, "isPageHeading": True, "classes": "govuk-label--l"}}
        return {**self.field_params(field), **heading}

    def prepare(self, choices: Mapping[str, list[tuple[str, str]]]) -> None:
        """Give select fields their choices from the database (teams, say)."""
        for name, options in choices.items():
            if name in self._fields:
                self._fields[name].choices = options


_FIELDSET_WIDGETS = (GovRadioInput, GovCheckboxesInput, GovDateInput)


def _first_input_id(field: Field) -> str:
    return f"{field.id}-day" if isinstance(field.widget, GovDateInput) else field.id


def _to_json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def display(field: Field) -> str:
    """How an answer reads on the check-answers page."""
    value = field.data
    if value in (None, "", []):
        return ""
    if isinstance(field, SelectFieldBase):
        labels = {str(key): str(label) for key, label, *_ in field.iter_choices()}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values)
    if isinstance(value, date):
        return format_date(value, "d MMMM y")
    return str(value)


@dataclass(frozen=True)
class Question:
    """One page of a journey."""

    slug: str
    form: type[QuestionForm]
    #: Does this question apply, given the answers so far?
    applies: Callable[[Answers], bool] = lambda answers: True
    #: A page of its own, where the generic question page will not do.
    template: str = "public/question.html"


class Journey:
    """An ordered set of questions, some of which apply only after certain answers."""

    def __init__(self, name: str, questions: list[Question]) -> None:
        self.name = name
        self._questions = {question.slug: question for question in questions}

    def question(self, slug: str) -> Question | None:
        return self._questions.get(slug)

    def applicable(self, answers: Answers) -> list[Question]:
        """The questions that apply, in order."""
        return [question for question in self._questions.values() if question.applies(answers)]

    def first(self) -> Question:
        return next(iter(self._questions.values()))

    def next_slug(self, slug: str, answers: Answers, changing: bool) -> str | None:
        """Where to go after answering ``slug``: None means the check-answers page.

        When changing an answer, go straight back to the check page unless the new answer
        brought in a question not yet answered."""
        later = self._after(slug, answers)
        if changing:
            later = [question for question in later if question.slug not in answers]
        return later[0].slug if later else None

    def previous_slug(self, slug: str, answers: Answers) -> str | None:
        """The question before ``slug``, or None for the first."""
        slugs = [question.slug for question in self.applicable(answers)]
        index = slugs.index(slug) if slug in slugs else 0
        return slugs[index - 1] if index > 0 else None

    def unanswered(self, answers: Answers) -> Question | None:
        """The first question that applies and has no answer yet."""
        return next((q for q in self.applicable(answers) if q.slug not in answers), None)

    def _after(self, slug: str, answers: Answers) -> list[Question]:
        questions = self.applicable(answers)
        slugs = [question.slug for question in questions]
        return questions[slugs.index(slug) + 1 :] if slug in slugs else questions
