"""Importing and exporting cases in the interchange format, through the real commands."""

import json

import pytest
from sqlalchemy import func, select

from portal.models import AuditEvent, Case

VALID = {
    "reference": "T-0001",
    "kind": "complaint",
    "procedure": "statutory",
    "received_on": "2021-12-23",
    "channel": "web",
    "submitted_by": "parent",
    "child_led": False,
    "advocate_supported": False,
    "person_key": "p-1",
    "team": "Fostering",
    "locality": None,
    "themes": ["Decision Making"],
    "stages": [
        {
            "stage": 1,
            "started_on": "2021-12-23",
            "extended": False,
            "responded_on": "2022-01-11",
            "outcome": "upheld",
        }
    ],
    "issues": [
        {"category": "Decision Making", "subcategory": None, "stage": 1, "outcome": "upheld"}
    ],
    "mediation": None,
    "ombudsman": None,
    "satisfaction": None,
    "learning": {
        "sent_on": "2022-01-12",
        "returned_on": None,
        "categories": ["Training"],
        "implemented_on": None,
    },
    "compliment_source": None,
}


def line(**changes: object) -> str:
    return json.dumps({**VALID, **changes})


def write(tmp_path, *lines: str):
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
    return path


def case_count(session) -> int:
    return session.scalar(select(func.count()).select_from(Case))


def test_sandwell_round_trip_is_byte_identical(cli, session, sandwell_data, tmp_path):
    imported = cli.invoke(args=["cases", "import", str(sandwell_data)])
    assert imported.exit_code == 0, imported.output
    exported = cli.invoke(args=["cases", "export"])
    assert exported.exit_code == 0
    assert exported.stdout.encode("utf-8") == sandwell_data.read_bytes()
    assert case_count(session) == 1789


def test_export_then_import_into_an_empty_database_gives_the_same_lines(cli, make_app, tmp_path):
    # No app context is held open here: a command picks its own app only when none is.
    complaint = line()
    compliment = line(
        reference="T-0002", kind="compliment", procedure=None, stages=[], issues=[],
        learning=None, compliment_source="court",
    )  # fmt: skip
    assert cli.invoke(args=["cases", "import", str(write(tmp_path, compliment, complaint))])
    exported = cli.invoke(args=["cases", "export"]).stdout
    assert exported.splitlines() == [complaint, compliment]

    empty = make_app().test_cli_runner()
    path = tmp_path / "exported.jsonl"
    path.write_text(exported, encoding="utf-8")
    assert empty.invoke(args=["cases", "import", str(path)]).exit_code == 0
    assert empty.invoke(args=["cases", "export"]).stdout == exported


def stage_one(started_on: str, responded_on: str) -> dict:
    return {**VALID["stages"][0], "started_on": started_on, "responded_on": responded_on}


def test_export_by_year_keeps_cases_active_in_that_year(cli, session, tmp_path):
    old = line(
        reference="T-OLD", received_on="2019-05-01", learning=None,
        stages=[stage_one("2019-05-01", "2019-05-10")],
    )  # fmt: skip
    late = line(
        reference="T-LATE", received_on="2021-03-30", learning=None,
        stages=[stage_one("2021-03-30", "2021-04-14")],
    )  # fmt: skip
    cli.invoke(args=["cases", "import", str(write(tmp_path, old, late, line()))])
    exported = cli.invoke(args=["cases", "export", "--year", "2021"]).stdout.splitlines()
    assert [json.loads(text)["reference"] for text in exported] == ["T-0001", "T-LATE"]


def test_each_imported_case_gets_an_audit_event(cli, session, tmp_path):
    cli.invoke(args=["cases", "import", str(write(tmp_path, line()))])
    event = session.scalars(select(AuditEvent)).one()
    assert event.action == "case.imported"
    assert event.case_id == session.scalars(select(Case.id)).one()


BAD_LINES = [
    (line(procedure=None), "a complaint needs a procedure"),
    (line(kind="compliment", stages=[], issues=[]), "a compliment cannot have a procedure"),
    (
        line(kind="duty", procedure=None, learning=None),
        "a duty cannot have stages",
    ),
    (line(compliment_source="court"), "compliment_source is only for compliments"),
    (
        line(stages=[{**VALID["stages"][0], "stage": 2}, VALID["stages"][0]]),
        "stages must be in increasing order",
    ),
    (
        line(procedure="corporate", stages=[{**VALID["stages"][0], "stage": 3}]),
        "a corporate complaint has no stage 3",
    ),
    (
        line(procedure="corporate", stages=[{**VALID["stages"][0], "stage": 2, "extended": True}]),
        "corporate stage 2 cannot be extended",
    ),
    (
        line(stages=[{**VALID["stages"][0], "responded_on": "2021-12-22"}]),
        "stage 1 responded_on is before its started_on",
    ),
    (line(colour="blue"), "unknown key colour"),
    (line(learning={**VALID["learning"], "extra": 1}), "unknown key extra in learning"),
    (json.dumps({k: v for k, v in VALID.items() if k != "team"}), "team is missing"),
    (line(received_on="23/12/2021"), "received_on must be a date written YYYY-MM-DD"),
    (line(received_on="2021-W51-4"), "received_on must be a date written YYYY-MM-DD"),
    (line(channel="pigeon"), "channel must be one of web, email"),
    (line(child_led="yes"), "child_led must be true or false"),
    (line(issues=[{**VALID["issues"][0], "stage": 4}]), "issues[0].stage must be 1, 2 or 3"),
    (
        line(ombudsman={"received_on": "2022-01-01", "decision": None, "payment_pence": -5}),
        "ombudsman.payment_pence must be a whole number",
    ),
    ("{not json", "not valid JSON"),
    ("[]", "case must be a JSON object"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES)
def test_an_invalid_line_is_reported_and_nothing_is_imported(cli, session, tmp_path, bad, reason):
    result = cli.invoke(args=["cases", "import", str(write(tmp_path, line(reference="T-OK"), bad))])
    assert result.exit_code != 0
    assert f"line 2: {reason}" in result.stderr
    assert case_count(session) == 0


def test_every_bad_line_is_listed(cli, session, tmp_path):
    path = write(tmp_path, line(channel="x"), line(reference="T-2"), "", line(reference="T-2"))
    result = cli.invoke(args=["cases", "import", str(path)])
    assert result.exit_code == 1
    assert "line 1: channel" in result.stderr
    assert "line 3: blank line" in result.stderr
    assert "line 4: reference T-2 repeats line 2" in result.stderr
    assert not any(text.startswith("line 2:") for text in result.stderr.splitlines())
    assert case_count(session) == 0


def test_a_reference_already_held_is_refused(cli, session, tmp_path):
    cli.invoke(args=["cases", "import", str(write(tmp_path, line()))])
    result = cli.invoke(args=["cases", "import", str(write(tmp_path, line()))])
    assert "line 1: reference T-0001 already exists" in result.stderr
    assert case_count(session) == 1
