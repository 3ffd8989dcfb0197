"""Secret words: the list children draw from, how words are chosen, and how they are kept."""

import hashlib
import re
from collections import Counter

import pytest

from portal.services.credentials import (
    derive_secret_words,
    hash_secret_words,
    normalise_words,
    secret_words_match,
    word_list,
)

KEY = b"k" * 32
PEPPER = b"p" * 32


def test_the_word_list_is_long_enough_for_55_bits():
    words = word_list()
    assert len(words) >= 2048
    assert len(set(words)) == len(words)


def test_every_word_is_short_plain_lower_case():
    assert all(re.fullmatch(r"[a-z]{3,7}", word) for word in word_list())


def test_no_word_is_another_word_made_plural():
    words = set(word_list())
    assert not [word for word in words if word + "s" in words or word + "es" in words]


BLOCKED = {"gun", "kill", "dead", "blood", "knife", "bomb", "bum", "poo", "hate", "sex", "drug"}


def test_the_word_list_has_nothing_scary_or_rude():
    assert not BLOCKED & set(word_list())


def test_five_words_are_drawn_and_the_same_token_gives_the_same_words():
    first = derive_secret_words(KEY, "token-a")
    assert len(first) == 5
    assert derive_secret_words(KEY, "token-a") == first
    assert derive_secret_words(KEY, "token-b") != first
    assert derive_secret_words(b"other-key" * 4, "token-a") != first


def test_words_are_drawn_from_the_whole_list_evenly():
    counts = Counter(word for n in range(4000) for word in derive_secret_words(KEY, f"token-{n}"))
    assert set(counts) <= set(word_list())
    # 20,000 draws over about 2,000 words: roughly 10 each, and no word dominates.
    assert len(counts) > 0.95 * len(word_list())
    assert max(counts.values()) < 35


@pytest.mark.parametrize(
    "typed",
    ["apple river candle", "Apple  River\tCandle", "apple-river-candle", " apple river candle."],
)
def test_typed_words_are_normalised(typed):
    assert normalise_words(typed) == "apple river candle"


def test_the_stored_hash_checks_the_words_and_nothing_else():
    stored = hash_secret_words(PEPPER, ["apple", "river", "candle"])
    assert "apple" not in stored
    assert secret_words_match(stored, PEPPER, "SCT-AAAA-BBBB", "Apple river candle")
    assert not secret_words_match(stored, PEPPER, "SCT-AAAA-BBBB", "apple river")
    assert not secret_words_match(stored, b"q" * 32, "SCT-AAAA-BBBB", "apple river candle")


def test_each_hash_has_its_own_salt():
    first, second = (hash_secret_words(PEPPER, "apple river candle") for _ in range(2))
    assert first != second
    assert first.split("$")[1] != second.split("$")[1]


def test_new_hashes_cost_4_mib_and_older_16_mib_ones_still_open_their_case():
    assert hash_secret_words(PEPPER, "apple river candle").startswith("scrypt-v3$")
    salt = bytes(range(16))
    digest = hashlib.scrypt(b"apple river candle", salt=PEPPER + b"\x00" + salt,
                            n=2**14, r=8, p=1, dklen=32)  # fmt: skip
    stored = f"scrypt-v2${salt.hex()}${digest.hex()}"
    assert secret_words_match(stored, PEPPER, "SCT-AAAA-BBBB", "apple river candle")
    assert not secret_words_match(stored, PEPPER, "SCT-AAAA-BBBB", "apple river")


def test_words_hashed_before_salts_were_random_still_open_their_case():
    # Until 2026-11-30 the salt was the pepper and the case reference.
    digest = hashlib.scrypt(b"apple river candle", salt=PEPPER + b"\x00SCT-AAAA-BBBB",
                            n=2**14, r=8, p=1, dklen=32)  # fmt: skip
    stored = f"scrypt-v1${digest.hex()}"
    assert secret_words_match(stored, PEPPER, "SCT-AAAA-BBBB", "apple river candle")
    assert not secret_words_match(stored, PEPPER, "SCT-CCCC-DDDD", "apple river candle")
    assert not secret_words_match(stored, PEPPER, "SCT-AAAA-BBBB", "apple river")
