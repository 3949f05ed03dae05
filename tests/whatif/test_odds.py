"""Exact odds (design 5.5): agreement with brute force, with sampling, and through cascades."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from fractions import Fraction
from itertools import product
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim import api
from cstosim.engine import Plan, compile_scenario, simulate
from cstosim.engine.deciding import Choice
from cstosim.scenario import parse_scenario
from cstosim.vocabulary import Outcome, Position
from cstosim.whatif.odds import OddsError, odds
from tests.conftest import Cli
from tests.engine.helpers import _NoAliases

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = ROOT / "scenarios" / "uncertain-summit-2026.yaml"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
COUNCIL = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def plan_of(data: dict[str, Any], overrides: dict[str, Any] | None = None) -> Plan:
    sc, _ = parse_scenario(yaml.dump(data, Dumper=_NoAliases, sort_keys=False), "<test>")
    return compile_scenario(sc, overrides=overrides)


def exact_of(item: Any) -> dict[str, Fraction]:
    return {o.value: p for o, p in item.probabilities.items() if p}


# -- brute force: every profile of every item, as whole runs ------------------------------------
class _Every:
    """A chooser that enumerates every joint profile of every item (no counting, no grouping)."""

    def __init__(self, path: list[int]) -> None:
        self.path, self.taken, self.sizes, self.p = path, [], [], Fraction(1)

    def choose(
        self, choice: Choice, outcome_of: Callable[[Mapping[str, Position]], Outcome]
    ) -> dict[str, Position]:
        options = []
        for m in choice.specs:
            spec = choice.specs[m]
            if not isinstance(spec, tuple):
                options.append([(spec, Fraction(1))])
                continue
            pairs = [(pos, Fraction(str(p))) for pos, p in spec if p > 0]
            total = sum(p for _, p in pairs)
            options.append([(pos, p / total) for pos, p in pairs])
        profiles = list(product(*options))
        depth = len(self.taken)
        k = self.path[depth] if depth < len(self.path) else 0
        self.taken.append(k)
        self.sizes.append(len(profiles))
        for _, q in profiles[k]:
            self.p *= q
        return {m: pos for m, (pos, _) in zip(choice.specs, profiles[k], strict=True)}


def brute_force(plan: Plan) -> dict[str, dict[str, Fraction]]:
    out: dict[str, dict[str, Fraction]] = {}
    stack: list[list[int]] = [[]]
    while stack:
        chooser = _Every(stack.pop())
        run = simulate(plan, trace=False, chooser=chooser)
        for depth in range(len(chooser.path), len(chooser.taken)):
            stack += [[*chooser.taken[:depth], alt] for alt in range(1, chooser.sizes[depth])]
        for item, dec in run.decisions.items():
            per = out.setdefault(item, {})
            per[dec.outcome.value] = per.get(dec.outcome.value, Fraction(0)) + chooser.p
    return out


PROBS = st.sampled_from(
    [
        {"support": 0.5, "object": 0.5},
        {"support": 0.7, "absent": 0.3},
        {"stand_aside": 0.6, "absent": 0.3, "object": 0.1},
        {"support": 0.25, "abstain": 0.25, "stand_aside": 0.5},
        {"support": 0.9, "abstain": 0.1},
        "object",
        "absent",
        "stand_aside",
    ]
)


@st.composite
def small_scenarios(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """One to three sessions of one or two items, some of them suspensions or chair items,
    with up to three members' positions uncertain per item, under any reading."""
    sessions = []
    day = date(2026, 3, 1)
    n = 0
    for s in range(draw(st.integers(1, 3))):
        items = []
        for _ in range(draw(st.integers(1, 2))):
            n += 1
            kind = draw(st.sampled_from(["decision", "decision", "suspension", "chair"]))
            item: dict[str, Any] = {"id": f"item-{n}", "kind": kind}
            if kind != "decision":
                item["member"] = draw(st.sampled_from(COUNCIL))
            uncertain = draw(st.lists(st.sampled_from(COUNCIL), max_size=3, unique=True))
            item["positions"] = {m: draw(PROBS) for m in uncertain}
            items.append(item)
        sessions.append(
            {
                "date": (day + timedelta(days=40 * s)).isoformat(),
                "type": "session",
                "body": "CSC",
                "items": items,
            }
        )
    rules = {
        "rule14": draw(st.sampled_from(["dissent", "no_objection", "consent"])),
        "limited_format": draw(st.sampled_from(["true", "false"])),
        "quorum": draw(st.sampled_from(["none", "2/3"])),
    }
    data = {"name": "small", "start": "2026-01-01", "end": "2026-12-31", "events": sessions}
    return data, rules


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios())
def test_exact_odds_equal_brute_force_enumeration(case: tuple[dict[str, Any], dict[str, Any]]):
    data, rules = case
    plan = plan_of(data, {k: api.parse_rule_value(k, str(v)) for k, v in rules.items()})
    got = {it.item: exact_of(it) for it in odds(plan).items}
    assert got == brute_force(plan)
    for per in got.values():
        assert sum(per.values()) == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_scenarios(), st.data())
def test_who_moves_the_odds_equals_brute_force_with_that_position_fixed(
    case: tuple[dict[str, Any], dict[str, Any]], data: st.DataObject
) -> None:
    scenario, rules = case
    overrides = {k: api.parse_rule_value(k, str(v)) for k, v in rules.items()}
    result = odds(plan_of(scenario, overrides))
    items = [it for ev in scenario["events"] for it in ev["items"]]
    item = data.draw(st.sampled_from(items))
    member = data.draw(st.sampled_from(COUNCIL))
    pos = data.draw(st.sampled_from(list(Position)))
    fixed = copy.deepcopy(scenario)
    for ev in fixed["events"]:
        for it in ev["items"]:
            if it["id"] == item["id"]:
                it["positions"][member] = pos.value
    expected = brute_force(plan_of(fixed, overrides))[item["id"]]
    got = next(it for it in result.items if it.item == item["id"])
    if member in got.movers:
        assert {o.value: p for o, p in got.movers[member][pos].items() if p} == expected
    else:  # never a voter on that item
        assert exact_of(got) == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    small_scenarios(),
    st.sampled_from(["consensus_minus_one", "qualified_majority"]),
    st.sampled_from(["", "RUS:50,KAZ:15,BLR:10", "ARM:3"]),
    st.sampled_from(["0.5", "2/3", "1"]),
)
def test_exact_odds_under_a_reform_equal_brute_force(
    case: tuple[dict[str, Any], dict[str, Any]], decision: str, weights: str, threshold: str
) -> None:
    """Weights make the rule name its members: the counting keeps them apart."""
    data, rules = case
    rules = {**rules, "decision": decision, "threshold": threshold}
    if weights:
        rules["weights"] = weights
    plan = plan_of(data, {k: api.parse_rule_value(k, str(v)) for k, v in rules.items()})
    assert {it.item: exact_of(it) for it in odds(plan).items} == brute_force(plan)


def test_the_summit_s_odds_are_exact_fractions() -> None:
    result = api.odds(SUMMIT)
    got = {it.item: exact_of(it) for it in result.items}
    assert got == {
        "budget-2027": {"adopted_limited": Fraction(3, 4), "rejected": Fraction(1, 4)},
        # Armenia stands aside (0.6) and Kazakhstan does not object (0.95): 0.57
        "joint-statement": {"adopted_limited": Fraction(57, 100), "rejected": Fraction(43, 100)},
        "working-plan": {"adopted_limited": Fraction(1)},
    }
    assert result.branches == 1


def test_the_summit_s_odds_lie_inside_a_sweep_s_95_percent_intervals() -> None:
    summary = {
        e["item"]: e["intervals"]
        for e in api.sweep_scenario(api.load(SUMMIT), samples=4000).as_dict()["items"]
    }
    for it in api.odds(SUMMIT).items:
        for outcome, p in it.probabilities.items():
            lo, hi = summary[it.item][outcome.value]
            assert lo <= p <= hi, (it.item, outcome, float(p), lo, hi)
        assert set(summary[it.item]) == {o.value for o in it.probabilities}


def test_who_moves_the_odds() -> None:
    budget = next(it for it in api.odds(SUMMIT).items if it.item == "budget-2027")
    arm = budget.movers["ARM"]
    assert arm[Position.OBJECT] == {Outcome.REJECTED: 1}
    assert arm[Position.STAND_ASIDE] == {Outcome.ADOPTED_LIMITED: 1}
    assert budget.uncertain == {"ARM"}
    statement = next(it for it in api.odds(SUMMIT).items if it.item == "joint-statement")
    assert statement.movers["KAZ"][Position.SUPPORT] == {
        Outcome.ADOPTED_LIMITED: Fraction(3, 5),
        Outcome.REJECTED: Fraction(2, 5),
    }


CASCADE = {
    "name": "cascade",
    "start": "2026-01-01",
    "end": "2026-12-31",
    "events": [
        {
            "date": "2026-03-01",
            "type": "session",
            "body": "CSC",
            "items": [
                {
                    "id": "suspend-arm",
                    "kind": "suspension",
                    "member": "ARM",
                    "positions": {"ARM": "support", "KAZ": {"support": 0.3, "object": 0.7}},
                }
            ],
        },
        {
            "date": "2026-06-01",
            "type": "session",
            "body": "CSC",
            "items": [{"id": "statement", "positions": {"ARM": "object"}}],
        },
    ],
}


def test_a_cascade_a_suspension_decides_whether_the_member_can_block() -> None:
    result = odds(plan_of(CASCADE))
    got = {it.item: exact_of(it) for it in result.items}
    # Armenia objects to the statement: it passes only where it was suspended first (0.3)
    assert got["statement"] == {"adopted": Fraction(3, 10), "rejected": Fraction(7, 10)}
    assert got["suspend-arm"] == {"adopted": Fraction(3, 10), "rejected": Fraction(7, 10)}
    assert result.branches == 2
    statement = next(it for it in result.items if it.item == "statement")
    assert statement.reached == 1 and "ARM" in statement.movers


def test_past_the_bound_it_stops_and_says_why() -> None:
    many = {
        **CASCADE,
        "events": [
            {
                "date": "2026-03-01",
                "type": "session",
                "body": "CSC",
                "items": [
                    {
                        "id": f"suspend-{member}",
                        "kind": "suspension",
                        "member": member,
                        "positions": {"BLR": {"support": 0.5, "object": 0.5}, member: "support"},
                    }
                    for member in ("ARM", "KAZ", "KGZ", "TJK")
                ],
            },
        ],
    }
    assert odds(plan_of(many)).branches == 16
    with pytest.raises(OddsError, match="more than 8 whole runs"):
        odds(plan_of(many), max_branches=8)


def test_the_command_refuses_past_the_bound_and_points_to_sweep(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import cstosim.whatif.odds as module

    monkeypatch.setattr(module, "MAX_BRANCHES", 1)
    path = tmp_path / "cascade.yaml"
    path.write_text(yaml.safe_dump(CASCADE, sort_keys=False))
    p = cli("odds", str(path))
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "more than 1 whole runs" in p.stderr and "cstosim sweep" in p.stderr


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_without_probabilities_the_odds_are_the_run_s_outcomes(path: Path, cli: Cli) -> None:
    p = cli("odds", str(path), "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert set(doc) >= {"scenario", "rules", "items"}
    run = api.run(path)
    decided = {r["item"]: r["outcome"] for r in run["trace"] if r["kind"] == "decision"}
    assert [it["item"] for it in doc["items"]] == list(decided)
    for it in doc["items"]:
        assert abs(sum(it["probabilities"].values()) - 1) < 1e-12
        assert set(it) >= {"item", "date", "body", "probabilities", "exact"}
        if "uncertain" not in path.stem:
            assert it["exact"] == {decided[it["item"]]: "1"}


def test_the_text_shows_fractions_and_who_moves_them(cli: Cli) -> None:
    p = cli("odds", str(SUMMIT))
    assert p.returncode == 0
    assert "57/100" in p.stdout and "3/4" in p.stdout
    assert "Who moves the odds" in p.stdout and "stand_aside" in p.stdout


def test_odds_under_another_reading(cli: Cli) -> None:
    p = cli("odds", str(SUMMIT), "--set", "rule14=no_objection", "--format", "json")
    doc = json.loads(p.stdout)
    budget = next(it for it in doc["items"] if it["item"] == "budget-2027")
    # silence no longer blocks: only Armenia's objection (1/20) does
    assert budget["exact"] == {"adopted_limited": "3/4", "adopted": "1/5", "rejected": "1/20"}
    assert doc["rules"]["rule14"] == "no_objection"


def test_weights_keep_the_members_apart_in_the_counting() -> None:
    """Armenia and Belarus hold the same counts of positions in two profiles; with Belarus's
    weight only one of them carries a two-thirds majority."""
    data = {
        "name": "weighted",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "events": [
            {
                "date": "2026-03-01",
                "type": "session",
                "body": "CSC",
                "items": [
                    {
                        "id": "budget",
                        "positions": {
                            "ARM": {"support": 0.5, "object": 0.5},
                            "BLR": {"support": 0.5, "object": 0.5},
                            "KAZ": "object",
                            "KGZ": "object",
                        },
                    }
                ],
            },
        ],
    }
    rules = {"decision": "qualified_majority", "threshold": "2/3", "weights": "BLR:10"}
    plan = plan_of(data, {k: api.parse_rule_value(k, v) for k, v in rules.items()})
    # total 15: RUS+TJK 2, with BLR 12 >= 10 adopted; with ARM only 3: rejected
    (it,) = [i for i in odds(plan).items if i.item == "budget"]
    assert exact_of(it) == {"adopted": Fraction(1, 2), "rejected": Fraction(1, 2)}
    assert exact_of(it) == brute_force(plan)["budget"]


HALF = {"support": 0.5, "object": 0.5}


@pytest.mark.parametrize(
    "data,rules",
    [
        (  # two uncertain suspensions: RUS (weight 10) or KAZ (weight 1) may vote on a
            {
                "name": "w",
                "start": "2026-01-01",
                "end": "2026-12-31",
                "events": [
                    {
                        "date": "2026-03-01",
                        "type": "session",
                        "body": "CSC",
                        "items": [
                            {
                                "id": "s1",
                                "kind": "suspension",
                                "member": "RUS",
                                "positions": {"RUS": HALF},
                            },
                            {
                                "id": "s2",
                                "kind": "suspension",
                                "member": "KAZ",
                                "positions": {
                                    "KAZ": HALF,
                                    "ARM": "object",
                                    "BLR": "object",
                                    "RUS": "support",
                                },
                            },
                        ],
                    },
                    {
                        "date": "2026-05-01",
                        "type": "session",
                        "body": "CSC",
                        "items": [
                            {
                                "id": "a",
                                "positions": dict.fromkeys(
                                    ["KAZ", "RUS", "ARM", "BLR", "KGZ", "TJK"], HALF
                                ),
                            }
                        ],
                    },
                ],
            },
            {"decision": "qualified_majority", "threshold": "0.5", "weights": "RUS:10,KAZ:1"},
        ),
        (  # a basing item before the 2011 protocol is in force, under a weighted vote
            {
                "name": "b",
                "start": "2013-03-01",
                "end": "2013-04-30",
                "events": [
                    {
                        "date": "2013-03-15",
                        "type": "session",
                        "body": "CSC",
                        "items": [
                            {
                                "id": "basing",
                                "kind": "basing",
                                "member": "KAZ",
                                "third_state": "USA",
                                "positions": {"RUS": HALF, "ARM": HALF, "BLR": HALF},
                            }
                        ],
                    },
                ],
            },
            {"decision": "qualified_majority", "threshold": "0.5", "weights": "RUS:10"},
        ),
    ],
    ids=["weights-across-branches", "basing-before-the-protocol"],
)
def test_weighted_members_are_told_apart_in_every_branch(data: Any, rules: Any) -> None:
    """Found by review: the outcome remembered for a count of positions must say who holds
    each named position, and a basing item decided by the reform names the weighted members."""
    plan = plan_of(data, {k: api.parse_rule_value(k, v) for k, v in rules.items()})
    assert {it.item: exact_of(it) for it in odds(plan).items} == brute_force(plan)


def test_an_item_with_too_many_weighted_profiles_is_refused_at_once() -> None:
    """Weights name members, whose combinations multiply: past the stated bound per item the
    odds stop with a clear message instead of running for minutes."""
    codes = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    five = dict.fromkeys(["support", "abstain", "object", "stand_aside", "absent"], 0.2)
    sc = api.scenario(
        {
            "name": "w",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "members": codes,
            "events": [api.session("2026-03-01", api.item("a", **dict.fromkeys(codes, five)))],
        }
    )
    weights = {c: i + 1 for i, c in enumerate(codes)}
    with pytest.raises(OddsError, match="78,125 profiles"):
        api.odds(sc, overrides={"decision": "qualified_majority", "weights": weights})
