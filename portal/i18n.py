"""Languages: which locale a request gets, its text direction, and translated titles."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.lists import format_list
from flask import Flask, current_app, has_request_context, request
from flask_babel import format_percent, get_locale, gettext

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

    @classmethod
    @lru_cache(maxsize=32)
    def of(cls, code: str) -> "Language":
        """A language from its code: its own name and its direction come from CLDR."""
        locale = Locale.parse(code)
        name = locale.display_name or code
        return cls(code, name[:1].upper() + name[1:], locale.text_direction)


def enabled_languages() -> list[Language]:
    """The languages this council offers, in its configured order."""
    return [Language.of(code) for code in current_app.config["LANGUAGES"]]


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
    return Language.of(str(get_locale()))


def language_name(code: str) -> str:
    """A language's name in the language of this page ("Polish" to English readers)."""
    return Locale.parse(code).get_display_name(str(get_locale())) or code


def label(member: TitledEnum | None) -> str:
    """The translated title of an enum member ("" for None)."""
    return gettext(member.title) if member is not None else ""


def percent(value: float | None) -> str:
    """A percentage (57.1 for 57.1 %) as this page's language writes it, to one decimal
    place at most; "no figure" when there was nothing to divide by."""
    if value is None:
        return gettext("no figure")
    return format_percent(value / 100, "#,##0.#%")


def listing(items: Iterable[object]) -> str:
    """Items as this page's language lists them: "a, b and c" (the portal's English is
    British), "a، b اور c" in Urdu."""
    locale = get_locale() or Locale("en")
    if locale.language == "en":
        locale = Locale("en", "GB")
    return format_list([str(item) for item in items if item], locale=locale)


def init_app(app: Flask) -> None:
    """Make the language helpers available to every template."""
    app.jinja_env.filters["label"] = label
    app.jinja_env.filters["language_name"] = language_name
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["listing"] = listing
    app.jinja_env.globals["enabled_languages"] = enabled_languages
    app.jinja_env.globals["current_language"] = current_language
