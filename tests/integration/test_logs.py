"""The log and the 500 page, through the test client on SQLite and PostgreSQL: structured
lines with a request id, nothing personal in them, and failures that show nothing internal
and let no one in."""

import re
import urllib.request
from urllib.error import HTTPError

import pyotp
import pytest
from flask import request
from sqlalchemy import func, select, text

from portal.config import ROOT
from portal.extensions import db
from portal.logs import REQUEST_ID_HEADER
from portal.models import CaseMessage, OutboxMessage, Role, Team
from portal.services.staff import create_staff_user

from ..support.live_server import serve
from ..support.logs import captured_logs
from .conftest import NOW, SECRET, signed_in
from .test_casework import ids, user_id, web_complaint
from .test_complaint_intake import PARENT_FOR_CHILD, words_on
from .test_tracker import sign_in

#: Every marker holds this, so one search finds any of them.
MARK = "qzxmark"
PHONE = "07700 900461"
STAFF_EMAIL = f"{MARK}.officer@example.org"
STAFF_PASSWORD = f"{MARK}-password-correct-horse"
MARKED_ANSWERS = {
    "child": {"child_name": f"Child {MARK}name", "child_date_of_birth": ["27", "3", "2014"],
              "child_age": "", "in_care": "yes"},
    "what-happened": {"what_happened": f"Visits were cancelled {MARK}story."},
    "team": {"team": "Fostering", "worker_name": f"Worker {MARK}worker"},
    "outcome": {"wanted_outcome": f"Regular visits {MARK}outcome."},
    "contact": {"full_name": f"Alex {MARK}parent", "email": f"{MARK}.parent@example.org",
                "phone": PHONE, "postal_address": f"1 {MARK} Street, Oldbury"},
    "contact-preferences": {"preferred_contact": "email", "safe_times": f"After 6 {MARK}times"},
}  # fmt: skip


def complain_with_markers(app):
    """Send an adult's complaint with a marker in every free-text and personal field;
    return the reference and the secret words shown."""
    web = app.test_client()
    for slug, data in PARENT_FOR_CHILD:
        response = web.post(f"/complain/{slug}", data=MARKED_ANSWERS.get(slug, data))
        assert response.status_code == 303, (slug, response.get_data(as_text=True)[:2000])
    web.post("/complain/check")
    page = web.get("/complain/sent").get_data(as_text=True)
    reference = re.search(r"SCT-[A-Z0-9]{4}-[A-Z0-9]{4}", page).group(0)
    return reference, " ".join(words_on(page))


def cookie(client):
    return client.get_cookie("session").value


def test_the_journeys_log_structured_lines_and_nothing_personal(casework_app):
    app = casework_app
    with app.app_context():
        user = create_staff_user(db.session, email=STAFF_EMAIL, display_name=f"Sam {MARK}staff",
                                 role=Role.COMPLAINTS_OFFICER, password=STAFF_PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()
        officer_id = user.id
    (team,) = ids(app, Team, "Fostering")
    code = pyotp.TOTP(SECRET).at(NOW)
    secrets = []

    with captured_logs() as logs:
        # Given a complaint with contact details and free text, and its secret words
        reference, words = complain_with_markers(app)
        secrets.append(words)
        # When the person signs in with the words and writes to the team
        person = app.test_client()
        assert sign_in(person, reference, words).status_code == 303
        person.post("/track/updates/message", data={"body": f"A new letter {MARK}message"})
        secrets.append(cookie(person))
        # and asks for a sign-in link, and uses it (through the test client and a real server)
        person.post("/track/link", data={"reference": reference})
        with app.app_context():
            email = db.session.scalars(select(OutboxMessage).filter_by(
                subject="Your sign-in link")).one()  # fmt: skip
        token = re.search(r"/track/l/([A-Za-z0-9_-]{43})", email.body_text).group(1)
        secrets.append(token)
        assert app.test_client().post(f"/track/l/{token}").status_code == 303
        with serve(app) as base, pytest.raises(HTTPError):  # used once: now gone
            urllib.request.urlopen(f"{base}/track/l/{token}?{MARK}=query")  # noqa: S310
        # And a member of staff gets a password wrong, then signs in with password and code
        staff = app.test_client()
        staff.post("/staff/sign-in", data={"email": STAFF_EMAIL, "password": f"{MARK}-wrong"})
        staff.post("/staff/sign-in", data={"email": f"{MARK}.nobody@example.org",
                                           "password": STAFF_PASSWORD})  # fmt: skip
        staff.post("/staff/sign-in", data={"email": STAFF_EMAIL, "password": STAFF_PASSWORD})
        assert staff.post("/staff/sign-in/code", data={"code": code}).status_code == 303
        secrets.extend([code, cookie(staff), staff.get_cookie("staff").value])
        # and searches, triages, writes a note and a message
        staff.get(f"/staff/?reference={MARK}search")
        base = f"/staff/cases/{reference}"
        assert staff.get(base).status_code == 200
        triage = {"decision": "statutory", "team": str(team), "advocacy_offer": "made",
                  "assignee": str(user_id(app, "manager@example.org"))}  # fmt: skip
        assert staff.post(f"{base}/triage", data=triage).status_code == 303
        assert staff.post(f"{base}/note", data={"body": f"Staff {MARK}note"}).status_code == 303
        reply = {"body": f"We will call {MARK}reply"}
        assert staff.post(f"{base}/message", data=reply).status_code == 303

    # Then nothing personal, typed or secret is in the log
    assert MARK not in logs.text.lower()
    assert "900461" not in logs.text.replace(" ", "")
    for secret in secrets:
        assert secret not in logs.text
    # And the log has the lines that say what happened, each with a request id
    lines = logs.lines
    assert all(re.fullmatch(r"[0-9a-f]{16}", line["request_id"]) for line in lines)
    requests = [line for line in lines if line["logger"] == "portal.requests"]
    assert {"method": "POST", "rule": "/track/l/<token>", "status": 303} in [
        {k: line.get(k) for k in ("method", "rule", "status")} for line in requests
    ]
    assert [line["status"] for line in requests if line["rule"] == "/track/l/<token>"] == [303, 410]
    assert all(line["duration_ms"] >= 0 for line in requests)
    note_request = next(line for line in requests if line.get("rule", "").endswith("/note"))
    assert (note_request["actor_kind"], note_request["actor_id"]) == ("staff", officer_id)
    audited = {(line["action"], line.get("actor_kind")) for line in lines if "action" in line}
    assert {
        ("tracker.signed_in", "public"),
        ("tracker.link_used", "public"),
        ("staff.password_refused", "staff"),
        ("staff.signed_in", "staff"),
        ("case.viewed", "staff"),
        ("case.triaged", "staff"),
        ("note.added", "staff"),
        ("message.sent", "staff"),
    } <= audited
    note = next(line for line in lines if line.get("action") == "note.added")
    assert note["actor_id"] == officer_id and note["case_id"]
    assert note["request_id"] == note_request["request_id"]


def _sql_failure():
    db.session.execute(text("INSERT INTO no_such_table (name) VALUES (:name)"),
                       {"name": request.args["name"]})  # fmt: skip


def _conversion_failure():
    return str(int(request.args["name"]))  # the error message quotes the value


@pytest.mark.parametrize("fail", [_sql_failure, _conversion_failure])
def test_a_failure_shows_a_plain_page_and_logs_where_with_the_request_id(app, fail):
    app.add_url_rule("/test-only/failure", "test_only_failure", fail)
    with captured_logs() as logs:
        response = app.test_client().get(f"/test-only/failure?name={MARK}value")

    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    internals = ("Traceback", 'File "', ".py", str(ROOT), "INSERT", "no_such_table", "Error",
                 "invalid literal")  # fmt: skip
    assert not [internal for internal in internals if internal in page]
    request_id = response.headers[REQUEST_ID_HEADER]
    assert f"tell us this code: {request_id}" in page
    [error] = [line for line in logs.lines if line["level"] == "ERROR"]
    assert error["request_id"] == request_id
    assert f"in {fail.__name__}" in error["traceback"]
    assert re.search(r"sqlalchemy\.exc\.\w+Error|builtins\.ValueError", error["traceback"])
    [line] = [line for line in logs.lines if line["logger"] == "portal.requests"]
    assert (line["request_id"], line["rule"], line["status"]) == (
        request_id, "/test-only/failure", 500,
    )  # fmt: skip
    assert MARK not in logs.text


def test_a_failing_permission_check_denies(casework_app):
    app = casework_app
    reference = web_complaint(app)
    officer = signed_in(app, "officer@example.org")
    assert officer.get(f"/staff/cases/{reference}").status_code == 200
    # Who is signed in, and in what role, can no longer be found out
    with app.app_context():
        db.session.execute(text("ALTER TABLE staff_users RENAME TO staff_users_elsewhere"))
        db.session.commit()

    with captured_logs() as logs:
        page = officer.get(f"/staff/cases/{reference}")
        noted = officer.post(f"/staff/cases/{reference}/note", data={"body": "Let me in."})

    assert page.status_code == noted.status_code == 500
    for response in (page, noted):
        body = response.get_data(as_text=True)
        assert "Sorry, there is a problem with the service" in body and "Alex Parent" not in body
        # The address asked for comes back only in the language links, which lead back to it
        assert body.count(reference) == body.count(f"next=/staff/cases/{reference}") == 3
        assert "Traceback" not in body and "staff_users" not in body
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CaseMessage)) == 0
    failures = {line["request_id"] for line in logs.lines if line["level"] == "ERROR"}
    assert failures == {page.headers[REQUEST_ID_HEADER], noted.headers[REQUEST_ID_HEADER]}


def test_an_error_past_the_error_pages_logs_no_path(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production

    @app.after_request
    def fail_late(response):
        raise RuntimeError("failed after the error pages")

    with captured_logs() as logs:
        response = app.test_client().get(f"/track/l/{MARK}token?{MARK}=query")

    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True)
    assert "Exception past the error pages" in {line["message"] for line in logs.lines}
    assert MARK not in logs.text
