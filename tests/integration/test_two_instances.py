"""Two instances of the portal, each under gunicorn with two workers, on different ports
against one PostgreSQL and one Redis, as two machines behind the council's reverse proxy
would be: a rate limit and a sign-in throttle count across both, a case made through one
is tracked through the other, and two `flask outbox send` workers at once send each email
exactly once.

Both instances are started once for the module; each test uses its own client addresses
(the instances believe one proxy's X-Forwarded-For, as in production), so the counts of
one test do not touch another's.
"""

import re
import secrets
import subprocess
import sys
from itertools import cycle, islice

import pytest
import redis
from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage, OutboxStatus
from portal.notify.outbox import queue_email
from portal.services.throttle import STAFF

from ..support.server import KEYS, ROOT, Gunicorn
from ..support.smtp import smtp_server
from ..support.visitor import Visitor
from .test_under_gunicorn import PASSWORD, add_staff

LIMIT = 4
EMAILS = 60


@pytest.fixture(scope="module")
def instances(postgresql_templates, redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    settings = {
        **{name: secrets.token_urlsafe(48) for name in KEYS},
        "RATE_LIMIT": f"{LIMIT} per hour",
        "RATE_LIMIT_STORAGE": redis_url,
        "TRUSTED_PROXIES": "1",
    }
    database_url = postgresql_templates.fresh()
    with (
        Gunicorn(database_url, workers=2, **settings) as first,
        Gunicorn(database_url, workers=2, **settings) as second,
    ):
        yield first, second


@pytest.fixture
def portal_app(instances):
    app = instances[0].same_portal()
    yield app
    with app.app_context():
        db.engine.dispose()


def in_turn(instances, count):
    """``count`` turns, the instances taking them alternately."""
    return islice(cycle(instances), count)


def send_feedback(server, address):
    visitor = Visitor(server.base_url, forwarded_for=address)
    return visitor.post("/feedback/complaint", {"rating": "5", "comment": ""}).status


def test_a_rate_limit_counts_requests_made_through_either_instance(instances):
    address = "198.51.100.30"
    assert [send_feedback(server, address) for server in in_turn(instances, LIMIT)] == [303] * LIMIT
    assert [send_feedback(server, address) for server in instances] == [429, 429]
    assert send_feedback(instances[1], "198.51.100.31") == 303  # another address


def test_the_sign_in_throttle_counts_failures_made_through_either_instance(instances, portal_app):
    email = "shared.limit@example.org"
    add_staff(portal_app, email)

    def password(server, given, number):
        visitor = Visitor(server.base_url, forwarded_for=f"192.0.2.{number}")
        return visitor.staff_password(email, given)

    for number, server in enumerate(in_turn(instances, STAFF.per_subject - 1)):
        assert not password(server, f"guess {number}", number)
    assert password(instances[0], PASSWORD, 100)  # one short of the limit: still open
    assert not password(instances[1], "one guess more", 101)
    assert not password(instances[0], PASSWORD, 102)  # at the limit: shut on both
    assert not password(instances[1], PASSWORD, 103)


def test_a_case_made_through_one_instance_is_tracked_through_the_other(instances):
    first, second = instances
    address = "198.51.100.40"
    reference, words = Visitor(first.base_url, forwarded_for=address).complain()
    browser = Visitor(second.base_url, forwarded_for=address)
    assert browser.track(reference, words)
    # The same browser, its next request answered by the first instance: still signed in.
    again = Visitor(first.base_url, forwarded_for=address, cookies=dict(browser.cookies))
    updates = again.get("/track/updates")
    assert updates.status == 200 and reference in updates.text


def pending_ids(app):
    with app.app_context():
        query = select(OutboxMessage.id).where(OutboxMessage.status == OutboxStatus.PENDING)
        return sorted(db.session.scalars(query))


def outbox_worker(server, smtp_port):
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "wsgi", "outbox", "send"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={
            **server.environment, "PORTAL_MAIL_BACKEND": "smtp", "PORTAL_SMTP_HOST": "127.0.0.1",
            "PORTAL_SMTP_PORT": str(smtp_port),
        },
    )  # fmt: skip


def test_two_outbox_workers_at_once_send_each_email_exactly_once(instances, portal_app):
    with portal_app.app_context():
        for number in range(EMAILS):
            queue_email(db.session, to=f"person{number}@example.org", subject=f"Email {number}",
                        body="Hello")  # fmt: skip
        db.session.commit()
    queued = pending_ids(portal_app)
    # The mail server takes a while over each message, so each worker is still sending
    # when the other claims its next batch.
    with smtp_server(delay=0.1) as (inbox, port):
        workers = [outbox_worker(instances[0], port) for _ in range(2)]
        outputs = [worker.communicate(timeout=300)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0]

    sent = [int(re.search(r"Sent (\d+) message", output).group(1)) for output in outputs]
    assert all(sent) and sum(sent) == len(queued)  # both worked, between them sent all
    delivered = [int(re.search(r"<outbox-(\d+)\.", message["Message-ID"]).group(1))
                 for message in inbox.messages]  # fmt: skip
    assert sorted(delivered) == queued  # each exactly once
    assert pending_ids(portal_app) == []
