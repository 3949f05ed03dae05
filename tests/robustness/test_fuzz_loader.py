"""Fuzzing the scenario loader: whatever the bytes, a valid scenario or a clean error.

A clean error is a ScenarioError whose every problem reads FILE:LINE:COL: message with a line
and column inside the file; any other exception is a bug. CI runs a quick pass; set
CSTOSIM_FUZZ_EXAMPLES (for instance 5000) for a longer one. Inputs that once broke the loader
are kept in corpus/ and replayed on every run.
"""

from __future__ import annotations

import os
import re
import resource
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cstosim.engine import compile_scenario, simulate
from cstosim.engine.plan import PlanError
from cstosim.scenario import ScenarioError, load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
EXAMPLES = int(os.environ.get("CSTOSIM_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): \S")


def check_bytes(data: bytes, tmp: Path) -> None:
    """Load ``data`` as a file: a scenario that runs, or a well-formed error."""
    f = tmp / "fuzz.yaml"
    f.write_bytes(data)
    try:
        sc, _ = load_scenario(f)
    except ScenarioError as e:
        assert e.problems
        text = data.decode("utf-8", "replace")
        lines = len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))  # YAML's line breaks
        for p in e.problems:
            m = PROBLEM.match(str(p))
            assert m, str(p)
            assert 1 <= p.pos.line <= lines + 1 and p.pos.col >= 1, str(p)
        return
    try:
        plan = compile_scenario(sc)
    except PlanError:
        return
    simulate(plan)


def check_text(text: str, tmp: Path) -> None:
    check_bytes(text.encode("utf-8", "surrogatepass"), tmp)


# -- generated YAML documents ---------------------------------------------------------------
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(
        [
            "ARM",
            "KAZ",
            "support",
            "object",
            "session",
            "CSC",
            "dissent",
            "2022-01-05",
            "request_assistance",
            "armed_attack",
            "chair",
            "XXX",
            "",
            "~",
            "!!str",
        ]
    ),
)
KEYS = [
    "name",
    "description",
    "start",
    "end",
    "seed",
    "rules",
    "members",
    "chair",
    "events",
    "expect",
    "date",
    "type",
    "body",
    "items",
    "id",
    "kind",
    "positions",
    "member",
    "by",
    "threat",
    "from",
    "rule14",
    "quorum",
    "item",
    "outcome",
    "when",
    "x",
]
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=6
        ),
    ),
    max_leaves=25,
)


@FUZZ
@given(documents)
def test_generated_documents(tmp_path_factory: pytest.TempPathFactory, doc: object) -> None:
    text = yaml.safe_dump(doc, allow_unicode=True)
    check_text(text, tmp_path_factory.mktemp("g"))


@FUZZ
@given(st.text(max_size=400))
def test_random_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    check_text(text, tmp_path_factory.mktemp("t"))


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    check_bytes(data, tmp_path_factory.mktemp("b"))


@FUZZ
@given(st.sampled_from(SCENARIOS), st.data())
def test_mutated_bundled_scenarios(
    tmp_path_factory: pytest.TempPathFactory, path: Path, data: st.DataObject
) -> None:
    raw = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "delete", "insert", "crlf", "bom", "nul"]))
        i = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if op == "flip" and raw:
            raw[i] = data.draw(st.integers(0, 255))
        elif op == "delete" and raw:
            del raw[i : i + data.draw(st.integers(1, 40))]
        elif op == "insert":
            raw[i:i] = data.draw(
                st.sampled_from(
                    [
                        b":",
                        b"- ",
                        b"\n  ",
                        b"{",
                        b"]",
                        b"&a ",
                        b"*a",
                        b"!!python/object ",
                        b"\t",
                        b"\xff\xfe",
                        b"\xe2\x80\xa8",
                        b"99999999999999999999999999999999",
                    ]
                )
            )
        elif op == "crlf":
            raw = bytearray(bytes(raw).replace(b"\n", b"\r\n"))
        elif op == "bom":
            raw[0:0] = b"\xef\xbb\xbf"
        elif op == "nul":
            raw[i:i] = b"\x00"
    check_bytes(bytes(raw), tmp_path_factory.mktemp("m"))


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.name)
def test_corpus(path: Path, tmp_path: Path) -> None:
    check_bytes(path.read_bytes(), tmp_path)


def test_alias_bomb_is_refused_fast_and_small() -> None:
    text = (CORPUS / "alias-bomb.yaml").read_text()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    with pytest.raises(ScenarioError) as e:
        parse_scenario(text, "bomb.yaml")
    assert time.perf_counter() - t < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    assert "aliases" in str(e.value)


def test_deep_nesting_is_refused_fast() -> None:
    text = "name: " + "[" * 100_000 + "]" * 100_000 + "\n"
    t = time.perf_counter()
    with pytest.raises(ScenarioError) as e:
        parse_scenario(text, "deep.yaml")
    assert time.perf_counter() - t < 1.0 and "nesting deeper" in str(e.value)
