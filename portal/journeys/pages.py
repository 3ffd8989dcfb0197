"""The pages every one-question-per-page journey has: a start page, its questions,
check your answers, send, and a confirmation that shows the reference and, once, the
secret words.

The browser keeps only the draft's token in the signed session cookie; the answers stay
on the server. After sending, the session remembers the reference, so sending again (a
double click, or the back button) lands on the same confirmation.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as browser_session
from flask_babel import gettext
from sqlalchemy import select

from .. import clock
from ..config import derived_key, tracker_pepper
from ..extensions import db
from ..forms import QuestionForm
from ..models import Case, Draft
from ..page_cache import blank_form
from ..rate_limits import public_post
from ..reports.choices import active_team_names
from ..services.credentials import derive_secret_words, hash_secret_words
from ..services.drafts import find_draft, save_answer, start_draft
from .questions import Answers, Journey, Question

#: Session keys: each journey's draft token, the reference each journey last sent, and
#: (for journeys that offer it) the token kept briefly so a card can be emailed.
DRAFTS, SENT, CARD = "drafts", "sent", "card"
#: How long after the confirmation a child may still email their card to a grown-up.
CARD_MINUTES = 15

#: Makes the case from the draft, its complete answers and the hash of its secret words
#: (None for a journey whose cases are not tracked).
Submit = Callable[[Draft, Answers, str | None], Case]


def _team_choices() -> list[tuple[str, str]]:
    teams = [(name, name) for name in active_team_names(db.session)]
    return [("", gettext("I don't know")), *teams]


def _loads_choices(question: Question) -> bool:
    return any(hasattr(question.form, name) for name in form_choices())


def form_choices() -> dict[str, Callable[[], list[tuple[str, str]]]]:
    """How to load the choices of the select fields that come from the database, by field
    name; a question loads only those it has."""
    return {"team": _team_choices}


@dataclass(frozen=True)
class JourneyPages:
    """Registers a journey's pages on a blueprint under ``prefix``."""

    journey: Journey
    prefix: str
    submit: Submit
    #: The confirmation template; it gets ``case`` and ``words`` (None after the first view).
    sent_template: str
    start_template: str
    #: The check-your-answers template; it gets ``sections`` and ``form``.
    check_template: str
    #: More for the confirmation page, such as when we will be in touch.
    sent_context: Callable[[Case], dict[str, Any]] = lambda case: {}
    #: Offer to email the reference and words to a trusted adult, for a short while.
    offers_card: bool = False
    #: The person can follow the case with secret words (not so for a compliment).
    tracked: bool = True

    @property
    def name(self) -> str:
        return self.journey.name

    def register(self, bp: Blueprint) -> None:
        rules: list[tuple[str, str, Callable[..., Any], list[str]]] = [
            ("", "start", self.start, ["GET"]),
            ("/check", "check", self.check, ["GET"]),
            ("/check", "send", self.send, ["POST"]),
            ("/sent", "sent", self.sent, ["GET"]),
            ("/<slug>", "question", self.question, ["GET", "POST"]),
        ]
        for path, endpoint, view, methods in rules:
            bp.add_url_rule(self.prefix + path, f"{self.name}_{endpoint}", view, methods=methods)

    def _url(self, endpoint: str, **values: Any) -> str:
        return url_for(f".{self.name}_{endpoint}", **values)

    # --- the browser's draft -------------------------------------------------------
    def _token(self) -> str | None:
        return browser_session.get(DRAFTS, {}).get(self.name)

    def _draft(self) -> Draft | None:
        return find_draft(db.session, self.name, self._token(), clock.now())

    def _draft_for_saving(self) -> Draft:
        draft = self._draft()
        if draft is None:
            draft, token = start_draft(db.session, self.name, clock.now())
            browser_session[DRAFTS] = {**browser_session.get(DRAFTS, {}), self.name: token}
        return draft

    def _words(self) -> list[str]:
        key = derived_key(current_app.config, "secret-words")
        return derive_secret_words(key, self._token() or "")

    def _secret_hash(self) -> str | None:
        if not self.tracked or self._token() is None:
            return None
        return hash_secret_words(tracker_pepper(current_app.config), self._words())

    def _sent_reference(self) -> str | None:
        return browser_session.get(SENT, {}).get(self.name)

    # --- pages -------------------------------------------------------------------------
    def start(self) -> str:
        return render_template(
            self.start_template, first=self.journey.first().slug, journey=self.name
        )

    def question(self, slug: str) -> str | Response:
        question = self.journey.question(slug) or abort(404)
        draft = self._draft()
        answers = draft.answers if draft else {}
        changing = request.args.get("change") == "1"
        if request.method == "POST":
            form = question.form()
            form.prepare(form_choices())
            if form.validate_on_submit():
                return self._save(slug, form, changing)
        elif draft is None and slug != self.journey.first().slug:
            return redirect(self._url("start"))
        elif draft is None and not changing and not _loads_choices(question):
            # Nothing saved and nothing from the database: the page is the same for all.
            return blank_form(lambda: self._blank_question_page(question))
        else:
            form = question.form.from_answer(answers.get(slug))
            form.prepare(form_choices())
        return self._question_page(question, form, answers, changing)

    def _blank_question_page(self, question: Question) -> str:
        return self._question_page(question, question.form.from_answer(None), {}, False)

    def _question_page(
        self, question: Question, form: QuestionForm, answers: Answers, changing: bool
    ) -> str:
        return render_template(
            question.template,
            form=form,
            back=self._back(question.slug, answers, changing),
            action=self._url("question", slug=question.slug, change="1" if changing else None),
        )

    def _save(self, slug: str, form: QuestionForm, changing: bool) -> Response:
        draft = self._draft_for_saving()
        save_answer(draft, slug, form.answer())
        db.session.commit()
        following = self.journey.next_slug(slug, draft.answers, changing)
        if following is None:
            return redirect(self._url("check"), code=303)
        change = "1" if changing else None
        return redirect(self._url("question", slug=following, change=change), code=303)

    def _back(self, slug: str, answers: Answers, changing: bool) -> str:
        if changing:
            return self._url("check")
        previous = self.journey.previous_slug(slug, answers)
        return self._url("question", slug=previous) if previous else self._url("start")

    def check(self) -> str | Response:
        draft = self._draft()
        if draft is None or draft.case_id is not None:
            return self._after_sending()
        missing = self.journey.unanswered(draft.answers)
        if missing:
            return redirect(self._url("question", slug=missing.slug))
        sections = []
        for question in self.journey.applicable(draft.answers):
            form = question.form.from_answer(draft.answers[question.slug])
            form.prepare(form_choices())
            sections.append((self._url("question", slug=question.slug, change="1"), form.summary()))
        return render_template(self.check_template, sections=sections, form=QuestionForm())

    @public_post
    def send(self) -> Response:
        if not QuestionForm().validate_on_submit():
            abort(400)
        # Hashed before the draft is read: reading it begins the transaction, and on
        # SQLite scrypt's time inside it would keep every other writer waiting.
        secret_hash = self._secret_hash()
        draft = self._draft()
        if draft is None:
            return self._after_sending()
        if draft.case_id is None:
            if self.journey.unanswered(draft.answers):
                return redirect(self._url("check"), code=303)
            self.submit(draft, draft.answers, secret_hash)
            db.session.commit()
        return redirect(self._url("sent"), code=303)

    def _after_sending(self) -> Response:
        """Sent already: the confirmation; never started, or expired: the start page."""
        return redirect(self._url("sent" if self._sent_reference() else "start"), code=303)

    def sent(self) -> str | Response:
        draft = self._draft()
        words = None
        if draft is not None and draft.case_id is not None:
            # The first view after sending: show the words, then forget the token.
            words = self._words()
            case = db.session.get_one(Case, draft.case_id)
            if self.offers_card:
                until = (clock.now() + timedelta(minutes=CARD_MINUTES)).isoformat()
                browser_session[CARD] = {"journey": self.name, "token": self._token(),
                                         "until": until}  # fmt: skip
            browser_session[DRAFTS] = {
                key: value for key, value in browser_session.get(DRAFTS, {}).items()
                if key != self.name
            }  # fmt: skip
            browser_session[SENT] = {**browser_session.get(SENT, {}), self.name: case.reference}
        else:
            reference = self._sent_reference()
            case = reference and db.session.scalar(select(Case).filter_by(reference=reference))
            if not case:
                return redirect(self._url("start"))
        return render_template(
            self.sent_template, case=case, words=words, **self.sent_context(case)
        )


def card_words() -> tuple[Case, list[str]] | None:
    """The case and secret words of a card the browser may still email, if any; the
    chance is used up by asking."""
    card = browser_session.pop(CARD, None)
    if not card or datetime.fromisoformat(card["until"]) < clock.now():
        return None
    draft = find_draft(db.session, card["journey"], card["token"], clock.now())
    if draft is None or draft.case_id is None:
        return None
    key = derived_key(current_app.config, "secret-words")
    return db.session.get_one(Case, draft.case_id), derive_secret_words(key, card["token"])
