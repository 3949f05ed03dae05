"""The shipped list of sources: well formed, cited, and the only place references point to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cstosim
from cstosim import provisions
from cstosim.errors import CstosimError
from cstosim.sources import SOURCES, UNDATED, Source, UnknownSourceError, get_source

SRC = Path(cstosim.__file__).resolve().parent
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


def test_every_provision_source_resolves() -> None:
    for p in provisions.CATALOGUE.values():
        assert p.sources, p.id
        for sid in p.sources:
            assert get_source(sid).id == sid


def test_ids_are_unique_and_well_formed() -> None:
    assert len(SOURCES) > 100
    for sid, s in SOURCES.items():
        assert s.id == sid and ID.match(sid), sid
    assert len({s.url for s in SOURCES.values()}) == len(SOURCES)  # one entry per address


@pytest.mark.parametrize("source", list(SOURCES.values()), ids=list(SOURCES))
def test_entry_is_complete(source: Source) -> None:
    assert source.url.startswith(("http://", "https://"))
    assert " " not in source.url and "..." not in source.url
    assert source.title.strip() and source.publisher.strip()
    assert source.date == UNDATED or DATE.match(source.date)
    line = source.citation()
    assert line.startswith(source.title) and line.endswith(" " + source.url)
    assert f"{source.publisher}, {source.date}" in line and ".." not in line.replace("n.d.", "")


def test_an_unknown_id_is_a_cstosim_error_with_suggestions() -> None:
    with pytest.raises(UnknownSourceError) as e:
        get_source("kz-bulletin-2013")
    assert isinstance(e.value, CstosimError) and isinstance(e.value, KeyError)
    assert "kz-bulletin-2013-1" in e.value.suggestions
    assert "did you mean" in str(e.value)


def test_the_2010_protocols_entry_into_force_is_sourced() -> None:
    for sid in ("kz-bulletin-2013-1", "kz-charter-protocol-2010"):
        assert "December 19, 2012" in SOURCES[sid].note


def test_nothing_in_src_points_to_the_research_folder() -> None:
    files = sorted({*SRC.glob("*.py"), *SRC.glob("**/*.py")})
    assert SRC / "sources.py" in files and SRC / "report" / "text.py" in files
    offenders = [
        f"{f.relative_to(SRC)}:{n}"
        for f in files
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if "research/" in line
    ]
    assert offenders == []
