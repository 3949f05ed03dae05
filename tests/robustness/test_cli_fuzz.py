"""Fuzzing the command line: whatever the arguments, exit 0, 1 or 2 and never a traceback.

Argument lists are built from the real commands, options and values, mixed with junk: bundled
scenarios, missing files, directories, a file of junk, odd numbers and odd text (control
characters included). The CLI runs in this process (``cstosim.cli.main``). Anything it writes
goes to a temporary directory. Kept quick: small councils for explore, a few samples and the
local backend for sweep. Set CSTOSIM_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import traceback
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim.cli import main

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
EXAMPLES = int(os.environ.get("CSTOSIM_FUZZ_EXAMPLES", "60"))
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def words(text: str) -> list[str]:
    """A list from space-separated words (keeps the tables below short)."""
    return text.split()


# For each place, values that are allowed and values that are not; allowed ones come 3 times in 4.
KEYS = words("rule14 limited_format rotation quorum order armed_attack response_days mission_days")
BAD_KEYS = ["nope", "", "Rule14", "rule14 "]
VALUES = words("dissent no_objection consent true false 0.5 2/3 1 none ARM,BLR,KAZ host")
VALUES += words("russian_alphabet english_alphabet order 0 30 365")
BAD_VALUES = ["yes", "1/0", "-1", "nan", "inf", "1e999", "ARM;RUS", "ZZZ", "3651", "", "="]
BAD_VALUES += ["\x1b[2J", "\u0410RM", "9" * 40, "0x10", "1:30"]
GOOD_SETTINGS = words("rule14=dissent rule14=no_objection rule14=consent limited_format=true")
GOOD_SETTINGS += words("limited_format=false armed_attack=true quorum=0.67 quorum=1 quorum=none")
GOOD_SETTINGS += words("rotation=host rotation=english_alphabet order=ARM,BLR,KAZ,KGZ,RUS,TJK")
GOOD_SETTINGS += words("response_days=0 response_days=365 mission_days=1 mission_days=3650")
SEEDS = ["0", "1", "7", "123456789", str(2**63 - 1)]
BAD_SEEDS = ["-1", "007", "1e3", "0x10", "1_000", str(2**63), "9" * 50, "", " 5", "1.5", "١٢"]
YEARS = ["2002", "2011", "2020", "2026", "2030"]
BAD_YEARS = ["1900", "0", "-5", "99999", "1899", "9999", "2011.5", "x", str(10**20)]
# No NUL: a command line cannot carry one (api.load("\x00") is another matter; see the report).
JUNK = st.one_of(
    st.sampled_from(["-", "--", "-x", "--nope", "--set", "=", "\x1b]0;pwned\x07", "\u2028"]),
    st.sampled_from(["%s", "{}", "..", "/", "-h", "--help", "\x7f", "\r"]),
    st.text(st.characters(exclude_characters="\x00"), max_size=12),
)


def weighted(*choices: tuple[int, st.SearchStrategy[T]]) -> st.SearchStrategy[T]:
    """One of the strategies, each drawn with its weight."""
    table = [strategy for weight, strategy in choices for _ in range(weight)]
    return st.integers(0, len(table) - 1).flatmap(lambda i: table[i])


def mostly(good: list[str], bad: list[str]) -> st.SearchStrategy[str]:
    """Mostly an allowed value, sometimes one that is not, now and then junk."""
    if not bad:
        return st.sampled_from(good)
    return weighted((8, st.sampled_from(good)), (1, st.sampled_from(bad)), (1, JUNK))


def maybe(strategy: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    """Nothing, usually; sometimes what ``strategy`` gives."""
    return weighted((3, st.just([])), (1, strategy))


def option(
    name: str, values: st.SearchStrategy[str], most: int = 1
) -> st.SearchStrategy[list[str]]:
    """``name VALUE`` zero to ``most`` times (sometimes once more: a repeated option)."""
    pairs = st.lists(st.tuples(st.just(name), values), max_size=most)
    return pairs.map(lambda xs: [a for x in xs for a in x])


@st.composite
def argv(draw: st.DrawFn, tmp: Path) -> list[str]:
    """One command line: a real command, options in any order, now and then junk."""
    junk_file = str(tmp / "junk.yaml")
    outs = [str(tmp / n) for n in words("o.txt o.jsonl o.json o.html o.csv o.svg o.png o.dot")]
    bad_outs = [str(tmp), junk_file + "/x", "/dev/null", str(tmp / "missing" / "o.jsonl"), ""]
    out_path = mostly(outs, bad_outs)
    bad_files = [str(tmp / "missing.yaml"), str(tmp), junk_file, "/dev/null", "", "-"]
    file = mostly(SCENARIOS, bad_files)
    anything = st.builds(
        lambda k, v: f"{k}={v}", mostly(KEYS, BAD_KEYS), mostly(VALUES, BAD_VALUES)
    )
    setting = weighted((3, st.sampled_from(GOOD_SETTINGS)), (1, anything))
    sets = option("--set", setting, 2)
    seed = option("--seed", mostly(SEEDS, BAD_SEEDS))
    commands = words("run validate check compare sweep explore graph schema chairs explain")
    real = st.sampled_from(commands)
    odd = st.sampled_from(["junk", "--version", "-h", ""])
    command = draw(weighted((18, real), (1, odd), (1, JUNK)))
    parts: list[list[str]] = []
    if command == "run":
        formats = mostly(["text", "json", "jsonl", "html"], ["csv", ""])
        parts += [[draw(file)], draw(sets), draw(seed), draw(option("--format", formats))]
        parts.append(draw(maybe(option("--out", out_path))))
    elif command == "validate":
        parts.append(draw(st.lists(file, max_size=3)))
    elif command == "check":
        parts.append(
            draw(
                st.lists(
                    mostly([str(ROOT / "scenarios")], [str(tmp), junk_file]), min_size=1, max_size=2
                )
            )
        )
    elif command == "compare":
        variant = st.lists(setting, min_size=1, max_size=2).map(",".join)
        variants = st.lists(variant, min_size=draw(weighted((1, st.just(0)), (4, st.just(2)))))
        pairs = variants.map(lambda vs: [a for v in vs[:3] for a in ("--variant", v)])
        parts += [[draw(file)], draw(pairs), draw(seed)]
        parts.append(draw(option("--format", mostly(["text", "json"], ["html"]))))
    elif command == "sweep":  # the local backend, a few samples: quick
        parts += [[draw(file)], draw(sets), draw(seed)]
        parts.append(["--samples", draw(mostly(["0", "1", "3"], ["-1", "x", "", "1e3"]))])
        parts.append(draw(option("--workers", mostly(["1"], ["0", "-2", "x"]))))
        parts.append(draw(option("--backend", mostly(["local"], ["nope"]))))
        parts.append(draw(option("--format", mostly(["text", "json"], ["xml"]))))
        parts.append(draw(maybe(option("--out", out_path))))
        parts.append(draw(maybe(st.just(["--resume"]))))
    elif command == "explore":  # councils of at most three: quick
        code = mostly(["ARM", "BLR", "KAZ", "RUS", "UZB"], ["XXX", "arm", "", "\u0410RM"])
        parts.append(["--members", ",".join(draw(st.lists(code, min_size=1, max_size=3)))])
        varied = [x for x in GOOD_SETTINGS if x.startswith(("rule14", "limited", "quorum"))]
        parts.append(draw(option("--set", weighted((4, st.sampled_from(varied)), (1, setting)), 2)))
        parts.append(draw(option("--format", mostly(["text", "json"], ["csv"]))))
        parts.append(draw(maybe(option("--plot", out_path))))
        cx = mostly([str(tmp / "cx")], [junk_file])
        parts.append(draw(maybe(option("--write-counterexamples", cx))))
    elif command == "graph":
        parts.append(draw(option("--format", mostly(["dot", "mermaid", "svg"], ["png"]))))
        parts.append(draw(maybe(option("--out", out_path))))
    elif command == "schema":
        parts.append(draw(maybe(st.just(["--trace"]))))
    elif command == "chairs":
        parts.append(["--from", draw(mostly(YEARS, BAD_YEARS))])
        parts.append(["--to", draw(mostly(YEARS, BAD_YEARS))])
        parts.append(draw(option("--office", mostly(["chair", "sg"], ["x"]))))
        parts.append(draw(option("--format", mostly(["text", "json"], ["csv"]))))
        parts.append(draw(maybe(option("--plot", out_path))))
    elif command == "explain":
        ids = ["rop.14.1", "cst.4", "charter.12", "kz-bulletin-2013-1"]
        bad_ids = ["ROP.14.1", "rop.14", "", "\x1b[2J", "\u0441st.4"]
        parts.append(draw(st.lists(mostly(ids, bad_ids), max_size=1)))
    parts.append(draw(maybe(st.lists(JUNK, min_size=1, max_size=2))))
    args = [a for part in draw(st.permutations(parts)) for a in part]
    return [command, *args]


def run_cli(args: list[str]) -> tuple[int, str, str]:
    """``cstosim ARGS`` in this process: (status, stdout, stderr); an escaped exception fails."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as e:  # argparse: usage errors (2) and --help/--version (0)
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
        except BaseException:  # any other escape is the bug looked for
            pytest.fail(f"cstosim {shlex.join(args)}\n{traceback.format_exc()}")
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("cli-fuzz")
    (d / "junk.yaml").write_text("name: [unclosed\n\x1b\x00", encoding="utf-8")
    return d


def test_cli_never_prints_a_traceback(fuzz_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.chdir(fuzz_dir)  # anything written by a relative path stays here

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(args=argv(fuzz_dir))
    def check(args: list[str]) -> None:
        code, _, err = run_cli(args)
        where = f"cstosim {shlex.join(args)}\n{err}"
        assert code in (0, 1, 2), where
        assert "Traceback" not in err, where

    check()


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "\x1b[2J.yaml"],
        ["explain", "\x1b]0;pwned\x07"],
        ["run", "missing.yaml", "--set", "rule14=\x1b[2J"],
        ["chairs", "--from", "2011", "--to", "2011", "--office", "\x1b[2J"],
    ],
)
def test_messages_show_control_characters_of_arguments_visibly(
    fuzz_dir: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """A control character in an argument is not echoed raw by a message about it."""
    monkeypatch.chdir(fuzz_dir)
    code, out, err = run_cli(args)
    assert code in (1, 2)
    assert not CONTROLS.search(out + err.replace("\n", "")), repr(err)
