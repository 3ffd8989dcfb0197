"""GOV.UK Frontend widgets with their fixed English words translated."""

from typing import Any

from flask_babel import gettext
from govuk_frontend_wtf.wtforms_widgets import GovDateInput
from wtforms import Field

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
