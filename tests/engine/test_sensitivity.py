"""sensitive_to as whole runs see it (design 5.4), and compare --all-readings."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim import api
from cstosim.engine import Plan, simulate
from cstosim.engine.records import DecisionRecord
from cstosim.engine.sensitivity import readings_in_play
from cstosim.rules.consensus import sensitive_to
from cstosim.rules.ruleset import CONTESTED
from tests.conftest import Cli
from tests.whatif.test_odds import plan_of

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
SEVEN = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"]

# Session 1 suspends Uzbekistan with Belarus absent; at session 2 Uzbekistan objects to item a.
# Under 'dissent' Belarus's absence blocks the suspension, so Uzbekistan still votes and blocks a;
# under the other readings it is suspended first and a passes.
CASCADE = {
    "name": "cascade",
    "start": "2023-03-01",
    "end": "2023-03-31",
    "members": SEVEN,
    "events": [
        {
            "date": "2023-03-10",
            "type": "session",
            "items": [
                {
                    "id": "s",
                    "kind": "suspension",
                    "member": "UZB",
                    "positions": {"BLR": "absent", "UZB": "support"},
                }
            ],
        },
        {
            "date": "2023-03-20",
            "type": "session",
            "items": [{"id": "a", "positions": {"UZB": "object"}}],
        },
    ],
}


def whole_runs(plan: Plan) -> dict[str, tuple[str, ...]]:
    """sensitive_to by brute force: a whole run under each other value of each key in play."""
    base = {i: d.outcome for i, d in simulate(plan, trace=False).decisions.items()}
    found: dict[str, set[str]] = {}
    for key, values in readings_in_play(plan).items():
        for value in values:
            other = simulate(plan.with_readings({key: value}), trace=False).decisions
            for item in base.keys() | other.keys():
                theirs = other[item].outcome if item in other else None
                if base.get(item) != theirs:
                    found.setdefault(item, set()).add(key)
    return {i: tuple(k for k in CONTESTED if k in found.get(i, set())) for i in base}


def traced(plan: Plan) -> dict[str, tuple[str, ...]]:
    run = simulate(plan)
    return {r.item: r.sensitive_to for r in run.trace if isinstance(r, DecisionRecord)}


def test_a_cascade_the_per_item_sensitivity_missed() -> None:
    plan = plan_of(CASCADE)
    run = simulate(plan)
    a = run.decisions["a"].record
    assert a.outcome == "rejected" and a.blockers == ("UZB",)
    # item by item, nothing contested decides a: Uzbekistan's objection blocks under every reading
    assert sensitive_to(dict(a.positions), rule14="dissent", limited_format=True) == ()
    # whole runs see that the reading decided whether Uzbekistan could still vote on it
    assert a.sensitive_to == ("rule14",)
    assert traced(plan) == whole_runs(plan)


POSITIONS = st.one_of(
    st.sampled_from(["support", "abstain", "object", "stand_aside", "absent"]),
    # drawn positions: whole runs and the run itself must draw the same numbers in turn
    st.sampled_from([{"support": 0.5, "absent": 0.5}, {"object": 0.3, "stand_aside": 0.7}]),
)


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """Two or three sessions (and perhaps a request) around the protocol's entry into force,
    with suspensions, admissions of a departed member, chair items and plain decisions."""
    start = draw(st.sampled_from([date(2012, 11, 1), date(2023, 1, 1)]))
    events: list[dict[str, Any]] = []
    n = 0
    for s in range(draw(st.integers(2, 3))):
        items = []
        for _ in range(draw(st.integers(1, 2))):
            n += 1
            kind = draw(st.sampled_from(["decision", "decision", "suspension", "chair"]))
            item: dict[str, Any] = {"id": f"i{n}", "kind": kind}
            if kind != "decision":
                item["member"] = draw(st.sampled_from(SEVEN))
            who = draw(st.lists(st.sampled_from(SEVEN), max_size=3, unique=True))
            item["positions"] = {m: draw(POSITIONS) for m in who}
            items.append(item)
        day = start + timedelta(days=30 * s + 5)
        events.append({"date": day.isoformat(), "type": "session", "items": items})
    if draw(st.booleans()):
        events.append(
            {
                "date": (start + timedelta(days=45)).isoformat(),
                "type": "request_assistance",
                "id": "req",
                "by": "KAZ",
                "threat": draw(st.sampled_from(["armed_attack", "aggression"])),
                "positions": {
                    m: draw(POSITIONS)
                    for m in draw(st.lists(st.sampled_from(SEVEN), max_size=2, unique=True))
                },
            }
        )
    end = start + timedelta(days=120)
    return {
        "name": "t",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "members": SEVEN,
        "events": events,
    }


SET = st.fixed_dictionaries(
    {"rule14": st.sampled_from(["dissent", "no_objection", "consent"])},
    optional={
        "limited_format": st.sampled_from(["true", "false"]),
        "quorum": st.sampled_from(["2/3", "1", "none"]),
        "decision": st.sampled_from(["consensus_minus_one", "qualified_majority"]),
        "weights": st.sampled_from(["RUS:10", "ARM:3,KAZ:2"]),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), SET, st.integers(0, 9))
def test_sensitive_to_equals_whole_runs(
    data: dict[str, Any], rules: dict[str, str], seed: int
) -> None:
    data = {**data, "seed": seed}
    plan = plan_of(data, {k: api.parse_rule_value(k, v) for k, v in rules.items()})
    assert traced(plan) == whole_runs(plan)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_bundled_scenarios_sensitive_to_equals_whole_runs(path: Path) -> None:
    plan = api.plan(path)
    assert traced(plan) == whole_runs(plan)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_compare_all_readings_works_for_every_bundled_scenario(path: Path, cli: Cli) -> None:
    p = cli("compare", str(path), "--all-readings", "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    plan = api.plan(path)
    in_play = readings_in_play(plan)
    n = 1
    for values in in_play.values():
        n *= len(values)
    assert len(doc["variants"]) == n
    base = doc["base"]
    run = simulate(plan)
    own = {i: d.outcome.value for i, d in run.decisions.items()}
    for it in doc["items"]:
        assert len(it["outcomes"]) == n
        assert it["outcomes"][base] == own.get(it["item"], "not_decided")
        rec = run.decisions[it["item"]].record if it["item"] in run.decisions else None
        if rec is not None and rec.sensitive_to and "quorum" not in rec.sensitive_to:
            assert it["differs"]  # a key that decides it alone shows among the combinations


def test_all_readings_of_2009_leave_out_what_was_not_in_force(cli: Cli) -> None:
    p = cli(
        "compare",
        str(ROOT / "scenarios" / "moscow-2009.yaml"),
        "--all-readings",
        "--format",
        "json",
    )
    doc = json.loads(p.stdout)
    assert all("limited_format" not in v and "armed_attack" not in v for v in doc["variants"])
    assert doc["variants"][doc["base"]] == "rule14=dissent,quorum=none"
    crrf = next(it for it in doc["items"] if it["item"] == "crrf-decision")
    assert crrf["outcomes"][doc["base"]] == "rejected" and crrf["differs"]
    # six of the seven take part: only a quorum of all seven changes it
    assert crrf["quorums"] == {"1": "no_quorum"}


def test_all_readings_as_text_and_html(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "cascade.yaml"
    import yaml

    path.write_text(yaml.safe_dump(CASCADE, sort_keys=False))
    p = cli("compare", str(path), "--all-readings")
    assert p.returncode == 0 and "(this run)" in p.stdout
    out = tmp_path / "readings.html"
    p = cli("compare", str(path), "--all-readings", "--format", "html", "--out", str(out))
    assert p.returncode == 0, p.stderr
    html = out.read_text()
    assert html.count('aria-current="true"') == 1 + 2  # the header and the two items' cells
    assert "<script" not in html and "Content-Security-Policy" in html
    p = cli("compare", str(path), "--all-readings", "--variant", "rule14=dissent")
    assert p.returncode == 2 and "not both" in p.stderr


def test_a_request_turned_away_under_another_reading_shifts_later_draws() -> None:
    """Under armed_attack=false the request is inadmissible and nothing is drawn for it, so a
    later item's drawn positions differ from this run's: whole runs must be followed there."""
    data = {
        "name": "t",
        "start": "2023-01-01",
        "end": "2023-03-31",
        "events": [
            {
                "date": "2023-01-05",
                "type": "request_assistance",
                "id": "req",
                "by": "KAZ",
                "threat": "armed_attack",
                "positions": {"BLR": {"support": 0.5, "absent": 0.5}},
            },
            {
                "date": "2023-02-01",
                "type": "session",
                "items": [{"id": "later", "positions": {"ARM": {"support": 0.5, "absent": 0.5}}}],
            },
        ],
    }
    differs = 0
    for seed in range(16):
        plan = plan_of({**data, "seed": seed})
        assert traced(plan) == whole_runs(plan), seed
        differs += "armed_attack" in traced(plan)["later"]
    assert differs  # for some seeds the shift changes the later item
