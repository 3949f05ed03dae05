"""Which contested readings decide each item, seen as whole runs would see them (design 5.4).

A decision record's ``sensitive_to`` lists the contested keys (``rules.ruleset.CONTESTED``)
under another value of which the run would decide the item otherwise, or not at all, through
an earlier decision too. Whole runs under every other value would answer that, at several times
the cost of the run. This module gets the same answer while the run goes on: for each other
value it decides the item again, with the same positions, by the same rule function, under the
rules that value gives on the day; as long as no earlier item whose adoption changes what later
items are decided (``vocabulary.EFFECT_KINDS``: a suspension, an admission), and no request's
admissibility, has turned out otherwise under that value,
this is exactly what the whole run would decide. From the first item that does, it runs that
value as a whole run (once) and reads the later items' outcomes from it.

Nothing here knows of SimPy: the engine hands in the whole-run function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from cstosim.engine.plan import Plan
from cstosim.rules.consensus import QUORUM_ALTERNATIVES
from cstosim.rules.ruleset import CONTESTED, RuleSet, RuleValue, reading_applies
from cstosim.vocabulary import ADOPTED, EFFECT_KINDS, ItemKind, Outcome, Rule14, RuleKey

__all__ = ["VALUES", "Sensitivity", "readings_in_play"]

# The values each contested key is tried with: every reading of Rule 14, the limited format
# and armed attack on and off, no quorum and two thirds (design 5.4).
VALUES: dict[RuleKey, tuple[RuleValue, ...]] = {
    RuleKey.RULE14: tuple(Rule14),
    RuleKey.LIMITED_FORMAT: (True, False),
    RuleKey.QUORUM: QUORUM_ALTERNATIVES,
    RuleKey.ARMED_ATTACK: (True, False),
}

WholeRun = Callable[[Plan], dict[str, Outcome]]


# Keys that only some events turn on (``EventSpec.depends_on``); the others decide every item.
_EVENT_KEYS = frozenset({RuleKey.ARMED_ATTACK})


def readings_in_play(plan: Plan) -> dict[RuleKey, tuple[RuleValue, ...]]:
    """The contested keys that can apply on some day of the run, each with every value it is
    tried with: a key in force only from a later day (the limited format, armed attack) is left
    out of a run that ends before it, unless the scenario sets it, and armed attack out of a
    run with no request for assistance."""
    used = {k for e in plan.events for k in e.depends_on}
    set_keys = {**{k: None for own in plan.item_rules.values() for k in own}, **plan.overrides}
    return {
        k: VALUES[k]
        for k in CONTESTED
        if reading_applies(k, plan.end, set_keys) and (k not in _EVENT_KEYS or k in used)
    }


@dataclass
class _Other:
    """One other value of one key: its plan, and its whole run once a cascade needs it."""

    key: RuleKey
    plan: Plan
    outcomes: dict[str, Outcome] | None = None
    fixed: dict[str, Outcome] = field(default_factory=dict)  # items it decides otherwise
    day: date | None = None  # the last day asked for, and its rules
    rules: RuleSet | None = None

    def rules_on(self, day: date, item: str) -> RuleSet:
        """The rules this value gives ``item`` on ``day`` (items come day by day: the last
        day's are kept)."""
        if item in self.plan.item_rules:
            return self.plan.rules_for(day, item)
        if day != self.day or self.rules is None:
            self.day, self.rules = day, self.plan.rules_on(day)
        return self.rules


class Sensitivity:
    """The other readings of one run, asked item by item as the run decides them."""

    def __init__(self, plan: Plan, whole_run: WholeRun) -> None:
        first = plan.rules_on(plan.start)
        self._whole_run = whole_run
        self._others: list[_Other] = []
        for key, values in readings_in_play(plan).items():
            own = any(key in rules for rules in plan.item_rules.values())
            if reading_applies(key, plan.start, plan.overrides) and not own:  # one value always
                values = tuple(v for v in values if v != getattr(first, key.value))
            for v in values:
                self._others.append(_Other(key, plan.with_readings({**plan.readings, key: v})))

    def item(
        self,
        item: str,
        kind: ItemKind,
        day: date,
        outcome: Outcome,
        decide_under: Callable[[RuleSet], Outcome] | None,
    ) -> tuple[RuleKey, ...]:
        """The keys another value of which decides ``item`` otherwise; ``decide_under``
        decides it again under other rules (None: the rules do not enter, as for an item no
        rule decides)."""
        keys: set[RuleKey] = set()
        for other in self._others:
            if other.outcomes is not None:
                theirs: Outcome | None = other.outcomes.get(item)
            elif item in other.fixed:
                theirs = other.fixed[item]
            elif decide_under is None:
                theirs = outcome
            else:
                theirs = decide_under(other.rules_on(day, item))
                if kind in EFFECT_KINDS and (theirs in ADOPTED) != (outcome in ADOPTED):
                    other.outcomes = self._whole_run(other.plan)  # a cascade from here on
            if theirs != outcome:
                keys.add(other.key)
        return tuple(k for k in CONTESTED if k in keys)

    def request(
        self, item: str, day: date, admissible: Callable[[RuleSet], bool], base: bool, draws: bool
    ) -> None:
        """A request whose admissibility turns on the rules. Where another value turns an
        admissible request away and nothing is drawn for its item (``draws``: its positions
        are probabilities), only its item is decided otherwise (inadmissible): its assistance
        changes no later decision. Any other turn is followed by a whole run of that value."""
        for other in self._others:
            if other.outcomes is not None or admissible(other.rules_on(day, item)) == base:
                continue
            if base and not draws:
                other.fixed[item] = Outcome.INADMISSIBLE
            else:
                other.outcomes = self._whole_run(other.plan)
