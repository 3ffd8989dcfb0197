"""An outbox email's Message-ID: the same on every try, different for every row."""

from datetime import UTC, datetime

from portal.models import OutboxMessage
from portal.notify.senders import build_email


def row(number: int, created_at: datetime) -> OutboxMessage:
    return OutboxMessage(id=number, created_at=created_at, to_address="person@example.org",
                         subject="Your complaint", body_text="We have it.")  # fmt: skip


def test_every_try_of_one_email_carries_the_same_message_id():
    made = datetime(2026, 11, 30, 9, 15, 2, tzinfo=UTC)
    first = build_email(row(7, made), "complaints@council.example.gov.uk")["Message-ID"]
    again = build_email(row(7, made), "complaints@council.example.gov.uk")["Message-ID"]
    assert first == again == "<outbox-7.20261130091502@council.example.gov.uk>"


def test_other_emails_carry_other_message_ids():
    made = datetime(2026, 11, 30, 9, 15, 2, tzinfo=UTC)
    ids = {
        build_email(row(7, made), "complaints@council.example.gov.uk")["Message-ID"],
        build_email(row(8, made), "complaints@council.example.gov.uk")["Message-ID"],
        # The same id again after a restore from backup, made at another time
        build_email(row(7, made.replace(hour=10)), "complaints@council.example.gov.uk")[
            "Message-ID"
        ],
    }
    assert len(ids) == 3
