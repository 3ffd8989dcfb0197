"""Browser fixtures: the portal on a live server, and a fresh Chromium page per test.

Browser tests run on SQLite only: what they prove is the journey through the pages;
the database behaviour is proven on both backends by the integration tests.
"""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    sync_playwright,
)

from portal import create_app
from portal.extensions import db

from ..support.browser import CHROMIUM, CHROMIUM_ARGS, SCRIPTLESS, SMALL_SCREEN
from ..support.databases import SQLiteTemplates, app_config
from ..support.live_server import serve


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def app(sqlite_templates: SQLiteTemplates) -> Iterator[Flask]:
    app = create_app(app_config(sqlite_templates.fresh()))
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """Opens pages in fresh browser contexts (``new_page(java_script_enabled=False)`` …).

    The test fails if a page logs an error (a script or style blocked by the Content
    Security Policy, say) or a stylesheet, script or image fails to load. Pages
    themselves may answer 404: tests check their status."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def note_console_error(message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def note_failed_asset(response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            errors.append(f"{response.status} for {response.url}")

    def open_page(**options: Any) -> Page:
        context = browser.new_context(base_url=base_url, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", note_console_error)
        page.on("response", note_failed_asset)
        page.on("pageerror", lambda error: errors.append(str(error)))
        if options.get("java_script_enabled") is False:
            SCRIPTLESS.add(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], f"The browser reported errors: {errors}"


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture
def small_screen_page(new_page: Callable[..., Page]) -> Page:
    return new_page(**SMALL_SCREEN)


@pytest.fixture
def no_script_page(new_page: Callable[..., Page]) -> Page:
    """A page with JavaScript turned off."""
    return new_page(java_script_enabled=False)
