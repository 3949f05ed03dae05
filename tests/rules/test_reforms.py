"""Reforms of the decision rule (design 2.1c): invariants as properties, and power indices
against brute force."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstosim import api
from cstosim.rules.consensus import decide
from cstosim.rules.reforms import consensus_minus_one, qualified_majority
from cstosim.vocabulary import Outcome, Position
from tests.conftest import Cli
from tests.strategies import profiles, rule_kwargs

ADOPTED = {Outcome.ADOPTED, Outcome.ADOPTED_LIMITED}
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
thresholds = st.sampled_from([0.5, 0.55, 2 / 3, 0.75, 0.9, 1.0])


@st.composite
def weights_for(draw: st.DrawFn, members: list[str]) -> dict[str, float] | None:
    if draw(st.booleans()):
        return None
    return {m: float(draw(st.integers(1, 60))) for m in members if draw(st.booleans())}


def rules_of(name: str, kw: dict[str, Any], threshold: float, weights: Any) -> Any:
    if name == "consensus":
        return lambda pos: decide(pos, **kw)
    if name == "consensus_minus_one":
        return lambda pos: consensus_minus_one(pos, **kw)
    return lambda pos: qualified_majority(
        pos, threshold=threshold, weights=weights, quorum=kw["quorum"]
    )


RULES = st.sampled_from(["consensus", "consensus_minus_one", "qualified_majority"])


@given(profiles(), rule_kwargs, thresholds, RULES, st.data())
def test_unanimity_wins_under_every_rule(pos, kw, threshold, name, data) -> None:
    weights = data.draw(weights_for(list(pos)))
    everyone = dict.fromkeys(pos, Position.SUPPORT)
    assert rules_of(name, kw, threshold, weights)(everyone).outcome == Outcome.ADOPTED


@given(profiles(), rule_kwargs, thresholds, RULES, st.data())
def test_a_new_supporter_never_turns_adopted_into_rejected(pos, kw, threshold, name, data) -> None:
    weights = data.draw(weights_for(list(pos)))
    decide_ = rules_of(name, kw, threshold, weights)
    others = [m for m in pos if pos[m] != Position.SUPPORT]
    if not others:
        return
    m = data.draw(st.sampled_from(others))
    before, after = decide_(pos), decide_({**pos, m: Position.SUPPORT})
    if before.outcome in ADOPTED:
        assert after.outcome in ADOPTED


@given(profiles(), st.one_of(st.none(), st.sampled_from([0.5, 2 / 3, 1.0])))
def test_qualified_majority_of_all_with_equal_weights_is_unanimous_support(pos, quorum) -> None:
    r = qualified_majority(pos, threshold=1.0, quorum=quorum)
    took_part = any(
        p in (Position.SUPPORT, Position.ABSTAIN, Position.OBJECT) for p in pos.values()
    )
    if r.outcome != Outcome.NO_QUORUM:
        assert (r.outcome == Outcome.ADOPTED) == all(p == Position.SUPPORT for p in pos.values())
    else:
        assert not took_part or quorum is not None


@given(profiles(), thresholds, st.integers(2, 1000), st.data())
def test_weights_scaled_by_a_constant_change_nothing(pos, threshold, k, data) -> None:
    weights = data.draw(weights_for(list(pos))) or {m: 1.0 for m in pos}
    # members not named weigh 1: scale them too, by naming them
    full = {m: weights.get(m, 1.0) for m in pos}
    full_scaled = {m: w * k for m, w in full.items()}
    a = qualified_majority(pos, threshold=threshold, weights=full)
    b = qualified_majority(pos, threshold=threshold, weights=full_scaled)
    assert a.outcome == b.outcome and a.bound == b.bound


def test_consensus_minus_one_overrides_one_blocker_and_binds_it() -> None:
    pos = dict.fromkeys(SIX, Position.SUPPORT) | {"ARM": Position.OBJECT}
    r = consensus_minus_one(pos)
    assert r.outcome == Outcome.ADOPTED and r.overridden == ("ARM",) and "ARM" in r.bound
    assert "whatif.consensus_minus_one" in r.cites and "overridden" in r.why
    two = pos | {"BLR": Position.ABSENT}  # an absence blocks too under 'dissent'
    r = consensus_minus_one(two)
    assert r.outcome == Outcome.REJECTED and r.blockers == ("ARM", "BLR") and not r.overridden
    assert consensus_minus_one(two, rule14="no_objection").overridden == ("ARM",)


def test_qualified_majority_counts_abstention_as_not_supporting() -> None:
    pos = {
        "ARM": "abstain",
        "BLR": "abstain",
        "KAZ": "support",
        "KGZ": "support",
        "RUS": "support",
        "TJK": "support",
    }
    assert qualified_majority(pos, threshold=2 / 3).outcome == Outcome.ADOPTED  # 4 of 6
    assert qualified_majority(pos, threshold=0.7).outcome == Outcome.REJECTED
    heavy = qualified_majority(pos, threshold=2 / 3, weights={"ARM": 10, "BLR": 10})
    assert heavy.outcome == Outcome.REJECTED and "4 of 24" in heavy.why


# -- power indices under weights: against a brute force of our own ---------------------------
def brute_indices(weights: dict[str, float], threshold: float) -> tuple[dict, dict]:
    """Banzhaf and Shapley-Shubik of the weighted game 'the supporters' weight reaches the
    threshold of the total', counted over every coalition and every order."""
    members = sorted(weights)
    total = sum(Fraction(str(w)) for w in weights.values())
    need = Fraction(threshold).limit_denominator(10**6) * total

    def wins(s: frozenset[str]) -> bool:
        return sum(Fraction(str(weights[m])) for m in s) >= need

    swings = dict.fromkeys(members, 0)
    for r in range(len(members) + 1):
        for combo in itertools.combinations(members, r):
            s = frozenset(combo)
            for m in members:
                if m not in s and not wins(s) and wins(s | {m}):
                    swings[m] += 1
    pivots = dict.fromkeys(members, 0)
    for order in itertools.permutations(members):
        s: frozenset[str] = frozenset()
        for m in order:
            if not wins(s) and wins(s | {m}):
                pivots[m] += 1
                break
            s = s | {m}
    n_orders = math.factorial(len(members))
    total_swings = sum(swings.values())
    return (
        {m: round(swings[m] / total_swings, 12) for m in members},
        {m: round(pivots[m] / n_orders, 12) for m in members},
    )


@pytest.mark.parametrize(
    "weights,threshold",
    [
        ({"RUS": 50, "KAZ": 15, "BLR": 10, "ARM": 1, "KGZ": 1, "TJK": 1}, 2 / 3),
        ({"RUS": 7, "KAZ": 1, "BLR": 1, "ARM": 1, "KGZ": 1, "TJK": 1}, 0.55),
        ({"RUS": 3, "KAZ": 2, "BLR": 2}, 0.7),  # RUS and one other; KAZ and BLR fall short
    ],
)
def test_explore_power_indices_match_brute_force(weights, threshold) -> None:
    members = sorted(weights)
    result = api.explore_council(
        members,
        {
            "decision": "qualified_majority",
            "threshold": threshold,
            "weights": {m: float(w) for m, w in weights.items()},
        },
    )
    (v,) = result["variants"]
    banzhaf, shapley = brute_indices({m: float(w) for m, w in weights.items()}, threshold)
    assert v["banzhaf"] == pytest.approx(banzhaf) and v["shapley_shubik"] == pytest.approx(shapley)
    assert v["invariants"] == "not applicable" and sum(v["counts"].values()) == 5 ** len(members)
    assert len(set(v["banzhaf"].values())) > 1  # weights make the indices unequal


def test_equal_weights_give_equal_indices_in_closed_form() -> None:
    result = api.explore_council(SIX, {"decision": "qualified_majority", "threshold": 0.5})
    (v,) = result["variants"]
    assert v["banzhaf"] == pytest.approx(dict.fromkeys(SIX, 1 / 6))
    assert v["shapley_shubik"] == pytest.approx(dict.fromkeys(SIX, 1 / 6))


def test_run_decides_under_a_reform_from_the_command_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "reform.yaml"
    path.write_text(
        "name: reform\nstart: 2026-11-01\nend: 2026-12-31\nevents:\n"
        "  - {date: 2026-11-26, type: session, items: [{id: budget, positions: "
        "{ARM: object, BLR: abstain}}]}\n"
    )
    p = cli(
        "run",
        str(path),
        "--set",
        "decision=qualified_majority",
        "--set",
        "threshold=2/3",
        "--format",
        "jsonl",
    )
    (dec,) = [json.loads(x) for x in p.stdout.splitlines() if '"decision"' in x]
    assert dec["outcome"] == "adopted" and "whatif.qualified_majority" in dec["cites"]
    assert dec["bound"] == SIX  # binds every member with a vote
    p = cli("run", str(path), "--set", "decision=consensus_minus_one", "--format", "jsonl")
    (dec,) = [json.loads(x) for x in p.stdout.splitlines() if '"decision"' in x]
    assert dec["outcome"] == "adopted" and dec["overridden"] == ["ARM"]
    p = cli("run", str(path), "--set", "weights=RUS:50,XXX:3")
    assert p.returncode == 2 and "XXX" in p.stderr and "Traceback" not in p.stderr
    p = cli("run", str(path), "--set", "decision=majority")
    assert p.returncode == 2 and "qualified_majority" in p.stderr


def test_a_scenario_file_sets_a_reform(tmp_path: Path) -> None:
    path = tmp_path / "reform.yaml"
    path.write_text(
        "name: reform\nstart: 2026-11-01\nend: 2026-12-31\n"
        "rules: {decision: qualified_majority, threshold: 0.8, weights: {RUS: 50, KAZ: 15}}\n"
        "events:\n  - {date: 2026-11-26, type: session, items: [{id: budget, positions: "
        "{KAZ: object}}]}\n"
    )
    run = api.run(api.load(path))
    (dec,) = [r for r in run["trace"] if r["kind"] == "decision"]
    # 54 + 4 of 69: short of 0.8
    assert dec["outcome"] == "rejected" and run["rules"]["weights"] == {"KAZ": 15.0, "RUS": 50.0}


def test_the_report_and_the_timeline_say_who_was_overridden(tmp_path: Path) -> None:
    path = tmp_path / "reform.yaml"
    path.write_text(
        "name: reform\nstart: 2026-11-01\nend: 2026-12-31\nrules: {decision: consensus_minus_one}\n"
        "events:\n  - {date: 2026-11-26, type: session, items: [{id: budget, positions: "
        "{ARM: object}}]}\n"
    )
    run = api.simulate_scenario(api.load(path))
    html = api.render(run, "html")
    assert "Objection overridden (a reform, what-if)" in html and "Consensus minus one" in html
    text = api.render(run, "text")
    assert "overridden" in text and "decision=consensus_minus_one" in text
