"""One scenario under several rule variants, item by item (design 5.4)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any

from cstosim.engine import Plan, Run, compile_scenario, simulate
from cstosim.engine.records import DecisionRecord
from cstosim.engine.sensitivity import VALUES, readings_in_play
from cstosim.errors import RuleError
from cstosim.rules.ruleset import RuleValue, parse_rule_value, show_value
from cstosim.scenario.models import Scenario
from cstosim.vocabulary import RuleKey

__all__ = ["Comparison", "all_readings", "compare", "parse_variant", "readings"]

NOT_DECIDED = "not_decided"
# (contested key, value) -> item -> outcome ("not_decided" where that run did not decide it)
Readings = dict[tuple[RuleKey, Any], dict[str, str]]


def parse_variant(text: str) -> tuple[str, dict[str, RuleValue]]:
    """Parse ``KEY=VALUE[,KEY=VALUE]`` into a label and checked overrides; raises RuleError.

    An order lists its codes with semicolons: ``rotation=order,order=ARM;BLR;KAZ``.
    """
    overrides: dict[str, RuleValue] = {}
    for part in (p for p in text.split(",") if p.strip()):
        key, sep, value = part.partition("=")
        if not sep:
            raise RuleError(f"a variant is KEY=VALUE[,KEY=VALUE], not {text!r}")
        overrides[key.strip()] = parse_rule_value(key.strip(), value)
    if not overrides:
        raise RuleError("an empty variant; give KEY=VALUE")
    label = ",".join(f"{k}={show_value(v)}" for k, v in overrides.items())
    return label, overrides


@dataclass(frozen=True)
class Comparison:
    """Outcomes per item (rows) under each variant (columns); with all readings, which
    variant is the run's own (``base``) and, per item, the quorums that change it."""

    scenario: str
    seed: int
    variants: list[str]
    items: list[dict[str, Any]]
    base: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: {"variants": [...], "items": [{"item", "outcomes", ...}]}."""
        doc: dict[str, Any] = {
            "scenario": self.scenario,
            "seed": self.seed,
            "variants": self.variants,
            "items": self.items,
        }
        if self.base is not None:
            doc["base"] = self.base
        return doc

    @property
    def differing(self) -> list[dict[str, Any]]:
        """The items whose outcome differs between variants."""
        return [it for it in self.items if it["differs"]]


def compare(
    scenario: Scenario,
    variants: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    seed: int | None = None,
) -> Comparison:
    """Run ``scenario`` under each variant and tabulate each item's outcome."""
    plans: list[Plan] = [
        compile_scenario(scenario, overrides=dict(ov), seed=seed) for _, ov in variants
    ]
    per_variant: list[dict[str, DecisionRecord]] = []
    order: list[str] = []
    for plan in plans:
        run = simulate(plan)
        decided: dict[str, DecisionRecord] = {}
        for rec in run.trace:
            if isinstance(rec, DecisionRecord):
                decided[rec.item] = rec
                if rec.item not in order:
                    order.append(rec.item)
        per_variant.append(decided)
    items = _rows(order, per_variant)
    return Comparison(
        scenario=scenario.name,
        seed=plans[0].seed if plans else scenario.seed,
        variants=[label for label, _ in variants],
        items=items,
    )


def all_readings(plan: Plan, seed: int | None = None) -> Comparison:
    """Every combination of the contested readings in play (design 5.4), each a whole run of
    ``plan``, so an outcome that turns through an earlier decision is seen; ``base`` is the
    combination the plan itself runs under. Each item also lists, as ``quorums``, every quorum
    (a fraction k/n of the n members with a vote on some decision day) under which a whole run
    decides it otherwise, and how."""
    in_play = readings_in_play(plan)
    keys = list(in_play)
    own = plan.rules_on(plan.end)
    combos = list(product(*in_play.values()))
    labels = [
        ",".join(f"{k}={show_value(v)}" for k, v in zip(keys, c, strict=True)) for c in combos
    ]
    runs = [
        _decided(simulate(plan.with_readings(dict(zip(keys, c, strict=True))), seed, trace=False))
        for c in combos
    ]
    base_run = _decided(simulate(plan, seed, trace=False))
    base = next(
        (
            i
            for i, c in enumerate(combos)
            if all(getattr(own, k.value) == v for k, v in zip(keys, c, strict=True))
        ),
        None,
    )
    if any(k in item_own for item_own in plan.item_rules.values() for k in keys):
        base = None  # some items have readings of their own: no one combination is the run's
    quorums = _quorum_changes(plan, seed, base_run)
    order = list(dict.fromkeys([*base_run, *(item for run in runs for item in run)]))
    items = [{**row, "quorums": quorums.get(row["item"], {})} for row in _rows(order, runs)]
    return Comparison(plan.name, plan.seed if seed is None else seed, labels, items, base)


def _rows(order: list[str], runs: Sequence[Mapping[str, DecisionRecord]]) -> list[dict[str, Any]]:
    """One row per item: its outcome and blockers under each variant, and whether they differ."""
    items = []
    for item in order:
        recs = [run.get(item) for run in runs]
        outcomes = [str(r.outcome) if r else NOT_DECIDED for r in recs]
        items.append(
            {
                "item": item,
                "outcomes": outcomes,
                "differs": len(set(outcomes)) > 1,
                "blockers": [list(r.blockers) if r else [] for r in recs],
            }
        )
    return items


def _decided(run: Run) -> dict[str, DecisionRecord]:
    return {item: dec.record for item, dec in run.decisions.items()}


def _quorum_changes(
    plan: Plan, seed: int | None, base: dict[str, DecisionRecord]
) -> dict[str, dict[str, str]]:
    """Per item, each quorum k/n (n: the members with a vote on a decision day) under which a
    whole run decides it otherwise, as "k/n" -> outcome."""
    sizes = {len(rec.positions) for rec in base.values() if rec.positions}
    candidates = sorted({Fraction(k, n) for n in sizes for k in range(1, n + 1)})
    out: dict[str, dict[str, str]] = {}
    for q in candidates:
        other = _decided(
            simulate(plan.with_readings({RuleKey.QUORUM: float(q)}), seed, trace=False)
        )
        for item in base.keys() | other.keys():
            a, b = base.get(item), other.get(item)
            if (a and a.outcome) != (b and b.outcome):
                out.setdefault(item, {})[str(q)] = str(b.outcome) if b else NOT_DECIDED
    return out


def readings(plan: Plan, seed: int | None = None) -> Readings:
    """Each item's outcome in whole runs of ``plan`` under each value of each contested key,
    varied alone and applied from the day it is in force (the report's table of readings):
    (key, value) -> item -> outcome."""
    out: Readings = {}
    used = {k for e in plan.events for k in e.depends_on}
    for key, values in VALUES.items():
        if key == RuleKey.ARMED_ATTACK and key not in used:
            continue  # no request: no item turns on it
        own = plan.overrides.get(key, values[0])  # a value the scenario sets is a column too
        for value in values if own in values else (*values, own):
            variant = plan.with_readings({**plan.readings, key: value})
            run = simulate(variant, seed, trace=False)
            out[(key, value)] = {item: d.outcome.value for item, d in run.decisions.items()}
    return out
