"""The email outbox against a real SMTP server on loopback, on SQLite and PostgreSQL."""

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from portal import create_app
from portal.extensions import db
from portal.models import OutboxMessage, OutboxStatus
from portal.notify.outbox import CLAIM_LEASE, MAX_ATTEMPTS, claim_due, queue_email, send_due
from portal.notify.senders import FileSender, OutgoingEmail, SmtpSender

from ..support.databases import app_config
from ..support.postgres import free_port
from ..support.server import ROOT

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


def claimed_at(message_id, within=60.0):
    """Wait for another process to claim the message and commit; return when it did."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        claimed = db.session.get(OutboxMessage, message_id).claimed_at
        # End the read before waiting: it sees what others committed since, and on SQLite
        # it lets go of the lock the worker needs to make its claim.
        db.session.rollback()
        if claimed is not None:
            return claimed
        time.sleep(0.1)
    raise AssertionError("the worker never claimed the message")


def test_a_worker_killed_mid_send_leaves_its_message_to_be_sent_once_after_restart(app, inbox):
    # The change and its email commit together; then the real `flask outbox send`, in a
    # process of its own, claims the email and is killed (-9) while the mail server has
    # not yet answered: the crash falls between the commit and the send.
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
        app.config["FROZEN_NOW"] = None  # the worker keeps real time, so the test does too
        message = queue_email(db.session, to="alex@example.org", subject="Received", body="x")
        db.session.commit()
        with socket.socket() as silent:  # accepts the connection, never says hello
            silent.bind(("127.0.0.1", 0))
            silent.listen()
            worker = subprocess.Popen(
                [sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "send"],
                cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, env={
                    **os.environ, "PORTAL_DATABASE_URL": url, "PORTAL_MAIL_BACKEND": "smtp",
                    "PORTAL_SMTP_HOST": "127.0.0.1",
                    "PORTAL_SMTP_PORT": str(silent.getsockname()[1]),
                },
            )  # fmt: skip
            try:
                claimed = claimed_at(message.id)
            finally:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
        assert message.status is OutboxStatus.PENDING and inbox.messages == []
        db.session.remove()

    restarted = create_app(app_config(url))
    with restarted.app_context():
        runner = restarted.test_cli_runner()
        # Within the lease the claim stands, as it must for a worker that is only slow.
        restarted.config["FROZEN_NOW"] = claimed + CLAIM_LEASE - timedelta(seconds=1)
        assert "Sent 0 message(s)." in runner.invoke(args=["outbox", "send"]).output
        restarted.config["FROZEN_NOW"] = claimed + CLAIM_LEASE + timedelta(seconds=1)
        assert "Sent 1 message(s)." in runner.invoke(args=["outbox", "send"]).output
        assert "Sent 0 message(s)." in runner.invoke(args=["outbox", "send"]).output
        [received] = inbox.messages
        assert received["To"] == "alex@example.org"
        assert db.session.get(OutboxMessage, message.id).status is OutboxStatus.SENT
        db.engine.dispose()


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


class WritesWhileSending:
    """A slow mail server stand-in: while it "sends", the web writes to the database
    through its own connection, giving up on a lock after a fifth of a second."""

    def __init__(self, engine) -> None:
        self.engine, self.sent = engine, []

    def send(self, message: OutgoingEmail) -> None:
        with self.engine.begin() as web:
            if web.dialect.name == "sqlite":
                web.exec_driver_sql("PRAGMA busy_timeout = 200")
            web.execute(update(OutboxMessage).values(last_error=None))
        self.sent.append(message.to_address)


def test_the_worker_holds_no_lock_while_the_mail_server_works(session):
    queue(session, 2)
    sender = WritesWhileSending(db.engine)
    assert send_due(session, sender, lambda: NOW + timedelta(days=1)) == 2
    assert sender.sent == ["person0@example.org", "person1@example.org"]


def test_development_mail_is_written_to_files(session, tmp_path):
    queue(session)
    sent = send_due(session, FileSender(tmp_path, "portal@example.org"), lambda: NOW + timedelta(1))
    assert sent == 1
    [path] = tmp_path.glob("*.eml")
    assert "Subject: Subject 0" in path.read_text()
