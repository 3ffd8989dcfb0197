"""Languages: which locale a request gets, its text direction, and translated titles."""

from dataclasses import dataclass

from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale, gettext

from .procedure.taxonomy import TitledEnum

#: The cookie that remembers a person's choice of language.
LANGUAGE_COOKIE = "language"


@dataclass(frozen=True)
class Language:
    """A language the portal can be read in."""

    code: str
    #: The language's name in itself, as the switcher shows it.
    native_name: str
    direction: str = "ltr"


KNOWN_LANGUAGES = {
    language.code: language
    for language in (
        Language("en", "English"),
        Language("cy", "Cymraeg"),
        Language("pl", "Polski"),
        Language("ur", "اردو", "rtl"),
        Language("pa", "ਪੰਜਾਬੀ"),
    )
}


def enabled_languages() -> list[Language]:
    """The languages this council offers, in its configured order."""
    return [KNOWN_LANGUAGES[code] for code in current_app.config["LANGUAGES"]]


def select_locale() -> str:
    """The chosen language if there is one, else the browser's best match, else English
    (always English for commands and workers, which have no request)."""
    codes = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in codes:
        return chosen
    return request.accept_languages.best_match(codes) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> Language:
    """The language this request is shown in."""
    return KNOWN_LANGUAGES[str(get_locale())]


def label(member: TitledEnum | None) -> str:
    """The translated title of an enum member ("" for None)."""
    return gettext(member.title) if member is not None else ""


def init_app(app: Flask) -> None:
    """Make the language helpers available to every template."""
    app.jinja_env.filters["label"] = label
    app.jinja_env.globals["enabled_languages"] = enabled_languages
    app.jinja_env.globals["current_language"] = current_language
