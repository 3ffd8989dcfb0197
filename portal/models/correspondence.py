"""What the complaints team and the person wrote to each other, and the team's own notes.

Free text, so personal data: kept apart from the case's statistics, like the statement.
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..procedure.taxonomy import TitledEnum
from ..procedure.text import N_
from .base import Base, UTCDateTime, enum_type, utcnow
from .staff import StaffUser


class LetterKind(TitledEnum):
    """What a letter to the person is for."""

    ACKNOWLEDGEMENT = "acknowledgement", N_("Acknowledgement")
    RESPONSE = "response", N_("Response")
    NOT_ACCEPTED = "not_accepted", N_("Decision not to take the complaint on")


class Letter(Base):
    """A letter sent to the person, as sent (by email when we have an address, or by post)."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    kind: Mapped[LetterKind] = mapped_column(enum_type(LetterKind))
    #: The stage a response answers.
    stage: Mapped[int | None]
    body: Mapped[str] = mapped_column(sa.Text)
    sent_by_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: True when it went by email; otherwise it is printed and posted.
    emailed: Mapped[bool] = mapped_column(default=False)
    sent_by: Mapped[StaffUser] = relationship()


class MessageAuthor(StrEnum):
    """Who wrote a message."""

    STAFF = "staff"
    PUBLIC = "public"


class CaseMessage(Base):
    """A message between staff and the person (shown in the tracker), or an internal note."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    author: Mapped[MessageAuthor] = mapped_column(enum_type(MessageAuthor))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    body: Mapped[str] = mapped_column(sa.Text)
    #: An internal note: staff only, never shown to the person.
    internal: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    staff: Mapped[StaffUser | None] = relationship()
