"""The survey pages. The emailed link is exchanged at once for a mark in the signed
session, so the token leaves the address bar. A click on an answer in the email chooses
that answer on the first question, ready to send: opening a link never saves anything,
because email scanners open every link in a message."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask import session as browser_session
from werkzeug.wrappers import Response

from .. import clock
from ..config import survey_key
from ..extensions import db
from ..forms import ConfirmForm
from ..models import SurveyInvitation
from ..procedure.surveys import EQUALITY_PREFIX, Questionnaire
from ..services import surveys
from . import bp
from .forms import CommentsForm, EqualityForm, answer_form

SURVEY, CHOSEN = "survey", "survey_chosen"


def with_survey(view: Callable[..., Any]) -> Callable[..., Any]:
    """Give the view the survey this browser opened, or say the link no longer works."""

    @wraps(view)
    def wrapped(**values: Any) -> Any:
        invitation = db.session.get(SurveyInvitation, browser_session.get(SURVEY, 0))
        if not surveys.answerable(invitation, clock.now()):
            return _ended()
        return view(invitation, **values)

    return wrapped


def _ended() -> tuple[str, int]:
    return render_template("surveys/ended.html"), 410


def _younger(invitation: SurveyInvitation) -> bool:
    return invitation.questionnaire is not Questionnaire.ADULT


def _next_page(invitation: SurveyInvitation) -> Response:
    """The first question not yet answered, or what comes after the questions."""
    answered = invitation.answered()
    for number, question in enumerate(surveys.questions_of(invitation), start=1):
        if question.key not in answered:
            return redirect(url_for(".question", number=number), 303)
    return _after_questions(invitation)


def _after_questions(invitation: SurveyInvitation) -> Response:
    if _younger(invitation):
        return redirect(url_for(".finish"), 303)
    return redirect(url_for(".comments"), 303)


@bp.get("/survey/open/<token>", endpoint="open")
def open_link(token: str) -> Any:
    invitation = surveys.open_survey(db.session, token, clock.now())
    if invitation is None:
        return _ended()
    browser_session[SURVEY] = invitation.id
    if "answer" in request.args:
        browser_session[CHOSEN] = request.args["answer"]
    return _next_page(invitation)


@bp.route("/survey/question/<int:number>", methods=["GET", "POST"])
@with_survey
def question(invitation: SurveyInvitation, number: int) -> Any:
    questions = surveys.questions_of(invitation)
    if not 1 <= number <= len(questions):
        return _next_page(invitation)
    asked = questions[number - 1]
    form = answer_form(asked, with_faces=invitation.questionnaire is Questionnaire.CHILD)
    if form.validate_on_submit():
        surveys.save_answer(db.session, invitation, asked.key, form.answer.data, clock.now())
        db.session.commit()
        if number == len(questions):
            return _after_questions(invitation)
        return redirect(url_for(".question", number=number + 1), 303)
    if request.method == "GET":
        chosen = browser_session.pop(CHOSEN, None) if number == 1 else None
        form.answer.data = invitation.answered().get(asked.key) or chosen
    back = url_for(".question", number=number - 1) if number > 1 else None
    return render_template(
        "surveys/question.html", form=form, back=back, number=number, count=len(questions)
    )


@bp.route("/survey/comments", methods=["GET", "POST"])
@with_survey
def comments(invitation: SurveyInvitation) -> Any:
    form = CommentsForm()
    if form.validate_on_submit():
        if form.comments.data.strip():
            surveys.save_answer(
                db.session, invitation, surveys.COMMENTS, form.comments.data.strip(), clock.now()
            )
            db.session.commit()
        return redirect(url_for(".about_you"), 303)
    if request.method == "GET":
        form.comments.data = invitation.answered().get(surveys.COMMENTS)
    back = url_for(".question", number=len(surveys.questions_of(invitation)))
    return render_template("surveys/comments.html", form=form, back=back)


@bp.route("/survey/about-you", methods=["GET", "POST"])
@with_survey
def about_you(invitation: SurveyInvitation) -> Any:
    form = EqualityForm()
    if form.validate_on_submit():
        for field in form.question_fields():
            if field.data:
                surveys.save_answer(
                    db.session, invitation, EQUALITY_PREFIX + field.name, field.data, clock.now()
                )
        surveys.finish(db.session, invitation, clock.today(), clock.now())
        db.session.commit()
        return redirect(url_for(".done"), 303)
    return render_template("surveys/about_you.html", form=form, back=url_for(".comments"))


@bp.route("/survey/finish", methods=["GET", "POST"])
@with_survey
def finish(invitation: SurveyInvitation) -> Any:
    """Children's surveys end with a page that sends the answers with one button."""
    form = ConfirmForm()
    if form.validate_on_submit():
        surveys.finish(db.session, invitation, clock.today(), clock.now())
        db.session.commit()
        return redirect(url_for(".done"), 303)
    back = url_for(".question", number=len(surveys.questions_of(invitation)))
    return render_template("surveys/finish.html", form=form, back=back)


@bp.get("/survey/done")
def done() -> str:
    return render_template("surveys/done.html")


@bp.route("/survey/stop", methods=["GET", "POST"])
@with_survey
def stop(invitation: SurveyInvitation) -> Any:
    form = ConfirmForm()
    if form.validate_on_submit():
        surveys.stop_asking(db.session, survey_key(current_app.config), invitation, clock.now())
        db.session.commit()
        browser_session.pop(SURVEY, None)
        return redirect(url_for(".stopped"), 303)
    return render_template("surveys/stop.html", form=form, younger=_younger(invitation))


@bp.get("/survey/stopped")
def stopped() -> str:
    return render_template("surveys/stopped.html")
