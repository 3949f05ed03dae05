"""The closed sets of values cstosim speaks: one enum each, spelled out here and nowhere else.

Scenario models, rules, trace records, renderers and the JSON Schemas all take their values from
these enums; a value is checked once, where it enters (a file, ``--set``, an API call). Each is a
``StrEnum``, so a member compares equal to its text and prints as it (``Outcome.ADOPTED ==
"adopted"``); the same-day order of the engine is an ``IntEnum``.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

__all__ = [
    "ADOPTED",
    "AGENDA_ITEM_KINDS",
    "BINDING",
    "CONSENSUS_OUTCOMES",
    "EFFECT_KINDS",
    "FREEZE_POSITIONS",
    "SENSITIVE_KEYS",
    "Backend",
    "Body",
    "Change",
    "DecisionRule",
    "EventType",
    "Force",
    "ItemKind",
    "Lang",
    "Office",
    "Outcome",
    "Position",
    "Procedure",
    "Rank",
    "RecordKind",
    "Rotation",
    "Rule14",
    "RuleKey",
    "Status",
    "Threat",
    "Track",
]


class Position(StrEnum):
    """What a member with a vote does on an agenda item (design 2.1)."""

    SUPPORT = "support"
    ABSTAIN = "abstain"
    OBJECT = "object"
    STAND_ASIDE = "stand_aside"
    ABSENT = "absent"


# The positions a member that freezes its participation may default to (design 2.4).
FREEZE_POSITIONS: tuple[Position, ...] = (Position.STAND_ASIDE, Position.ABSENT)


class Outcome(StrEnum):
    """The outcome of an agenda item (design 2.1, 5.3)."""

    ADOPTED = "adopted"
    ADOPTED_LIMITED = "adopted_limited"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"
    INADMISSIBLE = "inadmissible"
    SIGNED = "signed"  # an agreement, signed by some members (design 2.3b)
    NO_DECISION = "no_decision"  # the body ended its consideration without a decision


ADOPTED: frozenset[Outcome] = frozenset({Outcome.ADOPTED, Outcome.ADOPTED_LIMITED})
# Outcomes that bind members, to which others may accede later.
BINDING: frozenset[Outcome] = ADOPTED | {Outcome.SIGNED}
# The outcomes a council's vote by consensus can have (design 2.1).
CONSENSUS_OUTCOMES: tuple[Outcome, ...] = (
    Outcome.ADOPTED,
    Outcome.ADOPTED_LIMITED,
    Outcome.REJECTED,
    Outcome.NO_QUORUM,
)


class Rule14(StrEnum):
    """The readings of silent non-participation under RoP rule 14 para 1 (design 2.1)."""

    DISSENT = "dissent"
    NO_OBJECTION = "no_objection"
    CONSENT = "consent"


class Rotation(StrEnum):
    """How the CSC chair passes from member to member (design 2.2)."""

    RUSSIAN_ALPHABET = "russian_alphabet"
    HOST = "host"
    ENGLISH_ALPHABET = "english_alphabet"
    ORDER = "order"


class RuleKey(StrEnum):
    """The rule keys a scenario's ``rules`` (or ``--set``) may override (design 5.1)."""

    RULE14 = "rule14"
    LIMITED_FORMAT = "limited_format"
    ROTATION = "rotation"
    QUORUM = "quorum"
    ORDER = "order"
    ARMED_ATTACK = "armed_attack"
    RESPONSE_DAYS = "response_days"
    MISSION_DAYS = "mission_days"
    DECISION = "decision"
    THRESHOLD = "threshold"
    WEIGHTS = "weights"


class DecisionRule(StrEnum):
    """How a body decides an item it takes by its ordinary rule (design 2.1c): consensus, or a
    reform of it for analysts' what-ifs."""

    CONSENSUS = "consensus"
    CONSENSUS_MINUS_ONE = "consensus_minus_one"
    QUALIFIED_MAJORITY = "qualified_majority"


# The rule keys a decision's outcome may be sensitive to: the contested readings and what-ifs.
SENSITIVE_KEYS: tuple[RuleKey, ...] = (
    RuleKey.RULE14,
    RuleKey.LIMITED_FORMAT,
    RuleKey.QUORUM,
    RuleKey.ARMED_ATTACK,
)


class Body(StrEnum):
    """The bodies that hold sessions and decide (design 1, 2.1)."""

    CSC = "CSC"
    CMFA = "CMFA"
    CMD = "CMD"
    CSSC = "CSSC"
    PC = "PC"


class ItemKind(StrEnum):
    """What an item decides. The last two arise from requests for assistance only."""

    DECISION = "decision"
    CHAIR = "chair"
    SUSPENSION = "suspension"
    ADMISSION = "admission"
    END_MISSION = "end_mission"
    AGREEMENT = "agreement"
    BASING = "basing"
    ASSISTANCE = "assistance"
    ARTICLE2_MEASURES = "article2_measures"


# The kinds an agenda item in a scenario file may have.
AGENDA_ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind.DECISION,
    ItemKind.CHAIR,
    ItemKind.SUSPENSION,
    ItemKind.ADMISSION,
    ItemKind.END_MISSION,
    ItemKind.AGREEMENT,
    ItemKind.BASING,
)


# The item kinds whose adoption changes how later items are decided: who has a vote (design
# 2.4). An adopted chair, end of mission or assistance changes the chair and the missions, which
# no rule reads when it decides an item; so exact odds branch, and whole-run sensitivity turns
# to a whole run, on these two kinds only (tests/whatif/test_odds.py and
# tests/engine/test_sensitivity.py check both against brute-force whole runs with chair items).
EFFECT_KINDS: frozenset[ItemKind] = frozenset({ItemKind.SUSPENSION, ItemKind.ADMISSION})


class Procedure(StrEnum):
    """How a body takes an item: at its meeting, or by circulating a draft (design 2.3b)."""

    MEETING = "meeting"
    WRITTEN = "written"


class EventType(StrEnum):
    """The events of a scenario file (design 5.1)."""

    SESSION = "session"
    REQUEST_ASSISTANCE = "request_assistance"
    JOIN = "join"
    WITHDRAW = "withdraw"
    SUSPEND = "suspend"
    FREEZE = "freeze"
    UNFREEZE = "unfreeze"
    ACCEDE = "accede"
    REINSTATE = "reinstate"


class Threat(StrEnum):
    """What a requesting member says it faces (design 2.3)."""

    AGGRESSION = "aggression"
    ARMED_ATTACK = "armed_attack"
    THREAT = "threat"
    INTERNAL_UNREST = "internal_unrest"


class Track(StrEnum):
    """The procedure an admissible request opens: assistance, or consultations only."""

    ARTICLE4 = "article4"
    ARTICLE2 = "article2"


class Force(StrEnum):
    """The collective forces a deployment sends."""

    COLLECTIVE_PEACEKEEPING_FORCES = "collective_peacekeeping_forces"
    RAPID_REACTION_FORCE = "rapid_reaction_force"


class Status(StrEnum):
    """A member's standing on a date."""

    VOTING = "voting"  # a member with a voice in the councils
    FROZEN = "frozen"  # still a member with a vote, but has declared it does not take part
    SUSPENDED = "suspended"  # a member whose participation the Council suspended


class Standing(StrEnum):
    """Where a state stands towards the Organisation on a date: a member's status, or none."""

    NOT_MEMBER = "not_member"
    VOTING = "voting"
    FROZEN = "frozen"  # a member that declared it does not take part; it keeps its vote
    SUSPENDED = "suspended"  # a member whose participation the Council suspended


class Change(StrEnum):
    """A change of membership (design 2.4), as events, history and records name it."""

    JOIN = "join"
    WITHDRAW = "withdraw"
    WITHDRAW_NOTICE = "withdraw_notice"
    SUSPEND = "suspend"
    FREEZE = "freeze"
    UNFREEZE = "unfreeze"
    REINSTATE = "reinstate"


class RecordKind(StrEnum):
    """The kinds of trace record (design 5.3)."""

    SESSION = "session"
    DECISION = "decision"
    CHAIR = "chair"
    REQUEST = "request"
    CONSULTATION = "consultation"
    DEPLOYMENT = "deployment"
    REPORT = "report"
    WITHDRAWAL = "withdrawal"
    MEMBERSHIP = "membership"
    ACCESSION = "accession"
    NOTE = "note"


class Lang(StrEnum):
    """A language cstosim speaks to people in (design 5.7); codes and JSON never change."""

    EN = "en"
    RU = "ru"
    AR = "ar"


class Office(StrEnum):
    """The offices that rotate among the members."""

    CHAIR = "chair"
    SG = "sg"


class Backend(StrEnum):
    """Where a sweep's samples run: local processes, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


class Rank(IntEnum):
    """The order of what happens on one day of a run (design: same-day order)."""

    MEMBERSHIP = 0
    HANDOVER = 1
    REQUEST = 2
    SESSION = 3
    FOLLOW_UP = 4
    ACCESSION = 5
