"""Start a sweep in a child process and kill it once it has written some rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def sweep_killed_midway(
    scenario: str,
    out: Path,
    *args: str,
    min_bytes: int = 20_000,
    timeout: float = 120,
    parent_only: bool = False,
    started: list[int] | None = None,
) -> bytes:
    """Run ``cstosim sweep scenario --out out *args``, SIGKILL its process group (or, with
    ``parent_only``, the parent alone, its workers left running) once ``out`` holds
    ``min_bytes``, and return what it had written; ``started`` gets the process group's id."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "cstosim", "sweep", scenario, "--out", str(out), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if started is not None:
        started.append(proc.pid)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not (out.exists() and out.stat().st_size > min_bytes):
        time.sleep(0.02)
    if parent_only:
        os.kill(proc.pid, signal.SIGKILL)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return out.read_bytes()


def group_ends(pgid: int, timeout: float = 30) -> bool:
    """Whether every process of the group ``pgid`` has ended within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False
