"""Output escaping, on SQLite and PostgreSQL: XSS payloads typed into every free-text field
of the public and staff forms come back, in the queue, the case, the tracker, the reports,
the public "You said, we did" page and every email, only as text."""

from datetime import date
from html.parser import HTMLParser

from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, IssueCategory, LearningCategory, Team

from .conftest import signed_in
from .test_casework import date_parts, ids, post, user_id
from .test_complaint_intake import PARENT_FOR_CHILD, answer_all, send, words_on
from .test_compliments_and_feedback import compliment
from .test_tracker import sign_in
from .test_young import CHILD_COMPLAINT, send_all

#: Each short enough for the shortest free-text field (a phone number: 40 characters).
CORPUS = [
    "<script>alert('x1')</script>",
    '"><svg onload=alert(2)>',
    "'><img src=x onerror=alert(3)>",
    '" autofocus onfocus="alert(4)',
    "</textarea><script>alert(5)</script>",
    "<a href=javascript:alert(6)>six</a>",
    "javascript:alert(7)",
    "tpl{{7*7}}{%print 7*7%}",
    "\u202e<b>exe.txt</b>\u202c",
    "<iframe srcdoc='<p>x'>",
]
#: All of them at once, for fields with room.
EVERYTHING = " ".join(CORPUS)


def payload(number: int) -> str:
    return CORPUS[number % len(CORPUS)]


class _Page(HTMLParser):
    """What the browser would build from a page: each element's attributes, and the text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action", "formaction", "srcdoc") and (
                name == "srcdoc" or (value or "").strip().lower().startswith("javascript:")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
            self.text.append(value or "")
        self._in_script = tag == "script"
        if tag == "script" and not dict(attrs).get("src"):
            self.problems.append("an inline <script>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"script content {data[:40]!r}")
        self.text.append(data)


def assert_inert(html: str, where: str, shown: list[str]) -> None:
    """Nothing typed became markup, and each of ``shown`` is on the page as text."""
    page = _Page(html)
    assert page.problems == [], (where, page.problems)
    for text in CORPUS:
        if any(character in text for character in "<>\"'"):
            assert text not in html, (where, text)
    text = "\n".join(page.text)
    for expected in shown:
        assert expected in text, (where, expected)
    assert "tpl49" not in text, where


def complain_with_payloads(app) -> tuple[str, str]:
    """The adult complaint with a payload in every free-text answer; its reference and words."""
    texts = {
        "child_name": payload(0),
        "what_happened": EVERYTHING,
        "happened_over": payload(1),
        "worker_name": payload(2),
        "wanted_outcome": EVERYTHING,
        "full_name": payload(3),
        "phone": payload(4),
        "postal_address": EVERYTHING,
        "safe_times": payload(5),
        "interpreter_language": payload(8),
    }
    answers = []
    for slug, data in PARENT_FOR_CHILD:
        if slug == "when":
            answers.append((slug, {"when": "period"}))
            answers.append(("when-period", {"happened_over": texts["happened_over"]}))
            continue
        if slug == "when-date":
            continue
        answers.append((slug, {key: texts.get(key, value) for key, value in data.items()}))
    web = app.test_client()
    answer_all(web, answers)
    assert_inert(web.get("/complain/check").get_data(as_text=True), "check answers", CORPUS)
    send(web)
    words = " ".join(words_on(web.get("/complain/sent").get_data(as_text=True)))
    with app.app_context():
        return db.session.scalar(select(Case.reference).order_by(Case.id.desc())), words


def the_public_writes_everywhere(app) -> None:
    """Every other public form: compliment, form feedback, children's, young people's and
    the advocacy request."""
    web = app.test_client()
    compliment(web, message=EVERYTHING, worker_name=payload(6), full_name=payload(7))
    web.post("/feedback/complaint", data={"rating": "3", "comment": EVERYTHING})
    child = [
        (
            slug,
            {
                **data,
                **{
                    key: payload(n)
                    for n, key in enumerate(("told_more", "better_more", "name", "safe_times"))
                    if key in data
                },
            },
        )
        for slug, data in CHILD_COMPLAINT
    ]
    send_all(app.test_client(), "/young/7-11/sort-it", child)
    send_all(
        app.test_client(),
        "/young/12-plus/thank-you",
        [("thanks", {"team": "Fostering", "told_more": EVERYTHING})],
    )
    advocacy = [
        ("who", {"role": "professional"}),
        (
            "child",
            {
                "child_name": payload(1),
                "child_age": "10",
                "child_knows": "yes",
                "reason": EVERYTHING,
            },
        ),
        ("contact", {"full_name": payload(2), "email": "t@example.org", "phone": ""}),
    ]
    for slug, data in advocacy:
        assert web.post(f"/advocacy/{slug}", data=data).status_code == 303
    web.post("/advocacy/check")


def staff_write_everywhere(app, reference: str, person, officer, head) -> None:
    """Every staff form with free text, on the complaint, through to published learning
    (the person asks for stage 2 in between)."""
    post(
        head,
        "/staff/users/new",
        {"display_name": payload(1), "email": "new@example.org", "role": "investigating_manager"},
    )
    base = f"/staff/cases/{reference}"
    (team,) = ids(app, Team, "Fostering")
    post(
        officer,
        f"{base}/triage",
        {
            "decision": "statutory",
            "team": str(team),
            "assignee": str(user_id(app, "new@example.org")),
            "advocacy_offer": "made",
            "advocacy_provider": payload(2),
        },
    )
    (category,) = ids(app, IssueCategory, "Contact Issues")
    post(officer, f"{base}/issues", {"issue": f"{category}:"})
    post(officer, f"{base}/acknowledge", {"body": EVERYTHING})
    post(officer, f"{base}/message", {"body": EVERYTHING})
    post(officer, f"{base}/note", {"body": EVERYTHING})
    post(
        officer,
        f"{base}/extension",
        {
            "agreed_on": date_parts(date(2026, 11, 23)),
            "agreed_by": payload(3),
            "how": "email",
            "reason": EVERYTHING,
        },
    )
    with app.app_context():
        issue = db.session.scalar(select(Case).filter_by(reference=reference)).issues[0].id
    post(officer, f"{base}/outcomes", {f"issue_{issue}": "upheld"})
    post(
        officer,
        f"{base}/response",
        {"body": EVERYTHING, "responded_on": date_parts(date(2026, 11, 24))},
    )
    post(person, "/track/updates/next-stage", {"reasons": EVERYTHING})
    post(officer, f"{base}/escalate", {"requested_on": date_parts(date(2026, 11, 25))})
    post(
        officer,
        f"{base}/investigation",
        {
            "investigating_officer": payload(4),
            "independent_person": payload(5),
            "adjudicating_officer": payload(6),
            "report_on": "",
            "adjudication_on": "",
        },
    )
    (training,) = ids(app, LearningCategory, "Training")
    post(head, f"{base}/learning", {"categories": [str(training)]})
    post(
        head,
        f"{base}/learning/actions/new",
        {"description": EVERYTHING, "owner": payload(7), "due_on": date_parts(date(2027, 1, 8))},
    )
    with app.app_context():
        case = db.session.scalar(select(Case).filter_by(reference=reference))
        action = case.learning.actions[0].id
    post(
        head,
        f"{base}/learning/actions/{action}/implemented",
        {"implemented_on": date_parts(date(2026, 11, 23)), "difference_made": EVERYTHING},
    )
    statement = " ".join(CORPUS[:6])
    post(
        head,
        f"{base}/learning/actions/{action}/publish",
        {"theme": "communication", "statement": statement},
    )


def test_typed_payloads_are_only_ever_shown_as_text(casework_app, inbox):
    app = casework_app
    reference, words = complain_with_payloads(app)
    the_public_writes_everywhere(app)
    person = app.test_client()
    sign_in(person, reference, words)
    post(person, "/track/updates/message", {"body": EVERYTHING})
    officer = signed_in(app, "officer@example.org")
    head = signed_in(app, "head@example.org")
    staff_write_everywhere(app, reference, person, officer, head)

    with app.app_context():
        references = list(db.session.scalars(select(Case.reference)))
    pages = {
        "queue": (officer.get("/staff/"), [payload(1)]),
        "queue search": (
            officer.get("/staff/", query_string={"reference": payload(3)}),
            [payload(3)],
        ),
        "tracker": (person.get("/track/updates"), CORPUS),
        "annual report": (head.get("/staff/reports/annual?year=2026"), []),
        "learning": (head.get("/staff/learning?publishable=1"), []),
        "you said, we did": (app.test_client().get("/you-said-we-did"), CORPUS[:6]),
    }
    for other in references:
        pages[other] = (head.get(f"/staff/cases/{other}"), [])
    pages[reference] = (head.get(f"/staff/cases/{reference}"), CORPUS)
    for where, (response, shown) in pages.items():
        assert response.status_code == 200, where
        assert_inert(response.get_data(as_text=True), where, shown)

    # Every email is plain text alone: nothing in it is ever read as markup.
    assert app.test_cli_runner().invoke(args=["outbox", "send"]).exit_code == 0
    assert len(inbox.messages) >= 5
    for message in inbox.messages:
        assert not message.is_multipart() and message.get_content_type() == "text/plain"
    bodies = [message.get_payload(decode=True).decode() for message in inbox.messages]
    assert any(EVERYTHING in body for body in bodies)  # the acknowledgement letter, as typed
