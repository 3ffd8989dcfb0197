"""Urdu reads right to left: key pages are mirrored, and a 320-pixel screen never has to
scroll sideways (each page's screenshot is kept with the test's files)."""

import pytest
from playwright.sync_api import Page, expect

from ..support.browser import SMALL_SCREEN, assert_accessible
from .pages import assert_fits_the_screen

KEY_PAGES = [
    "/",
    "/young",
    "/young/7-11",
    "/young/12-plus",
    "/complain",
    "/compliment",
    "/advocacy",
    "/track",
    "/you-said-we-did",
    "/accessibility",
    "/staff/sign-in",
]


#: How far the end of an element's text is from the right of the element.
TEXT_GAP_ON_THE_RIGHT = """element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return element.getBoundingClientRect().right - range.getBoundingClientRect().right;
}"""


@pytest.fixture
def urdu_page(new_page, base_url) -> Page:
    page = new_page(**SMALL_SCREEN)
    page.context.add_cookies([{"name": "language", "value": "ur", "url": base_url}])
    return page


@pytest.mark.parametrize("path", KEY_PAGES)
def test_urdu_pages_are_mirrored_and_fit_a_small_screen(urdu_page, path, tmp_path):
    assert urdu_page.goto(path).ok, path
    html = urdu_page.locator("html")
    expect(html).to_have_attribute("lang", "ur")
    expect(html).to_have_attribute("dir", "rtl")
    # The heading's words hug the right of its box, as right-to-left text does.
    gap = urdu_page.get_by_role("heading", level=1).evaluate(TEXT_GAP_ON_THE_RIGHT)
    assert gap < 2, f"{path}: the heading's text stops {gap}px short of the right"
    urdu_page.screenshot(path=tmp_path / "page.png", full_page=True)
    assert_fits_the_screen(urdu_page)
    assert_accessible(urdu_page)
