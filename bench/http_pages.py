"""The pages ``bench/http.sh`` measures, with the cookies each needs.

    python bench/http_pages.py prepare BASE_URL DATABASE_URL   # shell lines for http.sh
    python bench/http_pages.py check BASE_URL PATH [COOKIE]     # exit 1 unless PATH gives 200

``prepare`` works on a portal seeded by ``bench/seed.py`` and already running: it signs the
bench officer in (password, then authenticator code), makes a complaint through the form
and signs in to the tracker with its reference and words, and reads from the database the
case with the longest timeline and the busiest team. It checks every page answers 200 with
its cookie, then prints one ``NAME|PATH|COOKIE`` line per page. ``check`` is run after the
measurements, so a session that lapsed on the way cannot pass for a fast sign-in page.
"""

import sys
from pathlib import Path

import pyotp
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.seed import OFFICER_EMAIL, OFFICER_PASSWORD, OFFICER_TOTP_SECRET  # noqa: E402
from tests.support.visitor import VisitError, Visitor  # noqa: E402


def cookie_header(visitor: Visitor) -> str:
    return "; ".join(f"{name}={value}" for name, value in visitor.cookies.items())


def signed_in_officer(base_url: str) -> Visitor:
    officer = Visitor(base_url)
    if not officer.staff_password(OFFICER_EMAIL, OFFICER_PASSWORD):
        raise VisitError("the bench officer's password was refused: is this a seeded database?")
    code = pyotp.TOTP(OFFICER_TOTP_SECRET).now()
    answer = officer.post("/staff/sign-in/code", {"code": code})
    if answer.location != "/staff/":
        raise VisitError(f"the authenticator code led to {answer.status} {answer.location}")
    return officer


def signed_in_tracker(base_url: str) -> Visitor:
    person = Visitor(base_url)
    if not person.track(*person.complain()):
        raise VisitError("the tracker did not open the complaint just made")
    return person


def longest_timeline_and_busiest_team(database_url: str) -> tuple[str, str]:
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        reference = connection.execute(
            sa.text(
                "SELECT c.reference FROM cases c JOIN case_messages m ON m.case_id = c.id "
                "GROUP BY c.id, c.reference ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one()
        team = connection.execute(
            sa.text(
                "SELECT t.name FROM cases c JOIN teams t ON t.id = c.team_id "
                "GROUP BY t.id, t.name ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one()
    engine.dispose()
    return reference, team


def pages(base_url: str, database_url: str) -> list[tuple[str, str, str]]:
    """(name, path, cookie) for every page measured."""
    officer = cookie_header(signed_in_officer(base_url))
    person = cookie_header(signed_in_tracker(base_url))
    reference, team = longest_timeline_and_busiest_team(database_url)
    filtered = f"/staff/?team={team.replace(' ', '+')}&stage=1&overdue=y&sort=received"
    return [
        ("home", "/", ""),
        ("form_page", "/complain/who", ""),
        ("tracker", "/track/updates", person),
        ("queue", "/staff/", officer),
        ("queue_filtered", filtered, officer),
        ("case_long_timeline", f"/staff/cases/{reference}", officer),
        ("annual_report", "/staff/reports/annual", officer),
    ]


def status(base_url: str, path: str, cookie: str = "") -> int:
    visitor = Visitor(base_url)
    if cookie:
        visitor.cookies.update(part.split("=", 1) for part in cookie.split("; "))
    return visitor.get(path).status


def main() -> int:
    command, base_url, *rest = sys.argv[1:]
    if command == "check":
        return 0 if status(base_url, *rest) == 200 else 1
    for name, path, cookie in pages(base_url, rest[0]):
        if status(base_url, path, cookie) != 200:
            raise VisitError(f"{name} ({path}) did not answer 200")
        print(f"{name}|{path}|{cookie}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
