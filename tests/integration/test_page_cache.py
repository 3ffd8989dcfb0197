"""Pages the same for everyone in a language are rendered once per process and language,
blank forms too, with each visitor's own CSRF token put in; anything that could make
them differ is rendered afresh."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, template_rendered

from portal.extensions import db
from portal.i18n import LANGUAGE_COOKIE
from portal.models import Team


@contextmanager
def renders(app: Flask) -> Iterator[list[str]]:
    """The names of the templates rendered inside the block."""
    names: list[str] = []

    def record(_sender: Flask, template, **_context: object) -> None:
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def test_the_home_page_is_rendered_once_then_served_from_memory(app, client):
    first = client.get("/")
    with renders(app) as rendered:
        again = client.get("/")
    assert rendered == []
    assert again.status_code == 200
    assert again.data == first.data
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_each_language_has_its_own_copy(app, client):
    english = client.get("/").get_data(as_text=True)
    client.set_cookie(LANGUAGE_COOKIE, "cy")
    with renders(app) as rendered:
        welsh = client.get("/").get_data(as_text=True)
    assert rendered == ["public/home.html"]
    assert 'lang="cy"' in welsh and 'lang="en"' in english
    client.set_cookie(LANGUAGE_COOKIE, "en")
    assert client.get("/").get_data(as_text=True) == english


def test_a_query_string_is_rendered_afresh_with_its_own_links(app, client):
    client.get("/accessibility")
    with renders(app) as rendered:
        page = client.get("/accessibility?from=leaflet").get_data(as_text=True)
    assert rendered == ["public/accessibility.html"]
    # The language switcher brings the person back to the page as they asked for it.
    assert "from%3Dleaflet" in page or "from=leaflet" in page


def token_on(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_a_blank_form_is_rendered_once_and_each_visitor_gets_their_own_token(app):
    first, second = app.test_client(), app.test_client()
    seen_first = first.get("/complain/who").get_data(as_text=True)
    with renders(app) as rendered:
        seen_second = second.get("/complain/who").get_data(as_text=True)
    assert rendered == []
    first_token, second_token = token_on(seen_first), token_on(seen_second)
    assert first_token != second_token
    assert seen_second.replace(second_token, first_token) == seen_first
    # Each token is its visitor's own: it works for them and for no one else.
    assert (
        first.post("/complain/who", data={"role": "parent", "csrf_token": second_token}).status_code
        == 400
    )
    answered = second.post("/complain/who", data={"role": "parent", "csrf_token": second_token})
    assert answered.status_code == 303


def test_a_form_with_an_answer_saved_is_rendered_with_it_and_shown_to_no_one_else(app):
    visitor, stranger = app.test_client(), app.test_client()
    blank = visitor.get("/complain/who").get_data(as_text=True)
    visitor.post("/complain/who", data={"role": "parent", "csrf_token": token_on(blank)})
    with renders(app) as rendered:
        again = visitor.get("/complain/who").get_data(as_text=True)
    assert rendered
    assert re.search(r'value="parent" checked', again)
    assert "checked" not in stranger.get("/complain/who").get_data(as_text=True)


def test_a_form_with_choices_from_the_database_is_rendered_every_time(app):
    page = "/young/12-plus/thank-you/thanks"
    assert "Youth Offending Team" not in app.test_client().get(page).get_data(as_text=True)
    with app.app_context():
        db.session.add(Team(name="Youth Offending Team"))
        db.session.commit()
    assert "Youth Offending Team" in app.test_client().get(page).get_data(as_text=True)
