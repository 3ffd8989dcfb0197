"""The lists a new portal starts with, taken from the seed councils' annual reports
(Sandwell Children's Trust and Solihull Council, 2021/22). Councils change them as data."""

TEAMS = [
    # Sandwell Children's Trust
    "Assessment and Safeguarding",
    "Care Leavers",
    "Child Protection and Court",
    "Children in Care",
    "Disabled Children",
    "Early Help",
    "Family Support",
    "Fostering",
    # Solihull Council
    "Child Asylum & 16+ Team",
    "Child in Need Team",
    "Child Protection Unit",
    "Children's Finance",
    "LADO",
    "MASH Team",
    "SEND Social Care",
    "Youth Offending Service",
]

COMPLAINT_THEMES = [
    "Access to Service",
    "Accuracy of Assessment/Reports",
    "Actions / Conduct of Worker",
    "Change in Social Worker",
    "Decision Making",
    "Delay in Receiving Services",
    "Delays in sharing minutes/reports",
    "Family Time",
    "Financial Assistance",
    "Inappropriate Disclosure of Information",
    "Issue with Carer",
    "Lack of support",
    "Missing Savings",
    "Not Feeling Listened To",
    "Placement Changes",
    "Poor Communication",
    "Quality of service",
]

INFORMAL_FEEDBACK_THEMES = [
    "Bullying",
    "Change of Social Worker",
    "Family Time",
    "Loneliness/Anxiety",
    "Not Feeling Listened To",
    "Placement Change",
    "Violence & Aggression",
]

ISSUE_CATEGORIES: dict[str, list[str]] = {
    "Attitude or Behaviour of Staff": [
        "Accusation of bias",
        "Failure to complete agreed outcome",
        "Inappropriate comments/actions",
        "Lack of knowledge of case",
        "Poor interaction with child",
        "Rudeness",
        "Telephone call handled inappropriately",
    ],
    "Breach of confidentiality": [],
    "Contact Issues": [
        "Amount of intervention by workers",
        "Contact not arranged",
        "Contact not increased",
        "Full contact not provided",
    ],
    "Decision Making": [],
    "Delivery / Non Delivery of Service": [
        "Assessments not provided",
        "Correct process/ procedure not followed",
        "Delay in providing support",
        "Delay in undertaking assessment",
        "Frequent change of Social Worker",
        "Support not provided by SW/ Children Services",
    ],
    "Dissatisfaction with fostering process": [],
    "Finance Issues": [
        "Dissatisfaction with direct payment / process",
        "Funding not provided",
        "Quality of Financial Assessment",
    ],
    "Impact of LA policy on service user": [],
    "Mediation / training not provided": [],
    "Quality / Accuracy of Social Work reports": [],
    "Safety issues (non safeguarding)": [],
    "Unsatisfactory Communication": [
        "Calls / Email not returned",
        "Contact not made when requested",
        "Documentation / Information delayed",
        "Documentation / Information not provided",
        "Inappropriate information given to child",
        "Incorrect / Contradictory information given",
        "Meeting cancelled at short notice",
        "Not being listened to",
        "Not contacted on a regular basis",
        "Not informed / invited to meetings",
        "Not informed of a visit",
    ],
}

LEARNING_CATEGORIES = [
    "Improve communication",
    "Follow the correct process",
    "Record keeping",
    "Training",
    "Policy change",
    "Other",
]
