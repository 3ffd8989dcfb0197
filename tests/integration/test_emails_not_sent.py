"""A dead mail server, as staff see it: emails the outbox gave up on are listed by case
(never by address or error text), the queue says so, and "Try again" sends them once."""

from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, OutboxMessage, OutboxStatus, Role
from portal.notify.outbox import MAX_ATTEMPTS, send_due
from portal.notify.senders import SmtpSender, error_kind

from ..support.postgres import free_port
from .conftest import NOW
from .test_casework import web_complaint
from .test_staff_access import sign_in

ADDRESS = "alex@example.org"  # the complainant's, in PARENT_FOR_CHILD
BANNER = "1 email could not be sent"


def fail_to_send(app, times):
    """Try to send everything due ``times`` times, an hour apart, to a port nobody answers."""
    dead = SmtpSender("127.0.0.1", free_port(), "portal@example.org", timeout=2)
    with app.app_context():
        for hour in range(1, times + 1):
            send_due(db.session, dead, lambda hour=hour: NOW + timedelta(hours=hour))
        return db.session.scalars(select(OutboxMessage)).one()


def signed_in(app, role):
    client = app.test_client()
    sign_in(client, role)
    return client


def test_an_email_given_up_on_is_shown_to_officers_and_sent_once_when_tried_again(staff_app, inbox):
    reference = web_complaint(staff_app)
    message = fail_to_send(staff_app, MAX_ATTEMPTS)
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert ADDRESS in message.to_address and "refused" in message.last_error

    officer = signed_in(staff_app, Role.COMPLAINTS_OFFICER)
    queue = officer.get("/staff/").get_data(as_text=True)
    assert BANNER in queue and 'href="/staff/emails"' in queue
    page = officer.get("/staff/emails").get_data(as_text=True)
    assert f">{reference}</a>" in page
    assert f"We have received your complaint: {reference}" in page
    assert "ConnectionRefusedError" in page
    for hidden in (ADDRESS, "refused", "Errno"):
        assert hidden not in page

    answer = officer.post(f"/staff/emails/{message.id}/try-again")
    assert (answer.status_code, answer.headers["Location"]) == (303, "/staff/emails")
    after = officer.get("/staff/emails").get_data(as_text=True)
    assert "The email will be sent again in the next few minutes" in after
    assert "No email has been given up on." in after
    assert BANNER not in officer.get("/staff/").get_data(as_text=True)
    with staff_app.app_context():
        again = db.session.get(OutboxMessage, message.id)
        assert (again.status, again.attempts, again.next_attempt_at) == (
            OutboxStatus.PENDING, 0, NOW
        )  # fmt: skip
        event = db.session.scalars(select(AuditEvent).filter_by(action="email.retried")).one()
        assert event.details == {"message_id": message.id}
        assert event.case_id == again.case_id and event.actor_id is not None

    # The mail server is back: the next run sends it, and the one after sends nothing.
    cli = staff_app.test_cli_runner()
    assert "Sent 1 message(s)." in cli.invoke(args=["outbox", "send"]).output
    assert "Sent 0 message(s)." in cli.invoke(args=["outbox", "send"]).output
    assert [received["To"] for received in inbox.messages] == [ADDRESS]

    # A second press (from a page left open) cannot send it twice.
    officer.post(f"/staff/emails/{message.id}/try-again")
    page = officer.get("/staff/emails").get_data(as_text=True)
    assert "That email is no longer waiting to be tried again" in page
    with staff_app.app_context():
        assert db.session.get(OutboxMessage, message.id).status is OutboxStatus.SENT
    assert "Sent 0 message(s)." in cli.invoke(args=["outbox", "send"]).output
    assert len(inbox.messages) == 1


def test_the_complaints_manager_sees_it_and_others_do_not(staff_app):
    web_complaint(staff_app)
    fail_to_send(staff_app, MAX_ATTEMPTS)
    manager = signed_in(staff_app, Role.COMPLAINTS_MANAGER)
    assert BANNER in manager.get("/staff/").get_data(as_text=True)
    for role in (Role.INVESTIGATING_MANAGER, Role.PARTICIPATION_OFFICER):
        client = signed_in(staff_app, role)
        assert BANNER not in client.get("/staff/").get_data(as_text=True)
        assert client.get("/staff/emails").status_code == 403
    viewer = signed_in(staff_app, Role.VIEWER)
    assert BANNER not in viewer.get("/staff/", follow_redirects=True).get_data(as_text=True)
    assert viewer.get("/staff/emails").status_code == 403


def test_an_email_still_being_tried_is_listed_without_a_banner_or_a_button(staff_app):
    reference = web_complaint(staff_app)
    message = fail_to_send(staff_app, 3)
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 3)
    officer = signed_in(staff_app, Role.COMPLAINTS_OFFICER)
    assert "could not be sent" not in officer.get("/staff/").get_data(as_text=True)
    page = officer.get("/staff/emails").get_data(as_text=True)
    assert "1 email still being tried" in page and f">{reference}</a>" in page
    assert "Try again" not in page and ADDRESS not in page
    # Only an email given up on can be put back: this one is left to the outbox.
    officer.post(f"/staff/emails/{message.id}/try-again")
    with staff_app.app_context():
        assert db.session.get(OutboxMessage, message.id).attempts == 3


def test_only_the_kind_of_failure_is_kept_for_show():
    assert error_kind("SMTPRecipientsRefused: {'alex@example.org': (550, b'No')}") == (
        "SMTPRecipientsRefused"
    )
    assert error_kind("alex@example.org said no") == ""
    assert error_kind(None) == ""
