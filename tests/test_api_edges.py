"""The API checks its arguments as the command line does, and says what is wrong in a
person's words (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
