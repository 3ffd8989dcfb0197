"""The children's pages: choose your age, choose what you want to do, and the journeys
for each, served by the shared journey engine."""

from typing import Any

from flask import abort, current_app, render_template
from flask_babel import get_locale

from .. import clock
from ..extensions import db
from ..journeys.pages import JourneyPages, Submit, card_words
from ..journeys.questions import Answers, Journey, Question
from ..models import Case, Draft
from ..procedure.children import DEFAULT_SAFEGUARDING_PHRASES, Better, Feeling, Topic
from ..procedure.taxonomy import CaseKind
from ..rate_limits import public_post
from ..services import young_intake
from ..services.intake import IntakeSettings
from ..services.young_intake import Alerts, ChildContact, submit_child_contact
from . import bp, forms

#: The two registers, as they appear in addresses.
BANDS = {"7-11": False, "12-plus": True}
QUESTION = "young/question.html"


def _not_safe(answers: Answers) -> bool:
    return answers.get("feeling", {}).get("feeling") == Feeling.NOT_SAFE.value


def _questions(older: bool, kind: CaseKind) -> list[Question]:
    feeling = forms.TeenFeelingForm if older else forms.ChildFeelingForm
    about = forms.TeenWhatForm if older else forms.ChildAboutForm
    better = forms.TeenBetterForm if older else forms.ChildBetterForm
    contact = forms.TeenContactForm if older else forms.ChildContactForm
    worker = forms.TeenWorkerForm if older else forms.ChildWorkerForm
    thanks = forms.TeenThanksForm if older else forms.ChildThanksForm
    start = [
        Question("feeling", feeling, template=QUESTION),
        Question("safe", forms.ChildSafeForm, applies=_not_safe, template=QUESTION),
    ]
    if kind is CaseKind.COMPLAINT:
        return [
            *start,
            Question("about", about, template=QUESTION),
            Question("better", better, template=QUESTION),
            Question("contact", contact, template=QUESTION),
            Question("worker", worker, template=QUESTION),
        ]
    if kind is CaseKind.INFORMAL_FEEDBACK:
        return [*start, Question("about", about, template=QUESTION),
                Question("contact", contact, template=QUESTION)]  # fmt: skip
    if kind is CaseKind.COMPLIMENT:
        return [Question("thanks", thanks, template=QUESTION)]
    return [Question("contact", contact, template=QUESTION)]


#: What a child can do, by the name each has in addresses.
PURPOSES = {
    "sort-it": CaseKind.COMPLAINT,
    "feelings": CaseKind.INFORMAL_FEEDBACK,
    "thank-you": CaseKind.COMPLIMENT,
    "advocate": CaseKind.ADVOCACY_REQUEST,
}


def contact_from(answers: Answers, kind: CaseKind, older: bool, language: str) -> ChildContact:
    """What a child's answers say, whichever journey they came through."""
    about, better = answers.get("about", {}), answers.get("better", {})
    contact, thanks = answers.get("contact", {}), answers.get("thanks", {})
    feeling = answers.get("feeling", {}).get("feeling")
    return ChildContact(
        kind=kind,
        older=older,
        feeling=Feeling(feeling) if feeling else None,
        topics=[Topic(value) for value in about.get("topics") or []],
        told_more=about.get("told_more") or thanks.get("told_more") or None,
        better=[Better(value) for value in better.get("better") or []],
        better_more=better.get("better_more") or None,
        team=thanks.get("team") or None,
        name=contact.get("name"),
        email=contact.get("email"),
        phone=contact.get("phone"),
        safe_times=contact.get("safe_times"),
        worker_may_know=answers.get("worker", {}).get("worker_may_know"),
        language=language,
    )


def _alerts() -> Alerts:
    config = current_app.config
    phrases = config["SAFEGUARDING_PHRASES"] or DEFAULT_SAFEGUARDING_PHRASES
    return Alerts(config["SAFEGUARDING_EMAIL"], config["PARTICIPATION_EMAIL"], phrases)


def _submitter(kind: CaseKind, older: bool) -> Submit:
    def submit(draft: Draft, answers: Answers, secret_hash: str | None) -> Case:
        return submit_child_contact(
            db.session, draft, contact_from(answers, kind, older, str(get_locale())),
            secret_hash,
            IntakeSettings.from_config(current_app.config), _alerts(), clock.today(),
        )  # fmt: skip

    return submit


def _pages(band: str, purpose: str) -> JourneyPages:
    older, kind = BANDS[band], PURPOSES[purpose]
    name = f"{'teen' if older else 'child'}_{purpose.replace('-', '_')}"
    start = "advocate_start" if kind is CaseKind.ADVOCACY_REQUEST else "journey_start"
    return JourneyPages(
        Journey(name, _questions(older, kind)),
        prefix=f"/young/{band}/{purpose}",
        submit=_submitter(kind, older),
        start_template=f"young/{start}.html",
        sent_template="young/sent.html",
        check_template="young/check.html",
        sent_context=lambda case: {
            "older": older,
            "band": band,
            "kind": kind.value,
            "card_form": forms.CardForm(),
        },
        offers_card=kind is not CaseKind.COMPLIMENT,
        tracked=kind is not CaseKind.COMPLIMENT,
    )


JOURNEYS = {(band, purpose): _pages(band, purpose) for band in BANDS for purpose in PURPOSES}
for pages in JOURNEYS.values():
    pages.register(bp)


@bp.get("/young")
def choose_age() -> str:
    return render_template("young/choose.html")


@bp.get("/young/<band>")
def menu(band: str) -> str:
    if band not in BANDS:
        abort(404)
    first = {purpose: JOURNEYS[band, purpose].journey.first().slug for purpose in PURPOSES}
    return render_template("young/menu.html", band=band, older=BANDS[band], first=first)


@bp.post("/young/card")
@public_post
def card() -> Any:
    """Send the child's card to the grown-up they name (once, soon after sending)."""
    form = forms.CardForm()
    if not form.validate_on_submit():
        return render_template("young/card.html", form=form, sent=False), 400
    kept = card_words()
    if kept is not None:
        case, words = kept
        young_intake.email_card(db.session, case, form.email.data, words)
        db.session.commit()
    return render_template("young/card.html", form=form, sent=kept is not None)
