"""A viewer reads the annual report in a browser: every table and chart accessible."""

from datetime import UTC, datetime

import pyotp
from playwright.sync_api import Page, expect

from portal.extensions import db
from portal.models import Role
from portal.services.staff import create_staff_user

from ..support.browser import assert_accessible
from .pages import expect_heading

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
SECRET = pyotp.random_base32()


def test_a_viewer_reads_the_annual_report(page: Page, app, sandwell_data):
    app.config["FROZEN_NOW"] = NOW
    assert app.test_cli_runner().invoke(args=["cases", "import", str(sandwell_data)]).exit_code == 0
    with app.app_context():
        viewer = create_staff_user(db.session, email="vic@example.org", display_name="Vic",
                                   role=Role.VIEWER, password="a long password")  # fmt: skip
        viewer.totp_secret = SECRET
        db.session.commit()
    page.goto("/staff/sign-in")
    page.get_by_label("Email address").fill("vic@example.org")
    page.get_by_label("Password", exact=True).fill("a long password")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Enter the code from your authenticator app").fill(pyotp.TOTP(SECRET).at(NOW))
    page.get_by_role("button", name="Continue").click()
    expect_heading(page, "Reports")
    assert_accessible(page)  # the live reports
    page.get_by_role("link", name="Annual report", exact=True).click()
    page.get_by_label("Reporting year").select_option("2021/22")
    page.get_by_role("button", name="Show").click()
    expect_heading(page, "Annual report 2021/22")
    expect(page.get_by_role("img", name="Stage 1 outcomes")).to_be_visible()
    expect(page.get_by_role("table", name="Stage 1 outcomes")).to_contain_text("Partially upheld")
    assert_accessible(page)
