"""Exact odds: the probability of every outcome of every item, computed, not sampled (design 5.5).

All randomness in a scenario is in the positions, each member's drawn independently from the
probabilities the file gives. Two facts make the odds exact and cheap:

- The rules decide on counts of positions. Consensus, written procedure, procedural questions
  and agreements look only at how many members take each position; a basing item also names
  its host and the third state. So an item's outcome distribution comes from a dynamic
  programme over the counts (at most C(n+4, 4) states for n members), with the named members
  enumerated beside it, and each state decided once by the item's own rule function.
- Only a few outcomes change how later items are decided: an adopted suspension or admission
  changes who has a vote (design 2.4); the chair, missions and the rest are read by no rule.
  The run branches on those items only, adopted or not, and each branch is a whole run of the
  engine with positions chosen, not drawn.

Probabilities are exact fractions: each probability written in the file is read as the decimal
it is written as (0.1 is 1/10), and a member's probabilities are divided by their sum.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import lru_cache
from itertools import product
from typing import Any

from cstosim.engine import Plan, Run, simulate
from cstosim.engine.deciding import Choice
from cstosim.engine.plan import PositionSpec
from cstosim.errors import CstosimError
from cstosim.vocabulary import ADOPTED, EFFECT_KINDS, Body, ItemKind, Outcome, Position

__all__ = [
    "BRANCHING_KINDS",
    "MAX_BRANCHES",
    "MAX_MEMBERS",
    "MAX_PROFILES",
    "ItemOdds",
    "Odds",
    "OddsError",
    "distribution",
    "exact",
    "odds",
]

BRANCHING_KINDS = EFFECT_KINDS  # the items a run branches on
# Stated bounds: whole runs enumerated, and voters on one item (the counts stay polynomial, but
# the named members and the representatives grow with it).
MAX_BRANCHES = 4096
MAX_MEMBERS = 40
MAX_PROFILES = 50_000  # count states times named members' combinations, per item

Dist = dict[Outcome, Fraction]
Profile = dict[str, Position]
OutcomeOf = Callable[[Mapping[str, Position]], Outcome]


class OddsError(CstosimError):
    """The exact odds would pass a stated bound (use a sweep instead)."""


def exact(p: float) -> Fraction:
    """A probability from a file as the decimal it was written as (0.1 -> 1/10)."""
    return Fraction(repr(p))


@lru_cache(maxsize=4096)
def _options(spec: PositionSpec) -> tuple[tuple[Position, Fraction], ...]:
    """A member's positions with exact probabilities that sum to 1 (zero ones left out)."""
    if not isinstance(spec, tuple):
        return ((spec, Fraction(1)),)
    pairs = [(pos, exact(p)) for pos, p in spec if p > 0]
    total = sum((p for _, p in pairs), Fraction(0))
    return tuple((pos, p / total) for pos, p in pairs)


Counts = tuple[int, ...]
_INDEX = {pos: i for i, pos in enumerate(Position)}


@lru_cache(maxsize=4096)
def _weighted(spec: PositionSpec) -> tuple[tuple[tuple[Position, int], ...], int]:
    """A member's options as whole numbers over one denominator: ((position, n), ...), d."""
    options = _options(spec)
    den = math.lcm(*(p.denominator for _, p in options))
    return tuple((pos, int(p * den)) for pos, p in options), den


def _count_states(
    members: list[str], specs: Mapping[str, PositionSpec], profiles: bool = True
) -> tuple[dict[Counts, tuple[int, Profile]], int]:
    """For the anonymous members: each reachable count of positions (in Position order), its
    weight and (with ``profiles``) one profile that reaches it; the weights are over the
    denominator returned (whole numbers, so that the programme does no fraction arithmetic)."""
    none: Profile = {}
    states: dict[Counts, tuple[int, Profile]] = {(0,) * len(_INDEX): (1, none)}
    den = 1
    for m in members:
        options, d = _weighted(specs[m])
        den *= d
        nxt: dict[Counts, tuple[int, Profile]] = {}
        for counts, (w, profile) in states.items():
            for pos, q in options:
                i = _INDEX[pos]
                key = (*counts[:i], counts[i] + 1, *counts[i + 1 :])
                hit = nxt.get(key)
                if hit:
                    nxt[key] = (hit[0] + w * q, hit[1])
                else:
                    nxt[key] = (w * q, {**profile, m: pos} if profiles else none)
        states = nxt
    return states, den


def _from_counts(members: list[str], counts: Counts) -> Profile:
    """Some profile of ``members`` with these counts of positions (the rules being anonymous,
    any will do to decide an item)."""
    positions = [pos for pos, n in zip(Position, counts, strict=True) for _ in range(n)]
    return dict(zip(members, positions, strict=True))


def distribution(
    specs: Mapping[str, PositionSpec],
    outcome_of: OutcomeOf,
    named: tuple[str, ...] = (),
    seen: dict[object, Outcome] | None = None,
    profiles: bool = True,
) -> tuple[Dist, dict[Outcome, Profile]]:
    """The exact distribution of an item's outcome, and (with ``profiles``) one profile, each
    member in a position it may take, giving each outcome.

    ``specs`` gives each voter's position or probabilities; ``outcome_of`` decides a profile
    by the item's rule, which may look at the identity of the ``named`` members only. ``seen``
    remembers the outcome of each count of positions across calls for the same item.
    """
    if len(specs) > MAX_MEMBERS:
        raise OddsError(f"{len(specs)} voters on one item; exact odds stop at {MAX_MEMBERS}")
    named_here = [m for m in named if m in specs]
    anonymous = [m for m in specs if m not in named_here]
    states, den = _count_states(anonymous, specs, profiles)
    seen = {} if seen is None else seen
    weights: dict[Outcome, int] = {}
    reps: dict[Outcome, Profile] = {}
    named_options = [_weighted(specs[m]) for m in named_here]
    size = len(states) * math.prod(len(options) for options, _ in named_options)
    if size > MAX_PROFILES:
        raise OddsError(
            f"item needs {size:,} profiles decided one by one (members whose identity the rule "
            f"uses, such as weighted members, with uncertain positions); exact odds stop at "
            f"{MAX_PROFILES:,} per item"
        )
    for m_den in (d for _, d in named_options):
        den *= m_den
    for combo in product(*(options for options, _ in named_options)):
        w_named = 1
        for _, q in combo:
            w_named *= q
        fixed = {m: pos for m, (pos, _) in zip(named_here, combo, strict=True)}
        for counts, (w, profile) in states.items():
            key = (counts, tuple(fixed.items()))  # who holds each named position
            outcome = seen.get(key)
            if outcome is None or (profiles and outcome not in reps):
                some = profile if profiles else _from_counts(anonymous, counts)
                whole = {m: (fixed[m] if m in fixed else some[m]) for m in specs}
                outcome = seen[key] = outcome_of(whole)
                if profiles:
                    reps.setdefault(outcome, whole)
            weights[outcome] = weights.get(outcome, 0) + w_named * w
    return {o: Fraction(w, den) for o, w in weights.items()}, reps


@dataclass
class ItemOdds:
    """One item's exact odds over all branches, and how fixing one member moves them."""

    item: str
    day: date
    body: Body
    kind: ItemKind
    probabilities: Dist = field(default_factory=dict)
    # member -> position -> outcome -> probability, that member's position fixed on this item
    movers: dict[str, dict[Position, Dist]] = field(default_factory=dict)
    reached: Fraction = Fraction(0)  # the probability that the run decides this item at all
    uncertain: set[str] = field(default_factory=set)  # members the file gives probabilities

    def as_dict(self, movers: bool = True) -> dict[str, object]:
        """JSON-ready (design 5.5): outcomes with p > 0 as floats and as reduced fractions,
        and, per member, the odds with its position fixed on this item."""
        doc: dict[str, object] = {
            "item": self.item,
            "date": self.day.isoformat(),
            "body": self.body.value,
            **_pair(self.probabilities),
        }
        if self.reached != 1:
            doc["reached"] = {"probability": float(self.reached), "exact": str(self.reached)}
        if self.uncertain:
            doc["uncertain"] = sorted(self.uncertain)
        if movers and self.movers:
            doc["movers"] = {
                member: {pos.value: _pair(dist) for pos, dist in per.items()}
                for member, per in self.movers.items()
            }
        return doc


def _pair(dist: Mapping[Outcome, Fraction]) -> dict[str, dict[str, object]]:
    """{"probabilities": {outcome: float}, "exact": {outcome: "p/q"}}, outcomes in the order
    of the vocabulary, those with p > 0 only."""
    shown = [o for o in Outcome if dist.get(o, 0) > 0]
    return {
        "probabilities": {o.value: float(dist[o]) for o in shown},
        "exact": {o.value: str(dist[o]) for o in shown},
    }


@dataclass
class Odds:
    """The exact odds of every decision item of a run, in the order they are decided."""

    scenario: str
    rules: dict[str, object]
    branches: int
    items: list[ItemOdds]

    def as_dict(self, movers: bool = True) -> dict[str, object]:
        """JSON-ready (design 5.5): scenario, rules, branches and items."""
        return {
            "scenario": self.scenario,
            "rules": self.rules,
            "branches": self.branches,
            "items": [it.as_dict(movers) for it in self.items],
        }


# Per item and day: the outcome of each count of positions, shared by every distribution of
# that item within one odds() call (whose plan fixes the rules of each day).
Seen = dict[tuple[str, date], dict[object, Outcome]]


def _key(specs: Mapping[str, PositionSpec]) -> tuple[tuple[str, PositionSpec], ...]:
    return tuple(sorted(specs.items()))


class _Branch:
    """A chooser for one whole run: on a branching item it takes the class the path says (the
    first after the path's end) and notes how many there were; elsewhere, any profile."""

    def __init__(
        self,
        path: list[int],
        cache: dict[object, tuple[Dist, dict[Outcome, Profile]]],
        seen: Seen,
    ):
        self.path = path
        self.taken: list[int] = []
        self.choices: list[int] = []  # how many classes at each branching item
        self.p = Fraction(1)
        self.seen: list[tuple[Choice, OutcomeOf, Dist]] = []
        self.cache = cache
        self.seen_by_item = seen
        self.run: Run | None = None

    def choose(self, choice: Choice, outcome_of: OutcomeOf) -> dict[str, Position]:
        key = (choice.item, choice.day, _key(choice.specs))
        hit = self.cache.get(key)
        if hit is None:
            seen = self.seen_by_item.setdefault((choice.item, choice.day), {})
            hit = self.cache[key] = distribution(choice.specs, outcome_of, choice.named, seen)
        dist, reps = hit
        self.seen.append((choice, outcome_of, dist))
        if choice.kind not in BRANCHING_KINDS:
            return dict(reps[max(dist, key=lambda o: (dist[o], o))])
        classes: list[tuple[Fraction, Profile]] = []
        for adopted in (True, False):
            outs = sorted(o for o in dist if (o in ADOPTED) == adopted)
            if outs:
                classes.append((sum((dist[o] for o in outs), Fraction(0)), reps[outs[0]]))
        depth = len(self.taken)
        k = self.path[depth] if depth < len(self.path) else 0
        self.taken.append(k)
        self.choices.append(len(classes))
        self.p *= classes[k][0]
        return dict(classes[k][1])


def _paths(run_one: Callable[[list[int]], _Branch], bound: int) -> Iterator[_Branch]:
    """Every whole run of the branching tree, each once (depth first, re-running a path)."""
    stack: list[list[int]] = [[]]
    count = 0
    while stack:
        if count == bound:
            raise OddsError(
                f"the exact odds need more than {bound} whole runs (each suspension or "
                "admission with uncertain positions doubles them); estimate them by sampling "
                "instead"
            )
        branch = run_one(stack.pop())
        count += 1
        for depth in range(len(branch.path), len(branch.taken)):
            for alt in range(1, branch.choices[depth]):
                stack.append([*branch.taken[:depth], alt])
        yield branch


def odds(plan: Plan, *, movers: bool = True, max_branches: int | None = None) -> Odds:
    """The exact odds of every decision item of ``plan``; raises OddsError past
    ``max_branches`` whole runs (default MAX_BRANCHES), or ``MAX_MEMBERS`` voters or
    ``MAX_PROFILES`` profiles on an item."""
    cache: dict[object, tuple[Dist, dict[Outcome, Profile]]] = {}
    by_counts: Seen = {}
    items: dict[str, ItemOdds] = {}
    seen: dict[str, list[tuple[Fraction, Choice, OutcomeOf, Dist]]] = {}
    branches = 0

    def run_one(path: list[int]) -> _Branch:
        branch = _Branch(path, cache, by_counts)
        branch.run = simulate(plan, trace=False, chooser=branch)
        return branch

    for branch in _paths(run_one, MAX_BRANCHES if max_branches is None else max_branches):
        branches += 1
        assert branch.run is not None
        chosen = {
            choice.item: (choice, outcome_of, dist) for choice, outcome_of, dist in branch.seen
        }
        for item, decision in branch.run.decisions.items():
            rec = decision.record
            it = items.get(item)
            if it is None:
                it = items[item] = ItemOdds(item, rec.date, rec.body, rec.item_kind)
            it.reached += branch.p
            if item not in chosen:  # decided without positions: inadmissible, no decision
                _add(it.probabilities, {decision.outcome: Fraction(1)}, branch.p)
                continue
            choice, outcome_of, dist = chosen[item]
            it.uncertain.update(m for m, spec in choice.specs.items() if isinstance(spec, tuple))
            _add(it.probabilities, dist, branch.p)
            seen.setdefault(item, []).append((branch.p, choice, outcome_of, dist))
    if movers:
        fixed_cache: dict[object, Any] = {}
        for item, contributions in seen.items():
            items[item].movers = _movers(contributions, fixed_cache, by_counts)
    for it in items.values():  # outcomes in the vocabulary's order
        it.probabilities = {o: it.probabilities[o] for o in Outcome if o in it.probabilities}
    first = plan.rules_on(plan.start).as_dict()
    ordered = sorted(items.values(), key=lambda it: it.day)  # stable: decided order per day
    return Odds(scenario=plan.name, rules=first, branches=branches, items=ordered)


def _add(into: Dist, dist: Mapping[Outcome, Fraction], weight: Fraction) -> None:
    for outcome, p in dist.items():
        into[outcome] = into.get(outcome, Fraction(0)) + weight * p


def _fixed_one(
    choice: Choice,
    outcome_of: OutcomeOf,
    member: str,
    pos: Position,
    seen: dict[object, Outcome],
    cache: dict[object, Any],
) -> Dist:
    """The item's odds with ``member`` fixed to ``pos`` (no member named by the rule): the
    counts of the others are worked out once per member, then extended by ``pos``."""
    key = ("others", choice.item, choice.day, _key(choice.specs), member)
    hit = cache.get(key)
    if hit is None:
        others = [m for m in choice.specs if m != member]
        hit = cache[key] = (others, *_count_states(others, choice.specs, profiles=False))
    others, states, den = hit
    i = _INDEX[pos]
    weights: dict[Outcome, int] = {}
    for counts, (w, _) in states.items():
        whole = (*counts[:i], counts[i] + 1, *counts[i + 1 :])
        outcome = seen.get((whole, ()))
        if outcome is None:
            profile = _from_counts([*others, member], whole)
            outcome = seen[(whole, ())] = outcome_of({m: profile[m] for m in choice.specs})
        weights[outcome] = weights.get(outcome, 0) + w
    return {o: Fraction(w, den) for o, w in weights.items()}


def _movers(
    contributions: list[tuple[Fraction, Choice, OutcomeOf, Dist]],
    cache: dict[object, Any],
    seen_by_item: Seen,
) -> dict[str, dict[Position, Dist]]:
    """Each voter's positions fixed in turn on this item, everything else as in the file; in
    a branch where the member has no vote, the item's odds there are as they are."""
    members = sorted({m for _, choice, _, _ in contributions for m in choice.specs})
    out: dict[str, dict[Position, Dist]] = {}
    for member in members:
        per: dict[Position, Dist] = {}
        for pos in Position:
            total: Dist = {}
            for weight, choice, outcome_of, dist in contributions:
                if member not in choice.specs:
                    _add(total, dist, weight)
                    continue
                key = (choice.item, choice.day, _key(choice.specs), member, pos)
                fixed = cache.get(key)
                if fixed is None:
                    seen = seen_by_item.setdefault((choice.item, choice.day), {})
                    if choice.named:  # identities matter: the whole programme again
                        specs = {**choice.specs, member: pos}
                        fixed = distribution(specs, outcome_of, choice.named, seen, False)[0]
                    else:
                        fixed = _fixed_one(choice, outcome_of, member, pos, seen, cache)
                    cache[key] = fixed
                _add(total, fixed, weight)
            per[pos] = total
        out[member] = per
    return out
