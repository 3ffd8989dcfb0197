"""Secret words: how a person gets back to their case without an account.

The words are never stored. At submission they are derived from the form's random draft
token (256 bits from :mod:`secrets`) with a server key, so a double-clicked "Send" shows
the same words as the first click; once the confirmation page has been shown, the
browser forgets the token and the words exist only where the person wrote them down.
Only an scrypt hash of them, with a random salt and keyed by a server-side pepper, is kept
with the case. The hash needs nothing from the database, so a submission works it out
before its transaction begins: on SQLite a transaction that writes holds the one write
lock, and scrypt's time inside it would make every other submission wait.
"""

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

WORD_LIST = Path(__file__).resolve().parent.parent / "data" / "secret_words.txt"
WORD_COUNT = 5

#: scrypt's memory cost N (with r=8, p=1) by scheme. The words carry 55 bits (5 of 2,129,
#: chosen by a CSPRNG), the hash is keyed by a server-side pepper and salted per case, and
#: guesses at the door are throttled; so the cost only matters to someone holding both
#: the database and the pepper, and at 4 MiB (about 10 ms) searching one case's words
#: still takes millions of core-years. A dearer hash costs the portal at every submission
#: and sign-in, and an attacker nothing more that matters. v1 and v2 used 16 MiB.
SCRYPT_COST = {"scrypt-v1": 2**14, "scrypt-v2": 2**14, "scrypt-v3": 2**12}
SCRYPT_R, SCRYPT_P = 8, 1
HASH_SCHEME = "scrypt-v3"
#: Hashes made before 2026-11-30 were salted with the case reference instead.
REFERENCE_SALTED = "scrypt-v1"
SALT_BYTES = 16


@lru_cache(maxsize=1)
def word_list() -> tuple[str, ...]:
    """The child-safe words secret words are drawn from."""
    return tuple(WORD_LIST.read_text(encoding="ascii").split())


def derive_secret_words(key: bytes, token: str, count: int = WORD_COUNT) -> list[str]:
    """``count`` words chosen uniformly from the list by an HMAC stream over ``token``."""
    words = word_list()
    limit = (2**32 // len(words)) * len(words)  # reject the biased top of the range
    chosen: list[str] = []
    counter = 0
    while len(chosen) < count:
        block = hmac.digest(key, f"{token}:{counter}".encode(), "sha256")
        counter += 1
        for offset in range(0, len(block), 4):
            value = int.from_bytes(block[offset : offset + 4], "big")
            if value < limit and len(chosen) < count:
                chosen.append(words[value % len(words)])
    return chosen


def normalise_words(text: str) -> str:
    """Words as typed, in one form: lower case, single spaces, no hyphens or punctuation."""
    cleaned = "".join(ch if ch.isalpha() else " " for ch in text.lower())
    return " ".join(cleaned.split())


def hash_secret_words(pepper: bytes, words: Sequence[str] | str) -> str:
    """The stored form of a case's secret words: ``scrypt-v3$SALT$DIGEST`` in hex."""
    salt = secrets.token_bytes(SALT_BYTES)
    return f"{HASH_SCHEME}${salt.hex()}${_digest(pepper, salt, words, SCRYPT_COST[HASH_SCHEME])}"


def secret_words_match(stored: str, pepper: bytes, reference: str, typed: str) -> bool:
    """True when ``typed`` are the case's secret words (compared in constant time)."""
    scheme, *parts = stored.split("$")
    if scheme == REFERENCE_SALTED:
        salt_hex, digest = reference.encode().hex(), parts[0]
    else:
        salt_hex, digest = parts
    typed_digest = _digest(pepper, bytes.fromhex(salt_hex), typed, SCRYPT_COST[scheme])
    return hmac.compare_digest(digest, typed_digest)


def _digest(pepper: bytes, salt: bytes, words: Sequence[str] | str, cost: int) -> str:
    phrase = normalise_words(words if isinstance(words, str) else " ".join(words))
    return hashlib.scrypt(
        phrase.encode(), salt=pepper + b"\x00" + salt, n=cost, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    ).hex()
