"""Many people complaining and tracking at once, against the real portal under gunicorn.

    python bench/load.py [--clients 50] [--duration 60] [--workers 4] [--kill]
                         [--postgresql | --database-url postgresql+psycopg://…]

Starts ``gunicorn -w WORKERS`` on a free loopback port, configured as in production, on a
fresh SQLite database in a temporary folder (with ``--postgresql``, a throwaway PostgreSQL
cluster like the tests'; or the PostgreSQL database named, which is migrated first).
Each client is a thread that sends the adult complaint form page by page (reading each
page's CSRF token, as a browser does), reads its reference and secret words from the
confirmation, and signs in to the tracker with them; then again, until the time is up.
With ``--kill`` the master and every worker are killed with SIGKILL half way through and
started again, and the clients carry on.

At the end it prints the figures and checks: no request failed (apart from those cut off
by the kill), no "database is locked" in the server's log, the number of new cases equals
the number of confirmations (with --kill: every reference shown to a client exists), every
client could open its case, and SQLite's integrity_check says ok. Exits 1 if any check fails.
"""

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal import create_app  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.services.taxonomy import seed_default_taxonomy  # noqa: E402
from tests.support.postgres import throwaway_cluster  # noqa: E402
from tests.support.server import Gunicorn  # noqa: E402
from tests.support.visitor import VisitError, Visitor  # noqa: E402


@dataclass
class Tally:
    """What every client saw, added to under a lock."""

    references: list[str] = field(default_factory=list)
    journey_seconds: list[float] = field(default_factory=list)
    tracked: int = 0
    not_tracked: list[str] = field(default_factory=list)
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    cut_off: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Clients:
    """The client threads, and a flag that says the server is down on purpose."""

    def __init__(self, base_url: str, count: int, until: float) -> None:
        self.base_url, self.until = base_url, until
        self.tally = Tally()
        self.killing = threading.Event()
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(count)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join()

    def _run(self) -> None:
        while time.monotonic() < self.until:
            visitor = Visitor(self.base_url, timeout=120)
            started = time.monotonic()
            try:
                reference, words = visitor.complain()
                with self.tally.lock:
                    self.tally.references.append(reference)
                    self.tally.journey_seconds.append(time.monotonic() - started)
                opened = visitor.track(reference, words)
                with self.tally.lock:
                    self.tally.tracked += opened
                    if not opened:
                        self.tally.not_tracked.append(reference)
            except (OSError, http.client.HTTPException, VisitError) as error:
                self._failed(error)
            finally:
                with self.tally.lock:
                    self.tally.requests += visitor.requests_made
                visitor.close()

    def _failed(self, error: Exception) -> None:
        with self.tally.lock:
            if self.killing.is_set() and not isinstance(error, VisitError):
                self.tally.cut_off += 1
            else:
                self.tally.errors.append(repr(error))
        if self.killing.is_set():
            time.sleep(0.2)  # the server is down on purpose: do not spin


def prepare(database_url: str) -> None:
    """Bring the database's schema up to date and add the default taxonomy."""
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "migration-only"})
    with app.app_context():
        upgrade()
        seed_default_taxonomy(db.session)
        db.session.commit()
        db.engine.dispose()


def stored_references(database_url: str) -> set[str]:
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        found = set(connection.scalars(sa.text("SELECT reference FROM cases")))
    engine.dispose()
    return found


def integrity(database_url: str) -> str:
    url = sa.make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return "not applicable (PostgreSQL)"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    with engine.connect() as connection:
        verdict = connection.exec_driver_sql("PRAGMA integrity_check").scalar()
    engine.dispose()
    return verdict


def run(options: argparse.Namespace) -> bool:
    if not options.postgresql:
        folder = Path(tempfile.mkdtemp(prefix="portal-load-"))
        return load(options, options.database_url or f"sqlite:///{folder / 'portal.sqlite3'}")
    with throwaway_cluster() as server_url:
        admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql("CREATE DATABASE load")
        admin.dispose()
        url = sa.make_url(server_url).set(database="load")
        return load(options, url.render_as_string(hide_password=False))


def load(options: argparse.Namespace, database_url: str) -> bool:
    """Run the clients against the portal on ``database_url``; True if every check passed."""
    prepare(database_url)
    before = stored_references(database_url)
    server = Gunicorn(database_url, workers=options.workers).start()
    began = time.monotonic()
    clients = Clients(server.base_url, options.clients, began + options.duration)
    clients.start()
    restarted_in = None
    if options.kill:
        time.sleep(options.duration / 2)
        clients.killing.set()
        server.kill()
        restart = time.monotonic()
        server.start()
        restarted_in = time.monotonic() - restart
        time.sleep(2)  # requests cut off by the kill have all failed by now
        clients.killing.clear()
    clients.join()
    elapsed = time.monotonic() - began
    log = server.log.read_text(errors="replace")
    server.stop()
    server.log.unlink()

    tally = clients.tally
    new_cases = stored_references(database_url) - before
    shown = set(tally.references)
    verdict = integrity(database_url)
    locked = log.count("database is locked")
    seconds = sorted(tally.journey_seconds) or [0.0]
    print(f"database            {sa.make_url(database_url).get_backend_name()}, "
          f"gunicorn -w {options.workers}, {options.clients} clients, {elapsed:.0f} s")  # fmt: skip
    print(f"requests            {tally.requests} ({tally.requests / elapsed:.1f} a second)")
    print(f"confirmations       {len(tally.references)}")
    print(f"new cases           {len(new_cases)}")
    print(f"tracker sign-ins    {tally.tracked} opened, {len(tally.not_tracked)} refused")
    print(f"complaint journey   median {statistics.median(seconds):.1f} s, "
          f"95th percentile {seconds[int(len(seconds) * 0.95) - 1]:.1f} s")  # fmt: skip
    print(f"errors              {len(tally.errors)}")
    print(f"database is locked  {locked}")
    print(f"integrity_check     {verdict}")
    if options.kill:
        print(f"kill -9             {tally.cut_off} journeys cut off or refused while down; "
              f"restarted in {restarted_in:.1f} s")  # fmt: skip
        print(f"references lost     {len(shown - new_cases)}")
    for error in tally.errors[:10]:
        print(f"  {error}")
    same = shown <= new_cases if options.kill else len(new_cases) == len(shown) == len(
        tally.references)  # fmt: skip
    return bool(tally.references) and same and not tally.errors and not tally.not_tracked \
        and locked == 0 and verdict in ("ok", "not applicable (PostgreSQL)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--kill", action="store_true", help="kill -9 the server half way")
    parser.add_argument("--postgresql", action="store_true", help="a throwaway PostgreSQL")
    parser.add_argument("--database-url", help="a PostgreSQL database (SQLite by default)")
    ok = run(parser.parse_args())
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
