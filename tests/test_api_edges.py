"""The API checks its arguments as the command line does, and says what is wrong in a
person's words (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cstosim import api
from cstosim.errors import ArgumentError, RuleError, words
from cstosim.rules import decide
from cstosim.rules.ruleset import check_rule_value

MOSCOW = Path(__file__).resolve().parents[1] / "scenarios" / "moscow-2009.yaml"


@pytest.mark.parametrize("seed", [-5, 1.5, "7", 2**70, True])
def test_a_seed_is_checked_as_the_command_line_checks_it(seed: object) -> None:
    assert api.run(MOSCOW, seed=0)["seed"] == 0
    with pytest.raises(ArgumentError, match="whole number from 0"):
        api.run(MOSCOW, seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({"limited_format": "no"}, "'no'"),
        ({"rule14": None}, "nothing (null)"),
        ({"quorum": True}, "true"),
        ({"quorum": 1.5}, "1.5"),
    ],
)
def test_decide_refuses_what_is_not_a_reading(kwargs: dict[str, object], shown: str) -> None:
    with pytest.raises(RuleError, match=shown.replace("(", r"\(").replace(")", r"\)")):
        decide({"ARM": "support"}, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("rule14", None, "rule14 cannot be nothing (null)"),
        ("order", (), "order cannot be an empty list"),
        ("quorum", 1.0000001, "quorum cannot be 1.0000001"),
        ("rule14", "сonsent", "'\\u0441onsent' (it has letters that are not Latin)"),
    ],
)
def test_rule_values_are_named_in_a_persons_words(key: str, value: object, shown: str) -> None:
    with pytest.raises(RuleError) as e:
        check_rule_value(key, value)
    assert shown in str(e.value)
    assert "datetime" not in str(e.value) and "()" not in str(e.value)


def test_words() -> None:
    assert words(None) == "nothing (null)"
    assert words(2**70) == "1180591620717411303424"
    assert words("\x1b[2J") == "'\\u001b[2J'"
    assert words([]) == "an empty list"


def test_ctrl_c_while_starting_leaves_no_traceback() -> None:
    code = (
        "import builtins, runpy, sys\n"
        "real = builtins.__import__\n"
        "def imp(name, *a, **k):\n"
        "    if name == 'cstosim.cli':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *a, **k)\n"
        "builtins.__import__ = imp\n"
        "sys.argv = ['cstosim', 'explain']\n"
        "runpy.run_module('cstosim', run_name='__main__')\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 130 and "Traceback" not in p.stderr, p.stderr


# -- scenarios built in Python (issue 15) -----------------------------------------------------
def test_a_scenario_from_a_mapping_gets_the_loader_s_checks_located_by_keys() -> None:
    from cstosim.errors import ScenarioError

    late = {
        "name": "late",
        "start": "2026-11-01",
        "end": "2027-03-01",
        "events": [api.session("2027-03-26", api.item("budget", ARM="object"))],
    }
    with pytest.raises(ScenarioError) as e:
        api.scenario(late)
    (p,) = e.value.problems
    assert str(p) == (
        "<mapping>: events[0].date: 2027-03-26 is outside the scenario; allowed: "
        "2026-11-01..2027-03-01"
    )
    # the same check, the same words, as the loader gives for a file
    text = yaml.safe_dump(late, sort_keys=False)
    with pytest.raises(ScenarioError) as from_file:
        api.parse(text, "late.yaml")
    assert from_file.value.problems[0].message == p.message
    # and compiling: a join while suspended, located by its keys
    join = {
        "name": "j",
        "start": "2027-01-01",
        "end": "2027-12-31",
        "events": [{"date": "2027-06-01", "type": "join", "member": "UZB"}],
    }
    with pytest.raises(ScenarioError, match=r"^<mapping>: events\[0\]\.type: UZB is a suspended"):
        api.run(api.scenario(join))
    with pytest.raises(ScenarioError, match=r"^<mapping>: \(top\): the top level is a list"):
        api.scenario([1, 2])  # type: ignore[arg-type]


def test_a_scenario_built_in_python_runs_like_its_file() -> None:
    data = {
        "name": "built",
        "start": "2026-11-01",
        "end": "2026-12-31",
        "seed": 3,
        "events": [
            api.session(
                "2026-11-26",
                api.item("budget", ARM={"stand_aside": 0.6, "absent": 0.3, "object": 0.1}),
                api.item("chair-kaz", kind="chair", KAZ="support") | {"member": "KAZ"},
                host="RUS",
            )
        ],
    }
    sc = api.scenario(data)
    assert data["events"][0]["items"][0]["positions"]["ARM"]["object"] == 0.1  # not changed
    from_file = api.parse(yaml.safe_dump(data, sort_keys=False))
    assert api.run(sc)["trace"] == api.run(from_file)["trace"]
