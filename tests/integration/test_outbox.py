"""The email outbox against a real SMTP server on loopback, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMessage, OutboxStatus
from portal.notify.outbox import CLAIM_LEASE, MAX_ATTEMPTS, claim_due, queue_email, send_due
from portal.notify.senders import FileSender, SmtpSender

from ..support.databases import app_config
from ..support.postgres import free_port

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def queue(session, count=1, **fields):
    """Queue ``count`` messages, due at ``NOW`` by the portal's clock."""
    current_app.config["FROZEN_NOW"] = NOW
    for number in range(count):
        queue_email(session, to=f"person{number}@example.org", subject=f"Subject {number}",
                    body="Hello", **fields)  # fmt: skip
    session.commit()


def test_flask_outbox_send_delivers_each_message_once(app, session, inbox):
    queue(session, 3)
    runner = app.test_cli_runner()
    assert "Sent 3 message(s)." in runner.invoke(args=["outbox", "send"]).output
    assert "Sent 0 message(s)." in runner.invoke(args=["outbox", "send"]).output
    assert sorted(message["To"] for message in inbox.messages) == [
        "person0@example.org", "person1@example.org", "person2@example.org"
    ]  # fmt: skip
    assert {m.status for m in session.scalars(select(OutboxMessage))} == {OutboxStatus.SENT}


def test_urgent_messages_go_first(session, inbox):
    queue(session, 2)
    queue_email(session, to="duty@example.org", subject="Urgent", body="x", priority=0)
    session.commit()
    first, *_ = claim_due(session, NOW + timedelta(days=1))
    assert first.to_address == "duty@example.org"


def test_a_dead_mail_server_means_retries_with_back_off_then_failure(session):
    queue(session)
    dead = SmtpSender("127.0.0.1", free_port(), "portal@example.org", timeout=2)
    clock = [NOW + timedelta(days=1)]
    assert send_due(session, dead, lambda: clock[0]) == 0
    message = session.scalars(select(OutboxMessage)).one()
    assert (message.attempts, message.status) == (1, OutboxStatus.PENDING)
    assert message.next_attempt_at == clock[0] + timedelta(minutes=1)
    assert "ConnectionRefusedError" in message.last_error
    for _ in range(MAX_ATTEMPTS - 1):
        clock[0] += timedelta(hours=2)
        send_due(session, dead, lambda: clock[0])
    assert (message.attempts, message.status) == (MAX_ATTEMPTS, OutboxStatus.FAILED)


def test_a_claimed_message_is_not_claimed_again_until_its_lease_ends(session):
    queue(session, 2)
    later = NOW + timedelta(days=1)
    first = claim_due(session, later)
    session.commit()
    assert len(first) == 2
    assert claim_due(session, later + timedelta(minutes=1)) == []
    # A worker that died after claiming: its messages go out once the lease has ended.
    assert len(claim_due(session, later + CLAIM_LEASE + timedelta(seconds=1))) == 2


def test_two_postgresql_workers_at_once_take_different_messages(postgresql_templates):
    # (SQLite lets one writer in at a time, so there the lease test above is the proof.)
    app = create_app(app_config(postgresql_templates.fresh()))
    with app.app_context():
        queue(db.session, 4)
        later = NOW + timedelta(days=1)
        with db.engine.connect() as other_connection:
            other = Session(other_connection)
            first = claim_due(db.session, later, limit=2)  # holds row locks, uncommitted
            second = claim_due(other, later, limit=4)
            assert {m.id for m in first}.isdisjoint(m.id for m in second)
            assert len(first) + len(second) == 4
            other.rollback()
            other.close()
        db.session.rollback()
        db.engine.dispose()


def test_development_mail_is_written_to_files(session, tmp_path):
    queue(session)
    sent = send_due(session, FileSender(tmp_path, "portal@example.org"), lambda: NOW + timedelta(1))
    assert sent == 1
    [path] = tmp_path.glob("*.eml")
    assert "Subject: Subject 0" in path.read_text()
