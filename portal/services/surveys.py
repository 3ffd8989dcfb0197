"""Closing the loop: invite people to a survey when their case closes, a child again eight
weeks later, remind once, save each answer as it is given, and respect "don't ask me
again" for that address everywhere.

Invitations go out from a daily job (``flask surveys send``), not from the many places a
case can close: one place decides who is due, and a crash or a dead mail server never
loses or doubles an invitation (each is unique per case and round, and the email is in
the outbox of the same transaction).
"""

import hmac
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..models import (
    ActorKind,
    Case,
    ContactMethod,
    SatisfactionResult,
    SurveyAnswer,
    SurveyInvitation,
    SurveyOptOut,
)
from ..notify.emails import queue_survey_invitation
from ..procedure.stages import Step
from ..procedure.surveys import (
    COMMENTS,
    EQUALITY,
    EQUALITY_PREFIX,
    FOLLOW_UP_AFTER,
    INVITE_WITHIN,
    LINK_LIFETIME,
    QUESTIONS,
    REMIND_AFTER,
    SURVEYED_KINDS,
    Answer,
    FollowUpMethod,
    Round,
    questionnaire_for,
    satisfaction_of,
)
from .audit import record_event
from .correspondence import main_contact
from .tokens import new_token, token_hash

COMMENTS_MAX = 3000


class SurveyError(ValueError):
    """An answer the survey does not accept."""


@dataclass(frozen=True)
class Sent:
    """What a run of the daily job sent."""

    invitations: int = 0
    follow_ups: int = 0
    reminders: int = 0


def address_key(key: bytes, email: str) -> str:
    """The keyed hash an opt-out is kept under: enough to recognise the address, no more."""
    return hmac.digest(key, email.strip().lower().encode(), "sha256").hex()


def send_due(session: Session, key: bytes, today: date, now: datetime) -> Sent:
    """Send every invitation, follow-up and reminder that is due; safe to run again."""
    return Sent(
        invitations=_invite(session, key, _closed_between(today - INVITE_WITHIN, today),
                            Round.CLOSING, now),
        follow_ups=_invite(session, key, _follow_ups_due(today), Round.FOLLOW_UP, now),
        reminders=_remind(session, key, now),
    )  # fmt: skip


def _closed_between(first: date, last: date) -> list:
    return [
        Case.kind.in_(SURVEYED_KINDS),
        Case.closed_on.between(first, last),
        Case.declined_reason.is_(None),
        Case.step.is_distinct_from(Step.WITHDRAWN),
    ]


def _follow_ups_due(today: date) -> list:
    due = today - FOLLOW_UP_AFTER
    return [*_closed_between(due - INVITE_WITHIN, due), Case.child_led]


def _invite(session: Session, key: bytes, where: list, round_: Round, now: datetime) -> int:
    already = exists().where(SurveyInvitation.case_id == Case.id, SurveyInvitation.round == round_)
    cases = session.scalars(select(Case).where(*where, ~already).order_by(Case.id))
    sent = 0
    for case in cases:
        email = _survey_address(session, key, case)
        if email is None:
            continue
        questionnaire = questionnaire_for(case.child_led, case.submitted_by)
        if (questionnaire, round_) not in QUESTIONS:
            continue
        token = new_token()
        invitation = SurveyInvitation(
            case_id=case.id, round=round_, questionnaire=questionnaire,
            token_hash=token_hash(token), sent_at=now, expires_at=now + LINK_LIFETIME,
        )  # fmt: skip
        session.add(invitation)
        queue_survey_invitation(session, case, invitation, email, token)
        record_event(session, "survey.invited", actor_kind=ActorKind.SYSTEM, case_id=case.id,
                     round=round_.value)  # fmt: skip
        sent += 1
    session.flush()
    return sent


def _survey_address(session: Session, key: bytes, case: Case) -> str | None:
    """The email address to invite, unless the person prefers another way or opted out."""
    contact = main_contact(session, case)
    if contact is None or not contact.email:
        return None
    if contact.preferred_contact not in (None, ContactMethod.EMAIL.value):
        return None
    if session.get(SurveyOptOut, address_key(key, contact.email)) is not None:
        return None
    return contact.email


def _remind(session: Session, key: bytes, now: datetime) -> int:
    due = session.scalars(
        select(SurveyInvitation)
        .where(SurveyInvitation.completed_at.is_(None), SurveyInvitation.reminded_at.is_(None),
               SurveyInvitation.sent_at <= now - REMIND_AFTER, SurveyInvitation.expires_at > now)
        .order_by(SurveyInvitation.id)
    )  # fmt: skip
    sent = 0
    for invitation in due:
        case = session.get(Case, invitation.case_id)
        email = _survey_address(session, key, case)
        invitation.reminded_at = now
        if email is None:
            continue
        # Only hashes are kept, so the reminder carries a fresh link and the first stops.
        token = new_token()
        invitation.token_hash = token_hash(token)
        queue_survey_invitation(session, case, invitation, email, token, reminder=True)
        record_event(session, "survey.reminded", actor_kind=ActorKind.SYSTEM, case_id=case.id)
        sent += 1
    session.flush()
    return sent


def open_survey(session: Session, token: str, now: datetime) -> SurveyInvitation | None:
    """The survey a link opens, or None when the link is unknown, expired or already used
    to finish the survey."""
    invitation = session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.token_hash == token_hash(token))
    )
    return invitation if answerable(invitation, now) else None


def answerable(invitation: SurveyInvitation | None, now: datetime) -> bool:
    """True while a survey can still be answered: not sent yet, and its link not expired."""
    return invitation is not None and not invitation.completed_at and invitation.expires_at > now


def questions_of(invitation: SurveyInvitation) -> tuple:
    """The experience questions of the invitation's survey, in order."""
    return QUESTIONS[(invitation.questionnaire, invitation.round)]


def save_answer(
    session: Session, invitation: SurveyInvitation, question: str, value: str, now: datetime
) -> None:
    """Save (or change) one answer at once, so leaving part way keeps what was said."""
    _check(invitation, question, value)
    existing = next((a for a in invitation.answers if a.question == question), None)
    if existing is None:
        invitation.answers.append(SurveyAnswer(question=question, value=value, answered_at=now))
    else:
        existing.value, existing.answered_at = value, now
    session.flush()


def _check(invitation: SurveyInvitation, question: str, value: str) -> None:
    if question in {q.key for q in questions_of(invitation)}:
        if value not in Answer._value2member_map_:
            raise SurveyError(question)
    elif question == COMMENTS and (invitation.round is Round.CLOSING):
        if len(value) > COMMENTS_MAX:
            raise SurveyError(question)
    elif question.startswith(EQUALITY_PREFIX):
        choices = {q.key: q.choices for q in EQUALITY}.get(question.removeprefix(EQUALITY_PREFIX))
        if choices is None or value not in dict(choices):
            raise SurveyError(question)
    else:
        raise SurveyError(question)


def finish(session: Session, invitation: SurveyInvitation, today: date, now: datetime) -> None:
    """The person finished: the link is spent, and unless a participation officer has
    already recorded how the child felt, the answers give the case's satisfaction."""
    if invitation.completed_at is not None:
        return
    invitation.completed_at = now
    case = session.get(Case, invitation.case_id)
    status = satisfaction_of(invitation.answered())
    if status is not None and case.satisfaction is None and invitation.round is Round.CLOSING:
        case.satisfaction = SatisfactionResult(
            status=status, method=FollowUpMethod.SURVEY.value, recorded_on=today
        )
    record_event(session, "survey.completed", actor_kind=ActorKind.PUBLIC, case_id=case.id)
    session.flush()


def stop_asking(session: Session, key: bytes, invitation: SurveyInvitation, now: datetime) -> None:
    """ "Don't ask me again": no survey goes to this person's address from now on."""
    contact = main_contact(session, session.get(Case, invitation.case_id))
    if contact is not None and contact.email:
        keyed = address_key(key, contact.email)
        if session.get(SurveyOptOut, keyed) is None:
            session.add(SurveyOptOut(address_key=keyed, at=now))
    record_event(session, "survey.opted_out", actor_kind=ActorKind.PUBLIC,
                 case_id=invitation.case_id)  # fmt: skip
    session.flush()
