"""The easy-read guide to complaining, found from the home page, on a small phone; and the
letter formats a person asked for, shown to the officer writing to them."""

import re
from datetime import UTC, datetime

import pyotp
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, Role
from portal.services.staff import create_staff_user

from ..integration.test_complaint_intake import PARENT_FOR_CHILD
from ..support.browser import SMALL_SCREEN, assert_accessible
from .pages import assert_fits_the_screen, expect_heading

SECRET = pyotp.random_base32()
PASSWORD = "a long staff password"
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_someone_reads_how_to_complain_in_easy_read_then_starts(small_screen_page: Page):
    page = small_screen_page
    # Given a person on the home page of a small phone
    page.goto("/")
    # When they follow the easy-read link
    page.get_by_role("link", name="How to complain: easy read").click()
    # Then they read how to complain in short lines, each with a picture beside it
    expect_heading(page, "How to complain: easy read")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="What is a complaint?")).to_be_visible()
    expect(main).to_contain_text("You will not get into trouble for complaining.")
    expect(main.get_by_role("link", name="0121 569 2266")).to_have_attribute(
        "href", "tel:01215692266"
    )
    # And the page passes axe-core and fits the screen without a sideways scroll
    assert_accessible(page)
    assert_fits_the_screen(page)
    # When they choose to make a complaint
    main.get_by_role("button", name="Make a complaint").click()
    # Then they reach the start of the complaint form
    expect(page).to_have_url(re.compile("/complain$"))
    expect_heading(page, "Make a complaint")


def test_pictures_sit_at_the_start_of_each_line_in_urdu_too(new_page, base_url: str):
    # Given a person who reads Urdu, right to left, on a small phone
    page = new_page(**SMALL_SCREEN)
    page.context.add_cookies([{"name": "language", "value": "ur", "url": base_url}])
    page.goto("/easy-read")
    # Then each picture is at the start of its line: on the right
    line = page.locator(".portal-easy-read__line").first
    picture = line.locator("img").bounding_box()
    words = line.locator(".portal-easy-read__words").bounding_box()
    assert picture and words and picture["x"] > words["x"]
    assert_accessible(page)
    assert_fits_the_screen(page)


def test_the_page_works_without_javascript(no_script_page: Page):
    page = no_script_page
    page.goto("/easy-read")
    page.get_by_role("button", name="Make a complaint").click()
    expect_heading(page, "Make a complaint")


def test_the_officer_sees_the_letter_formats_asked_for(new_page, app):
    # Given a parent's complaint asking for letters in large print and easy read
    app.config["FROZEN_NOW"] = NOW
    with app.app_context():
        user = create_staff_user(
            db.session,
            email="olu@example.org",
            display_name="Olu Officer",
            role=Role.COMPLAINTS_OFFICER,
            password=PASSWORD,
        )
        user.totp_secret = SECRET
        db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = False  # the person's answers are posted directly
    person = app.test_client()
    needs = {"adjustments": ["large_print", "easy_read"], "interpreter_language": ""}
    for slug, answers in PARENT_FOR_CHILD:
        person.post(f"/complain/{slug}", data=needs if slug == "adjustments" else answers)
    assert person.post("/complain/check").status_code == 303
    app.config["WTF_CSRF_ENABLED"] = True
    with app.app_context():
        reference = db.session.scalar(select(Case.reference))

    # When the officer triages it and comes to the acknowledgement letter
    officer = new_page()
    officer.goto("/staff/sign-in")
    officer.get_by_label("Email address").fill("olu@example.org")
    officer.get_by_label("Password", exact=True).fill(PASSWORD)
    officer.get_by_role("button", name="Continue").click()
    code = officer.get_by_label("Enter the code from your authenticator app")
    code.fill(pyotp.TOTP(SECRET).at(NOW))
    officer.get_by_role("button", name="Continue").click()
    officer.goto(f"/staff/cases/{reference}/triage")
    officer.get_by_role("button", name="Save triage decision").click()
    officer.get_by_role("link", name="Done with issues").click()
    expect_heading(officer, "Send the acknowledgement")

    # Then, above the letter, they see how the parent asked for letters
    notice = officer.get_by_role("main").locator(".govuk-inset-text")
    expect(notice).to_contain_text("Alex Parent asked for:")
    expect(notice.get_by_role("listitem")).to_have_text(
        ["Letters in large print", "Letters in easy read"]
    )
    assert_accessible(officer)
