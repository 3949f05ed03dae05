"""The room without a server: whatever the class does, the export re-runs to the same records;
a restart from the database is the same room; the limits hold."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim import api
from cstosim.classroom.limits import Buckets
from cstosim.classroom.room import Phase, Room, open_room
from cstosim.classroom.store import Store
from cstosim.errors import ClassroomError, ScenarioError

ROOT = Path(__file__).resolve().parents[2]
# scenarios a class can play: a few items each, sessions and requests
PLAYABLE = ["moscow-2009", "armenia-2022", "kazakhstan-2022", "uzbekistan-2012", "kyrgyzstan-2010"]
POSITION = st.sampled_from(["support", "abstain", "object", "stand_aside", "absent", None])
READING = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {"rule14": st.sampled_from(["dissent", "no_objection", "consent"])},
        optional={"quorum": st.sampled_from(["none", "2/3"])},
    ),
)


def play(room: Room, data: st.DataObject) -> None:
    """Seat some members, then vote item after item (None: no vote), switching readings."""
    for code in data.draw(st.lists(st.sampled_from(room.view.seatable), unique=True)):
        room.join(room.code, code)
    for _ in range(50):
        switch = data.draw(READING)
        if switch:
            room.set_rules(switch)
        room.next()
        if room.phase is Phase.FINISHED:
            return
        item = room.view.item
        assert item is not None
        for code in item.voters:
            pos = data.draw(POSITION) if code in room.seats else None
            if pos is not None:
                room.vote(code, pos)
        room.close()
    raise AssertionError("a bundled scenario has more than 50 items")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PLAYABLE), st.data())
def test_the_export_reruns_to_the_rooms_records(name: str, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "room.sqlite"
        room = open_room(db, ROOT / "scenarios" / f"{name}.yaml")
        play(room, data)
        exported = api.parse(room.export_yaml(), "export.yaml")
        rerun = api.simulate_scenario(exported)
        records = [r.to_json() for r in rerun.trace if r.kind == "decision"]
        assert records == room.state()["decisions"]
        # every voter's position on every item is fixed in the export
        for closed in room.closed:
            rec = rerun.decisions[closed.item].record
            assert rec is not None
            assert {c: p.value for c, p in rec.positions.items()} == closed.positions
        # the same database is the same room
        state, keys = room.state(), (room.token, room.code, room.seats)
        room.store.close()
        again = Room(Store(db), room.filename, room.text)
        assert {**again.state(), "version": 0} == {**state, "version": 0}
        assert (again.token, again.code, again.seats) == keys
        again.store.close()


def finish(room: Room) -> None:
    """Open and close every item with nobody voting."""
    for _ in range(50):
        room.next()
        if room.phase is Phase.FINISHED:
            return
        room.close()
    raise AssertionError("more than 50 items")


# the bundled scenarios whose positions are all fixed (none drawn)
FIXED = [p for p in sorted((ROOT / "scenarios").glob("*.yaml")) if not api.uncertain_items(p)]


@pytest.mark.parametrize("path", FIXED, ids=lambda p: p.stem)
def test_a_class_with_no_seats_decides_as_cstosim_run(path: Path, tmp_path: Path) -> None:
    # Independent of the room's own export: the scenario file as `cstosim run` runs it.
    room = open_room(tmp_path / "r.sqlite", path)
    finish(room)
    run = api.simulate_scenario(api.load(path))
    expected = [r.to_json() for r in run.trace if r.kind == "decision"]
    assert room.state()["decisions"] == expected
    room.store.close()


def test_an_items_own_reading_in_the_file_holds_in_class(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "scenarios" / "moscow-2009.yaml").read_text())
    data["events"][0]["items"][0]["rules"] = {"rule14": "no_objection"}
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    room = open_room(tmp_path / "r.sqlite", path)
    room.next()
    assert room.rules_now()["rule14"] == "no_objection"
    room.close()
    assert room.view.decisions[0].outcome == "adopted"  # as `cstosim run` decides it
    room.set_rules({"quorum": "2/3"})
    room.next()
    assert room.rules_now()["rule14"] == "dissent" and room.rules_now()["quorum"] == 2 / 3
    room.close()
    finish(room)
    export = yaml.safe_load(room.export_yaml())
    items = export["events"][0]["items"]
    assert items[0]["rules"] == {"rule14": "no_objection"}
    assert items[1]["rules"] == {"quorum": 2 / 3}
    room.store.close()


def test_a_freed_seat_keeps_its_vote_and_can_be_taken_again(tmp_path: Path) -> None:
    room = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    first = room.join(room.code, "ARM", "10.0.0.5", one_per_client=True)
    with pytest.raises(ClassroomError) as e:
        room.join(room.code, "KAZ", "10.0.0.5", one_per_client=True)
    assert e.value.status == 409 and "one seat per device" in e.value.message
    room.next()
    room.vote("ARM", "object")
    room.free("ARM")
    assert room.seat_of(first) is None
    second = room.join(room.code, "ARM", "10.0.0.6", one_per_client=True)
    assert second != first
    room.join(room.code, "KAZ", "10.0.0.5", one_per_client=True)  # the device holds none now
    room.close()
    assert room.closed[0].positions["ARM"] == "object"  # cast before the seat was freed
    assert room.closed[0].positions["KAZ"] == "absent"  # seated, did not vote
    room.store.close()


def test_a_vote_meant_for_a_closed_item_is_refused(tmp_path: Path) -> None:
    room = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    room.join(room.code, "ARM")
    room.next()
    room.close()
    room.next()
    with pytest.raises(ClassroomError) as e:
        room.vote("ARM", "object", item="crrf-decision")
    assert e.value.status == 409
    room.vote("ARM", "object", item="crrf-agreement")
    room.store.close()


def test_one_server_per_room(tmp_path: Path) -> None:
    room = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    with pytest.raises(ClassroomError) as e:
        open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    assert "another cstosim classroom is serving this room" in e.value.message
    assert (tmp_path / "r.sqlite").stat().st_mode & 0o077 == 0  # tokens: owner only
    room.store.close()
    again = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    assert again.token == room.token  # closed: the next server opens it
    again.store.close()
    assert not (tmp_path / "r.sqlite.lock").exists()  # the lock is the file's own


def test_a_file_that_is_not_a_room_is_left_as_it_was(tmp_path: Path) -> None:
    import sqlite3

    moscow = ROOT / "scenarios" / "moscow-2009.yaml"
    foreign = tmp_path / "alice.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('owner', 'alice')")
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    for path in (foreign, text):
        before = path.read_bytes()
        with pytest.raises(ClassroomError) as e:
            open_room(path, moscow)
        assert "holds something other than a cstosim room" in e.value.message
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alice.db", "notes.txt"]


def test_an_empty_file_becomes_a_room_readable_by_its_owner_only(tmp_path: Path) -> None:
    empty = tmp_path / "room.dat"
    empty.touch(mode=0o644)
    room = open_room(empty, ROOT / "scenarios" / "moscow-2009.yaml")
    assert empty.stat().st_mode & 0o077 == 0
    room.store.close()


def test_a_scenario_with_mistakes_leaves_no_room_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nstart: 2009-01-01\nend: 2008-01-01\n")
    with pytest.raises(ScenarioError):
        open_room(tmp_path / "r.sqlite", bad)
    assert not (tmp_path / "r.sqlite").exists()


def test_a_seated_member_who_does_not_vote_is_absent(tmp_path: Path) -> None:
    room = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    room.join(room.code, "KAZ")
    room.next()
    room.close()
    assert room.closed[0].positions["KAZ"] == "absent"
    assert room.closed[0].positions["BLR"] == "absent"  # no seat: the scenario's position
    assert room.closed[0].positions["UZB"] == "abstain"
    room.store.close()


def test_the_room_refuses_what_the_phase_does_not_allow(tmp_path: Path) -> None:
    room = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    with pytest.raises(ClassroomError) as e:
        room.close()
    assert e.value.status == 409
    with pytest.raises(ClassroomError) as e:
        room.vote("ARM", "support")
    assert e.value.status == 409
    room.next()
    with pytest.raises(ClassroomError) as e:
        room.set_rules({"limited_format": "perhaps"})
    assert e.value.status == 422 and "true" in e.value.message
    with pytest.raises(ClassroomError) as e:
        room.vote("ARM", "maybe")  # a bad position with a vote open: 422
    assert e.value.status == 422
    room.store.close()


def test_buckets_allow_a_burst_then_the_rate() -> None:
    b = Buckets(rate=2, burst=3, max_keys=2)
    assert [b.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert b.allow("a", now=0.5) is True  # one token back after half a second at 2/s
    assert b.allow("a", now=0.5) is False
    assert b.allow("b", now=0.5) and b.allow("c", now=0.5)
    assert len(b._buckets) == 2  # the least recently used key went
