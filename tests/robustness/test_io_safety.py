"""Issue 11: never lose a user's file, never hang. Every file cstosim reads or writes goes
through ``cstosim.io``: outputs are replaced whole or appended under a lock, and never through
a link, into a device, or over an input; inputs are regular files or a bounded stdin."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.conftest import Cli

from cstosim import io as cio
from cstosim.errors import CstosimError
from cstosim.whatif import sweep as sweep_mod

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = str(ROOT / "scenarios" / "uncertain-summit-2026.yaml")
MOSCOW = str(ROOT / "scenarios" / "moscow-2009.yaml")
OLD = "old content that must survive\n" * 100


def _no_temporaries(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- outputs replaced whole -------------------------------------------------------------------
def test_run_out_replaces_an_existing_file_whole(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "trace.jsonl"
    out.write_text(OLD)
    out.chmod(0o640)
    p = cli("run", MOSCOW, "--format", "jsonl", "--out", str(out))
    assert p.returncode == 0, p.stderr
    assert out.read_text().startswith("{") and OLD not in out.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # permissions kept
    _no_temporaries(tmp_path)
    assert cli("run", MOSCOW, "--out", "-").stdout  # - is standard output


def test_a_failure_mid_write_leaves_the_old_file_whole(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "trace.html"
    out.write_text(OLD)
    with pytest.raises(cio.OutputError) as e, cio.atomic_output(out) as fh:
        fh.write(b"x" * 100_000)
        raise OSError(errno.ENOSPC, "No space left on device")
    assert "No space left" in str(e.value) and e.value.kind == "write"
    assert out.read_text() == OLD
    _no_temporaries(tmp_path)

    def full_disk(fd: int) -> None:  # every byte is written, then the sync fails
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cio.os, "fsync", full_disk)
    p = cli("run", MOSCOW, "--format", "html", "--out", str(out))
    assert p.returncode == 1 and "No space left" in p.stderr and "Traceback" not in p.stderr
    assert str(out) in p.stderr and out.read_text() == OLD
    _no_temporaries(tmp_path)


def test_a_plot_that_fails_midway_leaves_the_old_plot(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.figure import Figure

    def torn(self: Figure, fh: object, **kwargs: object) -> None:
        fh.write(b"<svg partial")  # type: ignore[attr-defined]
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(Figure, "savefig", torn)
    out = tmp_path / "chairs.svg"
    out.write_text(OLD)
    p = cli("chairs", "--from", "2011", "--to", "2012", "--plot", str(out))
    assert p.returncode == 1 and "Input/output error" in p.stderr
    assert out.read_text() == OLD
    _no_temporaries(tmp_path)


# -- paths that must not be written ------------------------------------------------------------
def test_a_symlink_output_is_refused_and_its_target_untouched(tmp_path: Path, cli: Cli) -> None:
    target = tmp_path / "precious.txt"
    target.write_text(OLD)
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    for args in (
        ("run", MOSCOW, "--out", str(link)),
        ("graph", "--out", str(link)),
        ("sweep", SUMMIT, "--samples", "5", "--out", str(link)),
        ("sweep", SUMMIT, "--samples", "5", "--out", str(link), "--resume"),
        ("chairs", "--from", "2011", "--to", "2012", "--plot", str(link.with_suffix(".png"))),
    ):
        if args[0] == "chairs":
            link.with_suffix(".png").symlink_to(target)
        p = cli(*args)
        assert p.returncode == 2, (args, p.stderr)
        assert "symbolic link" in p.stderr and "Traceback" not in p.stderr
    assert target.read_text() == OLD and link.is_symlink()


@pytest.mark.parametrize("command", ["run", "sweep", "graph"])
def test_dev_null_as_output_is_refused_and_left_alone(command: str, cli: Cli) -> None:
    args = {
        "run": ("run", MOSCOW),
        "sweep": ("sweep", SUMMIT, "--samples", "5"),
        "graph": ("graph",),
    }[command]
    p = cli(*args, "--out", os.devnull)
    assert p.returncode == 2 and "character device" in p.stderr and "Traceback" not in p.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_directory_or_fifo_output_is_refused(tmp_path: Path, cli: Cli) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    p = cli("sweep", SUMMIT, "--samples", "5", "--out", str(fifo))
    assert p.returncode == 2 and "pipe" in p.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    p = cli("run", MOSCOW, "--out", str(tmp_path))
    assert p.returncode == 2 and "directory" in p.stderr and tmp_path.is_dir()


def test_a_failed_sweep_keeps_an_output_it_did_not_create(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("backend down")
        yield  # a generator, like the real one

    monkeypatch.setattr(sweep_mod, "_local", broken)
    existing = tmp_path / "rows.jsonl"
    existing.touch()  # the user's empty file: a failed sweep used to remove it
    p = cli("sweep", SUMMIT, "--samples", "5", "--out", str(existing))
    assert p.returncode == 1 and "backend down" in p.stderr
    assert existing.exists() and existing.read_bytes() == b""
    created = tmp_path / "new.csv"  # what the failed run itself created is removed again
    p = cli("sweep", SUMMIT, "--samples", "5", "--out", str(created))
    assert p.returncode == 1
    assert not created.exists() and not (tmp_path / "new.csv.meta.json").exists()


def test_an_output_that_is_an_input_is_refused(tmp_path: Path, cli: Cli) -> None:
    sc = tmp_path / "s.yaml"
    shutil.copy(MOSCOW, sc)
    before = sc.read_bytes()
    same = str(tmp_path / "sub" / ".." / "s.yaml")
    (tmp_path / "sub").mkdir()
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(sc)
    hard = tmp_path / "hard.yaml"
    os.link(sc, hard)
    for out in (str(sc), same):
        p = cli("run", str(sc), "--out", out)
        assert p.returncode == 2 and "same file" in p.stderr and "Traceback" not in p.stderr
    p = cli("run", str(alias), "--out", str(hard))  # the link is read; the hard link is it
    assert p.returncode == 2 and "same file" in p.stderr
    p = cli("sweep", str(sc), "--samples", "5", "--out", str(hard))
    assert p.returncode == 2 and "same file" in p.stderr
    assert sc.read_bytes() == before


def test_sweep_out_and_plot_on_the_same_path_are_refused(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "r.svg"
    p = cli("sweep", SUMMIT, "--samples", "5", "--out", str(out), "--plot", str(out))
    assert p.returncode == 2 and "same file" in p.stderr and not out.exists()
    csv = tmp_path / "r.csv"
    side = str(csv) + ".meta.json"
    p = cli("sweep", SUMMIT, "--samples", "5", "--out", str(csv), "--plot", side)
    assert p.returncode == 2 and "same file" in p.stderr


def test_io_errors_are_cstosim_and_os_errors() -> None:
    for cls in (cio.OutputError, cio.SameFileError, cio.InputError):
        assert issubclass(cls, CstosimError) and issubclass(cls, OSError)


# -- one writer at a time ---------------------------------------------------------------------
def test_a_second_writer_is_refused_while_the_first_holds_the_file(
    tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "rows.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "20", "--out", str(out)).returncode == 0
    before = out.read_bytes()
    held = cio.open_locked(out)
    try:
        p = cli("sweep", SUMMIT, "--samples", "40", "--out", str(out), "--resume")
        assert p.returncode == 1 and "another process" in p.stderr and str(out) in p.stderr
        p = cli("sweep", SUMMIT, "--samples", "40", "--out", str(out))
        assert p.returncode == 1 and "another process" in p.stderr
    finally:
        held.close()
    assert out.read_bytes() == before  # neither touched it
    assert cli("sweep", SUMMIT, "--samples", "40", "--out", str(out), "--resume").returncode == 0


def test_two_real_sweeps_on_one_file(tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    cmd = [sys.executable, "-m", "cstosim", "sweep", SUMMIT, "--samples", "150000"]
    first = subprocess.Popen(
        [*cmd, "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (out.exists() and out.stat().st_size > 5000):
            time.sleep(0.02)
        second = subprocess.run(
            [*cmd, "--out", str(out), "--resume"], capture_output=True, text=True, timeout=120
        )
        assert first.poll() is None, "the first sweep ended before the second tried"
        assert second.returncode == 1 and "another process" in second.stderr
        _, err = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0, err
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) == 150_002
    assert json.loads(lines[0])["cstosim_sweep"] == 1
    assert [json.loads(ln)["sample"] for ln in lines[1:-1:9973]] == list(range(0, 150_000, 9973))


# -- inputs -----------------------------------------------------------------------------------
def test_a_fifo_as_scenario_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    p = subprocess.run(
        [sys.executable, "-m", "cstosim", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 1 and f"{fifo}:1:1: is a pipe" in p.stderr
    assert "Traceback" not in p.stderr


def test_check_skips_a_fifo_in_a_folder(tmp_path: Path) -> None:
    shutil.copy(MOSCOW, tmp_path / "moscow.yaml")
    os.mkfifo(tmp_path / "waiting.yaml")
    p = subprocess.run(
        [sys.executable, "-m", "cstosim", "check", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert f"skipped {tmp_path / 'waiting.yaml'}: not a regular file" in p.stderr
    assert "1 of 1 scenarios hold" in p.stdout


def test_a_scenario_on_stdin_is_read(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "cstosim", "validate", "-"],
        input=Path(MOSCOW).read_text(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 0 and "-: ok" in p.stdout, p.stderr


def test_an_endless_stdin_is_refused_quickly() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "cstosim", "validate", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdin is not None
    stop = threading.Event()

    def feed() -> None:
        try:
            while not stop.is_set():
                proc.stdin.write(b"# more\n" * 1024)  # type: ignore[union-attr]
        except (BrokenPipeError, OSError, ValueError):
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        proc.wait(timeout=30)  # not communicate(): that would close stdin
    finally:
        stop.set()
        proc.kill()
    assert proc.stderr is not None
    err = proc.stderr.read()
    assert proc.returncode == 1 and b"<stdin>:1:1: more than" in err


def test_a_silent_stdin_is_refused_after_the_time_limit() -> None:
    r, w = os.pipe()  # a writer that never writes and never closes
    try:
        start = time.monotonic()
        with pytest.raises(cio.InputError) as e:
            cio.read_bounded(r, limit=cio.MAX_INPUT, timeout=0.5, name="<stdin>")
        assert time.monotonic() - start < 5
        assert "no end of input within 0.5 s" in str(e.value)
    finally:
        os.close(r)
        os.close(w)


def test_a_huge_line_in_a_resume_file_is_refused(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "rows.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "5", "--out", str(out)).returncode == 0
    with out.open("ab") as fh:
        fh.write(b"x" * (cio.MAX_LINE + 10))  # no newline: it would otherwise be read whole
    size = out.stat().st_size
    p = cli("sweep", SUMMIT, "--samples", "10", "--out", str(out), "--resume")
    assert p.returncode == 1 and "line 7 is longer than" in p.stderr and "Traceback" not in p.stderr
    assert out.stat().st_size == size  # refused, not trimmed
