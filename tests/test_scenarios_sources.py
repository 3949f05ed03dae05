"""The bundled scenarios, the rules' example cases and the teaching guide cite the shipped
sources by id (design 5.8), point nowhere else, and the scenarios are valid."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from cstosim import api
from cstosim.sources import SOURCES

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
TEACHING = ROOT / "docs" / "teaching.md"
CASE_FILES = ("article4.yaml", "consensus.yaml", "other_ways.yaml")
FORBIDDEN = ("research/", "shared/", "research file")

# A token shaped like a source id: lowercase words joined by hyphens.
TOKEN = re.compile(r"(?<![\w.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")
PREFIXES = {sid.split("-")[0] for sid in SOURCES}
YEAR = re.compile(r"^(19|20)\d\d$")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def _case_text(name: str) -> str:
    return resources.files("cstosim.rules").joinpath("cases", name).read_text("utf-8")


def cited_ids(text: str) -> set[str]:
    """The tokens of ``text`` (code left out) that are meant as source ids: those that start
    with the first word of a known id, or that have three words or more, one of them a year,
    as most ids do. Scenario file names are not citations."""
    stems = {p.stem for p in SCENARIOS}
    found = set()
    for token in TOKEN.findall(CODE.sub(" ", text)):
        words = token.split("-")
        dated = len(words) >= 3 and any(YEAR.match(w) for w in words)
        if token not in stems and (words[0] in PREFIXES or dated):
            found.add(token)
    return found


def test_the_citation_pattern_finds_ids_and_skips_plain_words() -> None:
    text = (
        "Sourced (interfax-2022-01-12-end-mission, armradio-2022-01-13-withdrawal): a what-if "
        "as in the kazakhstan-2022 scenario; `cstosim explain csto.2011.bases`; a guessed "
        "id (armenianclub-2018-12-22-sg); a typo (armenpres-2018-11-02-khachaturov)."
    )
    assert cited_ids(text) == {
        "interfax-2022-01-12-end-mission",
        "armradio-2022-01-13-withdrawal",
        "armenianclub-2018-12-22-sg",
        "armenpres-2018-11-02-khachaturov",
    }


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_scenario_cites_known_sources(path: Path) -> None:
    description = yaml.safe_load(path.read_text("utf-8")).get("description", "")
    ids = cited_ids(description)
    assert ids, f"{path.name}: the description cites no source id"
    unknown = sorted(ids - SOURCES.keys())
    assert not unknown, f"{path.name}: unknown source ids {unknown}"


@pytest.mark.parametrize("name", CASE_FILES)
def test_cases_cite_known_sources(name: str) -> None:
    cases: list[dict[str, Any]] = yaml.safe_load(_case_text(name))
    for case in cases:
        assert "source" not in case, case["name"]
        assert isinstance(case.get("sources"), list), case["name"]
        unknown = [sid for sid in case["sources"] if sid not in SOURCES]
        assert not unknown, f"{name}: {case['name']}: unknown source ids {unknown}"
    assert any(case["sources"] for case in cases)


def test_teaching_guide_cites_known_sources() -> None:
    unknown = sorted(cited_ids(TEACHING.read_text("utf-8")) - SOURCES.keys())
    assert not unknown, f"docs/teaching.md: unknown source ids {unknown}"


@pytest.mark.parametrize(
    "label",
    [*(p.name for p in SCENARIOS), *CASE_FILES, "teaching.md"],
)
def test_nothing_points_to_the_research_folder(label: str) -> None:
    if label == "teaching.md":
        text = TEACHING.read_text("utf-8")
    elif label in CASE_FILES:
        text = _case_text(label)
    else:
        text = (ROOT / "scenarios" / label).read_text("utf-8")
    for needle in FORBIDDEN:
        assert needle not in text.lower(), f"{label} mentions {needle!r}"


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_bundled_scenario_is_valid(path: Path) -> None:
    plan = api.plan(api.load(path))
    assert plan.name
