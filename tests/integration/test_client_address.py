"""Which network address a sign-in attempt is counted under: the connection's own, unless
the council says how many proxies of its own stand in front (PORTAL_TRUSTED_PROXIES)."""

import pytest
from sqlalchemy import select

from portal import create_app
from portal.config import derived_key
from portal.extensions import db
from portal.models import SignInAttempt
from portal.services.throttle import TRACKER, Throttle

from ..support.databases import app_config

FORWARDED = "203.0.113.5, 198.51.100.4"


def counted_address_key(database_url, proxies):
    app = create_app(app_config(database_url, WTF_CSRF_ENABLED=False, TRUSTED_PROXIES=proxies))
    app.test_client().post(
        "/track", data={"reference": "SCT-AAAA-AAAA", "words": "wrong words entirely here now"},
        headers={"X-Forwarded-For": FORWARDED}, environ_base={"REMOTE_ADDR": "192.0.2.1"},
    )  # fmt: skip
    with app.app_context():
        key = db.session.scalars(select(SignInAttempt.address_key)).one()
        db.engine.dispose()
    return app, key


def key_of(app, address):
    secret = derived_key(app.config, "tracker-throttle")
    return Throttle.of(TRACKER, secret, "SCT-AAAA-AAAA", address).address_key


@pytest.mark.parametrize(
    ("proxies", "counted"), [(0, "192.0.2.1"), (1, "198.51.100.4"), (2, "203.0.113.5")]
)
def test_forwarded_for_is_believed_only_as_far_as_the_trusted_proxies(
    sqlite_templates, proxies, counted
):
    app, key = counted_address_key(sqlite_templates.fresh(), proxies)
    assert key == key_of(app, counted)


def test_no_proxy_is_trusted_by_default(sqlite_templates):
    app = create_app(app_config(sqlite_templates.fresh()))
    assert app.config["TRUSTED_PROXIES"] == 0
