"""The audit trail, on SQLite and PostgreSQL: the database refuses to change it, each event
is chained to the one before by its hash, and `flask audit verify` finds the first break."""

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from portal.models import ActorKind, AuditEvent, IssueCategory, StaffUser, Team
from portal.models.audit import GENESIS_HASH, chain_hash, hash_of
from portal.services.audit import record_event

from ..support.databases import app_config
from .conftest import signed_in
from .test_casework import ids, post, web_complaint

INTACT = "Audit trail intact: {} events\n"


def record(app, count, **details):
    """Record ``count`` events through the service, each in its own transaction."""
    with app.app_context():
        for number in range(count):
            record_event(db.session, "test.event", actor_kind=ActorKind.SYSTEM, n=number,
                         **details)  # fmt: skip
            db.session.commit()


def event_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(AuditEvent))


def verify(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def drop_update_and_delete_guards(session):
    """What only someone with the database owner's rights could do."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(sa.text("DROP TRIGGER audit_events_no_update"))
        session.execute(sa.text("DROP TRIGGER audit_events_no_delete"))
    else:
        session.execute(sa.text("DROP TRIGGER audit_events_no_change ON audit_events"))


REFUSED = ["UPDATE audit_events SET action = 'x'", "DELETE FROM audit_events"]


def test_the_database_refuses_to_change_audit_events(app):
    record(app, 1)
    with app.app_context():
        assert_append_only()
        assert db.session.scalars(select(AuditEvent.action)).all() == ["test.event"]


def test_postgresql_refuses_to_truncate_audit_events(postgresql_templates):
    app = create_app(app_config(postgresql_templates.fresh()))
    record(app, 1)
    with app.app_context():
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            db.session.execute(sa.text("TRUNCATE audit_events"))
        db.session.rollback()
        db.engine.dispose()
    assert event_count(app) == 1


def test_a_trail_built_by_the_services_verifies(casework_app):
    # Given four staff accounts, a complaint sent online, triaged and viewed by staff
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    (team,) = ids(app, Team, "Fostering")
    (category,) = ids(app, IssueCategory, "Unsatisfactory Communication")
    with app.app_context():
        manager = db.session.scalar(select(StaffUser.id).filter_by(email="manager@example.org"))
    base = f"/staff/cases/{reference}"
    triage = {"decision": "statutory", "team": team, "assignee": manager, "advocacy_offer": "made"}
    post(officer, f"{base}/triage", {name: str(value) for name, value in triage.items()})
    post(officer, f"{base}/issues", {"issue": f"{category}:"})
    assert officer.get(base).status_code == 200
    officer.post("/staff/sign-out")
    # And details the JSON round trip could change: non-ASCII text, integer-like keys out of
    # order, floats, nesting, a timestamp with microseconds
    record(app, 1, codes=["é", "ü"], nested={"10": 1, "9": [1.5, None, True]}, ratio=0.1)
    total = event_count(app)
    assert total >= 10

    # When the chain is checked, from a fresh session
    result = verify(app)

    # Then every event is intact, and the newest hash is printed to keep elsewhere
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(INTACT.format(total))
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert events[0].previous_hash == GENESIS_HASH
    assert [e.previous_hash for e in events[1:]] == [e.event_hash for e in events[:-1]]
    assert f"Latest hash: {events[-1].event_hash}" in result.stdout


def test_an_empty_trail_is_intact(app):
    result = verify(app)
    assert result.exit_code == 0
    assert result.stdout.startswith(INTACT.format(0))


def change_details(session):
    session.execute(sa.update(AuditEvent).where(AuditEvent.id == 3).values(details={"n": 7}))
    return 3, 2, "its hash does not match its contents"


def change_and_rehash(session):
    """Someone who knows the algorithm rewrites one event and its own hash, not the rest."""
    event = session.get(AuditEvent, 3)
    event.details = {"n": 7}
    event.event_hash = hash_of(event)
    return 4, 3, "its previous hash does not match event 3"


def delete_a_middle_event(session):
    session.execute(sa.delete(AuditEvent).where(AuditEvent.id == 3))
    return 4, 2, "its previous hash does not match event 2"


def forge_an_event_at_the_end(session):
    """A forged event that claims the right place but whose hash was made up."""
    tip = session.scalar(select(AuditEvent.event_hash).where(AuditEvent.id == 5))
    session.add(forged(previous_hash=tip, event_hash="f" * 64))
    return 6, 5, "its hash does not match its contents"


def forge_an_event_off_the_chain(session):
    """A forged event with a well-made hash, chained to something that is not the tip."""
    event = forged(previous_hash="a" * 64, event_hash="")
    event.event_hash = hash_of(event)
    session.add(event)
    return 6, 5, "its previous hash does not match event 5"


def forged(**hashes):
    return AuditEvent(occurred_at=datetime.now(UTC), actor_kind=ActorKind.STAFF, actor_id=1,
                      action="case.closed", case_id=1, details={}, **hashes)  # fmt: skip


@pytest.mark.parametrize(
    "tamper",
    [
        change_details,
        change_and_rehash,
        delete_a_middle_event,
        forge_an_event_at_the_end,
        forge_an_event_off_the_chain,
    ],
)
def test_tampering_is_reported_at_the_first_broken_event(app, tamper):
    # Given five chained events, and someone who can get past the triggers
    record(app, 5)
    with app.app_context():
        drop_update_and_delete_guards(db.session)
        broken_at, intact, problem = tamper(db.session)
        db.session.commit()

    # When the chain is checked
    result = verify(app)

    # Then it fails at the first event that no longer fits, and says why
    assert result.exit_code == 1
    assert f"Audit trail broken at event {broken_at}: {problem}" in result.output
    assert f"The {intact} event(s) before it are intact." in result.output
    assert "intact:" not in result.output


def latest_hash(result):
    return result.stdout.splitlines()[1].removeprefix("Latest hash: ")


def test_a_hash_noted_earlier_is_still_found_as_the_trail_grows(app):
    record(app, 3)
    noted = latest_hash(verify(app))
    record(app, 2)
    result = app.test_cli_runner().invoke(args=["audit", "verify", "--expect-hash", noted])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(INTACT.format(5))


def remove_the_newest_events(session):
    session.execute(sa.delete(AuditEvent).where(AuditEvent.id > 3))


def rewrite_from_the_middle(session):
    """Someone who changes event 3 and rehashes every event after it."""
    events = session.scalars(select(AuditEvent).where(AuditEvent.id >= 3).order_by(AuditEvent.id))
    previous = session.scalar(select(AuditEvent.event_hash).where(AuditEvent.id == 2))
    for event in events.all():
        if event.id == 3:
            event.details = {"n": 7}
        event.previous_hash = previous
        event.event_hash = previous = hash_of(event)
        session.flush()


@pytest.mark.parametrize("rewrite", [remove_the_newest_events, rewrite_from_the_middle])
def test_a_rewrite_the_chain_cannot_see_is_caught_by_a_hash_noted_earlier(app, rewrite):
    # Given five events whose latest hash was noted outside the database
    record(app, 5)
    noted = latest_hash(verify(app))
    # When someone past the triggers rewrites the trail consistently
    with app.app_context():
        drop_update_and_delete_guards(db.session)
        rewrite(db.session)
        db.session.commit()
    # Then the chain alone looks intact, but the noted hash is no longer in it
    assert verify(app).exit_code == 0
    result = app.test_cli_runner().invoke(args=["audit", "verify", "--expect-hash", noted])
    assert result.exit_code == 1
    assert f"Audit trail rewritten: no event has the hash {noted}." in result.output


def test_concurrent_writers_keep_the_chain_linear(app):
    # Given two writers that start together, each recording events in many transactions
    writers, rounds = 2, 15
    start = threading.Barrier(writers, timeout=30)
    errors = []

    def write(worker):
        try:
            with app.app_context():
                start.wait()
                for number in range(rounds):
                    for part in range(2):  # two events in one transaction
                        record_event(db.session, "test.event", actor_kind=ActorKind.SYSTEM,
                                     worker=worker, n=number, part=part)  # fmt: skip
                        db.session.flush()
                    db.session.commit()
                db.session.remove()
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # Then neither writer failed, and each previous hash was used exactly once
    assert errors == []
    with app.app_context():
        previous = db.session.scalars(select(AuditEvent.previous_hash)).all()
        workers = db.session.scalars(select(AuditEvent.details)).all()
    assert len(previous) == len(set(previous)) == writers * rounds * 2
    assert {w["worker"] for w in workers} == set(range(writers))
    result = verify(app)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(INTACT.format(writers * rounds * 2))


def test_the_migration_chains_events_recorded_before_it(app):
    # Given events recorded before the chain existed
    moment = datetime(2026, 11, 23, 10, 0, 0, 123456, tzinfo=UTC)
    with app.app_context():
        downgrade(revision="0008")
        old = sa.table("audit_events", sa.column("occurred_at", sa.DateTime(timezone=True)),
                       sa.column("actor_kind"), sa.column("action"), sa.column("case_id"),
                       sa.column("details", sa.JSON))  # fmt: skip
        with db.engine.begin() as connection:
            connection.execute(old.insert(), [
                {"occurred_at": moment, "actor_kind": "system", "action": "case.imported",
                 "case_id": n, "details": {"reference": f"T-{n}", "é": [n, 0.5]}}
                for n in range(1, 4)
            ])  # fmt: skip

        # When the database is upgraded
        upgrade()

    # Then they are chained in id order, the chain verifies, and new events follow on
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [e.case_id for e in events] == [1, 2, 3]
        assert events[0].occurred_at == moment
        assert events[0].event_hash == chain_hash(
            occurred_at=moment, actor_kind="system", actor_id=None, action="case.imported",
            case_id=1, details={"reference": "T-1", "é": [1, 0.5]}, previous_hash=GENESIS_HASH,
        )  # fmt: skip
    record(app, 1)
    result = verify(app)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(INTACT.format(4))

    # And the table still refuses changes, after the upgrade and after a downgrade
    with app.app_context():
        assert_append_only()
        downgrade(revision="0008")
        assert_append_only()


def assert_append_only():
    """UPDATE and DELETE are refused, and every event is still there."""
    with db.engine.connect() as connection:
        count = connection.exec_driver_sql("SELECT count(*) FROM audit_events").scalar()
    for statement in REFUSED:
        with pytest.raises(sa.exc.DatabaseError, match="append-only"), db.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM audit_events").scalar() == count
