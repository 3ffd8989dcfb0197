"""The lists a council configures: teams, themes, issue categories, learning categories.

Names are kept once created, so old cases keep the names they had; ``active`` decides
what staff may choose for new cases.
"""

from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, enum_type


class ThemeScope(StrEnum):
    """Which kind of contact a theme describes."""

    COMPLAINT = "complaint"
    INFORMAL_FEEDBACK = "informal_feedback"


class Team(Base):
    """A team or service area that complaints and compliments are about."""

    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    #: Where compliments for the team are sent.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    active: Mapped[bool] = mapped_column(default=True)


class Theme(Base):
    """A theme a complaint or informal feedback is about, for the annual report."""

    __tablename__ = "themes"
    __table_args__ = (sa.UniqueConstraint("scope", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    scope: Mapped[ThemeScope] = mapped_column(enum_type(ThemeScope))
    active: Mapped[bool] = mapped_column(default=True)


class IssueCategory(Base):
    """A category of the separate issues a complaint is split into."""

    __tablename__ = "issue_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
    subcategories: Mapped[list["IssueSubcategory"]] = relationship(
        back_populates="category", order_by="IssueSubcategory.name"
    )


class IssueSubcategory(Base):
    """A finer category within an issue category."""

    __tablename__ = "issue_subcategories"
    __table_args__ = (sa.UniqueConstraint("category_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("issue_categories.id"))
    name: Mapped[str] = mapped_column(sa.String(120))
    active: Mapped[bool] = mapped_column(default=True)
    category: Mapped[IssueCategory] = relationship(back_populates="subcategories")


class LearningCategory(Base):
    """What kind of learning a closed complaint gave (improve communication, training …)."""

    __tablename__ = "learning_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    active: Mapped[bool] = mapped_column(default=True)
