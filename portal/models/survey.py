"""Closing-the-loop surveys: invitations (only the link's hash is kept), the answers
given, and the addresses that asked never to be asked again."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..procedure.surveys import Questionnaire, Round
from .base import Base, UTCDateTime, enum_type, utcnow


class SurveyInvitation(Base):
    """One survey sent for a case: the closing survey, or a child's follow-up."""

    __tablename__ = "survey_invitations"
    __table_args__ = (sa.UniqueConstraint("case_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    round: Mapped[Round] = mapped_column(enum_type(Round))
    questionnaire: Mapped[Questionnaire] = mapped_column(enum_type(Questionnaire))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    answers: Mapped[list["SurveyAnswer"]] = relationship(
        order_by="SurveyAnswer.id", cascade="all, delete-orphan"
    )

    def answered(self) -> dict[str, str]:
        """Each answered question's key and its answer (or the words, for comments)."""
        return {answer.question: answer.value for answer in self.answers}


class SurveyAnswer(Base):
    """The answer to one question, saved as soon as it is given."""

    __tablename__ = "survey_answers"
    __table_args__ = (sa.UniqueConstraint("invitation_id", "question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_invitations.id"), index=True)
    question: Mapped[str] = mapped_column(sa.String(40))
    #: A choice's value, or the person's own words for a free-text question.
    value: Mapped[str] = mapped_column(sa.Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SurveyOptOut(Base):
    """An address that asked not to be sent surveys again, kept as a keyed hash."""

    __tablename__ = "survey_opt_outs"

    address_key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
