from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSelect
from wtforms import BooleanField, SelectField
from wtforms.validators import Optional

from ..procedure.taxonomy import Procedure


class QueueFilterForm(FlaskForm):
    """The queue's filters; they live in the URL so a view can be shared."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    procedure = SelectField(
        _l("Procedure"),
        choices=[("", _l("Any"))] + [(p.value, _l(p.title)) for p in Procedure],
        widget=GovSelect(),
        validators=[Optional()],
    )
    stage = SelectField(
        _l("Stage"),
        choices=[("", _l("Any")), ("1", "1"), ("2", "2"), ("3", "3")],
        widget=GovSelect(),
        validators=[Optional()],
    )
    team = SelectField(_l("Team"), widget=GovSelect(), validators=[Optional()])
    overdue = BooleanField(_l("Overdue only"), widget=GovCheckboxInput())
