"""Personal data about the people in a case, kept apart from the case itself.

Erasing a person deletes their rows here and nothing else, so the statistics the
annual report is built from stay the same.
"""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..procedure.taxonomy import TitledEnum
from ..procedure.text import N_
from .base import Base, UTCDateTime, enum_type, utcnow


class PersonRole(StrEnum):
    """How a person is involved in a case."""

    COMPLAINANT = "complainant"
    CHILD = "child"
    REPRESENTATIVE = "representative"


class ContactMethod(StrEnum):
    """How a person prefers to hear from us."""

    EMAIL = "email"
    PHONE = "phone"
    POST = "post"


class Adjustment(TitledEnum):
    """A reasonable adjustment a person asks for."""

    LARGE_PRINT = "large_print", N_("Letters in large print")
    EASY_READ = "easy_read", N_("Letters in easy read")
    INTERPRETER = "interpreter", N_("An interpreter or letters in another language")
    BSL = "bsl", N_("A British Sign Language interpreter")
    PHONE_NOT_LETTERS = "phone_not_letters", N_("A phone call instead of letters")
    ADVOCATE = "advocate", N_("To talk to us through an advocate or supporter")


#: The adjustments that change how a letter is sent, which staff are shown as they write one.
LETTER_ADJUSTMENTS = (
    Adjustment.LARGE_PRINT,
    Adjustment.EASY_READ,
    Adjustment.INTERPRETER,
    Adjustment.PHONE_NOT_LETTERS,
)


class ChildAgreement(TitledEnum):
    """Whether a child knows about, and agrees to, a complaint made for them."""

    YES = "yes", N_("Yes")
    NO = "no", N_("No")
    TOO_YOUNG = "too_young", N_("They are too young to say")


class Person(Base):
    """A person's name and contact details for one case."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    role: Mapped[PersonRole] = mapped_column(enum_type(PersonRole))
    full_name: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    postal_address: Mapped[str | None] = mapped_column(sa.String(500))
    date_of_birth: Mapped[date | None]
    age: Mapped[int | None]
    #: A :class:`ContactMethod` value.
    preferred_contact: Mapped[str | None] = mapped_column(sa.String(8))
    safe_times: Mapped[str | None] = mapped_column(sa.String(200))
    #: Reasonable adjustments, as :class:`Adjustment` values.
    adjustments: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interpreter_language: Mapped[str | None] = mapped_column(sa.String(80))
    #: For a child: "yes", "no" or "not_sure" (in care); a :class:`ChildAgreement` value.
    in_care: Mapped[str | None] = mapped_column(sa.String(16))
    consent: Mapped[str | None] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def letter_adjustments(self) -> list[str]:
        """The adjustments asked for that change how letters to this person are sent."""
        asked = set(self.adjustments or [])
        return [need.value for need in LETTER_ADJUSTMENTS if need.value in asked]
