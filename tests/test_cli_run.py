"""run, validate, check and schema as a user runs them: outputs and exit codes (design 5.2)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cstosim.cli import main
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
MOSCOW = str(SCENARIOS / "moscow-2009.yaml")
KAZ = str(SCENARIOS / "kazakhstan-2022.yaml")


def decision(doc: dict, item: str) -> dict:
    return next(r for r in doc["trace"] if r["kind"] == "decision" and r["item"] == item)


def test_run_text_timeline_for_kazakhstan(cli: Cli) -> None:
    p = cli("run", KAZ)
    assert p.returncode == 0, p.stderr
    for word in (
        "request",
        "consultation",
        "CSC decision",
        "deployment",
        "report",
        "withdrawal",
        "2,030 troops",
        "un.51",
        "cst.4.2010",
    ):
        assert word in p.stdout, word


def test_moscow_2009_under_each_reading(cli: Cli) -> None:
    p = cli("run", MOSCOW, "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert set(doc) >= {"scenario", "seed", "rules", "trace"}
    crrf = decision(doc, "crrf-decision")
    assert (crrf["outcome"], crrf["blockers"]) == ("rejected", ["BLR"])
    assert "rule14" in crrf["sensitive_to"]
    p = cli("run", MOSCOW, "--format", "json", "--set", "rule14=no_objection")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    crrf = decision(doc, "crrf-decision")
    assert crrf["outcome"] == "adopted" and crrf["may_accede"] == ["BLR"]
    assert "rule14" in crrf["sensitive_to"]
    assert doc["rules"]["rule14"] == "no_objection"
    assert any(r["kind"] == "accession" and r["member"] == "BLR" for r in doc["trace"])


def test_every_record_has_date_and_kind_and_decisions_cite(cli: Cli) -> None:
    p = cli("run", KAZ, "--format", "jsonl")
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert lines and all({"date", "kind"} <= set(r) for r in lines)
    for r in lines:
        if r["kind"] == "decision":
            assert r["cites"] and r["why"] and isinstance(r["sensitive_to"], list)
            assert {"item", "body", "outcome", "bound", "blockers", "may_accede"} <= set(r)


def test_out_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "t.jsonl"
    assert main(["run", KAZ, "--format", "jsonl", "--out", str(out)]) == 0
    assert out.read_text().count("\n") > 5
    assert main(["run", KAZ, "--out", str(tmp_path / "no" / "dir" / "x")]) == 1


def test_failed_expectation_exits_1(tmp_path: Path, cli: Cli) -> None:
    f = tmp_path / "s.yaml"
    text = Path(MOSCOW).read_text().replace("blockers: [BLR]", "blockers: [RUS]")
    f.write_text(text)
    p = cli("run", str(f))
    assert p.returncode == 1 and "expectation failed" in p.stderr
    p = cli("check", str(f))
    assert p.returncode == 1 and "FAIL" in p.stdout


def test_check_bundled_scenarios(cli: Cli) -> None:
    p = cli("check", str(SCENARIOS))
    assert p.returncode == 0, p.stdout + p.stderr
    n = len(list(SCENARIOS.glob("*.yaml")))
    assert f"{n} of {n} scenarios hold" in p.stdout


def test_check_reports_invalid_files(tmp_path: Path, cli: Cli) -> None:
    shutil.copy(KAZ, tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("name: x\n")
    p = cli("check", str(tmp_path))
    assert p.returncode == 1
    assert f"{tmp_path / 'bad.yaml'}:1:1: missing required key" in p.stderr
    assert cli("check", str(tmp_path / "empty-dir-that-is-not-there")).returncode == 1


def test_validate_good_files(cli: Cli) -> None:
    files = sorted(str(f) for f in SCENARIOS.glob("*.yaml"))
    p = cli("validate", *files)
    assert p.returncode == 0 and p.stdout.count(": ok") == len(files)


def test_schema_is_json_schema(cli: Cli) -> None:
    p = cli("schema")
    assert p.returncode == 0
    schema = json.loads(p.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"name", "start", "end"}
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["run", KAZ, "--format", "pdf"],
        ["run", KAZ, "--set", "nonsense"],
        ["run", KAZ, "--set", "rule14=maybe"],
        ["run", KAZ, "--set", "colour=red"],
        ["run", KAZ, "--seed", "x"],
        ["validate"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(args: list, cli: Cli) -> None:
    p = cli(*args)
    assert p.returncode == 2, (args, p.stderr)
    assert "Traceback" not in p.stderr and "usage:" in p.stderr


def test_seed_changes_only_probabilistic_runs(tmp_path: Path, cli: Cli) -> None:
    a = cli("run", KAZ, "--format", "jsonl", "--seed", "1").stdout
    b = cli("run", KAZ, "--format", "jsonl", "--seed", "2").stdout
    assert a == b  # no probabilities in this scenario: the seed changes nothing
    doc = json.loads(cli("run", KAZ, "--format", "json", "--seed", "9").stdout)
    assert doc["seed"] == 9


def test_bundled_scenarios_satisfy_the_json_schema(cli: Cli) -> None:
    import jsonschema
    import yaml

    schema = json.loads(cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for f in sorted(SCENARIOS.glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(f.read_text()), default=str))
        errors = list(validator.iter_errors(data))
        assert not errors, (f.name, errors[0].message)
    bad = {"name": "x", "start": "2022-01-01", "end": "2022-01-02", "members": ["XXX"]}
    assert list(validator.iter_errors(bad))
