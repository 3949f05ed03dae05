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
