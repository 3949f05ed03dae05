"""Every position profile of a council under every rule variant (design 5.4).

Computed with the pure rule function ``rules.consensus.decide``, not the engine. The rule is
anonymous (the outcome does not depend on which member holds which position, an invariant the
tests pin), so the 5^n profiles fall into C(n+4, 4) compositions, each decided once and
counted with its multinomial weight; for councils of up to ``FULL_CHECK_MAX`` members every
profile is also decided one by one and the invariants of design 2.1 checked on each.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cstosim.errors import ArgumentError
from cstosim.rules.consensus import ConsensusResult, decide
from cstosim.vocabulary import ADOPTED, CONSENSUS_OUTCOMES, Outcome, Position, Rule14

__all__ = ["COUNTED", "MAX_MEMBERS", "Variant", "explore", "power_indices"]

MAX_MEMBERS = 9
FULL_CHECK_MAX = 6
POSITIONS: tuple[Position, ...] = tuple(Position)
# the outcomes a council's decision can have (inadmissible concerns requests only)
COUNTED: tuple[Outcome, ...] = CONSENSUS_OUTCOMES
Decide = Callable[..., ConsensusResult]
Profile = dict[str, Position]


@dataclass
class Variant:
    """One combination of rule14, limited_format and quorum, with what exploring it found."""

    rule14: Rule14
    limited_format: bool
    quorum: float | None
    counts: dict[Outcome, int] = field(default_factory=dict)
    banzhaf: dict[str, float] = field(default_factory=dict)
    shapley_shubik: dict[str, float] = field(default_factory=dict)
    blocks_alone: dict[str, list[Position]] = field(default_factory=dict)
    counterexamples: list[dict[str, Any]] = field(default_factory=list)
    reform: dict[str, Any] | None = None  # decision, threshold, weights of a reform (2.1c)

    @property
    def invariants(self) -> str:
        """'hold', how many counterexamples were found, or 'not applicable' under a reform
        (the invariants are those of consensus, design 2.1)."""
        if self.reform is not None:
            return "not applicable"
        return "hold" if not self.counterexamples else f"fail ({len(self.counterexamples)})"

    def kwargs(self) -> dict[str, Any]:
        """The variant as keyword arguments of ``decide``."""
        return {"rule14": self.rule14, "limited_format": self.limited_format, "quorum": self.quorum}

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready, per design 5.4 (plus blocks_alone and counterexamples)."""
        return {
            "rule14": self.rule14.value,
            "limited_format": self.limited_format,
            "quorum": self.quorum,
            "counts": {o.value: n for o, n in self.counts.items()},
            "banzhaf": self.banzhaf,
            "shapley_shubik": self.shapley_shubik,
            "blocks_alone": {m: [p.value for p in ps] for m, ps in self.blocks_alone.items()},
            "invariants": self.invariants,
            "counterexamples": self.counterexamples,
            **(self.reform or {}),
        }


def _compositions(n: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to split n members over ``parts`` positions (counts per position)."""
    for bars in itertools.combinations(range(n + parts - 1), parts - 1):
        prev, out = -1, []
        for b in bars:
            out.append(b - prev - 1)
            prev = b
        out.append(n + parts - 1 - prev - 1)
        yield tuple(out)


def _multinomial(counts: Sequence[int]) -> int:
    total, out = 0, 1
    for c in counts:
        total += c
        out *= math.comb(total, c)
    return out


def _profile(members: Sequence[str], counts: Sequence[int]) -> Profile:
    """The profile giving the first members the first position, and so on."""
    out: Profile = {}
    it = iter(members)
    for pos, c in zip(POSITIONS, counts, strict=True):
        for _ in range(c):
            out[next(it)] = pos
    return out


def _wins(
    members: Sequence[str],
    coalition: frozenset[str],
    no: Position,
    kw: dict[str, Any],
    fn: Decide,
    fixed: Mapping[str, Position],
) -> bool:
    pos = {m: (Position.SUPPORT if m in coalition else no) for m in members}
    return fn({**pos, **fixed}, **kw).outcome in ADOPTED


def power_indices(
    members: Sequence[str],
    kw: dict[str, Any],
    *,
    no: Position = Position.OBJECT,
    fn: Decide = decide,
    fixed: Mapping[str, Position] | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """Normalised Banzhaf and Shapley-Shubik indices of the yes/no game the variant defines.

    A coalition wins when its members ``support`` and every other member takes position ``no``
    (by default a formal objection) and the item is adopted; the ``fixed`` members (not among
    ``members``) hold their positions throughout.
    """
    fixed = dict(fixed or {})
    n = len(members)
    wins: dict[frozenset[str], bool] = {}
    for r in range(n + 1):
        for combo in itertools.combinations(members, r):
            s = frozenset(combo)
            wins[s] = _wins(members, s, no, kw, fn, fixed)
    swings = dict.fromkeys(members, 0)
    shapley = dict.fromkeys(members, 0.0)
    fact = math.factorial
    for s, won in wins.items():
        if won:
            continue
        for m in members:
            if m in s:
                continue
            if wins[s | {m}]:
                swings[m] += 1
                shapley[m] += fact(len(s)) * fact(n - len(s) - 1) / fact(n)
    total = sum(swings.values())
    banzhaf = {m: (swings[m] / total if total else 0.0) for m in members}
    ss_total = sum(shapley.values())
    ss = {m: (shapley[m] / ss_total if ss_total else 0.0) for m in members}
    return _round(banzhaf), _round(ss)


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 12) for k, v in d.items()}


def _check_profile(
    members: Sequence[str], pos: Profile, kw: dict[str, Any], fn: Decide
) -> list[str]:
    """The invariants of design 2.1 that this profile breaks (names), if any."""
    broken = []
    res = fn(pos, **kw)
    if Position.OBJECT in pos.values() and res.outcome in ADOPTED:
        broken.append("one objection blocks")
    reversed_res = fn(dict(reversed(list(pos.items()))), **kw)
    if reversed_res.outcome != res.outcome or set(reversed_res.bound) != set(res.bound):
        broken.append("outcome does not depend on member order")
    if kw["rule14"] == Rule14.NO_OBJECTION and set(res.blockers) & {
        m for m, p in pos.items() if p == Position.ABSENT
    }:
        broken.append("no absent blocker under no_objection")
    for m, p in pos.items():
        turned = p == Position.ABSTAIN and res.outcome in ADOPTED
        if turned and fn({**pos, m: Position.SUPPORT}, **kw).outcome not in ADOPTED:
            broken.append("abstain to support never turns adopted into rejected")
            break
    if kw["rule14"] == Rule14.CONSENT and kw["quorum"] is None:
        taking_part = (Position.SUPPORT, Position.ABSTAIN, Position.OBJECT)
        for m, p in pos.items():
            others = [q for k, q in pos.items() if k != m and q in taking_part]
            support = {**pos, m: Position.SUPPORT}
            if p == Position.ABSENT and others and fn(support, **kw).outcome != res.outcome:
                broken.append("under consent absent equals support")
                break
    return broken


def _counterexample_scenario(
    members: Sequence[str], pos: Profile, kw: dict[str, Any], broken: list[str]
) -> dict[str, Any]:
    """A ready-to-run scenario reproducing a broken invariant."""
    rules: dict[str, Any] = {"rule14": str(kw["rule14"]), "limited_format": kw["limited_format"]}
    if kw["quorum"] is not None:
        rules["quorum"] = kw["quorum"]
    return {
        "name": "explore counterexample: " + "; ".join(broken),
        "description": "Written by cstosim explore: this profile breaks an invariant of "
        "design 2.1 (" + "; ".join(broken) + ").",
        "start": "2026-01-01",
        "end": "2026-01-31",
        "rules": rules,
        "members": list(members),
        "events": [
            {
                "date": "2026-01-10",
                "type": "session",
                "items": [
                    {"id": "counterexample", "positions": {m: p.value for m, p in pos.items()}}
                ],
            }
        ],
    }


def explore(
    members: Sequence[str],
    *,
    rule14: Sequence[Rule14] = tuple(Rule14),
    limited_format: Sequence[bool] = (False, True),
    quorum: Sequence[float | None] = (None,),
    full_check: bool | None = None,
    decide_fn: Decide = decide,
    reform: dict[str, Any] | None = None,
    anonymous: bool = True,
    fixed: Mapping[str, Position] | None = None,
) -> list[Variant]:
    """Explore every profile of the five positions for ``members`` under each variant.

    ``decide_fn`` decides a profile (consensus by default); under a ``reform`` (its keys, for
    the output) the invariants of consensus are not checked. A rule that is not
    ``anonymous`` (weighted votes) has every profile decided one by one. The ``fixed``
    members hold their positions in every profile: the profiles are those of the others.
    """
    fixed = dict(fixed or {})
    members = list(dict.fromkeys(members))
    if not 1 <= len(members) <= MAX_MEMBERS:
        raise ArgumentError(f"explore takes 1 to {MAX_MEMBERS} members, not {len(members)}")
    if set(fixed) - set(members):
        raise ArgumentError(
            f"--fix names {', '.join(sorted(set(fixed) - set(members)))}, "
            "not a member of the council explored"
        )
    members = [m for m in members if m not in fixed]  # the ones whose positions vary
    n = len(members)
    if not n:
        raise ArgumentError("every member's position is fixed: nothing to explore")
    full = n <= FULL_CHECK_MAX if full_check is None else full_check
    out = []
    for r14, lf, q in itertools.product(rule14, limited_format, quorum):
        v = Variant(Rule14(r14), lf, q, counts=dict.fromkeys(COUNTED, 0), reform=reform)
        kw = v.kwargs()
        if not anonymous:
            for combo in itertools.product(POSITIONS, repeat=n):
                profile = {**dict(zip(members, combo, strict=True)), **fixed}
                outcome = decide_fn(profile, **kw).outcome
                v.counts[outcome] = v.counts.get(outcome, 0) + 1
        for counts in _compositions(n, len(POSITIONS)) if anonymous else ():
            pos = {**_profile(members, counts), **fixed}
            outcome = decide_fn(pos, **kw).outcome
            v.counts[outcome] = v.counts.get(outcome, 0) + _multinomial(counts)
            if not full and reform is None:
                broken = _check_profile(members, pos, kw, decide_fn)
                if broken and len(v.counterexamples) < 5:
                    v.counterexamples.append(_counterexample_scenario(members, pos, kw, broken))
        if full and reform is None:
            for combo in itertools.product(POSITIONS, repeat=n):
                pos = {**dict(zip(members, combo, strict=True)), **fixed}
                broken = _check_profile(members, pos, kw, decide_fn)
                if broken and len(v.counterexamples) < 5:
                    v.counterexamples.append(_counterexample_scenario(members, pos, kw, broken))
        v.banzhaf, v.shapley_shubik = power_indices(members, kw, fn=decide_fn, fixed=fixed)
        others = {**dict.fromkeys(members, Position.SUPPORT), **fixed}
        carried = decide_fn(others, **kw).outcome in ADOPTED  # with every free member supporting
        for m in members:
            # a position blocks alone only where the item passes with that member supporting
            v.blocks_alone[m] = (
                [p for p in POSITIONS if decide_fn({**others, m: p}, **kw).outcome not in ADOPTED]
                if carried
                else []
            )
        out.append(v)
    return out
