from flask import Response, abort, current_app, redirect, render_template, request, url_for

from ..i18n import LANGUAGE_COOKIE
from ..security import safe_next
from . import bp

#: A year, so the choice survives closing the browser.
LANGUAGE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365


@bp.get("/")
def home() -> str:
    return render_template("public/home.html")


@bp.get("/accessibility")
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.get("/privacy")
def privacy() -> str:
    return render_template("public/privacy.html")


@bp.get("/contact")
def contact() -> str:
    return render_template("public/contact.html")


@bp.get("/language/<code>")
def language_choose(code: str) -> Response:
    """Remember a language and return the person to the page they were on."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or url_for(".home"), code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=current_app.config["ENVIRONMENT"] == "production",
        httponly=True,
    )
    return response
