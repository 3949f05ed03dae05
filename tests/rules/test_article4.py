"""Article 4 / Article 2 admissibility (design 2.3)."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cstosim.members import members_on
from cstosim.provisions import CATALOGUE
from cstosim.rules.article4 import THREATS, Request, admissibility
from tests.strategies import CODES

CASES = yaml.safe_load(
    resources.files("cstosim.rules").joinpath("cases/article4.yaml").read_text("utf-8")
)

days = st.dates(min_value=date(1994, 4, 20), max_value=date(2030, 12, 31))
requests = st.builds(
    Request,
    day=days,
    by=st.sampled_from(CODES),
    threat=st.sampled_from(THREATS),
    against=st.one_of(st.none(), st.sampled_from(CODES)),
    aggressor=st.one_of(st.none(), st.sampled_from((*CODES, "USA", "AFG"))),
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_episode(case: dict) -> None:
    day = case["date"]
    r = admissibility(Request(day=day, **case["request"]), members_on(day))
    assert (r.admissible, r.track) == (case["admissible"], case["track"])
    assert r.cites and r.why


@given(requests)
def test_result_cites_known_provisions(req: Request) -> None:
    r = admissibility(req, members_on(req.day))
    assert r.cites and all(c in CATALOGUE for c in r.cites)
    assert r.admissible == (r.track is not None)


@given(requests)
def test_only_the_member_attacked_may_ask(req: Request) -> None:
    r = admissibility(req, members_on(req.day))
    if req.against is not None and req.against != req.by:
        assert not r.admissible


@given(requests)
def test_non_members_and_internal_unrest_are_inadmissible(req: Request) -> None:
    members = members_on(req.day)
    r = admissibility(req, members)
    if req.by not in members or req.threat == "internal_unrest":
        assert not r.admissible


@given(requests)
def test_armed_attack_only_under_the_2010_wording(req: Request) -> None:
    members = members_on(req.day)
    if req.threat != "armed_attack":
        return
    before = admissibility(req, members, armed_attack=False)
    assert not before.admissible
    after = admissibility(req, members, armed_attack=True)
    as_aggression = Request(req.day, req.by, "aggression", req.against, req.aggressor)
    plain = admissibility(as_aggression, members)
    assert after.admissible == plain.admissible


def test_a_member_aggressor_keeps_its_voice() -> None:
    members = {c: s for c, s in members_on(date(2025, 1, 1)).items()}
    r = admissibility(Request(date(2025, 1, 1), "KGZ", "aggression", aggressor="TJK"), members)
    assert r.admissible and "keeps its voice" in r.why


def test_unknown_threat_is_an_error() -> None:
    with pytest.raises(ValueError, match="threat"):
        admissibility(Request(date(2022, 1, 5), "KAZ", "invasion"), members_on(date(2022, 1, 5)))
