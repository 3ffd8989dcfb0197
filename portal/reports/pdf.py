"""The annual report as a PDF a complaints manager can put before a board (WeasyPrint)."""

from typing import Any

from flask import render_template

from .charts import bars, largest

#: Counts from 1 to this are shown as "fewer than 5" in the publishable version.
SMALL_NUMBER = 4


def annual_pdf(report: dict[str, Any], commentary: list[str], publishable: bool) -> bytes:
    """The report as PDF: title page, contents, a section per table with its chart, page
    numbers; the publishable version hides small numbers about children."""
    html = render_template(
        "reports/annual_print.html", report=report, commentary=commentary,
        publishable=publishable, bars=bars, largest=largest, small=SMALL_NUMBER,
    )  # fmt: skip
    # Imported here, not at the top: WeasyPrint and its fonts take about 37 MB, which every
    # web worker would otherwise hold for a PDF asked for a few times a year.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
