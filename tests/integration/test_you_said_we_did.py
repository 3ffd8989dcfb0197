""" "You said, we did": the complaints manager publishes what a complaint changed, as a
short statement that says nothing of who it is about; the public page lists the statements
by theme, newest first, and staff preview exactly that. On SQLite and PostgreSQL."""

import re
from datetime import UTC, date, datetime, timedelta

import pyotp
import pytest
from markupsafe import escape
from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, Case, LearningAction, LearningForm, StaffUser
from portal.services.casework import CaseworkError
from portal.services.learning import PublicStatement, publish_statement

from .conftest import NOW, PASSWORD, SECRET, signed_in
from .test_casework import post, user_id, web_complaint

CHANGED_WORKERS = (
    "You told us social workers changed too often without telling you. "
    "We now send a letter from your new worker within a week."
)
CALLS = "You told us calls were not returned. Every call is now returned within two days."
MEETINGS = "You told us meeting notes came late. We now send them within five working days."
#: The complaint web_complaint sends: Alex Parent complains for Sam Example.
NAMES = ("Alex Parent", "Sam Example", "Alex", "Parent")
SEPTEMBER = datetime(2026, 9, 14, 10, 0, tzinfo=UTC)
OCTOBER = datetime(2026, 10, 12, 10, 0, tzinfo=UTC)


@pytest.fixture
def complaint_with_learning(casework_app):
    """Returns a function that sends a complaint online, has the officer triage it to the
    investigating manager, and gives it a learning form with actions (implemented unless
    told otherwise); the function returns the reference and the actions' ids."""
    officer = signed_in(casework_app, "officer@example.org")

    def make(*implemented: bool) -> tuple[str, list[int]]:
        reference = web_complaint(casework_app)
        manager = str(user_id(casework_app, "manager@example.org"))
        triage = {"decision": "statutory", "assignee": manager}
        post(officer, f"/staff/cases/{reference}/triage", triage)
        with casework_app.app_context():
            case = db.session.scalar(select(Case).filter_by(reference=reference))
            case.learning = LearningForm(sent_on=date(2026, 9, 1), returned_on=date(2026, 9, 7))
            for number, done in enumerate(implemented or (True,), start=1):
                case.learning.actions.append(action(number, done))
            db.session.commit()
            return reference, [each.id for each in case.learning.actions]

    return make


def action(number: int, done: bool) -> LearningAction:
    return LearningAction(
        description=f"Action {number}: tell Alex Parent about worker changes",
        owner="Robin Owner",
        due_on=date(2026, 9, 30),
        implemented_on=date(2026, 9, 10) if done else None,
        difference_made="Letters go out within a week." if done else None,
    )


def head_at(app, moment, email="head@example.org"):
    """The complaints manager (or ``email``), signed in at ``moment``, which the portal's
    clock becomes (each code works once, so a second sign-in needs another moment)."""
    app.config["FROZEN_NOW"] = moment
    client = app.test_client()
    client.post("/staff/sign-in", data={"email": email, "password": PASSWORD})
    code = {"code": pyotp.TOTP(SECRET).at(moment)}
    assert client.post("/staff/sign-in/code", data=code).status_code == 303
    return client


def publish_url(reference, action_id, change="publish"):
    return f"/staff/cases/{reference}/learning/actions/{action_id}/{change}"


def statement(theme, text):
    return {"theme": theme, "statement": text}


def shown(page: str) -> list[tuple[str, list[str]]]:
    """The themes and statements of the "You said, we did" partial, in page order."""
    sections = re.findall(r'<section aria-labelledby="theme-(\w+)">(.*?)</section>', page, re.S)
    return [
        (theme, re.findall(r'class="[^"]*portal-statement">(.*?)</p>', body, re.S))
        for theme, body in sections
    ]


def audit_trail(app, reference):
    with app.app_context():
        case_id = db.session.scalar(select(Case.id).filter_by(reference=reference))
        query = select(AuditEvent).filter_by(case_id=case_id).order_by(AuditEvent.id)
        return [(event.action, event.details) for event in db.session.scalars(query)]


def test_only_the_complaints_manager_publishes(casework_app, complaint_with_learning):
    app = casework_app
    reference, (action_id,) = complaint_with_learning()
    url = publish_url(reference, action_id)
    data = statement("change_of_worker", CHANGED_WORKERS)

    # Officers and investigating managers may not publish, nor see the way to
    investigator = signed_in(app, "manager@example.org")
    learning_page = investigator.get(f"/staff/cases/{reference}/learning").get_data(as_text=True)
    assert "Not published" in learning_page
    assert url not in learning_page
    officer = head_at(app, NOW + timedelta(minutes=1), "officer@example.org")
    for client in (officer, investigator):
        assert client.get(url).status_code == 403
        assert client.post(url, data=data).status_code == 403
    with app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(email="officer@example.org"))
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        public = PublicStatement("change_of_worker", CHANGED_WORKERS)
        with pytest.raises(CaseworkError, match="Only the complaints manager"):
            publish_statement(db.session, case, user, action_id, public, NOW.date())
        db.session.rollback()
    assert CHANGED_WORKERS not in app.test_client().get("/you-said-we-did").get_data(as_text=True)

    # The complaints manager finds the action on the learning form and publishes it
    head = head_at(app, NOW + timedelta(minutes=2))
    assert url in head.get(f"/staff/cases/{reference}/learning").get_data(as_text=True)
    post(head, url, data, follow_to="/staff/learning/you-said-we-did")
    preview = head.get("/staff/learning/you-said-we-did").get_data(as_text=True)
    assert str(escape("Published as 'You said, we did'")) in preview
    assert shown(preview) == [("change_of_worker", [CHANGED_WORKERS])]

    # Every case worker may look at the preview; only the manager is offered changes
    assert shown(investigator.get("/staff/learning/you-said-we-did").get_data(as_text=True)) == [
        ("change_of_worker", [CHANGED_WORKERS])
    ]
    assert publish_url(reference, action_id, "unpublish") in preview
    other = investigator.get("/staff/learning/you-said-we-did").get_data(as_text=True)
    assert publish_url(reference, action_id, "unpublish") not in other
    with app.app_context():
        published = db.session.get(LearningAction, action_id)
        assert (published.public_theme, published.published_on) == ("change_of_worker", NOW.date())

    # The audit trail records it, with codes and no free text
    assert ("learning.published", {"action_id": action_id, "theme": "change_of_worker"}) in (
        audit_trail(app, reference)
    )


def test_the_public_page_groups_by_theme_newest_first_with_no_case_data(
    casework_app, complaint_with_learning
):
    app = casework_app
    reference, (calls, workers, meetings) = complaint_with_learning(True, True, True)
    other_reference, (older_calls,) = complaint_with_learning()

    # Given statements published in September, October and November
    post(head_at(app, SEPTEMBER), publish_url(other_reference, older_calls),
         statement("communication", MEETINGS))  # fmt: skip
    october = head_at(app, OCTOBER)
    post(october, publish_url(reference, workers), statement("change_of_worker", CHANGED_WORKERS))
    november = head_at(app, NOW)
    post(november, publish_url(reference, calls), statement("communication", CALLS))
    assert meetings  # a third action on the case, never published

    # Then the public page lists them by theme, in the themes' order, newest first in each
    page = app.test_client().get("/you-said-we-did")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert shown(html) == [
        ("communication", [CALLS, MEETINGS]),
        ("change_of_worker", [CHANGED_WORKERS]),
    ]
    assert ">Keeping in touch</h2>" in html and ">Changes of social worker</h2>" in html
    assert "Published in November 2026" in html and "Published in September 2026" in html

    # … and nothing from the cases: no reference, name, owner, action, or day of the month
    for private in (
        reference,
        other_reference,
        *NAMES,
        "Robin Owner",
        "Action 1",
        "worker changes",
    ):
        assert private not in html, private
    assert not re.search(r"\b(14|12|23) (September|October|November)", html)

    # The staff preview shows exactly the same
    preview = november.get("/staff/learning/you-said-we-did").get_data(as_text=True)
    assert shown(preview) == shown(html)

    # The home page leads to it
    home = app.test_client().get("/").get_data(as_text=True)
    assert 'href="/you-said-we-did"' in home


def test_changing_keeps_the_month_and_unpublishing_takes_it_off(
    casework_app, complaint_with_learning
):
    app = casework_app
    reference, (action_id,) = complaint_with_learning()
    head = head_at(app, OCTOBER)
    post(head, publish_url(reference, action_id), statement("communication", CALLS))

    # Changing the words keeps the month it was first published
    november = head_at(app, NOW)
    form = november.get(publish_url(reference, action_id)).get_data(as_text=True)
    assert "Change the published statement" in form and CALLS in form
    post(november, publish_url(reference, action_id), statement("meetings_and_reports", MEETINGS))
    public = app.test_client().get("/you-said-we-did").get_data(as_text=True)
    assert shown(public) == [("meetings_and_reports", [MEETINGS])]
    assert "Published in October 2026" in public

    # Unpublishing asks first, then takes it off the public page
    confirm = november.get(publish_url(reference, action_id, "unpublish"))
    assert "Take this statement off the public page?" in confirm.get_data(as_text=True)
    post(november, publish_url(reference, action_id, "unpublish"), {},
         follow_to="/staff/learning/you-said-we-did")  # fmt: skip
    public = app.test_client().get("/you-said-we-did").get_data(as_text=True)
    assert shown(public) == []
    assert MEETINGS not in public
    assert "We have not published any changes yet." in public
    preview = november.get("/staff/learning/you-said-we-did").get_data(as_text=True)
    assert "Statement taken off the public page" in preview
    assert "No learning actions are published." in preview

    # Publishing again starts from the words it had, with a new month
    again = november.get(publish_url(reference, action_id)).get_data(as_text=True)
    assert str(escape("Publish as 'You said, we did'")) in again and MEETINGS in again
    post(november, publish_url(reference, action_id), statement("meetings_and_reports", MEETINGS))
    public = app.test_client().get("/you-said-we-did").get_data(as_text=True)
    assert "Published in November 2026" in public

    events = [name for name, _ in audit_trail(app, reference) if name.startswith("learning.")]
    assert events == ["learning.published", "learning.statement_changed",
                      "learning.unpublished", "learning.published"]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (statement("communication", ""), "Enter the statement"),
        (statement("communication", "   "), "Enter the statement"),
        (statement("communication", "x" * 601), "The statement must be 600 characters or fewer"),
        (statement("", CALLS), "Choose a theme"),
        (statement("not_a_theme", CALLS), "Not a valid choice"),
        (statement("communication", "Alex told us calls were not returned."),
         "Take out names and case references, so no one can tell who it is about"),
        (statement("communication", "You told us about SCT-7KD4-M9QP."),
         "Take out names and case references, so no one can tell who it is about"),
    ],
)  # fmt: skip
def test_bad_input_gives_a_clear_message_and_keeps_what_was_typed(
    casework_app, complaint_with_learning, data, message
):
    app = casework_app
    reference, (action_id,) = complaint_with_learning()
    head = signed_in(app, "head@example.org")
    response = head.post(publish_url(reference, action_id), data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert message in page
    assert str(escape(data["statement"])) in page  # what was typed is still in the box
    public = app.test_client().get("/you-said-we-did").get_data(as_text=True)
    assert shown(public) == []


def test_the_case_reference_and_an_unimplemented_action_are_refused(
    casework_app, complaint_with_learning
):
    app = casework_app
    reference, (done, not_done) = complaint_with_learning(True, False)
    head = signed_in(app, "head@example.org")
    with_reference = statement("communication", f"About {reference.lower()}: calls returned.")
    page = head.post(publish_url(reference, done), data=with_reference).get_data(as_text=True)
    assert "Take out names and case references" in page
    learning_page = head.get(f"/staff/cases/{reference}/learning").get_data(as_text=True)
    assert publish_url(reference, done) in learning_page
    assert publish_url(reference, not_done) not in learning_page
    typed = statement("communication", CALLS)
    page = head.post(publish_url(reference, not_done), data=typed).get_data(as_text=True)
    assert "Mark the action implemented before you publish it" in page
    assert CALLS in page
    assert shown(app.test_client().get("/you-said-we-did").get_data(as_text=True)) == []


def test_the_public_page_says_when_nothing_is_published(client):
    page = client.get("/you-said-we-did")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1" in html and "You said, we did" in html
    assert "We have not published any changes yet. Please look again soon." in html
