"""What the portal sends a person is in the language they chose: emails (through a real
SMTP server), survey invitations and the letters staff start from, with dates as that
language writes them. Every catalogue under translations/ is checked, with no change here."""

from datetime import date
from email.header import decode_header, make_header
from pathlib import Path

import pytest
from babel.dates import format_date
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.config import timescales
from portal.extensions import db
from portal.i18n import listing, percent
from portal.models import Case, LetterKind
from portal.notify.emails import queue_complaint_received
from portal.notify.letters import LONG_DATE, draft_letter

from ..support.cases import closed_case
from .conftest import NOW

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
LOCALES = sorted(path.parts[-3] for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
ACKNOWLEDGE_BY = date(2026, 11, 26)


@pytest.fixture
def language_app(make_app):
    app = make_app()
    app.config["FROZEN_NOW"] = NOW
    return app


def in_language(app, locale: str, text: str, **values) -> str:
    with app.test_request_context(), force_locale(locale):
        return gettext(text, **values)


def send_outbox(app) -> None:
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("locale", LOCALES)
def test_the_complaint_email_and_letter_are_in_the_persons_language(language_app, inbox, locale):
    app = language_app
    closed_case(app, "SCT-LANG-0001", language=locale)
    with app.test_request_context():
        case = db.session.scalar(select(Case))
        queue_complaint_received(db.session, case, "person@example.org", ACKNOWLEDGE_BY)
        db.session.commit()
        letter = draft_letter(LetterKind.ACKNOWLEDGEMENT, case, "Alex", "Olu",
                              timescales(app.config), NOW.date())  # fmt: skip
    send_outbox(app)

    [email] = inbox.messages
    assert str(make_header(decode_header(email["Subject"]))) == in_language(
        app, locale, "We have received your complaint: %(reference)s", reference="SCT-LANG-0001"
    )
    body = email.get_payload(decode=True).decode()
    assert in_language(app, locale, "Thank you for telling us about your complaint.") in body
    assert format_date(ACKNOWLEDGE_BY, "EEEE d MMMM", locale=locale) in body
    assert "Thursday" not in body
    assert in_language(app, locale, "Dear %(name)s,", name="Alex") in letter
    assert format_date(case.received_on, LONG_DATE, locale=locale) in letter


@pytest.mark.parametrize("locale", LOCALES)
def test_the_survey_invitation_is_in_the_persons_language(language_app, inbox, locale):
    app = language_app
    closed_case(app, "SCT-LANG-0002", language=locale)
    assert app.test_cli_runner().invoke(args=["surveys", "send"]).exit_code == 0
    send_outbox(app)

    [email] = inbox.messages
    body = email.get_payload(decode=True).decode()
    intro = "Your case is now closed. Please tell us how we handled it: it takes about 3 minutes, and it helps us do better."  # noqa: E501
    assert in_language(app, locale, intro) in body
    assert intro not in body


def test_percentages_are_written_as_each_language_writes_them(language_app):
    with language_app.test_request_context():
        with force_locale("en"):
            assert (percent(57.14), percent(100), percent(None)) == ("57.1%", "100%", "no figure")
        with force_locale("pl"):
            assert percent(57.14) == "57,1%"


def test_lists_are_joined_as_each_language_joins_them(language_app):
    with language_app.test_request_context():
        with force_locale("en"):
            assert listing(["Fostering", "Contact", None, "Housing"]) == (
                "Fostering, Contact and Housing"
            )
        with force_locale("ur"):
            assert listing(["a", "b", "c"]) == "a، b، اور c"
