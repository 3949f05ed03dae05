"""Trace records: one frozen, slotted class per kind of record a run emits (design 5.3).

Records are built with keyword arguments, once and complete, when the run emits them, and are
never changed after: lists are tuples, so records may share them safely. ``to_json()`` gives
the JSON object of the trace (``date`` and ``kind`` first, then the fields in the order
declared here). A field marked ``OMIT`` is left out of the JSON when it is empty (None, or an
empty tuple).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum
from typing import Any, ClassVar

from cstosim.vocabulary import (
    Body,
    Change,
    Force,
    ItemKind,
    Outcome,
    Position,
    RecordKind,
    RuleKey,
    Status,
    Threat,
    Track,
)

__all__ = [
    "RECORD_TYPES",
    "AccessionRecord",
    "ChairRecord",
    "ConsultationRecord",
    "DecisionRecord",
    "DeploymentRecord",
    "MembershipRecord",
    "NoteRecord",
    "Record",
    "ReportRecord",
    "RequestRecord",
    "SessionRecord",
    "WithdrawalRecord",
    "decision_from",
    "plain",
]

Codes = tuple[str, ...]
Cites = tuple[str, ...]
OMIT = {"omit_empty": True}
NOT_MEMBER = "not_member"  # a membership record's status for a state that is not a member


def _plain(value: Any) -> Any:
    """A field value as plain JSON data: enums as their text, dates as ISO text, tuples as
    lists, mappings as dicts."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """What every record has: the simulated date (and, per class, its kind).

    In runs without a trace (sweeps), decision records are still whole, but ``sensitive_to``
    is not computed there and stays empty: ``Run.traced`` tells the two apart.
    """

    kind: ClassVar[RecordKind]
    date: date

    def to_json(self) -> dict[str, Any]:
        """The record as a fresh JSON object (design 5.3)."""
        out: dict[str, Any] = {"date": self.date.isoformat(), "kind": self.kind.value}
        for f in _fields_of(type(self)):
            value = getattr(self, f.name)
            if f.metadata.get("omit_empty") and (value is None or value == ()):
                continue
            out[f.name] = _plain(value)
        return out


_FIELDS: dict[type[Record], tuple[Any, ...]] = {}


def _fields_of(cls: type[Record]) -> tuple[Any, ...]:
    """The fields of a record class after ``date``, in order (remembered per class)."""
    got = _FIELDS.get(cls)
    if got is None:
        got = _FIELDS[cls] = tuple(f for f in fields(cls) if f.name != "date")
    return got


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionRecord(Record):
    """A session opens: the body, who chairs, the items on its agenda."""

    kind: ClassVar[RecordKind] = RecordKind.SESSION
    id: str
    body: Body
    extraordinary: bool
    host: str | None
    chair: str | None
    items: Codes
    videoconference: bool | None = field(
        default=None, metadata=OMIT
    )  # requests' extraordinary sessions only


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionRecord(Record):
    """An item decided: its outcome, who blocked, who is bound, why, and on what provision."""

    kind: ClassVar[RecordKind] = RecordKind.DECISION
    item: str
    item_kind: ItemKind
    title: str | None
    body: Body
    session: str | None
    outcome: Outcome
    positions: Mapping[str, Position]
    bound: Codes
    blockers: Codes
    may_accede: Codes
    stood_aside: Codes
    cites: Cites
    why: str
    sensitive_to: tuple[RuleKey, ...]
    ignored_positions: Codes = field(default=(), metadata=OMIT)
    overridden: Codes = field(default=(), metadata=OMIT)  # a reform overrode these blockers


@dataclass(frozen=True, slots=True, kw_only=True)
class ChairRecord(Record):
    """The chair passes to another member (or to nobody)."""

    kind: ClassVar[RecordKind] = RecordKind.CHAIR
    member: str | None
    previous: str | None
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MembershipRecord(Record):
    """A change of membership; ``status`` is the member's standing after it."""

    kind: ClassVar[RecordKind] = RecordKind.MEMBERSHIP
    member: str
    change: Change
    status: Status | None  # None: not a member (written "not_member")
    effective: date | None = field(
        default=None, metadata=OMIT
    )  # a withdrawal notice: when it takes effect
    cites: Cites
    why: str
    position: Position | None = field(
        default=None, metadata=OMIT
    )  # a freeze: the member's default position

    def to_json(self) -> dict[str, Any]:
        """The record as a fresh JSON object; a state that is not a member has "not_member"."""
        out = Record.to_json(self)
        if self.status is None:
            out["status"] = NOT_MEMBER
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class AccessionRecord(Record):
    """A member accedes later to an adopted decision and is bound by it."""

    kind: ClassVar[RecordKind] = RecordKind.ACCESSION
    item: str
    member: str
    bound: Codes
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecord(Record):
    """A request for assistance and whether it is admissible, under which article."""

    kind: ClassVar[RecordKind] = RecordKind.REQUEST
    item: str
    by: str
    against: str
    aggressor: str | None
    threat: Threat
    admissible: bool
    track: Track | None
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsultationRecord(Record):
    """Joint consultations open (Article 2)."""

    kind: ClassVar[RecordKind] = RecordKind.CONSULTATION
    item: str
    members: Codes
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DeploymentRecord(Record):
    """Collective forces deploy to the member that asked for help."""

    kind: ClassVar[RecordKind] = RecordKind.DEPLOYMENT
    item: str
    mission: str
    force: Force
    to: str
    contributors: Codes
    troops: Mapping[str, int] | None
    total: int | None
    mission_days: int
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportRecord(Record):
    """The measures taken are reported to the UN Security Council."""

    kind: ClassVar[RecordKind] = RecordKind.REPORT
    item: str
    to: str
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawalRecord(Record):
    """The forces of a mission withdraw."""

    kind: ClassVar[RecordKind] = RecordKind.WITHDRAWAL
    item: str
    mission: str
    completed: bool  # False: a withdrawal in stages begins; a second record completes it
    cites: Cites
    why: str


@dataclass(frozen=True, slots=True, kw_only=True)
class NoteRecord(Record):
    """Something worth telling that changed nothing (an event ignored, and why)."""

    kind: ClassVar[RecordKind] = RecordKind.NOTE
    item: str | None = field(default=None, metadata=OMIT)
    text: str


RECORD_TYPES: dict[RecordKind, type[Record]] = {
    cls.kind: cls
    for cls in (
        SessionRecord,
        DecisionRecord,
        ChairRecord,
        RequestRecord,
        ConsultationRecord,
        DeploymentRecord,
        ReportRecord,
        WithdrawalRecord,
        MembershipRecord,
        AccessionRecord,
        NoteRecord,
    )
}
if set(RECORD_TYPES) != set(RecordKind):  # pragma: no cover - a mistake in this file
    raise RuntimeError(f"record kinds without a class: {set(RecordKind) - set(RECORD_TYPES)}")


# The engine builds a decision record for every item it decides; the keyword constructor of a
# frozen class sets each field through object.__setattr__, which costs about as much as the
# rest of deciding a consensus item. decision_from fills the same slots directly: the record is
# equal to, and as frozen as, the one DecisionRecord(**fields) builds (tests/test_typed_core.py).
_DECISION_FIELDS = tuple(f.name for f in fields(DecisionRecord))
_DECISION_SLOTS = tuple(getattr(DecisionRecord, name).__set__ for name in _DECISION_FIELDS)


def decision_from(*values: Any) -> DecisionRecord:
    """A decision record from all its field values, in the order the class declares them."""
    if len(values) != len(_DECISION_SLOTS):
        raise TypeError(f"decision_from takes {len(_DECISION_SLOTS)} values: {_DECISION_FIELDS}")
    rec = object.__new__(DecisionRecord)
    for put, value in zip(_DECISION_SLOTS, values, strict=True):
        put(rec, value)
    return rec


def plain(value: Any) -> Any:
    """Any record field, or a mapping or tuple of them, as plain JSON data (enums as text)."""
    return _plain(value)
