"""Staff accounts and their roles."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from ..procedure.taxonomy import TitledEnum
from ..procedure.text import N_
from .base import Base, UTCDateTime, enum_type, utcnow


class Role(TitledEnum):
    """What a member of staff may do."""

    COMPLAINTS_OFFICER = "complaints_officer", N_("Complaints officer")
    INVESTIGATING_MANAGER = "investigating_manager", N_("Investigating manager")
    PARTICIPATION_OFFICER = "participation_officer", N_("Participation officer")
    COMPLAINTS_MANAGER = "complaints_manager", N_("Complaints manager")
    VIEWER = "viewer", N_("Viewer (reports only)")
    ADVOCATE = "advocate", N_("Advocate (sees the cases they support)")


class StaffUser(UserMixin, Base):
    """A member of the complaints team or the wider service who signs in."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    #: Werkzeug scrypt hash; None until the invitation is accepted.
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    #: Base32 TOTP secret; None until enrolled.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    #: The last TOTP time step used, so a code works once only.
    totp_last_step: Mapped[int | None]
    #: Raised to end every session of the user at once (sign-out everywhere, disabling).
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def get_id(self) -> str:
        """The session's user id: the row and its session version, so raising the version
        signs the user out everywhere."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.active


class TokenPurpose(StrEnum):
    """What a one-time staff link is for."""

    INVITATION = "invitation"
    RESET = "reset"


class StaffToken(Base):
    """A single-use link emailed to a member of staff; only a hash of its token is kept."""

    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    purpose: Mapped[TokenPurpose] = mapped_column(enum_type(TokenPurpose))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
