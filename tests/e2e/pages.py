"""Page helpers for browser tests: each step is found by role and accessible name, the
way a screen reader user finds it, and every page is checked by axe-core on the way."""

import re

from playwright.sync_api import Locator, Page, expect

from ..support.browser import SCRIPTLESS, assert_accessible, sideways_overflow


def continue_(page: Page, button: str = "Continue") -> None:
    """Check the page (accessible, and no wider than the screen), then press its button."""
    assert_accessible(page)
    assert_fits_the_screen(page)
    with page.expect_navigation():  # so the next check sees the next page, not a blank one
        page.get_by_role("button", name=button).click()


def assert_fits_the_screen(page: Page) -> None:
    if page in SCRIPTLESS:
        return
    overflow = sideways_overflow(page)
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def expect_heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(text)))


def choose(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_role("radio", name=answer, exact=True).check()


def fill_date(page: Page, question: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=question)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def start_complaint(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Make a complaint").click()
    expect_heading(page, "Make a complaint")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()


def secret_words(page: Page, region: str = "Your secret words") -> list[str]:
    section = page.get_by_role("region", name=region)
    return section.get_by_role("listitem").all_inner_texts()


def reference(page: Page) -> str:
    """The case reference the confirmation panel shows."""
    text = page.get_by_role("main").inner_text()
    return re.search(r"Your reference\s+([A-Z]+-[A-Z0-9]{4}-[A-Z0-9]{4})", text).group(1)


def answers_shown(page: Page) -> str:
    """All the text of the check-your-answers page's main content."""
    return page.get_by_role("main").inner_text()


def answer_as_foster_carer(page: Page) -> None:
    """A foster carer's complaint about their own allowance, up to check your answers."""
    start_complaint(page)
    choose(page, "Who are you?", "A foster carer")
    continue_(page)
    choose(page, "Who is the complaint for?", "Myself")
    continue_(page)
    # The child questions do not apply
    page.get_by_label("What happened?").fill("My allowance was paid late again.")
    continue_(page)
    choose(page, "When did it happen?", "Over a period of time")
    continue_(page)
    page.get_by_label("Over what period did it happen?").fill("since last summer")
    continue_(page)
    continue_(page)  # team and worker are optional
    page.get_by_label("What would you like to happen?").fill("Payments on time.")
    continue_(page)
    page.get_by_label("Your full name").fill("Jo Carer")
    page.get_by_label("Phone number").fill("07700 900123")
    continue_(page)
    choose(page, "How should we contact you?", "Phone")
    page.get_by_label("When is it safe or convenient to contact you? (optional)").fill("after 3pm")
    continue_(page)
    continue_(page)  # no adjustments needed
    assert "Child's full name" not in answers_shown(page)


def answer_as_parent_for_child(page: Page) -> None:
    """A parent's complaint for their child in care, sent (a statutory complaint)."""
    start_complaint(page)
    choose(page, "Who are you?", "A parent")
    continue_(page)
    choose(page, "Who is the complaint for?", "A child or young person")
    continue_(page)
    page.get_by_label("Child's full name").fill("Sam Example")
    fill_date(page, "Child's date of birth (if you know it)", "27", "3", "2014")
    choose(page, "Is the child in care?", "Yes")
    continue_(page)
    choose(page, "Does the child know about this complaint, and agree to it?", "Yes")
    continue_(page)
    page.get_by_label("What happened?").fill("Visits were cancelled and calls not returned.")
    continue_(page)
    choose(page, "When did it happen?", "Over a period of time")
    continue_(page)
    page.get_by_label("Over what period did it happen?").fill("since September")
    continue_(page)
    page.get_by_label("Which team is it about?").select_option("Fostering")
    continue_(page)
    page.get_by_label("What would you like to happen?").fill("Regular visits.")
    continue_(page)
    page.get_by_label("Your full name").fill("Alex Parent")
    page.get_by_label("Email address").fill("alex@example.org")
    continue_(page)
    choose(page, "How should we contact you?", "Email")
    continue_(page)
    continue_(page)  # no adjustments needed
    page.get_by_role("button", name="Send your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Complaint sent")


#: Whether an element shows that it has the focus. GOV.UK radios and checkboxes hide the
#: input itself (opacity 0) and draw the focus round their label's box instead.
FOCUS_SHOWS = """element => {
    const shows = style => style.outlineStyle !== 'none' || style.boxShadow !== 'none';
    const label = element.labels && element.labels[0];
    if (label && getComputedStyle(element).opacity === '0') {
        return shows(getComputedStyle(label, '::before')) || shows(getComputedStyle(label));
    }
    return shows(getComputedStyle(element));
}"""


def tab_to(page: Page, target: Locator, limit: int = 150) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would, and check the
    focus can be seen."""
    element = target.element_handle()  # found once: finding by role on each press is slow
    for _ in range(limit):
        page.keyboard.press("Tab")
        if element.evaluate("element => element === document.activeElement"):
            assert element.evaluate(FOCUS_SHOWS), "the focused control shows no focus indicator"
            return
    raise AssertionError(f"Tab never reached {target}")
