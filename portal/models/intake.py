"""What arrives through the online forms: answers in progress, what the person told us,
and the credentials that let them track their case without an account."""

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class Draft(Base):
    """Answers to an online form in progress, kept server-side for at most a day.

    The browser holds only a random token; its hash finds the draft. Once the form is
    sent the answers are cleared and ``case_id`` makes a resubmission find the same case.
    """

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    journey: Mapped[str] = mapped_column(sa.String(32))
    answers: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"))


class CaseStatement(Base):
    """In the person's own words: what happened and what they want. Personal data, kept
    apart from the case so that erasing it leaves the statistics untouched."""

    __tablename__ = "case_statements"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    what_happened: Mapped[str | None] = mapped_column(sa.Text)
    happened_on: Mapped[date | None]
    happened_over: Mapped[str | None] = mapped_column(sa.String(200))
    worker_name: Mapped[str | None] = mapped_column(sa.String(200))
    wanted_outcome: Mapped[str | None] = mapped_column(sa.Text)
    #: A compliment's message, and whether the worker may see it.
    message: Mapped[str | None] = mapped_column(sa.Text)
    share_with_worker: Mapped[bool | None]


class TrackerCredential(Base):
    """The hash of a case's secret words; the words themselves are never stored."""

    __tablename__ = "tracker_credentials"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    secret_hash: Mapped[str] = mapped_column(sa.String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class FormFeedback(Base):
    """What someone thought of filling in a form: anonymous, with no link to their case."""

    __tablename__ = "form_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    form: Mapped[str] = mapped_column(sa.String(32))
    rating: Mapped[int]
    comment: Mapped[str | None] = mapped_column(sa.String(1200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
