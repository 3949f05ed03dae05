"""The chairs and explain commands, run as a user runs them."""

from __future__ import annotations

import json

import pytest

from cstosim.cli import main
from tests.conftest import Cli


def test_chairs_json_record_then_projection(cli: Cli) -> None:
    p = cli("chairs", "--from", "2011", "--to", "2028", "--format", "json")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert [r["year"] for r in rows] == list(range(2011, 2029))
    assert [r["member"] for r in rows] == [
        "BLR",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "ARM",
        "BLR",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "ARM",
        "BLR",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "ARM",
    ]
    assert {r["source"] for r in rows[:16]} == {"record"}
    assert {r["source"] for r in rows[16:]} == {"projection"}


def test_chairs_text(capsys: pytest.CaptureFixture) -> None:
    assert main(["chairs", "--from", "2026", "--to", "2028"]) == 0
    out = capsys.readouterr().out
    assert "2027  TJK" in out and "projection" in out


@pytest.mark.parametrize(
    "args",
    [
        ["--from", "1980", "--to", "1990"],
        ["--from", "2020", "--to", "2010"],
        ["--from", "2020", "--to", "99999"],
    ],
)
def test_chairs_bad_years(args: list, capsys: pytest.CaptureFixture) -> None:
    assert main(["chairs", *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cstosim: ") and "Traceback" not in err


def test_explain_known_and_unknown(cli: Cli) -> None:
    p = cli("explain", "rop.14.1")
    assert p.returncode == 0
    assert "dissent (default)" in p.stdout and "2009" in p.stdout
    p = cli("explain", "rop.14")
    assert p.returncode == 1
    assert "rop.14.1" in p.stderr and "Traceback" not in p.stderr
    p = cli("explain")
    assert p.returncode == 0 and "un.51" in p.stdout


def test_usage_errors_exit_2(cli: Cli) -> None:
    p = cli("chairs", "--from", "x", "--to", "2020")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert cli("nonsense").returncode == 2


def test_explain_prints_a_source_entry(cli: Cli) -> None:
    p = cli("explain", "kz-bulletin-2013-1")
    assert p.returncode == 0, p.stderr
    assert "2012" in p.stdout and "https://" in p.stdout
    p = cli("explain", "cst.4.2010")
    assert "signed 2010-12-10; in force from 2012-12-19" in " ".join(p.stdout.split())


def test_validate_and_run_import_only_what_they_need() -> None:
    """Quick start-up: Rich, networkx, Dask, matplotlib and the sources file wait for the
    commands that use them."""
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\n"
        "from cstosim.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['validate', 'scenarios/moscow-2009.yaml'])\n"
        "    main(['run', 'scenarios/moscow-2009.yaml', '--format', 'jsonl'])\n"
        "from cstosim import sources\n"
        "heavy = [m for m in ('rich', 'networkx', 'dask', 'distributed', 'matplotlib')"
        " if m in sys.modules]\n"
        "assert not heavy and sources.SOURCES._data is None, heavy\n"
    )
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert p.returncode == 0, p.stderr
