"""Staff pages also ask for a SameSite=Strict cookie, set at sign-in: the Lax session cookie
alone (sent with a link from another site, or copied) opens no staff or advocate page."""

from datetime import timedelta

import pyotp
from sqlalchemy import select

from portal.extensions import db
from portal.models import CaseMessage, Role
from portal.services.staff import create_staff_user

from ..support.databases import migrate
from .conftest import NOW, PASSWORD, SECRET
from .test_app import production_app
from .test_casework import web_complaint
from .test_staff_access import a_case_for_every_route, sign_in, staff_endpoints

HTTPS = "https://127.0.0.1:5000"
CONTINUE = "Continue to the complaints service"


def attributes(set_cookie):
    name_value, *rest = [part.strip() for part in set_cookie.split(";")]
    return name_value, set(rest)


def cookie_headers(response, name):
    return [c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{name}=")]


def test_production_sign_in_sets_a_strict_host_only_cookie_and_sign_out_removes_it(tmp_path):
    app = production_app(tmp_path, WTF_CSRF_ENABLED=False, FROZEN_NOW=NOW)
    migrate(app.config["DATABASE_URL"])
    with app.app_context():
        user = create_staff_user(db.session, email="officer@example.org", display_name="Officer",
                                 role=Role.COMPLAINTS_OFFICER, password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        db.session.commit()
    client = app.test_client()
    client.post("/staff/sign-in", base_url=HTTPS,
                data={"email": "officer@example.org", "password": PASSWORD})  # fmt: skip
    assert not cookie_headers(client.get("/staff/sign-in/code", base_url=HTTPS), "__Host-staff")
    done = client.post("/staff/sign-in/code", base_url=HTTPS,
                       data={"code": pyotp.TOTP(SECRET).at(NOW)})  # fmt: skip
    [strict] = cookie_headers(done, "__Host-staff")
    name_value, attrs = attributes(strict)
    assert len(name_value) > len("__Host-staff=") + 40  # a long random value
    assert {"Secure", "HttpOnly", "SameSite=Strict", "Path=/"} <= attrs
    assert not [a for a in attrs if a.startswith(("Domain", "Expires", "Max-Age"))]
    [session_cookie] = cookie_headers(done, "__Host-session")
    assert "SameSite=Lax" in attributes(session_cookie)[1]  # emailed links still reach the rest
    assert client.get("/staff/", base_url=HTTPS).status_code == 200

    gone = client.post("/staff/sign-out", base_url=HTTPS)
    [removal] = cookie_headers(gone, "__Host-staff")
    name_value, attrs = attributes(removal)
    assert name_value == "__Host-staff="
    assert {"Secure", "Path=/", "Max-Age=0"} <= attrs  # as set, or a browser keeps it
    assert client.get_cookie("__Host-staff", domain="127.0.0.1") is None


def without_strict_cookie(app, role=Role.COMPLAINTS_MANAGER):
    """A signed-in client whose browser does not send the strict cookie, and its value."""
    client = app.test_client()
    sign_in(client, role)
    value = client.get_cookie("staff").value
    client.delete_cookie("staff")
    return client, value


def test_a_link_from_an_email_asks_to_continue_then_opens_the_page(casework_app):
    reference = web_complaint(casework_app)
    client = casework_app.test_client()
    client.post("/staff/sign-in", data={"email": "officer@example.org", "password": PASSWORD})
    client.post("/staff/sign-in/code", data={"code": pyotp.TOTP(SECRET).at(NOW)})
    value = client.get_cookie("staff").value
    client.delete_cookie("staff")  # a link in a reminder email: the browser withholds it
    url = f"/staff/cases/{reference}?tab=history"
    page = client.get(url, headers={"Sec-Fetch-Site": "cross-site"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and CONTINUE in text
    assert "In their words" not in text  # nothing of the case, only the way back
    assert f'href="/staff/cases/{reference}?tab=history"' in text
    assert page.headers["Cache-Control"] == "no-store"
    client.set_cookie("staff", value)  # the person's click on our own page: it is sent
    opened = client.get(url, headers={"Sec-Fetch-Site": "same-origin"})
    assert opened.status_code == 200 and "In their words" in opened.get_data(as_text=True)


def test_a_session_cookie_alone_changes_nothing(casework_app):
    reference = web_complaint(casework_app)
    client = casework_app.test_client()
    client.post("/staff/sign-in", data={"email": "officer@example.org", "password": PASSWORD})
    client.post("/staff/sign-in/code", data={"code": pyotp.TOTP(SECRET).at(NOW)})
    copied = casework_app.test_client()
    copied.set_cookie("session", client.get_cookie("session").value)
    base = f"/staff/cases/{reference}"
    assert CONTINUE in copied.get(base).get_data(as_text=True)
    assert copied.post(f"{base}/message", data={"body": "Forged"}).status_code == 403
    assert client.post(f"{base}/message", data={"body": "Real"}).status_code == 303
    with casework_app.app_context():
        bodies = db.session.scalars(select(CaseMessage.body)).all()
    assert bodies == ["Real"]


def test_without_the_strict_cookie_on_our_own_page_the_sign_in_has_ended(staff_app):
    client, _ = without_strict_cookie(staff_app)
    # Sent from one of our pages, the request would carry the cookie: it has been lost
    response = client.get("/staff/", headers={"Sec-Fetch-Site": "same-origin"})
    assert response.headers["Location"] == "/staff/sign-in?next=/staff/"
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_every_staff_and_advocate_route_asks_for_the_strict_cookie(staff_app):
    values = a_case_for_every_route(staff_app)
    client, _ = without_strict_cookie(staff_app)
    rules = staff_endpoints(staff_app)
    assert any(rule.endpoint.startswith("advocates.") for rule in rules)
    for rule in rules:
        url = rule.build({name: values[name] for name in rule.arguments})[1]
        if "GET" in rule.methods:
            page = client.get(url)
            assert CONTINUE in page.get_data(as_text=True), url
            assert f'href="{url}"' in page.get_data(as_text=True), url
        else:
            # the manager may make every change on the team's pages: this is the guard
            assert client.post(url).status_code == 403, url


def test_the_session_ending_drops_the_strict_cookie(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    staff_app.config["FROZEN_NOW"] = NOW + timedelta(minutes=31)
    ended = client.get("/staff/")
    assert ended.headers["Location"] == "/staff/signed-out?ended=1"
    assert cookie_headers(ended, "staff") and client.get_cookie("staff") is None
