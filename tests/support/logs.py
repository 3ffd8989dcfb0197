"""Everything logged while a block runs: the portal's own JSON lines exactly as written, and
every other logger's records, with the root logger at DEBUG."""

import io
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from portal.logs import json_handler


@dataclass
class CapturedLogs:
    """What was logged, as text to search and as the portal's parsed lines."""

    portal_stream: io.StringIO = field(default_factory=io.StringIO)
    others: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[dict]:
        """The portal's lines, each parsed (each must be one JSON object)."""
        return [json.loads(line) for line in self.portal_stream.getvalue().splitlines()]

    @property
    def text(self) -> str:
        """All of it, as an operator would read it."""
        return self.portal_stream.getvalue() + "\n".join(self.others)


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(level=logging.DEBUG)
        self.into = into
        # As a plain handler would print them, tracebacks with messages included.
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(f"{self.format(record)} {record.args!r}")


@contextmanager
def captured_logs() -> Iterator[CapturedLogs]:
    """Capture all logging in the block; the root logger is at DEBUG meanwhile."""
    captured = CapturedLogs()
    portal_handler = json_handler()
    root = logging.getLogger()
    collect = _Collect(captured.others)
    old_stream, old_level = portal_handler.setStream(captured.portal_stream), root.level
    root.addHandler(collect)
    root.setLevel(logging.DEBUG)
    try:
        yield captured
    finally:
        root.setLevel(old_level)
        root.removeHandler(collect)
        portal_handler.setStream(old_stream)
