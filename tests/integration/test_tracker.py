"""The tracker through the test client, on SQLite and PostgreSQL: signing in with words or
an emailed link, the limits on guessing, and what the person can do."""

import hashlib
import re
import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import func, make_url, select, update

from portal.extensions import db
from portal.models import Case, CaseMessage, OutboxMessage, TrackerCredential, TrackerLink

from .conftest import NOW, signed_in
from .test_complaint_intake import answer_all, send, words_on


def complain(app):
    """Send the parent's complaint; return its reference and secret words."""
    web = app.test_client()
    answer_all(web)
    send(web)
    page = web.get("/complain/sent").get_data(as_text=True)
    with app.app_context():
        reference = db.session.scalar(select(Case.reference).order_by(Case.id.desc()))
    return reference, " ".join(words_on(page))


def sign_in(client, reference, words, address="192.0.2.1"):
    return client.post("/track", data={"reference": reference, "words": words},
                       environ_base={"REMOTE_ADDR": address})  # fmt: skip


def test_the_right_words_open_the_case_with_its_due_date(casework_app):
    app = casework_app
    reference, words = complain(app)
    client = app.test_client()
    response = sign_in(client, reference.lower(), words.upper())  # typed any old how
    assert response.status_code == 303 and response.headers["Location"] == "/track/updates"
    page = client.get("/track/updates")
    text = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "no-store"
    assert "<title>Updates</title>" in text  # a shared device's history gives nothing away
    assert "We will contact you by Thursday 26 November 2026" in text
    assert "Sign out" in text and "Exit this page" in text


def test_unknown_reference_and_wrong_words_look_the_same(casework_app):
    app = casework_app
    reference, _words = complain(app)
    wrong = sign_in(app.test_client(), reference, "wrong words entirely here now")
    unknown = sign_in(app.test_client(), "SCT-NONE-NONE", "wrong words entirely here now")
    assert wrong.status_code == unknown.status_code == 200
    strip = lambda page: re.sub(r'value="[^"]*"', "", page.get_data(as_text=True))  # noqa: E731
    assert strip(wrong) == strip(unknown)
    assert "The reference or the secret words are not right" in wrong.get_data(as_text=True)


@pytest.mark.parametrize("database_templates", ["sqlite"], indirect=True)
def test_words_are_hashed_while_holding_no_write_lock(casework_app, monkeypatch):
    """SQLite lets one transaction write at a time. Sending a complaint and signing in both
    hash secret words (scrypt, about 10 ms); while they do, another writer gets the lock
    at once instead of waiting for them."""
    app = casework_app
    database = make_url(app.config["SQLALCHEMY_DATABASE_URI"]).database
    real_scrypt, writes = hashlib.scrypt, []

    def scrypt_beside_another_writer(*args, **kwargs):
        other = sqlite3.connect(database, timeout=0.2, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # "database is locked" if the lock is held
            other.execute("COMMIT")
            writes.append("written")
        finally:
            other.close()
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", scrypt_beside_another_writer)
    reference, words = complain(app)
    assert sign_in(app.test_client(), reference, words).status_code == 303
    assert sign_in(app.test_client(), reference, "wrong words entirely here now").status_code == 200
    assert sign_in(app.test_client(), "SCT-NONE-NONE", words).status_code == 200
    assert writes == ["written"] * 4


def test_words_replaced_while_being_checked_no_longer_open_the_case(casework_app, monkeypatch):
    """The stored hash is read before the words are hashed, outside the transaction that
    counts the attempt. If the team issues new words in between, the old ones lose."""
    app = casework_app
    reference, words = complain(app)
    real_scrypt = hashlib.scrypt

    def scrypt_while_the_team_issues_new_words(*args, **kwargs):
        with db.engine.begin() as team:
            team.execute(update(TrackerCredential).values(secret_hash="scrypt-v3$00$00"))
        return real_scrypt(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", scrypt_while_the_team_issues_new_words)
    response = sign_in(app.test_client(), reference, words)
    assert response.status_code == 200
    assert "The reference or the secret words are not right" in response.get_data(as_text=True)


def test_after_ten_failures_even_the_right_words_wait_an_hour(casework_app):
    app = casework_app
    reference, words = complain(app)
    for attempt in range(10):
        sign_in(app.test_client(), reference, "not the words", address=f"198.51.100.{attempt}")
    eleventh = sign_in(app.test_client(), reference, words, address="203.0.113.9")
    assert eleventh.status_code == 200  # refused, from a fresh address too
    app.config["FROZEN_NOW"] = NOW + timedelta(minutes=61)
    assert sign_in(app.test_client(), reference, words).status_code == 303


def test_an_emailed_link_signs_in_once_and_leaves_the_address_bar(casework_app):
    app = casework_app
    reference, _words = complain(app)
    client = app.test_client()
    asked = client.post("/track/link", data={"reference": reference})
    assert asked.headers["Location"] == "/track/link/sent"
    stranger = client.post("/track/link", data={"reference": "SCT-NONE-NONE"})
    assert stranger.headers["Location"] == "/track/link/sent"
    with app.app_context():
        email = db.session.scalars(
            select(OutboxMessage).filter_by(subject="Your sign-in link")).one()  # fmt: skip
        stored = db.session.scalars(select(TrackerLink)).one()
    token = re.search(r"/track/l/([A-Za-z0-9_-]{43})", email.body_text).group(1)
    assert token not in stored.token_hash and reference not in email.body_text
    # Opening the link (as an email scanner would) only shows a button; pressing it signs in
    for _opened in range(2):
        landing = client.get(f"/track/l/{token}")
        assert landing.status_code == 200 and "See my updates" in landing.get_data(as_text=True)
    pressed = client.post(f"/track/l/{token}")
    assert pressed.status_code == 303 and pressed.headers["Location"] == "/track/updates"
    assert client.get("/track/updates").status_code == 200
    again = app.test_client()
    assert again.get(f"/track/l/{token}").status_code == 410  # once only
    assert again.post(f"/track/l/{token}").status_code == 410
    assert again.get("/track/updates").headers["Location"] == "/track"


def copy_of(app, client):
    """Another browser holding a copy of this client's session cookie."""
    thief = app.test_client()
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    thief.set_cookie(cookie.key, cookie.value)
    return thief


def test_signing_out_ends_every_copy_of_the_session(casework_app):
    app = casework_app
    reference, words = complain(app)
    person = app.test_client()
    sign_in(person, reference, words)
    thief = copy_of(app, person)
    assert thief.get("/track/updates").status_code == 200  # a copied cookie works...
    person.post("/track/sign-out")
    ended = thief.get("/track/updates")  # ...until the person signs out
    assert ended.status_code == 303 and ended.headers["Location"] == "/track/signed-out?ended=1"


def test_new_words_from_staff_end_every_session(casework_app):
    app = casework_app
    reference, words = complain(app)
    person = app.test_client()
    sign_in(person, reference, words)
    officer = signed_in(app, "officer@example.org")
    shown = officer.post(f"/staff/cases/{reference}/new-words", data={}).get_data(as_text=True)
    new_words = re.search(r'portal-secret-words">(.*?)</ol>', shown, re.S).group(1)
    assert person.get("/track/updates").headers["Location"] == "/track/signed-out?ended=1"
    assert sign_in(app.test_client(), reference, words).status_code == 200  # old words refused
    new = " ".join(re.findall(r"<li>([^<]+)</li>", new_words))
    assert sign_in(app.test_client(), reference, new).status_code == 303


def test_a_new_secret_key_keeps_sessions_only_while_the_old_one_is_a_fallback(casework_app):
    app = casework_app
    reference, words = complain(app)
    person = app.test_client()
    sign_in(person, reference, words)
    old = app.config["SECRET_KEY"]
    app.config.update(SECRET_KEY=f"new-{old}", SECRET_KEY_FALLBACKS=[old])
    assert copy_of(app, person).get("/track/updates").status_code == 200
    app.config["SECRET_KEY_FALLBACKS"] = []
    assert copy_of(app, person).get("/track/updates").headers["Location"] == "/track"


def test_a_session_opens_only_its_own_case_and_ends_when_idle(casework_app):
    app = casework_app
    first, first_words = complain(app)
    second, _ = complain(app)
    client = app.test_client()
    sign_in(client, first, first_words)
    page = client.get("/track/updates").get_data(as_text=True)
    assert first in page and second not in page
    # No tracker address names a case: the session is the only way in
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("tracker.")]
    assert [rule.endpoint for rule in rules if rule.arguments] == ["tracker.use_link"]
    app.config["FROZEN_NOW"] = NOW + timedelta(minutes=31)
    ended = client.get("/track/updates")
    assert ended.headers["Location"] == "/track/signed-out?ended=1"


def test_the_person_writes_and_the_team_replies(casework_app):
    app = casework_app
    reference, words = complain(app)
    person = app.test_client()
    sign_in(person, reference, words)
    person.post("/track/updates/message", data={"body": "I have a new letter from school."})
    officer = signed_in(app, "officer@example.org")
    assert "I have a new letter from school." in officer.get(
        f"/staff/cases/{reference}").get_data(as_text=True)  # fmt: skip
    officer.post(f"/staff/cases/{reference}/message", data={"body": "Thank you, we have it."})
    officer.post(f"/staff/cases/{reference}/note", data={"body": "Staff only."})
    page = person.get("/track/updates").get_data(as_text=True)
    assert "Thank you, we have it." in page and "Staff only." not in page


def test_still_not_happy_asks_for_stage_2_and_the_team_sees_it(casework_app):
    app = casework_app
    reference, words = complain(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    officer.post(f"{base}/triage", data={"decision": "statutory"})
    with app.app_context():
        from portal.models import IssueCategory

        category = db.session.scalar(select(IssueCategory.id).filter_by(name="Contact Issues"))
    officer.post(f"{base}/issues", data={"issue": f"{category}:"})
    with app.app_context():
        issue = db.session.scalar(select(Case).filter_by(reference=reference)).issues[0].id
    officer.post(f"{base}/outcomes", data={f"issue_{issue}": "not_upheld"})
    officer.post(f"{base}/response", data={"body": "Our answer.",
                                           "responded_on": ["23", "11", "2026"]})  # fmt: skip
    person = app.test_client()
    sign_in(person, reference, words)
    page = person.get("/track/updates").get_data(as_text=True)
    assert "you can ask for stage 2 until Monday 21 December 2026" in page
    assert "Our answer." in page  # the response, readable online
    empty = person.post("/track/updates/next-stage", data={"reasons": ""})
    assert "Tell us why you are still not happy" in empty.get_data(as_text=True)
    person.post("/track/updates/next-stage", data={"reasons": "Visits are still cancelled."})
    assert "You asked for the next stage" in person.get("/track/updates").get_data(as_text=True)
    queue = officer.get("/staff/").get_data(as_text=True)
    assert "1 request for the next stage" in queue and reference in queue
    officer.post(f"{base}/escalate", data={"requested_on": ["23", "11", "2026"],
                                           "offer_mediation": "yes"})  # fmt: skip
    assert "request for the next stage" not in officer.get("/staff/").get_data(as_text=True)
    # Offered mediation, the person declines it, and stage 2 starts
    person.post("/track/updates/mediation", data={"choice": "decline"})
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        assert case.step.value == "stage_2" and case.mediation.result.value == "declined"


def test_withdrawing_needs_a_yes(casework_app):
    app = casework_app
    reference, words = complain(app)
    person = app.test_client()
    sign_in(person, reference, words)
    person.post("/track/updates/withdraw", data={"sure": "no"})
    with app.app_context():
        assert db.session.scalar(select(Case.step).filter_by(reference=reference)).value == (
            "awaiting_triage"
        )
    person.post("/track/updates/withdraw", data={"sure": "yes"})
    with app.app_context():
        assert db.session.scalar(select(Case.step).filter_by(reference=reference)).value == (
            "withdrawn"
        )


def test_new_words_from_the_team_replace_the_old_ones(casework_app):
    app = casework_app
    reference, old_words = complain(app)
    officer = signed_in(app, "officer@example.org")
    page = officer.post(f"/staff/cases/{reference}/new-words").get_data(as_text=True)
    listed = page.split("portal-secret-words")[1].split("</ol>")[0]
    new_words = " ".join(re.findall(r"<li>([a-z]+)</li>", listed))
    assert len(new_words.split()) == 5
    assert sign_in(app.test_client(), reference, old_words).status_code == 200
    assert sign_in(app.test_client(), reference, new_words).status_code == 303


def test_practising_the_words_keeps_nothing(casework_app):
    app = casework_app
    client = app.test_client()
    same = client.post("/track/practise", data={"words": "apple river", "again": "Apple  river"})
    assert "Well done! Both times match." in same.get_data(as_text=True)
    different = client.post("/track/practise", data={"words": "apple", "again": "pear"})
    assert "The two are different" in different.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CaseMessage)) == 0


def test_an_agreed_extension_shows_its_reason_and_new_date(casework_app):
    app = casework_app
    reference, words = complain(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    officer.post(f"{base}/triage", data={"decision": "statutory"})
    person = app.test_client()
    sign_in(person, reference, words)
    assert "We'll reply by Monday 7 December 2026" in person.get("/track/updates").get_data(
        as_text=True
    )
    agreement = {"agreed_on": ["24", "11", "2026"], "agreed_by": "Olu", "how": "telephone"}
    missing = officer.post(f"{base}/extension", data={**agreement, "reason": ""})
    assert "Say why more time is needed" in missing.get_data(as_text=True)
    reason = "We are waiting for the school's records."
    officer.post(f"{base}/extension", data={**agreement, "reason": reason})
    page = person.get("/track/updates").get_data(as_text=True)
    assert "We'll now reply by Monday 21 December 2026" in page
    assert "waiting for the school&#39;s records" in page


def test_a_busy_session_still_ends_after_two_hours(casework_app):
    app = casework_app
    reference, words = complain(app)
    client = app.test_client()
    sign_in(client, reference, words)
    for minutes in range(25, 120, 25):
        app.config["FROZEN_NOW"] = NOW + timedelta(minutes=minutes)
        assert client.get("/track/updates").status_code == 200
    app.config["FROZEN_NOW"] = NOW + timedelta(minutes=121)
    assert client.get("/track/updates").headers["Location"] == "/track/signed-out?ended=1"
    ended = client.get("/track/signed-out?ended=1").get_data(as_text=True)
    assert "we sign you out after 30 minutes without using the page, or after 2 hours" in ended
