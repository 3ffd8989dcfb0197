"""The current time and date, in one place so that tests can move the clock."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

LONDON = ZoneInfo("Europe/London")


def now() -> datetime:
    """Now, timezone-aware UTC (``FROZEN_NOW`` in the config fixes it, for tests)."""
    frozen = current_app.config.get("FROZEN_NOW")
    return frozen if frozen is not None else datetime.now(UTC)


def today() -> date:
    """Today's date in England."""
    return now().astimezone(LONDON).date()
