"""Friendly pages for errors, in the person's language, with nothing internal in them."""

import logging
from math import ceil

from flask import Flask, g, render_template, request
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from . import rate_limits
from .extensions import db

log = logging.getLogger(__name__)

#: Errors with a page of their own; any other HTTP error uses the generic page.
_PAGES = {404: "errors/404.html", 500: "errors/500.html"}
#: The tracker's field for secret words, which are never written back into a page.
_WORDS_FIELD = "words"
#: Fields the 429 page leaves out of the form it sends again (it makes a new form token).
_NOT_REPEATED = frozenset({_WORDS_FIELD, "csrf_token"})


def init_app(app: Flask) -> None:
    """Register the error pages."""

    @app.errorhandler(SecurityError)
    def _untrusted_host(error: SecurityError) -> tuple[str, int, dict[str, str]]:
        # The request named a host this portal does not answer to: no page can be built
        # for it (its links would need that host), so a plain answer.
        return "Bad request", 400, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> tuple[str, int]:
        return render_template("errors/session_expired.html"), 400

    @app.errorhandler(RateLimitExceeded)
    def _too_many_requests(error: RateLimitExceeded) -> tuple[str, int, dict[str, str]]:
        wait = rate_limits.seconds_until_reset()
        return _try_again_page(ceil(wait / 60)), 429, {"Retry-After": str(wait)}

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[str, int]:
        template = _PAGES.get(error.code or 500, "errors/generic.html")
        return render_template(template, error=error), error.code or 500

    @app.errorhandler(Exception)
    def _unexpected_error(error: Exception) -> tuple[str, int, dict[str, str]]:
        log.exception("Unhandled error")
        return _error_page()


def _try_again_page(minutes: int) -> str:
    """The 429 page, holding the form as it came, to send again once the wait is over, so
    nothing typed is lost. (Its CSRF token was accepted: limits are counted only once a
    view is reached.)"""
    fields = [(name, value) for name, value in request.form.items(multi=True)
              if name not in _NOT_REPEATED]  # fmt: skip
    return render_template(
        "errors/429.html",
        minutes=minutes,
        fields=fields,
        words_left_out=_WORDS_FIELD in request.form,
    )


def _error_page() -> tuple[str, int, dict[str, str]]:
    """The 500 page or, when even that cannot be built (say the translations are what
    failed), a plain sentence: never Flask's own page, never a trace."""
    try:
        db.session.rollback()  # a failed transaction must not break the page as well
        return render_template("errors/500.html"), 500, {}
    except Exception:
        log.exception("The error page failed too")
        # English only: the translations may be what failed.
        text = "Sorry, there is a problem with the service. Try again later. Error code: "
        return text + g.get("request_id", ""), 500, {"Content-Type": "text/plain; charset=utf-8"}
