"""Case references: easy to read aloud, impossible to guess from one another."""

import secrets

#: No 0/O, 1/I/L, 2/Z, 5/S or 8/B: each character has one reading, on paper or by phone.
REFERENCE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
GROUP_LENGTH = 4


def new_reference(prefix: str) -> str:
    """A fresh random reference such as ``SCT-7KD4-M9QP`` (about 37 bits)."""
    groups = (
        "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(2)
    )
    return "-".join([prefix, *groups])
