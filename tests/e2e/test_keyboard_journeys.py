"""Journeys done with the keyboard alone, in every language: Tab to each control (its
focus must show), Space to choose, Enter to go on. Names are found as a screen reader
announces them in that language, from the portal's own catalogues."""

import re

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, Person

from ..support.browser import assert_accessible
from .pages import tab_to
from .test_every_page_accessible import LOCALES


class Keyboard:
    """One person at the keyboard, reading the portal in ``locale``."""

    def __init__(self, page: Page, app, locale: str) -> None:
        self.page, self.app, self.locale = page, app, locale

    def t(self, text: str) -> str:
        with self.app.test_request_context(), force_locale(self.locale):
            return gettext(text)

    def follow(self, name: str, exact: bool = True) -> None:
        """Tab to a link and press Enter."""
        assert_accessible(self.page)
        link = self.page.get_by_role("main").get_by_role("link", name=self.t(name), exact=exact)
        tab_to(self.page, link)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def choose(self, question: str, answer: str) -> None:
        """A checkbox: Tab to it and press Space. A radio: Tab into its group (one stop
        for the whole group), then the arrow keys, which choose as they move."""
        group = self.page.get_by_role("group", name=self.t(question))
        choice = group.get_by_label(self.t(answer), exact=True)
        if choice.get_attribute("type") == "radio":
            tab_to(self.page, group.get_by_role("radio").first)
            for _ in range(group.get_by_role("radio").count()):
                if choice.evaluate("element => element === document.activeElement"):
                    break
                self.page.keyboard.press("ArrowDown")
            self.page.keyboard.press("Space")
        else:
            tab_to(self.page, choice)
            self.page.keyboard.press("Space")
        expect(choice).to_be_checked()

    def type_into(self, label: str, text: str) -> None:
        field = self.page.get_by_label(self.t(label))
        tab_to(self.page, field)
        self.page.keyboard.type(text)

    def press(self, button: str) -> None:
        """Tab to a button and press Enter."""
        assert_accessible(self.page)
        target = self.page.get_by_role("main").get_by_role("button", name=self.t(button))
        tab_to(self.page, target)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")


@pytest.mark.parametrize("locale", LOCALES)
def test_a_child_tells_us_how_they_feel_with_the_keyboard_alone(new_page, base_url, app, locale):
    page = new_page()
    page.context.add_cookies([{"name": "language", "value": locale, "url": base_url}])
    keys = Keyboard(page, app, locale)
    page.goto("/")
    keys.follow("I'm a child or young person")
    keys.follow("I am 11 or younger", exact=False)
    link = page.get_by_role("link", name=re.compile("^" + re.escape(keys.t("Tell you how I feel"))))
    tab_to(page, link)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    keys.choose("How do you feel?", "Sad")
    keys.press("Next")
    keys.choose("What is it about?", "School")
    keys.press("Next")
    keys.type_into("An email (if you have one)", "sam@example.org")
    keys.press("Next")
    keys.press("Send")
    assert_accessible(page)
    with app.app_context():
        case = db.session.scalar(select(Case))
        person = db.session.scalar(select(Person))
        assert case.child_led and case.language == locale
        assert person.email == "sam@example.org"
