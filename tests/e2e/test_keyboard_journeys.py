"""Journeys done with the keyboard alone, in every language: Tab to each control (its
focus must show), Space or the arrow keys to choose, Enter to go on. Names are found as a
screen reader announces them in that language, from the portal's own catalogues.

On one page of each kind (radios, a long text, check your answers, the tracker, a staff
case …) the whole page is tabbed through, forwards and back, to prove the focus is never
trapped. axe-core checks the pages the crawler (test_every_page_accessible) cannot reach,
or not in this state: answers filled in, things sent, and every page of a survey."""

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, Person, Role
from portal.procedure.stages import Step

from ..integration.test_complaint_intake import answer_all, send
from ..support.browser import assert_accessible
from ..support.cases import closed_case
from .pages import FOCUS_SHOWS, expect_heading, secret_words, tab_to
from .test_every_page_accessible import LOCALES, REFERENCE
from .test_staff_casework import PASSWORD, SECRET, at, staff
from .test_survey_journey import send_mail

ARRIVES = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)

#: The page's tab stops in document order, a group of radios being one, kept in the page
#: with a way to find which of them an element is.
TAB_STOPS = """() => {
    const stop = element => window.tabStops.findIndex(other => other === element || (
        element.type === 'radio' && other.type === 'radio'
        && other.name === element.name && other.form === element.form));
    window.tabStops = [];
    window.tabStopOf = stop;
    const candidates = 'a[href], button, input, select, textarea, summary, [tabindex]';
    for (const element of document.querySelectorAll(candidates)) {
        if (element.tabIndex < 0 || element.disabled || element.type === 'hidden'
            || element.closest('[inert]') || !element.checkVisibility({visibilityProperty: true})
            || (element.localName === 'summary' && element.parentElement.localName !== 'details')
            || stop(element) !== -1) continue;
        window.tabStops.push(element);
    }
    return window.tabStops.map(element => element.tabIndex > 0
        ? 'positive tabindex: ' + element.outerHTML
        : (element.innerText || element.name || element.localName));
}"""
#: Which tab stop has the focus (null: none, it has left the page), and whether it shows.
WHERE_IS_THE_FOCUS = f"""() => {{
    const focused = document.activeElement;
    if (!focused || focused === document.body) return [null, true];
    const index = window.tabStopOf(focused);
    return [index === -1 ? focused.outerHTML.slice(0, 200) : index, ({FOCUS_SHOWS})(focused)];
}}"""


class Keyboard:
    """One person at the keyboard, reading the portal in ``locale``."""

    def __init__(self, page: Page, app, locale: str) -> None:
        self.page, self.app, self.locale = page, app, locale

    def t(self, text: str) -> str:
        with self.app.test_request_context(), force_locale(self.locale):
            return gettext(text)

    def link(self, name: str, exact: bool = True) -> Locator:
        """A link in the page's main content; not ``exact``, its name starts with ``name``."""
        text = self.t(name) if exact else re.compile("^" + re.escape(self.t(name)))
        return self.page.get_by_role("main").get_by_role("link", name=text, exact=True)

    def go(self, target: Locator) -> None:
        """Tab to a link or button and press Enter; on the next page, skip to its content."""
        tab_to(self.page, target)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        if self.page.evaluate("document.activeElement === document.body && !location.hash"):
            # Nothing took the focus (a message, say, or #main-content kept from the last
            # address through the redirect): the skip link is first.
            tab_to(self.page, self.page.get_by_role("link", name=self.t("Skip to main content")), 1)
            self.page.keyboard.press("Enter")

    def follow(self, name: str, exact: bool = True) -> None:
        self.go(self.link(name, exact))

    def press(self, button: str, within: str = "main") -> None:
        """Press a button: in the main content, or (``within="body"``) anywhere."""
        self.go(self.page.locator(within).get_by_role("button", name=self.t(button), exact=True))

    def choose(self, question: str, answer: str) -> None:
        """A checkbox: Tab to it and press Space. A radio: Tab into its group (one stop
        for the whole group, on the chosen radio if there is one), then the arrow keys,
        which choose as they move."""
        group = self.page.get_by_role("group", name=self.t(question), exact=True)
        choice = group.get_by_label(self.t(answer), exact=True)
        if choice.get_attribute("type") == "radio":
            wanted = choice.element_handle()
            radios = group.get_by_role("radio")
            checked = group.locator("input[type=radio]:checked")
            tab_to(self.page, checked if checked.count() else radios.first)
            for _ in range(radios.count()):
                if wanted.evaluate("element => element === document.activeElement"):
                    break
                self.page.keyboard.press("ArrowDown")
            if not choice.is_checked():
                self.page.keyboard.press("Space")
        else:
            tab_to(self.page, choice)
            self.page.keyboard.press("Space")
        expect(choice).to_be_checked()

    def type_into(self, label: str, text: str, within: Locator | None = None) -> None:
        """Tab to a box and type; what was in it is replaced."""
        field = (within or self.page).get_by_label(self.t(label), exact=True)
        tab_to(self.page, field)
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(text)
        expect(field).to_have_value(text)

    def type_date(self, question: str, day: str, month: str, year: str) -> None:
        group = self.page.get_by_role("group", name=self.t(question), exact=True)
        for part, value in (("Day", day), ("Month", month), ("Year", year)):
            self.type_into(part, value, within=group)

    def select(self, label: str, option: str) -> None:
        """Tab to a drop-down list and move through it with the arrow keys."""
        field = self.page.get_by_label(self.t(label), exact=True)
        tab_to(self.page, field)
        chosen = "select => select.selectedOptions[0].text"
        for _ in range(field.locator("option").count()):
            if field.evaluate(chosen) == option:
                return
            self.page.keyboard.press("ArrowDown")
        assert field.evaluate(chosen) == option

    def assert_not_trapped(self) -> None:
        """Tab passes every control in the page's order, each showing its focus, and on
        from the last to the first (out of the page and back, or straight round); Shift+Tab
        goes back through them all in reverse."""
        stops = self.page.evaluate(TAB_STOPS)
        assert not [stop for stop in stops if stop.startswith("positive tabindex")], stops

        def next_stop(key: str) -> int | str:
            """Press ``key`` until a control has the focus again: after the last control
            the focus may leave the page (for the browser's own) before it comes back."""
            for _ in range(2):
                self.page.keyboard.press(key)
                where, shows = self.page.evaluate(WHERE_IS_THE_FOCUS)
                if where is not None:
                    assert shows, f"{self.page.url}: the focus on {named(where)!r} does not show"
                    return where
            raise AssertionError(f"{self.page.url}: the focus left the page for good")

        def named(where: int | str) -> str:
            return stops[where] if isinstance(where, int) else where

        last = len(stops) - 1
        for _ in range(len(stops) + 1):  # to the last control, from wherever the focus is
            if next_stop("Tab") == last:
                break
        else:
            raise AssertionError(f"{self.page.url}: Tab never reached {stops[last]!r}")
        forwards = [next_stop("Tab") for _ in stops]
        assert forwards == [*range(len(stops))], [named(where) for where in forwards]
        backwards = [next_stop("Shift+Tab") for _ in stops]
        assert backwards == [*range(last - 1, -1, -1), last], [named(w) for w in backwards]


@pytest.fixture
def keys(new_page, base_url, app, request) -> Keyboard:
    """A person with the keyboard, reading the portal in the test's ``locale``."""
    locale = request.getfixturevalue("locale")
    page = new_page()
    page.context.add_cookies([{"name": "language", "value": locale, "url": base_url}])
    return Keyboard(page, app, locale)


def moment_for(locale: str) -> datetime:
    """Each language's run happens at its own time, so no authenticator code is used twice."""
    return ARRIVES + timedelta(minutes=5 * LOCALES.index(locale))


@pytest.mark.parametrize("locale", LOCALES)
def test_a_child_tells_us_how_they_feel_with_the_keyboard_alone(keys, app, locale):
    page = keys.page
    page.goto("/")
    keys.follow("I'm a child or young person")
    keys.follow("I am 11 or younger", exact=False)
    keys.follow("Tell you how I feel", exact=False)
    keys.choose("How do you feel?", "Sad")
    keys.press("Next")
    keys.choose("What is it about?", "School")
    keys.assert_not_trapped()  # picture checkboxes, and a read-aloud button
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


@pytest.mark.parametrize("locale", LOCALES)
def test_a_parent_complains_then_follows_it_in_the_tracker(keys, app, locale):
    page = keys.page
    # Given a parent on the home page, who complains for their child
    page.goto("/")
    keys.follow("Make a complaint")
    keys.press("Start now")  # a link drawn as a button
    keys.choose("Who are you?", "A parent")
    keys.assert_not_trapped()  # radios
    keys.press("Continue")
    keys.choose("Who is the complaint for?", "A child or young person")
    keys.press("Continue")
    keys.type_into("Child's full name", "Sam Example")
    keys.type_date("Child's date of birth (if you know it)", "27", "3", "2014")
    keys.choose("Is the child in care?", "Yes")
    keys.press("Continue")
    keys.choose("Does the child know about this complaint, and agree to it?", "Yes")
    keys.press("Continue")
    keys.type_into("What happened?", "The social worker cancelled three visits.")
    keys.assert_not_trapped()  # a long text with a character count
    keys.press("Continue")
    keys.choose("When did it happen?", "On a particular day")
    keys.press("Continue")
    keys.type_date("What date did it happen?", "3", "11", "2025")
    keys.press("Continue")
    keys.select("Which team is it about?", "Fostering")
    keys.press("Continue")
    keys.type_into("What would you like to happen?", "A regular visit, and an apology.")
    keys.press("Continue")
    keys.type_into("Your full name", "Alex Parent")
    keys.type_into("Email address", "alex@example.org")
    keys.press("Continue")
    keys.choose("How should we contact you?", "Email")
    keys.press("Continue")
    keys.choose("Do you need anything to help you take part?", "Letters in large print")
    keys.press("Continue")

    # When they check their answers, change one and come back, and send
    expect_heading(page, keys.t("Check your answers before sending your complaint"))
    assert_accessible(page)
    keys.assert_not_trapped()
    keys.follow(f"{keys.t('Change')} {keys.t('What happened?')}")
    keys.type_into("What happened?", "The social worker cancelled four visits.")
    keys.press("Continue")
    expect_heading(page, keys.t("Check your answers before sending your complaint"))
    expect(page.get_by_role("main")).to_contain_text("four visits")
    keys.press("Send your complaint")

    # Then they see their reference and their secret words
    expect_heading(page, keys.t("Complaint sent"))
    assert_accessible(page)
    case_reference = REFERENCE.search(page.get_by_role("main").inner_text())[0]
    words = secret_words(page, keys.t("Your secret words"))
    assert len(words) == 5

    # When they sign in to the tracker with them
    page.goto("/")
    keys.follow("See your updates")
    keys.type_into("Your reference", case_reference)
    keys.type_into("Your secret words", " ".join(words))
    keys.press("Continue")

    # Then they read their updates, and write to the team
    expect_heading(page, keys.t("Your updates"))
    expect(page.get_by_role("main")).to_contain_text(case_reference)
    keys.assert_not_trapped()
    keys.follow("Send us a message")
    keys.type_into("Your message", "Sam's school has written to us too.")
    keys.press("Send message")
    expect(page.get_by_role("alert")).to_contain_text(keys.t("Your message has been sent"))
    expect(page.get_by_role("main")).to_contain_text("Sam's school has written to us too.")
    assert_accessible(page)

    # And they sign out
    keys.press("Sign out", within="body")
    expect_heading(page, keys.t("You have signed out"))
    assert_accessible(page)
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=case_reference))
        assert case.language == locale and case.step is Step.AWAITING_TRIAGE


@pytest.mark.parametrize("locale", LOCALES)
def test_a_young_person_complains(keys, app, locale):
    page = keys.page
    page.goto("/")
    keys.follow("I'm a child or young person")
    keys.follow("I am 12 or older", exact=False)
    keys.follow("Something's wrong and I want it sorted", exact=False)
    keys.choose("How are you feeling about things at the moment?", "Worried")
    keys.press("Next")
    keys.choose("What's it about?", "Meetings and plans about them")
    keys.type_into("What happened? (optional)", "Nobody asks me before my review.")
    keys.assert_not_trapped()  # picture checkboxes, then a text box
    keys.press("Next")
    keys.choose("What would make it better?", "Someone to listen to them")
    keys.press("Next")
    keys.type_into("Email address (optional)", "jo@example.org")
    keys.press("Next")
    keys.choose("Can we tell your social worker you've been in touch?", "Not sure yet")
    keys.press("Next")
    expect_heading(page, keys.t("Check before you send"))
    assert_accessible(page)
    keys.press("Send")
    expect(page.get_by_role("heading", name=keys.t("Your secret card"))).to_be_visible()
    assert_accessible(page)
    with app.app_context():
        case = db.session.scalar(select(Case))
        assert case.kind.value == "complaint" and case.child_led and case.language == locale


@pytest.mark.parametrize("locale", LOCALES)
def test_a_court_sends_a_compliment(keys, locale):
    page = keys.page
    page.goto("/")
    keys.follow("Send a compliment")
    keys.select("Which team is your compliment about?", "Fostering")
    keys.choose("Who are you?", "Someone from a court")
    keys.type_into("Your compliment", "A thorough and fair report.")
    keys.choose("Can we share your compliment with the worker or team?", "Yes")
    keys.assert_not_trapped()  # a long form: a list, radios, text
    keys.press("Send your compliment")
    expect_heading(page, keys.t("Thank you for your compliment"))
    assert_accessible(page)
    keys.follow("What did you think of this form?")
    keys.choose("Overall, how did you feel about filling in this form?", "Very satisfied")
    keys.press("Send feedback")
    expect_heading(page, keys.t("Thank you for your feedback"))
    assert_accessible(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_parent_answers_the_survey_from_the_email(keys, app, inbox, locale):
    page = keys.page
    at(app, ARRIVES)
    closed_case(app, "S-ADULT", email="alex@example.org")
    with app.app_context():
        db.session.scalar(select(Case)).language = locale
        db.session.commit()
    [invitation] = send_mail(app, inbox)
    body = invitation.get_payload(decode=True).decode()
    # The email links to the portal's own address; this test's server listens elsewhere.
    page.goto(re.search(r"https?://[^/\s]+(/survey/open/\S+)", body)[1])
    assert_accessible(page)  # the crawler cannot reach the survey: each kind of page here
    keys.press("Next")  # the answer clicked in the email is chosen on the first question
    for question in (
        "Did you understand our response and how we reached it?",
        "Did we respond within the time we told you?",
        "Do you feel you were treated fairly?",
        "Would you know how to take it further if you were unhappy?",
    ):
        keys.choose(question, "Not sure")
        keys.press("Next")
    assert_accessible(page)
    keys.type_into("Is there anything else you would like to tell us?", "Thank you.")
    keys.press("Continue")
    expect_heading(page, keys.t("About you"))
    assert_accessible(page)
    keys.assert_not_trapped()  # many small radios
    keys.press("Send my answers")
    expect_heading(page, keys.t("Thank you"))
    assert_accessible(page)


@pytest.mark.parametrize("locale", LOCALES)
def test_an_officer_triages_and_acknowledges_a_complaint(keys, app, locale):
    page = keys.page
    moment = moment_for(locale)
    staff(app, "olu@example.org", "Olu Officer", Role.COMPLAINTS_OFFICER)
    at(app, moment)
    # Given a complaint sent in the same language
    case_reference = a_complaint_sent(app, locale)

    # When the officer signs in with a password and a code
    page.goto("/staff/sign-in")
    keys.type_into("Email address", "olu@example.org")
    keys.type_into("Password", PASSWORD)  # the box, not the button that shows the password
    keys.press("Continue")
    keys.type_into("Enter the code from your authenticator app", pyotp.TOTP(SECRET).at(moment))
    keys.press("Continue")

    # Then they open the new complaint from the queue and triage it
    keys.go(page.get_by_role("main").get_by_role("link", name=case_reference, exact=True))
    expect_heading(page, case_reference)
    keys.assert_not_trapped()
    actions = page.get_by_role("navigation", name=keys.t("What you can do"))
    keys.go(actions.get_by_role("link", name=keys.t("Triage"), exact=True))
    keys.choose("What is it?", "Complaint: statutory procedure (Children Act 1989)")
    keys.press("Save triage decision")
    keys.select("Issue category", "Contact Issues")
    keys.press("Add issue")
    expect(page.get_by_role("alert")).to_contain_text(keys.t("Issue added"))
    keys.follow("Done with issues")

    # And they send the acknowledgement
    expect_heading(page, keys.t("Send the acknowledgement"))
    keys.press("Send letter")
    expect(page.get_by_role("alert")).to_contain_text(keys.t("Letter sent"))
    assert_accessible(page)
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=case_reference))
        assert case.acknowledged_on is not None and case.issues


def a_complaint_sent(app, locale: str) -> str:
    """A parent's complaint, sent in ``locale`` through the test client (the journey by
    keyboard is proven above); its reference."""
    client = app.test_client()
    client.set_cookie("language", locale)
    checks_csrf = app.config.get("WTF_CSRF_ENABLED", True)
    app.config["WTF_CSRF_ENABLED"] = False  # for these posts only: no browser is at work
    try:
        answer_all(client)
        send(client)
    finally:
        app.config["WTF_CSRF_ENABLED"] = checks_csrf
    with app.app_context():
        return db.session.scalar(select(Case.reference))
