"""Closing-the-loop surveys: who gets which questionnaire, its questions in that reader's
words, the optional equality questions, and what a set of answers says about satisfaction.

The seven children's questions are those of Ofsted's ILACS framework that Sandwell's
participation team asks; children of 7 to 11 get them in everyday words, answered with
faces. Adults are asked about their experience of the procedure, and then, clearly
optional, the equality questions of the GOV.UK equality-information pattern.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from .taxonomy import CaseKind, SatisfactionStatus, SubmittedBy, TitledEnum
from .text import N_

#: How long a survey link works.
LINK_LIFETIME = timedelta(days=30)
#: An unanswered invitation gets one reminder this long after it was sent.
REMIND_AFTER = timedelta(days=7)
#: For a child's case, the second survey ("Have things got better?") goes this long after
#: the case closed.
FOLLOW_UP_AFTER = timedelta(weeks=8)
#: Cases closed longer ago than this are never invited (so importing old cases sends nothing).
INVITE_WITHIN = timedelta(days=14)
#: Equality answers are shown only where at least this many people answered the question.
SMALLEST_GROUP = 5


#: The kinds of case whose closing is followed by a survey (and, for children, by the
#: participation team).
SURVEYED_KINDS = (CaseKind.COMPLAINT, CaseKind.INFORMAL_FEEDBACK, CaseKind.ADVOCACY_REQUEST)


class Questionnaire(StrEnum):
    """Which set of questions a person is asked."""

    CHILD = "child"
    YOUNG = "young"
    ADULT = "adult"


class Round(StrEnum):
    """The first survey at closure, or the child's second one eight weeks later."""

    CLOSING = "closing"
    FOLLOW_UP = "follow_up"


class Answer(TitledEnum):
    """The answer to every experience question."""

    YES = "yes", N_("Yes")
    NOT_SURE = "not_sure", N_("Not sure")
    NO = "no", N_("No")


class FollowUpMethod(TitledEnum):
    """How a closing-the-loop result was found."""

    SURVEY = "survey", N_("Online survey")
    PHONE = "phone", N_("Phone call")
    TEXT = "text", N_("Text message")
    WHATSAPP = "whatsapp", N_("WhatsApp")
    IN_PERSON = "in_person", N_("In person")


#: The faces children answer with, one per answer (pictures under static/images/young/).
FACES = {Answer.YES: "face-happy.svg", Answer.NOT_SURE: "face-okay.svg", Answer.NO: "face-sad.svg"}


@dataclass(frozen=True)
class Question:
    """One question: its key (stored with each answer) and its words."""

    key: str
    text: str
    #: Plain words that help answer it, or None.
    hint: str | None = None


_CHILD = (
    Question("rights", N_("Did you know what you could ask for?")),
    Question("result", N_("Do you know what happened because you told us?")),
    Question("seriously", N_("Did we take you seriously?")),
    Question("action", N_("Did we do something about it?")),
    Question("on_time", N_("Did we answer you when we said we would?")),
    Question("better", N_("Are things better now?")),
    Question(
        "advocate",
        N_("Did you know someone could help you tell us?"),
        N_("This person is called an advocate."),
    ),
)

_YOUNG = (
    Question("rights", N_("Did you understand your rights, what you are entitled to and what "
                          "is expected of you?")),
    Question("result", N_("Do you understand what happened because you raised your concerns?")),
    Question("seriously", N_("Do you feel your concerns were taken seriously?")),
    Question("action", N_("Do you think the right action was taken because of your concerns?")),
    Question("on_time", N_("Did you get our response in the time we promised?")),
    Question("better", N_("Do you feel things have got better because you raised your "
                          "concerns?")),
    Question("advocate", N_("Did you know about the advocacy and independent visitor services "
                            "you can use?")),
)  # fmt: skip

_ADULT = (
    Question("informed", N_("Did we keep you informed while we looked into it?")),
    Question("understood", N_("Did you understand our response and how we reached it?")),
    Question("on_time", N_("Did we respond within the time we told you?")),
    Question("fairly", N_("Do you feel you were treated fairly?")),
    Question("escalate", N_("Would you know how to take it further if you were unhappy?")),
)

#: The question a child is asked eight weeks after the case closed.
_FOLLOW_UP_CHILD = (Question("better", N_("Have things got better?")),)
_FOLLOW_UP_YOUNG = (Question("better", N_("Have things got better since your case closed?")),)

QUESTIONS: Mapping[tuple[Questionnaire, Round], tuple[Question, ...]] = {
    (Questionnaire.CHILD, Round.CLOSING): _CHILD,
    (Questionnaire.YOUNG, Round.CLOSING): _YOUNG,
    (Questionnaire.ADULT, Round.CLOSING): _ADULT,
    (Questionnaire.CHILD, Round.FOLLOW_UP): _FOLLOW_UP_CHILD,
    (Questionnaire.YOUNG, Round.FOLLOW_UP): _FOLLOW_UP_YOUNG,
}

#: The free-text question key (asked of adults after the experience questions).
COMMENTS = "comments"
#: Equality answers are stored under their question's key with this prefix.
EQUALITY_PREFIX = "equality."


@dataclass(frozen=True)
class EqualityQuestion:
    """An optional equality question and its choices; every one has "prefer not to say"."""

    key: str
    text: str
    choices: tuple[tuple[str, str], ...]


PREFER_NOT_TO_SAY = ("prefer_not_to_say", N_("Prefer not to say"))

EQUALITY = (
    EqualityQuestion("age", N_("What is your age?"), (
        ("under_18", N_("Under 18")), ("18_24", N_("18 to 24")), ("25_34", N_("25 to 34")),
        ("35_44", N_("35 to 44")), ("45_54", N_("45 to 54")), ("55_64", N_("55 to 64")),
        ("65_over", N_("65 or over")), PREFER_NOT_TO_SAY)),
    EqualityQuestion("disability", N_("Do you consider yourself to have a disability or a "
                                      "long-term health condition?"), (
        ("yes", N_("Yes")), ("no", N_("No")), PREFER_NOT_TO_SAY)),
    EqualityQuestion("ethnic_group", N_("What is your ethnic group?"), (
        ("asian", N_("Asian or Asian British")),
        ("black", N_("Black, Black British, Caribbean or African")),
        ("mixed", N_("Mixed or multiple ethnic groups")),
        ("white", N_("White")), ("other", N_("Another ethnic group")), PREFER_NOT_TO_SAY)),
    EqualityQuestion("religion", N_("What is your religion or belief?"), (
        ("none", N_("No religion")), ("buddhist", N_("Buddhist")), ("christian", N_("Christian")),
        ("hindu", N_("Hindu")), ("jewish", N_("Jewish")), ("muslim", N_("Muslim")),
        ("sikh", N_("Sikh")), ("other", N_("Another religion or belief")), PREFER_NOT_TO_SAY)),
    EqualityQuestion("sex", N_("What is your sex?"), (
        ("female", N_("Female")), ("male", N_("Male")), PREFER_NOT_TO_SAY)),
    EqualityQuestion("gender_identity", N_("Is the gender you identify with the same as your "
                                           "sex registered at birth?"), (
        ("yes", N_("Yes")), ("no", N_("No")), PREFER_NOT_TO_SAY)),
    EqualityQuestion("sexual_orientation", N_("Which of the following best describes your "
                                              "sexual orientation?"), (
        ("straight", N_("Straight or heterosexual")), ("gay_lesbian", N_("Gay or lesbian")),
        ("bisexual", N_("Bisexual")), ("other", N_("Another sexual orientation")),
        PREFER_NOT_TO_SAY)),
)  # fmt: skip


def questionnaire_for(child_led: bool, submitted_by: SubmittedBy | None) -> Questionnaire:
    """The questionnaire for a case: by who raised it, and for children by their age."""
    if submitted_by is SubmittedBy.CHILD:
        return Questionnaire.CHILD
    if child_led or submitted_by is SubmittedBy.YOUNG_PERSON:
        return Questionnaire.YOUNG
    return Questionnaire.ADULT


def satisfaction_of(answers: Mapping[str, str]) -> SatisfactionStatus | None:
    """What a survey's answers say: satisfied when more of the experience questions were
    answered yes than no; None when none was answered."""
    given = [value for key, value in answers.items() if value in Answer._value2member_map_]
    if not given:
        return None
    yes, no = given.count(Answer.YES.value), given.count(Answer.NO.value)
    return SatisfactionStatus.SATISFIED if yes > no else SatisfactionStatus.NOT_SATISFIED
