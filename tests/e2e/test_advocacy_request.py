"""A teacher asks for an advocate for a child, with JavaScript on and off: the request
reaches the team as an advocacy request, and the teacher gets a reference to follow it."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, Person
from portal.procedure.taxonomy import CaseKind

from .pages import choose, continue_, expect_heading, reference, secret_words


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_teacher_asks_for_an_advocate_for_a_child(new_page, app, script):
    page = new_page(java_script_enabled=script)
    page.goto("/")
    page.get_by_role("link", name="Ask for an advocate for a child").click()
    expect_heading(page, "Ask for an advocate for a child")
    with page.expect_navigation():
        page.get_by_role("button", name="Start now").click()
    choose(page, "Who are you?", "A professional, such as a teacher or health worker")
    continue_(page)

    # A question left unanswered is explained, and what was typed stays
    page.get_by_label("Child's first name").fill("Jordan")
    page.get_by_label("Child's age (if you know it)").fill("twelve")
    continue_(page)
    expect(page.get_by_role("alert")).to_contain_text("Select whether the child knows")
    expect(page.get_by_label("Child's first name")).to_have_value("Jordan")
    page.get_by_label("Child's age (if you know it)").fill("12")
    choose(page, "Does the child know you are asking for an advocate for them?", "Yes")
    page.get_by_label("What does the child need help with? (optional)").fill(
        "Jordan wants to be heard at their review meeting."
    )
    continue_(page)

    page.get_by_label("Your full name").fill("Sam Teacher")
    page.get_by_label("Email address").fill("sam.teacher@example.org")
    continue_(page)
    expect_heading(page, "Check your answers before asking for an advocate")
    expect(page.get_by_role("main")).to_contain_text("Jordan")
    continue_(page, "Send the request")

    expect(page.get_by_role("heading", name="Request sent")).to_be_visible()
    assert len(secret_words(page)) == 5
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference(page)))
        assert case.kind is CaseKind.ADVOCACY_REQUEST
        names = {person.full_name for person in db.session.scalars(select(Person))}
        assert {"Jordan", "Sam Teacher"} <= names
