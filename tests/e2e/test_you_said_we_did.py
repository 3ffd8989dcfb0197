""" "You said, we did" in a browser: the complaints manager marks a learning action done,
publishes it as a short statement, checks the staff preview, and the public finds it on
the public page under its theme, by role and accessible name, with nothing of the case."""

import json
from datetime import UTC, date, datetime

from playwright.sync_api import Page, expect
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, LearningAction, Person, PersonRole, Role
from portal.procedure.deadlines import DEFAULT_TIMESCALES
from portal.services.interchange import import_cases

from ..support.browser import assert_accessible
from .pages import choose, expect_heading, fill_date
from .test_staff_casework import at, sign_in, staff

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
REFERENCE = "SCT-7KD4-M9QP"
STATEMENT = (
    "You told us social workers changed too often without telling you. "
    "We now send a letter from your new worker within a week."
)
THEME = "Changes of social worker"


def closed_complaint_with_an_action(app) -> None:
    """A closed complaint (made by Alex Parent) whose learning form has one action, not yet
    implemented."""
    stage = {"stage": 1, "started_on": "2026-09-01", "extended": False,
             "responded_on": "2026-09-14", "outcome": "upheld"}  # fmt: skip
    record = {
        "reference": REFERENCE, "kind": "complaint", "procedure": "statutory",
        "received_on": "2026-09-01", "channel": "email", "submitted_by": "parent",
        "child_led": False, "advocate_supported": False, "person_key": None,
        "team": "Fostering", "locality": None, "themes": [], "stages": [stage], "issues": [],
        "mediation": None, "ombudsman": None, "satisfaction": None, "compliment_source": None,
        "learning": {"sent_on": "2026-09-14", "returned_on": "2026-09-21", "categories": [],
                     "implemented_on": None},
    }  # fmt: skip
    with app.app_context():
        import_cases(db.session, [json.dumps(record)], DEFAULT_TIMESCALES)
        case = db.session.scalar(select(Case).filter_by(reference=REFERENCE))
        db.session.add(
            Person(case_id=case.id, role=PersonRole.COMPLAINANT, full_name="Alex Parent")
        )
        action = LearningAction(
            description="Introduce new workers by letter", owner="Robin Owner",
            due_on=date(2026, 11, 30),
        )  # fmt: skip
        case.learning.actions.append(action)
        db.session.commit()


def press(page: Page, button: str) -> None:
    """Check the page with axe-core, then press its button and wait for the next page."""
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def follow(page: Page, link: str) -> None:
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=link).click()


def test_the_manager_publishes_and_the_public_reads_it(new_page, app):
    staff(app, "hana@example.org", "Hana Head", Role.COMPLAINTS_MANAGER)
    closed_complaint_with_an_action(app)
    at(app, NOW)

    # Given the complaints manager on the case's learning form
    head = new_page()
    sign_in(head, "hana@example.org", NOW)
    head.goto(f"/staff/cases/{REFERENCE}/learning")
    expect_heading(head, "Learning form")
    actions = head.get_by_role("table", name="Learning actions")
    expect(actions).to_contain_text("Not published")

    # When they mark the action implemented, the way to publish it appears
    follow(head, "Mark implemented (action 1)")
    fill_date(head, "Date implemented", "20", "11", "2026")
    head.get_by_label("What difference did it make?").fill("New workers write within a week.")
    press(head, "Save")
    follow(head, "Publish as 'You said, we did' (action 1)")
    expect_heading(head, "Publish as 'You said, we did'")

    # … and a statement naming the person is refused, keeping what was typed
    choose(head, "Theme", THEME)
    head.get_by_label("What the public will read").fill("Alex told us workers changed.")
    press(head, "Publish")
    expect(head.get_by_role("alert")).to_contain_text("Take out names and case references")
    expect(head.get_by_label("What the public will read")).to_have_value(
        "Alex told us workers changed."
    )
    expect(head.get_by_role("radio", name=THEME)).to_be_checked()

    # … so they write it without the name, and publish it
    head.get_by_label("What the public will read").fill(STATEMENT)
    press(head, "Publish")

    # Then the staff preview shows it under its theme, as the public will see it
    expect_heading(head, "You said, we did")
    expect(head.get_by_role("alert")).to_contain_text("Published as 'You said, we did'")
    preview = head.get_by_role("region", name=THEME)
    expect(preview.get_by_role("listitem").filter(has_text=STATEMENT)).to_contain_text(
        "Published in November 2026"
    )
    published = head.get_by_role("table", name="Learning actions published")
    expect(published.get_by_role("row").filter(has_text=REFERENCE)).to_contain_text(THEME)
    assert_accessible(head)

    # When a member of the public opens "You said, we did" from the home page
    public = new_page()
    public.goto("/")
    follow(public, "You said, we did")
    expect_heading(public, "You said, we did")

    # Then they find the statement under its theme, and nothing of the case
    section = public.get_by_role("region", name=THEME)
    expect(section.get_by_role("heading", level=2)).to_have_text(THEME)
    item = section.get_by_role("listitem").filter(has_text=STATEMENT)
    expect(item).to_contain_text("Published in November 2026")
    text = public.get_by_role("main").inner_text()
    for private in (
        REFERENCE,
        "Alex Parent",
        "Robin Owner",
        "Introduce new workers",
        "20 November",
    ):
        assert private not in text, private
    assert_accessible(public)
