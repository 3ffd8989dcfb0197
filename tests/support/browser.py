"""A real Chromium driven by Playwright, and the accessibility check every page must pass."""

import weakref

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
#: As root in a container, and with no network to reach: no sandbox, no background calls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: A small phone: 320 CSS pixels wide.
SMALL_SCREEN = {"viewport": {"width": 320, "height": 640}}
#: WCAG 2.2 A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}

_axe = Axe()

#: Pages opened with JavaScript off. Checks that run script in the page cannot run there;
#: the same pages are checked with JavaScript on.
SCRIPTLESS: "weakref.WeakSet[Page]" = weakref.WeakSet()


def accessibility_report(page: Page) -> str | None:
    """axe-core's report of the page's accessibility violations, or None if it has none."""
    if page in SCRIPTLESS:
        return None
    results = _axe.run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.violations_count else None


def assert_accessible(page: Page) -> None:
    """Fail with axe-core's report if the page has any accessibility violation."""
    report = accessibility_report(page)
    assert report is None, report
