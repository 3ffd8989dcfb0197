"""The compliment form and the anonymous feedback on forms."""

import re

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Case, CaseStatement, FormFeedback, OutboxMessage
from portal.procedure.taxonomy import CaseKind, ComplimentSource, SubmittedBy


@pytest.fixture
def web(make_app):
    app = make_app()
    app.config["WTF_CSRF_ENABLED"] = False
    return app.test_client()


def compliment(web, **changes):
    page = web.get("/compliment").get_data(as_text=True)
    submission = re.search(r'name="submission" type="hidden" value="([^"]+)"', page).group(1)
    data = {
        "submission": submission, "team": "Fostering", "worker_name": "", "source": "court",
        "message": "The social worker's report was thorough and fair.",
        "share_with_worker": "yes", "full_name": "", "email": "judge@example.org", **changes,
    }  # fmt: skip
    return web.post("/compliment", data=data), data


def test_a_compliment_is_stored_for_its_team_and_thanked_by_email(web):
    response, _ = compliment(web)
    assert response.headers["Location"] == "/compliment/sent"
    page = web.get("/compliment/sent").get_data(as_text=True)
    with web.application.app_context():
        case = db.session.scalars(select(Case)).one()
        assert case.reference in page
        assert (case.kind, case.compliment_source, case.submitted_by) == (
            CaseKind.COMPLIMENT, ComplimentSource.COURT, SubmittedBy.COURT
        )  # fmt: skip
        assert case.team.name == "Fostering"
        assert db.session.get(CaseStatement, case.id).share_with_worker is True
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def test_sending_the_same_compliment_twice_makes_one_case(web):
    _, data = compliment(web)
    again = web.post("/compliment", data=data)
    assert again.headers["Location"] == "/compliment/sent"
    with web.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 1


def test_a_compliment_needs_a_team_or_a_worker(web):
    response, _ = compliment(web, team="", worker_name="")
    page = response.get_data(as_text=True)
    assert "Choose a team or enter the worker&#39;s name" in page
    assert "The social worker&#39;s report was thorough and fair." in page  # kept


def test_a_tampered_submission_number_is_refused(web):
    response, _ = compliment(web, submission="../../etc")
    assert response.status_code == 200
    with web.application.app_context():
        assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_feedback_on_a_form_is_kept_without_anything_personal(web):
    response = web.post("/feedback/complaint", data={"rating": "4", "comment": "Clear."})
    assert response.headers["Location"] == "/feedback/thanks"
    with web.application.app_context():
        feedback = db.session.scalars(select(FormFeedback)).one()
        assert (feedback.form, feedback.rating, feedback.comment) == ("complaint", 4, "Clear.")


def test_feedback_only_for_forms_that_exist(web):
    assert web.get("/feedback/tax-return").status_code == 404
