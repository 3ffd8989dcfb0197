"""Staff accounts and their roles."""

from datetime import datetime

import sqlalchemy as sa
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


class StaffUser(Base):
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
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
