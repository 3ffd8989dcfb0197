"""Input limits, on SQLite and PostgreSQL: a request over MAX_CONTENT_LENGTH gets a readable
413 page, and generated input (huge, NUL, astral characters, lone surrogates, missing,
repeated and unexpected fields, the wrong type) posted to every public form and a handful
of staff ones never produces a server error.

The generated posts go to an app with CSRF off: with it on, every one of them would stop
at the token check and the forms behind it would never see the input. CSRF itself is
tested on its own (a POST without a token gets 400).
"""

import re
from dataclasses import dataclass
from urllib.parse import quote_from_bytes

from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from portal.extensions import db
from portal.models import Case, OutboxMessage
from portal.public.advocacy import ADVOCACY_PAGES
from portal.public.complaint import COMPLAINT_PAGES
from portal.services.feedback import FORMS as FEEDBACK_FORMS
from portal.young.views import JOURNEYS

from ..support.cases import closed_case
from .conftest import signed_in
from .test_tracker import complain, sign_in

#: Generated posts per database: each picks one of the targets below.
EXAMPLES = 200

#: Every character, lone surrogates (category Cs) and NUL included.
_ANY_CHARACTER = st.characters(exclude_categories=())
_NASTY = ["\x00", "\ud800", "\udfff", "\U0001d54f", "\u202e", "\r\n", "²", "٣", "１２",
          "-1", "0", "99999999999999999999", "1e308", "NaN", "' OR 1=1 --", "../../etc/passwd",
          "%00", "<script>", "{{7*7}}", " "]  # fmt: skip
_VALUE = st.one_of(
    st.text(_ANY_CHARACTER, max_size=30),
    st.sampled_from(_NASTY),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["x", "9", "\x00", "\U0001d54f", "<a>"]),
        st.sampled_from([41, 201, 1201, 5001, 20001, 100_000]),
    ),
)
#: One value, or the same field repeated.
_FIELD = st.one_of(_VALUE, st.lists(_VALUE, min_size=2, max_size=4))


@dataclass(frozen=True)
class Target:
    """A form to post to, the client that posts it, and the fields its page shows."""

    url: str
    who: str
    fields: tuple[str, ...]


def _encoded(text: str) -> str:
    # Lone surrogates cannot be UTF-8; "surrogatepass" sends the bytes a broken client would.
    return quote_from_bytes(text.encode("utf-8", "surrogatepass"))


def _body(form: dict[str, str | list[str]]) -> bytes:
    pairs = [
        (name, value)
        for name, values in form.items()
        for value in (values if isinstance(values, list) else [values])
    ]
    return "&".join(f"{_encoded(name)}={_encoded(value)}" for name, value in pairs).encode()


def _field_names(client: FlaskClient, url: str) -> tuple[str, ...]:
    """The names of the inputs the form's own page shows (none if it has no page)."""
    page = client.get(url).get_data(as_text=True)
    names = re.findall(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', page)
    return tuple(dict.fromkeys(name for name in names if name != "csrf_token"))


def _public_urls() -> list[str]:
    journeys = [COMPLAINT_PAGES, ADVOCACY_PAGES, *JOURNEYS.values()]
    urls = [f"{pages.prefix}/{q.slug}" for pages in journeys for q in pages.journey.questions()]
    urls += [f"{pages.prefix}/check" for pages in journeys]
    urls += [f"/feedback/{form}" for form in sorted(FEEDBACK_FORMS)]
    return [*urls, "/compliment", "/young/card", "/track", "/track/link", "/track/practise",
            "/staff/sign-in", "/staff/forgot-password"]  # fmt: skip


TRACKER_PAGES = ["message", "next-stage", "mediation", "withdraw", "contact", "advocate",
                 "advocate-consent"]  # fmt: skip
TRACKER_URLS = [f"/track/updates/{page}" for page in TRACKER_PAGES]
SURVEY_URLS = ["/survey/question/1", "/survey/question/2", "/survey/comments",
               "/survey/about-you", "/survey/finish", "/survey/stop"]  # fmt: skip
STAFF_ACTIONS = ["triage", "details", "issues", "message", "note", "extension", "acknowledge",
                 "response", "panel", "investigation", "ombudsman/decision", "safeguarding",
                 "learning/actions/new", "advocates", "close", "withdraw"]  # fmt: skip


def _survey_client(app) -> FlaskClient:
    """A browser that opened a survey link from its email."""
    closed_case(app, "S-FUZZ")
    assert app.test_cli_runner().invoke(args=["surveys", "send"]).exit_code == 0
    with app.app_context():
        query = select(OutboxMessage.body_text).filter_by(subject="How did we do?")
        body = db.session.scalars(query).one()
    client = app.test_client()
    client.get(re.search(r"/survey/open/\S+", body).group(0))
    return client


def test_generated_input_never_causes_a_server_error(casework_app):
    app = casework_app
    reference, words = complain(app)
    with app.app_context():
        db.session.scalar(select(Case).filter_by(reference=reference)).child_led = True
        db.session.commit()
    clients = {"public": app.test_client(), "tracker": app.test_client(),
               "staff": signed_in(app, "officer@example.org"),
               "survey": _survey_client(app)}  # fmt: skip
    sign_in(clients["tracker"], reference, words)
    urls = [("public", url) for url in _public_urls()]
    urls += [("tracker", url) for url in TRACKER_URLS] + [("survey", url) for url in SURVEY_URLS]
    urls += [("staff", f"/staff/cases/{reference}/{action}") for action in STAFF_ACTIONS]
    urls += [("staff", "/staff/users/new")]
    targets = [Target(url, who, _field_names(clients[who], url)) for who, url in urls]
    # The queue's filters and the report's year arrive in the address, not a form.
    queries = [Target("/staff/", "staff", (*_field_names(clients["staff"], "/staff/"), "page")),
               Target("/staff/reports/annual", "staff", ("year",)),
               Target("/staff/reports/annual.csv", "staff", ("year",)),
               Target("/staff/reports/cases.csv", "staff", ("year",))]  # fmt: skip

    def filled(target: Target) -> st.SearchStrategy:
        names = st.sampled_from([*target.fields, "unexpected", "csrf_token"])
        return st.tuples(st.just(target), st.dictionaries(names, _FIELD, max_size=8))

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
    @given(st.sampled_from(targets + queries).flatmap(filled))
    def post_anything(case: tuple[Target, dict]) -> None:
        target, form = case
        client = clients[target.who]
        if target in queries:
            response = client.get(f"{target.url}?{_body(form).decode()}")
        else:
            response = client.post(
                target.url, data=_body(form), content_type="application/x-www-form-urlencoded"
            )
        assert response.status_code < 500, (target.url, form)

    post_anything()


def test_a_request_over_the_size_limit_gets_a_readable_page(app):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit == 2 * 1024 * 1024
    client = app.test_client()
    for url in ("/complain/what-happened", "/track", "/staff/sign-in"):
        response = client.post(url, data={"what_happened": "x" * limit})
        page = response.get_data(as_text=True)
        assert response.status_code == 413, url
        assert "Sorry, we cannot show this page" in page and "Go to the start page" in page
        assert "Traceback" not in page and "RequestEntityTooLarge" not in page
