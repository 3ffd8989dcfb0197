"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

import email
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

from aiosmtpd.controller import Controller

from .postgres import free_port


class Inbox:
    """Messages the server has accepted, oldest first."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def clear(self) -> None:
        self.messages.clear()


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """Run the server on a free loopback port; yield its inbox and port."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
