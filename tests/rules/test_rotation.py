"""Chair and Secretary General rotation (design 2.2): invariants and the record."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cstosim.history import CHAIR_RECORD, SG_RECORD, chair_table, eligible_for_turn, sg_table
from cstosim.members import STATES
from cstosim.rules.rotation import ROTATIONS, cycle, handover, next_in_turn
from tests.strategies import CODES, member_sets

ALPHABETS = ("russian_alphabet", "english_alphabet")


@given(member_sets, st.sampled_from(ALPHABETS), st.sampled_from(CODES))
def test_a_cycle_visits_each_member_once(members: set, rotation: str, start: str) -> None:
    seen = []
    cur = start
    for _ in range(len(members)):
        cur = next_in_turn(cur, members, rotation)
        seen.append(cur)
    assert sorted(seen) == sorted(members)
    assert next_in_turn(cur, members, rotation) == seen[0]


@given(member_sets, st.sampled_from(CODES), st.sampled_from(CODES))
def test_a_joining_member_enters_at_its_alphabetical_place(
    members: set, current: str, newcomer: str
) -> None:
    if newcomer in members or current not in members:
        return
    before = next_in_turn(current, members)
    after = next_in_turn(current, members | {newcomer})
    ru = {c: STATES[c].name_ru for c in CODES}
    between = ru[current] < ru[newcomer] < ru[before] or (
        ru[before] <= ru[current] and (ru[newcomer] > ru[current] or ru[newcomer] < ru[before])
    )
    assert after == (newcomer if between else before)


@given(member_sets, st.sampled_from(CODES))
def test_a_departed_chair_passes_to_the_next_in_order(members: set, departed: str) -> None:
    rest = members - {departed}
    if not rest:
        return
    nxt = next_in_turn(departed, rest)
    assert nxt in rest
    # the same member as if the departed one were still there and the turn passed on from it
    assert nxt == next_in_turn(departed, rest | {departed})


@given(member_sets, st.permutations(CODES))
def test_explicit_order_is_followed(members: set, order: list) -> None:
    seq = cycle(members, "order", order)
    assert seq == [c for c in order if c in members]


def test_order_is_the_russian_alphabet() -> None:
    assert cycle(["RUS", "ARM", "TJK", "KGZ", "BLR", "KAZ", "UZB"]) == [
        "ARM",
        "BLR",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "UZB",
    ]
    assert cycle(["KGZ", "BLR", "ARM"], "english_alphabet") == ["ARM", "BLR", "KGZ"]


def test_rotation_from_2011_reproduces_the_record() -> None:
    # 10 Dec 2010: the chair passed from Russia to Belarus, the member skipped in 2009 (a Council
    # choice); from then on each 1 January hands it to the next member in Russian order.
    chair = "BLR"
    for year in range(2012, 2027):
        chair = next_in_turn(chair, eligible_for_turn(date(year, 1, 1)))
        assert chair == CHAIR_RECORD[year][0], year


def test_uzbekistan_never_reaches_its_turn() -> None:
    # After Tajikistan (2015) the turn would have been Uzbekistan's, but it was suspended in 2012.
    assert next_in_turn("TJK", eligible_for_turn(date(2016, 1, 1))) == "ARM"
    # Had it not been suspended, it would have chaired in 2016.
    assert next_in_turn("TJK", [*eligible_for_turn(date(2016, 1, 1)), "UZB"]) == "UZB"
    assert all(row.member != "UZB" for row in chair_table(2002, 2040))


@pytest.mark.parametrize(
    ("year", "member"),
    [
        (2011, "BLR"),
        (2012, "KAZ"),
        (2013, "KGZ"),
        (2014, "RUS"),
        (2015, "TJK"),
        (2016, "ARM"),
        (2017, "BLR"),
        (2018, "KAZ"),
        (2019, "KGZ"),
        (2020, "RUS"),
        (2021, "TJK"),
        (2022, "ARM"),
        (2023, "BLR"),
        (2024, "KAZ"),
        (2025, "KGZ"),
        (2026, "RUS"),
    ],
)
def test_chair_on_1_july(year: int, member: str) -> None:
    (row,) = chair_table(year, year)
    assert (row.member, row.source) == (member, "record")


def test_projection_keeps_a_frozen_armenia_in_the_cycle() -> None:
    rows = {r.year: r for r in chair_table(2026, 2033)}
    assert (rows[2027].member, rows[2027].source) == ("TJK", "projection")
    assert (rows[2028].member, rows[2028].source) == ("ARM", "projection")
    assert [rows[y].member for y in range(2029, 2034)] == ["BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_the_same_code_rotates_the_secretary_general() -> None:
    # the terms under the 2015 rotation: Armenia (recalled), then Belarus, Kazakhstan, Kyrgyzstan
    assert [SG_RECORD[y][0] for y in (2017, 2020, 2023, 2026)] == ["ARM", "BLR", "KAZ", "KGZ"]
    assert next_in_turn("BLR", eligible_for_turn(date(2023, 1, 1))) == "KAZ"
    rows = {r.year: r.member for r in sg_table(2026, 2037)}
    assert [rows[y] for y in (2028, 2029, 2032, 2035)] == ["KGZ", "RUS", "TJK", "ARM"]


def test_council_decides_otherwise_june_2009() -> None:
    # Belarus was due; the Council gave Russia, the host, a temporary chairmanship.
    members = eligible_for_turn(date(2009, 6, 14))
    assert handover("ARM", members, "russian_alphabet").member == "BLR"
    h = handover("ARM", members, "host", host="RUS", council_choice="RUS")
    assert h.member == "RUS" and "charter.13" in h.cites


def test_host_rotation_needs_a_host_with_a_vote() -> None:
    members = ["ARM", "BLR", "RUS"]
    assert handover("ARM", members, "host", host="BLR").member == "BLR"
    assert handover("ARM", members, "host", host="UZB") is None
    assert handover("ARM", members, "host") is None


@given(st.sampled_from(ROTATIONS), member_sets, st.permutations(CODES))
def test_handover_always_names_a_member(rotation: str, members: set, order: list) -> None:
    host = sorted(members)[0]
    h = handover(None, members, rotation, host=host, order=order)
    assert h is not None and h.member in members and h.cites


def test_empty_rotation_is_an_error() -> None:
    with pytest.raises(ValueError):
        next_in_turn("ARM", [])
    with pytest.raises(ValueError):
        cycle(["ARM"], "order")
