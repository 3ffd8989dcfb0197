"""Pages the same for everyone in a language are rendered once per process and language;
anything that could make them differ is rendered afresh."""

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, template_rendered

from portal.i18n import LANGUAGE_COOKIE


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


def test_pages_with_a_form_are_never_cached(app, client):
    client.get("/complain/who")
    with renders(app) as rendered:
        client.get("/complain/who")
    assert rendered, "a form page carries the visitor's own CSRF token"
