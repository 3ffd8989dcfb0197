"""Invitations, password resets and disabling accounts, each by a single-use emailed link."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import OutboxMessage, Role, StaffToken, StaffUser

from .conftest import NOW, PASSWORD, signed_in

NEW_PASSWORD = "a brand new long password"


def link_in_last_email(app, to):
    with app.app_context():
        query = select(OutboxMessage).filter_by(to_address=to).order_by(OutboxMessage.id.desc())
        body = db.session.scalars(query).first().body_text
    return re.search(r"http://[^\s]+/staff/link/([A-Za-z0-9_-]+)", body).group(1)


def test_an_invited_officer_sets_a_password_then_an_authenticator(casework_app):
    app = casework_app
    head = signed_in(app, "head@example.org")
    invitation = {"display_name": "Nia New", "email": "Nia@Example.org",
                  "role": "complaints_officer"}  # fmt: skip
    response = head.post("/staff/users/new", data=invitation)
    assert response.headers["Location"] == "/staff/users"
    assert "Invited" in head.get("/staff/users").get_data(as_text=True)
    token = link_in_last_email(app, "nia@example.org")
    with app.app_context():
        stored = db.session.scalars(select(StaffToken)).one()
        assert token not in stored.token_hash  # only a hash is kept

    newcomer = app.test_client()
    landing = newcomer.get(f"/staff/link/{token}")
    assert landing.status_code == 303 and landing.headers["Location"] == "/staff/password"
    mismatch = newcomer.post("/staff/password", data={"password": NEW_PASSWORD, "confirm": "x"})
    assert "The two passwords are different" in mismatch.get_data(as_text=True)
    done = newcomer.post("/staff/password", data={"password": NEW_PASSWORD,
                                                  "confirm": NEW_PASSWORD})  # fmt: skip
    assert done.headers["Location"] == "/staff/sign-in"
    # The link works once
    assert app.test_client().get(f"/staff/link/{token}", follow_redirects=True).status_code == 410
    # Signing in leads to setting up the authenticator app
    signing_in = newcomer.post(
        "/staff/sign-in", data={"email": "nia@example.org", "password": NEW_PASSWORD}
    )
    assert signing_in.headers["Location"] == "/staff/sign-in/set-up"


def test_a_reset_needs_the_code_still_and_ends_old_sessions(casework_app):
    app = casework_app
    old_session = signed_in(app, "officer@example.org")
    # The same page whether or not the address has an account
    stranger = app.test_client().post("/staff/forgot-password", data={"email": "no@example.org"})
    known = app.test_client().post("/staff/forgot-password", data={"email": "officer@example.org"})
    assert (
        stranger.headers["Location"] == known.headers["Location"] == "/staff/forgot-password/sent"
    )
    token = link_in_last_email(app, "officer@example.org")
    client = app.test_client()
    client.get(f"/staff/link/{token}")
    client.post("/staff/password", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert old_session.get("/staff/").headers["Location"].startswith("/staff/sign-in")
    response = client.post(
        "/staff/sign-in", data={"email": "officer@example.org", "password": NEW_PASSWORD}
    )
    assert response.headers["Location"] == "/staff/sign-in/code"  # the code is still needed
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_an_expired_link_is_refused(casework_app):
    app = casework_app
    app.test_client().post("/staff/forgot-password", data={"email": "officer@example.org"})
    token = link_in_last_email(app, "officer@example.org")
    app.config["FROZEN_NOW"] = NOW + timedelta(hours=2)
    client = app.test_client()
    client.get(f"/staff/link/{token}")
    assert client.get("/staff/password").status_code == 410


def test_a_disabled_account_is_signed_out_and_cannot_sign_in(casework_app):
    app = casework_app
    victim = signed_in(app, "other@example.org")
    head = signed_in(app, "head@example.org")
    with app.app_context():
        user_id = db.session.scalar(select(StaffUser.id).filter_by(email="other@example.org"))
    head.post(f"/staff/users/{user_id}/disable")
    assert victim.get("/staff/").headers["Location"].startswith("/staff/sign-in")
    again = app.test_client().post(
        "/staff/sign-in", data={"email": "other@example.org", "password": PASSWORD}
    )
    assert "Enter a correct email address and password" in again.get_data(as_text=True)
    with app.app_context():
        head_id = db.session.scalar(select(StaffUser.id).filter_by(role=Role.COMPLAINTS_MANAGER))
    head.post(f"/staff/users/{head_id}/disable")
    assert "You cannot disable your own account" in head.get("/staff/users").get_data(as_text=True)
