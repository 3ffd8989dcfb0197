"""Advocates see a child's case only while the child's consent stands."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, Case, CaseMessage, Role, StaffUser
from portal.services.staff import create_staff_user

from .conftest import PASSWORD, SECRET, signed_in
from .test_tracker import complain, sign_in


def advocate_for(app, reference, email="nyas@example.org", name="Nia Advocate"):
    with app.app_context():
        user = create_staff_user(db.session, email=email, display_name=name,
                                 role=Role.ADVOCATE, password=PASSWORD)  # fmt: skip
        user.totp_secret = SECRET
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        case.child_led = True
        db.session.commit()
        return user.id


def test_an_advocate_sees_the_case_only_while_the_child_agrees(casework_app):
    app = casework_app
    reference, words = complain(app)
    advocate_id = advocate_for(app, reference)
    officer = signed_in(app, "officer@example.org")
    consent = {"advocate": str(advocate_id), "consent_on": ["23", "11", "2026"]}
    officer.post(f"/staff/cases/{reference}/advocates", data=consent)
    advocate = signed_in(app, "nyas@example.org")
    assert reference in advocate.get("/advocate/").get_data(as_text=True)
    assert advocate.get("/staff/").status_code == 403  # not the complaints team's pages
    page = advocate.get(f"/advocate/cases/{reference}").get_data(as_text=True)
    assert "We will contact you by" in page
    advocate.post(f"/advocate/cases/{reference}/message", data={"body": "Sam wants a call."})
    staff_page = officer.get(f"/staff/cases/{reference}").get_data(as_text=True)
    assert "From their advocate" in staff_page and "Sam wants a call." in staff_page

    # The child withdraws consent in the tracker: access ends at once
    child = app.test_client()
    sign_in(child, reference, words)
    assert "Nia Advocate can see your complaint" in child.get("/track/updates").get_data(
        as_text=True
    )
    child.post("/track/updates/advocate-consent", data={"advocate_id": str(advocate_id)})
    assert advocate.get(f"/advocate/cases/{reference}").status_code == 404
    assert reference not in advocate.get("/advocate/").get_data(as_text=True)
    with app.app_context():
        actions = [e.action for e in db.session.scalars(select(AuditEvent))]
    assert "advocate.linked" in actions and "advocate.consent_withdrawn" in actions


def test_the_team_can_withdraw_consent_and_only_advocates_can_be_linked(casework_app):
    app = casework_app
    reference, _words = complain(app)
    advocate_id = advocate_for(app, reference)
    officer = signed_in(app, "officer@example.org")
    with app.app_context():
        manager = select(StaffUser.id).filter_by(email="manager@example.org")
        manager_id = db.session.scalar(manager)
    not_an_advocate = {"advocate": str(manager_id), "consent_on": ["23", "11", "2026"]}
    refused = officer.post(f"/staff/cases/{reference}/advocates", data=not_an_advocate)
    assert refused.status_code == 200  # not in the list of advocates
    consent = {"advocate": str(advocate_id), "consent_on": ["23", "11", "2026"]}
    officer.post(f"/staff/cases/{reference}/advocates", data=consent)
    advocate = signed_in(app, "nyas@example.org")
    assert advocate.get(f"/advocate/cases/{reference}").status_code == 200
    officer.post(f"/staff/cases/{reference}/advocates/{advocate_id}/withdraw")
    assert advocate.get(f"/advocate/cases/{reference}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Case).filter_by(reference=reference)).advocate_supported


def test_an_advocate_cannot_open_another_advocates_case_by_any_route(casework_app):
    app = casework_app
    reference, _words = complain(app)
    theirs = advocate_for(app, reference)
    advocate_for(app, reference, email="other.advocate@example.org", name="Other Advocate")
    officer = signed_in(app, "officer@example.org")
    consent = {"advocate": str(theirs), "consent_on": ["23", "11", "2026"]}
    officer.post(f"/staff/cases/{reference}/advocates", data=consent)
    other = signed_in(app, "other.advocate@example.org")
    assert reference not in other.get("/advocate/").get_data(as_text=True)
    case_rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("advocates.") and "reference" in rule.arguments
    ]
    assert case_rules
    for rule in case_rules:
        url = rule.build({"reference": reference})[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            assert other.open(url, method=method).status_code == 404, (method, url)
    with app.app_context():
        assert db.session.scalars(select(CaseMessage)).all() == []  # nothing written either
