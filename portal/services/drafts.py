"""Answers in progress, kept server-side for at most a day; the browser holds a token."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import Draft
from .tokens import new_token, token_hash

DRAFT_LIFETIME = timedelta(hours=24)


def start_draft(
    session: Session, journey: str, now: datetime, token: str | None = None
) -> tuple[Draft, str]:
    """A new, empty draft and the token that finds it again (``token``, or a new one)."""
    token = token or new_token()
    draft = Draft(
        token_hash=token_hash(token), journey=journey, answers={}, created_at=now,
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
        .where(
            Draft.token_hash == token_hash(token),
            Draft.journey == journey,
            Draft.expires_at > now,
        )
        .with_for_update()
    )
    return session.scalar(query)


def draft_for_token(session: Session, journey: str, token: str, now: datetime) -> Draft:
    """The draft ``token`` opens, made now if there is none; safe when two requests race
    with the same token (the loser of the race finds the winner's draft)."""
    draft = find_draft(session, journey, token, now)
    if draft is not None:
        return draft
    try:
        with session.begin_nested():
            return start_draft(session, journey, now, token)[0]
    except IntegrityError:
        return find_draft(session, journey, token, now) or _raise_expired()


def _raise_expired() -> Draft:
    raise LookupError("the draft expired while being made")


def save_answer(draft: Draft, question: str, answer: dict[str, Any]) -> None:
    """Keep the answer to one question, replacing any earlier one."""
    draft.answers = {**draft.answers, question: answer}


def purge_expired_drafts(session: Session, now: datetime) -> int:
    """Delete drafts past their lifetime; return how many."""
    result = session.execute(delete(Draft).where(Draft.expires_at <= now))
    return result.rowcount or 0
