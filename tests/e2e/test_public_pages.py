"""The public pages, read the way a screen-reader user moves through them."""

import re

import pytest
from playwright.sync_api import Page, expect

from ..support.browser import assert_accessible, sideways_overflow

PAGES = [
    ("Home", "Tell us what you think about children's social care"),
    ("Contact us", "Contact the complaints team"),
    ("Accessibility statement", "Accessibility statement"),
    ("Privacy notice", "Privacy notice"),
]


def test_home_page_offers_help_and_ways_in(page: Page):
    # Given a person arriving at the portal
    page.goto("/")
    # Then the page says what it is for, and where to get help now
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tell us what you think about children's social care"
    )
    expect(page.get_by_role("complementary", name="If you need help now")).to_contain_text(
        "0800 1111"
    )
    expect(page).to_have_title(re.compile(r"^Home – Complaints, compliments and feedback"))
    assert_accessible(page)


@pytest.mark.parametrize(("link", "heading"), PAGES[1:])
def test_footer_links_reach_each_help_page(page: Page, link: str, heading: str):
    # Given the home page
    page.goto("/")
    # When the person follows a footer link
    page.get_by_role("contentinfo").get_by_role("link", name=link).click()
    # Then they land on that page, which passes axe-core
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))


def test_exit_this_page_leaves_for_a_neutral_site(page: Page):
    page.goto("/")
    exit_button = page.get_by_role("button", name="Emergency Exit this page")
    expect(exit_button).to_have_attribute("href", "https://www.bbc.co.uk/weather")


def test_the_language_switcher_changes_language_and_keeps_the_page(page: Page):
    # Given the person is reading the privacy notice
    page.goto("/privacy")
    # When they choose Welsh
    page.get_by_role("navigation", name="Choose a language").get_by_role(
        "link", name="Cymraeg"
    ).click()
    # Then they stay on the privacy notice, now marked as Welsh
    expect(page).to_have_url(re.compile("/privacy$"))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    # And the choice is remembered on the next page
    page.goto("/contact")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert_accessible(page)


def test_missing_pages_get_a_friendly_404(page: Page):
    response = page.goto("/no-such-page")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Go to the start page")).to_be_visible()
    assert_accessible(page)


def test_the_home_page_fits_a_320_pixel_screen(small_screen_page: Page):
    small_screen_page.goto("/")
    assert sideways_overflow(small_screen_page) == 0
    assert_accessible(small_screen_page)


def test_the_home_page_works_without_javascript(no_script_page: Page):
    no_script_page.goto("/")
    expect(no_script_page.get_by_role("heading", level=1)).to_be_visible()
    no_script_page.get_by_role("link", name="Cymraeg").click()
    expect(no_script_page.locator("html")).to_have_attribute("lang", "cy")
