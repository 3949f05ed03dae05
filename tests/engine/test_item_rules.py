"""An item's own readings (`rules:` on an item or a request): the item is decided under them,
every other item under the scenario's; other readings of a what-if still override both."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim import api
from cstosim.errors import ScenarioError
from tests.engine.test_sensitivity import scenarios, traced, whole_runs
from tests.whatif.test_odds import plan_of

ROOT = Path(__file__).resolve().parents[2]

READINGS = st.fixed_dictionaries(
    {},
    optional={
        "rule14": st.sampled_from(["dissent", "no_objection", "consent"]),
        "limited_format": st.booleans(),
        "quorum": st.sampled_from([2 / 3, 1, None]),
    },
)


def moscow(**rules: Any) -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "scenarios" / "moscow-2009.yaml").read_text())
    del data["expect"]
    if rules:
        data["events"][0]["items"][2]["rules"] = rules
    return data


def outcomes(data: dict[str, Any]) -> dict[str, str]:
    run = api.simulate_scenario(api.scenario(data))
    return {i: d.outcome.value for i, d in run.decisions.items()}


def test_a_switch_of_reading_between_two_items_of_one_session() -> None:
    # June 2009: Belarus stays away. Under Belarus's reading the CRRF decision is blocked; a
    # teacher who switches to the Russian foreign ministry's reading before the chair item
    # sees that item pass at the same session.
    before = outcomes(moscow())
    after = outcomes(moscow(rule14="no_objection"))
    assert before["crrf-decision"] == after["crrf-decision"] == "rejected"
    assert before["temporary-chair"] == "rejected"
    assert after["temporary-chair"] == "adopted"
    run = api.simulate_scenario(api.scenario(moscow(rule14="no_objection")))
    rec = run.decisions["temporary-chair"].record
    assert rec is not None and "rop.14.1" in rec.cites and rec.sensitive_to == ("rule14",)


def test_a_reading_of_the_whole_run_overrides_the_items_own() -> None:
    data = moscow(rule14="no_objection")
    run = api.simulate_scenario(api.scenario(data), overrides={"rule14": "dissent"})
    # --set is a scenario-level override: the item's own reading still wins over it
    assert run.decisions["temporary-chair"].outcome == "adopted"
    cmp = api.compare_readings(api.scenario(data)).as_dict()
    row = next(r for r in cmp["items"] if r["item"] == "temporary-chair")
    by_variant = dict(zip(cmp["variants"], row["outcomes"], strict=True))
    # a reading of the whole run wins over the item's own
    assert by_variant["rule14=dissent,quorum=none"] == "rejected"
    assert by_variant["rule14=no_objection,quorum=none"] == "adopted"
    assert "base" not in cmp  # no one combination is the run's own


def test_an_items_rules_are_checked_where_they_stand() -> None:
    with pytest.raises(ScenarioError) as e:
        api.scenario(moscow(rule14="maybe"))
    assert "events[0].items[2].rules.rule14" in str(e.value)
    assert "dissent" in str(e.value)
    with pytest.raises(ScenarioError) as e:
        api.scenario(moscow(rotation="host"))
    assert "rotation" in str(e.value)


def test_a_request_may_carry_its_own_readings() -> None:
    data = yaml.safe_load((ROOT / "scenarios" / "kazakhstan-2022.yaml").read_text())
    del data["expect"]
    req = next(e for e in data["events"] if e["type"] == "request_assistance")
    req["positions"] = {"ARM": "absent"}
    assert outcomes(data)["kaz-assistance"] == "rejected"  # 2022: absence withholds consent
    req["rules"] = {"rule14": "no_objection"}
    assert outcomes(data)["kaz-assistance"] == "adopted"


@st.composite
def with_item_rules(draw: st.DrawFn) -> dict[str, Any]:
    data = copy.deepcopy(draw(scenarios()))
    for ev in data["events"]:
        targets = ev["items"] if ev["type"] == "session" else [ev]
        for target in targets:
            own = draw(READINGS)
            if own:
                target["rules"] = own
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_item_rules(), st.integers(0, 9))
def test_sensitive_to_with_item_readings_equals_whole_runs(data: dict[str, Any], seed: int) -> None:
    plan = plan_of({**data, "seed": seed})
    assert traced(plan) == whole_runs(plan)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from(["dissent", "no_objection", "consent"]), st.integers(0, 9))
def test_the_same_reading_on_every_item_is_the_scenarios_reading(
    data: dict[str, Any], rule14: str, seed: int
) -> None:
    whole = {**data, "seed": seed, "rules": {"rule14": rule14}}
    each = copy.deepcopy({**data, "seed": seed})
    for ev in each["events"]:
        for target in ev["items"] if ev["type"] == "session" else [ev]:
            target["rules"] = {"rule14": rule14}
    a, b = api.simulate_scenario(plan_of(whole)), api.simulate_scenario(plan_of(each))
    assert {i: d.outcome for i, d in a.decisions.items()} == {
        i: d.outcome for i, d in b.decisions.items()
    }
