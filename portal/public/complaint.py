"""The adult complaint journey: its questions, and the submission its answers make."""

from collections.abc import Callable
from datetime import date

from flask import current_app
from flask_babel import get_locale

from .. import clock
from ..extensions import db
from ..journeys.pages import JourneyPages
from ..journeys.questions import Answers, Journey, Question
from ..models import Case, ContactMethod, Draft
from ..procedure.deadlines import acknowledgement_due
from ..procedure.taxonomy import SubmittedBy
from ..services.intake import (
    ChildDetails,
    ComplaintSubmission,
    ContactDetails,
    IntakeSettings,
    submit_complaint,
)
from . import forms


def _for_a_child(answers: Answers) -> bool:
    return answers.get("for-whom", {}).get("for_whom") == "child"


def _when_is(kind: str) -> Callable[[Answers], bool]:
    return lambda answers: answers.get("when", {}).get("when") == kind


COMPLAINT = Journey(
    "complaint",
    [
        Question("who", forms.WhoForm),
        Question("for-whom", forms.ForWhomForm),
        Question("child", forms.ChildForm, applies=_for_a_child),
        Question("child-agrees", forms.ChildAgreesForm, applies=_for_a_child),
        Question("what-happened", forms.WhatHappenedForm),
        Question("when", forms.WhenForm),
        Question("when-date", forms.WhenDateForm, applies=_when_is("date")),
        Question("when-period", forms.WhenPeriodForm, applies=_when_is("period")),
        Question("team", forms.TeamForm),
        Question("outcome", forms.OutcomeForm),
        Question("contact", forms.ContactForm),
        Question("contact-preferences", forms.ContactPreferencesForm),
        Question("adjustments", forms.AdjustmentsForm),
    ],
)


def _optional_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def complaint_submission(answers: Answers, language: str) -> ComplaintSubmission:
    """The complaint a complete set of answers describes."""
    when = answers["when"]["when"]
    contact = answers["contact"]
    preferences = answers["contact-preferences"]
    needs = answers["adjustments"]
    return ComplaintSubmission(
        submitted_by=SubmittedBy(answers["who"]["role"]),
        child=_child(answers) if _for_a_child(answers) else None,
        what_happened=answers["what-happened"]["what_happened"],
        happened_on=_optional_date(answers["when-date"]["happened_on"]) if when == "date" else None,
        happened_over=answers["when-period"]["happened_over"] if when == "period" else None,
        team=answers["team"]["team"] or None,
        worker_name=answers["team"]["worker_name"] or None,
        wanted_outcome=answers["outcome"]["wanted_outcome"],
        contact=ContactDetails(
            full_name=contact["full_name"],
            email=contact["email"] or None,
            phone=contact["phone"] or None,
            postal_address=contact["postal_address"] or None,
            preferred_contact=ContactMethod(preferences["preferred_contact"]),
            safe_times=preferences["safe_times"] or None,
            adjustments=needs["adjustments"] or [],
            interpreter_language=needs["interpreter_language"] or None,
        ),
        language=language,
    )


def _child(answers: Answers) -> ChildDetails:
    child = answers["child"]
    return ChildDetails(
        name=child["child_name"],
        date_of_birth=_optional_date(child["child_date_of_birth"]),
        age=child["child_age"],
        in_care=child["in_care"],
        consent=answers["child-agrees"]["consent"],
    )


def _submit(draft: Draft, answers: Answers, secret_hash: str | None) -> Case:
    return submit_complaint(
        db.session,
        draft,
        complaint_submission(answers, str(get_locale())),
        secret_hash,
        IntakeSettings.from_config(current_app.config),
        clock.now(),
        clock.today(),
    )


COMPLAINT_PAGES = JourneyPages(
    COMPLAINT,
    prefix="/complain",
    submit=_submit,
    start_template="public/complaint/start.html",
    sent_template="public/complaint/sent.html",
    check_template="public/complaint/check.html",
    sent_context=lambda case: {
        "contact_by": acknowledgement_due(
            case.received_on, IntakeSettings.from_config(current_app.config).timescales
        )
    },
)
