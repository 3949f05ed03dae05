"""Text that reaches a terminal or a browser holds no control character (issue 11).

Two lines of defence. Scenario files: a control character that a YAML escape puts into text
("\\e[2J", "\\a", "\\0", an OSC title sequence, U+0085, U+2028...) is refused at FILE:LINE:COL,
naming the character as \\uXXXX; so are the plain scalars YAML 1.1 reads as a surprise (1:30 is
90, NO is false, 0x10 is 16, ~ is null). Renderers: a plan or a record built in Python is not
checked, so every renderer shows a control character it is given as a visible \\uXXXX.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from tests.conftest import Cli

from cstosim import api
from cstosim.engine import Run
from cstosim.engine.records import DecisionRecord, NoteRecord
from cstosim.report import graph, html, text, timeline, trace, whatif

HEAD = "name: x\nstart: 2022-01-01\nend: 2022-01-31\n"
ITEM = HEAD + "events:\n  - date: 2022-01-05\n    type: session\n    items:\n      - id: a\n"
# Anything a terminal or a browser would act on: C0 and C1 controls, DEL, U+2028, U+2029.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
EVIL = "A\x1b[2J\x1b]0;pwned\x07\x00\r\x85\u2028\u2029\x9b31m\x7fZ"


def validate(cli: Cli, tmp_path: Path, content: str) -> list[str]:
    """Validate ``content`` as a file: exit 1, each problem as FILE:LINE:COL: message."""
    f = tmp_path / "s.yaml"
    f.write_text(content, encoding="utf-8")
    p = cli("validate", str(f))
    assert p.returncode == 1, p.stdout + p.stderr
    assert "Traceback" not in p.stderr
    assert not CONTROLS.search(p.stderr), repr(p.stderr)
    lines = p.stderr.splitlines()
    for line in lines:
        assert line.startswith(f"{f}:"), line
    return [line.removeprefix(f"{f}:") for line in lines]


# -- control characters in scenario text ------------------------------------------------------
# (YAML text, line, column of the escape, the character as \uXXXX)
CONTROL_CASES = [
    ('name: "clear\\e[2J"\nstart: 2022-01-01\nend: 2022-01-31\n', 1, 13, "\\u001b"),
    (HEAD + 'description: "bell \\a"\n', 4, 20, "\\u0007"),
    (HEAD + 'description: "nul \\0 here"\n', 4, 19, "\\u0000"),
    (HEAD + 'description: "carriage\\rreturn"\n', 4, 23, "\\u000d"),
    (HEAD + 'description: "\\e]0;pwned\\a"\n', 4, 15, "\\u001b"),
    (HEAD + 'description: "next line \\N"\n', 4, 25, "\\u0085"),
    (HEAD + 'description: "line sep \\L"\n', 4, 24, "\\u2028"),
    (HEAD + 'description: "para sep \\P"\n', 4, 24, "\\u2029"),
    (HEAD + 'description: "csi \\x9b2J"\n', 4, 19, "\\u009b"),
    (HEAD + 'description: "del \\x7f"\n', 4, 19, "\\u007f"),
    (HEAD + 'description: "esc \\u001b[31m"\n', 4, 19, "\\u001b"),
    (HEAD + 'description: "vt \\v ff \\f bs \\b"\n', 4, 18, "\\u000b"),
    (ITEM + '        title: "a \\e[5m title"\n', 9, 19, "\\u001b"),
    (
        HEAD + "events:\n  - date: 2022-01-05\n    type: session\n"
        '    note: "x\\e]8;;http://evil\\e\\\\"\n',
        7,
        13,
        "\\u001b",
    ),
    (HEAD + 'description: "fine\\\\e then \\e"\n', 4, 28, "\\u001b"),  # \\e is a backslash, e
    (HEAD + 'description: "a long line\\\n  continued \\e"\n', 5, 13, "\\u001b"),
    (HEAD + '"key\\ewith": 1\n', 4, 5, "\\u001b"),
]


@pytest.mark.parametrize(("content", "line", "col", "char"), CONTROL_CASES)
def test_control_characters_in_text_are_refused(
    cli: Cli, tmp_path: Path, content: str, line: int, col: int, char: str
) -> None:
    (problem, *_) = validate(cli, tmp_path, content)
    assert problem == f"{line}:{col}: a control character {char} is not allowed in text; remove it"


def test_a_raw_control_character_is_refused(cli: Cli, tmp_path: Path) -> None:
    (problem,) = validate(cli, tmp_path, HEAD + "description: ring \x07 ring\n")
    assert problem == "4:19: a control character \\u0007 is not allowed in text; remove it"


@pytest.mark.parametrize(
    ("content", "where", "char"),
    [
        ('name: "two\\nlines"\nstart: 2022-01-01\nend: 2022-01-31\n', "1:7", "line break \\u000a"),
        ('name: "a\\ttab"\nstart: 2022-01-01\nend: 2022-01-31\n', "1:7", "tab \\u0009"),
        (ITEM + "        title: |\n          two\n          lines\n", "9:16", "line break \\u000a"),
    ],
)
def test_one_line_fields_refuse_tab_and_line_feed(
    cli: Cli, tmp_path: Path, content: str, where: str, char: str
) -> None:
    (problem,) = validate(cli, tmp_path, content)
    assert problem == f"{where}: a {char} is not allowed here (one line of text); remove it"


def test_multi_line_fields_keep_tab_and_line_feed(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(
        HEAD + 'description: "one\\ttab\\nand two lines"\nevents:\n  - date: 2022-01-05\n'
        "    type: session\n    note: |\n      a note\n      over\tlines\n",
        encoding="utf-8",
    )
    p = cli("validate", str(f))
    assert p.returncode == 0, p.stderr
    sc = api.parse(f.read_text(encoding="utf-8"), str(f))
    assert sc.description == "one\ttab\nand two lines"


def test_python_built_scenarios_are_checked_too() -> None:
    from pydantic import ValidationError

    from cstosim.scenario.models import Scenario

    with pytest.raises(ValidationError, match=r"control character \\u001b"):
        Scenario.model_validate({"name": "x\x1b[2J", "start": "2022-01-01", "end": "2022-01-31"})


# -- YAML 1.1 surprises --------------------------------------------------------------------
# (a line after HEAD, column, the message)
SCALAR_CASES = [
    (
        "seed: 1:30",
        7,
        "1:30 was read as the number 90 (base 60, as YAML 1.1 reads times); "
        "write 90, or quote it if you mean text",
    ),
    (
        "seed: 0x10",
        7,
        "0x10 was read as the number 16 (hexadecimal); write 16, or quote it if you mean text",
    ),
    (
        "seed: 0b101",
        7,
        "0b101 was read as the number 5 (binary); write 5, or quote it if you mean text",
    ),
    (
        "seed: 010",
        7,
        "010 was read as the number 8 (octal, for its leading 0); write 8, or "
        "quote it if you mean text",
    ),
    (
        "seed: 0o17",
        7,
        "0o17 may be read as the number 15 (octal, YAML 1.2) or as text; write "
        "15, or quote it if you mean text",
    ),
    (
        "seed: 1_000",
        7,
        "1_000 was read as the number 1000 (the _ ignored); write 1000, or quote "
        "it if you mean text",
    ),
    ("rules: {limited_format: NO}", 25, "NO was read as false; write false, or quote it"),
    ("rules: {limited_format: yes}", 25, "yes was read as true; write true, or quote it"),
    ("rules: {armed_attack: on}", 23, "on was read as true; write true, or quote it"),
    ("rules: {armed_attack: Off}", 23, "Off was read as false; write false, or quote it"),
    ("rules: {armed_attack: True}", 23, "True was read as true; write true, or quote it"),
    (
        "rules: {armed_attack: y}",
        23,
        "y may be read as true (YAML 1.1) or as text; write true, or quote it if you mean text",
    ),
    (
        "rules: {armed_attack: n}",
        23,
        "n may be read as false (YAML 1.1) or as text; write false, or quote it if you mean text",
    ),
    (
        "description: ~",
        14,
        "~ was read as nothing (null); write null, or quote it if you mean text",
    ),
    (
        "description: Null",
        14,
        "Null was read as nothing (null); write null, or quote it if you mean text",
    ),
    (
        "rules: {quorum: .inf}",
        17,
        ".inf was read as infinity; allowed: a finite number written "
        "with digits, or quote it if you mean text",
    ),
    (
        "rules: {quorum: -.inf}",
        17,
        "-.inf was read as minus infinity; allowed: a finite number "
        "written with digits, or quote it if you mean text",
    ),
    (
        "rules: {quorum: .nan}",
        17,
        ".nan was read as not-a-number (.nan); allowed: a finite "
        "number written with digits, or quote it if you mean text",
    ),
    (
        "rules: {quorum: 1.0e+999}",
        17,
        "1.0e+999 was read as infinity; allowed: a finite number "
        "written with digits, or quote it if you mean text",
    ),
    ("NO: 1", 1, "NO was read as false; write false, or quote it"),
]


@pytest.mark.parametrize(("line", "col", "message"), SCALAR_CASES)
def test_yaml_1_1_surprises_are_refused(
    cli: Cli, tmp_path: Path, line: str, col: int, message: str
) -> None:
    (problem,) = validate(cli, tmp_path, HEAD + line + "\n")
    assert problem == f"4:{col}: {message}"


@pytest.mark.parametrize(
    "line",
    [
        "seed: 17",
        "seed: +17",
        "rules: {quorum: 0.5}",
        "rules: {quorum: 1.}",
        "rules: {quorum: null}",
        "rules: {limited_format: false}",
        "rules: {quorum: }",
        "description: '1:30'",
        'description: "NO"',
        "description: yes please",
    ],
)
def test_plain_readings_are_accepted(cli: Cli, tmp_path: Path, line: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEAD + line + "\n", encoding="utf-8")
    p = cli("validate", str(f))
    assert p.returncode == 0, p.stderr


# -- messages in the author's words -----------------------------------------------------------
def test_a_date_where_text_is_expected_is_not_a_python_repr(cli: Cli, tmp_path: Path) -> None:
    (problem,) = validate(cli, tmp_path, "name: 2022-01-01\nstart: 2022-01-01\nend: 2022-01-31\n")
    assert (
        problem == "1:7: 2022-01-01 was read as a date, not text; put it in quotes if you mean text"
    )


def test_null_where_a_value_is_expected_says_nothing(cli: Cli, tmp_path: Path) -> None:
    (problem,) = validate(cli, tmp_path, "name: null\nstart: 2022-01-01\nend: 2022-01-31\n")
    assert problem == "1:7: nothing (null) where text was expected; allowed: text"
    (problem,) = validate(cli, tmp_path, HEAD + "seed:\n")
    assert problem == "4:6: nothing (null) is not a whole number; allowed: a whole number"


def test_no_python_reprs_in_messages(cli: Cli, tmp_path: Path) -> None:
    content = (
        "name: [a]\nstart: 2022\nend: 2022-01-31\nseed: 1.5\ndescription: {a: 1}\n"
        "members: ARM\nrules: {mission_days: 2022-01-05, limited_format: 'yes'}\n"
    )
    problems = validate(cli, tmp_path, content)
    text = "\n".join(problems)
    for repr_only in ("datetime", "None", "()", "<class", "'list'", "'dict'", "True", "False"):
        assert repr_only not in text, text
    assert "1:7: a list where text was expected; allowed: text" in problems
    assert "2:8: 2022 (a number) is not a date; dates are written YYYY-MM-DD" in problems
    assert "4:7: 1.5 (a number) is not a whole number; allowed: a whole number" in problems


def test_a_big_number_keeps_all_its_digits(cli: Cli, tmp_path: Path) -> None:
    (problem,) = validate(cli, tmp_path, HEAD + "rules: {quorum: 123456789012345678901234567}\n")
    assert problem.startswith("4:17: 123456789012345678901234567 is out of range")


def test_a_cyrillic_look_alike_does_not_print_as_latin(cli: Cli, tmp_path: Path) -> None:
    (problem,) = validate(cli, tmp_path, ITEM + "        positions: {\u0410RM: support}\n")
    assert problem.startswith(
        "9:21: '\\u0410RM' is not a known member code (it has non-Latin letters); allowed: ARM, "
    )
    (problem,) = validate(cli, tmp_path, ITEM + "        positions: {ARM: supp\u043ert}\n")
    assert "'supp\\u043ert' is not a position (it has non-Latin letters)" in problem
    (problem,) = validate(cli, tmp_path, HEAD + "d\u0435scription: x\n")
    assert problem.startswith("4:1: unknown key 'd\\u0435scription' (it has non-Latin letters)")


def test_a_sum_near_one_shows_enough_digits(cli: Cli, tmp_path: Path) -> None:
    (problem,) = validate(
        cli, tmp_path, ITEM + "        positions: {ARM: {support: 0.5, object: 0.5000001}}\n"
    )
    assert problem == "9:26: probabilities sum to 1.0000001; they must sum to 1"


# -- renderers: data built in Python ----------------------------------------------------------
def _evil_run() -> Run:
    sc = api.parse(ITEM + "        positions: {BLR: object}\n        title: fine\n", "evil.yaml")
    run = api.simulate_scenario(sc)
    run.plan = dataclasses.replace(run.plan, name=EVIL, description=EVIL)
    dec = next(r for r in run.trace if isinstance(r, DecisionRecord))
    evil_dec = dataclasses.replace(dec, title=EVIL, why=EVIL, item="a" + EVIL)
    run.trace = [evil_dec if r is dec else r for r in run.trace] + [
        NoteRecord(date=dec.date, item=EVIL, text=EVIL)
    ]
    return run


def _assert_clean(out: str) -> None:
    assert not CONTROLS.search(out), repr(CONTROLS.search(out))
    assert "\\u001b" in out  # the character is shown, not dropped


def test_text_timeline_shows_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    _assert_clean(timeline.to_text(_evil_run()))


def test_json_outputs_carry_no_raw_control_characters() -> None:
    run = _evil_run()
    for out in (trace.to_json(run), trace.to_jsonl(run)):
        assert not CONTROLS.search(out.replace("\n", ""))
    # and the data is unchanged: the escapes are JSON's
    note = json.loads(trace.to_jsonl(run).splitlines()[-1])
    assert note["text"] == EVIL


def test_html_report_shows_control_characters() -> None:
    out = html.to_html(_evil_run())
    _assert_clean(out)
    assert "<title>A\\u001b[2J" in out


def test_svg_graph_shows_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    body = graph.BODIES["CSC"]
    monkeypatch.setitem(graph.BODIES, "CSC", dataclasses.replace(body, name=EVIL, description=EVIL))
    for out in (graph.to_svg(), graph.to_dot(), graph.to_mermaid()):
        _assert_clean(out)
    _assert_clean(html.to_html(api.simulate_scenario(api.parse(HEAD, "ok.yaml"))))


def test_whatif_tables_show_control_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    from cstosim.whatif.compare import Comparison

    monkeypatch.setenv("COLUMNS", "200")
    cmp = Comparison(
        scenario=EVIL,
        seed=0,
        variants=["rule14=dissent" + EVIL, "rule14=consent"],
        items=[
            {
                "item": EVIL,
                "outcomes": ["adopted" + EVIL, "rejected"],
                "blockers": [[EVIL], []],
                "differs": True,
            }
        ],
    )
    _assert_clean(whatif.render_comparison(cmp))


def test_provision_and_chair_tables_show_control_characters() -> None:
    from cstosim.history import ChairYear
    from cstosim.provisions import CATALOGUE

    p = dataclasses.replace(CATALOGUE["rop.14.1"], title=EVIL, paraphrase=EVIL)
    _assert_clean(text.render_provision(p))
    _assert_clean(text.render_chairs([ChairYear(2020, "RUS", "record", False, EVIL)]))
