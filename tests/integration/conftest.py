"""Fixtures for the integration tests: a staff team signed in through the real pages."""

from datetime import UTC, datetime

import pyotp
import pytest

from portal.extensions import db
from portal.models import Role
from portal.services.staff import create_staff_user

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)  # Monday 23 November 2026
SECRET = pyotp.random_base32()
PASSWORD = "correct horse battery staple"


@pytest.fixture
def casework_app(make_app):
    app = make_app()
    app.config.update(WTF_CSRF_ENABLED=False, FROZEN_NOW=NOW)
    with app.app_context():
        for email, role in (("officer@example.org", Role.COMPLAINTS_OFFICER),
                            ("manager@example.org", Role.INVESTIGATING_MANAGER),
                            ("head@example.org", Role.COMPLAINTS_MANAGER),
                            ("other@example.org", Role.INVESTIGATING_MANAGER)):  # fmt: skip
            user = create_staff_user(db.session, email=email, display_name=email.split("@")[0],
                                     role=role, password=PASSWORD)  # fmt: skip
            user.totp_secret = SECRET
        db.session.commit()
    return app


@pytest.fixture
def staff_app(make_app):
    """A portal with one member of staff in each role, and one who has never signed in."""
    app = make_app()
    app.config.update(WTF_CSRF_ENABLED=False, FROZEN_NOW=NOW)
    with app.app_context():
        for role in Role:
            user = create_staff_user(
                db.session, email=f"{role.value}@example.org", display_name=role.title,
                role=role, password=PASSWORD,
            )  # fmt: skip
            user.totp_secret = SECRET
        create_staff_user(db.session, email="new@example.org", display_name="New",
                          role=Role.COMPLAINTS_OFFICER, password=PASSWORD)  # fmt: skip
        db.session.commit()
    return app


def signed_in(app, email):
    client = app.test_client()
    client.post("/staff/sign-in", data={"email": email, "password": PASSWORD})
    code = pyotp.TOTP(SECRET).at(NOW)
    assert client.post("/staff/sign-in/code", data={"code": code}).status_code == 303
    return client
