"""A complaints officer signs in with a password and a code, and sees the triage queue."""

import re

import pyotp
from playwright.sync_api import Page, expect

from portal.extensions import db
from portal.models import Role
from portal.services.staff import create_staff_user

from ..support.browser import assert_accessible
from .pages import answer_as_foster_carer, continue_, expect_heading

SECRET = pyotp.random_base32()


def test_an_officer_signs_in_and_sees_new_complaints(page: Page, app, new_page):
    # Given a complaint sent online and an officer with an authenticator app
    with app.app_context():
        officer = create_staff_user(
            db.session, email="olu@example.org", display_name="Olu",
            role=Role.COMPLAINTS_OFFICER, password="a long password",
        )  # fmt: skip
        officer.totp_secret = SECRET
        db.session.commit()
    complainant = new_page()
    answer_as_foster_carer(complainant)
    complainant.get_by_role("button", name="Send your complaint").click()

    # When the officer signs in
    page.goto("/staff/")
    expect_heading(page, "Sign in to the complaints service")
    page.get_by_label("Email address").fill("olu@example.org")
    page.get_by_label("Password", exact=True).fill("a long password")
    continue_(page)
    expect_heading(page, "Enter the code from your authenticator app")
    page.get_by_label("Enter the code from your authenticator app").fill(pyotp.TOTP(SECRET).now())
    continue_(page)

    # Then the queue shows the new complaint, with its acknowledgement date
    expect_heading(page, "Queue")
    expect(page.get_by_role("heading", name="1 new contact awaiting triage")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Corporate")
    assert_accessible(page)

    # And the case page shows what the foster carer wrote, and its history
    page.get_by_role("table").get_by_role("link").click()
    expect(page.get_by_role("heading", name="In their words")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("My allowance was paid late again.")
    expect(page.get_by_role("main")).to_contain_text("Complaint sent online")
    assert_accessible(page)

    # And signing out ends the session
    page.get_by_role("button", name="Sign out").click()
    expect_heading(page, "You have signed out")
    assert_accessible(page)
    page.go_back()
    expect_heading(page, "Sign in to the complaints service")


def test_a_new_officer_sets_up_their_authenticator_app(page: Page, app):
    with app.app_context():
        create_staff_user(
            db.session, email="new@example.org", display_name="New",
            role=Role.COMPLAINTS_OFFICER, password="another long password",
        )  # fmt: skip
        db.session.commit()
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill("new@example.org")
    page.get_by_label("Password", exact=True).fill("another long password")
    continue_(page)
    expect_heading(page, "Set up your authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    key = page.get_by_text(re.compile(r"^[A-Z2-7]{32}$")).inner_text()
    page.get_by_label("Enter the code from your authenticator app").fill(pyotp.TOTP(key).now())
    continue_(page)
    expect_heading(page, "Queue")
