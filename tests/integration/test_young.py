"""Children's and young people's own forms, through the test client, on both databases."""

import re
from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.models import AuditEvent, Case, CaseStatement, OutboxMessage, Person
from portal.notify.outbox import URGENT

from .conftest import NOW

CHILD_COMPLAINT = [
    ("feeling", {"feeling": "sad"}),
    ("about", {"topics": ["worker", "family"], "told_more": ""}),
    ("better", {"better": ["more_family"], "better_more": ""}),
    ("contact", {"name": "Jo", "phone": "07700 900111", "email": "", "safe_times": ""}),
    ("worker", {"worker_may_know": "yes"}),
]


def send_all(client, prefix, answers):
    for slug, data in answers:
        response = client.post(f"{prefix}/{slug}", data=data)
        assert response.status_code == 303, (slug, response.get_data(as_text=True)[:1500])
    assert client.post(f"{prefix}/check").headers["Location"] == f"{prefix}/sent"
    return client.get(f"{prefix}/sent").get_data(as_text=True)


def newest(app):
    with app.app_context():
        case = db.session.scalar(select(Case).order_by(Case.id.desc()))
        statement = db.session.get(CaseStatement, case.id)
        person = db.session.scalar(select(Person).filter_by(case_id=case.id))
        outbox = list(db.session.scalars(select(OutboxMessage).filter_by(case_id=case.id)))
        db.session.expunge_all()
        return case, statement, person, outbox


def test_a_child_complains_without_typing_a_word(casework_app):
    app = casework_app
    client = app.test_client()
    page = send_all(client, "/young/7-11/sort-it", CHILD_COMPLAINT)
    case, statement, person, outbox = newest(app)
    assert case.reference in page and "Your secret card" in page and "my-secret-card.svg" in page
    assert (case.kind.value, case.submitted_by.value, case.child_led) == (
        "complaint",
        "child",
        True,
    )
    assert case.procedure.value == "statutory" and case.step.value == "awaiting_triage"
    assert not case.safeguarding
    assert "Their social worker" in statement.what_happened
    assert "More time with their family" in statement.wanted_outcome
    assert (person.role.value, person.full_name, person.phone) == ("child", "Jo", "07700 900111")
    # The participation team hears of every child's contact; nothing urgent here
    assert [m.to_address for m in outbox] == ["participation@example.org"]


def test_a_child_who_is_not_safe_is_flagged_and_the_duty_team_emailed_at_once(casework_app):
    app = casework_app
    client = app.test_client()
    answers = [("feeling", {"feeling": "not_safe"}), ("safe", {"ready": "yes"}),
               *CHILD_COMPLAINT[1:]]  # fmt: skip
    page = send_all(client, "/young/7-11/sort-it", answers)
    assert "Someone from our team will try to call you" in page
    case, _statement, _person, outbox = newest(app)
    assert case.safeguarding
    urgent = [m for m in outbox if m.to_address == "safeguarding@example.org"]
    assert len(urgent) == 1 and urgent[0].priority == URGENT
    assert "Jo" not in urgent[0].body_text  # who and what stay on the case, not in email
    with app.app_context():
        assert db.session.scalar(select(AuditEvent).filter_by(action="safeguarding.flagged"))


def test_worrying_words_flag_a_case_whatever_the_face(casework_app):
    app = casework_app
    client = app.test_client()
    answers = [("feeling", {"feeling": "worried"}),
               ("about", {"topics": ["home"], "told_more": "My uncle hits me when mum is out"}),
               ("contact", {"name": "", "phone": "", "email": "", "safe_times": ""})]  # fmt: skip
    send_all(client, "/young/12-plus/feelings", answers)
    case, *_rest = newest(app)
    assert case.kind.value == "informal_feedback" and case.safeguarding
    assert case.submitted_by.value == "young_person"


def test_safeguarding_cases_come_first_in_the_triage_queue(casework_app):
    from .conftest import signed_in

    app = casework_app
    send_all(app.test_client(), "/young/7-11/sort-it", CHILD_COMPLAINT)
    unsafe = [("feeling", {"feeling": "not_safe"}), ("safe", {"ready": "not_now"}),
              *CHILD_COMPLAINT[1:]]  # fmt: skip
    send_all(app.test_client(), "/young/7-11/sort-it", unsafe)
    with app.app_context():
        ordinary, flagged = db.session.scalars(select(Case.reference).order_by(Case.id))
    queue = signed_in(app, "officer@example.org").get("/staff/").get_data(as_text=True)
    assert queue.index(flagged) < queue.index(ordinary)


def test_a_young_person_asks_for_an_advocate_and_says_thank_you(casework_app):
    app = casework_app
    client = app.test_client()
    start = client.get("/young/12-plus/advocate").get_data(as_text=True)
    assert "0808 808 1001" in start  # the advocacy provider's own number
    send_all(client, "/young/12-plus/advocate", [
        ("contact", {"name": "Sam", "phone": "", "email": "sam@example.org",
                     "safe_times": "after school"})])  # fmt: skip
    case, _statement, person, _outbox = newest(app)
    assert case.kind.value == "advocacy_request" and person.safe_times == "after school"
    page = send_all(client, "/young/12-plus/thank-you",
                    [("thanks", {"team": "Fostering", "told_more": "They listened."})])  # fmt: skip
    case, statement, _person, _outbox = newest(app)
    assert case.kind.value == "compliment" and case.compliment_source.value == "child_young_person"
    assert statement.message == "They listened." and "Your secret card" not in page


def test_nothing_is_required_to_be_typed_on_the_child_pages(casework_app):
    app = casework_app
    client = app.test_client()
    for slug, data in CHILD_COMPLAINT:
        choices_only = {key: value for key, value in data.items() if isinstance(value, list)
                        or key in ("feeling", "worker_may_know")}  # fmt: skip
        response = client.post(f"/young/7-11/sort-it/{slug}", data=choices_only)
        assert response.status_code == 303, slug


def test_a_teacher_asks_for_an_advocate_for_a_child(casework_app):
    app = casework_app
    client = app.test_client()
    answers = [
        ("who", {"role": "professional"}),
        ("child", {"child_name": "Kai", "child_age": "10", "child_knows": "yes", "reason": ""}),
        ("contact", {"full_name": "Ms Teacher", "email": "", "phone": ""}),
    ]
    missing = client.post("/advocacy/contact", data=answers[2][1])
    assert "Enter an email address or a phone number" in missing.get_data(as_text=True)
    answers[2] = ("contact", {"full_name": "Ms Teacher", "email": "t@example.org", "phone": ""})
    for slug, data in answers:
        assert client.post(f"/advocacy/{slug}", data=data).status_code == 303
    client.post("/advocacy/check")
    page = client.get("/advocacy/sent").get_data(as_text=True)
    case, statement, _person, outbox = newest(app)
    assert case.reference in page and "Your secret words" in page
    assert (case.kind.value, case.submitted_by.value, case.child_led) == (
        "advocacy_request", "professional", False)  # fmt: skip
    assert "The child knows about this request: yes" in statement.what_happened
    assert [m.to_address for m in outbox] == ["participation@example.org"]


def test_the_team_records_what_it_did_about_a_safeguarding_flag(casework_app):
    from .conftest import signed_in

    app = casework_app
    unsafe = [("feeling", {"feeling": "not_safe"}), ("safe", {"ready": "yes"}),
              *CHILD_COMPLAINT[1:]]  # fmt: skip
    send_all(app.test_client(), "/young/7-11/sort-it", unsafe)
    case, *_rest = newest(app)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{case.reference}"
    assert "Record the safeguarding decision" in officer.get(base).get_data(as_text=True)
    decision = {"decision": "passed_to_duty_team", "note": "Duty team called the carer at 3pm."}
    response = officer.post(f"{base}/safeguarding", data=decision)
    assert response.status_code == 303
    with app.app_context():
        decided = db.session.scalar(select(AuditEvent).filter_by(action="safeguarding.decided"))
        assert decided.details == {"decision": "passed_to_duty_team"}
    assert "Duty team called the carer" in officer.get(base).get_data(as_text=True)


def test_a_child_can_send_their_card_to_a_grown_up_once(casework_app):
    app = casework_app
    client = app.test_client()
    page = send_all(client, "/young/7-11/sort-it", CHILD_COMPLAINT)
    words = re.findall(r"<li>([a-z]+)</li>", page.split("portal-secret-words__list")[1])[:5]
    sent = client.post("/young/card", data={"email": "aunt@example.org"})
    assert "We sent your card" in sent.get_data(as_text=True)
    case, *_rest = newest(app)
    with app.app_context():
        email = db.session.scalar(select(OutboxMessage).filter_by(to_address="aunt@example.org"))
    assert case.reference in email.body_text and " ".join(words) in email.body_text
    again = client.post("/young/card", data={"email": "someone@example.org"})
    assert "We could not send your card" in again.get_data(as_text=True)


def test_the_card_cannot_be_sent_after_a_quarter_of_an_hour(casework_app):
    app = casework_app
    client = app.test_client()
    send_all(client, "/young/7-11/sort-it", CHILD_COMPLAINT)
    app.config["FROZEN_NOW"] = NOW + timedelta(minutes=16)
    late = client.post("/young/card", data={"email": "aunt@example.org"})
    assert "We could not send your card" in late.get_data(as_text=True)
