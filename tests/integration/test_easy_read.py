"""The easy-read guide to complaining, and the letter formats people ask for, shown to
staff wherever they write a letter."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case

from .conftest import signed_in
from .test_casework import post
from .test_complaint_intake import PARENT_FOR_CHILD

#: Contact details and timescales unlike the defaults, so the page is seen to use them.
COUNCIL = {
    "CONTACT_PHONE": "01632 960 123",
    "CONTACT_EMAIL": "tell-us@council.example",
    "CONTACT_ADDRESS": "Complaints, Town Hall, Anytown, AN1 1AA",
    "ADVOCACY_PROVIDER": {"name": "Voices Advocacy", "phone": "0808 000 0000",
                          "email": "help@voices.example", "website": "https://voices.example"},
    "TIMESCALES": {"acknowledgement": 2, "statutory 1": [12, 20], "escalation_window": 15},
}  # fmt: skip

NEEDS = {"adjustments": ["large_print", "easy_read", "interpreter", "bsl"],
         "interpreter_language": "Polish"}  # fmt: skip


@pytest.fixture
def council_app(make_app):
    app = make_app()
    app.config.update(COUNCIL)
    return app


def test_the_easy_read_page_explains_complaining_with_the_councils_details(council_app):
    page = council_app.test_client().get("/easy-read")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for words in (
        "How to complain: easy read",
        "A complaint is when you tell us that something is wrong.",
        "A child or young person can complain.",
        "An advocate is someone who is on your side.",
        "Independent means they do not work for us.",
        "You will not get into trouble for complaining.",
        "We can send you letters in large print. This means big writing.",
        "We can send you letters in another language.",
    ):
        assert words in html, words
    # The council's own contact details, advocacy provider and timescales
    assert 'href="tel:01632960123">01632 960 123</a>' in html
    assert 'href="mailto:tell-us@council.example"' in html
    assert "Complaints, Town Hall, Anytown, AN1 1AA" in html
    assert "Phone Voices Advocacy on 0808 000 0000." in html
    assert "We will contact you within 2 working days." in html
    assert "This is usually within 12 working days." in html
    assert "Ask us within 15 working days of our letter." in html
    # Every picture sits beside words that say the same, so it is decorative
    pictures = html.count('class="portal-easy-read__picture"')
    assert pictures > 20 and html.count('alt=""') >= pictures
    # A way to start, and a way back to a case already made
    assert 'href="/complain"' in html and 'href="/track"' in html


def test_the_easy_read_page_uses_the_default_timescales(client):
    html = client.get("/easy-read").get_data(as_text=True)
    assert "We will contact you within 3 working days." in html
    assert "This is usually within 10 working days." in html


def test_the_easy_read_page_is_translated(client):
    html = client.get("/easy-read", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert 'lang="cy"' in html and "How to complain: easy read" not in html


@pytest.mark.parametrize("path", ["/", "/complain", "/accessibility"])
def test_the_easy_read_page_is_linked_from(client, path):
    assert 'href="/easy-read"' in client.get(path).get_data(as_text=True)


def complaint_from(app, needs):
    """Send the parent's complaint online with these adjustments; return its reference."""
    web = app.test_client()
    for slug, data in PARENT_FOR_CHILD:
        web.post(f"/complain/{slug}", data=needs if slug == "adjustments" else data)
    web.post("/complain/check")
    with app.app_context():
        return db.session.scalar(select(Case.reference).order_by(Case.id.desc()))


NOTICE = "Alex Parent asked for:"


def test_staff_writing_a_letter_see_how_the_person_asked_for_letters(casework_app):
    app = casework_app
    reference = complaint_from(app, NEEDS)
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    # The case page lists every adjustment, with the language
    case_page = officer.get(base).get_data(as_text=True)
    assert "An interpreter or letters in another language (Polish)" in case_page
    assert "A British Sign Language interpreter" in case_page
    post(officer, f"{base}/triage", {"decision": "statutory"})
    for letter in ("acknowledge", "response"):
        page = officer.get(f"{base}/{letter}").get_data(as_text=True)
        notice = page.split(NOTICE)[1].split("</div>")[0]
        assert "Letters in large print" in notice and "Letters in easy read" in notice
        assert "An interpreter or letters in another language (Polish)" in notice
        # Only what changes a letter: a sign language interpreter does not
        assert "British Sign Language" not in notice
    # A letter sent with a mistake shows the form again, with the notice still there
    again = officer.post(f"{base}/acknowledge", data={"body": ""}).get_data(as_text=True)
    assert "Enter the letter" in again and NOTICE in again


def test_the_decision_letter_notes_a_phone_call_instead_of_letters(casework_app):
    app = casework_app
    reference = complaint_from(app, {"adjustments": ["phone_not_letters"],
                                     "interpreter_language": ""})  # fmt: skip
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    declined = {"decision": "declined", "declined_reason": "court_proceedings"}
    post(officer, f"{base}/triage", declined, follow_to=f"{base}/not-accepted")
    page = officer.get(f"{base}/not-accepted").get_data(as_text=True)
    assert NOTICE in page and "A phone call instead of letters" in page
    assert "Phone them to go through the letter with them." in page


def test_no_notice_when_the_person_asked_for_nothing(casework_app):
    app = casework_app
    reference = complaint_from(app, {"interpreter_language": ""})
    officer = signed_in(app, "officer@example.org")
    base = f"/staff/cases/{reference}"
    post(officer, f"{base}/triage", {"decision": "statutory"})
    for letter in ("acknowledge", "response"):
        page = officer.get(f"{base}/{letter}").get_data(as_text=True)
        assert "Dear Alex Parent" in page and "asked for:" not in page
