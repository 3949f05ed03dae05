"""docs/analysis.md: every command and Python block prints what the page says it prints."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "analysis.md"
BLOCK = re.compile(r"```(console|python|text)\n(.*?)\n```", re.S)


def _blocks() -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(PAGE.read_text("utf-8"))]


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


CONSOLE = [body for kind, body in _blocks() if kind == "console"]
PYTHON = [
    (body, nxt)
    for (kind, body), (nkind, nxt) in zip(_blocks(), _blocks()[1:], strict=False)
    if kind == "python" and nkind == "text"
]


@pytest.mark.parametrize("block", CONSOLE, ids=lambda b: b.splitlines()[0][:60])
def test_each_command_prints_what_the_page_says(
    block: str, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    command, _, expected = block.partition("\n")
    assert command.startswith("$ cstosim ")
    p = cli(*shlex.split(command[len("$ cstosim ") :]))
    assert p.returncode == 0, p.stderr
    assert _lines(p.stdout) == _lines(expected)


@pytest.mark.parametrize("code,expected", PYTHON, ids=lambda c: str(len(c)))
def test_each_python_block_prints_what_the_page_says(
    code: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(PAGE), "exec"), {})  # the page's own code, shipped with it
    assert _lines(out.getvalue()) == _lines(expected)


def test_the_page_has_five_questions_and_runs_something_for_each() -> None:
    text = PAGE.read_text("utf-8")
    assert len(re.findall(r"^## \d\. ", text, re.M)) == 5
    assert len(CONSOLE) >= 5 and len(PYTHON) == 2


# -- docs/teaching.md: outputs shortened with "..." ------------------------------------------
TEACHING = ROOT / "docs" / "teaching.md"
_ANY = re.compile(r"```(\w*)\n(.*?)\n```", re.S)


def _teaching_pairs() -> list[tuple[str, str | None]]:
    """Each cstosim command of a bash block, with the output block after it (if the block is
    a single command followed by a plain block)."""
    blocks = [(m.group(1), m.group(2)) for m in _ANY.finditer(TEACHING.read_text("utf-8"))]
    out: list[tuple[str, str | None]] = []
    for k, (kind, body) in enumerate(blocks):
        if kind != "bash":
            continue
        commands = [
            c
            for c in body.splitlines()
            # `cstosim classroom` serves until stopped: tests/classroom runs it as a server
            if c.startswith("cstosim ") and not c.startswith("cstosim classroom ")
        ]
        follows = blocks[k + 1] if k + 1 < len(blocks) else ("", None)
        for c in commands:
            shown = follows[1] if len(commands) == 1 and follows[0] == "" else None
            out.append((c, shown))
    return out


def matches_with_cuts(expected: str, actual: str) -> bool:
    """Whether ``actual`` shows every run of lines of ``expected`` in order, a line "..."
    standing for any lines; the first run starts the output unless a cut comes first."""
    act = _lines(actual)
    runs: list[list[str]] = [[]]
    for line in _lines(expected):
        if line.strip() == "...":
            runs.append([])
        else:
            runs[-1].append(line)
    at = 0
    for k, run in enumerate(runs):
        if not run:
            continue
        hits = [j for j in range(at, len(act) - len(run) + 1) if act[j : j + len(run)] == run]
        if not hits or (k == 0 and hits[0] != 0):
            return False
        at = hits[0] + len(run)
    return True


@pytest.mark.parametrize("command,shown", _teaching_pairs(), ids=lambda v: str(v)[:70])
def test_teaching_commands_run_and_print_what_the_tutorial_shows(
    command: str,
    shown: str | None,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cstosim.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "150")  # the width the tutorial says it shows
    capsys.readouterr()
    assert main(shlex.split(command)[1:]) == 0
    if shown is not None:
        assert matches_with_cuts(shown, capsys.readouterr().out), command


def test_the_cut_matcher() -> None:
    assert matches_with_cuts("a\n...\nc", "a\nb\nc")
    assert not matches_with_cuts("a\n...\nd", "a\nb\nc")
    assert not matches_with_cuts("b\n...", "a\nb")  # no cut before: the output starts there
    assert matches_with_cuts("...\nb", "a\nb")
