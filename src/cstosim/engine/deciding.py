"""How an item is decided: the rule its kind and procedure call for, the record it leaves.

The world (``engine.world``) asks here which rule function decides an item (consensus by
default, design 2.1; the other ways of design 2.3b), remembers consensus results (the hot path
of sweeps), and builds decision records. Nothing here knows of SimPy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from cstosim.engine.records import DecisionRecord, decision_from
from cstosim.provisions import in_force_from
from cstosim.rules.agreement import sign_agreement
from cstosim.rules.basing import decide_basing
from cstosim.rules.consensus import ConsensusResult, decide
from cstosim.rules.procedural import decide_procedural
from cstosim.rules.reforms import consensus_minus_one, qualified_majority
from cstosim.rules.ruleset import RuleSet
from cstosim.rules.written import decide_written
from cstosim.vocabulary import (
    Body,
    DecisionRule,
    ItemKind,
    Outcome,
    Position,
    Procedure,
    Rule14,
    RuleKey,
)

if TYPE_CHECKING:
    from cstosim.engine.plan import PositionSpec

__all__ = [
    "AT_A_MEETING",
    "BASES_FROM",
    "Choice",
    "Chooser",
    "RuleFn",
    "Way",
    "cited",
    "decided",
    "decision_record",
    "reform_for",
    "rule_for",
]


@dataclass(frozen=True, slots=True)
class Way:
    """How an item is taken (design 2.3b): at a meeting or by written procedure, as a
    procedural question, or ending without a decision; a basing item's host and third state."""

    procedure: Procedure = Procedure.MEETING
    procedural: bool = False
    no_decision: bool = False
    host: str = ""
    third_state: str = ""


AT_A_MEETING = Way()  # the ordinary way: at the body's meeting, by its rule


@dataclass(frozen=True, slots=True)
class Choice:
    """An item about to be decided, as a chooser sees it: each voter's position or
    probabilities (``specs``, by code), and the members the deciding rule names (a basing
    item's host and third state, a weighted vote's weighted members), whose identity matters
    where others' does not."""

    item: str
    kind: ItemKind
    day: date
    body: Body
    specs: Mapping[str, PositionSpec]
    named: tuple[str, ...]


class Chooser(Protocol):
    """Picks the positions an item is decided on, in place of drawing them (exact odds)."""

    def choose(
        self, choice: Choice, outcome_of: Callable[[Mapping[str, Position]], Outcome]
    ) -> dict[str, Position]:
        """The voters' positions for ``choice``; ``outcome_of`` decides any profile by the
        item's rule."""
        ...


def cited(
    res: ConsensusResult, extra_cites: tuple[str, ...], why_prefix: str
) -> tuple[tuple[str, ...], str]:
    """A result's cites and why, with a procedure's own cites first and its words before."""
    if not (extra_cites or why_prefix):
        return res.cites, res.why
    cites = (*extra_cites, *(c for c in res.cites if c not in extra_cites))
    why = why_prefix + (res.why[0].lower() + res.why[1:] if why_prefix else res.why)
    return cites, why


def decision_record(
    day: date,
    item_id: str,
    item_kind: ItemKind,
    title: str | None,
    body: Body,
    session_id: str | None,
    outcome: Outcome,
    pos: dict[str, Position],
    res: ConsensusResult | None,
    cites: tuple[str, ...],
    why: str,
    ignored: tuple[str, ...],
    sensitive: tuple[RuleKey, ...] = (),
) -> DecisionRecord:
    """The record of a decided item."""
    return decision_from(
        day,
        item_id,
        item_kind,
        title,
        body,
        session_id,
        outcome,
        MappingProxyType(pos),
        res.bound if res else (),
        res.blockers if res else (),
        res.may_accede if res else (),
        res.stood_aside if res else (),
        cites,
        why,
        sensitive,
        ignored,
        res.overridden if res else (),
    )


RuleFn = Callable[..., ConsensusResult]
BASES_FROM = in_force_from("csto.2011.bases")


def reform_for(rules: RuleSet) -> RuleFn | None:
    """The reform of the decision rule in force under ``rules`` (design 2.1c), called as the
    other rule functions are, and memoised as consensus is; None under consensus."""
    if rules.decision == DecisionRule.CONSENSUS:
        return None
    return _reform(rules.decision, rules.threshold, rules.weights)


@cache
def _reform(
    decision: DecisionRule, threshold: float, weights: tuple[tuple[str, float], ...] | None
) -> RuleFn:
    """One memoised rule function per reform (a sweep decides the same profiles again and
    again: the rule functions are pure)."""
    if decision == DecisionRule.CONSENSUS_MINUS_ONE:
        base: RuleFn = consensus_minus_one
    else:
        weighted = dict(weights or ())
        base = lambda pos, *, quorum, **_: qualified_majority(  # noqa: E731
            pos, threshold=threshold, weights=weighted, quorum=quorum
        )
    memo: dict[tuple[Any, ...], ConsensusResult] = {}

    def decide_reformed(
        pos: Mapping[str, Position], *, rule14: Rule14, limited_format: bool, quorum: float | None
    ) -> ConsensusResult:
        key = (tuple(pos.items()), rule14, limited_format, quorum)
        hit = memo.get(key)
        if hit is None:
            if len(memo) >= _MEMO_MAX:
                memo.clear()
            hit = memo[key] = base(pos, rule14=rule14, limited_format=limited_format, quorum=quorum)
        return hit

    return decide_reformed


def rule_for(kind: ItemKind, way: Way, day: date) -> RuleFn | None:
    """The rule function deciding an item of ``kind`` taken ``way`` on ``day`` (None:
    consensus), called with the keys rule14, limited_format and quorum, of which it uses those
    that apply. Before the 2011 protocol on foreign bases is in force, a basing item is decided
    by consensus."""
    if kind == ItemKind.AGREEMENT:
        return lambda pos, **_: sign_agreement(pos)
    if kind == ItemKind.BASING and day >= BASES_FROM:
        return lambda pos, **_: decide_basing(pos, host=way.host, third_state=way.third_state)
    if way.procedural:
        return lambda pos, **_: decide_procedural(pos)
    if way.procedure == Procedure.WRITTEN:
        return lambda pos, *, limited_format, **_: decide_written(
            pos, limited_format=limited_format
        )
    return None


# The rule functions are pure, so their results can be remembered: the same positions under
# the same rules give the same result in every run of a process (sweeps repeat them a lot).
MemoKey = tuple[tuple[tuple[str, Position], ...], Rule14, bool, float | None]
_MEMO: dict[MemoKey, ConsensusResult] = {}
_MEMO_MAX = 65_536


def decided(
    pos: dict[str, Position],
    rule14: Rule14,
    lf: bool,
    quorum: float | None,
    items: tuple[tuple[str, Position], ...] | None = None,
) -> ConsensusResult:
    """decide() for these positions and rules, memoised (``items``: ``tuple(pos.items())``,
    where the caller has it already)."""
    key = (tuple(pos.items()) if items is None else items, rule14, lf, quorum)
    hit = _MEMO.get(key)
    if hit is None:
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        hit = _MEMO[key] = decide(pos, rule14=rule14, limited_format=lf, quorum=quorum)
    return hit
