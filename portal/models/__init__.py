"""The portal's tables, one module per aggregate."""

from .audit import ActorKind, AuditEvent
from .base import Base
from .case import (
    Case,
    CaseIssue,
    CaseTheme,
    LearningForm,
    LearningFormCategory,
    Mediation,
    OmbudsmanEnquiry,
    SatisfactionResult,
    Stage,
)
from .intake import CaseStatement, Draft, FormFeedback, TrackerCredential
from .outbox import OutboxMessage, OutboxStatus
from .person import Adjustment, ChildAgreement, ContactMethod, Person, PersonRole
from .staff import Role, StaffUser
from .taxonomy import IssueCategory, IssueSubcategory, LearningCategory, Team, Theme, ThemeScope

__all__ = [
    "ActorKind",
    "Adjustment",
    "AuditEvent",
    "Base",
    "Case",
    "CaseIssue",
    "CaseStatement",
    "CaseTheme",
    "ChildAgreement",
    "ContactMethod",
    "Draft",
    "FormFeedback",
    "IssueCategory",
    "IssueSubcategory",
    "LearningCategory",
    "LearningForm",
    "LearningFormCategory",
    "Mediation",
    "OmbudsmanEnquiry",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "PersonRole",
    "Role",
    "SatisfactionResult",
    "StaffUser",
    "Stage",
    "Team",
    "Theme",
    "ThemeScope",
    "TrackerCredential",
]
