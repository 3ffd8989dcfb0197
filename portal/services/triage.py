"""Triage: deciding what a new contact is, who answers it, and telling the person."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..models import (
    Case,
    CaseIssue,
    CaseMessage,
    CaseTheme,
    IssueCategory,
    IssueSubcategory,
    MessageAuthor,
    StaffUser,
    Stage,
    Team,
    Theme,
)
from ..notify.emails import queue_compliment_for_team
from ..procedure.stages import Step
from ..procedure.taxonomy import AdvocacyOffer, CaseKind, DeclineReason, Procedure
from ..procedure.text import N_
from .casework import CaseworkError, record_change


@dataclass(frozen=True)
class CaseDetails:
    """Who handles a case and what it is about; chosen at triage, changed later."""

    team: Team | None
    assignee: StaffUser | None
    themes: Sequence[Theme]
    safeguarding: bool
    advocacy_offer: AdvocacyOffer | None
    advocacy_provider: str | None


@dataclass(frozen=True)
class TriageDecision:
    """What a new contact is: a kind (and procedure, for a complaint), or not taken on."""

    kind: CaseKind
    procedure: Procedure | None = None
    declined: DeclineReason | None = None


def triage(
    session: Session,
    case: Case,
    actor: StaffUser,
    decision: TriageDecision,
    details: CaseDetails,
    today: date,
) -> None:
    """Record the triage decision; a complaint starts stage 1 from the day it arrived."""
    if case.triaged_on is not None:
        raise CaseworkError(N_("This case has already been triaged"))
    if decision.kind is CaseKind.COMPLAINT and decision.procedure is None and not decision.declined:
        raise CaseworkError(N_("Choose which procedure the complaint follows"), "decision")
    case.triaged_on = today
    case.kind = decision.kind
    update_details(session, case, actor, details, audit=False)
    if decision.declined is not None:
        _decline(case, decision.declined, today)
    elif decision.kind is CaseKind.COMPLAINT:
        _start_stage_1(case, decision.procedure)
    else:
        _accept_other_kind(session, case, today)
    record_change(
        session, case, actor, "case.triaged", kind=case.kind.value,
        procedure=case.procedure and case.procedure.value,
        declined=decision.declined and decision.declined.value,
    )  # fmt: skip


def _decline(case: Case, reason: DeclineReason, today: date) -> None:
    case.declined_reason = reason
    case.procedure_confirmed = True
    case.step = Step.CLOSED if case.kind is CaseKind.COMPLAINT else None
    case.left_step = Step.AWAITING_TRIAGE.value if case.kind is CaseKind.COMPLAINT else None
    case.closed_on = today


def _start_stage_1(case: Case, procedure: Procedure | None) -> None:
    case.procedure = procedure
    case.procedure_confirmed = True
    case.step = Step.STAGE_1
    case.stages.append(Stage(number=1, started_on=case.received_on))


def _accept_other_kind(session: Session, case: Case, today: date) -> None:
    case.procedure = None
    case.procedure_confirmed = True
    case.step = None
    if case.kind is CaseKind.DUTY:
        case.closed_on = today  # resolved with the person's agreement at first contact
    if case.kind is CaseKind.COMPLIMENT and case.team is not None and case.team.email:
        queue_compliment_for_team(session, case, case.team.email)


def update_details(
    session: Session, case: Case, actor: StaffUser, details: CaseDetails, audit: bool = True
) -> None:
    """Change the team, investigating manager, themes, safeguarding flag or advocacy offer."""
    if details.advocacy_offer is AdvocacyOffer.REFERRED and not details.advocacy_provider:
        raise CaseworkError(N_("Enter the advocacy provider they were referred to"),
                            "advocacy_provider")  # fmt: skip
    case.team = details.team
    case.assignee = details.assignee
    case.case_themes = [
        CaseTheme(theme=theme, position=position) for position, theme in enumerate(details.themes)
    ]
    case.safeguarding = details.safeguarding
    case.advocacy_offer = details.advocacy_offer
    case.advocacy_provider = details.advocacy_provider or None
    if audit:
        record_change(
            session, case, actor, "case.details_changed",
            team_id=case.team and case.team.id, assignee_id=case.assignee and case.assignee.id,
        )  # fmt: skip


def add_issue(
    session: Session,
    case: Case,
    actor: StaffUser,
    category: IssueCategory,
    subcategory: IssueSubcategory | None,
) -> CaseIssue:
    """Add one separate point of the complaint, to be answered at its current stage."""
    if case.kind is not CaseKind.COMPLAINT:
        raise CaseworkError(N_("Only complaints are split into issues"))
    stage = case.step.stage_number if case.step and case.step.stage_number else 1
    issue = CaseIssue(
        position=len(case.issues), category=category, subcategory=subcategory, stage=stage
    )
    case.issues.append(issue)
    session.flush()
    record_change(session, case, actor, "issue.added", issue_id=issue.id, category_id=category.id)
    return issue


def remove_issue(session: Session, case: Case, actor: StaffUser, issue_id: int) -> None:
    """Take an issue off a complaint, before any outcome is recorded on it."""
    issue = next((issue for issue in case.issues if issue.id == issue_id), None)
    if issue is None:
        raise CaseworkError(N_("That issue is not on this case"))
    if issue.outcome is not None:
        raise CaseworkError(N_("An issue with an outcome cannot be removed"))
    case.issues.remove(issue)
    record_change(session, case, actor, "issue.removed", issue_id=issue_id)


def acknowledge(session: Session, case: Case, actor: StaffUser, today: date) -> None:
    """Record that the complaint was acknowledged (the letter itself is sent alongside)."""
    case.acknowledged_on = case.acknowledged_on or today
    record_change(session, case, actor, "case.acknowledged")


#: What the team decided about a safeguarding flag.
SAFEGUARDING_DECISIONS = ("passed_to_duty_team", "not_a_concern")


def record_safeguarding_decision(
    session: Session, case: Case, actor: StaffUser, decision: str, note: str | None
) -> None:
    """Record what was done about a safeguarding flag (dealt with outside the complaints
    procedure); a concern ruled out no longer puts the case at the top of the queue."""
    if decision not in SAFEGUARDING_DECISIONS:
        raise CaseworkError(N_("Choose what was decided"), "decision")
    case.safeguarding = decision == "passed_to_duty_team"
    if note:
        session.add(CaseMessage(case_id=case.id, author=MessageAuthor.STAFF, staff_id=actor.id,
                                body=note, internal=True))  # fmt: skip
    record_change(session, case, actor, "safeguarding.decided", decision=decision)
