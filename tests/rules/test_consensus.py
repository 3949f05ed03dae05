"""Consensus and Rule 14 (design 2.1): invariants as properties, episodes as examples."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cstosim.provisions import CATALOGUE
from cstosim.rules.consensus import Outcome, Position, decide, sensitive_to
from tests.strategies import profiles, rule_kwargs

CASES = yaml.safe_load(
    resources.files("cstosim.rules").joinpath("cases/consensus.yaml").read_text("utf-8")
)

ADOPTED = {Outcome.ADOPTED, Outcome.ADOPTED_LIMITED}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_episode(case: dict) -> None:
    r = decide(case["positions"], **case["rules"])
    assert r.outcome == case["outcome"]
    assert list(r.blockers) == case["blockers"]
    assert list(r.bound) == case["bound"]
    assert list(r.may_accede) == case["may_accede"]
    assert r.why.endswith(".") and r.why.count(". ") == 0


@given(profiles(), rule_kwargs, st.data())
def test_one_objection_always_blocks(pos: dict, rules: dict, data: st.DataObject) -> None:
    m = data.draw(st.sampled_from(sorted(pos)))
    pos[m] = Position.OBJECT
    r = decide(pos, **rules)
    assert r.outcome in (Outcome.REJECTED, Outcome.NO_QUORUM)
    if r.outcome is Outcome.REJECTED:
        assert m in r.blockers


@given(profiles(), rule_kwargs, st.data())
def test_abstain_to_support_never_turns_adopted_into_rejected(
    pos: dict, rules: dict, data: st.DataObject
) -> None:
    abstainers = [m for m, p in pos.items() if p is Position.ABSTAIN]
    if not abstainers:
        return
    before = decide(pos, **rules).outcome
    m = data.draw(st.sampled_from(abstainers))
    after = decide({**pos, m: Position.SUPPORT}, **rules).outcome
    if before in ADOPTED:
        assert after in ADOPTED


@given(profiles(), rule_kwargs, st.randoms())
def test_outcome_does_not_depend_on_member_order(pos: dict, rules: dict, rnd) -> None:
    items = list(pos.items())
    rnd.shuffle(items)
    assert decide(dict(items), **rules) == decide(pos, **rules)


@given(profiles(min_size=2), st.booleans(), st.data())
def test_under_consent_absent_equals_support(pos: dict, lf: bool, data: st.DataObject) -> None:
    # Holds whenever someone else takes part (with nobody taking part, step 1 says no_quorum).
    m = data.draw(st.sampled_from(sorted(pos)))
    others_take_part = any(
        p in (Position.SUPPORT, Position.ABSTAIN, Position.OBJECT) for k, p in pos.items() if k != m
    )
    absent = decide({**pos, m: Position.ABSENT}, rule14="consent", limited_format=lf)
    support = decide({**pos, m: Position.SUPPORT}, rule14="consent", limited_format=lf)
    if others_take_part:
        assert absent.outcome == support.outcome
        assert absent.bound == support.bound


@given(profiles(), rule_kwargs)
def test_no_objection_never_lists_an_absent_blocker(pos: dict, rules: dict) -> None:
    r = decide(pos, **{**rules, "rule14": "no_objection"})
    objectors = {m for m, p in pos.items() if p is Position.OBJECT}
    assert set(r.blockers) <= objectors
    assert not set(r.blockers) & set(r.absent)
    if r.outcome is not Outcome.NO_QUORUM:
        assert set(r.blockers) == objectors


@given(profiles(), rule_kwargs)
def test_result_is_consistent(pos: dict, rules: dict) -> None:
    r = decide(pos, **rules)
    assert r.cites and all(c in CATALOGUE for c in r.cites)
    assert "charter.12" in r.cites
    assert set(r.blockers) <= set(pos)
    if r.outcome in ADOPTED:
        assert not r.blockers
        assert set(r.bound) >= set(r.took_part)
        assert not set(r.bound) & set(r.stood_aside)
        assert any(pos[m] is Position.SUPPORT for m in r.bound) or rules["rule14"] == "consent"
    else:
        assert not r.bound and not r.may_accede
    if r.outcome is Outcome.REJECTED:
        assert r.blockers or "no member consented" in r.why
    if r.outcome is Outcome.ADOPTED_LIMITED:
        assert r.stood_aside and rules["limited_format"]
    assert not set(r.may_accede) & set(r.bound)


@given(profiles(), rule_kwargs)
def test_dissent_is_the_strictest_reading(pos: dict, rules: dict) -> None:
    # What dissent adopts, the other readings adopt too.
    if decide(pos, **{**rules, "rule14": "dissent"}).outcome in ADOPTED:
        for r14 in ("no_objection", "consent"):
            assert decide(pos, **{**rules, "rule14": r14}).outcome in ADOPTED


@given(profiles(), rule_kwargs)
def test_sensitive_to_names_exactly_the_keys_that_matter(pos: dict, rules: dict) -> None:
    base = decide(pos, **rules).outcome
    keys = sensitive_to(pos, **rules)
    flipped_lf = decide(pos, **{**rules, "limited_format": not rules["limited_format"]}).outcome
    assert ("limited_format" in keys) == (flipped_lf != base)
    if all(p in (Position.SUPPORT, Position.ABSTAIN, Position.OBJECT) for p in pos.values()):
        assert "rule14" not in keys and "limited_format" not in keys


def test_june_2009_is_sensitive_to_rule14() -> None:
    case = CASES[0]
    assert "rule14" in sensitive_to(case["positions"], **case["rules"])


def test_no_quorum_when_nobody_takes_part() -> None:
    r = decide({"ARM": "absent", "BLR": "stand_aside"}, rule14="consent")
    assert r.outcome is Outcome.NO_QUORUM


def test_quorum_uses_exact_arithmetic() -> None:
    pos = {c: "support" for c in ("ARM", "BLR", "KAZ", "KGZ")} | {"RUS": "absent", "TJK": "absent"}
    assert decide(pos, rule14="no_objection", quorum=2 / 3).outcome is Outcome.ADOPTED
    assert decide(pos, rule14="no_objection", quorum=0.67).outcome is Outcome.NO_QUORUM


def test_all_abstain_is_rejected_for_want_of_consent() -> None:
    r = decide({"ARM": "abstain", "BLR": "abstain"})
    assert r.outcome is Outcome.REJECTED and not r.blockers


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"rule14": "maybe"}, "rule14"), ({"quorum": 0.0}, "quorum"), ({"quorum": 1.5}, "quorum")],
)
def test_bad_rules_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decide({"ARM": "support"}, **kwargs)
