"""Classroom load on loopback: many board and student clients on ``/events`` while six seats
vote again and again (design 5.6, issue 13).

    python benchmarks/classroom_load.py            # 300 event streams, six seats, 20 s
    python benchmarks/classroom_load.py --smoke    # 30 streams, 3 s: checks the figures come

It starts a real ``cstosim classroom`` server (a child process) on a free port with a fresh
database, opens the event streams, seats six members, opens the June 2009 decision and has each
seat change its position about four times a second (the rate limit allows five). It prints one
JSON document: the vote latency (request sent to answer read, median, p95, p99, max), votes
lost (acknowledged but not in the database at the end, or not acknowledged at all), how many
streams saw the final state, and the spread of each state's delivery (from the first stream to
see it to the last, median and p99). Nothing is asserted; the target (p99 under 100 ms, none
lost) is printed beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = ROOT / "scenarios" / "moscow-2009.yaml"
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
POSITIONS = ["support", "abstain", "object", "stand_aside", "absent"]
VERSION = re.compile(rb'"version": (\d+)')


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) by the nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


class Http:
    """One keep-alive HTTP/1.1 connection, enough for JSON requests to the classroom."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> Http:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def request(
        self, method: str, path: str, body: Any = None, token: str | None = None
    ) -> tuple[int, bytes]:
        data = b"" if body is None else json.dumps(body).encode()
        head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nContent-Length: {len(data)}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        if token is not None:
            head += f"Authorization: Bearer {token}\r\n"
        self.writer.write(head.encode() + b"\r\n" + data)
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def stream(host: str, port: int, seen: dict[int, float], ready: asyncio.Event) -> None:
    """One client on /events: the time it first saw each version of the state."""
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"GET /events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
    try:
        while line := await reader.readline():
            if line.startswith(b"data: "):
                m = VERSION.search(line)
                if m is not None:
                    seen.setdefault(int(m.group(1)), time.perf_counter())
                    ready.set()
    finally:
        writer.close()


async def main_async(base: str, token: str, code: str, clients: int, seconds: float) -> dict:
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    views: list[dict[int, float]] = [{} for _ in range(clients)]
    readies = [asyncio.Event() for _ in range(clients)]
    tasks = [
        asyncio.create_task(stream(host, port, v, r)) for v, r in zip(views, readies, strict=True)
    ]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 60)
    admin = await Http.open(host, port)
    seats = {}
    for m in SIX:
        status, body = await admin.request("POST", "/api/join", {"room": code, "member": m})
        assert status == 200, body
        seats[m] = json.loads(body)["seat"]
    status, _ = await admin.request("POST", "/api/teacher/next", token=token)
    assert status == 200
    latencies: list[float] = []
    acked: dict[str, str] = {}
    refused = 0

    async def voter(member: str, offset: float) -> None:
        nonlocal refused
        conn = await Http.open(host, port)
        await asyncio.sleep(offset)
        end = time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < end:
            position = POSITIONS[i % len(POSITIONS)]
            i += 1
            started = time.perf_counter()
            status, _body = await conn.request(
                "POST", "/api/vote", {"position": position}, token=seats[member]
            )
            done = time.perf_counter()
            if status == 200:
                latencies.append(done - started)
                acked[member] = position
            else:
                refused += 1
            await asyncio.sleep(max(0.0, 0.25 - (done - started)))
        conn.close()

    await asyncio.gather(*(voter(m, k * 0.04) for k, m in enumerate(SIX)))
    admin.close()  # idle for the whole run: the server has closed it (keep-alive timeout)
    admin = await Http.open(host, port)
    status, body = await admin.request("GET", "/api/state")
    final_version = json.loads(body)["version"]
    await asyncio.sleep(1.0)  # let the streams catch up
    for t in tasks:
        t.cancel()
    admin.close()
    reached = sum(1 for v in views if any(k >= final_version for k in v))
    # fan-out: for each version, from its first sighting to the last stream's sighting
    fan: list[float] = []
    for version in range(final_version - len(latencies), final_version + 1):
        times = [v[version] for v in views if version in v]
        if len(times) == clients:
            fan.append(max(times) - min(times))
    return {
        "acked": acked,
        "votes": len(latencies),
        "refused": refused,
        "latency_ms": {
            "median": round(statistics.median(latencies) * 1000, 2),
            "p95": round(percentile(latencies, 0.95) * 1000, 2),
            "p99": round(percentile(latencies, 0.99) * 1000, 2),
            "max": round(max(latencies) * 1000, 2),
        },
        "streams_reaching_final_state": reached,
        "fan_out_ms": {
            "median": round(statistics.median(fan) * 1000, 2) if fan else None,
            "p99": round(percentile(fan, 0.99) * 1000, 2) if fan else None,
            "versions_seen_by_every_stream": len(fan),
        },
    }


def run(clients: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "room.sqlite"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cstosim",
                "classroom",
                str(SCENARIO),
                "--port",
                "0",
                "--db",
                str(db),
            ],
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            assert proc.stdout is not None
            teacher = proc.stdout.readline().split(" ", 1)[1].strip()
            join = proc.stdout.readline().split(" ", 1)[1].strip()
            parts = urlsplit(teacher)
            base = f"{parts.scheme}://{parts.netloc}"
            token = parse_qs(parts.query)["token"][0]
            code = parse_qs(urlsplit(join).query)["room"][0]
            time.sleep(0.5)
            figures = asyncio.run(main_async(base, token, code, clients, seconds))
        finally:
            proc.send_signal(signal.SIGTERM)
            exit_status = proc.wait(30)
        with sqlite3.connect(db) as con:
            stored = dict(con.execute("SELECT member, position FROM votes"))
        acked = figures.pop("acked")
        lost = sum(1 for m, p in acked.items() if stored.get(m) != p)
        figures["lost"] = lost + figures["refused"]
        figures["server_exit_status"] = exit_status
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="30 streams for 3 s")
    parser.add_argument("--clients", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    args = parser.parse_args()
    clients = args.clients or (30 if args.smoke else 300)
    seconds = args.seconds or (3.0 if args.smoke else 20.0)
    figures = run(clients, seconds)
    print(
        json.dumps(
            {
                "benchmark": "classroom load on loopback",
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "event_streams": clients,
                "seats_voting": len(SIX),
                "seconds": seconds,
                **figures,
                "target": {"p99_ms": "< 100", "lost": 0},
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
