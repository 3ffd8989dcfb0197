"""Request rate limits on the public forms, through the test client: past the limit an
address gets a 429 page in the portal's design that keeps what was typed; other addresses
and staff are not held up; in memory each process counts for itself, through Redis every
process shares one count; and a Redis that cannot be reached turns nobody away.

The limit does not depend on the database, so these run on SQLite only.
"""

import html
import re

import pytest
import redis
from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from portal.models import Case, CaseStatement
from portal.rate_limits import limiter

from ..support.databases import app_config
from ..support.postgres import free_port
from .conftest import PASSWORD
from .test_complaint_intake import answer_all
from .test_compliments_and_feedback import compliment

LIMIT = 3
FEEDBACK = {"rating": "5", "comment": "Easy to use."}
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@pytest.fixture
def make_limited(sqlite_templates):
    """Builds portals allowing ``LIMIT`` limited requests an hour from an address."""
    apps = []

    def build(**settings):
        config = {"RATE_LIMIT": f"{LIMIT} per hour", "WTF_CSRF_ENABLED": False, **settings}
        apps.append(create_app(app_config(sqlite_templates.fresh(), **config)))
        return apps[-1]

    yield build
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def feedback(client, address="127.0.0.1"):
    return client.post("/feedback/complaint", data=FEEDBACK, environ_base={"REMOTE_ADDR": address})


def use_up(client):
    """Send form feedback until this address has used its limit."""
    for _ in range(LIMIT):
        assert feedback(client).status_code == 303


def hidden_fields(page):
    return [(name, html.unescape(value)) for name, value in _HIDDEN.findall(page)]


def try_again(client, page):
    """Press "Try again" on the 429 page: post its form, as it stands, where it says."""
    action = re.search(r'<form method="post" action="([^"]+)"', page).group(1)
    data = {}
    for name, value in hidden_fields(page):
        data.setdefault(name, []).append(value)
    return client.post(action, data=data)


def count(app, model):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_a_complaint_sent_past_the_limit_waits_with_its_answers_kept(make_limited):
    app = make_limited()
    client = app.test_client()
    answer_all(client)
    use_up(client)  # every limited form counts together, so feedback uses up the complaint's

    refused = client.post("/complain/check")
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "Sorry, too many forms have been sent from your internet connection" in page
    assert "Wait 60 minutes, then try again." in page and "We have kept your answers." in page
    assert app.config["CONTACT_PHONE"] in page and app.config["CONTACT_EMAIL"] in page
    assert 3500 < int(refused.headers["Retry-After"]) <= 3600
    assert refused.headers["Cache-Control"] == "no-store"
    assert count(app, Case) == 0

    limiter.reset()  # the hour has passed
    sent = try_again(client, page)
    assert sent.status_code == 303 and sent.headers["Location"] == "/complain/sent"
    assert count(app, Case) == 1


def test_a_compliment_sent_past_the_limit_is_kept_on_the_page_to_send_again(
    make_limited,
):
    app = make_limited(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    form = client.get("/feedback/complaint").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    for _ in range(LIMIT):
        posted = client.post("/feedback/complaint", data={**FEEDBACK, "csrf_token": token})
        assert posted.status_code == 303
    message = 'Thank you to "Sam" & the team <3'

    refused, _ = compliment(client, message=message, csrf_token=token)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert ("message", message) in hidden_fields(page) and message not in page  # escaped
    # One form token: the page's own (the old one is not written back).
    assert [name for name, _ in hidden_fields(page)].count("csrf_token") == 1

    limiter.reset()
    assert try_again(client, page).headers["Location"] == "/compliment/sent"
    with app.app_context():
        assert db.session.scalars(select(CaseStatement.message)).one() == message


def test_secret_words_are_not_written_back_into_the_page(make_limited):
    client = make_limited().test_client()
    use_up(client)
    refused = client.post("/track", data={"reference": "SCT-AAAA-AAAA",
                                          "words": "apple river cloud stone tiger"})  # fmt: skip
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert "apple river" not in page and "SCT-AAAA-AAAA" in page
    assert "You will need to type your secret words again." in page


def test_other_addresses_pages_and_staff_are_not_held_up(make_limited):
    app = make_limited()
    client = app.test_client()
    use_up(client)
    assert feedback(client).status_code == 429
    assert feedback(client, address="192.0.2.50").status_code == 303
    assert client.get("/compliment").status_code == 200
    sign_in = client.post("/staff/sign-in", data={"email": "nobody@example.org",
                                                  "password": PASSWORD})  # fmt: skip
    assert sign_in.status_code == 200  # the sign-in page again, not 429


def test_in_memory_each_process_counts_for_itself(make_limited):
    use_up(make_limited().test_client())
    # A portal started afresh, as another process would be, has counted nothing yet.
    assert feedback(make_limited().test_client()).status_code == 303


def test_through_redis_every_process_shares_one_count(make_limited, redis_url):
    store = redis.Redis.from_url(redis_url)
    store.flushdb()
    use_up(make_limited(RATE_LIMIT_STORAGE=redis_url).test_client())
    other = make_limited(RATE_LIMIT_STORAGE=redis_url).test_client()
    assert feedback(other).status_code == 429
    # The count is Redis's, and names no address.
    keys = store.keys()
    assert keys and not any(b"127.0.0.1" in key for key in keys)
    store.flushdb()
    assert feedback(other).status_code == 303
    store.close()


def test_a_redis_that_cannot_be_reached_turns_nobody_away(make_limited):
    nothing_there = f"redis://127.0.0.1:{free_port()}/0"
    client = make_limited(RATE_LIMIT_STORAGE=nothing_there).test_client()
    for _ in range(LIMIT + 2):
        assert feedback(client).status_code == 303
