"""Nothing lost: kill -9 in the middle of a vote, start again with the same --db, and the room
is the same: token, code, seats, the open item and every position cast."""

from __future__ import annotations

from pathlib import Path

from tests.classroom.server import MOSCOW, Server

SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_kill_9_mid_vote_and_restart_resume_the_room(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    first = Server(MOSCOW, db)
    seats = {m: first.join(m) for m in SIX}
    first.teacher("next")
    for m in ["ARM", "KAZ", "KGZ"]:
        assert first.post("/api/vote", {"position": "support"}, token=seats[m]).status == 200
    assert first.post("/api/vote", {"position": "object"}, token=seats["RUS"]).status == 200
    before = first.get("/api/state").body
    first.kill()  # SIGKILL: no shutdown of any kind

    again = Server(MOSCOW, db)
    try:
        assert (again.token, again.code) == (first.token, first.code)
        after = again.get("/api/state").body
        for key in ("phase", "item", "seats", "cast", "decisions", "rules", "stage"):
            assert after[key] == before[key], key
        assert after["cast"] == ["ARM", "KAZ", "KGZ", "RUS"]
        # the old seats still vote; the position cast before the kill still counts
        assert again.post("/api/vote", {"position": "support"}, token=seats["TJK"]).status == 200
        assert again.post("/api/join", {"room": again.code, "member": "ARM"}).status == 409
        (rec,) = again.teacher("close").body["decisions"]
        assert rec["outcome"] == "rejected"
        assert rec["blockers"] == ["BLR", "RUS"]  # Belarus absent (dissent), Russia's objection
        assert rec["positions"]["RUS"] == "object" and rec["positions"]["BLR"] == "absent"
    finally:
        again.stop()
    # and once more after a clean stop: the revealed decision is still there
    third = Server(MOSCOW, db)
    try:
        assert third.get("/api/state").body["decisions"][0]["blockers"] == ["BLR", "RUS"]
        assert third.get("/api/state").body["phase"] == "revealed"
    finally:
        third.stop()


def test_restart_in_each_phase(tmp_path: Path) -> None:
    db = tmp_path / "room.sqlite"
    seen = []
    for step in ("waiting", "next", "close", "next", "close", "next", "close", "next"):
        s = Server(MOSCOW, db)
        try:
            if step != "waiting":
                assert s.teacher(step).status == 200
            state = s.get("/api/state").body
            seen.append(state["phase"])
        finally:
            s.kill()
        again = Server(MOSCOW, db)
        try:
            resumed = again.get("/api/state").body
            for key in ("phase", "item", "decisions", "rules", "stage"):
                assert resumed[key] == state[key], (step, key)
        finally:
            again.stop()
    assert seen == [
        "waiting",
        "voting",
        "revealed",
        "voting",
        "revealed",
        "voting",
        "revealed",
        "finished",
    ]
