"""An adult or a professional asks for an advocate for a child."""

from flask import current_app
from flask_babel import get_locale

from .. import clock
from ..extensions import db
from ..journeys.pages import JourneyPages
from ..journeys.questions import Answers, Journey, Question
from ..models import Case, Draft
from ..procedure.children import DEFAULT_SAFEGUARDING_PHRASES
from ..procedure.taxonomy import SubmittedBy
from ..services.intake import IntakeSettings
from ..services.young_intake import AdvocacyForAChild, Alerts, request_advocacy_for_a_child
from . import forms

ADVOCACY = Journey(
    "advocacy",
    [
        Question("who", forms.WhoForm),
        Question("child", forms.AdvocacyChildForm),
        Question("contact", forms.AdvocacyContactForm),
    ],
)


def advocacy_request(answers: Answers, language: str) -> AdvocacyForAChild:
    """The request a complete set of answers describes."""
    child, contact = answers["child"], answers["contact"]
    return AdvocacyForAChild(
        submitted_by=SubmittedBy(answers["who"]["role"]),
        child_name=child["child_name"],
        child_age=child["child_age"],
        child_knows=child["child_knows"],
        reason=child["reason"] or None,
        full_name=contact["full_name"],
        email=contact["email"] or None,
        phone=contact["phone"] or None,
        language=language,
    )


def _submit(draft: Draft, answers: Answers, secret_hash: str | None) -> Case:
    config = current_app.config
    alerts = Alerts(config["SAFEGUARDING_EMAIL"], config["PARTICIPATION_EMAIL"],
                    config["SAFEGUARDING_PHRASES"] or DEFAULT_SAFEGUARDING_PHRASES)  # fmt: skip
    return request_advocacy_for_a_child(
        db.session, draft, advocacy_request(answers, str(get_locale())), secret_hash,
        IntakeSettings.from_config(config), alerts, clock.today(),
    )  # fmt: skip


ADVOCACY_PAGES = JourneyPages(
    ADVOCACY,
    prefix="/advocacy",
    submit=_submit,
    start_template="public/advocacy/start.html",
    sent_template="public/advocacy/sent.html",
    check_template="public/advocacy/check.html",
)
