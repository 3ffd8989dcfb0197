"""Children and young people use their own pages, found and used by roles and labels."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, OutboxMessage

from ..support.browser import assert_accessible
from .pages import assert_fits_the_screen, expect_heading


def tap(page: Page, name: str | re.Pattern[str], role: str = "link") -> None:
    """Check the page, then tap a link or button, as a child would."""
    assert_accessible(page)
    assert_fits_the_screen(page)
    with page.expect_navigation():
        page.get_by_role(role, name=name).click()


def next_(page: Page) -> None:
    tap(page, "Next", role="button")


def pick(page: Page, question: str, *answers: str) -> None:
    group = page.get_by_role("group", name=question)
    for answer in answers:
        group.get_by_label(answer, exact=True).check()


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_nine_year_old_complains_in_eight_screens(new_page, app, script):
    page = new_page(viewport={"width": 320, "height": 640}, java_script_enabled=script)
    screens = []
    page.on(
        "framenavigated",
        lambda frame: screens.append(frame.url) if frame == page.main_frame else None,
    )
    page.goto("/")
    tap(page, "I'm a child or young person")
    tap(page, "I am 11 or younger")
    tap(
        page,
        re.compile("^Something is wrong and I want it sorted"),
    )
    expect_heading(page, "How do you feel?")
    pick(page, "How do you feel?", "Sad")
    next_(page)
    pick(page, "What is it about?", "My social worker", "Seeing my family")
    next_(page)
    pick(page, "What would help?", "More time with my family")
    next_(page)
    expect_heading(page, "How can we talk to you?")
    next_(page)  # nothing has to be typed
    pick(page, "Can your social worker know you told us?", "Yes")
    next_(page)
    expect_heading(page, "Is this right?")
    assert len(screens) - 1 <= 8, screens  # screens after the home page, up to sending
    tap(page, "Send", role="button")
    expect(page.get_by_role("heading", name="Your secret card")).to_be_visible()
    assert_accessible(page)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case.child_led and case.submitted_by.value == "child"


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_fifteen_year_old_asks_for_an_advocate(new_page, app, script):
    page = new_page(java_script_enabled=script)
    page.goto("/young")
    tap(page, "I am 12 or older")
    tap(page, re.compile("^Get someone on my side"))
    expect_heading(page, "Get someone on your side")
    expect(page.get_by_role("main")).to_contain_text("0808 808 1001")
    tap(page, "Ask for an advocate", role="button")
    page.get_by_label("Your name (optional)").fill("Sam")
    page.get_by_label("Email address (optional)").fill("sam@example.org")
    page.get_by_label("When is it safe to contact you? (optional)").fill("After 4pm")
    next_(page)
    tap(page, "Send", role="button")
    expect(page.get_by_role("main")).to_contain_text("get in touch with you")
    assert_accessible(page)
    with app.app_context():
        assert db.session.scalar(select(Case.kind)).value == "advocacy_request"


def test_a_thirteen_year_old_leaves_feedback_without_javascript(new_page, app):
    page = new_page(java_script_enabled=False)
    page.goto("/young/12-plus")
    page.get_by_role(
        "link",
        name=re.compile("^Tell you how I feel about things"),
    ).click()
    pick(page, "How are you feeling about things at the moment?", "Worried")
    next_(page)
    pick(page, "What's it about?", "Meetings and plans about them")
    page.get_by_label("What happened? (optional)").fill("Nobody asks me before my review.")
    next_(page)
    next_(page)  # contact details are optional
    tap(page, "Send", role="button")
    expect(page.get_by_role("main")).to_contain_text("participation team")
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case.kind.value == "informal_feedback" and not case.safeguarding


def test_a_child_who_is_not_safe_is_helped_at_once(new_page, app):
    page = new_page()
    page.goto("/young/7-11")
    tap(page, re.compile("^Tell you how I feel We will listen"))
    pick(page, "How do you feel?", "I don't feel safe")
    next_(page)
    expect_heading(page, "Thank you for telling us")
    expect(page.get_by_role("main")).to_contain_text("Someone from our team will try to call you")
    pick(page, "Can we call you or a grown-up you trust today?", "Yes")
    next_(page)
    pick(page, "What is it about?", "Where I live")
    next_(page)
    page.get_by_label("A phone number (a grown-up's is fine)").fill("07700 900222")
    next_(page)
    tap(page, "Send", role="button")
    expect(page.get_by_role("status").filter(has_text="You did the right thing")).to_be_visible()
    assert_accessible(page)
    with app.app_context():
        case = db.session.scalar(select(Case))
        urgent = db.session.scalar(
            select(OutboxMessage).filter_by(to_address="safeguarding@example.org")
        )
        assert case.safeguarding and urgent is not None and urgent.priority == 0
