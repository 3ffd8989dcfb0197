"""A case and everything recorded about it, except personal data (see ``person``).

The columns follow the case interchange format, so the annual report can be computed
from them and a case can be exported and imported without loss.
"""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..procedure.stages import Step
from ..procedure.taxonomy import (
    AdvocacyOffer,
    CaseKind,
    Channel,
    ComplimentSource,
    DeclineReason,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    SatisfactionStatus,
    SubmittedBy,
)
from .base import Base, UTCDateTime, enum_type, utcnow
from .staff import StaffUser
from .taxonomy import IssueCategory, IssueSubcategory, LearningCategory, Team, Theme


class Case(Base):
    """One contact: a complaint, compliment, informal feedback, duty case or advocacy request."""

    __tablename__ = "cases"
    __table_args__ = (
        # Open contacts of a kind: compliments stay open for good, so closed_on alone
        # narrows the queue's list of other open contacts to tens of thousands of rows.
        sa.Index("ix_cases_kind_closed_on", "kind", "closed_on"),
        # A kind's contacts received in a reporting year, as the annual report counts them.
        sa.Index("ix_cases_kind_received_on", "kind", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The public reference, safe to read aloud and print on letters.
    reference: Mapped[str] = mapped_column(sa.String(32), unique=True)
    kind: Mapped[CaseKind] = mapped_column(enum_type(CaseKind), index=True)
    procedure: Mapped[Procedure | None] = mapped_column(enum_type(Procedure))
    received_on: Mapped[date] = mapped_column(index=True)
    channel: Mapped[Channel] = mapped_column(enum_type(Channel))
    submitted_by: Mapped[SubmittedBy] = mapped_column(enum_type(SubmittedBy))
    child_led: Mapped[bool] = mapped_column(default=False)
    advocate_supported: Mapped[bool] = mapped_column(default=False)
    #: Pseudonymous key of the complainant, the same across their cases.
    person_key: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    team_id: Mapped[int | None] = mapped_column(sa.ForeignKey("teams.id"), index=True)
    locality: Mapped[str | None] = mapped_column(sa.String(120))
    compliment_source: Mapped[ComplimentSource | None] = mapped_column(enum_type(ComplimentSource))
    #: Where a complaint is in its procedure; None for other kinds.
    step: Mapped[Step | None] = mapped_column(enum_type(Step), index=True)
    closed_on: Mapped[date | None] = mapped_column(index=True)
    #: False while the procedure is only the form's provisional routing, until triage.
    procedure_confirmed: Mapped[bool] = mapped_column(default=True)
    #: Why the procedure was chosen, as a code (see ``procedure.routing``).
    routing_reason: Mapped[str | None] = mapped_column(sa.String(32))
    #: The events are more than 12 months old: the complaints manager decides.
    out_of_time: Mapped[bool] = mapped_column(default=False)
    #: The language the person uses with us; emails and letters go out in it.
    language: Mapped[str] = mapped_column(sa.String(8), default="en")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: The day a complaints officer triaged it; None while it waits in the queue.
    triaged_on: Mapped[date | None] = mapped_column(index=True)
    acknowledged_on: Mapped[date | None]
    #: Why triage did not take it on as a complaint; such contacts are not reported.
    declined_reason: Mapped[DeclineReason | None] = mapped_column(enum_type(DeclineReason))
    #: The investigating manager who answers it.
    assignee_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"), index=True)
    #: A safeguarding concern was raised and passed to the right team.
    safeguarding: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    advocacy_offer: Mapped[AdvocacyOffer | None] = mapped_column(enum_type(AdvocacyOffer))
    advocacy_provider: Mapped[str | None] = mapped_column(sa.String(120))
    #: The person asked online for the next stage on this day; cleared when it starts.
    escalation_requested_on: Mapped[date | None] = mapped_column(index=True)
    #: The open step a closed or withdrawn case left, so it can be reopened to it.
    left_step: Mapped[str | None] = mapped_column(sa.String(16))

    team: Mapped[Team | None] = relationship()
    assignee: Mapped[StaffUser | None] = relationship()
    case_themes: Mapped[list["CaseTheme"]] = relationship(
        order_by="CaseTheme.position", cascade="all, delete-orphan"
    )
    stages: Mapped[list["Stage"]] = relationship(
        order_by="Stage.number", cascade="all, delete-orphan", back_populates="case"
    )
    issues: Mapped[list["CaseIssue"]] = relationship(
        order_by="CaseIssue.position", cascade="all, delete-orphan"
    )
    mediation: Mapped["Mediation | None"] = relationship(cascade="all, delete-orphan")
    ombudsman: Mapped["OmbudsmanEnquiry | None"] = relationship(cascade="all, delete-orphan")
    satisfaction: Mapped["SatisfactionResult | None"] = relationship(cascade="all, delete-orphan")
    learning: Mapped["LearningForm | None"] = relationship(cascade="all, delete-orphan")
    investigation: Mapped["Investigation | None"] = relationship(cascade="all, delete-orphan")
    panel: Mapped["ReviewPanel | None"] = relationship(cascade="all, delete-orphan")

    @property
    def themes(self) -> list[Theme]:
        """The case's themes, in the order they were recorded."""
        return [link.theme for link in self.case_themes]

    def stage(self, number: int) -> "Stage | None":
        """The stage with this number, if the case has reached it."""
        return next((stage for stage in self.stages if stage.number == number), None)


class CaseTheme(Base):
    """A theme of a case, kept in order."""

    __tablename__ = "case_themes"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    theme_id: Mapped[int] = mapped_column(sa.ForeignKey("themes.id"), primary_key=True)
    position: Mapped[int]
    theme: Mapped[Theme] = relationship()


class Stage(Base):
    """One stage of a complaint: when its clock started, whether extended, its response."""

    __tablename__ = "stages"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "number"),
        sa.CheckConstraint("number BETWEEN 1 AND 3", name="number_range"),
        sa.CheckConstraint("responded_on IS NULL OR responded_on >= started_on", name="order"),
        # Stages of one number started or answered in a reporting year (the annual report).
        sa.Index("ix_stages_number_started_on", "number", "started_on"),
        sa.Index("ix_stages_number_responded_on", "number", "responded_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    number: Mapped[int]
    started_on: Mapped[date] = mapped_column(index=True)
    extended: Mapped[bool] = mapped_column(default=False)
    responded_on: Mapped[date | None] = mapped_column(index=True)
    outcome: Mapped[Outcome | None] = mapped_column(enum_type(Outcome))
    #: Who agreed the extension, when and how; recorded whenever ``extended`` is set.
    extension_agreed_on: Mapped[date | None]
    extension_agreed_by: Mapped[str | None] = mapped_column(sa.String(120))
    extension_how: Mapped[str | None] = mapped_column(sa.String(120))
    #: Why more time was needed, as told to the person.
    extension_reason: Mapped[str | None] = mapped_column(sa.Text)
    case: Mapped[Case] = relationship(back_populates="stages")


class CaseIssue(Base):
    """One separate point of a complaint, with the outcome reached on it."""

    __tablename__ = "case_issues"
    __table_args__ = (sa.CheckConstraint("stage BETWEEN 1 AND 3", name="stage_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    position: Mapped[int]
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("issue_categories.id"))
    subcategory_id: Mapped[int | None] = mapped_column(sa.ForeignKey("issue_subcategories.id"))
    #: The stage at which the outcome was reached.
    stage: Mapped[int]
    outcome: Mapped[Outcome | None] = mapped_column(enum_type(Outcome))
    category: Mapped[IssueCategory] = relationship()
    subcategory: Mapped[IssueSubcategory | None] = relationship()

    @property
    def title(self) -> str:
        """The issue as staff and letters name it: "Category: Subcategory"."""
        if self.subcategory is None:
            return self.category.name
        return f"{self.category.name}: {self.subcategory.name}"


class Mediation(Base):
    """An offer of mediation (statutory complaints, before stage 2) and its result."""

    __tablename__ = "mediations"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    offered_on: Mapped[date] = mapped_column(index=True)
    result: Mapped[MediationResult | None] = mapped_column(enum_type(MediationResult))


class OmbudsmanEnquiry(Base):
    """An enquiry from the Local Government and Social Care Ombudsman."""

    __tablename__ = "ombudsman_enquiries"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    received_on: Mapped[date] = mapped_column(index=True)
    decision: Mapped[OmbudsmanDecision | None] = mapped_column(enum_type(OmbudsmanDecision))
    decided_on: Mapped[date | None]
    #: What the Ombudsman asked the council to do, in the Ombudsman's words.
    remedy: Mapped[str | None] = mapped_column(sa.Text)
    payment_pence: Mapped[int | None]


class SatisfactionResult(Base):
    """The result of closing the loop with the person at the end."""

    __tablename__ = "satisfaction_results"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    status: Mapped[SatisfactionStatus] = mapped_column(enum_type(SatisfactionStatus))
    #: How the result was found: a :class:`FollowUpMethod` value (None when imported).
    method: Mapped[str | None] = mapped_column(sa.String(16))
    recorded_on: Mapped[date | None]
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))


class LearningForm(Base):
    """The learning form sent to the investigating manager when a complaint closes."""

    __tablename__ = "learning_forms"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    sent_on: Mapped[date] = mapped_column(index=True)
    returned_on: Mapped[date | None]
    implemented_on: Mapped[date | None]
    actions: Mapped[list["LearningAction"]] = relationship(
        order_by="LearningAction.id", cascade="all, delete-orphan"
    )
    form_categories: Mapped[list["LearningFormCategory"]] = relationship(
        order_by="LearningFormCategory.position", cascade="all, delete-orphan"
    )

    @property
    def categories(self) -> list[LearningCategory]:
        """The learning categories recorded on the form, in order."""
        return [link.category for link in self.form_categories]


class LearningFormCategory(Base):
    """A learning category recorded on a learning form, kept in order."""

    __tablename__ = "learning_form_categories"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("learning_forms.case_id"), primary_key=True)
    category_id: Mapped[int] = mapped_column(
        sa.ForeignKey("learning_categories.id"), primary_key=True
    )
    position: Mapped[int]
    category: Mapped[LearningCategory] = relationship()


class LearningAction(Base):
    """Something the service will do differently because of a complaint, and who owns it."""

    __tablename__ = "learning_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("learning_forms.case_id"), index=True)
    description: Mapped[str] = mapped_column(sa.Text)
    owner: Mapped[str] = mapped_column(sa.String(120))
    due_on: Mapped[date]
    implemented_on: Mapped[date | None]
    #: What difference the action made, recorded by the complaints manager.
    difference_made: Mapped[str | None] = mapped_column(sa.Text)
    #: "You said, we did": the anonymised statement the public page shows, once published.
    public_statement: Mapped[str | None] = mapped_column(sa.Text)
    public_theme: Mapped[str | None] = mapped_column(sa.String(80))
    published_on: Mapped[date | None] = mapped_column(index=True)


class Investigation(Base):
    """A stage 2 investigation: the three people the regulations require, and their dates."""

    __tablename__ = "investigations"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    investigating_officer: Mapped[str] = mapped_column(sa.String(120))
    independent_person: Mapped[str] = mapped_column(sa.String(120))
    adjudicating_officer: Mapped[str] = mapped_column(sa.String(120))
    #: When the investigating officer's report reached the adjudicating officer.
    report_on: Mapped[date | None]
    #: When the adjudicating officer's decision was made.
    adjudication_on: Mapped[date | None]


class ReviewPanel(Base):
    """A stage 3 review panel: three members, the panel's date and its findings."""

    __tablename__ = "review_panels"

    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), primary_key=True)
    chair: Mapped[str] = mapped_column(sa.String(120))
    member_2: Mapped[str] = mapped_column(sa.String(120))
    member_3: Mapped[str] = mapped_column(sa.String(120))
    panel_on: Mapped[date | None]
    findings_on: Mapped[date | None]
    findings: Mapped[str | None] = mapped_column(sa.Text)
