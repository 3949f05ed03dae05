"""The scenario file format (design 5.1) as pydantic v2 models.

Unknown keys are refused, dates checked, member codes and positions checked, probabilities must
sum to 1, every event lies within ``start``..``end`` and item ids are unique in a file.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cstosim.members import STATES
from cstosim.rules.consensus import Position

__all__ = [
    "MAX_EVENTS",
    "MAX_ITEMS",
    "MAX_YEARS",
    "Expectation",
    "Item",
    "Rules",
    "Scenario",
]

MAX_EVENTS = 10_000
MAX_ITEMS = 20_000
MAX_YEARS = 1000

POSITIONS: tuple[str, ...] = tuple(p.value for p in Position)
ITEM_KINDS = ("decision", "chair", "suspension", "admission", "end_mission")
KNOWN = ", ".join(STATES)


def _known_member(code: str) -> str:
    if code not in STATES:
        raise PydanticCustomError(
            "member",
            "{code} is not a known member code; allowed: {allowed}",
            {"code": repr(code), "allowed": KNOWN},
        )
    return code


def _position_spec(value: Any) -> Any:
    """A position, or a mapping of positions to probabilities summing to 1."""
    if isinstance(value, str):
        if value not in POSITIONS:
            raise PydanticCustomError(
                "position",
                "{value} is not a position; allowed: {allowed}",
                {"value": repr(value), "allowed": ", ".join(POSITIONS)},
            )
        return value
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("position", "an empty mapping of probabilities", {})
        total = 0.0
        for k, p in value.items():
            if k not in POSITIONS:
                raise PydanticCustomError(
                    "position",
                    "{value} is not a position; allowed: {allowed}",
                    {"value": repr(k), "allowed": ", ".join(POSITIONS)},
                )
            if (
                isinstance(p, bool)
                or not isinstance(p, int | float)
                or not 0 <= p <= 1
                or math.isnan(p)
            ):
                raise PydanticCustomError(
                    "probability",
                    "probability of {k} is {p}; allowed: a number from 0 to 1",
                    {"k": k, "p": repr(p)},
                )
            total += p
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise PydanticCustomError(
                "probability",
                "probabilities sum to {total}; they must sum to 1",
                {"total": f"{total:g}"},
            )
        return {k: float(value[k]) for k in POSITIONS if k in value}
    raise PydanticCustomError(
        "position",
        "a position must be one of {allowed}, or a mapping of them to probabilities",
        {"allowed": ", ".join(POSITIONS)},
    )


_POSITION_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"enum": list(POSITIONS)},
        {
            "type": "object",
            "propertyNames": {"enum": list(POSITIONS)},
            "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
            "description": "probabilities of positions, summing to 1",
        },
    ]
}
MemberCode = Annotated[str, AfterValidator(_known_member), WithJsonSchema({"enum": list(STATES)})]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
PositionSpec = Annotated[Any, BeforeValidator(_position_spec), WithJsonSchema(_POSITION_SCHEMA)]
Positions = Annotated[
    dict[MemberCode, PositionSpec],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"enum": list(STATES)},
            "additionalProperties": _POSITION_SCHEMA,
        }
    ),
]
Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")]
Text = Annotated[str, Field(max_length=20_000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Rules(_Strict):
    """What-if overrides of the dated default rules (design 2, 5.1)."""

    rule14: Literal["dissent", "no_objection", "consent"] | None = None
    limited_format: StrictBool | None = None
    rotation: Literal["russian_alphabet", "host", "english_alphabet", "order"] | None = None
    quorum: Annotated[StrictInt | StrictFloat, Field(gt=0, le=1)] | None = None
    order: list[MemberCode] | None = None
    armed_attack: StrictBool | None = None
    response_days: Annotated[StrictInt, Field(ge=0, le=365)] | None = None
    mission_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None = None

    @model_validator(mode="after")
    def _order_needs_members(self) -> Rules:
        if self.rotation == "order" and not self.order:
            raise ValueError("rotation 'order' needs 'order: [member codes]'")
        return self

    def overrides(self) -> dict[str, Any]:
        """The keys the file sets, explicit nulls (quorum: null) included."""
        return {k: getattr(self, k) for k in sorted(self.model_fields_set)}


class Item(_Strict):
    """An agenda item decided at a session."""

    id: Id
    kind: Literal["decision", "chair", "suspension", "admission", "end_mission"] = "decision"
    title: Text | None = None
    positions: Positions = {}
    member: MemberCode | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    replaces_next_handover: StrictBool = False
    mission: Id | None = None

    @model_validator(mode="after")
    def _kind_fields(self) -> Item:
        if self.kind in ("chair", "suspension", "admission") and self.member is None:
            raise ValueError(f"an item of kind {self.kind!r} needs 'member'")
        if self.kind == "end_mission" and self.mission is None:
            raise ValueError("an item of kind 'end_mission' needs 'mission' (a request id)")
        return self


class _Event(_Strict):
    date: dt.date
    note: Text | None = None


class Session(_Event):
    """A session of a body deciding its items (design 5.1)."""

    type: Literal["session"]
    body: Literal["CSC", "CMFA", "CMD", "CSSC", "PC"] = "CSC"
    extraordinary: StrictBool = False
    host: StateCode | None = None
    id: Id | None = None
    items: Annotated[list[Item], Field(max_length=1000)] = []


class RequestAssistance(_Event):
    """A member's request for help under Article 4 or Article 2 (design 2.3)."""

    type: Literal["request_assistance"]
    by: MemberCode
    against: MemberCode | None = None
    from_: StateCode | None = Field(default=None, alias="from")
    threat: Literal["aggression", "armed_attack", "threat", "internal_unrest"]
    positions: Positions = {}
    id: Id | None = None
    force: Literal["collective_peacekeeping_forces", "rapid_reaction_force"] = (
        "collective_peacekeeping_forces"
    )
    contingents: dict[MemberCode, Annotated[StrictInt, Field(ge=0, le=10_000_000)]] | None = None
    contributors: list[MemberCode] | None = None
    troops: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = None
    mission_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None = None
    videoconference: StrictBool = False
    body: Literal["CSC", "CMFA", "CMD", "CSSC", "PC"] = "CSC"

    @property
    def item_id(self) -> str:
        """The id of the item this request is decided under."""
        return self.id or f"assistance-{self.by}-{self.date.isoformat()}"


class _MemberEvent(_Event):
    member: MemberCode


class Join(_MemberEvent):
    """A state joins (takes effect on its date)."""

    type: Literal["join"]


class Withdraw(_MemberEvent):
    """Notice of withdrawal; effective no earlier than six months later (charter.19)."""

    type: Literal["withdraw"]
    effective: dt.date | None = None


class Suspend(_MemberEvent):
    """The CSC suspends a member (it neither votes nor takes a turn)."""

    type: Literal["suspend"]


class Freeze(_MemberEvent):
    """A member freezes its participation; its default position becomes ``position``."""

    type: Literal["freeze"]
    position: Literal["stand_aside", "absent"] = "stand_aside"


class Unfreeze(_MemberEvent):
    """A member ends a freeze of its participation."""

    type: Literal["unfreeze"]


class Accede(_MemberEvent):
    """A member accedes later to an adopted decision (Belarus, 20 Oct 2009)."""

    type: Literal["accede"]
    item: Id


Event = Annotated[
    Session | RequestAssistance | Join | Withdraw | Suspend | Freeze | Unfreeze | Accede,
    Field(discriminator="type"),
]
EVENT_TYPES = (
    "session",
    "request_assistance",
    "join",
    "withdraw",
    "suspend",
    "freeze",
    "unfreeze",
    "accede",
)


class Expectation(_Strict):
    """Something the run must show: an item's outcome (and lists), or the chair on a date."""

    item: Id | None = None
    outcome: (
        Literal["adopted", "adopted_limited", "rejected", "no_quorum", "inadmissible"] | None
    ) = None
    blockers: list[MemberCode] | None = None
    bound: list[MemberCode] | None = None
    may_accede: list[MemberCode] | None = None
    sensitive_to: list[Literal["rule14", "limited_format", "quorum", "armed_attack"]] | None = None
    chair: MemberCode | None = None
    date: dt.date | None = None
    when: Rules | None = None

    @model_validator(mode="after")
    def _shape(self) -> Expectation:
        if (self.item is None) == (self.chair is None):
            raise ValueError("an expectation names either 'item' (with 'outcome'...) or 'chair'")
        if self.chair is not None and self.date is None:
            raise ValueError("a 'chair' expectation needs 'date'")
        checks = (self.outcome, self.blockers, self.bound, self.may_accede, self.sensitive_to)
        if self.item is not None and all(c is None for c in checks):
            raise ValueError(
                "an 'item' expectation needs outcome, blockers, bound, may_accede or sensitive_to"
            )
        return self


class Scenario(_Strict):
    """A scenario file (design 5.1)."""

    name: Annotated[str, Field(min_length=1, max_length=500)]
    description: Text = ""
    start: dt.date
    end: dt.date
    seed: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] = 0
    rules: Rules = Rules()
    members: list[MemberCode] | None = None
    chair: MemberCode | None = None
    events: Annotated[list[Event], Field(max_length=MAX_EVENTS)] = []
    expect: Annotated[list[Expectation], Field(max_length=MAX_EVENTS)] = []
