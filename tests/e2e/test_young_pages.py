"""Every child page and its error state passes axe-core, fits 320 px, has controls at
least 44 by 44 pixels and, on a first visit, takes at most 150 KB over the network with
everything it loads; the read-aloud button appears only where the browser can speak."""

import pytest
from playwright.sync_api import Page, expect

from ..support.browser import PageWeights, assert_accessible, assert_big_targets
from .pages import assert_fits_the_screen

SMALL = {"width": 320, "height": 640}
#: Issue #11: a child's page and all it loads (HTML, CSS, JS, images, fonts), in bytes.
PAGE_WEIGHT_LIMIT = 150_000


FIRST = {"sort-it": "feeling", "feelings": "feeling", "thank-you": "thanks", "advocate": "contact"}


def walk_journeys(page: Page, band: str) -> list[str]:
    """Walk every journey of a band to its check page, checking each page, and the error
    shown when a question is left unanswered."""
    seen = []
    for purpose, first in FIRST.items():
        page.goto(f"/young/{band}/{purpose}")
        assert_accessible(page)
        page.goto(f"/young/{band}/{purpose}/{first}")
        while "/check" not in page.url:
            seen.append(page.url)
            assert_accessible(page)
            assert_fits_the_screen(page)
            assert_big_targets(page)
            with page.expect_navigation():
                page.get_by_role("button", name="Next").click()  # nothing chosen yet
            if page.get_by_role("alert").count():
                assert_accessible(page)
                for group in page.get_by_role("group").all():
                    group.locator("input").first.check()
                with page.expect_navigation():
                    page.get_by_role("button", name="Next").click()
        assert_accessible(page)
        seen.append(page.url)
    return seen


@pytest.mark.parametrize("band", ["7-11", "12-plus"])
def test_every_child_page_is_accessible_fits_a_small_screen_and_is_light(new_page, band):
    page = new_page(viewport=SMALL)
    weights = PageWeights(page)
    for path in ("/young", f"/young/{band}"):
        page.goto(path)
        assert_accessible(page)
        assert_fits_the_screen(page)
        assert_big_targets(page)
    seen = walk_journeys(page, band)
    assert len([url for url in seen if url.endswith("/check")]) == len(FIRST)
    heaviest, size = weights.heaviest()
    assert size <= PAGE_WEIGHT_LIMIT, f"{heaviest} took {size} bytes"


def test_the_read_aloud_button_uses_the_browsers_own_speech(new_page):
    page = new_page()
    page.goto("/young/7-11/sort-it/feeling")
    expect(page.get_by_role("button", name="Read this out loud")).to_be_visible()
    silent = new_page()
    silent.add_init_script("delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    silent.goto("/young/7-11/sort-it/feeling")
    expect(silent.get_by_role("button", name="Next")).to_be_visible()
    expect(silent.get_by_role("button", name="Read this out loud")).to_have_count(0)
    scriptless = new_page(java_script_enabled=False)
    scriptless.goto("/young/7-11/sort-it/feeling")
    expect(scriptless.get_by_role("button", name="Read this out loud")).to_have_count(0)
