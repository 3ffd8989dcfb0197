"""Reporting periods: the council's year runs from 1 April to 31 March."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReportingYear:
    """The reporting year that starts on 1 April of ``first``: 2021 is 2021/22."""

    first: int

    @property
    def start(self) -> date:
        return date(self.first, 4, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 3, 31)

    @property
    def label(self) -> str:
        """As reports write it: ``2021/22``."""
        return f"{self.first}/{(self.first + 1) % 100:02d}"

    def contains(self, day: date) -> bool:
        """True when ``day`` falls within the year."""
        return self.start <= day <= self.end

    @classmethod
    def containing(cls, day: date) -> "ReportingYear":
        """The reporting year ``day`` falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)
