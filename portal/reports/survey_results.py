"""Results of the closing-the-loop surveys for one questionnaire, counted in SQL.

The period is the day each survey was **sent** (in England): the surveys sent in it, how
many were started and completed, and every answer given to them belong together, so
the take-up and the answers describe the same people. Answers given after the period
ends to a survey sent within it are counted; a survey sent before the period is not.

Equality answers are shown only in aggregate, and a question's table only where at
least :data:`~portal.procedure.surveys.SMALLEST_GROUP` people answered it ("prefer
not to say" is an answer); comments carry the case reference, for staff pages only.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from ..clock import LONDON
from ..models import Case, SurveyAnswer, SurveyInvitation, Team
from ..procedure.surveys import (
    COMMENTS,
    EQUALITY,
    EQUALITY_PREFIX,
    QUESTIONS,
    SMALLEST_GROUP,
    Answer,
    EqualityQuestion,
    Question,
    Questionnaire,
    Round,
)
from ..procedure.taxonomy import Procedure
from .annual import pct

#: The most comments a page lists (the newest).
COMMENTS_SHOWN = 100
#: Every experience question's choices, as (value, English title), in the order shown.
ANSWERS = [(answer.value, answer.title) for answer in Answer]


@dataclass(frozen=True)
class SurveyFilter:
    """Which surveys to count: a questionnaire, the days they were sent, team and procedure."""

    questionnaire: Questionnaire
    sent_from: date
    sent_to: date
    team: str | None = None
    procedure: Procedure | None = None


@dataclass(frozen=True)
class TakeUp:
    """Surveys sent, started (at least one answer) and completed."""

    sent: int
    started: int
    completed: int

    @property
    def started_pct(self) -> int | None:
        return pct(self.started, self.sent)

    @property
    def completed_pct(self) -> int | None:
        return pct(self.completed, self.sent)


@dataclass(frozen=True)
class Share:
    """One answer's count, and its percentage of everyone who answered the question."""

    value: str
    title: str
    count: int
    pct: int | None


@dataclass(frozen=True)
class QuestionResult:
    """How one experience question was answered."""

    question: Question
    answered: int
    shares: list[Share]


@dataclass(frozen=True)
class RoundResult:
    """One round of a questionnaire (at closing, or eight weeks later): take-up and answers."""

    round: Round
    take_up: TakeUp
    questions: list[QuestionResult]


@dataclass(frozen=True)
class Comment:
    """An adult's own words, newest first, with the case they are about."""

    reference: str
    text: str
    answered_at: datetime


@dataclass(frozen=True)
class EqualityResult:
    """One equality question: its shares, or none when too few people answered to show them."""

    question: EqualityQuestion
    shares: list[Share] | None

    @property
    def shown(self) -> bool:
        return self.shares is not None


@dataclass(frozen=True)
class SurveyResults:
    """Everything the results page shows for one filter."""

    filter: SurveyFilter
    rounds: list[RoundResult]
    comments: list[Comment]
    comment_count: int
    equality: list[EqualityResult]


def survey_results(session: Session, chosen: SurveyFilter) -> SurveyResults:
    """The results of the surveys ``chosen`` selects."""
    take_up = _take_up(session, chosen)
    answers = _answer_counts(session, chosen)
    rounds = [
        RoundResult(round_, take_up.get(round_, TakeUp(0, 0, 0)), [
            _question_result(question, answers, round_)
            for question in QUESTIONS[(chosen.questionnaire, round_)]
        ])
        for round_ in Round
        if (chosen.questionnaire, round_) in QUESTIONS
    ]  # fmt: skip
    return SurveyResults(
        filter=chosen,
        rounds=rounds,
        comments=_comments(session, chosen),
        comment_count=_comment_count(session, chosen),
        equality=_equality(session, chosen),
    )


def _in_scope(chosen: SurveyFilter) -> list[ColumnElement[bool]]:
    """The invitations the filter selects (the query must join Case)."""
    where = [
        SurveyInvitation.questionnaire == chosen.questionnaire,
        SurveyInvitation.sent_at >= _start_of(chosen.sent_from),
        SurveyInvitation.sent_at < _start_of(chosen.sent_to + timedelta(days=1)),
    ]
    if chosen.team:
        where.append(Case.team.has(Team.name == chosen.team))
    if chosen.procedure:
        where.append(Case.procedure == chosen.procedure)
    return where


def _start_of(day: date) -> datetime:
    """Midnight at the start of ``day`` in England, in UTC."""
    return datetime.combine(day, time(), LONDON).astimezone(UTC)


def _answers_in_scope(chosen: SurveyFilter, *columns: Any) -> Any:
    """A query of ``columns`` over the answers to the surveys the filter selects."""
    return (
        select(*columns)
        .select_from(SurveyAnswer)
        .join(SurveyInvitation, SurveyInvitation.id == SurveyAnswer.invitation_id)
        .join(Case, Case.id == SurveyInvitation.case_id)
        .where(*_in_scope(chosen))
    )


def _take_up(session: Session, chosen: SurveyFilter) -> dict[Round, TakeUp]:
    """Sent, started and completed, per round."""
    answered = select(SurveyAnswer.id).where(SurveyAnswer.invitation_id == SurveyInvitation.id)
    query = (
        select(
            SurveyInvitation.round,
            func.count(),
            func.count(case((answered.exists(), 1))),
            func.count(SurveyInvitation.completed_at),
        )
        .select_from(SurveyInvitation)
        .join(Case, Case.id == SurveyInvitation.case_id)
        .where(*_in_scope(chosen))
        .group_by(SurveyInvitation.round)
    )
    return {round_: TakeUp(*counts) for round_, *counts in session.execute(query)}


def _answer_counts(session: Session, chosen: SurveyFilter) -> dict[tuple[Round, str, str], int]:
    """How many gave each answer to each experience question, per round."""
    keys = {q.key for round_ in Round for q in QUESTIONS.get((chosen.questionnaire, round_), ())}
    query = _answers_in_scope(
        chosen, SurveyInvitation.round, SurveyAnswer.question, SurveyAnswer.value, func.count()
    ).where(SurveyAnswer.question.in_(keys), SurveyAnswer.value.in_([v for v, _t in ANSWERS]))
    grouped = query.group_by(SurveyInvitation.round, SurveyAnswer.question, SurveyAnswer.value)
    return {(round_, key, value): count for round_, key, value, count in session.execute(grouped)}


def _question_result(
    question: Question, answers: dict[tuple[Round, str, str], int], round_: Round
) -> QuestionResult:
    """One question's shares of yes, not sure and no."""
    counts = {value: answers.get((round_, question.key, value), 0) for value, _title in ANSWERS}
    return QuestionResult(question, sum(counts.values()), _shares(ANSWERS, counts))


def _shares(choices: list[tuple[str, str]], counts: dict[str, int]) -> list[Share]:
    """Each choice's count and percentage, in the choices' order."""
    total = sum(counts.get(value, 0) for value, _title in choices)
    return [
        Share(value, title, counts.get(value, 0), pct(counts.get(value, 0), total))
        for value, title in choices
    ]


def _comments(session: Session, chosen: SurveyFilter) -> list[Comment]:
    """The newest comments, with their case references."""
    query = (
        _answers_in_scope(chosen, Case.reference, SurveyAnswer.value, SurveyAnswer.answered_at)
        .where(*_is_comment())
        .order_by(SurveyAnswer.answered_at.desc(), SurveyAnswer.id.desc())
        .limit(COMMENTS_SHOWN)
    )
    return [Comment(*row) for row in session.execute(query)]


def _comment_count(session: Session, chosen: SurveyFilter) -> int:
    """How many comments there are in all."""
    query = _answers_in_scope(chosen, func.count()).where(*_is_comment())
    return session.scalar(query) or 0


def _is_comment() -> list[ColumnElement[bool]]:
    """An answer to the free-text question, with words in it."""
    return [SurveyAnswer.question == COMMENTS, func.trim(SurveyAnswer.value) != ""]


def _equality(session: Session, chosen: SurveyFilter) -> list[EqualityResult]:
    """Each equality question's shares, hidden where fewer than the smallest group answered."""
    keys = [EQUALITY_PREFIX + question.key for question in EQUALITY]
    query = _answers_in_scope(
        chosen, SurveyAnswer.question, SurveyAnswer.value, func.count()
    ).where(SurveyAnswer.question.in_(keys))
    counts: dict[str, dict[str, int]] = {}
    for key, value, count in session.execute(
        query.group_by(SurveyAnswer.question, SurveyAnswer.value)
    ):
        counts.setdefault(key.removeprefix(EQUALITY_PREFIX), {})[value] = count
    return [_equality_result(question, counts.get(question.key, {})) for question in EQUALITY]


def _equality_result(question: EqualityQuestion, counts: dict[str, int]) -> EqualityResult:
    """Only answers to the question's own choices count; fewer than the smallest group
    answering hides the question's figures altogether."""
    shares = _shares(list(question.choices), counts)
    if sum(share.count for share in shares) < SMALLEST_GROUP:
        return EqualityResult(question, None)
    return EqualityResult(question, shares)
