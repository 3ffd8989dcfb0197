"""How many complaints a second the portal takes in: ``bench/http.sh``'s submission figure.

    python bench/submissions.py BASE_URL DATABASE_URL [--count 400] [--clients 10]

A submission is the press of "Send" on check your answers: the one request that writes the
case, its people, statement, secret words and acknowledgement email in one transaction.
First (not timed) COUNT visitors answer every question of the adult complaint form and read
the check page's form token. Then CLIENTS threads press "Send" for all of them as fast as
the portal answers, and the time from the first press to the last answer is measured.

Prints submissions a second and latency percentiles, then checks that every press led to
the confirmation and that the database gained exactly COUNT cases. Exits 1 if not.
"""

import argparse
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.visitor import VisitError, Visitor  # noqa: E402


def ready_to_send(base_url: str) -> tuple[Visitor, str]:
    """A visitor at check your answers, and the token its "Send" button carries."""
    visitor = Visitor(base_url, timeout=120)
    visitor.answer_complaint()
    return visitor, visitor.form_token("/complain/check")


def press_send(visitor: Visitor, token: str) -> tuple[bool, float]:
    started = time.monotonic()
    try:
        answer = visitor.request("POST", "/complain/check", {"csrf_token": token})
        sent = answer.status == 303 and answer.location == "/complain/sent"
    except (VisitError, OSError):
        sent = False
    return sent, time.monotonic() - started


def count_cases(database_url: str) -> int:
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        count = connection.execute(sa.text("SELECT count(*) FROM cases")).scalar_one()
    engine.dispose()
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("database_url")
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--clients", type=int, default=10)
    options = parser.parse_args()

    with ThreadPoolExecutor(options.clients) as pool:
        drafts = list(pool.map(ready_to_send, [options.base_url] * options.count))
    before = count_cases(options.database_url)
    lock, results = threading.Lock(), []

    def send(draft: tuple[Visitor, str]) -> None:
        result = press_send(*draft)
        with lock:
            results.append(result)

    started = time.monotonic()
    with ThreadPoolExecutor(options.clients) as pool:
        list(pool.map(send, drafts))
    took = time.monotonic() - started
    made = count_cases(options.database_url) - before

    failed = sum(not sent for sent, _ in results)
    latencies = sorted(seconds * 1000 for _, seconds in results)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(f"{options.count / took:.1f} {statistics.median(latencies):.1f} {p95:.1f} "
          f"{failed} {made}")  # fmt: skip
    return 0 if failed == 0 and made == options.count else 1


if __name__ == "__main__":
    sys.exit(main())
