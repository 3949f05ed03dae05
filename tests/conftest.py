"""Fixtures shared by the tests: the command line in-process, and as a child process.

Most command-line tests call ``cli(...)``: ``cstosim.cli.main`` runs in the test's own process
with its output captured, which is fast. ``cli_process(...)`` runs ``python -m cstosim`` as a
child process, for what only a real process shows: the entry point, signals, the environment
(hash seeds), and backends that start processes of their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from cstosim.cli import main

WIDTH = "160"  # COLUMNS for text output, so tables do not wrap in tests


@dataclass(frozen=True)
class CliResult:
    """What a command gave: its exit status and what it printed."""

    returncode: int
    stdout: str
    stderr: str


Cli = Callable[..., CliResult]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run ``cstosim ARGS...`` in this process and return its status and output."""
    monkeypatch.setenv("COLUMNS", WIDTH)
    monkeypatch.delenv("CSTOSIM_LANG", raising=False)  # English unless a test asks for another

    def run(*args: str) -> CliResult:
        capsys.readouterr()  # drop what came before
        try:
            code = main(list(args))
        except SystemExit as e:  # argparse's usage errors and --help
            code = e.code if isinstance(e.code, int) else 1
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def cli_process() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m cstosim ARGS...`` as a child process (``env=``, ``timeout=`` allowed)."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cstosim", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "COLUMNS": WIDTH} if env is None else env,
        )

    return run


CliProcess = Callable[..., subprocess.CompletedProcess[str]]
