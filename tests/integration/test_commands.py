"""The commands staff and scripts use: procedure dates, taxonomy, demo data, migrations."""

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError

from portal.extensions import db, migrate
from portal.models import ActorKind, Base, Case, StaffUser, Team, Theme
from portal.procedure.stages import Step
from portal.procedure.taxonomy import CaseKind
from portal.services.audit import record_event


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["due", "statutory", "1", "2021-12-23"], "2022-01-11"),
        (["due", "statutory", "1", "2021-12-23", "--extended"], "2022-01-25"),
        (["due", "corporate", "2", "2022-09-12"], "2022-10-11"),
        (["working-days", "2022-04-14", "2022-04-20"], "2"),
    ],
)
def test_procedure_commands_print_dates_and_counts(cli, args, output):
    result = cli.invoke(args=["procedure", *args])
    assert result.exit_code == 0
    assert result.stdout == f"{output}\n"


def test_procedure_due_refuses_a_stage_the_procedure_lacks(cli):
    result = cli.invoke(args=["procedure", "due", "corporate", "3", "2022-01-04"])
    assert result.exit_code == 2
    assert "corporate has no stage 3" in result.output


def test_a_council_can_change_its_timescales(make_app):
    app = make_app()
    app.config["TIMESCALES"] = {"corporate 1": [15, 25], "acknowledgement": 5}
    result = app.test_cli_runner().invoke(args=["procedure", "due", "corporate", "1", "2022-03-01"])
    assert result.stdout == "2022-03-22\n"


def test_taxonomy_seed_adds_only_what_is_missing(cli, session):
    # The test database was set up as `make run` does, so the defaults are there already.
    assert session.scalar(select(Team).filter_by(name="Fostering")).active
    assert session.scalar(select(func.count()).select_from(Theme)) == 24
    session.delete(session.scalar(select(Team).filter_by(name="Fostering")))
    session.commit()
    assert "Added 1 taxonomy entries." in cli.invoke(args=["taxonomy", "seed"]).output
    assert "Added 0 taxonomy entries." in cli.invoke(args=["taxonomy", "seed"]).output


def test_demo_data_is_a_believable_working_queue(cli, session):
    result = cli.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "manager@example.org" in result.output
    cases = session.scalars(select(Case)).all()
    assert 180 <= len(cases) <= 220
    assert {case.kind for case in cases} == set(CaseKind)
    steps = {case.step for case in cases if case.kind is CaseKind.COMPLAINT}
    assert {Step.AWAITING_TRIAGE, Step.STAGE_1, Step.CLOSED} <= steps
    assert steps & {Step.STAGE_2, Step.STAGE_3, Step.MEDIATION}
    assert max(case.received_on for case in cases) == date.today()
    assert session.scalar(select(func.count()).select_from(StaffUser)) == 5


def test_demo_data_loads_only_into_an_empty_database(cli, session):
    cli.invoke(args=["demo", "load"])
    count = session.scalar(select(func.count()).select_from(Case))
    result = cli.invoke(args=["demo", "load"])
    assert "already loaded" in result.output
    assert session.scalar(select(func.count()).select_from(Case)) == count


def test_demo_data_is_refused_when_switched_off(make_app):
    app = make_app()
    app.config["DEMO_DATA"] = False
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0


def test_migrations_have_a_single_head(app):
    with app.app_context():
        script = ScriptDirectory.from_config(migrate.get_config())
        assert len(script.get_heads()) == 1


def schema_differences():
    """What autogenerate would still write: nothing, when the models match the schema."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_the_migrated_schema_matches_the_models(session):
    assert schema_differences() == []


def test_migrations_downgrade_and_upgrade_again(session):
    downgrade(revision="base")
    with db.engine.connect() as connection:
        tables = db.inspect(connection).get_table_names()
    assert set(tables) <= {"alembic_version"}
    # Up one revision at a time, each undone and done again: every downgrade leaves what its
    # upgrade found, in a form that upgrade accepts a second time
    script = ScriptDirectory.from_config(migrate.get_config())
    for step in reversed(list(script.walk_revisions("base", "heads"))):
        upgrade(revision=step.revision)
        downgrade(revision="-1")
        upgrade(revision=step.revision)
    # The round trip leaves the schema the models describe, triggers included
    assert schema_differences() == []
    record_event(session, "test.event", actor_kind=ActorKind.SYSTEM)
    session.commit()
    with pytest.raises(DatabaseError, match="append-only"), db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_events")
