"""Pages that read the same to everyone in one language, rendered once per process.

Most of a public page's time goes into rendering GOV.UK Frontend's components and its
translated strings. A page with nothing about the person reading it, no form (so no CSRF
token) and nothing from the database can be rendered once for each language and served
again from memory. A cached copy is only ever a copy: every process makes its own, and
nothing else needs it.
"""

from collections.abc import Callable
from functools import wraps

from flask import current_app, request
from flask_babel import get_locale

_PAGES = "portal.page_cache"
#: More than the cacheable pages times the languages; a bound, not a working size.
MAX_PAGES = 256


def same_for_everyone(view: Callable[..., str]) -> Callable[..., str]:
    """Serve ``view``'s page from this process's copy for the request's language.

    Only for pages built from the configuration and translations alone. A request with a
    query string is rendered afresh (its links carry it), as is every page while
    templates reload in development."""

    @wraps(view)
    def cached(**arguments: object) -> str:
        if request.query_string or current_app.jinja_env.auto_reload:
            return view(**arguments)
        pages: dict[tuple[str, str], str] = current_app.extensions.setdefault(_PAGES, {})
        key = (request.path, str(get_locale()))
        page = pages.get(key)
        if page is None:
            page = view(**arguments)
            if len(pages) < MAX_PAGES:
                pages[key] = page
        return page

    return cached
