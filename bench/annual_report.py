"""Time the annual report over many cases: python bench/annual_report.py [CASES].

Builds a fresh database (SQLite in a temporary folder, or the PostgreSQL database named by
PORTAL_DATABASE_URL), fills it with CASES generated complaints (100,000 by default) with a
stage 1 each, some later stages, and four issues each, then times the report for the
latest full reporting year. Prints the seconds taken; the target is under 2.
"""

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal import create_app
from portal.config import timescales
from portal.extensions import db
from portal.models import Case, CaseIssue, IssueCategory, Stage
from portal.reports.annual import ReportSettings, annual_report
from portal.reports.periods import ReportingYear
from portal.services.taxonomy import seed_default_taxonomy

BATCH = 5_000
YEAR = ReportingYear(2024)


def case_rows(count: int, rng: random.Random) -> list[dict]:
    start = date(2021, 4, 1)
    rows = []
    for number in range(count):
        received = start + timedelta(days=rng.randrange(4 * 365))
        rows.append({
            "id": number + 1, "reference": f"B-{number:08d}", "kind": "complaint",
            "procedure": rng.choice(["statutory", "statutory", "corporate", "both"]),
            "received_on": received, "channel": rng.choice(["web", "email", "telephone"]),
            "submitted_by": rng.choice(["parent", "child", "carer", "young_person"]),
            "child_led": rng.random() < 0.15, "advocate_supported": rng.random() < 0.05,
            "person_key": f"p{rng.randrange(count // 2)}", "step": "closed",
            "procedure_confirmed": True, "out_of_time": False, "language": "en",
            "safeguarding": False, "created_at": sa.func.now(),
        })  # fmt: skip
    return rows


def fill(count: int) -> None:
    rng = random.Random(2024)
    seed_default_taxonomy(db.session)
    db.session.commit()
    categories = list(db.session.scalars(sa.select(IssueCategory.id)))
    cases = case_rows(count, rng)
    outcomes = ["upheld", "partially_upheld", "not_upheld", None]
    for first in range(0, count, BATCH):
        batch = cases[first : first + BATCH]
        for row in batch:
            row.pop("created_at")
        db.session.execute(sa.insert(Case), batch)
        stages, issues = [], []
        for row in batch:
            started = row["received_on"] + timedelta(days=rng.randrange(3))
            outcome = rng.choice(outcomes)
            responded = started + timedelta(days=rng.randrange(5, 40)) if outcome else None
            stages.append({"case_id": row["id"], "number": 1, "started_on": started,
                           "extended": rng.random() < 0.1, "responded_on": responded,
                           "outcome": outcome})  # fmt: skip
            for position in range(4):
                category = rng.choice(categories)
                issues.append({"case_id": row["id"], "position": position, "stage": 1,
                               "category_id": category, "outcome": outcome})  # fmt: skip
        db.session.execute(sa.insert(Stage), stages)
        db.session.execute(sa.insert(CaseIssue), issues)
        db.session.commit()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    url = os.environ.get("PORTAL_DATABASE_URL")
    folder = tempfile.mkdtemp()
    database = url or f"sqlite:///{folder}/bench.db"
    app = create_app({"DATABASE_URL": database, "SECRET_KEY": "bench-" + "x" * 40})
    with app.app_context():
        upgrade(directory=str(Path(app.root_path) / "migrations"))
        began = time.perf_counter()
        fill(count)
        print(f"Filled {count:,} cases and {4 * count:,} issues in "
              f"{time.perf_counter() - began:.1f} s ({db.engine.dialect.name})")  # fmt: skip
        settings = ReportSettings(timescales(app.config), app.config["STAGE2_COST_PENCE"])
        timings = []
        for _ in range(3):
            began = time.perf_counter()
            report = annual_report(db.session, YEAR, settings)
            timings.append(time.perf_counter() - began)
        received = report["complaints"]["received"]
        print(f"Annual report {report['year']} over {received:,} complaints received that "
              f"year: best of 3 {min(timings):.2f} s (target < 2 s)")  # fmt: skip


if __name__ == "__main__":
    main()
