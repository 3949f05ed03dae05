"""The other ways of deciding (design 2.3b) and competence (2.3a): example cases from episodes
and the invariants each rule must keep, whatever the positions."""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from cstosim.rules.agreement import MIN_PARTIES, sign_agreement
from cstosim.rules.basing import decide_basing
from cstosim.rules.competence import CSC_ONLY, competence
from cstosim.rules.consensus import ConsensusResult, decide
from cstosim.rules.procedural import decide_procedural
from cstosim.rules.written import decide_written
from cstosim.vocabulary import ADOPTED, Body, ItemKind, Outcome, Position, Rule14
from tests.strategies import profiles

CASES = yaml.safe_load(
    resources.files("cstosim.rules").joinpath("cases/other_ways.yaml").read_text("utf-8")
)
RULES: dict[str, Callable[..., ConsensusResult]] = {
    "agreement": sign_agreement,
    "written": decide_written,
    "basing": decide_basing,
    "procedural": decide_procedural,
}


@pytest.mark.parametrize("case", CASES, ids=[c["name"][:60] for c in CASES])
def test_cases_from_episodes(case: dict[str, Any]) -> None:
    pos = {m: Position(p) for m, p in case["positions"].items()}
    res = RULES[case["rule"]](pos, **case.get("args", {}))
    assert res.outcome == case["outcome"], res.why
    for key in ("bound", "blockers", "may_accede"):
        if key in case:
            assert list(getattr(res, key)) == case[key], key
    assert res.cites and res.why


@given(profiles(), st.booleans())
def test_written_procedure_is_never_more_permissive_than_dissent(
    pos: dict[str, Position], lf: bool
) -> None:
    written = decide_written(pos, limited_format=lf)
    consensus = decide(pos, rule14=Rule14.DISSENT, limited_format=lf)
    if written.outcome in ADOPTED:
        assert consensus.outcome in ADOPTED
    # silence is not a signature, whatever the reading of Rule 14
    if Position.ABSENT in pos.values():
        assert written.outcome == Outcome.REJECTED


@given(profiles(min_size=2), st.sampled_from(list(Position)))
def test_a_basing_decision_is_blocked_only_by_an_objection(
    pos: dict[str, Position], other: Position
) -> None:
    host = sorted(pos)[0]
    pos = {**pos, host: Position.SUPPORT}
    res = decide_basing(pos, host=host, third_state="USA")
    objectors = [m for m, p in pos.items() if p == Position.OBJECT and m != host]
    assert (res.outcome == Outcome.REJECTED) == bool(objectors)
    assert list(res.blockers) == sorted(objectors)
    # changing a non-objecting member's position to any other non-objection changes nothing
    quiet = next((m for m in sorted(pos) if m != host and pos[m] != Position.OBJECT), None)
    if quiet is not None and other != Position.OBJECT:
        again = decide_basing({**pos, quiet: other}, host=host, third_state="USA")
        assert again.outcome == res.outcome


@given(profiles())
def test_an_agreement_binds_exactly_its_signatories(pos: dict[str, Position]) -> None:
    res = sign_agreement(pos)
    signatories = sorted(m for m, p in pos.items() if p == Position.SUPPORT)
    if len(signatories) >= MIN_PARTIES:
        assert res.outcome == Outcome.SIGNED
        assert list(res.bound) == signatories
        assert sorted([*res.bound, *res.may_accede]) == sorted(pos)
    else:
        assert res.outcome == Outcome.REJECTED and not res.bound
    assert not res.blockers  # no member can veto an agreement


@given(profiles())
def test_a_procedural_question_is_a_majority_of_those_taking_part(
    pos: dict[str, Position],
) -> None:
    res = decide_procedural(pos)
    taking = [p for p in pos.values() if p in (Position.SUPPORT, Position.ABSTAIN, Position.OBJECT)]
    ayes = taking.count(Position.SUPPORT)
    if not taking:
        assert res.outcome == Outcome.NO_QUORUM
    else:
        assert (res.outcome == Outcome.ADOPTED) == (2 * ayes > len(taking))
    assert "assumption" in res.why


@pytest.mark.parametrize("kind", list(ItemKind))
@pytest.mark.parametrize("body", list(Body))
def test_competence(kind: ItemKind, body: Body) -> None:
    c = competence(body, kind)
    assert c.competent == (body == Body.CSC or kind not in CSC_ONLY)
    if not c.competent:
        assert c.cites and "Collective Security Council" in c.why
    if kind == ItemKind.ASSISTANCE and body != Body.CSC:
        assert c.cites == ("cst.6",)
