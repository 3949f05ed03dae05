"""Bad scenario files: exit 1, one FILE:LINE:COL line at the right place, no traceback."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cstosim.cli import main

HEAD = "name: x\nstart: 2022-01-01\nend: 2022-01-31\n"
SESSION = HEAD + "events:\n  - date: 2022-01-05\n    type: session\n    items:\n"

# (id, file content, line, column, words the message must contain)
CASES: list[tuple[str, str | bytes, int, int, tuple[str, ...]]] = [
    ("wrong type", HEAD + "seed: abc\n", 4, 7, ("whole number",)),
    ("unknown key", HEAD + "descripton: hi\n", 4, 1, ("unknown key", "did you mean 'description'")),
    (
        "unknown nested key",
        SESSION + "      - id: a\n        postions: {}\n",
        9,
        9,
        ("unknown key 'postions'", "allowed:"),
    ),
    ("bad date", "name: x\nstart: 2022-02-30\nend: 2022-03-01\n", 2, 8, ("not a valid date",)),
    (
        "not a date",
        "name: x\nstart: tomorrow\nend: 2022-03-01\n",
        2,
        8,
        ("not a date", "YYYY-MM-DD"),
    ),
    ("end before start", "name: x\nstart: 2022-02-01\nend: 2022-01-01\n", 3, 6, ("before start",)),
    (
        "unknown member",
        SESSION + "      - id: a\n        positions: {XXX: support}\n",
        9,
        21,
        ("'XXX' is not a known member code", "allowed: ARM"),
    ),
    (
        "unknown body",
        HEAD + "events:\n  - date: 2022-01-05\n    type: session\n    body: NATO\n",
        7,
        11,
        ("'NATO'", "allowed: CSC"),
    ),
    (
        "bad position",
        SESSION + "      - id: a\n        positions: {ARM: maybe}\n",
        9,
        26,
        ("'maybe' is not a position", "allowed: support"),
    ),
    (
        "missing field",
        HEAD + "events:\n  - date: 2022-01-05\n    type: join\n",
        5,
        5,
        ("missing required key 'member'",),
    ),
    (
        "missing name",
        "start: 2022-01-01\nend: 2022-01-31\n",
        1,
        1,
        ("missing required key 'name'",),
    ),
    ("duplicate id", SESSION + "      - id: a\n      - id: a\n", 9, 13, ("'a' is used twice",)),
    (
        "bad probabilities",
        SESSION + "      - id: a\n        positions: {ARM: {support: 0.5, object: 0.4}}\n",
        9,
        26,
        ("sum to 0.9", "must sum to 1"),
    ),
    (
        "probability out of range",
        SESSION + "      - id: a\n        positions: {ARM: {support: 1.5}}\n",
        9,
        26,
        ("from 0 to 1",),
    ),
    ("yaml syntax error", "name: x\nstart: [2022\n", 3, 1, ("YAML syntax",)),
    ("empty file", "", 1, 1, ("empty",)),
    ("non-mapping top level", "- a\n- b\n", 1, 1, ("top level is a list",)),
    ("binary garbage", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, 1, ("NUL byte",)),
    ("invalid utf-8", b"name: caf\xe9\n", 1, 10, ("not UTF-8",)),
    (
        "event outside dates",
        HEAD + "events:\n  - {date: 2023-01-05, type: join, member: UZB}\n",
        5,
        12,
        ("outside the scenario", "2022-01-01..2022-01-31"),
    ),
    (
        "unknown event type",
        HEAD + "events:\n  - date: 2022-01-05\n    type: sesion\n",
        6,
        11,
        ("unknown event type 'sesion'", "did you mean 'session'"),
    ),
    ("bad rule value", HEAD + "rules: {rule14: maybe}\n", 4, 17, ("'maybe'", "dissent")),
    ("quorum out of range", HEAD + "rules: {quorum: 2}\n", 4, 17, ("out of range",)),
    ("duplicate key", "name: x\nname: y\n", 2, 1, ("duplicate key 'name'",)),
    (
        "python object tag",
        "name: !!python/object/apply:os.system [echo hi]\n",
        1,
        7,
        ("not allowed",),
    ),
    (
        "alias",
        "name: &n x\ndescription: *n\nstart: 2022-01-01\nend: 2022-01-02\n",
        2,
        14,
        ("aliases",),
    ),
    (
        "accede to unknown item",
        HEAD + "events:\n  - {date: 2022-01-05, type: accede, member: BLR, item: nope}\n",
        5,
        57,
        ("no item 'nope'",),
    ),
    (
        "expect unknown item",
        HEAD + "expect:\n  - {item: nope, outcome: adopted}\n",
        5,
        12,
        ("no item 'nope'",),
    ),
    (
        "withdrawal too soon",
        "name: x\nstart: 2022-01-01\nend: 2023-01-31\nevents:\n"
        "  - {date: 2022-01-05, type: withdraw, member: ARM, effective: 2022-03-01}\n",
        5,
        64,
        ("six months", "2022-07-05"),
    ),
    (
        "request too late for its session",
        HEAD + "events:\n"
        "  - {date: 2022-01-31, type: request_assistance, by: KAZ, threat: aggression}\n",
        5,
        12,
        ("after end",),
    ),
    ("list instead of mapping", HEAD + "rules: [dissent]\n", 4, 8, ("mapping",)),
    ("deep nesting", "name: " + "[" * 60 + "]" * 60 + "\n", 1, 38, ("nesting deeper",)),
    ("huge integer", HEAD + "seed: 0x" + "f" * 5000 + "\n", 4, 7, ("at most 30",)),
    ("control character", "name: x\x07\nstart: 2022-01-01\n", 1, 8, ("control character",)),
    (
        "dates past the range",
        "name: x\nstart: 9999-01-01\nend: 9999-12-31\n",
        3,
        6,
        ("dates run from 1900-01-01 to 8999-12-31",),
    ),
    ("string quorum", HEAD + "rules: {quorum: '0.5'}\n", 4, 17, ("number",)),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_file(case: tuple, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    _id, content, line, col, words = case
    f = tmp_path / "bad.yaml"
    if isinstance(content, bytes):
        f.write_bytes(content)
    else:
        f.write_text(content, encoding="utf-8")
    assert main(["validate", str(f)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first = err.splitlines()[0]
    m = re.match(rf"^{re.escape(str(f))}:(\d+):(\d+): (.+)$", first)
    assert m, err
    assert (int(m.group(1)), int(m.group(2))) == (line, col), first
    for w in words:
        assert w in m.group(3), first


def test_run_on_a_bad_file_exits_1_without_traceback(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(HEAD + "seed: abc\n", encoding="utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "cstosim", "run", str(f)], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 1
    assert p.stderr.startswith(f"{f}:4:7: ") and "Traceback" not in p.stderr


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(tmp_path / "nope.yaml"), str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{tmp_path / 'nope.yaml'}:1:1: cannot read")
    assert err[1].startswith(f"{tmp_path}:1:1: is a directory")


def test_several_mistakes_are_all_reported(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(HEAD + "seed: abc\nmembers: ARM\n", encoding="utf-8")
    assert main(["validate", str(f)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [ln.split(": ")[0] for ln in lines] == [f"{f}:4:7", f"{f}:5:10"]


def test_endless_input_is_refused(capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", "/dev/zero"]) == 1
    err = capsys.readouterr().err
    # a device is refused before anything is read from it, so it cannot run forever
    assert "/dev/zero:1:1: is a character device, not a regular file" in err
    assert "Traceback" not in err


def test_rotation_order_without_an_order(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEAD)
    assert main(["run", str(f), "--set", "rotation=order"]) == 1
    assert "needs order" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["run", str(f), "--set", "order=ARM,XYZ"])
    assert e.value.code == 2


def test_odd_environment_does_not_crash(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(HEAD + "events:\n  - {date: 2022-01-05, type: session, items: [{id: a}]}\n")
    env = {**__import__("os").environ, "COLUMNS": "abc", "PYTHONIOENCODING": "latin-1"}
    p = subprocess.run(
        [sys.executable, "-m", "cstosim", "run", str(f)], capture_output=True, timeout=60, env=env
    )
    assert p.returncode == 0 and b"Traceback" not in p.stderr


def test_an_unknown_event_type_does_not_hide_that_event_s_other_mistakes(tmp_path) -> None:
    from cstosim.errors import ScenarioError
    from cstosim.scenario import load_scenario

    f = tmp_path / "typo.yaml"
    f.write_text(
        "name: x\nstart: 2022-01-01\nend: 2022-01-31\nevents:\n"
        "  - {date: 2022-01-05, type: sesion, body: XYZ, items: [{id: a}]}\n"
    )
    with pytest.raises(ScenarioError) as e:
        load_scenario(str(f))
    messages = [p.message for p in e.value.problems]
    assert any("did you mean 'session'" in msg for msg in messages)
    assert any("'XYZ'" in msg and "read as a session event" in msg for msg in messages)


def test_a_mistyped_event_s_unknown_key_is_placed_at_the_key(tmp_path) -> None:
    """Found by review: read as the closest type, an unknown key is located where the key is,
    and the message names the event type it was read as."""
    from cstosim.errors import ScenarioError
    from cstosim.scenario import load_scenario

    f = tmp_path / "t.yaml"
    f.write_text(
        "name: x\nstart: 2022-01-01\nend: 2022-01-31\nevents:\n"
        "  - date: 2022-01-05\n    type: request_asistance\n    by: KAZ\n"
        "    threat: aggression\n    itemz: 1\n"
    )
    with pytest.raises(ScenarioError) as e:
        load_scenario(str(f))
    (unknown,) = [p for p in e.value.problems if "itemz" in p.message]
    assert (unknown.pos.line, unknown.pos.col) == (9, 5)
    assert "in a request_assistance event; allowed:" in unknown.message
