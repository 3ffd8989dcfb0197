"""Time the annual report over many cases: python bench/annual_report.py [CASES].

Builds a fresh database (SQLite in a temporary folder, or the PostgreSQL database named by
PORTAL_DATABASE_URL), fills it with CASES generated complaints (100,000 by default) with a
stage 1 each and four issues each, then times the report for the latest full reporting
year. Prints the seconds taken; the target is under 2.
"""

import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fill import BATCH, CaseMaker, Taxonomy, bench_app, write_rows
from portal.config import timescales
from portal.extensions import db
from portal.reports.annual import ReportSettings, annual_report
from portal.reports.periods import ReportingYear

YEAR = ReportingYear(2024)
START = date(2021, 4, 1)


def fill(count: int) -> None:
    """``count`` closed complaints received over four years from April 2021, written in
    the order they were received, as a portal writes them."""
    rng = random.Random(2024)
    maker = CaseMaker(rng, Taxonomy.load(db.session), person_pool=max(count // 2, 1))
    outcomes = ["upheld", "partially_upheld", "not_upheld", None]
    days = sorted(rng.randrange(4 * 365) for _ in range(count))
    for first in range(0, count, BATCH):
        for day in days[first : first + BATCH]:
            case = maker.case(
                "complaint", START + timedelta(days=day),
                procedure=rng.choice(["statutory", "statutory", "corporate", "both"]),
                step="closed",
            )  # fmt: skip
            started = case["received_on"] + timedelta(days=rng.randrange(3))
            outcome = rng.choice(outcomes)
            responded = started + timedelta(days=rng.randrange(5, 40)) if outcome else None
            maker.stage(case, 1, started, outcome, responded)
            maker.issues(case, 4, 1, outcome, subcategories=False)
        write_rows(db.session, maker.take(chain=None))
        db.session.commit()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    app, _database = bench_app()
    with app.app_context():
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
