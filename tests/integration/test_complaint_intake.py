"""The complaint form through the Flask test client, on SQLite and PostgreSQL."""

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from portal.config import tracker_pepper
from portal.extensions import db
from portal.models import AuditEvent, Case, CaseStatement, Draft, OutboxMessage, TrackerCredential
from portal.services.credentials import secret_words_match

PARENT_FOR_CHILD = [
    ("who", {"role": "parent"}),
    ("for-whom", {"for_whom": "child"}),
    ("child", {"child_name": "Sam Example", "child_date_of_birth": ["27", "3", "2014"],
               "child_age": "", "in_care": "yes"}),
    ("child-agrees", {"consent": "too_young"}),
    ("what-happened", {"what_happened": "Visits were cancelled."}),
    ("when", {"when": "date"}),
    ("when-date", {"happened_on": ["3", "11", "2025"]}),
    ("team", {"team": "Fostering", "worker_name": ""}),
    ("outcome", {"wanted_outcome": "Regular visits."}),
    ("contact", {"full_name": "Alex Parent", "email": "alex@example.org", "phone": "",
                 "postal_address": ""}),
    ("contact-preferences", {"preferred_contact": "email", "safe_times": ""}),
    ("adjustments", {"interpreter_language": ""}),
]  # fmt: skip


@pytest.fixture
def web(make_app):
    """A client for an app with CSRF off, so tests can post each page's answers directly.
    (CSRF itself is tested on its own.)"""
    app = make_app()
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client()


def answer_all(client, answers=PARENT_FOR_CHILD):
    for slug, data in answers:
        response = client.post(f"/complain/{slug}", data=data)
        assert response.status_code == 303, (slug, response.get_data(as_text=True)[:2000])
    return response


def send(client):
    return client.post("/complain/check")


def words_on(page: str) -> list[str]:
    section = page.split('id="secret-words-heading"')[1].split("</ol>")[0]
    return re.findall(r"<li>([a-z]+)</li>", section)


def test_answers_lead_to_check_your_answers(web):
    assert answer_all(web).headers["Location"] == "/complain/check"
    page = web.get("/complain/check").get_data(as_text=True)
    for shown in ("Sam Example", "27 March 2014", "They are too young to say", "Fostering"):
        assert shown in page


def test_sending_makes_one_case_one_email_and_clears_the_draft(web, make_app):
    answer_all(web)
    assert send(web).headers["Location"] == "/complain/sent"
    page = web.get("/complain/sent").get_data(as_text=True)
    words = words_on(page)
    assert len(words) == 5
    app = web.application
    with app.app_context():
        case = db.session.scalars(select(Case)).one()
        assert case.reference in page
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
        draft = db.session.scalars(select(Draft)).one()
        assert (draft.case_id, draft.answers) == (case.id, {})
        statement = db.session.get(CaseStatement, case.id)
        assert statement.what_happened == "Visits were cancelled."
        credential = db.session.get(TrackerCredential, case.id)
        assert secret_words_match(
            credential.secret_hash, tracker_pepper(app.config), case.reference, " ".join(words)
        )
        assert [e.action for e in db.session.scalars(select(AuditEvent))] == ["complaint.submitted"]


def test_sending_twice_makes_one_case_and_shows_the_same_reference(web):
    answer_all(web)
    first, second = send(web), send(web)
    assert first.headers["Location"] == second.headers["Location"] == "/complain/sent"
    page = web.get("/complain/sent").get_data(as_text=True)
    with web.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1
        reference = db.session.scalar(select(Case.reference))
    assert reference in page
    # After the confirmation, sending again from the back button finds the same case …
    assert send(web).headers["Location"] == "/complain/sent"
    again = web.get("/complain/sent").get_data(as_text=True)
    assert reference in again
    # … and the secret words are not shown a second time.
    assert "secret-words-heading" not in again
    with web.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_a_mistake_is_explained_and_the_answers_typed_are_kept(web):
    response = web.post(
        "/complain/contact",
        data={
            "full_name": "Alex Parent",
            "email": "alex-at-example",
            "phone": "",
            "postal_address": "",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter an email address in the correct format" in page
    assert 'value="Alex Parent"' in page and 'value="alex-at-example"' in page
    assert "<title>Error:" in page


def test_contact_needs_at_least_one_way_to_reach_the_person(web):
    page = web.post(
        "/complain/contact", data={"full_name": "A", "email": "", "phone": "", "postal_address": ""}
    ).get_data(as_text=True)
    assert "Enter an email address, a phone number or a postal address" in page


def test_later_questions_need_a_draft(web):
    assert web.get("/complain/outcome").headers["Location"] == "/complain"
    assert web.get("/complain/check").headers["Location"] == "/complain"


def test_unknown_questions_are_not_found(web):
    assert web.get("/complain/favourite-colour").status_code == 404


def test_answers_are_kept_for_24_hours_only(web):
    web.post("/complain/who", data={"role": "parent"})
    app = web.application
    app.config["FROZEN_NOW"] = datetime.now(UTC) + timedelta(hours=25)
    assert web.get("/complain/for-whom").headers["Location"] == "/complain"
    assert "checked" not in web.get("/complain/who").get_data(as_text=True)
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert "Deleted 1 expired draft(s)." in result.output


def test_changing_an_answer_returns_to_check_your_answers(web):
    answer_all(web)
    response = web.post("/complain/outcome?change=1", data={"wanted_outcome": "An apology."})
    assert response.headers["Location"] == "/complain/check"


def test_changing_to_a_child_complaint_asks_the_child_questions(web):
    foster_carer = [(slug, data) for slug, data in PARENT_FOR_CHILD if not slug.startswith("child")]
    answer_all(web, [("who", {"role": "foster_carer"}), ("for-whom", {"for_whom": "myself"}),
                     *foster_carer[2:]])  # fmt: skip
    response = web.post("/complain/for-whom?change=1", data={"for_whom": "child"})
    assert response.headers["Location"] == "/complain/child?change=1"


def test_old_events_are_accepted_and_flagged_for_discretion(web):
    answers = [
        (slug, {"happened_on": ["1", "1", "2020"]} if slug == "when-date" else data)
        for slug, data in PARENT_FOR_CHILD
    ]
    answer_all(web, answers)
    send(web)
    with web.application.app_context():
        assert db.session.scalars(select(Case)).one().out_of_time is True


def test_a_future_date_is_refused(web):
    page = web.post("/complain/when-date", data={"happened_on": ["1", "1", "2099"]})
    assert "The date must be today or in the past" in page.get_data(as_text=True)


def test_the_secret_words_never_reach_the_database_file(sqlite_templates, tmp_path):
    from portal import create_app

    from ..support.databases import app_config

    url = sqlite_templates.fresh()
    app = create_app(app_config(url, WTF_CSRF_ENABLED=False))
    client = app.test_client()
    answer_all(client)
    send(client)
    words = words_on(client.get("/complain/sent").get_data(as_text=True))
    with app.app_context():
        db.engine.dispose()
    path = Path(url.removeprefix("sqlite:///"))
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert b"Visits were cancelled." in raw  # the scan does see what was written
    for joined in (" ".join(words), "".join(words), "-".join(words)):
        assert joined.encode() not in raw


def test_forms_refuse_a_post_without_a_csrf_token(client):
    response = client.post("/complain/who", data={"role": "parent"})
    assert response.status_code == 400
    assert "This page has expired" in response.get_data(as_text=True)
