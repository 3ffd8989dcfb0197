"""Every field a person types into has a server-side maximum, no longer than its column."""

import importlib
import re

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import Length, Regexp

import portal.models  # noqa: F401  (registers every table)
from portal.extensions import db

MODULES = ["public", "young", "tracker", "surveys", "advocates", "auth", "staff"]
#: Searched for, never stored: a reference typed with spaces may be longer than the column.
NOT_STORED = {"reference", "words", "again", "password", "confirm", "code"}


def typed_fields():
    for name in MODULES:
        module = importlib.import_module(f"portal.{name}.forms")
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, FlaskForm):
                for field_name, field in vars(form).items():
                    if isinstance(field, type) or not hasattr(field, "field_class"):
                        continue
                    if issubclass(field.field_class, StringField):  # text, text areas, hidden
                        yield f"{form.__name__}.{field_name}", field


def _checks(field):
    return field.kwargs.get("validators") or []


def _bounded(check) -> bool:
    if isinstance(check, Length):
        return check.max >= 0
    # A pattern anchored at both ends with no unbounded repeat has a length limit of its own.
    pattern = getattr(check, "regex", re.compile("")).pattern
    return (
        isinstance(check, Regexp)
        and pattern.startswith("^")
        and pattern.endswith("$")
        and (not re.search(r"[*+]|\{\d+,\}", pattern))
    )


def test_every_typed_field_has_a_maximum():
    unbounded = [name for name, field in typed_fields() if not any(map(_bounded, _checks(field)))]
    assert unbounded == []


def test_no_maximum_is_longer_than_the_column_of_the_same_name():
    columns: dict[str, int] = {}
    for table in db.metadata.tables.values():
        for column in table.columns:
            length = getattr(column.type, "length", None)
            if length:
                columns[column.name] = min(length, columns.get(column.name, length))
    too_long = [
        (name, check.max, columns[name.split(".")[1]])
        for name, field in typed_fields()
        for check in _checks(field)
        if isinstance(check, Length)
        and name.split(".")[1] in columns
        and name.split(".")[1] not in NOT_STORED
        and check.max > columns[name.split(".")[1]]
    ]
    assert too_long == []
