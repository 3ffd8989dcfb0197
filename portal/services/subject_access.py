"""Subject access: a readable copy of everything the portal holds about the person on a
case, for the complaints team to check and send to them (``flask cases subject-access``).

The copy is one self-contained HTML page in the person's language: their details, what
they wrote, the case's stages and outcomes, letters, messages and notes, emails, survey
answers, advocates' access, and the audit trail of who opened or changed the case (staff
shown by role and number, never by name). Making it is itself recorded in the audit trail.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from sqlalchemy.orm import Session

from ..models import (
    ActorKind,
    AdvocateLink,
    AuditEvent,
    Case,
    CaseMessage,
    CaseStatement,
    Letter,
    OutboxMessage,
    Person,
    StaffUser,
    SurveyInvitation,
    TrackerCredential,
)
from ..procedure.retention import RetentionRules
from ..procedure.surveys import COMMENTS, EQUALITY, EQUALITY_PREFIX, QUESTIONS, Answer
from ..procedure.text import N_
from .audit import record_event
from .retention import Retention, retention_of

#: What a survey answer to the free-text question is called.
COMMENTS_QUESTION = N_("Your comments")


@dataclass(frozen=True)
class SurveyLine:
    """One answer given in a survey: the question's and the answer's English message ids,
    or the person's own words (``translate`` False)."""

    question: str
    answer: str
    translate: bool = True


@dataclass(frozen=True)
class SurveyCopy:
    """A survey the person was sent, and what they answered."""

    invitation: SurveyInvitation
    lines: list[SurveyLine]


@dataclass(frozen=True)
class TrailLine:
    """One audit event: when, what, and who (a role and number for staff)."""

    event: AuditEvent
    staff: StaffUser | None


@dataclass(frozen=True)
class SubjectAccessCopy:
    """Everything held about the person on one case."""

    case: Case
    people: list[Person]
    statement: CaseStatement | None
    letters: list[Letter]
    messages: list[CaseMessage]
    emails: list[OutboxMessage]
    surveys: list[SurveyCopy]
    advocates: list[AdvocateLink]
    has_secret_words: bool
    trail: list[TrailLine]
    retention: Retention
    made_on: date


def _oldest_first(session: Session, model: type, stamp: object, case_id: int) -> list:
    query = sa.select(model).where(model.case_id == case_id).order_by(stamp, model.id)
    return list(session.scalars(query))


def survey_lines(invitation: SurveyInvitation) -> list[SurveyLine]:
    """A survey's answers in the order they were given, as question and answer."""
    asked = {q.key: q.text for q in QUESTIONS.get((invitation.questionnaire, invitation.round), ())}
    equality = {f"{EQUALITY_PREFIX}{q.key}": q for q in EQUALITY}
    lines = []
    for answer in invitation.answers:
        if answer.question == COMMENTS:
            lines.append(SurveyLine(COMMENTS_QUESTION, answer.value, translate=False))
        elif answer.question in equality:
            question = equality[answer.question]
            choice = dict(question.choices).get(answer.value, answer.value)
            lines.append(SurveyLine(question.text, choice))
        else:
            known = Answer._value2member_map_.get(answer.value)
            title = known.title if known is not None else answer.value
            lines.append(SurveyLine(asked.get(answer.question, answer.question), title))
    return lines


def _trail(session: Session, case_id: int) -> list[TrailLine]:
    events = _oldest_first(session, AuditEvent, AuditEvent.occurred_at, case_id)
    staff_ids = {e.actor_id for e in events if e.actor_kind is ActorKind.STAFF and e.actor_id}
    staff = {s.id: s for s in session.scalars(sa.select(StaffUser).where(
        StaffUser.id.in_(staff_ids)))}  # fmt: skip
    return [
        TrailLine(e, staff.get(e.actor_id) if e.actor_kind is ActorKind.STAFF else None)
        for e in events
    ]


def subject_access_copy(
    session: Session, case: Case, rules: RetentionRules, today: date
) -> SubjectAccessCopy:
    """Gather everything held about the person on ``case``."""
    surveys = _oldest_first(session, SurveyInvitation, SurveyInvitation.sent_at, case.id)
    return SubjectAccessCopy(
        case=case,
        people=_oldest_first(session, Person, Person.created_at, case.id),
        statement=session.get(CaseStatement, case.id),
        letters=_oldest_first(session, Letter, Letter.sent_at, case.id),
        messages=_oldest_first(session, CaseMessage, CaseMessage.created_at, case.id),
        emails=_oldest_first(session, OutboxMessage, OutboxMessage.created_at, case.id),
        surveys=[SurveyCopy(invitation, survey_lines(invitation)) for invitation in surveys],
        advocates=_oldest_first(session, AdvocateLink, AdvocateLink.consent_on, case.id),
        has_secret_words=session.get(TrackerCredential, case.id) is not None,
        trail=_trail(session, case.id),
        retention=retention_of(session, case, rules),
        made_on=today,
    )


def make_subject_access(session: Session, case: Case, rules: RetentionRules, today: date) -> str:
    """The person's copy as one HTML page in their language; records that it was made."""
    copy = subject_access_copy(session, case, rules, today)
    with force_locale(case.language):
        page = render_template("subject_access/copy.html", copy=copy)
    record_event(session, "case.subject_access", actor_kind=ActorKind.SYSTEM, case_id=case.id)
    session.flush()
    return page
