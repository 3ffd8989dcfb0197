from flask import (
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale

from .. import clock
from ..config import timescales
from ..extensions import db
from ..i18n import LANGUAGE_COOKIE
from ..journeys.pages import SENT, form_choices
from ..models import Case
from ..page_cache import same_for_everyone
from ..procedure.taxonomy import ComplimentSource, Procedure
from ..rate_limits import public_post
from ..reports.learning import published_statements
from ..security import safe_next
from ..services.drafts import draft_for_token
from ..services.feedback import FORMS as FEEDBACK_FORMS
from ..services.feedback import record_form_feedback
from ..services.intake import ComplimentSubmission, IntakeSettings, submit_compliment
from . import bp
from .forms import ComplimentForm, FormFeedbackForm

#: A year, so the choice survives closing the browser.
LANGUAGE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365


@bp.get("/")
@same_for_everyone
def home() -> str:
    return render_template("public/home.html")


@bp.get("/you-said-we-did")
def you_said_we_did() -> str:
    """What people told us and what we changed: published statements, by theme."""
    return render_template("public/you_said_we_did.html", themes=published_statements(db.session))


@bp.get("/accessibility")
@same_for_everyone
def accessibility() -> str:
    return render_template("public/accessibility.html")


@bp.get("/easy-read")
@same_for_everyone
def easy_read() -> str:
    """How to complain, in easy read, with the council's own timescales."""
    rules = timescales(current_app.config)
    return render_template(
        "public/easy_read.html",
        acknowledgement_days=rules.acknowledgement_days,
        # Children's social care complaints follow the statutory procedure.
        response_days=rules.for_stage(Procedure.STATUTORY, 1).days,
        escalation_days=rules.escalation_window_days,
    )


@bp.get("/privacy")
@same_for_everyone
def privacy() -> str:
    return render_template("public/privacy.html")


@bp.get("/contact")
@same_for_everyone
def contact() -> str:
    return render_template("public/contact.html")


@bp.get("/language/<code>")
def language_choose(code: str) -> Response:
    """Remember a language and return the person to the page they were on."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or url_for(".home"), code=303)
    response.set_cookie(
        LANGUAGE_COOKIE,
        code,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite="Lax",
        secure=current_app.config["ENVIRONMENT"] == "production",
        httponly=True,
    )
    return response


@bp.route("/compliment", methods=["GET", "POST"])
@public_post
def compliment_new() -> str | Response:
    form = ComplimentForm()
    form.prepare(form_choices())
    if not form.validate_on_submit():
        return render_template("public/compliment/form.html", form=form)
    draft = draft_for_token(db.session, "compliment", form.submission.data, clock.now())
    if draft.case_id is None:
        submit_compliment(
            db.session,
            draft,
            _compliment_submission(form),
            IntakeSettings.from_config(current_app.config),
            clock.today(),
        )
    case = db.session.get_one(Case, draft.case_id)
    db.session.commit()
    session[SENT] = {**session.get(SENT, {}), "compliment": case.reference}
    return redirect(url_for(".compliment_sent"), code=303)


@bp.get("/compliment/sent")
def compliment_sent() -> str | Response:
    reference = session.get(SENT, {}).get("compliment")
    if not reference:
        return redirect(url_for(".compliment_new"))
    return render_template("public/compliment/sent.html", reference=reference)


def _compliment_submission(form: ComplimentForm) -> ComplimentSubmission:
    return ComplimentSubmission(
        source=ComplimentSource(form.source.data),
        team=form.team.data or None,
        worker_name=form.worker_name.data or None,
        message=form.message.data,
        share_with_worker=form.share_with_worker.data == "yes",
        full_name=form.full_name.data or None,
        email=form.email.data or None,
        language=str(get_locale()),
    )


@bp.route("/feedback/<form>", methods=["GET", "POST"])
@public_post
def form_feedback(form: str) -> str | Response:
    if form not in FEEDBACK_FORMS:
        abort(404)
    feedback = FormFeedbackForm()
    if feedback.validate_on_submit():
        record_form_feedback(db.session, form, int(feedback.rating.data), feedback.comment.data)
        db.session.commit()
        return redirect(url_for(".form_feedback_thanks"), code=303)
    return render_template("public/feedback/form.html", form=feedback)


@bp.get("/feedback/thanks")
def form_feedback_thanks() -> str:
    return render_template("public/feedback/thanks.html")
