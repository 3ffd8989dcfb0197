"""First drafts of the letters staff send, in the person's language, for staff to edit."""

from datetime import date

from flask import current_app, render_template
from flask_babel import force_locale, format_date, gettext

from ..models import Case, LetterKind
from ..procedure.deadlines import Timescales, escalation_deadline, stage_due
from ..procedure.taxonomy import Procedure

LONG_DATE = "EEEE d MMMM y"


def draft_letter(
    kind: LetterKind, case: Case, name: str, signed: str, rules: Timescales, today: date
) -> str:
    """The template letter of ``kind`` for this case, filled in as far as the record allows."""
    with force_locale(case.language):
        context = {
            "name": name,
            "signed": signed,
            "reference": case.reference,
            "received": format_date(case.received_on, LONG_DATE),
            "config": current_app.config,
            **_KIND_CONTEXT[kind](case, rules, today),
        }
        return render_template(f"letters/{kind.value}.txt", **context)


def _acknowledgement(case: Case, rules: Timescales, today: date) -> dict[str, object]:
    stage = case.stages[-1] if case.stages else None
    if stage is None or case.procedure is None:
        return {"stage": "", "procedure": "", "due": ""}
    due = stage_due(case.procedure, stage.number, stage.started_on, stage.extended, rules)
    return {
        "stage": _stage_name(stage.number),
        "procedure": _procedure_name(case.procedure),
        "due": format_date(due, LONG_DATE),
    }


def _response(case: Case, rules: Timescales, today: date) -> dict[str, object]:
    number = case.stages[-1].number if case.stages else 1
    later = [n for n in rules.stages_of(case.procedure) if n > number] if case.procedure else []
    return {
        "stage": _stage_name(number),
        "issues": [
            {"title": issue.title, "outcome": gettext(issue.outcome.title)}
            for issue in case.issues
            if issue.outcome is not None
        ],
        "next_stage": _next_stage_name(later[0]) if later else None,
        "deadline": format_date(escalation_deadline(today, rules), LONG_DATE),
    }


def _not_accepted(case: Case, rules: Timescales, today: date) -> dict[str, object]:
    reason = case.declined_reason
    return {"reason": gettext(reason.title).lower() if reason else ""}


_KIND_CONTEXT = {
    LetterKind.ACKNOWLEDGEMENT: _acknowledgement,
    LetterKind.RESPONSE: _response,
    LetterKind.NOT_ACCEPTED: _not_accepted,
}


def _stage_name(number: int) -> str:
    return gettext("stage %(number)d", number=number)


def _next_stage_name(number: int) -> str:
    if number == 2:
        return gettext("stage 2, an investigation by someone who has not been involved")
    return gettext("stage 3, a review by an independent panel")


def _procedure_name(procedure: Procedure) -> str:
    if procedure is Procedure.CORPORATE:
        return gettext("corporate")
    return gettext("Children Act 1989 (statutory)")
