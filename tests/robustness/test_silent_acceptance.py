"""What used to pass without a word is refused, with its place and what is allowed (issue 11)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from tests.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = str(ROOT / "scenarios" / "uncertain-summit-2026.yaml")

HEAD = "name: t\nstart: 2023-01-01\nend: 2023-12-31\nevents:\n"


def write(tmp_path: Path, body: str) -> str:
    f = tmp_path / "s.yaml"
    f.write_text(HEAD + body, encoding="utf-8")
    return str(f)


@pytest.mark.parametrize(
    ("body", "where", "said"),
    [
        (
            "  - {date: 2023-02-01, type: session, id: s1}\n"
            "  - {date: 2023-03-01, type: session, id: s1}\n",
            ":6:",
            "session id 's1' is used twice",
        ),
        (
            "  - {date: 2023-02-01, type: session, items: [{id: a, member: ARM}]}\n",
            ":5:",
            "'member' means nothing for an item of kind 'decision'",
        ),
        (
            "  - {date: 2023-02-01, type: session, items: [{id: a, mission: m}]}\n",
            ":5:",
            "'mission' means nothing",
        ),
        (
            "  - {date: 2023-02-01, type: session, items: "
            "[{id: a, kind: suspension, member: TJK, from: 2023-03-01}]}\n",
            ":5:",
            "'from' means nothing for an item of kind 'suspension'",
        ),
        (
            "  - {date: 2023-02-01, type: request_assistance, by: ARM, threat: threat, "
            "troops: 100}\n",
            ":5:",
            "troops mean nothing for a request on a 'threat'",
        ),
    ],
)
def test_meaningless_or_repeated_fields_are_refused(
    tmp_path: Path, cli: Cli, body: str, where: str, said: str
) -> None:
    p = cli("validate", write(tmp_path, body))
    assert p.returncode == 1 and where in p.stderr and said in p.stderr, p.stderr


def test_a_scheduler_without_dask_is_a_usage_error(cli: Cli) -> None:
    p = cli("sweep", SUMMIT, "--samples", "5", "--scheduler", "tcp://127.0.0.1:1")
    assert p.returncode == 2 and "--backend dask" in p.stderr


def test_a_bad_plot_suffix_is_refused_before_the_sweep_runs(cli: Cli) -> None:
    t = time.monotonic()
    p = cli("sweep", SUMMIT, "--samples", "200000", "--plot", "x.pdf")
    assert p.returncode == 2 and ".png or .svg" in p.stderr
    assert time.monotonic() - t < 5  # refused at once, not after 200,000 samples


def test_an_order_under_another_rotation_is_refused(cli: Cli) -> None:
    p = cli("run", SUMMIT, "--set", "rotation=host", "--set", "order=ARM,BLR")
    assert p.returncode == 1 and "ignores it" in p.stderr


def test_paths_are_printed_without_control_characters(tmp_path: Path, cli: Cli) -> None:
    f = tmp_path / "a\x1b[2J.yaml"
    f.write_text(HEAD.replace("events:\n", ""), encoding="utf-8")
    p = cli("validate", str(f))
    assert p.returncode == 0 and "\x1b" not in p.stdout and "\\u001b" in p.stdout
