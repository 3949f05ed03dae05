"""The room without a server: whatever the class does, the export re-runs to the same records;
a restart from the database is the same room; the limits hold."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim import api
from cstosim.classroom.limits import Buckets
from cstosim.classroom.room import Phase, Room, open_room
from cstosim.classroom.store import Store
from cstosim.errors import ClassroomError

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
        again = Room(Store(db), room.filename, room.text)
        assert {**again.state(), "version": 0} == {**room.state(), "version": 0}
        assert (again.token, again.code, again.seats) == (room.token, room.code, room.seats)


def test_a_seated_member_who_does_not_vote_is_absent(tmp_path: Path) -> None:
    room = open_room(tmp_path / "r.sqlite", ROOT / "scenarios" / "moscow-2009.yaml")
    room.join(room.code, "KAZ")
    room.next()
    room.close()
    assert room.closed[0].positions["KAZ"] == "absent"
    assert room.closed[0].positions["BLR"] == "absent"  # no seat: the scenario's position
    assert room.closed[0].positions["UZB"] == "abstain"


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


def test_buckets_allow_a_burst_then_the_rate() -> None:
    b = Buckets(rate=2, burst=3, max_keys=2)
    assert [b.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert b.allow("a", now=0.5) is True  # one token back after half a second at 2/s
    assert b.allow("a", now=0.5) is False
    assert b.allow("b", now=0.5) and b.allow("c", now=0.5)
    assert len(b._buckets) == 2  # the least recently used key went
