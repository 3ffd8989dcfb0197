"""A child's words that mean they may not be safe are noticed, and ordinary ones are not."""

import pytest

from portal.procedure.children import DEFAULT_SAFEGUARDING_PHRASES, Feeling, sounds_unsafe


@pytest.mark.parametrize(
    ("feeling", "texts", "unsafe"),
    [
        (Feeling.NOT_SAFE, [], True),
        (Feeling.SAD, ["My dad   HURTS me when he is cross"], True),
        (Feeling.WORRIED, [None, "I am scared to go home"], True),
        (Feeling.ANGRY, ["My social worker never calls back"], False),
        (None, ["I want to see my brother more"], False),
    ],
)
def test_unsafe_words_are_noticed(feeling, texts, unsafe):
    assert sounds_unsafe(feeling, texts, DEFAULT_SAFEGUARDING_PHRASES) is unsafe
