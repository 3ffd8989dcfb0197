"""The case interchange format, version 1: one JSON object per line, one line per case.

Pure parsing and writing, with no database: :func:`parse_line` turns a line into a
:class:`CaseRecord` or says exactly why it cannot, and :func:`dump_line` writes one back
byte for byte as it was read.
"""

import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .procedure.deadlines import DEFAULT_TIMESCALES, TimescaleError, Timescales
from .procedure.taxonomy import (
    CaseKind,
    Channel,
    ComplimentSource,
    MediationResult,
    OmbudsmanDecision,
    Outcome,
    Procedure,
    SatisfactionStatus,
    SubmittedBy,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class InvalidRecordError(ValueError):
    """A line that is not a valid case; the message says why, for the person fixing the file."""


@dataclass(frozen=True)
class StageRecord:
    stage: int
    started_on: date
    extended: bool
    responded_on: date | None
    outcome: Outcome | None


@dataclass(frozen=True)
class IssueRecord:
    category: str
    subcategory: str | None
    stage: int
    outcome: Outcome | None


@dataclass(frozen=True)
class MediationRecord:
    offered_on: date
    result: MediationResult | None


@dataclass(frozen=True)
class OmbudsmanRecord:
    received_on: date
    decision: OmbudsmanDecision | None
    payment_pence: int | None


@dataclass(frozen=True)
class SatisfactionRecord:
    status: SatisfactionStatus


@dataclass(frozen=True)
class LearningRecord:
    sent_on: date
    returned_on: date | None
    categories: list[str]
    implemented_on: date | None


@dataclass(frozen=True)
class CaseRecord:
    """One case as the interchange format holds it; field order is the format's key order."""

    reference: str
    kind: CaseKind
    procedure: Procedure | None
    received_on: date
    channel: Channel
    submitted_by: SubmittedBy
    child_led: bool
    advocate_supported: bool
    person_key: str | None
    team: str | None
    locality: str | None
    themes: list[str]
    stages: list[StageRecord]
    issues: list[IssueRecord]
    mediation: MediationRecord | None
    ombudsman: OmbudsmanRecord | None
    satisfaction: SatisfactionRecord | None
    learning: LearningRecord | None
    compliment_source: ComplimentSource | None


def dump_line(record: CaseRecord) -> str:
    """The record as one line of the format (no newline), keys in the format's order."""
    return json.dumps(asdict(record), ensure_ascii=False, default=_json_value)


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__}")


def parse_line(text: str, timescales: Timescales = DEFAULT_TIMESCALES) -> CaseRecord:
    """Read and check one line; raise :class:`InvalidRecordError` saying what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidRecordError(f"not valid JSON ({error.msg})") from None
    fields = _Fields(data, "case")
    record = CaseRecord(
        reference=fields.text("reference"),
        kind=fields.choice("kind", CaseKind),
        procedure=fields.choice("procedure", Procedure, optional=True),
        received_on=fields.date("received_on"),
        channel=fields.choice("channel", Channel),
        submitted_by=fields.choice("submitted_by", SubmittedBy),
        child_led=fields.flag("child_led"),
        advocate_supported=fields.flag("advocate_supported"),
        person_key=fields.text("person_key", optional=True),
        team=fields.text("team", optional=True),
        locality=fields.text("locality", optional=True),
        themes=fields.texts("themes"),
        stages=fields.objects("stages", _stage),
        issues=fields.objects("issues", _issue),
        mediation=fields.object("mediation", _mediation),
        ombudsman=fields.object("ombudsman", _ombudsman),
        satisfaction=fields.object("satisfaction", _satisfaction),
        learning=fields.object("learning", _learning),
        compliment_source=fields.choice("compliment_source", ComplimentSource, optional=True),
    )
    fields.check_all_read()
    _check_rules(record, timescales)
    return record


def _stage(fields: "_Fields") -> StageRecord:
    return StageRecord(
        stage=fields.stage_number("stage"),
        started_on=fields.date("started_on"),
        extended=fields.flag("extended"),
        responded_on=fields.date("responded_on", optional=True),
        outcome=fields.choice("outcome", Outcome, optional=True),
    )


def _issue(fields: "_Fields") -> IssueRecord:
    return IssueRecord(
        category=fields.text("category"),
        subcategory=fields.text("subcategory", optional=True),
        stage=fields.stage_number("stage"),
        outcome=fields.choice("outcome", Outcome, optional=True),
    )


def _mediation(fields: "_Fields") -> MediationRecord:
    return MediationRecord(
        offered_on=fields.date("offered_on"),
        result=fields.choice("result", MediationResult, optional=True),
    )


def _ombudsman(fields: "_Fields") -> OmbudsmanRecord:
    return OmbudsmanRecord(
        received_on=fields.date("received_on"),
        decision=fields.choice("decision", OmbudsmanDecision, optional=True),
        payment_pence=fields.pence("payment_pence"),
    )


def _satisfaction(fields: "_Fields") -> SatisfactionRecord:
    return SatisfactionRecord(status=fields.choice("status", SatisfactionStatus))


def _learning(fields: "_Fields") -> LearningRecord:
    return LearningRecord(
        sent_on=fields.date("sent_on"),
        returned_on=fields.date("returned_on", optional=True),
        categories=fields.texts("categories"),
        implemented_on=fields.date("implemented_on", optional=True),
    )


def _check_rules(record: CaseRecord, timescales: Timescales) -> None:
    """The rules between fields that no single field's type can express."""
    is_complaint = record.kind is CaseKind.COMPLAINT
    if is_complaint and record.procedure is None:
        raise InvalidRecordError("a complaint needs a procedure")
    if not is_complaint and record.procedure is not None:
        raise InvalidRecordError(f"a {record.kind} cannot have a procedure")
    if not is_complaint and record.stages:
        raise InvalidRecordError(f"a {record.kind} cannot have stages")
    if record.compliment_source is not None and record.kind is not CaseKind.COMPLIMENT:
        raise InvalidRecordError("compliment_source is only for compliments")
    numbers = [stage.stage for stage in record.stages]
    if numbers != sorted(set(numbers)):
        raise InvalidRecordError("stages must be in increasing order, each once")
    if record.procedure is not None:
        for stage in record.stages:
            _check_stage(record.procedure, stage, timescales)


def _check_stage(procedure: Procedure, stage: StageRecord, timescales: Timescales) -> None:
    try:
        allows_extension = timescales.allows_extension(procedure, stage.stage)
    except TimescaleError:
        raise InvalidRecordError(f"a {procedure} complaint has no stage {stage.stage}") from None
    if stage.extended and not allows_extension:
        raise InvalidRecordError(f"{procedure} stage {stage.stage} cannot be extended")
    if stage.responded_on is not None and stage.responded_on < stage.started_on:
        raise InvalidRecordError(f"stage {stage.stage} responded_on is before its started_on")


class _Fields:
    """Reads typed values from one JSON object, naming the key and place of any fault."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise InvalidRecordError(f"{where} must be a JSON object")
        self._data = data
        self._where = where
        self._read: set[str] = set()

    def _get(self, key: str, optional: bool) -> Any:
        if key not in self._data:
            raise InvalidRecordError(f"{self._name(key)} is missing")
        self._read.add(key)
        value = self._data[key]
        if value is None and not optional:
            raise InvalidRecordError(f"{self._name(key)} must not be null")
        return value

    def _name(self, key: str) -> str:
        return key if self._where == "case" else f"{self._where}.{key}"

    def _fault(self, key: str, expected: str) -> InvalidRecordError:
        return InvalidRecordError(f"{self._name(key)} must be {expected}")

    def check_all_read(self) -> None:
        unknown = sorted(set(self._data) - self._read)
        if unknown:
            raise InvalidRecordError(f"unknown key {', '.join(unknown)} in {self._where}")

    def text(self, key: str, optional: bool = False) -> Any:
        value = self._get(key, optional)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise self._fault(key, "a non-empty string")
        return value

    def texts(self, key: str) -> list[str]:
        value = self._get(key, optional=False)
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self._fault(key, "a list of non-empty strings")
        if len(set(value)) != len(value):
            raise self._fault(key, "a list without repeats")
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, optional=False)
        if not isinstance(value, bool):
            raise self._fault(key, "true or false")
        return value

    def choice(self, key: str, enum: type[StrEnum], optional: bool = False) -> Any:
        value = self._get(key, optional)
        if value is None:
            return None
        if value not in {member.value for member in enum}:
            raise self._fault(key, "one of " + ", ".join(member.value for member in enum))
        return enum(value)

    def date(self, key: str, optional: bool = False) -> Any:
        value = self._get(key, optional)
        if value is None:
            return None
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self._fault(key, "a date written YYYY-MM-DD")

    def stage_number(self, key: str) -> int:
        value = self._get(key, optional=False)
        if isinstance(value, bool) or value not in (1, 2, 3):
            raise self._fault(key, "1, 2 or 3")
        return value

    def pence(self, key: str) -> int | None:
        value = self._get(key, optional=True)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise self._fault(key, "a whole number of pence, 0 or more")
        return value

    def objects(self, key: str, build: Any) -> list[Any]:
        value = self._get(key, optional=False)
        if not isinstance(value, list):
            raise self._fault(key, "a list")
        return [self._nested(f"{key}[{index}]", item, build) for index, item in enumerate(value)]

    def object(self, key: str, build: Any) -> Any:
        value = self._get(key, optional=True)
        return None if value is None else self._nested(key, value, build)

    def _nested(self, where: str, value: Any, build: Any) -> Any:
        fields = _Fields(value, self._name(where))
        result = build(fields)
        fields.check_all_read()
        return result
