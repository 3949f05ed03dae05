"""The chairs and explain commands, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

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
    """Quick start-up: Rich, networkx, Dask, matplotlib, Babel and the sources file wait for the
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
        "heavy = [m for m in ('rich', 'networkx', 'dask', 'distributed', 'matplotlib', 'babel')"
        " if m in sys.modules]\n"
        "assert not heavy and sources.SOURCES._data is None, heavy\n"
    )
    root = __import__("pathlib").Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root)
    assert p.returncode == 0, p.stderr


# -- issue 12's command-line items ------------------------------------------------------------
def test_bare_cstosim_lists_the_commands(cli: Cli) -> None:
    p = cli()
    assert p.returncode == 2
    assert all(c in p.stderr for c in ("run", "validate", "odds", "sweep", "explore", "chairs"))
    assert "COMMAND --help" in p.stderr and "Traceback" not in p.stderr


def test_rule_values_are_echoed_as_written(cli: Cli) -> None:
    moscow = str(Path(__file__).resolve().parents[1] / "scenarios" / "moscow-2009.yaml")
    p = cli("run", moscow, "--set", "limited_format=yes", "--set", "quorum=2/3")
    header = p.stdout.splitlines()[1]
    assert "limited_format=true" in header and "quorum=2/3" in header
    assert "True" not in header and "0.666" not in header


def test_counts_speak_in_the_singular_when_there_is_one(cli: Cli, tmp_path: Path) -> None:
    one = tmp_path / "one.yaml"
    one.write_text(
        "name: one\nstart: 2026-11-01\nend: 2026-12-31\nevents:\n"
        "  - {date: 2026-11-26, type: session, items: [{id: x}]}\n"
        "expect:\n  - {item: x, outcome: adopted_limited}\n"
    )
    p = cli("check", str(one))
    assert "1 expectation holds" in p.stdout
    p = cli("compare", str(one), "--variant", "rule14=dissent", "--variant", "rule14=consent")
    assert ": 1 item under 2 variants" in p.stdout


def test_a_sweep_without_out_does_not_speak_of_rows(cli: Cli) -> None:
    summit = str(Path(__file__).resolve().parents[1] / "scenarios" / "uncertain-summit-2026.yaml")
    p = cli("sweep", summit, "--samples", "20")
    assert "of its row" not in p.stdout and "Sample 0 ran with seed" in p.stdout


def test_a_non_member_named_as_attacked_gets_the_hint_to_use_from(cli: Cli, tmp_path: Path) -> None:
    f = tmp_path / "afg.yaml"
    f.write_text(
        "name: x\nstart: 2022-01-01\nend: 2022-01-31\nevents:\n"
        "  - {date: 2022-01-05, type: request_assistance, by: KAZ, threat: aggression, "
        "against: AFG}\n"
    )
    p = cli("validate", str(f))
    assert p.returncode == 1 and "goes under from:" in p.stderr
