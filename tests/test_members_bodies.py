"""Members and membership history; bodies and the organisational graph."""

from __future__ import annotations

from datetime import date

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from cstosim.bodies import BODIES, DECIDING_BODIES, org_graph, relation_subgraph
from cstosim.members import HISTORY, STATES, Status, frozen_positions, members_on


def codes(day: str) -> list[str]:
    return list(members_on(date.fromisoformat(day)))


def test_membership_over_time() -> None:
    assert codes("1992-05-15") == ["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert codes("1995-01-01") == ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"]
    assert codes("2000-01-01") == ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]
    assert "UZB" in codes("2007-01-01")
    assert members_on(date(2013, 1, 1))["UZB"] is Status.SUSPENDED
    assert members_on(date(2024, 2, 22))["ARM"] is Status.VOTING
    assert members_on(date(2024, 2, 23))["ARM"] is Status.FROZEN
    assert frozen_positions(date(2025, 1, 1)) == {"ARM": "stand_aside"}
    assert codes("1992-05-14") == []


def test_every_history_event_names_a_known_state() -> None:
    assert all(ev.member in STATES for ev in HISTORY)
    ru = [STATES[c].name_ru for c in ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB")]
    assert ru == sorted(ru)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 1, 1)))
def test_members_on_agrees_with_the_history_read_event_by_event(day: date) -> None:
    # An independent reading: a state is a member if its last join or withdrawal on or before
    # the day is a join; it is suspended (or frozen) if a suspension (freeze) follows that join.
    expected = {}
    for code in STATES:
        events = [ev for ev in HISTORY if ev.member == code and ev.date <= day]
        joins = [i for i, ev in enumerate(events) if ev.kind in ("join", "withdraw")]
        if not joins or events[joins[-1]].kind != "join":
            continue
        after = {ev.kind for ev in events[joins[-1] :]}
        if "suspend" in after:
            expected[code] = Status.SUSPENDED
        elif "freeze" in after and "unfreeze" not in after:
            expected[code] = Status.FROZEN
        else:
            expected[code] = Status.VOTING
    status = members_on(day)
    assert status == expected
    assert list(status) == sorted(status)


def test_bodies_graph() -> None:
    g = org_graph()
    assert set(g.nodes) == set(BODIES)
    reports = relation_subgraph(g, "reports_to")
    assert nx.is_directed_acyclic_graph(reports)
    for body in BODIES:
        assert body == "CSC" or nx.has_path(reports, body, "CSC"), body
    assert relation_subgraph(g, "chairs_with").has_edge("PC", "CSC")
    assert set(DECIDING_BODIES) == {"CSC", "CMFA", "CMD", "CSSC", "PC"}
    for _, _, rels in g.edges(data="relations"):
        assert rels
