"""The scenario file format (design 5.1) as pydantic v2 models.

Unknown keys are refused, dates checked, member codes and positions checked, probabilities must
sum to 1, every event lies within ``start``..``end`` and item ids are unique in a file.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    model_validator,
)

from cstosim.scenario.fields import (
    AgendaKind,
    AttackedMember,
    BodyField,
    DecisionField,
    ForceField,
    FreezePosition,
    Id,
    MemberCode,
    OneLine,
    OutcomeField,
    Positions,
    ProcedureField,
    RotationField,
    Rule14Field,
    SensitiveKey,
    StateCode,
    Text,
    ThreatField,
    one_line,
)
from cstosim.scenario.yamlpos import (
    Located,
)
from cstosim.vocabulary import (
    Body,
    EventType,
    Force,
    ItemKind,
    Position,
    Procedure,
    Rotation,
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
    "ItemRules",
    "Rules",
    "Scenario",
]

MAX_EVENTS = 10_000
MAX_ITEMS = 20_000
MAX_YEARS = 1000


class _Strict(BaseModel):
    # A string under a field is its description in the JSON Schema (editors show it).
    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, frozen=True, use_attribute_docstrings=True
    )


class Rules(_Strict):
    """What-if overrides of the dated default rules (design 2, 5.1)."""

    rule14: Rule14Field | None = None
    """What a member's silent absence means (rop.14.1): dissent blocks, no_objection does not,
    consent counts as support."""
    limited_format: StrictBool | None = None
    """Whether members may stand aside and let the others adopt (from 19 Dec 2012 by default)."""
    rotation: RotationField | None = None
    """How the CSC chair rotates: host (before 2011), russian_alphabet (from 2011),
    english_alphabet, or order."""
    quorum: Annotated[StrictInt | StrictFloat, Field(gt=0, le=1)] | None = None
    """A share of the members with a vote that must take part (what-if; none by default), such
    as 2/3."""
    order: list[MemberCode] | None = None
    """The rotation order when rotation is order, as member codes."""
    armed_attack: StrictBool | None = None
    """Whether Article 4 covers armed attack besides aggression (from 19 Dec 2012 by default)."""
    response_days: Annotated[StrictInt, Field(ge=0, le=365)] | None = None
    """Days from a request to its extraordinary session (default 1)."""
    mission_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None = None
    """Days a deployment lasts unless ended earlier (default 30)."""
    decision: DecisionField | None = None
    """A reform of the decision rule (what-if): consensus, consensus_minus_one or
    qualified_majority."""
    threshold: Annotated[StrictInt | StrictFloat, Field(gt=0, le=1)] | None = None
    """Under qualified_majority, the share of the total weight the supporters need (default
    2/3)."""
    weights: dict[MemberCode, Annotated[StrictInt | StrictFloat, Field(gt=0)]] | None = None
    """Under qualified_majority, each member's weight (1 if not named), such as shares of the
    budget."""

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
            if isinstance(value, dict):  # weights: (code, weight) pairs by code
                value = tuple(sorted((c, float(w)) for c, w in value.items()))
            out[RuleKey(k)] = tuple(value) if isinstance(value, list) else value
        return out


class ItemRules(_Strict):
    """The readings one item is decided under, in place of the scenario's (a classroom
    export records a teacher's switch of reading this way)."""

    rule14: Rule14Field | None = None
    """What a member's silent absence means for this item: dissent, no_objection or consent."""
    limited_format: StrictBool | None = None
    """Whether members may stand aside on this item and let the others adopt it."""
    quorum: Annotated[StrictInt | StrictFloat, Field(gt=0, le=1)] | None = None
    """A share of the members with a vote that must take part in this item (what-if)."""

    def overrides(self) -> dict[RuleKey, Any]:
        """The keys the file sets, explicit nulls (quorum: null) included."""
        return {RuleKey(k): getattr(self, k) for k in sorted(self.model_fields_set)}


class Item(_Strict):
    """An agenda item decided at a session."""

    id: Id
    """A unique id of the item, used by expectations, accessions and sweep columns."""
    kind: AgendaKind = ItemKind.DECISION
    """What the item decides: decision, chair, suspension, admission, end_mission, agreement or
    basing."""
    title: OneLine | None = None
    """A title for people (reports show it)."""
    positions: Positions = {}
    """Each member's position (support, abstain, object, stand_aside, absent) or probabilities
    of them; members not named support."""
    member: MemberCode | None = None
    """The member a chair, suspension or admission item concerns, or a basing item's host."""
    from_: dt.date | None = Field(default=None, alias="from")
    replaces_next_handover: StrictBool = False
    mission: Id | None = None
    """The mission an end_mission item ends (a request's id)."""
    third_state: StateCode | None = None
    """The state a basing item would let deploy (a basing item only)."""
    procedure: ProcedureField = Procedure.MEETING
    """meeting (default) or written: a draft circulated for signature."""
    procedural: StrictBool = False
    """A procedural question, decided by a simple majority of those taking part (assumed)."""
    no_decision: StrictBool = False
    """The body ends its consideration without a decision."""
    rules: ItemRules | None = None
    """Readings for this item only (rule14, limited_format, quorum), in place of the
    scenario's."""

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
    """The body that meets: CSC, CMFA, CMD, CSSC or PC."""
    extraordinary: StrictBool = False
    """An extraordinary session (no handover of the chair at it)."""
    host: StateCode | None = None
    """The member hosting the session (under the host rotation, it takes the chair)."""
    id: Id | None = None
    items: Annotated[list[Item], Field(max_length=1000)] = []
    """The agenda, decided in order."""


class RequestAssistance(_Event):
    """A member's request for help under Article 4 or Article 2 (design 2.3)."""

    type: Literal[EventType.REQUEST_ASSISTANCE]
    by: MemberCode
    """The member asking for help."""
    against: AttackedMember | None = None
    """The member attacked, if not the one asking."""
    from_: StateCode | None = Field(default=None, alias="from")
    threat: ThreatField
    """What the member faces: aggression, armed_attack, threat or internal_unrest."""
    positions: Positions = {}
    """Each member's position on the assistance, or probabilities of them."""
    id: Id | None = None
    force: ForceField = Force.COLLECTIVE_PEACEKEEPING_FORCES
    contingents: dict[MemberCode, Annotated[StrictInt, Field(ge=0, le=10_000_000)]] | None = None
    contributors: list[MemberCode] | None = None
    """The members sending forces (bound by the decision, not the aggressor)."""
    troops: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = None
    """The total of troops deployed."""
    mission_days: Annotated[StrictInt, Field(ge=1, le=3650)] | None = None
    withdrawal_days: Annotated[StrictInt, Field(ge=0, le=365)] = 0
    videoconference: StrictBool = False
    body: BodyField = Body.CSC
    no_decision: StrictBool = False
    rules: ItemRules | None = None
    """Readings for the assistance item only (rule14, limited_format, quorum), in place of the
    scenario's."""

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


class Reinstate(MemberEvent):
    """The CSC lifts a member's suspension: it votes and takes its turn again (design 2.4)."""

    type: Literal[EventType.REINSTATE]


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
    Session
    | RequestAssistance
    | Join
    | Withdraw
    | Suspend
    | Reinstate
    | Freeze
    | Unfreeze
    | Accede,
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

    _origin: tuple[str, Located | None] | None = PrivateAttr(default=None)

    name: Annotated[str, Field(min_length=1, max_length=500), AfterValidator(one_line)]
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

    def locate(self, filename: str, located: Located | None) -> None:
        """Remember the file this scenario was read from, to place later errors in it."""
        self._origin = (filename, located)

    @property
    def origin(self) -> tuple[str, Located | None] | None:
        """The file name and positions this scenario was read from, if it was read from one."""
        return self._origin
