"""Pages that read the same to everyone in one language, rendered once per process.

Most of a public page's time goes into rendering GOV.UK Frontend's components and its
translated strings. A page with nothing about the person reading it and nothing from the
database can be rendered once for each language and served again from memory. A blank
form is such a page but for one thing, its CSRF token, which is the visitor's own: its
copy is kept with the token cut out, and each visitor's own token is put in as it is
served. A cached copy is only ever a copy: every process makes its own, and nothing else
needs it.
"""

import secrets
from collections.abc import Callable
from functools import wraps

from flask import current_app, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

_PAGES = "portal.page_cache"
#: More than the cacheable pages times the languages; a bound, not a working size.
MAX_PAGES = 256
#: Where a blank form's token was: random, so no page can contain it by chance.
_TOKEN_SLOT = secrets.token_hex(16)


def same_for_everyone(view: Callable[..., str]) -> Callable[..., str]:
    """Serve ``view``'s page from this process's copy for the request's language.

    Only for pages built from the configuration and translations alone. A request with a
    query string is rendered afresh (its links carry it), as is every page while
    templates reload in development."""

    @wraps(view)
    def cached(**arguments: object) -> str:
        return _served(lambda: view(**arguments), keep=_as_it_is, serve=_as_it_is)

    return cached


def blank_form(render: Callable[[], str]) -> str:
    """The page ``render`` makes, from this process's copy with the visitor's own CSRF
    token put in.

    Only for a form with nothing filled in and nothing from the database: the page must
    differ from one visitor to the next by its token alone. A page that does not carry
    the token exactly once is never kept."""
    token = generate_csrf()
    return _served(
        render,
        keep=lambda page: _without(token, page),
        serve=lambda copy: copy.replace(_TOKEN_SLOT, token),
    )


def _served(
    render: Callable[[], str],
    keep: Callable[[str], str | None],
    serve: Callable[[str], str],
) -> str:
    """The page from this process's copy, through ``serve``; else rendered, and its copy
    (``keep``'s answer, if any) kept."""
    if request.query_string or current_app.jinja_env.auto_reload:
        return render()
    pages: dict[tuple[str, str], str] = current_app.extensions.setdefault(_PAGES, {})
    key = (request.path, str(get_locale()))
    kept = pages.get(key)
    if kept is not None:
        return serve(kept)
    page = render()
    copy = keep(page)
    if copy is not None and len(pages) < MAX_PAGES:
        pages[key] = copy
    return page


def _as_it_is(page: str) -> str:
    return page


def _without(token: str, page: str) -> str | None:
    return page.replace(token, _TOKEN_SLOT) if page.count(token) == 1 else None
