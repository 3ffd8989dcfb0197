"""The fixed vocabularies of the complaints procedure, as enums that carry their titles.

Values are the stable strings of the case interchange format; titles are English
message ids marked for translation.
"""

from enum import StrEnum

from .text import N_


class TitledEnum(StrEnum):
    """A string enum whose members each carry an English title for people to read."""

    def __new__(cls, value: str, title: str) -> "TitledEnum":
        member = str.__new__(cls, value)
        member._value_ = value
        member.title = title
        return member

    title: str


class CaseKind(TitledEnum):
    """What a contact is."""

    COMPLAINT = "complaint", N_("Complaint")
    COMPLIMENT = "compliment", N_("Compliment")
    INFORMAL_FEEDBACK = "informal_feedback", N_("Informal feedback")
    DUTY = "duty", N_("Resolved without a formal complaint")
    ADVOCACY_REQUEST = "advocacy_request", N_("Advocacy request")


class Procedure(TitledEnum):
    """Which complaints procedure a complaint follows."""

    STATUTORY = "statutory", N_("Statutory (Children Act 1989)")
    CORPORATE = "corporate", N_("Corporate")
    BOTH = "both", N_("Statutory and corporate")


class Channel(TitledEnum):
    """How a contact first arrived."""

    WEB = "web", N_("Online form")
    EMAIL = "email", N_("Email")
    TELEPHONE = "telephone", N_("Telephone")
    LETTER = "letter", N_("Letter")
    LEAFLET = "leaflet", N_("Leaflet")
    IN_PERSON = "in_person", N_("In person")
    VIA_WORKER = "via_worker", N_("Through a worker")
    ADVOCATE = "advocate", N_("Through an advocate")


class SubmittedBy(TitledEnum):
    """Who made a contact."""

    PARENT = "parent", N_("Parent")
    CARER = "carer", N_("Carer")
    FOSTER_CARER = "foster_carer", N_("Foster carer")
    FAMILY_MEMBER = "family_member", N_("Family member")
    CHILD = "child", N_("Child")
    YOUNG_PERSON = "young_person", N_("Young person")
    ADVOCATE = "advocate", N_("Advocate")
    PROFESSIONAL = "professional", N_("Professional")
    COURT = "court", N_("Court")
    INTERNAL = "internal", N_("Council staff")
    OTHER = "other", N_("Someone else")


class ComplimentSource(TitledEnum):
    """Who a compliment came from."""

    CHILD_YOUNG_PERSON = "child_young_person", N_("Child or young person")
    PARENT = "parent", N_("Parent")
    CARER = "carer", N_("Carer")
    FOSTER_CARER = "foster_carer", N_("Foster carer")
    COURT = "court", N_("Court")
    PARTNER_AGENCY = "partner_agency", N_("Partner agency")
    INTERNAL = "internal", N_("Council staff")


class Outcome(TitledEnum):
    """The finding on a complaint stage or on one issue."""

    UPHELD = "upheld", N_("Upheld")
    PARTIALLY_UPHELD = "partially_upheld", N_("Partially upheld")
    NOT_UPHELD = "not_upheld", N_("Not upheld")
    INCONCLUSIVE = "inconclusive", N_("Inconclusive")
    WITHDRAWN = "withdrawn", N_("Withdrawn")

    @property
    def upheld_or_partly(self) -> bool:
        """True for the outcomes the annual report counts as upheld."""
        return self in (Outcome.UPHELD, Outcome.PARTIALLY_UPHELD)


class MediationResult(TitledEnum):
    """What came of an offer of mediation."""

    RESOLVED = "resolved", N_("Resolved")
    PROGRESSED_TO_STAGE_2 = "progressed_to_stage_2", N_("Progressed to stage 2")
    REFERRED_TO_OMBUDSMAN = "referred_to_ombudsman", N_("Referred to the Ombudsman")
    PAUSED = "paused", N_("Paused")
    DECLINED = "declined", N_("Declined")


class OmbudsmanDecision(TitledEnum):
    """The Local Government and Social Care Ombudsman's decision on an enquiry."""

    FAULT_FOUND = "fault_found", N_("Fault found")
    NO_FAULT = "no_fault", N_("No fault")
    PREMATURE = "premature", N_("Premature")
    NOT_INVESTIGATED = "not_investigated", N_("Not investigated")
    OUTSIDE_JURISDICTION = "outside_jurisdiction", N_("Outside jurisdiction")


class SatisfactionStatus(TitledEnum):
    """The result of closing the loop with the person."""

    SATISFIED = "satisfied", N_("Satisfied")
    NOT_SATISFIED = "not_satisfied", N_("Not satisfied")
    ADVOCATE_FOLLOW_UP = "advocate_follow_up", N_("Advocate follows up")
    NOT_ENGAGED = "not_engaged", N_("Chose not to engage")
    TOO_YOUNG = "too_young", N_("Too young")


class DeclineReason(TitledEnum):
    """Why a contact was not taken on as a complaint at triage."""

    SERVICE_REQUEST = "service_request", N_("A request for a service, not a complaint")
    COURT_PROCEEDINGS = "court_proceedings", N_("A matter for the court")
    SAFEGUARDING = "safeguarding", N_("Being dealt with under child protection procedures")
    OTHER_ORGANISATION = "other_organisation", N_("About another organisation")
    OUT_OF_TIME = (
        "out_of_time",
        N_("Out of time: the complaints manager decided not to consider it"),
    )
    OTHER = "other", N_("Another reason (recorded in a note)")


class AdvocacyOffer(TitledEnum):
    """What happened when a child was offered an independent advocate."""

    MADE = "made", N_("Offered, no answer yet")
    ACCEPTED = "accepted", N_("Accepted")
    DECLINED = "declined", N_("Declined")
    REFERRED = "referred", N_("Referred to an advocacy provider")


class PublicTheme(TitledEnum):
    """What a "You said, we did" statement is about, as the public page groups them (in
    this order). A fixed list, so every heading is translated and no theme can say more
    about a case than it should."""

    COMMUNICATION = "communication", N_("Keeping in touch")
    CHANGE_OF_WORKER = "change_of_worker", N_("Changes of social worker")
    LISTENING = "listening", N_("Listening to children and families")
    FAMILY_TIME = "family_time", N_("Family time")
    PLACEMENTS = "placements", N_("Where children live")
    MEETINGS_AND_REPORTS = "meetings_and_reports", N_("Meetings, plans and reports")
    SUPPORT = "support", N_("Help and support")
    MONEY = "money", N_("Money and allowances")
    COMPLAINTS = "complaints", N_("How we handle complaints")
    OTHER = "other", N_("Other changes")


def overall_outcome(issue_outcomes: "list[Outcome]") -> Outcome:
    """A stage's outcome from its issues' outcomes: upheld only if every live issue is."""
    live = [outcome for outcome in issue_outcomes if outcome is not Outcome.WITHDRAWN]
    if not live:
        return Outcome.WITHDRAWN
    if all(outcome is Outcome.UPHELD for outcome in live):
        return Outcome.UPHELD
    if any(outcome.upheld_or_partly for outcome in live):
        return Outcome.PARTIALLY_UPHELD
    if all(outcome is Outcome.INCONCLUSIVE for outcome in live):
        return Outcome.INCONCLUSIVE
    return Outcome.NOT_UPHELD
