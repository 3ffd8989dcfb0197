"""Random tokens for links and drafts: the person gets the token, the database keeps only
its SHA-256 hash (a 256-bit random token needs no salt or slow hash)."""

import hashlib
import secrets


def new_token() -> str:
    """A random token of 256 bits, safe in a URL."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """The hash kept in place of a token; looking it up compares hashes, not tokens."""
    return hashlib.sha256(token.encode()).hexdigest()
