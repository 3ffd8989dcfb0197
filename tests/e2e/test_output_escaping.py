"""XSS payloads typed into a complaint and a tracker message do not run in a real browser,
on the staff case page or in the tracker (the integration tests check every field)."""

import pyotp
from playwright.sync_api import Page, expect

from portal.extensions import db
from portal.models import Role
from portal.services.staff import create_staff_user

from ..integration.test_casework import post
from ..integration.test_output_escaping import CORPUS, EVERYTHING, complain_with_payloads
from ..integration.test_tracker import sign_in

SECRET = pyotp.random_base32()
PASSWORD = "correct horse battery staple"


def test_typed_payloads_do_not_run_on_the_case_page_or_in_the_tracker(page: Page, app):
    # Given a complaint and a tracker message full of payloads (sent without the browser)
    app.config["WTF_CSRF_ENABLED"] = False
    reference, words = complain_with_payloads(app)
    person = app.test_client()
    sign_in(person, reference, words)
    post(person, "/track/updates/message", {"body": EVERYTHING})
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        officer = create_staff_user(db.session, email="officer@example.org", display_name="Olu",
                                    role=Role.COMPLAINTS_OFFICER, password=PASSWORD)  # fmt: skip
        officer.totp_secret = SECRET
        db.session.commit()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # When the person reads their updates, and an officer opens the case
    page.goto("/track")
    page.fill("input[name=reference]", reference)
    page.fill("input[name=words]", words)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(CORPUS[0]).first).to_be_visible()
    page.goto("/staff/sign-in")
    page.fill("input[name=email]", "officer@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.fill("input[name=code]", pyotp.TOTP(SECRET).now())
    page.get_by_role("button", name="Continue").click()
    page.goto(f"/staff/cases/{reference}")

    # Then every payload is on the page as text, and none of them ran
    for text in CORPUS:
        expect(page.get_by_text(text, exact=False).first).to_be_attached()
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('svg[onload], img[onerror]').length") == 0
