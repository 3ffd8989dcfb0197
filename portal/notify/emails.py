"""The emails the portal sends, written in the person's language from templates/emails/."""

from datetime import date

from flask import current_app, render_template, url_for
from flask_babel import force_locale, format_date, gettext
from sqlalchemy.orm import Session

from ..models import Case, CaseStatement, OutboxMessage, StaffUser, SurveyInvitation, TokenPurpose
from ..procedure.surveys import QUESTIONS, Answer, Questionnaire, Round
from .outbox import URGENT, queue_email


def queue_complaint_received(
    session: Session, case: Case, to: str, acknowledge_by: date
) -> OutboxMessage:
    """Tell a complainant their complaint arrived: the reference and when we will be in
    touch. Never the secret words, nor anything the complaint says."""
    with force_locale(case.language):
        subject = gettext(
            "We have received your complaint: %(reference)s", reference=case.reference
        )
        body = render_template(
            "emails/complaint_received.txt",
            reference=case.reference,
            acknowledge_by=format_date(acknowledge_by, "EEEE d MMMM"),
            config=current_app.config,
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_compliment_received(session: Session, case: Case, to: str) -> OutboxMessage:
    """Thank someone for a compliment."""
    with force_locale(case.language):
        subject = gettext("Thank you for your compliment: %(reference)s", reference=case.reference)
        body = render_template(
            "emails/compliment_received.txt", reference=case.reference, config=current_app.config
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def external_url(endpoint: str, **values: object) -> str:
    """An absolute link into the portal, usable from a worker with no request."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for(endpoint, _external=True, **values)


def queue_letter(session: Session, case: Case, to: str, subject: str, body: str) -> OutboxMessage:
    """Send a letter, as written by staff, to the person by email."""
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_compliment_for_team(session: Session, case: Case, to: str) -> OutboxMessage:
    """Pass a compliment on to the team it is about, in the person's words."""
    statement = session.get(CaseStatement, case.id)
    subject = gettext("A compliment for your team: %(reference)s", reference=case.reference)
    body = render_template(
        "emails/compliment_for_team.txt",
        reference=case.reference,
        team=case.team.name if case.team else "",
        message=statement.message if statement else "",
        config=current_app.config,
    )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_learning_form_request(session: Session, case: Case, manager: StaffUser) -> OutboxMessage:
    """Ask the investigating manager for the learning from a closed complaint."""
    subject = gettext("Learning form for complaint %(reference)s", reference=case.reference)
    body = render_template(
        "emails/learning_form.txt",
        name=manager.display_name,
        reference=case.reference,
        link=external_url("staff.learning_form", reference=case.reference),
        config=current_app.config,
    )
    return queue_email(session, to=manager.email, subject=subject, body=body, case_id=case.id)


def queue_staff_link(
    session: Session, user: StaffUser, purpose: TokenPurpose, token: str, expires: str
) -> OutboxMessage:
    """Send a member of staff their single-use invitation or password reset link."""
    if purpose is TokenPurpose.INVITATION:
        subject = gettext("You have been invited to the complaints service")
    else:
        subject = gettext("Reset your password for the complaints service")
    body = render_template(
        f"emails/staff_{purpose.value}.txt",
        name=user.display_name,
        link=external_url("auth.use_link", token=token),
        expires=expires,
        config=current_app.config,
    )
    return queue_email(session, to=user.email, subject=subject, body=body)


def queue_reminder(
    session: Session, user: StaffUser, subject: str, lines: list[str]
) -> OutboxMessage:
    """Send a member of staff their daily list of stages due soon or overdue."""
    body = render_template(
        "emails/reminder.txt",
        name=user.display_name,
        lines=lines,
        link=external_url("staff.queue"),
        config=current_app.config,
    )
    return queue_email(session, to=user.email, subject=subject, body=body)


def queue_tracker_link(session: Session, case: Case, to: str, token: str) -> OutboxMessage:
    """Send the person a single-use link to their case (the subject says nothing of it)."""
    with force_locale(case.language):
        subject = gettext("Your sign-in link")
        body = render_template(
            "emails/tracker_link.txt",
            link=external_url("tracker.use_link", token=token),
            config=current_app.config,
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_safeguarding_alert(session: Session, case: Case, to: str) -> OutboxMessage:
    """Tell the duty safeguarding team at once that a child may not be safe."""
    subject = gettext("URGENT: a child may not be safe (%(reference)s)", reference=case.reference)
    body = render_template(
        "emails/safeguarding_alert.txt",
        reference=case.reference,
        link=external_url("staff.case_detail", reference=case.reference),
        config=current_app.config,
    )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id,
                       priority=URGENT)  # fmt: skip


def queue_participation_alert(session: Session, case: Case, to: str) -> OutboxMessage:
    """Tell the participation team a child or young person has been in touch."""
    subject = gettext("A child or young person has been in touch (%(reference)s)",
                      reference=case.reference)  # fmt: skip
    body = render_template(
        "emails/participation_alert.txt",
        reference=case.reference,
        kind=gettext(case.kind.title),
        link=external_url("staff.case_detail", reference=case.reference),
        config=current_app.config,
    )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_card(session: Session, case: Case, to: str, words: list[str]) -> OutboxMessage:
    """Send a child's card (reference and secret words) to the grown-up they chose: the
    only email that ever carries secret words, because the child asked for it."""
    with force_locale(case.language):
        subject = gettext("A child or young person asked us to send you their card")
        body = render_template(
            "emails/card.txt",
            reference=case.reference,
            words=words,
            link=external_url("tracker.start"),
            config=current_app.config,
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def queue_survey_invitation(
    session: Session,
    case: Case,
    invitation: SurveyInvitation,
    to: str,
    token: str,
    reminder: bool = False,
) -> OutboxMessage:
    """Ask the person how it went: the first question's answers are links, so one click
    answers it. Child-led cases get the children's words."""
    first = QUESTIONS[(invitation.questionnaire, invitation.round)][0]
    younger = invitation.questionnaire is not Questionnaire.ADULT
    with force_locale(case.language):
        subject = _survey_subject(invitation.round, younger)
        body = render_template(
            "emails/survey_invitation.txt",
            younger=younger,
            follow_up=invitation.round is Round.FOLLOW_UP,
            reminder=reminder,
            question=gettext(first.text),
            answers=[
                (
                    gettext(answer.title),
                    external_url("surveys.open", token=token, answer=answer.value),
                )
                for answer in Answer
            ],
            config=current_app.config,
        )
    return queue_email(session, to=to, subject=subject, body=body, case_id=case.id)


def _survey_subject(round_: Round, younger: bool) -> str:
    if round_ is Round.FOLLOW_UP:
        return gettext("Have things got better?")
    return gettext("Tell us how it went") if younger else gettext("How did we do?")
