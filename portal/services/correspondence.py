"""Letters to the person, messages between staff and the person, and internal notes."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Case, CaseMessage, Letter, LetterKind, MessageAuthor, Person, StaffUser
from ..notify.emails import queue_letter
from ..procedure.text import N_
from .casework import CaseworkError, record_change

_SUBJECTS = {
    LetterKind.ACKNOWLEDGEMENT: N_("Your complaint %(reference)s: we have received it"),
    LetterKind.RESPONSE: N_("Your complaint %(reference)s: our response"),
    LetterKind.NOT_ACCEPTED: N_("Your contact %(reference)s: our decision"),
}


def main_contact(session: Session, case: Case) -> Person | None:
    """The person letters go to: the complainant, or the child who raised it."""
    people = session.scalars(select(Person).where(Person.case_id == case.id).order_by(Person.id))
    return next(iter(people), None)


def send_letter(
    session: Session,
    case: Case,
    actor: StaffUser,
    kind: LetterKind,
    body: str,
    subject: str,
) -> Letter:
    """Keep the letter as sent, and email it when the person gave an email address
    (otherwise it is printed and posted)."""
    if not body.strip():
        raise CaseworkError(N_("Enter the letter"), "body")
    stage = case.stages[-1].number if case.stages else None
    contact = main_contact(session, case)
    letter = Letter(case_id=case.id, kind=kind, stage=stage, body=body, sent_by_id=actor.id)
    if contact is not None and contact.email and contact.preferred_contact != "post":
        queue_letter(session, case, contact.email, subject, body)
        letter.emailed = True
    session.add(letter)
    session.flush()
    record_change(session, case, actor, "letter.sent", letter_id=letter.id, kind=kind.value,
                  emailed=letter.emailed)  # fmt: skip
    return letter


def letter_subject(kind: LetterKind) -> str:
    """The English message id of a letter's email subject."""
    return _SUBJECTS[kind]


def add_message(
    session: Session, case: Case, actor: StaffUser, body: str, internal: bool
) -> CaseMessage:
    """Write to the person (they read it in the tracker), or add a staff-only note."""
    if not body.strip():
        raise CaseworkError(N_("Enter the note") if internal else N_("Enter the message"), "body")
    message = CaseMessage(
        case_id=case.id, author=MessageAuthor.STAFF, staff_id=actor.id, body=body,
        internal=internal,
    )  # fmt: skip
    session.add(message)
    session.flush()
    action = "note.added" if internal else "message.sent"
    record_change(session, case, actor, action, message_id=message.id)
    return message
