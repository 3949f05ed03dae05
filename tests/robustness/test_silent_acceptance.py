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


def test_write_counterexamples_to_a_file_path_is_a_clear_error(tmp_path: Path, cli: Cli) -> None:
    f = tmp_path / "not-a-folder"
    f.write_text("keep me", encoding="utf-8")
    p = cli("explore", "--members", "ARM,BLR", "--write-counterexamples", str(f))
    assert p.returncode in (1, 2) and "Traceback" not in p.stderr and str(f) in p.stderr
    assert f.read_text(encoding="utf-8") == "keep me"


def test_a_requester_cannot_send_forces_to_itself(tmp_path: Path, cli: Cli) -> None:
    body = (
        "  - {date: 2023-02-01, type: request_assistance, by: KAZ, threat: aggression, "
        "contributors: [KAZ, RUS]}\n"
    )
    p = cli("validate", write(tmp_path, body))
    assert p.returncode == 1 and ":5:" in p.stderr and "cannot send forces to itself" in p.stderr


def test_contributors_that_are_not_sent_are_noted(tmp_path: Path, cli: Cli) -> None:
    body = (
        "  - {date: 2023-02-01, type: request_assistance, by: KAZ, threat: aggression, "
        "contributors: [RUS, TJK], positions: {TJK: absent}}\n"
    )
    p = cli("run", write(tmp_path, body), "--format", "jsonl", "--set", "rule14=no_objection")
    assert p.returncode == 0, p.stderr
    assert "TJK named to contribute but not sent" in p.stdout


def test_an_order_rotation_names_only_what_the_order_lists(tmp_path: Path, cli: Cli) -> None:
    text = (
        "name: t\nstart: 2030-06-01\nend: 2031-06-30\nrules: {rotation: order, order: [RUS]}\n"
        "members: [ARM, BLR, RUS]\nchair: RUS\n"
    )
    f = tmp_path / "o.yaml"
    f.write_text(text, encoding="utf-8")
    p = cli("run", str(f), "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    assert "in the order the scenario gives" not in p.stdout
    assert "the scenario's order does not list ARM" in p.stdout
