"""The scenario file format (design 5.1) as pydantic v2 models.

Unknown keys are refused, dates checked, member codes and positions checked, probabilities must
sum to 1, every event lies within ``start``..``end`` and item ids are unique in a file.
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cstosim.members import STATES
from cstosim.scenario.yamlpos import (
    CONTROL,
    CONTROL_ONE_LINE,
    Located,
    control_message,
    non_latin,
    shown,
)
from cstosim.vocabulary import (
    AGENDA_ITEM_KINDS,
    FREEZE_POSITIONS,
    SENSITIVE_KEYS,
    Body,
    EventType,
    Force,
    ItemKind,
    Outcome,
    Position,
    Procedure,
    Rotation,
    Rule14,
    RuleKey,
    Threat,
)

__all__ = [
    "EVENT_MODELS",
    "MAX_EVENTS",
    "MAX_ITEMS",
    "MAX_YEARS",
    "Event",
    "Expectation",
    "Item",
    "Rules",
    "Scenario",
]

MAX_EVENTS = 10_000
MAX_ITEMS = 20_000
MAX_YEARS = 1000

KNOWN = ", ".join(STATES)
E = TypeVar("E", bound=StrEnum)


def _one_of(values: tuple[E, ...]) -> Any:
    """A field type taking one of ``values`` (by their text), with a message listing them."""
    kind = type(values[0])
    texts = {v.value: v for v in values}
    words = list(texts)
    allowed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]

    def check(value: Any) -> Any:
        if isinstance(value, str) and value in texts:
            return texts[value]
        raise PydanticCustomError(
            "choice",
            "{value} is not allowed here{note}; allowed: {allowed}",
            {
                "value": shown(value),
                "note": non_latin(value) if isinstance(value, str) else "",
                "allowed": allowed,
            },
        )

    schema = {"type": "string", "enum": list(texts)}
    return Annotated[kind, BeforeValidator(check), WithJsonSchema(schema)]


if TYPE_CHECKING:
    Rule14Field = Rule14
    RotationField = Rotation
    BodyField = Body
    ThreatField = Threat
    ForceField = Force
    AgendaKind = ItemKind
    FreezePosition = Position
    OutcomeField = Outcome
    SensitiveKey = RuleKey
    ProcedureField = Procedure
else:
    Rule14Field = _one_of(tuple(Rule14))
    RotationField = _one_of(tuple(Rotation))
    BodyField = _one_of(tuple(Body))
    ThreatField = _one_of(tuple(Threat))
    ForceField = _one_of(tuple(Force))
    AgendaKind = _one_of(AGENDA_ITEM_KINDS)
    FreezePosition = _one_of(FREEZE_POSITIONS)
    OutcomeField = _one_of(tuple(Outcome))
    SensitiveKey = _one_of(SENSITIVE_KEYS)
    ProcedureField = _one_of(tuple(Procedure))

POSITIONS: dict[str, Position] = {p.value: p for p in Position}


def _known_member(code: str) -> str:
    if code not in STATES:
        raise PydanticCustomError(
            "member",
            "{code} is not a known member code{note}; allowed: {allowed}",
            {"code": shown(code), "note": non_latin(code), "allowed": KNOWN},
        )
    return code


def _text(value: str) -> str:
    """Text that may run over several lines: no control characters but tab and line feed."""
    bad = CONTROL.search(value)
    if bad:
        raise PydanticCustomError("control", "{message}", {"message": control_message(bad[0])})
    return value


def _one_line(value: str) -> str:
    """Text on one line: no control characters at all, tab and line feed included."""
    bad = CONTROL_ONE_LINE.search(value)
    if bad:
        raise PydanticCustomError("control", "{message}", {"message": control_message(bad[0])})
    return value


def _position_spec(value: Any) -> Any:
    """A position, or a mapping of positions to probabilities summing to 1."""
    if isinstance(value, str):
        if value not in POSITIONS:
            raise PydanticCustomError(
                "position",
                "{value} is not a position{note}; allowed: {allowed}",
                {"value": shown(value), "note": non_latin(value), "allowed": ", ".join(POSITIONS)},
            )
        return POSITIONS[value]
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("position", "an empty mapping of probabilities", {})
        for k, p in value.items():
            if k not in POSITIONS:
                raise PydanticCustomError(
                    "position",
                    "{value} is not a position{note}; allowed: {allowed}",
                    {
                        "value": shown(k),
                        "note": non_latin(k) if isinstance(k, str) else "",
                        "allowed": ", ".join(POSITIONS),
                    },
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
                    {"k": k, "p": shown(p)},
                )
        total = math.fsum(value.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise PydanticCustomError(
                "probability",
                "probabilities sum to {total}; they must sum to 1",
                {"total": f"{total:.15g}"},
            )
        return {pos: float(value[text]) for text, pos in POSITIONS.items() if text in value}
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
# A position, or positions with their probabilities (in the order of Position).
PositionValue = Position | dict[Position, float]
PositionSpec = Annotated[
    PositionValue, BeforeValidator(_position_spec), WithJsonSchema(_POSITION_SCHEMA)
]
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
# Text over several lines (description, note) and on one line (name, title): no control
# characters, which a terminal or a browser would act on.
Text = Annotated[str, Field(max_length=20_000), AfterValidator(_text)]
OneLine = Annotated[str, Field(max_length=20_000), AfterValidator(_one_line)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class Rules(_Strict):
    """What-if overrides of the dated default rules (design 2, 5.1)."""

    rule14: Rule14Field | None = None
    limited_format: StrictBool | None = None
    rotation: RotationField | None = None
    quorum: Annotated[StrictInt | StrictFloat, Field(gt=0, le=1)] | None = None
    order: list[MemberCode] | None = None
    armed_attack: StrictBool | None = None
    response_days: Annotated[StrictInt, Field(ge=0, le=365)] | None = None
    mission_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None = None

    @model_validator(mode="after")
    def _order_needs_members(self) -> Rules:
        if self.rotation == Rotation.ORDER and not self.order:
            raise ValueError("rotation 'order' needs 'order: [member codes]'")
        return self

    def overrides(self) -> dict[RuleKey, Any]:
        """The keys the file sets, explicit nulls (quorum: null) included; an order as a tuple."""
        out: dict[RuleKey, Any] = {}
        for k in sorted(self.model_fields_set):
            value = getattr(self, k)
            out[RuleKey(k)] = tuple(value) if isinstance(value, list) else value
        return out


class Item(_Strict):
    """An agenda item decided at a session."""

    id: Id
    kind: AgendaKind = ItemKind.DECISION
    title: OneLine | None = None
    positions: Positions = {}
    member: MemberCode | None = None
    from_: dt.date | None = Field(default=None, alias="from")
    replaces_next_handover: StrictBool = False
    mission: Id | None = None
    third_state: StateCode | None = None
    procedure: ProcedureField = Procedure.MEETING
    procedural: StrictBool = False
    no_decision: StrictBool = False

    @model_validator(mode="after")
    def _kind_fields(self) -> Item:
        needs_member = (ItemKind.CHAIR, ItemKind.SUSPENSION, ItemKind.ADMISSION, ItemKind.BASING)
        if self.kind in needs_member and self.member is None:
            raise ValueError(f"an item of kind '{self.kind}' needs 'member'")
        if self.kind == ItemKind.END_MISSION and self.mission is None:
            raise ValueError("an item of kind 'end_mission' needs 'mission' (a request id)")
        if (self.kind == ItemKind.BASING) != (self.third_state is not None):
            raise ValueError(
                "an item of kind 'basing' needs 'third_state' (the state whose forces are "
                "hosted), and only a basing item has one"
            )
        if self.procedural and (self.kind != ItemKind.DECISION or self.procedure != "meeting"):
            raise ValueError("'procedural: true' is for items of kind 'decision' at a meeting")
        if self.kind == ItemKind.AGREEMENT and self.procedure != Procedure.MEETING:
            raise ValueError("an agreement is signed at a meeting; allowed: procedure: meeting")
        for key, value, kinds in (
            ("member", self.member, needs_member),
            ("from", self.from_, (ItemKind.CHAIR, ItemKind.ADMISSION)),
            ("replaces_next_handover", self.replaces_next_handover or None, (ItemKind.CHAIR,)),
            ("mission", self.mission, (ItemKind.END_MISSION,)),
        ):
            if value is not None and self.kind not in kinds:
                raise ValueError(
                    f"'{key}' means nothing for an item of kind '{self.kind}'; allowed for "
                    + " and ".join(f"'{k}'" for k in kinds)
                )
        return self


class _Event(_Strict):
    date: dt.date
    note: Text | None = None


class Session(_Event):
    """A session of a body deciding its items (design 5.1)."""

    type: Literal[EventType.SESSION]
    body: BodyField = Body.CSC
    extraordinary: StrictBool = False
    host: StateCode | None = None
    id: Id | None = None
    items: Annotated[list[Item], Field(max_length=1000)] = []


class RequestAssistance(_Event):
    """A member's request for help under Article 4 or Article 2 (design 2.3)."""

    type: Literal[EventType.REQUEST_ASSISTANCE]
    by: MemberCode
    against: MemberCode | None = None
    from_: StateCode | None = Field(default=None, alias="from")
    threat: ThreatField
    positions: Positions = {}
    id: Id | None = None
    force: ForceField = Force.COLLECTIVE_PEACEKEEPING_FORCES
    contingents: dict[MemberCode, Annotated[StrictInt, Field(ge=0, le=10_000_000)]] | None = None
    contributors: list[MemberCode] | None = None
    troops: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = None
    mission_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None = None
    withdrawal_days: Annotated[StrictInt, Field(ge=0, le=365)] = 0
    videoconference: StrictBool = False
    body: BodyField = Body.CSC
    no_decision: StrictBool = False

    @model_validator(mode="after")
    def _fields_for_threat(self) -> RequestAssistance:
        if self.threat in (Threat.THREAT, Threat.INTERNAL_UNREST):
            given = [
                k
                for k, v in (
                    ("contingents", self.contingents),
                    ("contributors", self.contributors),
                    ("troops", self.troops),
                    ("mission_days", self.mission_days),
                    ("withdrawal_days", self.withdrawal_days or None),
                )
                if v is not None
            ]
            if given:
                raise ValueError(
                    f"{', '.join(given)} mean nothing for a request on a '{self.threat}': no "
                    "force is sent for it; allowed with threat aggression or armed_attack"
                )
        return self

    @property
    def item_id(self) -> str:
        """The id of the item this request is decided under."""
        return self.id or f"assistance-{self.by}-{self.date.isoformat()}"


class MemberEvent(_Event):
    member: MemberCode


class Join(MemberEvent):
    """A state joins (takes effect on its date)."""

    type: Literal[EventType.JOIN]


class Withdraw(MemberEvent):
    """Notice of withdrawal; effective no earlier than six months later (charter.19)."""

    type: Literal[EventType.WITHDRAW]
    effective: dt.date | None = None


class Suspend(MemberEvent):
    """The CSC suspends a member (it neither votes nor takes a turn)."""

    type: Literal[EventType.SUSPEND]


class Freeze(MemberEvent):
    """A member freezes its participation; its default position becomes ``position``."""

    type: Literal[EventType.FREEZE]
    position: FreezePosition = Position.STAND_ASIDE


class Unfreeze(MemberEvent):
    """A member ends a freeze of its participation."""

    type: Literal[EventType.UNFREEZE]


class Accede(MemberEvent):
    """A member accedes later to an adopted decision (Belarus, 20 Oct 2009)."""

    type: Literal[EventType.ACCEDE]
    item: Id


Event = Annotated[
    Session | RequestAssistance | Join | Withdraw | Suspend | Freeze | Unfreeze | Accede,
    Field(discriminator="type"),
]
if set(Rules.model_fields) != set(RuleKey):  # pragma: no cover - a mistake in this file
    raise RuntimeError("the rules mapping must name exactly the keys of vocabulary.RuleKey")

# The model of each event type; every EventType has one (checked on import).
EVENT_MODELS: dict[EventType, type[_Event]] = {
    get_args(cls.model_fields["type"].annotation)[0]: cls for cls in get_args(get_args(Event)[0])
}
if set(EVENT_MODELS) != set(EventType):  # pragma: no cover - a mistake in this file
    raise RuntimeError(f"event types without a model: {set(EventType) - set(EVENT_MODELS)}")


class Expectation(_Strict):
    """Something the run must show: an item's outcome (and lists), or the chair on a date."""

    item: Id | None = None
    outcome: OutcomeField | None = None
    blockers: list[MemberCode] | None = None
    bound: list[MemberCode] | None = None
    may_accede: list[MemberCode] | None = None
    sensitive_to: list[SensitiveKey] | None = None
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

    _origin: tuple[str, Located] | None = PrivateAttr(default=None)

    name: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(_one_line)]
    description: Text = ""
    start: dt.date
    end: dt.date
    seed: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)] = 0
    rules: Rules = Rules()
    members: list[MemberCode] | None = None
    chair: MemberCode | None = None
    events: Annotated[list[Event], Field(max_length=MAX_EVENTS)] = []
    expect: Annotated[list[Expectation], Field(max_length=MAX_EVENTS)] = []

    def __eq__(self, other: object) -> bool:
        """Scenarios are equal when their fields are; the file they came from does not count."""
        if not isinstance(other, Scenario):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # a scenario holds lists: it has no hash

    def locate(self, filename: str, located: Located) -> None:
        """Remember the file this scenario was read from, to place later errors in it."""
        self._origin = (filename, located)

    @property
    def origin(self) -> tuple[str, Located] | None:
        """The file name and positions this scenario was read from, if it was read from one."""
        return self._origin
