"""What children and young people tell us, as codes staff read in English: how they
feel, what it is about, what would make it better; and when their words mean they may
not be safe."""

from collections.abc import Iterable

from .taxonomy import TitledEnum
from .text import N_


class Feeling(TitledEnum):
    """How a child feels, from the faces scale."""

    HAPPY = "happy", N_("Happy")
    OKAY = "okay", N_("Okay")
    SAD = "sad", N_("Sad")
    WORRIED = "worried", N_("Worried")
    ANGRY = "angry", N_("Angry")
    NOT_SAFE = "not_safe", N_("Does not feel safe")


class Topic(TitledEnum):
    """What a child's complaint or feedback is about."""

    WORKER = "worker", N_("Their social worker")
    HOME = "home", N_("Where they live, or their carers")
    FAMILY = "family", N_("Seeing their family")
    LISTENED = "listened", N_("Not being listened to")
    MEETINGS = "meetings", N_("Meetings and plans about them")
    SCHOOL = "school", N_("School")
    MONEY = "money", N_("Money or things they need")
    OTHER = "other", N_("Something else")


class Better(TitledEnum):
    """What a child says would make things better."""

    LISTEN = "listen", N_("Someone to listen to them")
    SORRY = "sorry", N_("Someone to say sorry")
    CHANGE_WORKER = "change_worker", N_("A different worker")
    MORE_FAMILY = "more_family", N_("More time with their family")
    KEEP_PROMISES = "keep_promises", N_("People to do what they said they would")
    OTHER = "other", N_("Something else")


#: Phrases that mean a child may not be safe; a council can configure its own.
DEFAULT_SAFEGUARDING_PHRASES = (
    "not safe",
    "unsafe",
    "hurts me",
    "hurt me",
    "hitting me",
    "hits me",
    "scared to go home",
    "touched me",
    "kill myself",
    "hurt myself",
    "want to die",
    "run away",
)


def sounds_unsafe(feeling: Feeling | None, texts: Iterable[str | None],
                  phrases: Iterable[str]) -> bool:  # fmt: skip
    """True when a child chose "I don't feel safe" or wrote one of the phrases."""
    if feeling is Feeling.NOT_SAFE:
        return True
    words = " ".join(" ".join(text.lower().split()) for text in texts if text)
    return any(phrase.lower() in words for phrase in phrases)
