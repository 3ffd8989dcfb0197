"""Configuration defaults. Councils override them in ``instance/config.py`` or with
``PORTAL_*`` environment variables (``PORTAL_DATABASE_URL``, ``PORTAL_SECRET_KEY`` …)."""

import hmac
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .procedure.deadlines import DEFAULT_TIMESCALES, StageTimescale, Timescales
from .procedure.retention import RetentionRules
from .procedure.taxonomy import Procedure

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"

#: Production refuses a secret key shorter than this many bytes.
MIN_SECRET_KEY_BYTES = 32


class Defaults:
    """Safe defaults for development; nothing secret lives here."""

    #: "development" or "production". Production insists on a strong secret key.
    ENVIRONMENT = "development"
    SECRET_KEY: str | None = None
    #: SQLAlchemy URL. SQLite under instance/ unless set (postgresql+psycopg://… for PostgreSQL).
    DATABASE_URL: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}

    # The council. Defaults are Sandwell Children's Trust's, the seed council.
    COUNCIL_NAME = "Sandwell Children's Trust"
    COUNCIL_SHORT_NAME = "Sandwell"
    COUNCIL_LOGO = "images/council-logo.svg"
    COUNCIL_WEBSITE = "https://www.sandwellchildrenstrust.org"
    SERVICE_NAME = "Complaints, compliments and feedback"
    CONTACT_EMAIL = "complaints@example.org"
    CONTACT_PHONE = "0121 569 2266"
    CONTACT_ADDRESS = "Complaints Team, Sandwell Children's Trust, Oldbury, B69 3DE"
    CONTACT_HOURS = "Monday to Friday, 9am to 5pm"
    #: The advocacy provider children are pointed to.
    ADVOCACY_PROVIDER = {
        "name": "NYAS (National Youth Advocacy Service)",
        "phone": "0808 808 1001",
        "email": "help@nyas.net",
        "website": "https://www.nyas.net",
    }
    #: The duty safeguarding team: a child who may not be safe is emailed here at once.
    SAFEGUARDING_EMAIL = "safeguarding@example.org"
    #: The participation team hears of every contact from a child or young person.
    PARTICIPATION_EMAIL = "participation@example.org"
    #: Words that mean a child may not be safe (lower case); None keeps the defaults.
    SAFEGUARDING_PHRASES: list[str] | None = None
    #: Where "Exit this page" takes a person in a hurry.
    EXIT_PAGE_URL = "https://www.bbc.co.uk/weather"
    #: Prefix of new case references (SCT-7KD4-M9QP).
    REFERENCE_PREFIX = "SCT"
    #: Cost of a stage 2 investigation, in pence, for the mediation savings figure.
    STAGE2_COST_PENCE = 350_000
    #: Overrides of the statutory and corporate timescales; see :func:`timescales`.
    TIMESCALES: dict = {}
    #: Personal data is removed this many years after an adult's case closed …
    RETENTION_ADULT_YEARS = 6
    #: … and, for a case about a child, not before the child reaches this age.
    RETENTION_CHILD_UNTIL_AGE = 25

    # Languages: English, then every catalogue under translations/ (a council may list
    # its own choice and order instead, such as ["en", "cy"]).
    LANGUAGES = [
        "en",
        *sorted(
            p.parent.parent.name for p in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po")
        ),
    ]
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")

    # Forms and sessions.
    WTF_CSRF_TIME_LIMIT = 60 * 60 * 4
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 2
    #: A second cookie, SameSite=Strict, that every staff and advocate page also asks for
    #: (see ``portal.staff_session``); ``__Host-staff`` in production.
    STAFF_COOKIE_NAME = "staff"

    #: The portal's address as people reach it, for links in emails sent by the workers.
    PUBLIC_URL = "http://127.0.0.1:5000"
    #: The host names requests may carry; in production, PUBLIC_URL's host unless set.
    TRUSTED_HOSTS: list[str] | None = None
    #: How many reverse proxies stand in front of the portal. Only then are the last that
    #: many X-Forwarded-For and X-Forwarded-Proto entries believed; with 0 a client cannot
    #: choose the address its sign-in attempts are counted under.
    TRUSTED_PROXIES = 0

    #: Public requests that make a case, send an email or try a tracker sign-in, per
    #: client address, all counted together (Flask-Limiter's notation). A brake on floods,
    #: not on people: a school or a council office sends everyone's forms from one address.
    RATE_LIMIT = "30 per minute; 300 per hour"
    #: Where those counts are kept: "memory://" gives each process its own count; a Redis URL
    #: ("redis://127.0.0.1:6379/0") shares one count between every process and machine.
    RATE_LIMIT_STORAGE = "memory://"

    # Email: "file" writes messages under instance/mail/; "smtp" sends them.
    MAIL_BACKEND = "file"
    MAIL_FROM = "complaints@example.org"
    SMTP_HOST = "localhost"
    SMTP_PORT = 25

    #: Keys the hashes of tracker secret words. Never change it once cases exist: every
    #: person's words would stop working. Required in production (32 random bytes or more).
    TRACKER_PEPPER: str | None = None

    #: Demo data may be loaded (never in production).
    DEMO_DATA = True


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def derived_key(config: Mapping[str, Any], purpose: str) -> bytes:
    """A key for one purpose, derived from the secret key, so purposes never share a key."""
    return hmac.digest(str(config["SECRET_KEY"]).encode(), purpose.encode(), "sha256")


def tracker_pepper(config: Mapping[str, Any]) -> bytes:
    """The pepper for tracker secret-word hashes."""
    pepper = config.get("TRACKER_PEPPER")
    return pepper.encode() if pepper else derived_key(config, "tracker-pepper")


def survey_key(config: Mapping[str, Any]) -> bytes:
    """The key opted-out email addresses are hashed with."""
    return derived_key(config, "survey-opt-out")


def retention_rules(config: Mapping[str, Any]) -> RetentionRules:
    """How long the council keeps personal data (see :mod:`.procedure.retention`)."""
    return RetentionRules(
        int(config["RETENTION_ADULT_YEARS"]), int(config["RETENTION_CHILD_UNTIL_AGE"])
    )


def timescales(config: Mapping[str, Any]) -> Timescales:
    """The council's timescales: the defaults with any overrides from ``TIMESCALES``.

    ``TIMESCALES = {"corporate 1": [15, 25], "acknowledgement": 5}`` changes corporate
    stage 1 to 15 working days (25 extended) and the acknowledgement to 5.
    """
    overrides = config.get("TIMESCALES") or {}
    stages = dict(DEFAULT_TIMESCALES.stages)
    for key, value in overrides.items():
        if key in _OTHER_TIMESCALES:
            continue
        name, number = key.split()
        days, extended = [*value, None][:2]
        stages[(Procedure(name), int(number))] = StageTimescale(int(days), extended)
    return replace(
        DEFAULT_TIMESCALES,
        stages=stages,
        **{field: overrides[key] for key, field in _OTHER_TIMESCALES.items() if key in overrides},
    )


_OTHER_TIMESCALES = {
    "acknowledgement": "acknowledgement_days",
    "escalation_window": "escalation_window_days",
}
