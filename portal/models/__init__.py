"""The portal's tables, one module per aggregate."""

from .audit import CASE_VIEWED, ActorKind, AuditEvent
from .base import Base
from .case import (
    Case,
    CaseIssue,
    CaseTheme,
    Investigation,
    LearningAction,
    LearningForm,
    LearningFormCategory,
    Mediation,
    OmbudsmanEnquiry,
    ReviewPanel,
    SatisfactionResult,
    Stage,
)
from .correspondence import CaseMessage, Letter, LetterKind, MessageAuthor
from .intake import CaseStatement, Draft, FormFeedback, TrackerCredential
from .outbox import OutboxMessage, OutboxStatus
from .person import Adjustment, ChildAgreement, ContactMethod, Person, PersonRole
from .sign_in import SignInAttempt
from .staff import Role, StaffToken, StaffUser, TokenPurpose
from .survey import SurveyAnswer, SurveyInvitation, SurveyOptOut
from .taxonomy import IssueCategory, IssueSubcategory, LearningCategory, Team, Theme, ThemeScope
from .tracker import AdvocateLink, TrackerLink, TrackerSession

__all__ = [
    "CASE_VIEWED",
    "ActorKind",
    "Adjustment",
    "AdvocateLink",
    "AuditEvent",
    "Base",
    "Case",
    "CaseIssue",
    "CaseMessage",
    "CaseStatement",
    "CaseTheme",
    "ChildAgreement",
    "ContactMethod",
    "Draft",
    "FormFeedback",
    "Investigation",
    "IssueCategory",
    "IssueSubcategory",
    "LearningAction",
    "LearningCategory",
    "LearningForm",
    "LearningFormCategory",
    "Letter",
    "LetterKind",
    "Mediation",
    "MessageAuthor",
    "OmbudsmanEnquiry",
    "OutboxMessage",
    "OutboxStatus",
    "Person",
    "PersonRole",
    "ReviewPanel",
    "Role",
    "SatisfactionResult",
    "SignInAttempt",
    "StaffToken",
    "StaffUser",
    "Stage",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyOptOut",
    "Team",
    "Theme",
    "ThemeScope",
    "TokenPurpose",
    "TrackerCredential",
    "TrackerLink",
    "TrackerSession",
]
