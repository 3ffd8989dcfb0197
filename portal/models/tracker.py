"""How people get back to their case without an account: emailed sign-in links, and
advocates' access to the cases they support."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime


class TrackerLink(Base):
    """A single-use sign-in link emailed to the person; only the token's hash is kept."""

    __tablename__ = "tracker_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TrackerSession(Base):
    """A signed-in tracker session. The browser holds a random key; only its hash is kept,
    so signing out (or staff issuing new words) ends the session for any copy of the cookie."""

    __tablename__ = "tracker_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AdvocateLink(Base):
    """An advocate supporting a child's case, with the child's consent to it."""

    __tablename__ = "advocate_links"
    __table_args__ = (sa.UniqueConstraint("case_id", "advocate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    advocate_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    consent_on: Mapped[date]
    #: When the child or the complaints team withdrew consent: access ends at once.
    withdrawn_on: Mapped[date | None]
