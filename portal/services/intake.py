"""Complaints and compliments sent through the online forms: each in one transaction,
and a resubmission of the same form finds the case it already made."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..config import timescales
from ..models import (
    ActorKind,
    Case,
    CaseStatement,
    ContactMethod,
    Draft,
    Person,
    PersonRole,
    Team,
    TrackerCredential,
)
from ..notify.emails import queue_complaint_received, queue_compliment_received
from ..procedure.deadlines import Timescales, acknowledgement_due
from ..procedure.routing import is_out_of_time, route_complaint
from ..procedure.stages import Step
from ..procedure.taxonomy import CaseKind, Channel, ComplimentSource, SubmittedBy
from .audit import record_event
from .references import new_reference


@dataclass(frozen=True)
class IntakeSettings:
    """What a council configures about intake."""

    reference_prefix: str
    timescales: Timescales

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "IntakeSettings":
        """The settings of the council's configuration."""
        return cls(config["REFERENCE_PREFIX"], timescales(config))


@dataclass(frozen=True)
class ChildDetails:
    """The child a complaint is made for."""

    name: str
    date_of_birth: date | None
    age: int | None
    in_care: str
    consent: str


@dataclass(frozen=True)
class ContactDetails:
    """How to reach the person, and what helps them."""

    full_name: str
    email: str | None
    phone: str | None
    postal_address: str | None
    preferred_contact: ContactMethod
    safe_times: str | None = None
    adjustments: list[str] = field(default_factory=list)
    interpreter_language: str | None = None


@dataclass(frozen=True)
class ComplaintSubmission:
    """Everything the complaint form collects."""

    submitted_by: SubmittedBy
    child: ChildDetails | None
    what_happened: str
    happened_on: date | None
    happened_over: str | None
    team: str | None
    worker_name: str | None
    wanted_outcome: str
    contact: ContactDetails
    language: str


@dataclass(frozen=True)
class ComplimentSubmission:
    """Everything the compliment form collects."""

    source: ComplimentSource
    team: str | None
    worker_name: str | None
    message: str
    share_with_worker: bool
    full_name: str | None
    email: str | None
    language: str


def submit_complaint(
    session: Session,
    draft: Draft,
    submission: ComplaintSubmission,
    secret_hash: str,
    settings: IntakeSettings,
    now: datetime,
    today: date,
) -> Case:
    """Create the complaint, its people, statement, credentials, audit event and email."""
    _check_not_sent(draft)
    procedure, reason = route_complaint(submission.submitted_by, submission.child is not None)
    case = new_case(session, settings, CaseKind.COMPLAINT, submission.submitted_by, today)
    case.procedure, case.procedure_confirmed, case.routing_reason = procedure, False, reason.value
    case.step = Step.AWAITING_TRIAGE
    case.out_of_time = is_out_of_time(submission.happened_on, today)
    case.language = submission.language
    case.team = team_named(session, submission.team)
    session.add(case)
    session.flush()
    _add_people(session, case, submission)
    session.add(
        CaseStatement(
            case_id=case.id,
            what_happened=submission.what_happened,
            happened_on=submission.happened_on,
            happened_over=submission.happened_over,
            worker_name=submission.worker_name,
            wanted_outcome=submission.wanted_outcome,
        )
    )
    session.add(TrackerCredential(case_id=case.id, secret_hash=secret_hash))
    finish_submission(session, draft, case, "complaint.submitted", procedure=procedure.value)
    if submission.contact.email:
        ack_due = acknowledgement_due(today, settings.timescales)
        queue_complaint_received(session, case, submission.contact.email, ack_due)
    return case


def submit_compliment(
    session: Session,
    draft: Draft,
    submission: ComplimentSubmission,
    settings: IntakeSettings,
    today: date,
) -> Case:
    """Create the compliment and thank the person if they left an email address."""
    _check_not_sent(draft)
    submitted_by = _COMPLIMENT_SUBMITTERS[submission.source]
    case = new_case(session, settings, CaseKind.COMPLIMENT, submitted_by, today)
    case.compliment_source = submission.source
    case.child_led = submission.source is ComplimentSource.CHILD_YOUNG_PERSON
    case.language = submission.language
    case.team = team_named(session, submission.team)
    session.add(case)
    session.flush()
    session.add(
        CaseStatement(
            case_id=case.id,
            message=submission.message,
            worker_name=submission.worker_name,
            share_with_worker=submission.share_with_worker,
        )
    )
    if submission.full_name or submission.email:
        session.add(
            Person(
                case_id=case.id,
                role=PersonRole.COMPLAINANT,
                full_name=submission.full_name,
                email=submission.email,
            )
        )
    finish_submission(session, draft, case, "compliment.submitted")
    if submission.email:
        queue_compliment_received(session, case, submission.email)
    return case


_COMPLIMENT_SUBMITTERS = {
    ComplimentSource.CHILD_YOUNG_PERSON: SubmittedBy.YOUNG_PERSON,
    ComplimentSource.PARENT: SubmittedBy.PARENT,
    ComplimentSource.CARER: SubmittedBy.CARER,
    ComplimentSource.FOSTER_CARER: SubmittedBy.FOSTER_CARER,
    ComplimentSource.COURT: SubmittedBy.COURT,
    ComplimentSource.PARTNER_AGENCY: SubmittedBy.PROFESSIONAL,
    ComplimentSource.INTERNAL: SubmittedBy.INTERNAL,
}


class AlreadySentError(Exception):
    """This form has already made its case; resending it must not make another."""


def _check_not_sent(draft: Draft) -> None:
    if draft.case_id is not None:
        raise AlreadySentError(draft.case_id)


def new_case(
    session: Session,
    settings: IntakeSettings,
    kind: CaseKind,
    submitted_by: SubmittedBy,
    today: date,
) -> Case:
    """A new case sent online today, with an unused reference (not yet added)."""
    return Case(
        reference=_unused_reference(session, settings.reference_prefix),
        kind=kind,
        received_on=today,
        channel=Channel.WEB,
        submitted_by=submitted_by,
        child_led=submitted_by in (SubmittedBy.CHILD, SubmittedBy.YOUNG_PERSON),
    )


def _unused_reference(session: Session, prefix: str) -> str:
    while True:
        reference = new_reference(prefix)
        if not session.scalar(select(exists().where(Case.reference == reference))):
            return reference


def team_named(session: Session, name: str | None) -> Team | None:
    """The active team with this name, if any."""
    return session.scalar(select(Team).filter_by(name=name, active=True)) if name else None


def _add_people(session: Session, case: Case, submission: ComplaintSubmission) -> None:
    contact = submission.contact
    session.add(
        Person(
            case_id=case.id,
            role=PersonRole.COMPLAINANT,
            full_name=contact.full_name,
            email=contact.email,
            phone=contact.phone,
            postal_address=contact.postal_address,
            preferred_contact=contact.preferred_contact.value,
            safe_times=contact.safe_times,
            adjustments=contact.adjustments,
            interpreter_language=contact.interpreter_language,
        )
    )
    if submission.child:
        child = submission.child
        session.add(
            Person(
                case_id=case.id,
                role=PersonRole.CHILD,
                full_name=child.name,
                date_of_birth=child.date_of_birth,
                age=child.age,
                in_care=child.in_care,
                consent=child.consent,
            )
        )


def finish_submission(
    session: Session, draft: Draft, case: Case, action: str, **details: str
) -> None:
    """Record the event, and turn the draft into a pointer to the case, its answers gone."""
    record_event(session, action, actor_kind=ActorKind.PUBLIC, case_id=case.id, **details)
    draft.case_id = case.id
    draft.answers = {}
    session.flush()
