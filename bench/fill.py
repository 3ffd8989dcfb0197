"""What the benchmarks share: a fresh portal database, and generated cases written in bulk.

``bench_app()`` builds the portal on a new SQLite file in a temporary folder, or on the
(empty) PostgreSQL database named by PORTAL_DATABASE_URL, and migrates it. ``CaseMaker``
invents cases one at a time and collects the rows each table needs; ``write_rows`` sends
them with Core ``insert()`` over lists of dicts, so a hundred thousand cases take minutes.
Rows carry their own ids (so messages and audit events can name them without a round trip),
and ``reset_sequences`` moves PostgreSQL's counters past them afterwards.
"""

import os
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy.orm import Session

from portal import create_app
from portal.extensions import db
from portal.models import IssueCategory, IssueSubcategory, Team, Theme
from portal.models.audit import GENESIS_HASH, chain_hash
from portal.models.base import Base
from portal.services.references import GROUP_LENGTH, REFERENCE_ALPHABET
from portal.services.taxonomy import seed_default_taxonomy

#: Cases per transaction.
BATCH = 5_000
BENCH_SECRET_KEY = "bench-" + "x" * 40

#: Parents of the tables that follow them, so foreign keys always find their row.
TABLE_ORDER = [
    "cases",
    "case_themes",
    "stages",
    "case_issues",
    "people",
    "case_statements",
    "case_messages",
    "audit_events",
]

_FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harpreet", "Jan", "Kasia",
          "Leon", "Maya", "Nadia", "Owen", "Priya", "Rhys", "Sana", "Tom", "Uma",
          "Zak"]  # fmt: skip
_LAST = ["Ahmed", "Brown", "Clarke", "Dhillon", "Evans", "Kowalski", "Patel", "Smith",
         "Taylor", "Nowak", "Okafor", "Jones", "Hughes", "Begum", "Wilson"]  # fmt: skip
_STREETS = ["High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road"]
_STAFF_LINES = [
    "Thank you for getting in touch. I have passed this to the team manager.",
    "I have arranged a call with your social worker for next week.",
    "Could you tell me which dates the meetings were cancelled?",
    "We have looked into this and will write to you with our response.",
    "I am sorry for the delay; the manager is still gathering the records.",
]
_PUBLIC_LINES = [
    "Nobody has called me back since my last message.",
    "The contact session was cancelled again without any notice.",
    "Thank you, the new worker has been in touch and it is much better.",
    "I still have not had the minutes of the meeting.",
    "My daughter would like to speak to someone herself.",
]
_NOTES = [
    "Spoke to the team manager; records requested.",
    "Chased the investigating manager for a draft response.",
    "Checked with legal: no court proceedings under way.",
]
#: Who writes, what they write, whether staff only, and the audit action, for each kind.
_MESSAGE_KINDS = [
    ("staff", _STAFF_LINES, False, "message.sent"),
    ("public", _PUBLIC_LINES, False, "message.received"),
    ("staff", _NOTES, True, "note.added"),
]
STATEMENTS = [
    "My son's social worker has changed four times this year and nobody told us.",
    "Family time with my children keeps being cancelled at short notice.",
    "The care plan was agreed without asking me or my daughter.",
    "We asked for support with my child's school place and heard nothing for months.",
]


def bench_app() -> tuple[Flask, str]:
    """The portal on a fresh, migrated database with the default taxonomy, and where it is."""
    url = os.environ.get("PORTAL_DATABASE_URL")
    database = url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    app = create_app({"DATABASE_URL": database, "SECRET_KEY": BENCH_SECRET_KEY})
    with app.app_context():
        upgrade(directory=str(Path(app.root_path) / "migrations"))
        seed_default_taxonomy(db.session)
        db.session.commit()
    return app, database


@dataclass(frozen=True)
class Taxonomy:
    """The seeded ids a case can point at."""

    subcategories: dict[int, list[int]]
    teams: list[int]
    themes: list[int]

    @classmethod
    def load(cls, session: Session) -> "Taxonomy":
        subcategories: dict[int, list[int]] = {
            category: [] for category in session.scalars(sa.select(IssueCategory.id))
        }
        for sub, category in session.execute(
            sa.select(IssueSubcategory.id, IssueSubcategory.category_id)
        ):
            subcategories[category].append(sub)
        return cls(
            subcategories,
            list(session.scalars(sa.select(Team.id))),
            list(session.scalars(sa.select(Theme.id))),
        )


@dataclass
class AuditChain:
    """Audit events as rows, hashed exactly as ``record_event`` hashes them."""

    next_id: int = 1
    tip: str = GENESIS_HASH

    def rows(self, events: list[tuple]) -> list[dict[str, Any]]:
        """Chain ``events`` (occurred_at, actor_kind, actor_id, action, case_id, details)
        onto the tip, in time order."""
        rows = []
        for occurred_at, actor_kind, actor_id, action, case_id, details in sorted(
            events, key=lambda event: event[0]
        ):
            fields = {
                "occurred_at": occurred_at, "actor_kind": actor_kind, "actor_id": actor_id,
                "action": action, "case_id": case_id, "details": details,
                "previous_hash": self.tip,
            }  # fmt: skip
            self.tip = chain_hash(**fields)
            rows.append({"id": self.next_id, **fields, "event_hash": self.tip})
            self.next_id += 1
        return rows


@dataclass
class CaseMaker:
    """Invents cases and the rows that go with them, numbering them itself."""

    rng: random.Random
    taxonomy: Taxonomy
    prefix: str = "SCT"
    #: How many different people complain: fewer than cases, so some come back.
    person_pool: int = 50_000
    officers: list[int] = field(default_factory=list)
    answerers: list[int] = field(default_factory=list)
    next_case: int = 1
    next_message: int = 1
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    events: list[tuple] = field(default_factory=list)
    _references: set[str] = field(default_factory=set)

    def reference(self) -> str:
        """A unique reference in the portal's own format."""
        while True:
            groups = ("".join(self.rng.choices(REFERENCE_ALPHABET, k=GROUP_LENGTH)) for _ in "ab")
            reference = "-".join([self.prefix, *groups])
            if reference not in self._references:
                self._references.add(reference)
                return reference

    def case(self, kind: str, received: date, **columns: Any) -> dict[str, Any]:
        """A case row with believable defaults, added to the batch."""
        rng = self.rng
        row = {
            "id": self.next_case, "reference": self.reference(), "kind": kind,
            "procedure": None, "received_on": received,
            "channel": rng.choice(["web", "web", "web", "email", "telephone", "letter"]),
            "submitted_by": rng.choice(["parent", "parent", "carer", "foster_carer",
                                        "child", "young_person", "family_member"]),
            "child_led": rng.random() < 0.15, "advocate_supported": rng.random() < 0.05,
            "person_key": f"p{rng.randrange(self.person_pool)}",
            "team_id": rng.choice(self.taxonomy.teams),
            "step": None, "closed_on": None, "procedure_confirmed": True,
            "out_of_time": False, "language": "en", "safeguarding": rng.random() < 0.02,
            "created_at": at(rng, received), "triaged_on": None, "acknowledged_on": None,
            "assignee_id": None, "compliment_source": None,
        }  # fmt: skip
        row.update(columns)
        self.next_case += 1
        self.rows["cases"].append(row)
        return row

    def stage(self, case: dict, number: int, started: date, outcome: str | None,
              responded: date | None, may_extend: bool = True) -> None:  # fmt: skip
        """A stage row, with its audit events when it started (after 1) and was answered."""
        extended = may_extend and self.rng.random() < 0.1
        self.rows["stages"].append({
            "case_id": case["id"], "number": number, "started_on": started,
            "extended": extended, "responded_on": responded, "outcome": outcome,
            "extension_agreed_on": started + timedelta(days=7) if extended else None,
            "extension_agreed_by": "The complainant" if extended else None,
            "extension_how": "By phone" if extended else None,
            "extension_reason": "Records from another team were needed." if extended else None,
        })  # fmt: skip
        actor = self.rng.choice(self.officers) if self.officers else None
        if number > 1:
            self.event(started, "staff", actor, "stage.started", case, stage=number)
        if responded is not None and outcome is not None:
            self.event(responded, "staff", actor, "stage.responded", case,
                       stage=number, outcome=outcome)  # fmt: skip

    def issues(self, case: dict, count: int, stage: int, outcome: str | None,
               subcategories: bool = True) -> None:  # fmt: skip
        """``count`` issues from the seeded taxonomy, each with ``outcome`` or one near it."""
        choices = ["upheld", "partially_upheld", "not_upheld", "not_upheld"]
        for position in range(count):
            category = self.rng.choice(list(self.taxonomy.subcategories))
            subs = self.taxonomy.subcategories[category]
            mixed = outcome and (self.rng.choice(choices) if subcategories else outcome)
            self.rows["case_issues"].append({
                "case_id": case["id"], "position": position, "stage": stage,
                "category_id": category,
                "subcategory_id": self.rng.choice(subs) if subs and subcategories else None,
                "outcome": mixed,
            })  # fmt: skip

    def person(self, case: dict, role: str) -> None:
        """Someone with contact details."""
        rng = self.rng
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        child = role == "child"
        self.rows["people"].append({
            "case_id": case["id"], "role": role, "full_name": f"{first} {last}",
            "email": None if child else f"{first}.{last}{rng.randrange(1000)}@example.org".lower(),
            "phone": None if child else f"07700 9{rng.randrange(10**5):05d}",
            "postal_address": f"{rng.randrange(1, 200)} {rng.choice(_STREETS)}, Exampletown",
            "age": rng.randrange(4, 18) if child else None,
            "preferred_contact": rng.choice(["email", "phone", "post"]), "adjustments": [],
            "created_at": case["created_at"],
        })  # fmt: skip

    def messages(self, case: dict, count: int, first: date, last: date) -> None:
        """``count`` messages both ways and notes, spread between two days."""
        rng = self.rng
        span = max((last - first).days, 0)
        for _ in range(count):
            when = at(rng, first + timedelta(days=rng.randint(0, span)))
            author, lines, internal, action = rng.choices(_MESSAGE_KINDS, [45, 40, 15])[0]
            body = rng.choice(lines)
            staff = rng.choice(self.officers) if author == "staff" and self.officers else None
            self.rows["case_messages"].append({
                "id": self.next_message, "case_id": case["id"], "author": author,
                "staff_id": staff, "body": body, "internal": internal, "created_at": when,
            })  # fmt: skip
            details = {} if author == "public" else {"message_id": self.next_message}
            self.events.append((when, "staff" if staff else "public", staff, action,
                                case["id"], details))  # fmt: skip
            self.next_message += 1

    def event(self, day: date | datetime, actor_kind: str, actor_id: int | None, action: str,
              case: dict, **details: Any) -> None:  # fmt: skip
        """An audit event about ``case``, written (chained) with the batch."""
        when = day if isinstance(day, datetime) else at(self.rng, day)
        self.events.append((when, actor_kind, actor_id, action, case["id"], details))

    def take(self, chain: AuditChain | None) -> dict[str, list[dict[str, Any]]]:
        """The batch's rows (audit events chained on), leaving the maker empty."""
        rows = self.rows
        if chain is not None and self.events:
            rows["audit_events"] = chain.rows(self.events)
        self.rows, self.events = defaultdict(list), []
        return rows


def at(rng: random.Random, day: date) -> datetime:
    """A moment in office hours (UTC) on ``day``."""
    return datetime.combine(day, time(8, 0), tzinfo=UTC) + timedelta(
        seconds=rng.randrange(9 * 3600), microseconds=rng.randrange(10**6)
    )


def write_rows(session: Session, rows: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Insert each table's rows in bulk, parents first; how many went into each table."""
    tables = Base.metadata.tables
    counts = {}
    for name in TABLE_ORDER:
        if rows.get(name):
            # One statement for many rows needs the same keys in each.
            keys = {key for row in rows[name] for key in row}
            batch = [row if len(row) == len(keys) else dict.fromkeys(keys) | row
                     for row in rows[name]]  # fmt: skip
            session.execute(sa.insert(tables[name]), batch)
            counts[name] = len(rows[name])
    return counts


def reset_sequences(session: Session) -> None:
    """On PostgreSQL, move each id counter past the ids the rows brought with them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in TABLE_ORDER:
        if "id" in Base.metadata.tables[name].c:
            # Our own table names, never input.
            statement = (
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608  # nosec B608
                f"(SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
            )
            session.execute(sa.text(statement))
