"""Limits on input size and shape; faults in sweeps; determinism across hash seeds and backends."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import Cli, CliProcess
from tests.sweep_helpers import sweep_killed_midway

from cstosim.engine import compile_scenario
from cstosim.scenario import ScenarioError, load_scenario, parse_scenario
from cstosim.scenario.models import MAX_EVENTS, MAX_ITEMS, MAX_YEARS
from cstosim.scenario.yamlpos import MAX_BYTES
from cstosim.whatif import rows as rows_mod
from cstosim.whatif import sweep as sweep_mod
from cstosim.whatif.sweep import SweepError, sweep

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = str(ROOT / "scenarios" / "uncertain-summit-2026.yaml")
HEAD = "name: x\nstart: 2022-01-01\nend: 2022-12-31\n"


def problems(text: str) -> str:
    with pytest.raises(ScenarioError) as e:
        parse_scenario(text, "f.yaml")
    return str(e.value)


def test_file_size_limit(tmp_path: Path, cli: Cli) -> None:
    f = tmp_path / "big.yaml"
    f.write_text(HEAD + "description: " + "x" * (MAX_BYTES + 10) + "\n")
    p = cli("validate", str(f))
    assert p.returncode == 1 and f"at most {MAX_BYTES}" in p.stderr


def test_event_item_and_horizon_caps() -> None:
    ev = "".join("  - {date: 2022-01-05, type: join, member: UZB}\n" for _ in range(MAX_EVENTS + 1))
    assert "too many entries" in problems(HEAD + "events:\n" + ev)
    items = "".join(f"      - {{id: i{k}}}\n" for k in range(1001))
    assert "at most 1000" in problems(
        HEAD + "events:\n  - date: 2022-01-05\n    type: session\n    items:\n" + items
    )
    sessions = "".join(
        "  - date: 2022-01-05\n    type: session\n    items: ["
        + ", ".join(f"{{id: s{s}i{k}}}" for k in range(1000))
        + "]\n"
        for s in range(MAX_ITEMS // 1000 + 1)
    )
    assert f"at most {MAX_ITEMS}" in problems(HEAD + "events:\n" + sessions)
    assert f"at most {MAX_YEARS}" in problems("name: x\nstart: 2000-01-01\nend: 3001-01-02\n")


def test_only_safe_yaml() -> None:
    for tag in (
        "!!python/object/apply:os.system ['true']",
        "!!python/name:os.system",
        "!custom x",
        "!!binary aGVsbG8=",
    ):
        assert "not allowed" in problems(f"name: {tag}\nstart: 2022-01-01\nend: 2022-01-02\n")


# -- faults in sweeps -----------------------------------------------------------------------
def plan():
    sc, _ = load_scenario(SUMMIT)
    return compile_scenario(sc)


def test_dask_sweep_killed_and_resumed(tmp_path: Path, cli_process: CliProcess) -> None:
    full = tmp_path / "full.jsonl"
    assert cli_process("sweep", SUMMIT, "--samples", "4000", "--out", str(full)).returncode == 0
    part = tmp_path / "part.jsonl"
    written = sweep_killed_midway(
        SUMMIT, part, "--samples", "4000", "--workers", "2", "--backend", "dask", min_bytes=30_000
    )
    assert 0 < len(written) < full.stat().st_size
    p = cli_process(
        "sweep",
        SUMMIT,
        "--samples",
        "4000",
        "--backend",
        "dask",
        "--workers",
        "2",
        "--out",
        str(part),
        "--resume",
    )
    assert p.returncode == 0, p.stderr
    assert part.read_bytes() == full.read_bytes()


_WORKER_CHUNK = sweep_mod._worker_chunk


def _die(start: int, stop: int, fmt: Any) -> Any:
    if start >= 128:
        os._exit(3)  # a worker process dies without a word
    return _WORKER_CHUNK(start, stop, fmt)


def test_a_dead_worker_is_reported_and_the_rows_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sweep_mod, "_worker_chunk", _die, raising=True)
    out = tmp_path / "rows.jsonl"
    with pytest.raises(SweepError) as e:
        sweep(plan(), 1000, workers=2, out=out)
    assert e.value.resumable and "worker" in str(e.value) and "kept" in str(e.value)
    monkeypatch.undo()
    # the rows finished before the crash are kept (if none were, no file is left behind)
    assert not out.exists() or out.read_text().startswith('{"cstosim_sweep"')
    summary = sweep(plan(), 1000, workers=2, out=out, resume=True)
    assert summary.samples == 1000
    full = tmp_path / "full.jsonl"
    sweep(plan(), 1000, out=full)
    assert out.read_bytes() == full.read_bytes()


def test_a_full_disk_is_a_clear_error_and_keeps_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = rows_mod.RowWriter.write
    count = {"n": 0}

    def write(self, data):  # rows come a chunk at a time: the disk fills at the fourth
        count["n"] += 1
        if count["n"] > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(self, data)

    monkeypatch.setattr(rows_mod.RowWriter, "write", write)
    out = tmp_path / "rows.jsonl"
    with pytest.raises(SweepError) as e:
        sweep(plan(), 1000, out=out)
    assert "No space left" in str(e.value) and e.value.resumable
    monkeypatch.undo()
    summary = sweep(plan(), 1000, out=out, resume=True)
    assert summary.samples == 1000


def test_an_unwritable_output_keeps_nothing_half_done(tmp_path: Path, cli: Cli) -> None:
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    try:
        if os.access(d, os.W_OK):  # root ignores permissions: use a path under a file instead
            target = tmp_path / "file"
            target.write_text("x")
            out = target / "rows.jsonl"
        else:
            out = d / "rows.jsonl"
        p = cli("sweep", SUMMIT, "--samples", "10", "--out", str(out))
        assert p.returncode == 1 and "cannot write" in p.stderr and "Traceback" not in p.stderr
    finally:
        d.chmod(0o700)


# -- determinism ------------------------------------------------------------------------------
@pytest.mark.parametrize("hashseed", ["0", "4242"])
def test_traces_and_rows_do_not_depend_on_the_hash_seed(
    tmp_path: Path, hashseed: str, cli_process: CliProcess
) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    reference = {**os.environ, "PYTHONHASHSEED": "1"}
    for name in ("moscow-2009", "limited-format-2023-2025", "uncertain-summit-2026"):
        f = str(ROOT / "scenarios" / f"{name}.yaml")
        a = cli_process("run", f, "--format", "jsonl", env=env).stdout
        b = cli_process("run", f, "--format", "jsonl", env=reference).stdout
        assert a == b and a
    out_a, out_b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert (
        cli_process(
            "sweep", SUMMIT, "--samples", "300", "--workers", "2", "--out", str(out_a), env=env
        ).returncode
        == 0
    )
    assert (
        cli_process(
            "sweep",
            SUMMIT,
            "--samples",
            "300",
            "--backend",
            "dask",
            "--out",
            str(out_b),
            env=reference,
        ).returncode
        == 0
    )
    assert out_a.read_bytes() == out_b.read_bytes()


def test_yaml_round_trip_of_a_scenario_is_stable() -> None:
    sc, _ = load_scenario(SUMMIT)
    data = sc.model_dump(mode="json", by_alias=True, exclude_none=True)
    again, _ = parse_scenario(yaml.safe_dump(data, sort_keys=False), "again.yaml")
    assert again == sc


@pytest.mark.parametrize(
    "address", ["not an address", "tcp://127.0.0.1", "tcp://127.0.0.1:abc", "foo://127.0.0.1:1"]
)
def test_a_bad_scheduler_address_is_a_clear_error(tmp_path: Path, address: str, cli: Cli) -> None:
    out = tmp_path / "rows.jsonl"
    p = cli(
        "sweep",
        SUMMIT,
        "--samples",
        "10",
        "--backend",
        "dask",
        "--scheduler",
        address,
        "--out",
        str(out),
    )
    assert p.returncode == 1 and "Traceback" not in p.stderr and "cannot reach" in p.stderr
    assert not out.exists()  # nothing half-made is left to trip --resume


@pytest.mark.parametrize(
    "content",
    ["[1, 2]\n", '"x"\n', None, '{"outcomes": 5}'],
    ids=["list-header", "string-header", "row-without-seed", "bad-outcomes"],
)
def test_resume_on_a_malformed_file(tmp_path: Path, content: str | None, cli: Cli) -> None:
    out = tmp_path / "rows.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "5", "--out", str(out)).returncode == 0
    header = out.read_text().splitlines()[0]
    if content is None:
        out.write_text(header + '\n{"sample": 0}\n')
    elif content.startswith("{"):
        out.write_text(header + '\n{"sample": 0, "seed": 1, "outcomes": 5}\n')
    else:
        out.write_text(content)
    p = cli("sweep", SUMMIT, "--samples", "5", "--out", str(out), "--resume")
    assert "Traceback" not in p.stderr
    if content is None or content.startswith("{"):
        # a malformed row is redone like a torn one
        assert p.returncode == 0 and len(out.read_text().splitlines()) == 6
    else:
        assert p.returncode == 1 and "cannot resume" in p.stderr


def test_usage_errors_of_sweep_exit_2(cli: Cli) -> None:
    for args in (["--samples", "-5"], ["--samples", "5", "--workers", "0"]):
        p = cli("sweep", SUMMIT, *args)
        assert p.returncode == 2 and "Traceback" not in p.stderr


def test_ctrl_c_keeps_the_rows_and_says_how_to_resume(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "rows.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-X",
            "faulthandler",  # SIGABRT below dumps where it is, should it not end
            "-m",
            "cstosim",
            "sweep",
            SUMMIT,
            "--samples",
            "10000000",
            "--out",
            str(out),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # Ctrl-C as a terminal gives it, whatever this test process does with SIGINT (a child
        # inherits an ignored SIGINT, and Python then leaves it ignored)
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and out.stat().st_size > 20_000):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGABRT)
        _, err = proc.communicate(timeout=30)
        pytest.fail(f"the sweep did not end within 30 s of SIGINT; where it was:\n{err}")
    assert proc.returncode == 130 and "Traceback" not in err and "--resume" in err
    p = cli("sweep", SUMMIT, "--samples", "3000", "--out", str(out), "--resume")
    assert p.returncode == 0, p.stderr
