"""Where email goes: files under instance/ in development, an SMTP server otherwise."""

import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from ..models import OutboxMessage


class DeliveryError(Exception):
    """The message could not be handed over; it will be tried again. Its text starts with
    the name of the underlying exception, then a colon (see ``error_kind``)."""


def error_kind(last_error: str | None) -> str:
    """The kind of failure a stored error names (``ConnectionRefusedError``), without the
    rest of its text, which can quote an address; empty if it names none."""
    kind = (last_error or "").split(":", 1)[0]
    return kind if kind.isidentifier() else ""


@dataclass(frozen=True)
class OutgoingEmail:
    """What a sender needs of an outbox row, read before sending, so a worker talks to
    the mail server outside any database transaction."""

    id: int
    created_at: datetime
    to_address: str
    subject: str
    body_text: str

    @classmethod
    def of(cls, message: OutboxMessage) -> "OutgoingEmail":
        return cls(message.id, message.created_at, message.to_address, message.subject,
                   message.body_text)  # fmt: skip


class Sender(Protocol):
    def send(self, message: OutgoingEmail) -> None: ...


def build_email(message: OutgoingEmail, sender_address: str) -> EmailMessage:
    """The MIME message for an outbox row; its Message-ID is stable across retries."""
    email = EmailMessage()
    email["From"] = sender_address
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = message_id(message, sender_address)
    email.set_content(message.body_text)
    return email


def message_id(message: OutgoingEmail, sender_address: str) -> str:
    """The same for every try of one outbox row, so a mail server or mail program that
    receives it twice (a worker stopped between sending and recording it sent) can tell;
    the row's id and time make it unique, and the sender's domain makes it ours."""
    domain = sender_address.rpartition("@")[2] or "localhost"
    return f"<outbox-{message.id}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"


class FileSender:
    """Writes each message to ``folder`` as an .eml file (development)."""

    def __init__(self, folder: Path, sender_address: str) -> None:
        self._folder = folder
        self._from = sender_address

    def send(self, message: OutgoingEmail) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        path = self._folder / f"{message.id:08d}.eml"
        path.write_bytes(bytes(build_email(message, self._from)))


class SmtpSender:
    """Hands each message to an SMTP server."""

    def __init__(self, host: str, port: int, sender_address: str, timeout: float = 30) -> None:
        self._host, self._port, self._from, self._timeout = host, port, sender_address, timeout

    def send(self, message: OutgoingEmail) -> None:
        try:
            with smtplib.SMTP(self._host, self._port, timeout=self._timeout) as smtp:
                smtp.send_message(build_email(message, self._from))
        except (OSError, smtplib.SMTPException) as error:
            raise DeliveryError(f"{type(error).__name__}: {error}") from error


def make_sender(config: dict, instance_path: str) -> Sender:
    """The sender the configuration asks for (``MAIL_BACKEND``: "file" or "smtp")."""
    if config["MAIL_BACKEND"] == "smtp":
        return SmtpSender(config["SMTP_HOST"], int(config["SMTP_PORT"]), config["MAIL_FROM"])
    return FileSender(Path(instance_path) / "mail", config["MAIL_FROM"])
