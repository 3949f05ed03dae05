"""The provisions catalogue (design 2.5)."""

from __future__ import annotations

from datetime import date

import pytest

from cstosim import provisions
from cstosim.rules import consensus, rotation
from cstosim.rules.ruleset import RULE_KEYS

REQUIRED = (
    "cst.2",
    "cst.4",
    "charter.12",
    "charter.13",
    "charter.19",
    "rop.14.1",
    "csc.2010.limited_format",
    "practice.rotation_2011",
    "csc.2015.sg_rotation",
    "un.51",
)


@pytest.mark.parametrize("pid", REQUIRED)
def test_design_ids_are_catalogued(pid: str) -> None:
    p = provisions.get(pid)
    assert p.instrument and p.article and len(p.paraphrase) > 40 and p.sources


def test_every_provision_is_complete() -> None:
    for p in provisions.CATALOGUE.values():
        assert p.id.count(".") >= 1
        assert p.title and p.paraphrase.endswith(".")
        if p.variants:
            assert p.rule_key in RULE_KEYS
            assert sum(v.default for v in p.variants) == 1
        for rel in p.related:
            assert rel in provisions.CATALOGUE


def test_rule14_variants_match_the_rule() -> None:
    values = tuple(v.value for v in provisions.get("rop.14.1").variants)
    assert values == consensus.RULE14_READINGS
    assert provisions.get("rop.14.1").default_variant().value == "dissent"
    assert {v.value for v in provisions.get("charter.13").variants} == set(rotation.ROTATIONS)


def test_in_force_dates() -> None:
    assert not provisions.in_force("csc.2010.limited_format", date(2009, 6, 14))
    assert provisions.in_force("csc.2010.limited_format", date(2010, 12, 10))
    assert provisions.in_force("cst.4", date(2009, 1, 1))
    assert not provisions.in_force("cst.4", date(2022, 1, 5))
    assert provisions.in_force("cst.4.2010", date(2022, 1, 5))


def test_unknown_id_suggests_the_closest() -> None:
    with pytest.raises(provisions.UnknownProvisionError) as e:
        provisions.get("rop.14")
    assert "rop.14.1" in e.value.suggestions
    assert "did you mean" in str(e.value)
