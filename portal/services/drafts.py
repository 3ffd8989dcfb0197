"""Answers in progress, kept server-side for at most a day; the browser holds a token."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..models import Draft

DRAFT_LIFETIME = timedelta(hours=24)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_draft(session: Session, journey: str, now: datetime) -> tuple[Draft, str]:
    """A new, empty draft and the token that finds it again."""
    token = secrets.token_urlsafe(32)
    draft = Draft(
        token_hash=_hash(token), journey=journey, answers={}, created_at=now,
        expires_at=now + DRAFT_LIFETIME,
    )  # fmt: skip
    session.add(draft)
    session.flush()
    return draft, token


def find_draft(session: Session, journey: str, token: str | None, now: datetime) -> Draft | None:
    """The unexpired draft of ``journey`` that ``token`` opens, locked for this transaction."""
    if not token:
        return None
    query = (
        select(Draft)
        .where(Draft.token_hash == _hash(token), Draft.journey == journey, Draft.expires_at > now)
        .with_for_update()
    )
    return session.scalar(query)


def save_answer(draft: Draft, question: str, answer: dict[str, Any]) -> None:
    """Keep the answer to one question, replacing any earlier one."""
    draft.answers = {**draft.answers, question: answer}


def purge_expired_drafts(session: Session, now: datetime) -> int:
    """Delete drafts past their lifetime; return how many."""
    result = session.execute(delete(Draft).where(Draft.expires_at <= now))
    return result.rowcount or 0
