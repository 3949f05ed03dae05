"""A real classroom server for tests: ``python -m cstosim classroom`` as a child process on a
free loopback port, its two printed addresses parsed, and a small JSON client for its API."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[2]
MOSCOW = ROOT / "scenarios" / "moscow-2009.yaml"


@dataclass
class Reply:
    """An HTTP reply: status, headers and the body (JSON parsed when it is JSON)."""

    status: int
    headers: dict[str, str]
    body: Any


class Server:
    """``cstosim classroom FILE --port 0 --db DB`` running until ``stop``."""

    def __init__(self, scenario: Path, db: Path, *extra: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cstosim",
                "classroom",
                str(scenario),
                "--port",
                "0",
                "--db",
                str(db),
                *extra,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        assert self.proc.stdout is not None
        self.teacher_url = self._line("teacher: ")
        self.join_url = self._line("join: ")
        parts = urlsplit(self.teacher_url)
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.token = parse_qs(parts.query)["token"][0]
        self.code = parse_qs(urlsplit(self.join_url).query)["room"][0]
        self._wait_ready()

    def _line(self, prefix: str) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith(prefix):
            self.proc.kill()
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise AssertionError(f"expected {prefix!r}, got {line!r}; stderr: {err}")
        return line[len(prefix) :].strip()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.get("/api/state").status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the classroom server did not answer within 10 s")

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> Reply:
        """One request; ``body`` is sent as JSON, ``raw`` as given."""
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        h = dict(headers or {})
        if body is not None:
            h.setdefault("content-type", "application/json")
        if token is not None:
            h["authorization"] = f"Bearer {token}"
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=h)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(req, timeout=10) as resp:
                return _reply(resp.status, dict(resp.headers), resp.read())
        except urllib.error.HTTPError as e:
            return _reply(e.code, dict(e.headers), e.read())

    def get(self, path: str, **kw: Any) -> Reply:
        """GET ``path``."""
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        """POST ``path`` with a JSON body."""
        return self.request("POST", path, body, **kw)

    def teacher(self, action: str, body: Any = None) -> Reply:
        """POST /api/teacher/ACTION with the teacher's token."""
        return self.post(f"/api/teacher/{action}", body, token=self.token)

    def join(self, member: str) -> str:
        """Take ``member``'s seat; its token."""
        r = self.post("/api/join", {"room": self.code, "member": member})
        assert r.status == 200, r.body
        return str(r.body["seat"])

    def kill(self) -> None:
        """kill -9."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Send ``sig`` and return the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                return self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
                raise
        return self.proc.returncode


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _reply(status: int, headers: dict[str, str], data: bytes) -> Reply:
    lower = {k.lower(): v for k, v in headers.items()}
    body: Any = data
    if lower.get("content-type", "").startswith("application/json"):
        body = json.loads(data)
    return Reply(status, lower, body)
