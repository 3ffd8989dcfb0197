"""Removing personal data: when a case's retention date has passed (``flask retention
purge``), or when the complaints manager grants a person's request to erase it.

Either way the case keeps an anonymous statistical skeleton (kind, dates, stages, outcomes,
issues, themes, team, mediation, Ombudsman decision and payment, satisfaction, learning and
equality answers given as choices) so that past annual reports stay the same. What goes:
the people and their contact details, what they wrote, letters, messages and notes, emails
sent about the case, the survey comments, form drafts, sign-in credentials, links and
sessions, advocates' access, and the free text staff wrote about the person (extension
reasons, the Ombudsman's remedy, the panel's findings). The pseudonymous person key is
replaced by a new random one shared by every case that had it, so repeat complainants
still count once.
"""

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ..clock import LONDON
from ..models import (
    ActorKind,
    AdvocateLink,
    AuditEvent,
    Case,
    CaseMessage,
    CaseStatement,
    Draft,
    Letter,
    OmbudsmanEnquiry,
    OutboxMessage,
    Person,
    PersonRole,
    ReviewPanel,
    Role,
    StaffUser,
    Stage,
    SurveyAnswer,
    SurveyInvitation,
    TrackerCredential,
    TrackerLink,
    TrackerSession,
)
from ..procedure.retention import (
    ChildFacts,
    RetentionRules,
    earliest_closure_due,
    retention_date,
)
from ..procedure.surveys import COMMENTS
from ..procedure.text import N_
from .audit import record_event
from .casework import CaseworkError

#: The audit actions after which a case holds no personal data.
PURGED = "retention.purged"
ERASED = "case.erased"
REMOVED = (PURGED, ERASED)

#: Rows removed outright, by what the counts call them.
DELETED = {
    "people": Person,
    "statements": CaseStatement,
    "letters": Letter,
    "messages": CaseMessage,
    "emails": OutboxMessage,
    "drafts": Draft,
    "tracker credentials": TrackerCredential,
    "tracker links": TrackerLink,
    "tracker sessions": TrackerSession,
    "advocate links": AdvocateLink,
}

#: Free text about the person written by staff, cleared in place.
CLEARED = (
    (Stage, ("extension_agreed_by", "extension_how", "extension_reason")),
    (OmbudsmanEnquiry, ("remedy",)),
    (ReviewPanel, ("findings",)),
)


@dataclass(frozen=True)
class Retention:
    """A case's retention date, and the day its personal data was removed, if it was."""

    due_on: date | None
    removed_on: date | None


def child_facts(session: Session, cases: Iterable[Case]) -> dict[int, ChildFacts | None]:
    """For each case, what is known about the child it is about; None for an adult's case."""
    cases = list(cases)
    children = session.execute(
        sa.select(Person.case_id, Person.date_of_birth, Person.age)
        .where(Person.case_id.in_([case.id for case in cases]), Person.role == PersonRole.CHILD)
        .order_by(Person.id.desc())  # the first recorded child wins below
    )
    known = {case_id: ChildFacts(born, age) for case_id, born, age in children}
    return {case.id: known.get(case.id, ChildFacts() if case.child_led else None) for case in cases}


def removed_on(session: Session, case: Case) -> date | None:
    """The day the case's personal data was purged or erased, if it was."""
    when = session.scalar(
        sa.select(sa.func.min(AuditEvent.occurred_at)).where(
            AuditEvent.case_id == case.id, AuditEvent.action.in_(REMOVED)
        )
    )
    return when.astimezone(LONDON).date() if when is not None else None


def retention_of(session: Session, case: Case, rules: RetentionRules) -> Retention:
    """The case's retention date and, if it has happened, when its personal data went."""
    child = child_facts(session, [case])[case.id]
    due = retention_date(case.closed_on, case.received_on, child, rules)
    return Retention(due, removed_on(session, case))


def anonymise_case(session: Session, case: Case) -> Counter:
    """Remove every piece of personal data the case holds, keeping its statistics; return
    how many rows of each kind went (no audit event: the callers record why)."""
    removed = Counter()
    comments = sa.delete(SurveyAnswer).where(
        SurveyAnswer.question == COMMENTS,
        SurveyAnswer.invitation_id.in_(
            sa.select(SurveyInvitation.id).where(SurveyInvitation.case_id == case.id)
        ),
    )
    removed["survey comments"] = session.execute(comments).rowcount
    for name, model in DELETED.items():
        removed[name] = session.execute(sa.delete(model).where(model.case_id == case.id)).rowcount
    for model, columns in CLEARED:
        session.execute(
            sa.update(model).where(model.case_id == case.id).values(dict.fromkeys(columns))
        )
    _new_person_key(session, case)
    session.flush()
    return removed


def _new_person_key(session: Session, case: Case) -> None:
    """Swap the person key for a random one on every case that shares it, so it no longer
    leads back to the system it came from, and repeat complainants still count once."""
    if case.person_key is None:
        return
    session.execute(
        sa.update(Case)
        .where(Case.person_key == case.person_key)
        .values(person_key=secrets.token_hex(16))
        .execution_options(synchronize_session="fetch")
    )


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did: how many cases, and how many rows of each kind."""

    cases: int
    rows: Counter


def due_cases(session: Session, today: date, rules: RetentionRules) -> list[Case]:
    """Cases whose retention date has passed and whose personal data is still held."""
    already = sa.select(AuditEvent.case_id).where(
        AuditEvent.action.in_(REMOVED), AuditEvent.case_id.is_not(None)
    )
    candidates = list(
        session.scalars(
            sa.select(Case)
            .where(Case.closed_on <= earliest_closure_due(today, rules), Case.id.not_in(already))
            .order_by(Case.id)
        )
    )
    children = child_facts(session, candidates)
    return [
        case
        for case in candidates
        if retention_date(case.closed_on, case.received_on, children[case.id], rules) <= today
    ]


def purge_due(session: Session, today: date, rules: RetentionRules) -> PurgeResult:
    """Anonymise every case that is due; running it again finds nothing more to do."""
    rows = Counter()
    cases = due_cases(session, today, rules)
    for case in cases:
        rows.update(anonymise_case(session, case))
        record_event(session, PURGED, actor_kind=ActorKind.SYSTEM, case_id=case.id)
    session.flush()
    return PurgeResult(len(cases), rows)


#: Only the complaints manager may decide that a person's data is erased.
ERASURE_DECIDERS = (Role.COMPLAINTS_MANAGER,)


def erase_case(session: Session, case: Case, decided_by: StaffUser) -> Counter:
    """Erase the personal data of the person on a closed case, as the complaints manager
    decided; the annual report's figures stay the same."""
    if not decided_by.active or decided_by.role not in ERASURE_DECIDERS:
        raise CaseworkError(N_("Only a complaints manager can decide to erase a case"))
    if case.closed_on is None:
        raise CaseworkError(N_("The case is still open: close or withdraw it first"))
    if removed_on(session, case) is not None:
        raise CaseworkError(N_("This case's personal data has already been removed"))
    rows = anonymise_case(session, case)
    record_event(
        session, ERASED, actor_kind=ActorKind.STAFF, actor_id=decided_by.id, case_id=case.id
    )
    session.flush()
    return rows


def checkpoint(session: Session) -> bool:
    """On SQLite, copy the write-ahead log into the database file and empty it, so removed
    data survives in neither; call after committing. False if readers kept it from
    finishing (run it again later); True on other databases, which need nothing."""
    engine = session.get_bind()
    if engine.dialect.name != "sqlite":
        return True
    raw = engine.raw_connection()
    try:
        busy, _log, _done = raw.driver_connection.execute(
            "PRAGMA wal_checkpoint(TRUNCATE)"
        ).fetchone()
    finally:
        raw.close()
    return busy == 0
