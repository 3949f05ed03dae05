"""The typed plan the engine runs from: no pydantic, no dicts of loose keys at run time.

The plan holds the start and end, the membership and chair on the start date, the checked rule
overrides, and one typed event spec per event (``engine.compile`` builds it; each event type's
spec is defined and compiled by its procedure in ``engine.procedures``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, ClassVar

from cstosim.errors import PlanError
from cstosim.rules.ruleset import Overrides, RuleSet, check_combination, regime, rules_on
from cstosim.scenario import models as m
from cstosim.scenario.fields import PositionValue
from cstosim.vocabulary import Change, Position, RuleKey, Status

__all__ = [
    "Context",
    "EventSpec",
    "HistorySpec",
    "Plan",
    "PlanError",
    "PositionSpec",
    "RecordedChairSpec",
    "compile_positions",
    "pick",
]

# A position, or (position, probability) pairs in the order of Position.
PositionSpec = Position | tuple[tuple[Position, float], ...]


def pick(probabilities: tuple[tuple[Position, float], ...], u: float) -> Position:
    """The position a uniform number ``u`` in [0, 1) falls on, the probabilities laid end to
    end in their order (the last one if rounding leaves ``u`` past the end)."""
    acc = 0.0
    for pos, p in probabilities:
        acc += p
        if u < acc:
            return pos
    return probabilities[-1][0]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventSpec:
    """A compiled event: its date and its place in the file (-1 for built-in history).

    ``depends_on`` names the rule keys the event's course turns on besides how its items are
    decided (a request's admissibility turns on armed_attack)."""

    depends_on: ClassVar[frozenset[RuleKey]] = frozenset()
    day: date
    index: int


@dataclass(frozen=True, slots=True, kw_only=True)
class HistorySpec(EventSpec):
    """A change of membership from the built-in history."""

    member: str
    change: Change
    position: Position | None
    note: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedChairSpec(EventSpec):
    """A handover of the chair from the built-in record (``history.CHAIR_HANDOVERS``)."""

    member: str
    exact: bool
    note: str


@dataclass(frozen=True, slots=True)
class Context:
    """What compiling an event may need to know besides the event."""

    start: date
    end: date
    overrides: Overrides


@dataclass(frozen=True)
class Plan:
    """Everything a run needs, as typed data."""

    name: str
    description: str
    start: date
    end: date
    seed: int
    overrides: Mapping[RuleKey, Any]
    status: Mapping[str, Status]
    frozen: Mapping[str, Position]
    chair: str | None
    events: tuple[EventSpec, ...]
    expect: tuple[m.Expectation, ...]
    # Whether the chair follows the record; if not, why the run is a what-if from its start.
    follows_record: bool = True
    chair_what_if: str = ""
    # Other readings of contested keys, applied from each key's in-force day (design 5.4).
    readings: Mapping[RuleKey, Any] = field(default_factory=dict)
    # Readings one item is decided under in place of the scenario's (item id -> overrides).
    item_rules: Mapping[str, Mapping[RuleKey, Any]] = field(default_factory=dict)
    _rules: dict[tuple[bool, ...], RuleSet] = field(default_factory=dict, compare=False, repr=False)
    _voters: list[tuple[tuple[str, ...], frozenset[str]]] = field(
        default_factory=list, compare=False, repr=False
    )

    _start: dict[int, Any] = field(default_factory=dict, compare=False, repr=False)

    def start_positions(
        self, given: Mapping[str, PositionSpec]
    ) -> tuple[dict[str, Position], tuple[tuple[str, PositionSpec], ...], tuple[str, ...]]:
        """For an item's ``given`` positions and the membership on the start date: the voters'
        positions where they are fixed (drawn ones left as support, in voter order), the
        voters whose position is drawn, in that order, and the members given a position
        without a vote. Worked out once per item (``given`` belongs to this plan's events)."""
        hit = self._start.get(id(given))
        if hit is None or hit[0] is not given:
            voters, has_vote = self.voters_at_start()
            fixed: dict[str, Position] = {}
            drawn: list[tuple[str, PositionSpec]] = []
            for m in voters:
                spec = given.get(m, self.frozen.get(m, Position.SUPPORT))
                if isinstance(spec, tuple):
                    drawn.append((m, spec))
                    fixed[m] = Position.SUPPORT  # a place in voter order, replaced by the draw
                else:
                    fixed[m] = spec
            ignored = () if has_vote.issuperset(given) else tuple(sorted(set(given) - has_vote))
            hit = self._start[id(given)] = (given, (fixed, tuple(drawn), ignored))
        result: tuple[
            dict[str, Position], tuple[tuple[str, PositionSpec], ...], tuple[str, ...]
        ] = hit[1]
        return result

    def voters_at_start(self) -> tuple[tuple[str, ...], frozenset[str]]:
        """The members with a vote on the start date (voting or frozen), sorted, and as a set
        (worked out once per plan: every sample of a sweep starts from them)."""
        if not self._voters:
            voters = tuple(sorted(m for m, st in self.status.items() if st is not Status.SUSPENDED))
            self._voters.append((voters, frozenset(voters)))
        return self._voters[0]

    def rules_on(self, day: date) -> RuleSet:
        """The rules in force on ``day`` under this plan's overrides."""
        key = regime(day)
        rs = self._rules.get(key)
        if rs is None:
            rs = self._rules[key] = rules_on(day, self.overrides, self.readings)
        return rs

    def rules_for(self, day: date, item: str) -> RuleSet:
        """The rules ``item`` is decided under on ``day``: its own readings over the plan's
        overrides, other readings (``readings``) over both."""
        own = self.item_rules.get(item)
        if not own:
            return self.rules_on(day)
        return rules_on(day, {**self.overrides, **own}, self.readings)

    def with_rules(self, changes: Overrides) -> Plan:
        """The same plan under other (checked) overrides: a what-if of the same scenario;
        RuleError where they do not fit together with the plan's own (as compiling checks)."""
        merged = {**self.overrides, **changes}
        check_combination(merged)
        return replace(self, overrides=merged, _rules={})

    def with_readings(self, readings: Overrides) -> Plan:
        """The same plan under other readings of contested keys, each applied only where it
        can be (``rules.ruleset.reading_applies``): a whole run of one reading."""
        return replace(self, readings=dict(readings), _rules={})

    def offset(self, day: date) -> int:
        """Days from the start."""
        return (day - self.start).days

    def day(self, offset: float) -> date:
        """The date ``offset`` days after the start."""
        return self.start + timedelta(days=int(offset))


def compile_positions(given: Mapping[str, PositionValue]) -> dict[str, PositionSpec]:
    """Positions by member code (sorted), probabilities as (position, p) pairs."""
    return {
        code: (tuple(value.items()) if isinstance(value, dict) else value)
        for code, value in sorted(given.items())
    }
