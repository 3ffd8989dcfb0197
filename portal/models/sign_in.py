"""Attempts to sign in, counted so that guessing is slow, whichever worker process or
machine answers."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime, utcnow


class SignInAttempt(Base):
    """One try at a way in (the tracker's secret words, a staff password or code).

    Who was trying (a case reference, a staff email) and from which network address are
    kept only as keyed hashes: enough to count failures, nothing more."""

    __tablename__ = "sign_in_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    #: Which way in: "tracker" or "staff".
    door: Mapped[str] = mapped_column(sa.String(16))
    subject_key: Mapped[str] = mapped_column(sa.String(64), index=True)
    address_key: Mapped[str] = mapped_column(sa.String(64), index=True)
    succeeded: Mapped[bool] = mapped_column(default=False)
