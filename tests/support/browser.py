"""A real Chromium driven by Playwright, the accessibility check every page must pass, and
how much each page weighs over the network."""

import weakref
from collections import Counter

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
#: A 1280 by 720 window zoomed to 200 %.
ZOOMED_200 = {"width": 640, "height": 360}
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


#: Elements whose content is cut off: wider than their box, with the rest hidden. (Visually
#: hidden text is clipped on purpose; a box that scrolls, or a text field, shows the rest.)
_CLIPPED = """() => [...document.querySelectorAll('body *')].filter(element => {
    if (element.matches('input, textarea, select')) return false;
    const style = getComputedStyle(element);
    if (!['hidden', 'clip'].includes(style.overflowX) || element.clientWidth <= 1) return false;
    return element.scrollWidth > element.clientWidth + 1;
}).map(element => element.outerHTML.slice(0, 120))"""


def sideways_overflow(page: Page) -> int:
    """How many pixels the page would scroll sideways (0 when it fits the window)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def layout_problems(page: Page) -> list[str]:
    """What stops the page reflowing to the window: a sideways scroll, or clipped content."""
    if page in SCRIPTLESS:
        return []
    overflow = sideways_overflow(page)
    problems = [f"the page scrolls sideways by {overflow}px"] if overflow > 0 else []
    return problems + [f"clipped: {html}" for html in page.evaluate(_CLIPPED)]


#: Controls in the page's main content smaller than ``size`` in either direction (links
#: inside a sentence excepted, as WCAG allows).
_SMALL_TARGETS = """size => [...document.querySelectorAll(
    'main :is(a[href], button, input:not([type=hidden]), textarea, select, summary)')]
  .filter(control => !control.closest('p'))
  .map(control => [control, control.getBoundingClientRect()])
  .filter(([control, box]) => box.width > 0 && (box.width < size || box.height < size))
  .map(([control, box]) =>
    `${control.outerHTML.slice(0, 80)}: ${Math.round(box.width)} by ${Math.round(box.height)}`)"""


def assert_big_targets(page: Page, size: int = 44) -> None:
    """Every control in the page's main content is at least ``size`` pixels each way."""
    small = page.evaluate(_SMALL_TARGETS, size)
    assert small == [], f"{page.url}: controls smaller than {size} by {size}: {small}"


class PageWeights:
    """What a browser page receives over the network for each page it opens: the page and
    everything it loads, headers and bodies as sent (so compressed when they were), with
    the cache off, so every page is weighed as on a first visit."""

    def __init__(self, page: Page) -> None:
        self._loaders: dict[str, str] = {}  # request → loader (one per page opened)
        self._pages: dict[str, str] = {}  # loader → the page's address
        self._bytes: Counter[str] = Counter()
        self._cdp = page.context.new_cdp_session(page)
        self._cdp.on("Network.requestWillBeSent", self._sent)
        self._cdp.on("Network.loadingFinished", self._finished)
        self._cdp.send("Network.enable")
        self._cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def _sent(self, event: dict) -> None:
        self._loaders[event["requestId"]] = event["loaderId"]
        if event.get("type") == "Document":
            self._pages[event["loaderId"]] = event["request"]["url"]

    def _finished(self, event: dict) -> None:
        self._bytes[self._loaders[event["requestId"]]] += int(event["encodedDataLength"])

    def heaviest(self) -> tuple[str, int]:
        """The address of the page that took the most bytes, and how many."""
        # A round trip to the browser: the events it sent before answering are in.
        self._cdp.send("Runtime.evaluate", {"expression": "0"})
        loader, size = self._bytes.most_common(1)[0]
        return self._pages[loader], size
