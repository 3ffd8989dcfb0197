"""Fill a fresh database with realistic cases: python bench/seed.py [CASES].

Builds a fresh database (SQLite in a temporary folder, or the empty PostgreSQL database
named by PORTAL_DATABASE_URL) and fills it with CASES (100,000 by default) received over
the last five years: complaints (statutory, corporate or both) with a stage 1 each and
stages 2 and 3 for some, compliments and children's informal feedback; issues from the
default taxonomy with their outcomes; people with contact details; messages and notes (a
few cases with dozens); and the audit events of it all, on one valid hash chain. The
newest complaints are still open, so the staff queue has work due this week and overdue.

Prints the time taken, the rows in each table, and what the HTTP benchmark needs: the
database URL, a complaints officer's sign-in (a password and TOTP secret for this bench
database only), a case with a long timeline and an open case.
"""

import logging
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fill import (
    BATCH,
    STATEMENTS,
    AuditChain,
    CaseMaker,
    Taxonomy,
    at,
    bench_app,
    reset_sequences,
    write_rows,
)
from portal.extensions import db
from portal.models import AuditEvent, Role
from portal.models.base import Base
from portal.procedure.deadlines import DEFAULT_TIMESCALES
from portal.procedure.taxonomy import Procedure
from portal.services.staff import create_staff_user

YEARS = 5
#: The bench officer's sign-in: printed, and only ever in a bench database.
OFFICER_EMAIL = "bench-officer@example.org"
OFFICER_PASSWORD = "bench-only-password"  # noqa: S105  # nosec B105  # a throwaway bench database
OFFICER_TOTP_SECRET = "BENCHONLYTOTPSECRETBENCHONLY2345"  # noqa: S105  # nosec B105  # as above
OUTCOMES = ["upheld", "partially_upheld", "not_upheld", "not_upheld", "inconclusive"]
#: Messages on the cases with long timelines.
LONG_TIMELINE = (30, 60)


def add_staff(count_officers: int = 4, count_managers: int = 12) -> tuple[list[int], list[int]]:
    """The bench officer (who can sign in), other officers, and investigating managers."""
    session = db.session
    officer = create_staff_user(
        session, email=OFFICER_EMAIL, display_name="Bench Officer",
        role=Role.COMPLAINTS_OFFICER, password=OFFICER_PASSWORD,
    )  # fmt: skip
    officer.totp_secret = OFFICER_TOTP_SECRET
    officers = [officer.id]
    for number in range(1, count_officers):
        officers.append(create_staff_user(
            session, email=f"officer{number}@example.org", display_name=f"Officer {number}",
            role=Role.COMPLAINTS_OFFICER,
        ).id)  # fmt: skip
    managers = [
        create_staff_user(
            session, email=f"manager{number}@example.org", display_name=f"Manager {number}",
            role=Role.INVESTIGATING_MANAGER,
        ).id
        for number in range(count_managers)
    ]  # fmt: skip
    session.commit()
    return officers, managers


def complaint(maker: CaseMaker, received: date, today: date) -> dict:
    """A complaint and its journey, as far as it has gone by ``today``."""
    rng = maker.rng
    procedure = rng.choices(["statutory", "corporate", "both"], [55, 35, 10])[0]
    case = maker.case("complaint", received, procedure=procedure)
    if case["channel"] == "web":
        maker.event(case["created_at"], "public", None, "complaint.submitted", case,
                    procedure=procedure)  # fmt: skip
    maker.person(case, "complainant")
    if case["child_led"] or rng.random() < 0.5:
        maker.person(case, "child")
    maker.rows["case_statements"].append({
        "case_id": case["id"], "what_happened": rng.choice(STATEMENTS),
        "happened_on": received - timedelta(days=rng.randrange(90)),
        "wanted_outcome": "An apology and a plan that is kept to.",
    })  # fmt: skip
    if (today - received).days <= 4 and rng.random() < 0.7:
        case.update(step="awaiting_triage", procedure_confirmed=False)
        return case
    officer = rng.choice(maker.officers)
    triaged = min(received + timedelta(days=rng.randrange(3)), today)
    case.update(triaged_on=triaged, assignee_id=rng.choice(maker.answerers),
                acknowledged_on=min(triaged + timedelta(days=rng.randrange(2)), today))  # fmt: skip
    maker.event(triaged, "staff", officer, "case.triaged", case, kind="complaint",
                procedure=procedure, declined=None)  # fmt: skip
    maker.event(case["acknowledged_on"], "staff", officer, "case.acknowledged", case)
    for theme in rng.sample(maker.taxonomy.themes, rng.randint(1, 2)):
        maker.rows["case_themes"].append({"case_id": case["id"], "theme_id": theme,
                                          "position": len(maker.rows["case_themes"])})  # fmt: skip
    last_stage = 1
    if rng.random() < 0.12:
        last_stage = 2 if procedure == "corporate" or rng.random() < 0.75 else 3
    started, ended, outcome = received, None, None
    for number in range(1, last_stage + 1):
        length = {1: (5, 30), 2: (40, 110), 3: (20, 45)}[number]
        extendable = DEFAULT_TIMESCALES.allows_extension(Procedure(procedure), number)
        responded = started + timedelta(days=rng.randint(*length))
        withdrawn = rng.random() < 0.03
        outcome = "withdrawn" if withdrawn else rng.choice(OUTCOMES)
        if responded > today:
            maker.stage(case, number, started, None, None, extendable)
            case["step"] = f"stage_{number}"
            maker.issues(case, rng.randint(1, 4), number, None)
            return case
        maker.stage(case, number, started, outcome, responded, extendable)
        ended = responded
        if withdrawn:
            break
        started = responded + timedelta(days=rng.randint(5, 20))
        if started > today:
            break
    maker.issues(case, rng.randint(1, 4), number, outcome)
    closed = min(ended + timedelta(days=rng.randrange(5)), today)
    case.update(step="withdrawn" if outcome == "withdrawn" else "closed", closed_on=closed,
                left_step=f"stage_{number}")  # where reopening it would take it  # fmt: skip
    maker.event(closed, "staff", officer, "case.withdrawn" if outcome == "withdrawn"
                else "case.closed", case)  # fmt: skip
    return case


def compliment(maker: CaseMaker, received: date, today: date) -> dict:
    """A compliment for a worker or team, thanked and passed on."""
    rng = maker.rng
    source = rng.choice(["child_young_person", "parent", "carer", "foster_carer",
                         "partner_agency", "court"])  # fmt: skip
    case = maker.case("compliment", received, compliment_source=source,
                      child_led=source == "child_young_person")  # fmt: skip
    if rng.random() < 0.6:
        maker.person(case, "complainant")
    maker.rows["case_statements"].append({
        "case_id": case["id"], "message": "Thank you for all the help this year.",
        "worker_name": f"{rng.choice(['Sam', 'Alex', 'Jo'])} in the team",
        "share_with_worker": True,
    })  # fmt: skip
    if case["channel"] == "web":
        maker.event(case["created_at"], "public", None, "compliment.submitted", case)
    _triage_other(maker, case, today)
    return case


def informal_feedback(maker: CaseMaker, received: date, today: date) -> dict:
    """A child's or young person's informal feedback."""
    rng = maker.rng
    case = maker.case("informal_feedback", received, channel="web", child_led=True,
                      submitted_by=rng.choice(["child", "young_person"]))  # fmt: skip
    maker.person(case, "child")
    maker.event(case["created_at"], "public", None, "young.submitted", case,
                kind="informal_feedback")  # fmt: skip
    if _triage_other(maker, case, today):
        # The participation team follows it up, then closes it.
        closed = case["triaged_on"] + timedelta(days=rng.randint(5, 40))
        if closed <= today:
            case["closed_on"] = closed
            maker.event(closed, "staff", rng.choice(maker.officers), "case.closed", case)
    return case


def _triage_other(maker: CaseMaker, case: dict, today: date) -> bool:
    """Triage a contact that is not a complaint, unless it is still new."""
    if (today - case["received_on"]).days <= 3:
        return False
    triaged = case["received_on"] + timedelta(days=maker.rng.randrange(3))
    case["triaged_on"] = triaged
    maker.event(triaged, "staff", maker.rng.choice(maker.officers), "case.triaged", case,
                kind=case["kind"], procedure=None, declined=None)  # fmt: skip
    return True


KINDS = [(complaint, 60), (compliment, 28), (informal_feedback, 12)]


def timeline(maker: CaseMaker, case: dict, today: date, long: bool) -> None:
    """Messages, notes and staff views over the life of ``case``."""
    rng = maker.rng
    last = case["closed_on"] or today
    if long:
        count = rng.randint(*LONG_TIMELINE)
    else:
        count = rng.choices([0, 1, 2, 3, rng.randint(4, 10)], [35, 20, 15, 10, 20])[0]
    if case["kind"] != "complaint":
        count //= 3
    maker.messages(case, count, case["received_on"], last)
    span = (last - case["received_on"]).days
    for _ in range(rng.randint(1, 4) + count // 4):
        when = at(rng, case["received_on"] + timedelta(days=rng.randint(0, span)))
        maker.event(when, "staff", rng.choice(maker.officers), "case.viewed", case)


def seed(count: int, today: date, prefix: str) -> dict[str, str]:
    """Add the staff and ``count`` cases; the references worth opening."""
    session = db.session
    rng = random.Random(2025)  # nosec B311  # bench data, not security
    officers, managers = add_staff()
    tip = session.execute(
        sa.select(AuditEvent.id, AuditEvent.event_hash).order_by(AuditEvent.id.desc()).limit(1)
    ).one()
    chain = AuditChain(next_id=tip.id + 1, tip=tip.event_hash)
    maker = CaseMaker(rng, Taxonomy.load(session), prefix=prefix, officers=officers,
                      answerers=managers, person_pool=max(count * 4 // 5, 1))  # fmt: skip
    start = today - timedelta(days=YEARS * 365)
    days = sorted(rng.randrange((today - start).days + 1) for _ in range(count))
    kinds, weights = zip(*KINDS, strict=True)
    found: dict[str, str] = {}
    for first in range(0, count, BATCH):
        for offset in days[first : first + BATCH]:
            received = start + timedelta(days=offset)
            case = rng.choices(kinds, weights)[0](maker, received, today)
            long = case["kind"] == "complaint" and rng.random() < 0.01
            timeline(maker, case, today, long)
            if long and case["step"] == "closed":
                found["long"] = case["reference"]
            if case["step"] == "stage_1":
                found["open"] = case["reference"]
        write_rows(session, maker.take(chain))
        session.commit()
    reset_sequences(session)
    session.commit()
    return found


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app, database = bench_app()
    # One line per staff account created would hide what the bench prints.
    logging.getLogger("portal.audit").setLevel(logging.WARNING)
    with app.app_context():
        began = time.perf_counter()
        found = seed(count, date.today(), app.config["REFERENCE_PREFIX"])
        took = time.perf_counter() - began
        print(f"Seeded {count:,} cases in {took:.1f} s ({db.engine.dialect.name})")
        for name in sorted(Base.metadata.tables):
            rows = db.session.scalar(sa.select(sa.func.count()).select_from(sa.table(name)))
            if rows:
                print(f"  {name:24} {rows:>10,}")
    print(f"Database: {database}")
    print(f"Staff sign-in: {OFFICER_EMAIL} / {OFFICER_PASSWORD}, "
          f"TOTP secret {OFFICER_TOTP_SECRET} (this bench database only)")  # fmt: skip
    print(f"A case with a long timeline: {found.get('long')}")
    print(f"An open case at stage 1: {found.get('open')}")


if __name__ == "__main__":
    main()
