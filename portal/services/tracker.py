"""Getting back to a case without an account, and what the person can do there.

Sign-in by reference and secret words goes through the tracker's door (services.throttle):
after 10 failures in an hour for a reference (or 50 from one network address) even the
right words are refused until the hour has passed. An unknown reference costs the same
scrypt work as a wrong secret, and gets the same answer.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload

from ..models import (
    ActorKind,
    Case,
    CaseMessage,
    MessageAuthor,
    Person,
    StaffUser,
    TrackerCredential,
    TrackerLink,
    TrackerSession,
)
from ..notify.emails import queue_tracker_link
from ..procedure.deadlines import Timescales, escalation_deadline
from ..procedure.stages import Step
from ..procedure.taxonomy import MediationResult
from ..procedure.text import N_
from .audit import record_event
from .casework import CaseworkError
from .correspondence import main_contact
from .credentials import (
    HASH_SCHEME,
    WORD_COUNT,
    hash_secret_words,
    secret_words_match,
    word_list,
)
from .stages import next_stage, record_mediation_result, withdraw
from .throttle import Throttle, attempt, knock
from .tokens import new_token, token_hash

LINK_LIFETIME = timedelta(days=7)
#: However active the person is, a tracker session ends this long after it began.
SESSION_LIFETIME = timedelta(hours=2)
#: Hashed instead of a real credential when the reference is unknown, so both take as long.
_NO_SUCH_CASE = f"{HASH_SCHEME}${'0' * 32}${'0' * 64}"


def normal_reference(typed: str) -> str:
    """A reference as typed, in its stored form (no spaces, upper case)."""
    return "".join(typed.split()).upper()


def stored_words_hash(session: Session, reference: str) -> str | None:
    """The hash of the secret words of the case with this reference, if there is one."""
    return session.scalar(
        select(TrackerCredential.secret_hash)
        .join(Case, Case.id == TrackerCredential.case_id)
        .where(Case.reference == normal_reference(reference))
    )


def sign_in_with_words(
    session: Session,
    reference: str,
    words: str,
    stored: str | None,
    throttle: Throttle,
    pepper: bytes,
    now: datetime,
) -> Case | None:
    """The case these words open, or None: wrong words, unknown reference and too many
    recent failures all look the same from outside.

    ``stored`` is ``stored_words_hash`` read in a transaction already ended: the words are
    hashed before this function's first query, because on SQLite the transaction that
    counts the attempt holds the one write lock, and scrypt's time inside it would keep
    every other sign-in and submission waiting."""
    reference = normal_reference(reference)
    matched = secret_words_match(stored or _NO_SUCH_CASE, pepper, reference, words)
    case = session.scalar(select(Case).where(Case.reference == reference))
    credential = session.get(TrackerCredential, case.id) if case else None
    # Words the team reissued since ``stored`` was read have replaced the ones checked.
    right = matched and credential is not None and credential.secret_hash == stored
    if not attempt(session, throttle, right, now):
        return None
    record_event(session, "tracker.signed_in", actor_kind=ActorKind.PUBLIC, case_id=case.id)
    session.flush()
    return case


def send_sign_in_link(session: Session, reference: str, throttle: Throttle, now: datetime) -> None:
    """Email a sign-in link to the address on the case, if it has one; say nothing."""
    may_send = knock(session, throttle, now)
    case = session.scalar(select(Case).where(Case.reference == normal_reference(reference)))
    contact = main_contact(session, case) if case else None
    if contact is None or not contact.email or not may_send:
        session.flush()
        return
    token = new_token()
    session.add(TrackerLink(case_id=case.id, token_hash=token_hash(token),
                            expires_at=now + LINK_LIFETIME))  # fmt: skip
    queue_tracker_link(session, case, contact.email, token)
    record_event(session, "tracker.link_sent", actor_kind=ActorKind.PUBLIC, case_id=case.id)
    session.flush()


def _usable_link(session: Session, token: str, now: datetime) -> TrackerLink | None:
    link = session.scalar(select(TrackerLink).where(TrackerLink.token_hash == token_hash(token)))
    if link is None or link.used_at is not None or link.expires_at <= now:
        return None
    return link


def sign_in_link_works(session: Session, token: str, now: datetime) -> bool:
    """True while a sign-in link can still be used; looking changes nothing."""
    return _usable_link(session, token, now) is not None


def use_sign_in_link(session: Session, token: str, now: datetime) -> Case | None:
    """The case a sign-in link opens (once, within 7 days), or None."""
    link = _usable_link(session, token, now)
    if link is None:
        return None
    link.used_at = now
    record_event(session, "tracker.link_used", actor_kind=ActorKind.PUBLIC, case_id=link.case_id)
    session.flush()
    return session.get(Case, link.case_id)


def start_session(session: Session, case: Case, now: datetime) -> str:
    """Begin a tracker session for the case; the returned key goes in the browser's cookie,
    and only its hash is kept. Sessions past their lifetime are cleared out on the way."""
    session.execute(delete(TrackerSession).where(TrackerSession.started_at
                                                 <= now - SESSION_LIFETIME))  # fmt: skip
    key = new_token()
    session.add(TrackerSession(case_id=case.id, key_hash=token_hash(key), started_at=now))
    session.flush()
    return key


def session_case(session: Session, key: str, now: datetime) -> Case | None:
    """The case of a tracker session that has not been ended and is within its lifetime."""
    return session.scalar(
        select(Case)
        .join(TrackerSession, TrackerSession.case_id == Case.id)
        # The updates page, where a sign-in lands, reads both to say where the case is.
        .options(joinedload(Case.mediation), joinedload(Case.ombudsman))
        .where(
            TrackerSession.key_hash == token_hash(key),
            TrackerSession.ended_at.is_(None),
            TrackerSession.started_at > now - SESSION_LIFETIME,
        )
    )


def end_session(session: Session, key: str, now: datetime) -> None:
    """Sign out: the session's cookie, and any copy of it, no longer opens the case."""
    session.execute(update(TrackerSession).where(TrackerSession.key_hash == token_hash(key),
                                                 TrackerSession.ended_at.is_(None))
                    .values(ended_at=now))  # fmt: skip
    session.flush()


def _end_every_session(session: Session, case: Case, now: datetime) -> None:
    session.execute(update(TrackerSession).where(TrackerSession.case_id == case.id,
                                                 TrackerSession.ended_at.is_(None))
                    .values(ended_at=now))  # fmt: skip


def issue_new_words(
    session: Session, case: Case, actor: StaffUser, pepper: bytes, now: datetime
) -> list[str]:
    """New secret words for a person whose identity the team has checked; shown once. Anyone
    signed in with the old words is signed out."""
    _end_every_session(session, case, now)
    words = [secrets.choice(word_list()) for _ in range(WORD_COUNT)]
    credential = session.get(TrackerCredential, case.id)
    if credential is None:
        credential = TrackerCredential(case_id=case.id)
        session.add(credential)
    credential.secret_hash = hash_secret_words(pepper, words)
    record_event(session, "tracker.words_reissued", actor_kind=ActorKind.STAFF,
                 actor_id=actor.id, case_id=case.id)  # fmt: skip
    session.flush()
    return words


def _from_person(
    session: Session,
    case: Case,
    action: str,
    body: str | None = None,
    advocate: StaffUser | None = None,
) -> None:
    """Record what the person (or their advocate, for them) did, and what they wrote."""
    if body:
        session.add(CaseMessage(case_id=case.id, author=MessageAuthor.PUBLIC, body=body,
                                staff_id=advocate and advocate.id))  # fmt: skip
    kind = ActorKind.STAFF if advocate else ActorKind.PUBLIC
    record_event(session, action, actor_kind=kind, actor_id=advocate and advocate.id,
                 case_id=case.id)  # fmt: skip
    session.flush()


def write_to_team(
    session: Session, case: Case, body: str, advocate: StaffUser | None = None
) -> None:
    """The person (or their advocate) adds information or replies to the team."""
    if not body.strip():
        raise CaseworkError(N_("Write your message"), "body")
    _from_person(session, case, "message.received", body, advocate)


def escalation_window(case: Case, rules: Timescales) -> tuple[int, date] | None:
    """The next stage the person may ask for, and the last day to ask; None if none."""
    number = next_stage(case)
    if number is None:
        return None
    return number, escalation_deadline(case.stages[-1].responded_on, rules)


def ask_for_next_stage(
    session: Session,
    case: Case,
    reasons: str,
    today: date,
    rules: Timescales,
    advocate: StaffUser | None = None,
) -> None:
    """The person (or their advocate) is still not happy and asks for the next stage."""
    window = escalation_window(case, rules)
    if window is None or case.escalation_requested_on is not None:
        raise CaseworkError(N_("You cannot ask for another stage now"))
    if today > window[1]:
        raise CaseworkError(N_("The time to ask has passed. Contact us to talk about it."))
    if not reasons.strip():
        raise CaseworkError(N_("Tell us why you are still not happy"), "reasons")
    case.escalation_requested_on = today
    _from_person(session, case, "stage.requested", reasons, advocate)


def answer_mediation(session: Session, case: Case, accept: bool, today: date) -> None:
    """The person accepts mediation (the team arranges it) or declines it (stage 2 starts)."""
    if case.step is not Step.MEDIATION:
        raise CaseworkError(N_("Mediation is not on offer now"))
    if accept:
        _from_person(session, case, "mediation.accepted")
    else:
        record_mediation_result(session, case, None, MediationResult.DECLINED, today)


def withdraw_complaint(session: Session, case: Case, today: date) -> None:
    """The person withdraws their complaint."""
    withdraw(session, case, None, today)


@dataclass(frozen=True)
class ContactChange:
    """New contact details and preferences."""

    email: str | None
    phone: str | None
    preferred_contact: str | None


def change_contact(session: Session, case: Case, change: ContactChange) -> None:
    """Update how the person wants to hear from us."""
    person = main_contact(session, case)
    if person is None:
        person = Person(case_id=case.id, role="complainant")
        session.add(person)
    person.email = change.email or None
    person.phone = change.phone or None
    person.preferred_contact = change.preferred_contact
    _from_person(session, case, "contact.changed")


def ask_for_advocate(session: Session, case: Case) -> None:
    """The person would like an advocate: the team offers one and refers them."""
    _from_person(session, case, "advocate.requested")
