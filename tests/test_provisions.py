"""The provisions catalogue (design 2.5): ids, dates, sources, readings and how it is printed."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from cstosim import provisions
from cstosim.report.text import render_provision
from cstosim.rules import consensus, rotation
from cstosim.rules.ruleset import RULE_KEYS
from cstosim.sources import SOURCES
from tests.conftest import Cli

REQUIRED = (
    "cst.2",
    "cst.2.2010",
    "cst.4",
    "cst.4.2010",
    "cst.6",
    "charter.12",
    "charter.12.procedural",
    "charter.13",
    "charter.19",
    "charter.suspension",
    "rop.14.1",
    "rop.quorum",
    "csc.2010.limited_format",
    "practice.rotation_2011",
    "csc.2015.sg_rotation",
    "csto.2011.bases",
    "practice.written_procedure",
    "practice.agreements",
    "un.51",
)
SIGNED_2010 = date(2010, 12, 10)
IN_FORCE_2012 = date(2012, 12, 19)


@pytest.mark.parametrize("pid", REQUIRED)
def test_design_ids_are_catalogued(pid: str) -> None:
    p = provisions.get(pid)
    assert p.instrument and p.article and len(p.paraphrase) > 40 and p.sources


def test_every_provision_is_complete() -> None:
    for p in provisions.CATALOGUE.values():
        assert p.id.count(".") >= 1 and p.id == p.id.lower()
        assert p.title and p.paraphrase.endswith(".")
        if p.variants:
            assert p.rule_key in RULE_KEYS
            assert sum(v.default for v in p.variants) == 1
        for rel in p.related:
            assert rel in provisions.CATALOGUE
        for sid in p.sources:
            assert sid in SOURCES, (p.id, sid)
        assert [s.id for s in p.source_entries()] == list(p.sources)
    assert provisions.unknown_sources() == []


def test_the_sources_are_read_only_when_cited() -> None:
    code = (
        "import cstosim.api, cstosim.cli, sys; from cstosim import sources; "
        "assert sources.SOURCES._data is None; sys.exit(0)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert len(SOURCES) == len(list(SOURCES)) > 100  # and read when asked for


def test_instruments_are_dated_from_entry_into_force() -> None:
    for p in provisions.CATALOGUE.values():
        if p.signed is not None and p.in_force_from is not None:
            assert p.signed <= p.in_force_from, p.id
        if p.in_force_from is not None and p.in_force_to is not None:
            assert p.in_force_from <= p.in_force_to, p.id
    for pid in ("cst.2.2010", "cst.4.2010", "csc.2010.limited_format"):
        p = provisions.get(pid)
        assert (p.signed, p.in_force_from) == (SIGNED_2010, IN_FORCE_2012), pid
    assert provisions.get("cst.4").signed == date(1992, 5, 15)
    assert provisions.get("cst.2").in_force_from == date(1994, 4, 20)
    assert provisions.get("charter.12").in_force_from == date(2003, 9, 18)
    assert provisions.get("practice.rotation_2011").signed is None


def test_rule14_variants_match_the_rule() -> None:
    values = tuple(v.value for v in provisions.get("rop.14.1").variants)
    assert values == consensus.RULE14_READINGS
    assert provisions.get("rop.14.1").default_variant().value == "dissent"
    assert {v.value for v in provisions.get("charter.13").variants} == set(rotation.ROTATIONS)


def test_rule14_paraphrase_gives_the_text_and_the_readings_stay_in_variants() -> None:
    p = provisions.get("rop.14.1")
    assert "non-participation of a member" in p.paraphrase
    assert "absence of consent" in p.paraphrase
    assert "objection" not in p.paraphrase  # the 2009 gloss is a variant, not the text
    meanings = {v.value: v.meaning for v in p.variants}
    assert "Belarus" in meanings["dissent"]
    assert "Russian foreign ministry" in meanings["no_objection"]
    assert "practice" in p.notes and "no_objection" in p.notes


def test_in_force_dates() -> None:
    before, on = date(2012, 12, 18), IN_FORCE_2012
    assert not provisions.in_force("csc.2010.limited_format", date(2009, 6, 14))
    assert not provisions.in_force("csc.2010.limited_format", SIGNED_2010)
    assert not provisions.in_force("csc.2010.limited_format", before)
    assert provisions.in_force("csc.2010.limited_format", on)
    assert provisions.in_force("cst.4", date(2009, 1, 1))
    assert provisions.in_force("cst.4", SIGNED_2010) and provisions.in_force("cst.4", before)
    assert not provisions.in_force("cst.4", on)
    assert not provisions.in_force("cst.4.2010", before)
    assert provisions.in_force("cst.4.2010", on)
    assert provisions.in_force("cst.4.2010", date(2022, 1, 5))
    assert provisions.in_force("cst.2", date(2010, 6, 14)) and not provisions.in_force("cst.2", on)
    assert provisions.in_force("cst.2.2010", date(2021, 5, 13))
    assert provisions.in_force("cst.6", date(2010, 6, 14)) and provisions.in_force("cst.6", on)


def test_article2_texts() -> None:
    old, new = provisions.get("cst.2"), provisions.get("cst.2.2010")
    assert "international peace and security" in old.paraphrase
    assert "stability" not in old.paraphrase and "stability" in new.paraphrase
    assert "help" in new.paraphrase


def test_bases_protocol_is_dated_and_says_why() -> None:
    p = provisions.get("csto.2011.bases")
    assert p.signed == date(2011, 12, 20) and p.in_force_from == date(2014, 1, 30)
    assert "30 Jan 2014" in p.notes and "ratification" in p.notes
    assert "objects" in p.paraphrase and "silence does not block" in p.paraphrase


def test_limited_format_says_its_instrument_is_unconfirmed() -> None:
    p = provisions.get("csc.2010.limited_format")
    assert "not confirmed" in p.instrument and "not confirmed" in p.notes
    assert "19 Dec 2012" in p.notes


def test_uzbekistan_note_is_never_cited_as_limited_format() -> None:
    note = "ria-2012-06-28-uzbekistan-note"
    citing = [p.id for p in provisions.CATALOGUE.values() if note in p.sources]
    assert citing == ["charter.suspension"]
    assert note not in provisions.get("csc.2010.limited_format").sources
    assert (
        "not a declaration under the limited format" in provisions.get("charter.suspension").notes
    )


def test_procedural_questions_are_an_assumption() -> None:
    p = provisions.get("charter.12.procedural")
    assert "simple majority" in p.paraphrase and "assum" in p.paraphrase
    assert p.status == "unconfirmed"


def test_nothing_points_to_the_research_folder() -> None:
    for p in provisions.CATALOGUE.values():
        text = " ".join((p.instrument, p.paraphrase, p.notes, p.episode, *p.sources))
        assert "research/" not in text and "shared/" not in text, p.id


@pytest.mark.parametrize("pid", ["ROP.14.1", "Rop.14.1", " rop.14.1 ", "CST.6"])
def test_get_ignores_letter_case(pid: str) -> None:
    assert provisions.get(pid) is provisions.CATALOGUE[pid.strip().lower()]


def test_unknown_id_suggests_the_closest() -> None:
    with pytest.raises(provisions.UnknownProvisionError) as e:
        provisions.get("rop.14")
    assert "rop.14.1" in e.value.suggestions
    assert "did you mean" in str(e.value)
    with pytest.raises(provisions.UnknownProvisionError) as e:
        provisions.get("ROP.14")
    assert "rop.14.1" in e.value.suggestions


def test_render_prints_instrument_dates_and_sources() -> None:
    def flat(pid: str) -> str:
        return " ".join(render_provision(provisions.get(pid)).split())

    assert "signed 2010-12-10; in force from 2012-12-19." in flat("cst.4.2010")
    assert "signed 1992-05-15; in force from 1994-04-20 to 2012-12-18." in flat("cst.4")
    assert "not in force by default" in render_provision(provisions.get("rop.quorum"))
    assert "no signed instrument" in render_provision(provisions.get("practice.rotation_2011"))
    p = provisions.get("rop.14.1")
    text = render_provision(p)
    assert "\n  Sources:\n  - " in text
    for s in p.source_entries():
        assert f"- {s.title}" in flat("rop.14.1") and s.url in text  # addresses stay whole
    assert "research/" not in text


def test_explain_accepts_any_case(cli: Cli) -> None:
    p = cli("explain", "ROP.14.1")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("rop.14.1: ") and "absence of consent" in p.stdout
    assert "Sources:" in p.stdout
