"""Staff sign-in (password, then a single-use code) and who may open each staff page."""

import json
import re
from datetime import date, timedelta

import pyotp
import pytest
from sqlalchemy import select, text

from portal.extensions import db
from portal.models import (
    AdvocateLink,
    AuditEvent,
    Case,
    LearningAction,
    OutboxMessage,
    OutboxStatus,
    Role,
    StaffUser,
)
from portal.notify.outbox import queue_email
from portal.procedure.deadlines import DEFAULT_TIMESCALES
from portal.procedure.stages import Step
from portal.services.interchange import import_cases
from portal.staff_session import ROLES_ATTRIBUTE

from .conftest import NOW, PASSWORD, SECRET
from .test_complaint_intake import PARENT_FOR_CHILD


def web_complaint(app):
    """Send the parent's complaint online; return the newest case's reference."""
    web = app.test_client()
    for slug, data in PARENT_FOR_CHILD:
        web.post(f"/complain/{slug}", data=data)
    web.post("/complain/check")
    with app.app_context():
        return db.session.scalar(select(Case.reference).order_by(Case.id.desc()))


def code(at=NOW):
    return pyotp.TOTP(SECRET).at(at)


def sign_in(client, role=Role.COMPLAINTS_OFFICER, with_code=True):
    response = client.post(
        "/staff/sign-in", data={"email": f"{role.value}@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/staff/sign-in/code"
    if with_code:
        response = client.post("/staff/sign-in/code", data={"code": code()})
        home = "/advocate/" if role is Role.ADVOCATE else "/staff/"
        assert response.headers["Location"] == home
    return response


def test_sign_in_needs_password_then_code(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    assert client.get("/staff/").status_code == 200


def test_a_wrong_password_and_an_unknown_email_look_the_same(staff_app):
    client = staff_app.test_client()
    wrong = client.post("/staff/sign-in", data={"email": "complaints_officer@example.org",
                                                "password": "nope"})  # fmt: skip
    unknown = client.post("/staff/sign-in", data={"email": "nobody@example.org",
                                                  "password": "nope"})  # fmt: skip
    assert wrong.status_code == unknown.status_code == 200
    strip = lambda page: re.sub(r'value="[^"]*"', "", page.get_data(as_text=True))  # noqa: E731
    assert strip(wrong) == strip(unknown)
    assert "Enter a correct email address and password" in wrong.get_data(as_text=True)


def test_a_code_works_once_only(staff_app):
    first, second = staff_app.test_client(), staff_app.test_client()
    sign_in(first)
    sign_in(second, with_code=False)
    refused = second.post("/staff/sign-in/code", data={"code": code()})
    assert refused.status_code == 200
    assert "The code is wrong or has been used" in refused.get_data(as_text=True)
    assert second.get("/staff/").headers["Location"].startswith("/staff/sign-in")


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(-60, False), (-30, True), (0, True), (30, True), (60, False)],
    ids=["two steps early", "one step early", "now", "one step late", "two steps late"],
)
def test_a_code_is_accepted_one_step_either_side_and_no_further(staff_app, offset, accepted):
    client = staff_app.test_client()
    sign_in(client, with_code=False)
    # NOW is 10:00:00, the start of a 30-second step
    response = client.post(
        "/staff/sign-in/code", data={"code": code(NOW + timedelta(seconds=offset))}
    )
    assert (response.headers.get("Location") == "/staff/") is accepted


def test_ten_wrong_passwords_shut_the_door_for_an_hour_even_to_the_right_one(staff_app):
    email = f"{Role.COMPLAINTS_OFFICER.value}@example.org"
    client = staff_app.test_client()
    for _ in range(10):
        client.post("/staff/sign-in", data={"email": email, "password": "a guess"})
    refused = client.post("/staff/sign-in", data={"email": email, "password": PASSWORD})
    assert refused.status_code == 200  # and it reads just like a wrong password
    assert "Enter a correct email address and password" in refused.get_data(as_text=True)
    # The count is per account: another officer signs in as usual
    sign_in(staff_app.test_client(), role=Role.COMPLAINTS_MANAGER)
    staff_app.config["FROZEN_NOW"] = NOW + timedelta(hours=1, minutes=1)
    response = client.post("/staff/sign-in", data={"email": email, "password": PASSWORD})
    assert response.headers["Location"] == "/staff/sign-in/code"


def test_wrong_codes_count_too_so_a_known_password_does_not_open_the_door(staff_app):
    client = staff_app.test_client()
    sign_in(client, with_code=False)
    for guess in range(10):
        client.post("/staff/sign-in/code", data={"code": f"{guess:06d}"})
    refused = client.post("/staff/sign-in/code", data={"code": code()})
    assert refused.status_code == 200
    assert "The code is wrong or has been used" in refused.get_data(as_text=True)


def test_one_network_address_gets_fifty_tries_across_every_account(staff_app):
    client = staff_app.test_client()
    for number in range(50):
        client.post("/staff/sign-in", data={"email": f"guess{number}@example.org",
                                            "password": "a guess"})  # fmt: skip
    refused = client.post("/staff/sign-in", data={
        "email": f"{Role.COMPLAINTS_OFFICER.value}@example.org", "password": PASSWORD})  # fmt: skip
    assert refused.status_code == 200
    elsewhere = staff_app.test_client()
    response = elsewhere.post(
        "/staff/sign-in",
        data={"email": f"{Role.COMPLAINTS_OFFICER.value}@example.org", "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.headers["Location"] == "/staff/sign-in/code"


def test_password_reset_emails_stop_after_five_an_hour(staff_app):
    client = staff_app.test_client()
    for _ in range(7):
        client.post("/staff/forgot-password", data={"email": "new@example.org"})
    with staff_app.app_context():
        sent = db.session.scalars(select(OutboxMessage)).all()
    assert len(sent) == 5


def test_a_forged_host_never_reaches_a_link_in_an_email(staff_app):
    forged = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    staff_app.test_client().post(
        "/staff/forgot-password", data={"email": "new@example.org"}, headers=forged
    )
    with staff_app.app_context():
        [message] = db.session.scalars(select(OutboxMessage)).all()
    assert "evil.example" not in message.body_text
    assert staff_app.config["PUBLIC_URL"] + "/staff/link/" in message.body_text


def test_signing_in_without_a_code_opens_nothing(staff_app):
    client = staff_app.test_client()
    sign_in(client, with_code=False)
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_first_sign_in_sets_up_the_authenticator_app(staff_app):
    client = staff_app.test_client()
    client.post("/staff/sign-in", data={"email": "new@example.org", "password": PASSWORD})
    page = client.get("/staff/sign-in/set-up").get_data(as_text=True)
    assert "data:image/svg+xml" in page
    secret = re.search(r'class="portal-secret-key">([A-Z2-7]+)<', page).group(1)
    done = client.post("/staff/sign-in/set-up", data={"code": pyotp.TOTP(secret).at(NOW)})
    assert done.headers["Location"] == "/staff/"
    with staff_app.app_context():
        user = db.session.scalar(select(StaffUser).filter_by(email="new@example.org"))
        assert user.totp_secret == secret
        actions = [
            e.action for e in db.session.scalars(select(AuditEvent).filter_by(actor_id=user.id))
        ]
        assert "staff.totp_enrolled" in actions


def test_thirty_idle_minutes_end_the_session(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    staff_app.config["FROZEN_NOW"] = NOW + timedelta(minutes=29)
    assert client.get("/staff/").status_code == 200
    staff_app.config["FROZEN_NOW"] = NOW + timedelta(minutes=60)
    assert client.get("/staff/").headers["Location"] == "/staff/signed-out?ended=1"
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_a_busy_session_still_ends_after_twelve_hours_and_says_so(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    for minutes in range(25, 12 * 60, 25):  # never idle for 30 minutes
        staff_app.config["FROZEN_NOW"] = NOW + timedelta(minutes=minutes)
        assert client.get("/staff/").status_code == 200
    staff_app.config["FROZEN_NOW"] = NOW + timedelta(hours=12, minutes=5)
    ended = client.get("/staff/", follow_redirects=True)
    assert "Your session has ended" in ended.get_data(as_text=True)
    assert client.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_sign_out_ends_the_session_everywhere(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    cookie = client.get_cookie("session").value
    client.post("/staff/sign-out")
    replay = staff_app.test_client()
    replay.set_cookie("session", cookie)
    assert replay.get("/staff/").headers["Location"].startswith("/staff/sign-in")


def test_public_pages_never_read_the_signed_in_officers_account(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    with staff_app.app_context():
        db.session.execute(text("ALTER TABLE staff_users RENAME TO staff_users_elsewhere"))
        db.session.commit()
    # Pages rendered afresh for each visitor: none of them asks who is signed in
    for page in ("/track", "/complain/who?change=1"):
        assert client.get(page).status_code == 200, page
    assert client.get("/staff/").status_code == 500


def staff_endpoints(app):
    """Every route behind a staff sign-in: the team's pages and the advocates'."""
    return [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith(("staff.", "advocates."))
    ]


def test_every_staff_route_names_the_roles_it_allows(staff_app):
    rules = staff_endpoints(staff_app)
    assert rules
    for rule in rules:
        view = staff_app.view_functions[rule.endpoint]
        assert getattr(view, ROLES_ATTRIBUTE, None), f"{rule.endpoint} has no role check"


def a_case_for_every_route(app):
    """A child-led complaint at stage 2 with an issue and a learning form, assigned to the
    investigating manager: every staff page has something real to show for it."""
    record = json.loads(open_complaint("T-ROUTES", "2026-10-01"))
    record["child_led"] = True
    record["stages"] = [
        {"stage": 1, "started_on": "2026-10-01", "extended": False,
         "responded_on": "2026-10-10", "outcome": "not_upheld"},
        {"stage": 2, "started_on": "2026-10-20", "extended": False, "responded_on": None,
         "outcome": None},
    ]  # fmt: skip
    record["issues"] = [{"category": "Unsatisfactory Communication", "subcategory": None,
                         "stage": 2, "outcome": None}]  # fmt: skip
    record["learning"] = {"sent_on": "2026-10-12", "returned_on": None, "categories": [],
                          "implemented_on": None}  # fmt: skip
    with app.app_context():
        import_cases(db.session, [json.dumps(record)], DEFAULT_TIMESCALES)
        case = db.session.scalar(select(Case).filter_by(reference="T-ROUTES"))
        manager = db.session.scalar(select(StaffUser).filter_by(role=Role.INVESTIGATING_MANAGER))
        case.assignee = manager
        advocate = db.session.scalar(select(StaffUser).filter_by(role=Role.ADVOCATE))
        link = AdvocateLink(case_id=case.id, advocate_id=advocate.id, consent_on=date(2026, 10, 1))
        db.session.add(link)
        case.learning.actions.append(
            LearningAction(description="Train", owner="Team lead", due_on=date(2026, 12, 1))
        )
        # An email the outbox gave up on, for the "Emails not sent" page's button.
        email = queue_email(db.session, to="alex@example.org", subject="Received", body="x",
                            case_id=case.id)  # fmt: skip
        email.status = OutboxStatus.FAILED
        db.session.commit()
        newcomer = db.session.scalar(select(StaffUser).filter_by(email="new@example.org"))
        return {
            "reference": "T-ROUTES",
            "issue_id": case.issues[0].id,
            "user_id": newcomer.id,
            "advocate_id": advocate.id,
            "action_id": case.learning.actions[0].id,
            "message_id": email.id,
        }


@pytest.mark.parametrize("role", list(Role))
def test_each_role_gets_exactly_the_staff_pages_it_is_allowed(staff_app, role):
    values = a_case_for_every_route(staff_app)
    client = staff_app.test_client()
    sign_in(client, role)
    for rule in staff_endpoints(staff_app):
        allowed = role in getattr(staff_app.view_functions[rule.endpoint], ROLES_ATTRIBUTE)
        url = rule.build({name: values[name] for name in rule.arguments})[1]
        method = "GET" if "GET" in rule.methods else "POST"
        status = client.open(url, method=method).status_code
        if allowed:
            assert status in (200, 302, 303, 409), (role, method, url, status)
        else:
            assert status == 403, (role, method, url, status)


@pytest.mark.parametrize("with_code", [False, True], ids=["anonymous", "without a code"])
def test_no_staff_page_opens_without_a_full_sign_in(staff_app, with_code):
    values = a_case_for_every_route(staff_app)
    client = staff_app.test_client()
    if with_code:
        sign_in(client, with_code=False)
    for rule in staff_endpoints(staff_app):
        url = rule.build({name: values[name] for name in rule.arguments})[1]
        response = client.open(url, method=sorted(rule.methods - {"HEAD", "OPTIONS"})[0])
        assert response.headers["Location"].startswith("/staff/sign-in"), url


def test_staff_pages_are_not_cached_or_indexed(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    response = client.get("/staff/")
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_a_case_page_shows_the_case_and_records_who_read_it(staff_app):
    reference = web_complaint(staff_app)
    client = staff_app.test_client()
    sign_in(client)
    page = client.get(f"/staff/cases/{reference}").get_data(as_text=True)
    for shown in (reference, "Visits were cancelled.", "Sam Example", "They are too young to say",
                  "Complaint sent online"):  # fmt: skip
        assert shown in page
    with staff_app.app_context():
        viewed = db.session.scalars(select(AuditEvent).filter_by(action="case.viewed")).one()
        assert viewed.actor_id is not None and viewed.details == {}


def test_openings_of_a_case_are_recorded_but_kept_off_its_timeline(staff_app):
    reference = web_complaint(staff_app)
    client = staff_app.test_client()
    sign_in(client)
    for _ in range(3):
        page = client.get(f"/staff/cases/{reference}").get_data(as_text=True)
    timeline = page.split(">Timeline</h2>")[1].split("</ol>")[0]
    assert "Complaint sent online" in timeline and "Case viewed" not in timeline
    with staff_app.app_context():
        opened = select(AuditEvent).filter_by(action="case.viewed", case_id=Case.id)
        assert len(db.session.scalars(opened.where(Case.reference == reference)).all()) == 3


def test_an_unknown_case_is_not_found(staff_app):
    client = staff_app.test_client()
    sign_in(client)
    assert client.get("/staff/cases/SCT-NONE-NONE").status_code == 404


def test_long_lists_of_new_and_other_contacts_show_their_first_page(staff_app, tmp_path):
    lines = [open_complaint(f"N-{n:03d}", "2026-11-16") for n in range(52)]
    feedback = [{**json.loads(open_complaint(f"F-{n:03d}", "2026-11-16")),
                 "kind": "informal_feedback", "procedure": None, "stages": []}
                for n in range(51)]  # fmt: skip
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines + [json.dumps(case) for case in feedback]) + "\n")
    assert staff_app.test_cli_runner().invoke(args=["cases", "import", str(path)]).exit_code == 0
    with staff_app.app_context():
        for case in db.session.scalars(select(Case).where(Case.reference.like("N-%"))):
            case.triaged_on, case.step = None, Step.AWAITING_TRIAGE
        db.session.commit()
    client = staff_app.test_client()
    sign_in(client)
    page = client.get("/staff/").get_data(as_text=True)
    assert "52 new contacts awaiting triage" in page and "51 other open contacts" in page
    assert len(re.findall(r">N-\d{3}</a>", page)) == 50
    assert len(re.findall(r">F-\d{3}</a>", page)) == 50
    assert "Showing the first 50 of 52. Use the filters to narrow the list." in page
    assert "Showing the first 50 of 51. Use the filters to narrow the list." in page
    # The first received come first, so the last ones are the ones left off
    assert ">N-000<" in page and ">N-051<" not in page


def open_complaint(reference, started_on, procedure="statutory", extended=False):
    stage = {"stage": 1, "started_on": started_on, "extended": extended, "responded_on": None,
             "outcome": None}  # fmt: skip
    return json.dumps({
        "reference": reference, "kind": "complaint", "procedure": procedure,
        "received_on": started_on, "channel": "email", "submitted_by": "parent",
        "child_led": False, "advocate_supported": False, "person_key": None, "team": "Fostering",
        "locality": None, "themes": [], "stages": [stage], "issues": [], "mediation": None,
        "ombudsman": None, "satisfaction": None, "learning": None, "compliment_source": None,
    })  # fmt: skip


def row(page, reference):
    """The rest of the table row that starts with ``reference``."""
    return page.split(f">{reference}</a>")[1].split("</tr>")[0]


def test_the_queue_shows_open_stages_soonest_first_with_overdue_and_amber(staff_app, tmp_path):
    # Today is Monday 23 November 2026. Statutory stage 1 is 10 working days.
    path = tmp_path / "open.jsonl"
    path.write_text("\n".join([
        open_complaint("T-LATE", "2026-11-02"),  # due 16 Nov: overdue
        open_complaint("T-SOON", "2026-11-16"),  # due 30 Nov: 5 working days left
        open_complaint("T-LATER", "2026-11-20", procedure="corporate"),  # due 18 Dec
    ]) + "\n")  # fmt: skip
    assert staff_app.test_cli_runner().invoke(args=["cases", "import", str(path)]).exit_code == 0
    client = staff_app.test_client()
    sign_in(client)
    page = client.get("/staff/").get_data(as_text=True)
    assert "3 open stages" in page
    assert page.index("T-LATE") < page.index("T-SOON") < page.index("T-LATER")
    late, soon, later = (row(page, ref) for ref in ("T-LATE", "T-SOON", "T-LATER"))
    assert "Mon 16 Nov 2026" in late and "Overdue" in late
    assert "Mon 30 Nov 2026" in soon and "5 working days left" in soon
    assert "Fri 18 Dec 2026" in later and "govuk-tag" not in later
    # The filters narrow the open stages, and live in the URL
    corporate = client.get("/staff/?procedure=corporate").get_data(as_text=True)
    assert "T-LATER" in corporate and "T-LATE<" not in corporate and "T-SOON" not in corporate
    overdue = client.get("/staff/?overdue=y").get_data(as_text=True)
    assert "T-LATE" in overdue and "T-SOON" not in overdue
    fostering = client.get("/staff/?team=Fostering&stage=1").get_data(as_text=True)
    assert "3 open stages" in fostering
    assert "3 open stages" in client.get("/staff/?stage=9").get_data(as_text=True)  # ignored


def test_the_queue_filters_searches_sorts_and_pages(staff_app, tmp_path):
    lines = [open_complaint(f"T-{n:03d}", "2026-11-16") for n in range(55)]
    lines.append(open_complaint("T-OLD", "2026-11-02"))  # overdue, received first
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n")
    cli = staff_app.test_cli_runner()
    assert cli.invoke(args=["cases", "import", str(tmp_path / "many.jsonl")]).exit_code == 0
    with staff_app.app_context():
        manager = db.session.scalar(select(StaffUser).filter_by(role=Role.INVESTIGATING_MANAGER))
        case = db.session.scalar(select(Case).filter_by(reference="T-007"))
        case.assignee, case.child_led, case.safeguarding = manager, True, True
        manager_id = manager.id
        db.session.commit()
    client = staff_app.test_client()
    sign_in(client)
    first = client.get("/staff/").get_data(as_text=True)
    assert "56 open stages" in first and "Page 1 of 2" in first and "1 overdue" in first
    assert "1 child-led" in first and "1 with a safeguarding flag" in first
    second = client.get("/staff/?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and "T-OLD" not in second  # the overdue one comes first
    found = client.get("/staff/?reference=t-007")
    assert found.headers["Location"] == "/staff/cases/T-007"  # a reference goes to its case
    assert "0 open stages" in client.get("/staff/?reference=T-NONE").get_data(as_text=True)
    for query in (f"assignee={manager_id}", "child_led=y", "safeguarding=y"):
        page = client.get(f"/staff/?{query}").get_data(as_text=True)
        assert "1 open stage" in page and "T-007" in page, query
    assert "55 open stages" in client.get("/staff/?due_soon=y").get_data(as_text=True)
    assert "0 open stages" in client.get("/staff/?kind=compliment").get_data(as_text=True)
    by_received = client.get("/staff/?sort=received").get_data(as_text=True)
    assert by_received.index("T-OLD") < by_received.index("T-000")
    # An investigating manager's queue holds only the cases assigned to them
    own = staff_app.test_client()
    sign_in(own, Role.INVESTIGATING_MANAGER)
    assert "1 open stage" in own.get("/staff/").get_data(as_text=True)
