"""Past the rate limit, in a real browser: the 429 page passes axe, and Try again sends the
compliment as it was typed."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import CaseStatement
from portal.rate_limits import limiter

from .pages import choose, continue_, expect_heading


def send_compliment(page: Page, message: str) -> None:
    page.goto("/compliment")
    page.get_by_label("Which team is your compliment about?").select_option("Fostering")
    choose(page, "Who are you?", "Someone from a court")
    page.get_by_label("Your compliment", exact=True).fill(message)
    choose(page, "Can we share your compliment with the worker or team?", "Yes")
    continue_(page, "Send your compliment")


@pytest.mark.parametrize("script", [True, False], ids=["javascript", "no-javascript"])
def test_a_compliment_past_the_limit_waits_on_a_page_that_sends_it_again(new_page, app, script):
    app.config["RATE_LIMIT"] = "1 per hour"  # read with each request
    page = new_page(java_script_enabled=script)
    send_compliment(page, "The first.")
    expect_heading(page, "Thank you for your compliment")

    # Given one more from the same address within the hour
    send_compliment(page, "A thorough and fair report.")

    # Then it waits, on a page that says so in the portal's design
    expect_heading(page, "Sorry, too many forms have been sent from your internet connection")
    expect(page.get_by_text("Wait 60 minutes, then try again.")).to_be_visible()

    # And when the hour has passed, Try again (on a page axe finds no fault with) sends
    # what was typed
    limiter.reset()
    continue_(page, "Try again")
    expect_heading(page, "Thank you for your compliment")
    with app.app_context():
        messages = db.session.scalars(select(CaseStatement.message)).all()
    assert sorted(messages) == ["A thorough and fair report.", "The first."]
