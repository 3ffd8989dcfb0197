"""The tracker's pages. Signed-in pages find the case from the session only, so one
person's session can never open another case."""

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from .. import clock
from ..config import derived_key, timescales, tracker_pepper
from ..database import read_transaction
from ..extensions import db
from ..forms import QuestionForm
from ..models import Case
from ..rate_limits import public_post
from ..reports.advocacy import case_advocates
from ..reports.tracker_view import tracker_view
from ..services import tracker
from ..services.advocacy import withdraw_consent
from ..services.casework import CaseworkError
from ..services.correspondence import main_contact
from ..services.credentials import normalise_words
from ..services.throttle import TRACKER, Throttle
from . import bp
from .forms import (
    ContactForm,
    LinkForm,
    MediationForm,
    MessageForm,
    NextStageForm,
    PractiseForm,
    SignInForm,
    StopAdvocateForm,
    WithdrawForm,
)

#: The cookie holds the session's key (the server keeps its hash) and the last activity.
KEY, SEEN = "tracker_key", "tracker_seen"
IDLE_LIMIT = timedelta(minutes=30)


def _throttle() -> Throttle:
    key = derived_key(current_app.config, "tracker-throttle")
    reference = tracker.normal_reference(request.form.get("reference", ""))
    return Throttle.of(TRACKER, key, reference, request.remote_addr or "")


def _start_session(case: Case) -> Response:
    """Commit the sign-in with a new server-side session, and give the browser its key."""
    now = clock.now()
    key = tracker.start_session(db.session, case, now)
    db.session.commit()
    session.clear()  # a new session: nothing from before carries over
    session[KEY], session[SEEN] = key, now.isoformat()
    return redirect(url_for(".updates"), 303)


def _idle(stamp: str, now: datetime) -> bool:
    return now - datetime.fromisoformat(stamp) > IDLE_LIMIT


def requires_case(view: Callable[..., Any]) -> Callable[..., Any]:
    """Give the view the signed-in person's case, or send them to sign in."""

    @wraps(view)
    def with_case(*args: Any, **kwargs: Any) -> Any:
        if KEY not in session:
            return redirect(url_for(".start"), 303)
        now = clock.now()
        idle = _idle(session[SEEN], now)
        case = None if idle else tracker.session_case(db.session, session[KEY], now)
        if case is None:  # idle, past its lifetime, or signed out (perhaps from another copy)
            session.clear()
            return redirect(url_for(".signed_out", ended="1"), 303)
        session[SEEN] = now.isoformat()
        return view(case, *args, **kwargs)

    return with_case


@bp.route("/track", methods=["GET", "POST"])
@public_post
def start() -> Any:
    form = SignInForm()
    if form.validate_on_submit():
        with read_transaction(db.session):  # so the words are hashed holding no lock
            stored = tracker.stored_words_hash(db.session, form.reference.data)
        case = tracker.sign_in_with_words(
            db.session, form.reference.data, form.words.data, stored, _throttle(),
            tracker_pepper(current_app.config), clock.now(),
        )  # fmt: skip
        if case is not None:
            return _start_session(case)
        db.session.commit()  # the failed attempt counts
        form.words.errors.append(
            _("The reference or the secret words are not right. Check them and try again.")
        )
        form.words.raw_data = form.words.data = ""  # never send the words back
    return render_template("tracker/start.html", form=form)


@bp.route("/track/link", methods=["GET", "POST"])
@public_post
def ask_for_link() -> Any:
    form = LinkForm()
    if form.validate_on_submit():
        tracker.send_sign_in_link(db.session, form.reference.data, _throttle(), clock.now())
        db.session.commit()
        return redirect(url_for(".link_sent"), 303)
    return render_template("tracker/question.html", form=form, button_text=_("Send me a link"),
                           intro=_("We will email a link to the address you gave us. It works "
                                   "once, for 7 days."))  # fmt: skip


@bp.get("/track/link/sent")
def link_sent() -> str:
    return render_template("tracker/link_sent.html")


@bp.route("/track/l/<token>", methods=["GET", "POST"])
@public_post
def use_link(token: str) -> Any:
    """An emailed link opens a page with one button: email scanners that follow links
    change nothing, and the link is used only when the person presses it."""
    form = QuestionForm()
    if form.validate_on_submit():
        case = tracker.use_sign_in_link(db.session, token, clock.now())
        if case is not None:
            return _start_session(case)  # the token leaves the address bar
    elif request.method == "GET" and tracker.sign_in_link_works(db.session, token, clock.now()):
        return render_template("tracker/use_link.html", form=form)
    return render_template("tracker/link_expired.html"), 410


@bp.route("/track/practise", methods=["GET", "POST"])
def practise() -> Any:
    form = PractiseForm()
    same = None
    if form.validate_on_submit():
        same = normalise_words(form.words.data) == normalise_words(form.again.data)
    return render_template("tracker/practise.html", form=form, same=same)


@bp.get("/track/updates")
@requires_case
def updates(case: Case) -> str:
    view = tracker_view(db.session, case, clock.today(), timescales(current_app.config))
    advocates = case_advocates(db.session, case)
    stop = StopAdvocateForm() if advocates else None
    return render_template("tracker/updates.html", view=view, advocates=advocates, stop=stop)


def _act(form: QuestionForm, change: Callable[[], object], done: str) -> bool:
    if not form.validate_on_submit():
        return False
    try:
        change()
    except CaseworkError as error:
        db.session.rollback()
        target = form._fields.get(error.field or "") or form.question_fields()[0]
        target.errors = [*target.errors, _(error.message)]
        return False
    db.session.commit()
    flash(done)
    return True


def _question(form: QuestionForm, button: str, **extra: Any) -> str:
    return render_template("tracker/question.html", form=form, button_text=button,
                           back=url_for(".updates"), **extra)  # fmt: skip


@bp.route("/track/updates/message", methods=["GET", "POST"])
@requires_case
def message(case: Case) -> Any:
    form = MessageForm()
    change = lambda: tracker.write_to_team(db.session, case, form.body.data)  # noqa: E731
    if _act(form, change, _("Your message has been sent")):
        return redirect(url_for(".updates"), 303)
    return _question(form, _("Send message"))


@bp.route("/track/updates/next-stage", methods=["GET", "POST"])
@requires_case
def next_stage(case: Case) -> Any:
    form = NextStageForm()
    rules = timescales(current_app.config)
    change = lambda: tracker.ask_for_next_stage(  # noqa: E731
        db.session, case, form.reasons.data, clock.today(), rules
    )
    if _act(form, change, _("We have your request. We will be in touch soon.")):
        return redirect(url_for(".updates"), 303)
    window = tracker.escalation_window(case, rules)
    return _question(form, _("Send my request"), window=window)


@bp.route("/track/updates/mediation", methods=["GET", "POST"])
@requires_case
def mediation(case: Case) -> Any:
    form = MediationForm()
    change = lambda: tracker.answer_mediation(  # noqa: E731
        db.session, case, form.choice.data == "accept", clock.today()
    )
    if _act(form, change, _("Thank you. We have your answer.")):
        return redirect(url_for(".updates"), 303)
    return _question(form, _("Continue"), mediation=True)


@bp.route("/track/updates/withdraw", methods=["GET", "POST"])
@requires_case
def withdraw(case: Case) -> Any:
    form = WithdrawForm()
    if form.validate_on_submit() and form.sure.data == "no":
        return redirect(url_for(".updates"), 303)
    change = lambda: tracker.withdraw_complaint(db.session, case, clock.today())  # noqa: E731
    if _act(form, change, _("Your complaint has been withdrawn")):
        return redirect(url_for(".updates"), 303)
    return _question(form, _("Continue"))


@bp.route("/track/updates/contact", methods=["GET", "POST"])
@requires_case
def contact(case: Case) -> Any:
    form = ContactForm()
    if request.method == "GET":
        person = main_contact(db.session, case)
        if person is not None:
            form.email.data, form.phone.data = person.email, person.phone
            form.preferred_contact.data = person.preferred_contact
    change = lambda: tracker.change_contact(  # noqa: E731
        db.session, case,
        tracker.ContactChange(form.email.data, form.phone.data, form.preferred_contact.data),
    )  # fmt: skip
    if _act(form, change, _("Your contact details have been saved")):
        return redirect(url_for(".updates"), 303)
    return _question(form, _("Save"))


@bp.route("/track/updates/advocate", methods=["GET", "POST"])
@requires_case
def advocate(case: Case) -> Any:
    form = QuestionForm()
    change = lambda: tracker.ask_for_advocate(db.session, case)  # noqa: E731
    if _act(form, change, _("We will put you in touch with an advocate")):
        return redirect(url_for(".updates"), 303)
    return render_template("tracker/advocate.html", form=form)


@bp.post("/track/updates/advocate-consent")
@requires_case
def stop_advocate(case: Case) -> Any:
    """The child stops an advocate seeing their case, at once."""
    form = StopAdvocateForm()
    if form.validate_on_submit() and form.advocate_id.data.isdigit():
        try:
            withdraw_consent(db.session, case, int(form.advocate_id.data), clock.today(), None)
        except CaseworkError:
            db.session.rollback()
        else:
            db.session.commit()
            flash(_("That advocate can no longer see your complaint"))
    return redirect(url_for(".updates"), 303)


@bp.post("/track/sign-out")
def sign_out() -> Response:
    if KEY in session:
        tracker.end_session(db.session, session[KEY], clock.now())
        db.session.commit()
    session.clear()
    return redirect(url_for(".signed_out"), 303)


@bp.get("/track/signed-out")
def signed_out() -> str:
    return render_template("tracker/signed_out.html", ended=request.args.get("ended") == "1")
