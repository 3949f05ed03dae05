"""compare and explore (design 5.4): outcomes by variant, closed forms, power, invariants."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml

from cstosim import api
from cstosim.rules.consensus import ConsensusResult, Outcome, Position, decide
from cstosim.scenario import load_scenario
from cstosim.whatif.explore import explore, power_indices
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
MOSCOW = ROOT / "scenarios" / "moscow-2009.yaml"
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_compare_moscow_json(cli: Cli) -> None:
    p = cli(
        "compare",
        str(MOSCOW),
        "--variant",
        "rule14=dissent",
        "--variant",
        "rule14=no_objection",
        "--variant",
        "rule14=consent,limited_format=true",
        "--format",
        "json",
    )
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["variants"] == [
        "rule14=dissent",
        "rule14=no_objection",
        "rule14=consent,limited_format=true",
    ]
    crrf = next(i for i in doc["items"] if i["item"] == "crrf-decision")
    assert crrf["outcomes"] == ["rejected", "adopted", "adopted"]
    assert crrf["differs"] is True


def test_compare_text_marks_differences(cli: Cli) -> None:
    p = cli(
        "compare", str(MOSCOW), "--variant", "rule14=dissent", "--variant", "rule14=no_objection"
    )
    assert p.returncode == 0
    assert "rejected (BLR)" in p.stdout and "turns on the variant" in p.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--variant", "rule14=dissent"],
        ["--variant", "rule14=x", "--variant", "rule14=consent"],
        ["--variant", "nokey", "--variant", "rule14=consent"],
    ],
)
def test_compare_usage_errors(args: list, cli: Cli) -> None:
    p = cli("compare", str(MOSCOW), *args)
    assert p.returncode == 2 and "Traceback" not in p.stderr


def test_compare_api_agrees_with_runs() -> None:
    sc, _ = load_scenario(MOSCOW)
    comp = api.compare(sc, ["rule14=dissent", "rule14=no_objection"])
    for idx, ov in enumerate(({"rule14": "dissent"}, {"rule14": "no_objection"})):
        doc = api.run(sc, overrides=ov)
        for item in comp.items:
            rec = next(
                r for r in doc["trace"] if r["kind"] == "decision" and r["item"] == item["item"]
            )
            assert rec["outcome"] == item["outcomes"][idx]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_explore_counts_match_closed_forms(n: int) -> None:
    members = SIX[:n]
    by = {(v.rule14, v.limited_format): v.counts for v in explore(members)}
    total = 5**n
    for counts in by.values():
        assert sum(counts.values()) == total
        # nobody takes part: every member stands aside or is absent
        assert counts["no_quorum"] == 2**n
    # dissent, no limited format: adopted iff everyone supports or abstains, someone supports
    assert by[("dissent", False)]["adopted"] == 2**n - 1
    assert by[("dissent", False)]["adopted_limited"] == 0
    # dissent with limited format: no objection, no absence, someone supports
    d = by[("dissent", True)]
    assert d["adopted"] + d["adopted_limited"] == 3**n - 2**n
    assert d["adopted"] == 2**n - 1
    # no_objection: no objection and someone supports
    assert by[("no_objection", False)]["adopted"] == 4**n - 3**n
    no = by[("no_objection", True)]
    assert no["adopted"] + no["adopted_limited"] == 4**n - 3**n
    assert no["adopted"] == 3**n - 2**n  # nobody stands aside
    # consent, no limited format: no objection, someone takes part, and not all abstain
    c = by[("consent", False)]
    assert c["adopted"] == 4**n - 2**n - 1


def test_quorum_variant_counts() -> None:
    members = SIX[:4]
    vs = explore(members, rule14=("no_objection",), limited_format=(True,), quorum=(None, 1.0))
    loose, strict = (v.counts for v in vs)
    # with everyone required to take part, any stand_aside or absence means no quorum
    assert strict["no_quorum"] == 5**4 - 3**4
    assert loose["no_quorum"] == 2**4


@pytest.mark.parametrize("n", [2, 3, 6])
def test_power_indices_are_equal_for_symmetric_rules(n: int) -> None:
    for v in explore(SIX[:n], full_check=False):
        assert all(math.isclose(x, 1 / n) for x in v.banzhaf.values())
        assert all(math.isclose(x, 1 / n) for x in v.shapley_shubik.values())
        assert all("object" in ps for ps in v.blocks_alone.values())
        if v.rule14 == "dissent":
            assert all("absent" in ps for ps in v.blocks_alone.values())
        else:
            assert all("absent" not in ps for ps in v.blocks_alone.values())


def test_power_indices_see_an_asymmetric_rule() -> None:
    def rus_decides(pos: dict, **kw) -> ConsensusResult:
        r = decide(pos, **kw)
        outcome = Outcome.ADOPTED if pos.get("RUS") == "support" else Outcome.REJECTED
        return ConsensusResult(outcome, (), (), (), r.took_part, (), (), r.cites, r.why)

    banzhaf, ss = power_indices(
        ["ARM", "BLR", "RUS"],
        {"rule14": "dissent", "limited_format": True, "quorum": None},
        fn=rus_decides,
    )
    assert banzhaf == {"ARM": 0.0, "BLR": 0.0, "RUS": 1.0} and ss["RUS"] == 1.0


def test_invariants_hold_and_a_broken_rule_gives_a_runnable_counterexample(
    tmp_path: Path, cli: Cli
) -> None:
    assert all(v.invariants == "hold" for v in explore(SIX[:4]))

    def broken(pos: dict, **kw) -> ConsensusResult:  # ignores objections by KAZ
        fixed = {m: ("support" if (m == "KAZ" and p == "object") else p) for m, p in pos.items()}
        return decide(fixed, **kw)

    vs = explore(SIX[:3], rule14=("dissent",), limited_format=(True,), decide_fn=broken)
    assert vs[0].invariants.startswith("fail")
    result = {"variants": [v.as_dict() for v in vs]}
    paths = api.write_counterexamples(result, tmp_path)
    assert paths
    data = yaml.safe_load(paths[0].read_text())
    assert "one objection blocks" in data["name"]
    p = cli("run", str(paths[0]), "--format", "json")
    assert p.returncode == 0, p.stderr  # the file is a valid, runnable scenario
    rec = next(r for r in json.loads(p.stdout)["trace"] if r["kind"] == "decision")
    assert "object" in rec["positions"].values() and rec["outcome"] == "rejected"


def test_explore_cli_json_and_errors(cli: Cli) -> None:
    p = cli("explore", "--members", "ARM,BLR,KAZ", "--set", "quorum=0.67", "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["members"] == ["ARM", "BLR", "KAZ"]
    assert len(doc["variants"]) == 12
    v = doc["variants"][0]
    assert set(v) >= {
        "rule14",
        "limited_format",
        "quorum",
        "counts",
        "banzhaf",
        "shapley_shubik",
        "invariants",
    }
    assert set(v["counts"]) == {"adopted", "adopted_limited", "rejected", "no_quorum"}
    assert cli("explore", "--members", "ARM,XXX").returncode == 2
    nine = [*SIX, "UZB", "AZE", "GEO"]
    assert cli("explore", "--members", ",".join(nine)).returncode == 0
    assert cli("explore", "--members", ",".join([*nine, "ARM"])).returncode == 2  # a duplicate
    assert cli("explore", "--members", "ARM,ARM,BLR").returncode == 2
    assert cli("explore", "--set", "rotation=host").returncode == 2


def test_compare_warns_that_probabilities_give_one_draw(cli: Cli) -> None:
    summit = str(Path(__file__).resolve().parents[2] / "scenarios" / "uncertain-summit-2026.yaml")
    p = cli("compare", summit, "--variant", "rule14=dissent", "--variant", "rule14=consent")
    assert p.returncode == 0
    assert "one draw" in p.stderr and "cstosim odds" in p.stderr and "--variant" in p.stderr
    moscow = str(Path(__file__).resolve().parents[2] / "scenarios" / "moscow-2009.yaml")
    p = cli("compare", moscow, "--all-readings")
    assert p.returncode == 0 and p.stderr == ""


def test_explore_with_a_member_s_position_held(cli: Cli) -> None:
    """With Armenia standing aside, who else can block? The profiles are the others'."""
    result = api.explore_council(
        ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"],
        {"rule14": "no_objection", "limited_format": True},
        {"ARM": "stand_aside"},
    )
    assert result["profiles"] == 5**5 and result["fixed"] == {"ARM": "stand_aside"}
    (v,) = result["variants"]
    assert sum(v["counts"].values()) == 5**5 and "ARM" not in v["banzhaf"]
    assert v["counts"]["adopted"] == 0  # Armenia stands aside: adopted in limited format at best
    brute = {}
    import itertools

    for combo in itertools.product(list(Position), repeat=5):
        others = dict(zip(["BLR", "KAZ", "KGZ", "RUS", "TJK"], combo, strict=True))
        pos = others | {"ARM": Position.STAND_ASIDE}
        o = decide(pos, rule14="no_objection", limited_format=True).outcome.value
        brute[o] = brute.get(o, 0) + 1
    assert {k: n for k, n in v["counts"].items() if n} == brute
    p = cli("explore", "--fix", "ARM=stand_aside", "--set", "rule14=dissent")
    assert p.returncode == 0 and "held: ARM stand_aside" in p.stdout
    p = cli("explore", "--fix", "ARM=sleeping")
    assert p.returncode == 2 and "allowed" in p.stderr and "Traceback" not in p.stderr


def test_explore_says_why_there_is_no_quorum_without_a_quorum(cli: Cli) -> None:
    p = cli("explore", "--members", "ARM,BLR")
    assert p.returncode == 0 and "the profiles in which no member takes part" in p.stdout


def test_nobody_blocks_alone_where_a_held_position_blocks_already() -> None:
    """Found by review: with Armenia's objection held, the item fails whatever the others do;
    no position of theirs 'blocks alone', least of all support."""
    result = api.explore_council(
        ["ARM", "BLR", "KAZ"], {"rule14": "dissent", "limited_format": True}, {"ARM": "object"}
    )
    (v,) = result["variants"]
    assert v["blocks_alone"] == {"BLR": [], "KAZ": []}
