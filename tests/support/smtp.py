"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

import asyncio
import email
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

from aiosmtpd.controller import Controller

from .postgres import free_port


class Inbox:
    """Messages the server has accepted, oldest first. Each takes ``delay`` seconds to
    accept, as on a busy server (other connections are served meanwhile)."""

    def __init__(self, delay: float = 0) -> None:
        self.messages: list[Message] = []
        self.delay = delay

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        self.messages.clear()


@contextmanager
def smtp_server(delay: float = 0) -> Iterator[tuple[Inbox, int]]:
    """Run the server on a free loopback port; yield its inbox and port."""
    inbox = Inbox(delay)
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
