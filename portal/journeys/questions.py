"""One-question-per-page journeys: which questions apply, in what order, and their answers.

Answers live in a server-side draft as plain JSON, keyed by question; each question is a
form that can turn its fields into an answer and back, and describe them for the "check
your answers" page.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..forms import QuestionForm

Answers = Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Question:
    """One page of a journey."""

    slug: str
    form: type[QuestionForm]
    #: Does this question apply, given the answers so far?
    applies: Callable[[Answers], bool] = lambda answers: True
    #: A page of its own, where the generic question page will not do.
    template: str = "public/question.html"


class Journey:
    """An ordered set of questions, some of which apply only after certain answers."""

    def __init__(self, name: str, questions: list[Question]) -> None:
        self.name = name
        self._questions = {question.slug: question for question in questions}

    def question(self, slug: str) -> Question | None:
        return self._questions.get(slug)

    def applicable(self, answers: Answers) -> list[Question]:
        """The questions that apply, in order."""
        return [question for question in self._questions.values() if question.applies(answers)]

    def questions(self) -> list[Question]:
        """Every question, whether or not it applies."""
        return list(self._questions.values())

    def first(self) -> Question:
        return next(iter(self._questions.values()))

    def next_slug(self, slug: str, answers: Answers, changing: bool) -> str | None:
        """Where to go after answering ``slug``: None means the check-answers page.

        When changing an answer, go straight back to the check page unless the new answer
        brought in a question not yet answered."""
        later = self._after(slug, answers)
        if changing:
            later = [question for question in later if question.slug not in answers]
        return later[0].slug if later else None

    def previous_slug(self, slug: str, answers: Answers) -> str | None:
        """The question before ``slug``, or None for the first."""
        slugs = [question.slug for question in self.applicable(answers)]
        index = slugs.index(slug) if slug in slugs else 0
        return slugs[index - 1] if index > 0 else None

    def unanswered(self, answers: Answers) -> Question | None:
        """The first question that applies and has no answer yet."""
        return next((q for q in self.applicable(answers) if q.slug not in answers), None)

    def _after(self, slug: str, answers: Answers) -> list[Question]:
        questions = self.applicable(answers)
        slugs = [question.slug for question in questions]
        return questions[slugs.index(slug) + 1 :] if slug in slugs else questions
