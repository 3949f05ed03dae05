"""The classroom's JSON API (design 5.6) on a real server on loopback: the contract's statuses,
who may do what, bounded and checked bodies, forms refused from other sites, rate limits, the
live events, and the export that ``cstosim run`` reproduces."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.classroom.server import MOSCOW, Server

FIVE = ["ARM", "KAZ", "KGZ", "RUS", "TJK"]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(MOSCOW, tmp_path / "room.sqlite")
    yield s
    s.stop()


def test_the_state_before_anything(server: Server) -> None:
    r = server.get("/api/state")
    assert r.status == 200
    s = r.body
    assert s["scenario"].startswith("Moscow, June 2009")
    assert s["phase"] == "waiting" and s["item"] is None
    assert s["seats"] == dict.fromkeys(["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"], False)
    assert s["cast"] == [] and s["decisions"] == []
    assert s["rules"]["rule14"] == "dissent"  # 2009: the default reading
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_join_answers_as_the_contract_says(server: Server) -> None:
    seat = server.join("ARM")
    assert len(seat) >= 32
    assert server.post("/api/join", {"room": server.code, "member": "ARM"}).status == 409
    assert server.post("/api/join", {"room": "WRONG1", "member": "KAZ"}).status == 404
    bad = server.post("/api/join", {"room": server.code, "member": "AFG"})
    assert bad.status == 422 and "allowed: ARM, BLR" in bad.body["error"]
    assert server.post("/api/join", {"room": server.code.lower(), "member": "kaz"}).status == 200
    assert server.get("/api/state").body["seats"]["ARM"] is True


def test_vote_needs_a_seat_an_open_vote_and_a_position(server: Server) -> None:
    seat = server.join("BLR")
    assert server.post("/api/vote", {"position": "object"}).status == 401
    assert server.post("/api/vote", {"position": "object"}, token="x" * 32).status == 403
    assert server.post("/api/vote", {"position": "object"}, token=seat).status == 409
    assert server.teacher("next").status == 200
    ok = server.post("/api/vote", {"position": "object"}, token=seat)
    assert ok.status == 200
    maybe = server.post("/api/vote", {"position": "maybe"}, token=seat)
    assert maybe.status == 422 and "allowed: support, abstain" in maybe.body["error"]
    # a seat votes for its own member only: the body names no member
    other = server.post("/api/vote", {"position": "object", "member": "RUS"}, token=seat)
    assert other.status == 422 and "member" in other.body["error"]
    # a seat may change its position until the close
    assert server.post("/api/vote", {"position": "stand_aside"}, token=seat).status == 200
    state = server.get("/api/state").body
    assert state["cast"] == ["BLR"]
    # never how, before the close: not in the state, not on the board
    assert "stand_aside" not in json.dumps(state)
    assert b"stand_aside" not in server.get("/board").body
    assert b"Stand aside" not in server.get("/board").body
    # a vote meant for another item (sent before the teacher moved on) is refused
    late = server.post("/api/vote", {"position": "object", "item": "temporary-chair"}, token=seat)
    assert late.status == 409 and "crrf-decision" in late.body["error"]


def test_the_teacher_needs_the_token(server: Server) -> None:
    for action in ("next", "close"):
        assert server.post(f"/api/teacher/{action}").status == 401
        assert server.post(f"/api/teacher/{action}", token="nope").status == 403
    assert server.get("/api/teacher/export").status == 401
    assert server.get("/api/teacher/export", token="nope").status == 403
    assert server.teacher("close").status == 409  # nothing open
    assert server.teacher("next").status == 200
    assert server.teacher("next").status == 409  # close first


def test_bodies_are_bounded_and_checked(server: Server) -> None:
    seat = server.join("ARM")
    server.teacher("next")
    big = server.request(
        "POST",
        "/api/vote",
        token=seat,
        raw=b'{"position": "' + b"x" * 10_000 + b'"}',
        headers={"content-type": "application/json"},
    )
    assert big.status == 413 and "at most" in big.body["error"]
    form = server.request(
        "POST",
        "/api/vote",
        token=seat,
        raw=b"position=object",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status == 415
    broken = server.request(
        "POST",
        "/api/vote",
        token=seat,
        raw=b'{"position":',
        headers={"content-type": "application/json"},
    )
    assert broken.status == 422 and "error" in broken.body
    assert server.teacher("rules", {"rotation": "host"}).status == 422
    assert server.teacher("rules", {"rule14": "sometimes"}).status == 422
    assert server.teacher("rules", {"quorum": 7}).status == 422


def test_a_vote_decides_through_the_rule_and_the_record_is_run_s_record(
    server: Server, tmp_path: Path
) -> None:
    seats = {m: server.join(m) for m in ["BLR", *FIVE]}
    server.teacher("next")
    for m in FIVE:
        server.post("/api/vote", {"position": "support"}, token=seats[m])
    s = server.teacher("close").body
    assert s["phase"] == "revealed"
    (rec,) = s["decisions"]
    assert rec["item"] == "crrf-decision" and rec["outcome"] == "rejected"
    assert rec["blockers"] == ["BLR"] and rec["positions"]["BLR"] == "absent"
    assert rec["positions"]["UZB"] == "abstain"  # no seat: the scenario's position
    assert "rop.14.1" in rec["cites"] and rec["sensitive_to"] == ["rule14"] and rec["why"]
    assert server.teacher("rules", {"rule14": "no_objection"}).body["rules"]["rule14"] == (
        "no_objection"
    )
    for _ in range(2):
        server.teacher("next")
        for m in FIVE:
            server.post("/api/vote", {"position": "support"}, token=seats[m])
        server.teacher("close")
    assert server.teacher("next").body["phase"] == "finished"
    final = server.get("/api/state").body
    got = {d["item"]: d["outcome"] for d in final["decisions"]}
    assert got == {
        "crrf-decision": "rejected",
        "crrf-agreement": "signed",
        "temporary-chair": "adopted",
    }
    export = server.get("/api/teacher/export", token=server.token)
    assert export.status == 200 and "attachment" in export.headers["content-disposition"]
    path = tmp_path / "export.yaml"
    path.write_bytes(export.body)
    run = subprocess.run(
        [sys.executable, "-m", "cstosim", "run", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    trace = json.loads(run.stdout)["trace"]
    rerun = [r for r in trace if r["kind"] == "decision"]
    assert rerun == final["decisions"]  # the same records: outcomes, cites, why, sensitive_to
    report = server.get("/api/teacher/report", token=server.token)
    assert report.status == 200 and b"temporary-chair" in report.body


def test_forms_from_another_site_are_refused(server: Server) -> None:
    page = server.get(f"/join?room={server.code}")
    assert page.status == 200
    body = page.body.decode()
    key = body.split('name="key" value="')[1].split('"')[0]
    form = {"content-type": "application/x-www-form-urlencoded"}
    evil = server.request(
        "POST",
        "/join",
        raw=f"key={key}&room={server.code}&member=ARM".encode(),
        headers={**form, "origin": "http://evil.example"},
    )
    assert evil.status == 403
    nokey = server.request(
        "POST", "/join", raw=f"room={server.code}&member=ARM".encode(), headers=form
    )
    assert nokey.status == 403
    ok = server.request(
        "POST",
        "/join",
        raw=f"key={key}&room={server.code}&member=ARM".encode(),
        headers={**form, "origin": server.base},
    )
    assert ok.status == 303 and "samesite=strict" in ok.headers["set-cookie"].lower()
    assert "httponly" in ok.headers["set-cookie"].lower()


def test_joins_are_rate_limited_per_client(server: Server) -> None:
    # X-Forwarded-For is not believed: a client cannot pose as many
    statuses = [
        server.post(
            "/api/join",
            {"room": "WRONG1", "member": "ARM"},
            headers={"x-forwarded-for": f"10.0.0.{k}"},
        ).status
        for k in range(40)
    ]
    assert statuses[:30] == [404] * 30
    assert 429 in statuses[30:]
    limited = server.post("/api/join", {"room": server.code, "member": "ARM"})
    assert limited.status == 429 and limited.headers["retry-after"] == "1"


def test_votes_are_rate_limited_per_seat(server: Server) -> None:
    seat = server.join("ARM")
    server.teacher("next")
    statuses = [
        server.post("/api/vote", {"position": "support"}, token=seat).status for _ in range(60)
    ]
    assert statuses[0] == 200 and 429 in statuses


def _events(server: Server) -> socket.socket:
    host, port = server.base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=5)
    sock.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    return sock


def _read_event(sock: socket.socket, buf: bytearray) -> dict[str, object]:
    while b"\n\n" not in buf[buf.find(b"data: ") :] or b"data: " not in buf:
        chunk = sock.recv(65536)
        assert chunk, "the event stream ended"
        buf += chunk
    start = buf.find(b"data: ")
    end = buf.find(b"\n\n", start)
    event = json.loads(bytes(buf[start + 6 : end]))
    del buf[: end + 2]
    return event


def test_events_send_the_state_on_every_change(server: Server) -> None:
    sock = _events(server)
    buf = bytearray()
    first = _read_event(sock, buf)
    assert first["phase"] == "waiting"
    seat = server.join("KAZ")
    assert _read_event(sock, buf)["seats"]["KAZ"] is True  # type: ignore[index]
    server.teacher("next")
    assert _read_event(sock, buf)["phase"] == "voting"
    server.post("/api/vote", {"position": "object"}, token=seat)
    event = _read_event(sock, buf)
    assert event["cast"] == ["KAZ"] and "object" not in json.dumps(event)
    sock.close()


def test_sigterm_ends_the_server_with_streams_open(server: Server) -> None:
    sock = _events(server)
    _read_event(sock, bytearray())
    started = time.monotonic()
    assert server.stop(signal.SIGTERM) == 0
    assert time.monotonic() - started < 5
    sock.close()


def test_a_missing_extra_and_a_busy_port_are_explained(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    probe.listen()
    port = probe.getsockname()[1]
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "cstosim",
            "classroom",
            str(MOSCOW),
            "--port",
            str(port),
            "--db",
            str(tmp_path / "r.sqlite"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    probe.close()
    assert r.returncode == 1 and "give another --port" in r.stderr
    assert "Traceback" not in r.stderr
    code = (
        "import sys; sys.modules['uvicorn'] = None; from cstosim.cli import main; "
        f"sys.exit(main(['classroom', {str(MOSCOW)!r}, '--db', {str(tmp_path / 'x.sqlite')!r}]))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert r.returncode == 1 and "pip install 'cstosim[classroom]'" in r.stderr


def test_another_scenario_in_the_same_db_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    Server(MOSCOW, db).stop()
    other = MOSCOW.parent / "kazakhstan-2022.yaml"
    r = subprocess.run(
        [sys.executable, "-m", "cstosim", "classroom", str(other), "--port", "0", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 1 and "not the scenario this room was started with" in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nstart: 2009-01-01\nend: 2008-01-01\n")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "cstosim",
            "classroom",
            str(bad),
            "--port",
            "0",
            "--db",
            str(tmp_path / "b.sqlite"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 1 and r.stderr.startswith(f"{bad}:") and "Traceback" not in r.stderr


def test_the_teacher_switches_a_reading_during_a_vote(server: Server) -> None:
    seats = {m: server.join(m) for m in FIVE}
    server.teacher("next")
    for m in FIVE:
        server.post("/api/vote", {"position": "support"}, token=seats[m])
    # Belarus has no seat and the scenario has it absent; switch before closing
    assert server.teacher("rules", {"rule14": "no_objection"}).status == 200
    (rec,) = server.teacher("close").body["decisions"]
    assert rec["outcome"] == "adopted" and rec["may_accede"] == ["BLR"]
    export = server.get("/api/teacher/export", token=server.token).body.decode()
    assert "rule14: no_objection" in export


def test_a_seat_freed_by_the_teacher_can_be_taken_again(server: Server) -> None:
    seat = server.join("ARM")
    assert server.teacher("free", {"member": "ARM"}).status == 200
    assert server.post("/api/vote", {"position": "object"}, token=seat).status == 403
    assert server.get("/api/state").body["seats"]["ARM"] is False
    assert server.teacher("free", {"member": "ARM"}).status == 404
    assert server.post("/api/teacher/free", {"member": "KAZ"}).status == 401
    server.join("ARM")


def test_a_browser_holding_a_seat_cannot_take_another(server: Server) -> None:
    page = server.get(f"/join?room={server.code}").body.decode()
    key = page.split('name="key" value="')[1].split('"')[0]
    form = {"content-type": "application/x-www-form-urlencoded", "origin": server.base}
    first = server.request(
        "POST", "/join", raw=f"key={key}&room={server.code}&member=ARM".encode(), headers=form
    )
    cookie = first.headers["set-cookie"].split(";")[0]
    second = server.request(
        "POST",
        "/join",
        raw=f"key={key}&room={server.code}&member=KAZ".encode(),
        headers={**form, "cookie": cookie},
    )
    assert second.status == 409 and b"already holds the seat of ARM" in second.body
    assert server.get("/api/state").body["seats"]["KAZ"] is False


def test_sigint_ends_the_server_with_exit_0(server: Server) -> None:
    assert server.stop(signal.SIGINT) == 0


def test_the_readings_need_the_teachers_token(server: Server) -> None:
    assert server.post("/api/teacher/rules", {"rule14": "consent"}).status == 401
    assert server.post("/api/teacher/rules", {"rule14": "consent"}, token="nope").status == 403
    assert server.get("/api/state").body["rules"]["rule14"] == "dissent"
