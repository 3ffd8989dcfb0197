"""Server-drawn bar charts: each bar's length worked out here, the SVG in a template."""

from collections.abc import Mapping
from dataclasses import dataclass

#: The longest bar, in the chart's own units.
BAR_SPACE = 320


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    length: int


def bars(table: Mapping[str, int]) -> list[Bar]:
    """One bar per label, scaled to the largest value (a chart of zeros has no length)."""
    top = max(table.values(), default=0)
    return [
        Bar(label, value, round(value * BAR_SPACE / top) if top else 0)
        for label, value in table.items()
    ]


def largest(table: Mapping[str, int]) -> tuple[str, int] | None:
    """The label with the largest value, for the chart's text alternative."""
    if not table or not any(table.values()):
        return None
    return max(table.items(), key=lambda item: item[1])
