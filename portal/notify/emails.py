"""The emails the portal sends, written in the person's language from templates/emails/."""

from datetime import date

from flask import current_app, render_template
from flask_babel import force_locale, format_date, gettext
from sqlalchemy.orm import Session

from ..models import Case, OutboxMessage
from .outbox import queue_email


def queue_complaint_received(
    session: Session, case: Case, to: str, acknowledge_by: date
) -> OutboxMessage:
    """Tell a complainant their complaint arrived: the reference and when we will be in
    touch. Never the secret words, nor anything the complaint says."""
    with force_locale(case.language):
        subject = gettext(
            "We have received your complaint: %(reference)s", reference=case.reference
        )
        body = render_template(
            "emails/complaint_received.txt",
            reference=case.reference,
            acknowledge_by=format_date(acknowledge_by, "EEEE d MMMM"),
            config=current_app.config,
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_compliment_received(session: Session, case: Case, to: str) -> OutboxMessage:
    """Thank someone for a compliment."""
    with force_locale(case.language):
        subject = gettext("Thank you for your compliment: %(reference)s", reference=case.reference)
        body = render_template(
            "emails/compliment_received.txt", reference=case.reference, config=current_app.config
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)
