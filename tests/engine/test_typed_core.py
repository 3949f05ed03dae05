"""The typed core: frozen records, one vocabulary, one error tree, procedures by registry.

Regression tests for the bugs that lived at the seams between the layers (issue 16), and the
trace's JSON Schema checked against every bundled scenario's trace.
"""

from __future__ import annotations

import dataclasses
import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from cstosim import api, errors
from cstosim.engine import check_expectations, compile_scenario, simulate
from cstosim.engine.procedures import registry
from cstosim.engine.record_schema import trace_schema
from cstosim.engine.records import RECORD_TYPES, DecisionRecord, decision_from
from cstosim.scenario import load_scenario, parse_scenario
from cstosim.scenario.schema import scenario_schema
from cstosim.vocabulary import EventType, Outcome, RecordKind, Rule14
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
MOSCOW = ROOT / "scenarios" / "moscow-2009.yaml"


def test_a_record_changed_by_a_caller_does_not_reach_the_next_run() -> None:
    first = api.run(MOSCOW, overrides={"rule14": "no_objection"})
    dec = next(r for r in first["trace"] if r["kind"] == "decision")
    original = json.dumps(dec, sort_keys=True)
    dec["bound"].append("XXX")
    dec["blockers"].append("XXX")
    dec["cites"].append("XXX")
    again = api.run(MOSCOW, overrides={"rule14": "no_objection"})
    dec2 = next(r for r in again["trace"] if r["kind"] == "decision")
    assert json.dumps(dec2, sort_keys=True) == original


def test_records_are_frozen() -> None:
    run = simulate(compile_scenario(load_scenario(MOSCOW)[0]))
    rec = next(r for r in run.trace if isinstance(r, DecisionRecord))
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.outcome = Outcome.ADOPTED  # type: ignore[misc]
    assert isinstance(rec.bound, tuple) and isinstance(rec.cites, tuple)


def test_the_engine_s_decision_constructor_builds_the_same_frozen_record() -> None:
    run = simulate(compile_scenario(load_scenario(MOSCOW)[0]))
    for rec in (r for r in run.trace if isinstance(r, DecisionRecord)):
        values = {f.name: getattr(rec, f.name) for f in dataclasses.fields(rec)}
        by_keywords = DecisionRecord(**values)
        fast = decision_from(*values.values())
        assert fast == by_keywords
        assert fast.to_json() == by_keywords.to_json()
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.why = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 17 values"):
        decision_from(1, 2, 3)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_expectations_on_an_untraced_run(path: Path) -> None:
    plan = compile_scenario(load_scenario(path)[0])
    traced = check_expectations(simulate(plan))
    untraced = check_expectations(simulate(plan, trace=False))
    assert len(traced) == len(untraced)
    for a, b in zip(traced, untraced, strict=True):
        if b.skipped and not a.skipped:  # sensitive_to is known in traced runs only
            assert "sensitive_to" in b.expect and "traced" in b.describe()
        else:
            assert (a.ok, a.skipped) == (b.ok, b.skipped), a.describe()


def test_untraced_decisions_are_whole_records() -> None:
    plan = compile_scenario(load_scenario(MOSCOW)[0])
    traced, untraced = simulate(plan), simulate(plan, trace=False)
    assert untraced.trace == []
    for item, dec in traced.decisions.items():
        other = untraced.decisions[item].record
        assert isinstance(other, DecisionRecord)
        assert dataclasses.replace(other, sensitive_to=dec.record.sensitive_to) == dec.record


def test_every_event_type_has_a_procedure_and_a_missing_one_is_refused() -> None:
    registry.check_complete()

    class Wider(StrEnum):
        SESSION = "session"
        TREATY = "treaty"

    with pytest.raises(RuntimeError, match="treaty"):
        registry.check_complete(Wider)  # type: ignore[arg-type]
    with pytest.raises(errors.PlanError, match="no procedure"):
        registry.compiler_for("treaty")  # type: ignore[arg-type]


def test_every_record_kind_has_a_class() -> None:
    assert set(RECORD_TYPES) == set(RecordKind)
    assert all(cls.kind == kind for kind, cls in RECORD_TYPES.items())


def test_every_error_has_one_root() -> None:
    tree = [
        errors.ScenarioError,
        errors.PlanError,
        errors.RuleError,
        errors.UnknownProvisionError,
        errors.HistoryError,
        errors.SweepError,
        errors.PlotError,
    ]
    assert all(issubclass(e, errors.CstosimError) for e in tree)


@pytest.mark.parametrize(
    "call",
    [
        lambda: api.explore_council(["XXX"]),
        lambda: api.explore_council(["ARM"], {"response_days": 3}),
        lambda: api.graph("png"),
        lambda: api.chairs(2011, 2012, "president"),
        lambda: api.plan(MOSCOW, overrides={"bogus": 1}),
        lambda: api.compare(MOSCOW, [("a", {"bogus": 1}), ("b", {})]),
        lambda: api.chairs(2030, 2020),
        lambda: api.provision("cst.99"),
        lambda: api.render(api.simulate_scenario(MOSCOW), "pdf"),
    ],
)
def test_what_the_library_raises_is_under_the_root(call: Any) -> None:
    with pytest.raises(errors.CstosimError):
        call()


def test_a_plan_given_with_overrides_runs_under_them() -> None:
    plan = api.plan(MOSCOW)
    run = api.simulate_scenario(plan, overrides={"rule14": "no_objection"})
    crrf = run.decisions["crrf-decision"].outcome
    assert crrf == "adopted" and api.simulate_scenario(plan).decisions["crrf-decision"].outcome == (
        "rejected"
    )


def test_api_documents_are_plain_data() -> None:
    doc = api.run(MOSCOW, overrides={"rule14": "no_objection"})
    assert yaml.safe_load(yaml.safe_dump(doc)) == doc  # nothing but text, numbers, lists, maps
    assert yaml.safe_dump(api.explore_council(["ARM", "BLR"]))


def test_a_plan_error_from_the_api_is_located_in_the_file(tmp_path: Path) -> None:
    f = tmp_path / "late.yaml"
    f.write_text(
        "name: late\nstart: 2022-01-01\nend: 2022-01-10\nevents:\n"
        "  - {date: 2022-01-10, type: request_assistance, by: KAZ, threat: aggression}\n"
    )
    with pytest.raises(errors.ScenarioError) as e:
        api.run(f)
    assert str(e.value).startswith(f"{f}:5:")
    # built in Python, the same mistake names its place by keys
    sc = parse_scenario(f.read_text(), "late.yaml")[0]
    with pytest.raises(errors.PlanError) as pe:
        compile_scenario(sc)
    assert pe.value.path == ("events", 0, "date")


def test_the_scenario_schema_lists_values_from_the_vocabulary() -> None:
    rules = scenario_schema()["$defs"]["Rules"]["properties"]["rule14"]
    enum = next(o["enum"] for o in rules["anyOf"] if "enum" in o)
    assert enum == [r.value for r in Rule14]


def test_schema_trace_command_prints_a_valid_schema(cli: Cli) -> None:
    p = cli("schema", "--trace")
    assert p.returncode == 0, p.stderr
    schema = json.loads(p.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema == trace_schema()
    assert set(schema["$defs"]) == {k.value for k in RecordKind}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_trace_line_of_every_bundled_scenario_validates(path: Path, cli: Cli) -> None:
    validator = jsonschema.Draft202012Validator(trace_schema())
    for reading in ("dissent", "no_objection"):
        p = cli("run", str(path), "--format", "jsonl", "--set", f"rule14={reading}")
        lines = [json.loads(x) for x in p.stdout.splitlines()]
        assert lines, p.stderr
        for rec in lines:
            errs = list(validator.iter_errors(rec))
            assert not errs, (rec, [e.message for e in errs])


def test_the_trace_schema_refuses_a_record_with_a_missing_field() -> None:
    validator = jsonschema.Draft202012Validator(trace_schema())
    run = simulate(compile_scenario(load_scenario(MOSCOW)[0]))
    rec = next(r for r in run.trace if isinstance(r, DecisionRecord)).to_json()
    assert validator.is_valid(rec)
    del rec["blockers"]
    assert not validator.is_valid(rec)
    assert not validator.is_valid({**rec, "blockers": [], "outcome": "maybe"})


def test_event_types_match_the_file_format() -> None:
    from cstosim.scenario.models import EVENT_MODELS

    assert set(EVENT_MODELS) == set(EventType)


def test_the_scenario_schema_describes_its_fields_for_editors() -> None:
    defs = scenario_schema()["$defs"]
    for model, field in (
        ("Rules", "rule14"),
        ("Rules", "weights"),
        ("Item", "positions"),
        ("Item", "id"),
        ("Session", "body"),
        ("RequestAssistance", "against"),
    ):
        assert defs[model]["properties"][field].get("description"), (model, field)
    assert "stand_aside" in defs["Item"]["properties"]["positions"]["description"]
