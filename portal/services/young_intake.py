"""What children and young people send us: a complaint (always child-led, statutory),
feedback about how they feel (informal, not a complaint), a thank you, or a request for
an advocate. Any of them may show a child is not safe: that is flagged at once."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..models import ActorKind, Case, CaseStatement, Draft, Person, PersonRole, TrackerCredential
from ..notify.emails import queue_card, queue_participation_alert, queue_safeguarding_alert
from ..procedure.children import Better, Feeling, Topic, sounds_unsafe
from ..procedure.routing import RoutingReason
from ..procedure.stages import Step
from ..procedure.taxonomy import CaseKind, ComplimentSource, Procedure, SubmittedBy
from .audit import record_event
from .intake import IntakeSettings, finish_submission, new_case, team_named


@dataclass(frozen=True)
class Alerts:
    """Who hears at once about contacts from children, and the words that mean danger."""

    safeguarding_email: str
    participation_email: str
    phrases: Sequence[str]


@dataclass(frozen=True)
class ChildContact:
    """Everything the children's forms collect; most of it optional."""

    kind: CaseKind
    older: bool
    feeling: Feeling | None = None
    topics: Sequence[Topic] = ()
    told_more: str | None = None
    better: Sequence[Better] = ()
    better_more: str | None = None
    team: str | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    safe_times: str | None = None
    worker_may_know: str | None = None
    language: str = "en"


def submit_child_contact(
    session: Session,
    draft: Draft,
    contact: ChildContact,
    secret_hash: str | None,
    settings: IntakeSettings,
    alerts: Alerts,
    today: date,
) -> Case:
    """Create the case, its person, what they told us and their secret words; flag and
    send the alerts a child's contact needs."""
    submitted_by = SubmittedBy.YOUNG_PERSON if contact.older else SubmittedBy.CHILD
    case = new_case(session, settings, contact.kind, submitted_by, today)
    case.child_led, case.language = True, contact.language
    case.team = team_named(session, contact.team)
    _route(case, contact.kind)
    case.safeguarding = sounds_unsafe(
        contact.feeling, [contact.told_more, contact.better_more], alerts.phrases
    )
    session.add(case)
    session.flush()
    _record_what_they_said(session, case, contact)
    if secret_hash:
        session.add(TrackerCredential(case_id=case.id, secret_hash=secret_hash))
    finish_submission(session, draft, case, "young.submitted", kind=contact.kind.value)
    _alert(session, case, alerts)
    return case


def _route(case: Case, kind: CaseKind) -> None:
    if kind is CaseKind.COMPLAINT:
        case.procedure, case.procedure_confirmed = Procedure.STATUTORY, False
        case.routing_reason = RoutingReason.BY_A_CHILD.value
        case.step = Step.AWAITING_TRIAGE
    elif kind is CaseKind.COMPLIMENT:
        case.compliment_source = ComplimentSource.CHILD_YOUNG_PERSON


def _record_what_they_said(session: Session, case: Case, contact: ChildContact) -> None:
    lines = [f"Feeling: {contact.feeling.title}"] if contact.feeling else []
    if contact.topics:
        lines.append("About: " + "; ".join(topic.title for topic in contact.topics))
    if contact.worker_may_know:
        lines.append(f"Their worker may know: {contact.worker_may_know}")
    if contact.told_more:
        lines.append(contact.told_more)
    wanted = "; ".join(item.title for item in contact.better)
    statement = CaseStatement(
        case_id=case.id,
        what_happened="\n".join(lines) or None,
        wanted_outcome="\n".join(filter(None, [wanted, contact.better_more])) or None,
    )
    if contact.kind is CaseKind.COMPLIMENT:
        statement.what_happened, statement.message = None, contact.told_more
    session.add(statement)
    session.add(
        Person(
            case_id=case.id, role=PersonRole.CHILD, full_name=contact.name or None,
            email=contact.email or None, phone=contact.phone or None,
            preferred_contact="email" if contact.email else ("phone" if contact.phone else None),
            safe_times=contact.safe_times or None,
        )
    )  # fmt: skip


def _alert(session: Session, case: Case, alerts: Alerts) -> None:
    if case.safeguarding:
        # Dealt with outside the complaints procedure, by the duty team, straight away.
        queue_safeguarding_alert(session, case, alerts.safeguarding_email)
        record_event(session, "safeguarding.flagged", actor_kind=ActorKind.PUBLIC, case_id=case.id)
    queue_participation_alert(session, case, alerts.participation_email)
    session.flush()


@dataclass(frozen=True)
class AdvocacyForAChild:
    """An adult's or a professional's request for an advocate for a child."""

    submitted_by: SubmittedBy
    child_name: str
    child_age: int | None
    child_knows: str
    reason: str | None
    full_name: str
    email: str | None
    phone: str | None
    language: str = "en"


def request_advocacy_for_a_child(
    session: Session,
    draft: Draft,
    request: AdvocacyForAChild,
    secret_hash: str,
    settings: IntakeSettings,
    alerts: Alerts,
    today: date,
) -> Case:
    """Record the request (not child-led: an adult made it) for the participation team."""
    case = new_case(session, settings, CaseKind.ADVOCACY_REQUEST, request.submitted_by, today)
    case.language = request.language
    case.safeguarding = sounds_unsafe(None, [request.reason], alerts.phrases)
    session.add(case)
    session.flush()
    knows = f"The child knows about this request: {request.child_knows}"
    said = "\n".join(filter(None, [knows, request.reason]))
    session.add(CaseStatement(case_id=case.id, what_happened=said))
    adult = Person(
        case_id=case.id, role=PersonRole.REPRESENTATIVE, full_name=request.full_name,
        email=request.email, phone=request.phone,
        preferred_contact="email" if request.email else "phone",
    )  # fmt: skip
    child = Person(case_id=case.id, role=PersonRole.CHILD, full_name=request.child_name,
                   age=request.child_age)  # fmt: skip
    session.add_all([adult, child])
    session.add(TrackerCredential(case_id=case.id, secret_hash=secret_hash))
    finish_submission(session, draft, case, "advocacy.requested")
    _alert(session, case, alerts)
    return case


def email_card(session: Session, case: Case, to: str, words: list[str]) -> None:
    """Send a child's card to the grown-up they trust (their choice, once)."""
    queue_card(session, case, to, words)
    record_event(session, "card.emailed", actor_kind=ActorKind.PUBLIC, case_id=case.id)
    session.flush()
