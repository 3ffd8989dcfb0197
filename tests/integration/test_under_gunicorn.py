"""The real portal under ``gunicorn -w 4`` on loopback, configured as in production, on
SQLite and PostgreSQL: sign-in limits hold across worker processes whatever
X-Forwarded-For says, identical submissions make one case, nothing acknowledged is lost to
``kill -9``, and a backup taken while people are sending complaints restores.

One server per database for the whole module (starting four workers is the slow part);
each test uses its own subjects, so the counts of one do not touch another.
"""

import http.client
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from portal.models import Case, Role, SignInAttempt
from portal.services.staff import create_staff_user
from portal.services.throttle import STAFF, TRACKER

from ..support.databases import app_config
from ..support.server import Gunicorn
from ..support.visitor import VisitError, Visitor

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request):
    database_url = request.getfixturevalue(f"{request.param}_templates").fresh()
    with Gunicorn(database_url, workers=4) as running:
        yield running


@pytest.fixture
def portal_app(server):
    """The same portal in this process (same database and keys), to set up and read rows."""
    app = server.same_portal()
    yield app
    with app.app_context():
        db.engine.dispose()


def at_once(count, action):
    """Run ``action(n)`` for n in range(count) in as many threads, released together."""
    start = threading.Barrier(count)

    def run(number):
        start.wait()
        return action(number)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def untrusted_address(number):
    return f"203.0.113.{number % 250 + 1}"


def add_staff(app, email, totp_secret=None):
    with app.app_context():
        user = create_staff_user(db.session, email=email, display_name="Officer",
                                 role=Role.COMPLAINTS_OFFICER, password=PASSWORD)  # fmt: skip
        user.totp_secret = totp_secret
        db.session.commit()


def wrong_passwords(server, email, count):
    def guess(number):
        visitor = Visitor(server.base_url, forwarded_for=untrusted_address(number))
        try:
            return visitor.staff_password(email, f"guess {number}")
        finally:
            visitor.close()

    assert not any(at_once(count, guess))


def right_password(server, email):
    return Visitor(server.base_url, forwarded_for="198.51.100.7").staff_password(email, PASSWORD)


def attempts(app, door):
    with app.app_context():
        rows = db.session.execute(
            select(SignInAttempt.address_key, SignInAttempt.succeeded).where(
                SignInAttempt.door == door.name
            )
        ).all()
    return rows


def test_staff_sign_in_is_shut_at_the_limit_across_workers(server, portal_app):
    limit = STAFF.per_subject
    add_staff(portal_app, "under.limit@example.org")
    add_staff(portal_app, "at.limit@example.org")

    wrong_passwords(server, "under.limit@example.org", limit - 1)
    assert right_password(server, "under.limit@example.org")  # one short: still open

    wrong_passwords(server, "at.limit@example.org", limit)
    assert not right_password(server, "at.limit@example.org")  # at the limit: shut

    # Every attempt was counted against the connection's own address, whatever the
    # X-Forwarded-For header claimed.
    rows = attempts(portal_app, STAFF)
    assert len(rows) == 2 * limit + 1
    assert len({address for address, _ in rows}) == 1
    assert sum(succeeded for _, succeeded in rows) == 1


def test_one_authenticator_code_sent_from_eight_browsers_at_once_opens_one(server, portal_app):
    secret = pyotp.random_base32()
    add_staff(portal_app, "one.code@example.org", totp_secret=secret)
    browsers = [Visitor(server.base_url) for _ in range(8)]
    for browser in browsers:
        assert browser.staff_password("one.code@example.org", PASSWORD)
    code = pyotp.TOTP(secret).now()

    def send_code(number):
        answer = browsers[number].post("/staff/sign-in/code", {"code": code})
        return answer.status == 303 and answer.location == "/staff/"

    assert sum(at_once(len(browsers), send_code)) == 1


def test_tracker_is_shut_to_an_address_at_its_limit_across_workers(server, portal_app):
    reference, words = Visitor(server.base_url).complain()
    limit = TRACKER.per_address

    def guess(number):
        visitor = Visitor(server.base_url, forwarded_for=untrusted_address(number))
        made_up = f"SCT-{secrets.token_hex(2).upper()}-{number:04d}"
        return visitor.track(made_up, "wrong words entirely here now")

    assert not any(at_once(limit - 1, guess))  # each a different case reference
    assert Visitor(server.base_url, forwarded_for="198.51.100.8").track(reference, words)
    assert not guess(limit)
    assert not Visitor(server.base_url, forwarded_for="198.51.100.9").track(reference, words)
    assert len({address for address, _ in attempts(portal_app, TRACKER)}) == 1


def count_cases(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Case))


def test_ten_identical_submissions_at_once_make_one_case(server, portal_app):
    before = count_cases(portal_app)
    person = Visitor(server.base_url)
    person.answer_complaint()
    token = person.form_token("/complain/check")

    def press_send(_number):
        # The same browser (its cookies and form token), a connection of its own.
        tab = Visitor(server.base_url, cookies=dict(person.cookies))
        sent = tab.request("POST", "/complain/check", {"csrf_token": token})
        assert (sent.status, sent.location) == (303, "/complain/sent")
        return tab.confirmation()[0]

    references = at_once(10, press_send)
    assert len(set(references)) == 1
    assert count_cases(portal_app) == before + 1
    with portal_app.app_context():
        assert db.session.scalar(select(Case).filter_by(reference=references[0])) is not None


class Load:
    """Visitors sending complaints in background threads until stopped; it keeps every
    reference a confirmation page showed."""

    def __init__(self, base_url, visitors):
        self.base_url = base_url
        self.received: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._visit, daemon=True)
                         for _ in range(visitors)]  # fmt: skip

    def _visit(self):
        while not self._stop.is_set():
            visitor = Visitor(self.base_url, timeout=30)
            try:
                self.received.append(visitor.complain())
            # A server killed mid-answer cuts the page short (IncompleteRead).
            except (OSError, VisitError, http.client.HTTPException) as error:
                self.errors.append(repr(error))
            finally:
                visitor.close()

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def wait_for(self, cases, within=60):
        deadline = time.monotonic() + within
        while len(self.received) < cases and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.received) >= cases, self.errors

    def __exit__(self, *_exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)


def test_kill_9_during_load_loses_no_case_a_person_was_shown(server, portal_app):
    with Load(server.base_url, visitors=4) as load:
        load.wait_for(cases=4)
        server.kill()
    assert load.received
    server.start()
    with portal_app.app_context():
        stored = set(db.session.scalars(select(Case.reference)))
    assert {reference for reference, _words in load.received} <= stored
    assert Visitor(server.base_url).complain()  # and it takes complaints again


def test_a_backup_taken_during_load_restores_and_finds_a_known_case(
    server, portal_app, request, tmp_path
):
    reference, words = Visitor(server.base_url).complain()
    backup = tmp_path / "portal.backup"
    with Load(server.base_url, visitors=4) as load:
        load.wait_for(cases=2)
        result = portal_app.test_cli_runner().invoke(args=["backup", str(backup)])
        load.wait_for(cases=len(load.received) + 2)  # still taking complaints
    assert result.exit_code == 0, result.output
    assert load.errors == []

    backend = request.node.callspec.params["server"]
    empty = request.getfixturevalue(f"{backend}_templates").empty()
    restored = create_app(app_config(empty, WTF_CSRF_ENABLED=False, SECRET_KEY=portal_app.config[
        "SECRET_KEY"], TRACKER_PEPPER=portal_app.config["TRACKER_PEPPER"]))  # fmt: skip
    assert restored.test_cli_runner().invoke(args=["restore", str(backup)]).exit_code == 0
    client = restored.test_client()
    # From an address of its own: the tracker test above shut the door to loopback.
    signed_in = client.post("/track", data={"reference": reference, "words": words},
                            environ_base={"REMOTE_ADDR": "192.0.2.10"})  # fmt: skip
    assert signed_in.headers["Location"] == "/track/updates"
    assert reference in client.get("/track/updates").get_data(as_text=True)
    with restored.app_context():
        db.engine.dispose()
