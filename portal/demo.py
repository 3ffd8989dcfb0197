"""Demo data: staff with printed passwords and about 200 cases at every step, dated around
today so the queue looks like a working week. Never loaded in production."""

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import defaults
from .config import timescales
from .extensions import db
from .interchange import (
    CaseRecord,
    IssueRecord,
    LearningRecord,
    MediationRecord,
    OmbudsmanRecord,
    SatisfactionRecord,
    StageRecord,
)
from .models import Case, Investigation, Person, PersonRole, Role, StaffUser
from .procedure.calendar import add_working_days
from .procedure.deadlines import Timescales, stage_due
from .procedure.taxonomy import (
    AdvocacyOffer,
    CaseKind,
    Channel,
    ComplimentSource,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    SatisfactionStatus,
    SubmittedBy,
)
from .services.interchange import add_cases
from .services.references import new_reference
from .services.staff import create_staff_user
from .services.taxonomy import seed_default_taxonomy

demo_cli = AppGroup("demo", help="Demo data for trying the portal out.")

#: Sign-ins for the demo, printed by ``flask demo load``. Never use these anywhere real.
DEMO_STAFF = [
    ("officer@example.org", "Olu Officer", Role.COMPLAINTS_OFFICER),
    ("manager@example.org", "Mina Manager", Role.COMPLAINTS_MANAGER),
    ("investigator@example.org", "Ivan Investigator", Role.INVESTIGATING_MANAGER),
    ("participation@example.org", "Priya Participation", Role.PARTICIPATION_OFFICER),
    ("viewer@example.org", "Vic Viewer", Role.VIEWER),
]
DEMO_PASSWORD = "demo-only-password"  # noqa: S105  # nosec B105  # printed for trying the demo out
DEMO_CASES = 200

_FIRST_NAMES = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harpreet", "Jan", "Kasia"]
_LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Dhillon", "Evans", "Kowalski", "Patel", "Smith"]


@demo_cli.command("load")
def demo_load() -> None:
    """Load demo staff and cases into an empty database; do nothing if cases exist."""
    if not current_app.config["DEMO_DATA"]:
        raise click.UsageError("Demo data is switched off (PORTAL_DEMO_DATA).")
    session = db.session
    seed_default_taxonomy(session)
    if session.scalar(select(func.count()).select_from(Case)):
        click.echo("Demo data already loaded.")
    else:
        count = load_demo(session, date.today(), timescales(current_app.config))
        click.echo(f"Loaded {count} demo cases.")
    session.commit()
    click.echo(f"Demo sign-ins (password for each: {DEMO_PASSWORD}):")
    for email, _name, role in DEMO_STAFF:
        click.echo(f"  {role.title}: {email}")


def load_demo(session: Session, today: date, rules: Timescales) -> int:
    """Add the demo staff and cases; return how many cases."""
    for email, name, role in DEMO_STAFF:
        if not session.scalar(select(StaffUser).filter_by(email=email)):
            create_staff_user(
                session, email=email, display_name=name, role=role, password=DEMO_PASSWORD
            )
    rng = random.Random(today.toordinal())  # noqa: S311  # nosec B311  # demo data, not security
    prefix = current_app.config["REFERENCE_PREFIX"]
    records = [
        replace(record, reference=new_reference(prefix))
        for record in demo_records(rng, today, rules)
    ]
    answerers = list(
        session.scalars(
            select(StaffUser).where(
                StaffUser.role.in_([Role.INVESTIGATING_MANAGER, Role.COMPLAINTS_MANAGER])
            )
        )
    )
    for case in add_cases(session, records):
        session.add(_demo_person(rng, case))
        _demo_handling(rng, case, answerers, today)
    return len(records)


def _demo_handling(rng: random.Random, case: Case, answerers: list[StaffUser], today: date) -> None:
    """What a working team has recorded on a case: who answers it, flags and offers."""
    if case.triaged_on is None:
        return
    if case.kind is CaseKind.COMPLAINT:
        case.assignee = rng.choice(answerers)
        case.acknowledged_on = min(add_working_days(case.received_on, rng.randint(1, 3)), today)
        if case.stage(2) is not None:
            case.investigation = Investigation(
                investigating_officer="Robin Reid (independent)",
                independent_person="Sam Okafor",
                adjudicating_officer="Director of Children's Services",
            )
    case.safeguarding = rng.random() < 0.04
    if case.child_led:
        case.advocacy_offer = rng.choice(list(AdvocacyOffer))
        if case.advocacy_offer is AdvocacyOffer.REFERRED:
            case.advocacy_provider = current_app.config["ADVOCACY_PROVIDER"]["name"]


def _demo_person(rng: random.Random, case: Case) -> Person:
    first, last = rng.choice(_FIRST_NAMES), rng.choice(_LAST_NAMES)
    return Person(
        case_id=case.id,
        role=PersonRole.CHILD if case.child_led else PersonRole.COMPLAINANT,
        full_name=f"{first} {last}",
        email=f"{first}.{last}@example.org".lower(),
    )


def demo_records(rng: random.Random, today: date, rules: Timescales) -> Iterator[CaseRecord]:
    """Believable cases received over the last 13 months, at every step of the procedure."""
    kinds = (
        [CaseKind.COMPLAINT] * 60
        + [CaseKind.COMPLIMENT] * 20
        + [CaseKind.INFORMAL_FEEDBACK] * 8
        + [CaseKind.ADVOCACY_REQUEST] * 5
        + [CaseKind.DUTY] * 7
    )
    for number in range(DEMO_CASES):
        # The newest few are waiting for triage, so the queue always has work in it.
        received = today - timedelta(days=_demo_age(rng, number))
        kind = CaseKind.COMPLAINT if number < 8 else rng.choice(kinds)
        yield _demo_record(rng, kind, received, today, rules, triage=number < 8)


def _demo_age(rng: random.Random, number: int) -> int:
    """Days since a demo case arrived: the newest wait for triage, a good share arrived in
    the last six weeks (so stages are open, due soon and overdue), the rest over a year."""
    if number < 8:
        return number % 6
    if number < 60:
        return rng.randint(3, 45)
    return rng.randint(3, 400)


def _demo_record(
    rng: random.Random,
    kind: CaseKind,
    received: date,
    today: date,
    rules: Timescales,
    triage: bool,
) -> CaseRecord:
    child_led = rng.random() < 0.2
    complaint = kind is CaseKind.COMPLAINT
    procedure = rng.choice([Procedure.STATUTORY] * 7 + [Procedure.CORPORATE] * 2 + [Procedure.BOTH])
    stages = [] if triage or not complaint else _demo_stages(rng, procedure, received, today, rules)
    last_response = stages[-1].responded_on if stages else None
    themes = (
        defaults.INFORMAL_FEEDBACK_THEMES
        if kind is CaseKind.INFORMAL_FEEDBACK
        else defaults.COMPLAINT_THEMES
    )
    return CaseRecord(
        reference="",
        kind=kind,
        procedure=procedure if complaint else None,
        received_on=received,
        channel=rng.choice([Channel.WEB] * 4 + list(Channel)),
        submitted_by=_demo_submitter(rng, child_led),
        child_led=child_led,
        advocate_supported=child_led and rng.random() < 0.4,
        person_key=f"demo-{rng.randrange(16**8):08x}",
        team=rng.choice(defaults.TEAMS[:8]),
        locality=None,
        themes=rng.sample(themes, rng.randint(1, 2)) if kind in _THEMED else [],
        stages=stages,
        issues=_demo_issues(rng, stages) if complaint and not triage else [],
        mediation=_demo_mediation(rng, procedure, stages),
        ombudsman=_demo_ombudsman(rng, last_response, today),
        satisfaction=(
            SatisfactionRecord(rng.choice(list(SatisfactionStatus)))
            if child_led and last_response
            else None
        ),
        learning=_demo_learning(rng, stages, today),
        compliment_source=(
            rng.choice(list(ComplimentSource)) if kind is CaseKind.COMPLIMENT else None
        ),
    )


_THEMED = {CaseKind.COMPLAINT, CaseKind.INFORMAL_FEEDBACK}


def _demo_submitter(rng: random.Random, child_led: bool) -> SubmittedBy:
    if child_led:
        return rng.choice([SubmittedBy.CHILD, SubmittedBy.YOUNG_PERSON, SubmittedBy.ADVOCATE])
    return rng.choice(
        [SubmittedBy.PARENT] * 4
        + [SubmittedBy.FAMILY_MEMBER, SubmittedBy.FOSTER_CARER, SubmittedBy.PROFESSIONAL]
    )


def _demo_stages(
    rng: random.Random, procedure: Procedure, received: date, today: date, rules: Timescales
) -> list[StageRecord]:
    stages: list[StageRecord] = []
    started = min(add_working_days(received, rng.randint(0, 2)), today)  # never in the future
    for number in rules.stages_of(procedure):
        if started > today:
            break
        extended = rules.allows_extension(procedure, number) and rng.random() < 0.15
        due = stage_due(procedure, number, started, extended, rules)
        responded = add_working_days(started, rng.randint(3, 1 + int(1.5 * _days(due, started))))
        if responded > today:
            stages.append(StageRecord(number, started, extended, None, None))
            break
        outcome = rng.choice(list(Outcome)[:4])
        stages.append(StageRecord(number, started, extended, responded, outcome))
        if rng.random() > 0.3:
            break
        started = add_working_days(responded, rng.randint(5, 19))
    return stages


def _days(due: date, started: date) -> int:
    return max((due - started).days * 5 // 7, 1)


def _demo_issues(rng: random.Random, stages: list[StageRecord]) -> list[IssueRecord]:
    first = stages[0]
    categories = rng.sample(sorted(defaults.ISSUE_CATEGORIES), rng.randint(1, 3))
    issues = []
    for name in categories:
        subcategories = defaults.ISSUE_CATEGORIES[name]
        outcome = rng.choice(list(Outcome)[:4]) if first.responded_on else None
        issues.append(
            IssueRecord(name, rng.choice(subcategories) if subcategories else None, 1, outcome)
        )
    return issues


def _demo_mediation(
    rng: random.Random, procedure: Procedure, stages: list[StageRecord]
) -> MediationRecord | None:
    if procedure is Procedure.CORPORATE or len(stages) < 2 or rng.random() < 0.5:
        return None
    offered = add_working_days(stages[0].responded_on or stages[0].started_on, 2)
    return MediationRecord(
        offered, rng.choice([MediationResult.DECLINED, MediationResult.PROGRESSED_TO_STAGE_2])
    )


def _demo_ombudsman(
    rng: random.Random, last_response: date | None, today: date
) -> OmbudsmanRecord | None:
    if last_response is None or rng.random() > 0.06:
        return None
    received = min(last_response + timedelta(days=rng.randint(20, 90)), today)
    decision = rng.choice([None, *list(OmbudsmanDecision)])
    payment = (
        rng.choice([None, 25_000, 50_000]) if decision is OmbudsmanDecision.FAULT_FOUND else None
    )
    return OmbudsmanRecord(received, decision, payment)


def _demo_learning(
    rng: random.Random, stages: list[StageRecord], today: date
) -> LearningRecord | None:
    last = stages[-1] if stages else None
    if last is None or last.outcome is None or not last.outcome.upheld_or_partly:
        return None
    sent = min(last.responded_on + timedelta(days=2), today) if last.responded_on else today
    returned = sent + timedelta(days=rng.randint(5, 30))
    if returned > today:
        return LearningRecord(sent, None, [], None)
    return LearningRecord(
        sent, returned, rng.sample(defaults.LEARNING_CATEGORIES, rng.randint(1, 2)), None
    )
