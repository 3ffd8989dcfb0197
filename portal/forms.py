"""Form parts every audience shares: a page's question form, dates typed as three boxes,
and radios, all rendered with GOV.UK Frontend and its fixed words translated."""

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, ClassVar

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovDateInput, GovRadioInput
from wtforms import (
    DateField,
    Field,
    HiddenField,
    RadioField,
    SelectFieldBase,
    SubmitField,
    ValidationError,
)

DATE_PARTS = ("day", "month", "year")


class DateInput(GovDateInput):
    """Day, month and year boxes, labelled in the page's language."""

    def map_gov_params(self, field: Field, **kwargs: Any) -> dict[str, Any]:
        if field.raw_data is not None and len(field.raw_data) != len(DATE_PARTS):
            field.raw_data = [""] * len(DATE_PARTS)  # a tampered or partial post
        params = super().map_gov_params(field, **kwargs)
        labels = [gettext("Day"), gettext("Month"), gettext("Year")]
        autocomplete = ["bday-day", "bday-month", "bday-year"]
        for item, label, hint in zip(params["items"], labels, autocomplete, strict=True):
            item["label"] = label
            if getattr(field, "is_birthday", False):
                item["autocomplete"] = hint
        return params


def _without_nul(value: Any) -> Any:
    """The value with any NUL characters taken out: no one types them, and PostgreSQL
    refuses them in text."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value


class PortalForm(FlaskForm):
    """The base of every form: each field's input is cleaned of NUL characters."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
            filters = [*unbound_field.kwargs.get("filters", ()), _without_nul]
            return unbound_field.bind(form=form, **{**options, "filters": filters})


class QuestionForm(PortalForm):
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

    def prepare(self, choices: Mapping[str, Callable[[], list[tuple[str, str]]]]) -> None:
        """Give select fields their choices from the database (teams, say), loading only
        those of the fields this form has."""
        for name, load in choices.items():
            if name in self._fields:
                self._fields[name].choices = load()


_FIELDSET_WIDGETS = (GovRadioInput, GovCheckboxesInput, GovDateInput)


class ConfirmForm(QuestionForm):
    """A button with nothing to fill in (its CSRF token is all it carries)."""


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


def in_the_past(form: Any, field: Field) -> None:
    if field.data and field.data > date.today():
        raise ValidationError(_l("The date must be today or in the past"))


class DayMonthYearField(DateField):
    """A date typed as day, month and year boxes, with GOV.UK's messages."""

    widget = DateInput()

    def __init__(self, label: Any = None, validators: Any = None, **kwargs: Any) -> None:
        super().__init__(label, validators, format="%d %m %Y", **kwargs)

    def process_formdata(self, valuelist: list[str]) -> None:
        if not any(part.strip() for part in valuelist):
            self.data = None
            return
        try:
            super().process_formdata([" ".join(part.strip() for part in valuelist)])
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a real date, for example 27 3 2014")) from None


class ChoiceField(RadioField):
    """Radios whose stored value is always a string."""

    widget = GovRadioInput()
