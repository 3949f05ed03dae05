"""Sweeps: identical rows whatever the workers or backend; resume after a kill; torn lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cstosim.engine import compile_scenario
from cstosim.scenario import load_scenario
from cstosim.whatif.sweep import SweepError, run_sample, sample_seed, sweep, wilson
from tests.conftest import Cli, CliProcess
from tests.sweep_helpers import group_ends, sweep_killed_midway

ROOT = Path(__file__).resolve().parents[2]
SUMMIT = str(ROOT / "scenarios" / "uncertain-summit-2026.yaml")


def plan():
    sc, _ = load_scenario(SUMMIT)
    return compile_scenario(sc)


def test_sample_seed_depends_only_on_seed_and_index() -> None:
    assert sample_seed(1, 5) == sample_seed(1, 5)
    assert len({sample_seed(1, i) for i in range(1000)}) == 1000
    assert sample_seed(1, 5) != sample_seed(2, 5)
    assert 0 <= sample_seed(2**63 - 1, 10**9) < 2**63


def test_rows_identical_for_1_and_2_workers_and_dask(
    tmp_path: Path, cli_process: CliProcess
) -> None:
    # real processes: the Dask backend starts a cluster of its own (tests/conftest.py)
    outs = {}
    for name, extra in (
        ("w1", ["--workers", "1"]),
        ("w2", ["--workers", "2"]),
        ("dask", ["--workers", "2", "--backend", "dask"]),
    ):
        out = tmp_path / f"{name}.jsonl"
        p = cli_process("sweep", SUMMIT, "--samples", "600", "--out", str(out), *extra)
        assert p.returncode == 0, p.stderr
        outs[name] = out.read_bytes()
    assert outs["w1"] == outs["w2"] == outs["dask"]
    lines = outs["w1"].decode().splitlines()
    header, rows = json.loads(lines[0]), [json.loads(x) for x in lines[1:]]
    assert header["version"] and header["resolved"]["name"].startswith("What-if")
    assert [r["sample"] for r in rows] == list(range(600))
    assert set(rows[0]["outcomes"]) == {"budget-2027", "joint-statement", "working-plan"}


def test_a_sample_is_reproduced_by_run_with_its_seed(tmp_path: Path, cli: Cli) -> None:
    row = run_sample(plan(), 17)
    p = cli("run", SUMMIT, "--seed", str(row["seed"]), "--format", "json")
    doc = json.loads(p.stdout)
    decided = {r["item"]: r["outcome"] for r in doc["trace"] if r["kind"] == "decision"}
    assert decided == row["outcomes"]


def test_summary_and_reproduce_command(cli: Cli) -> None:
    p = cli("sweep", SUMMIT, "--samples", "300", "--format", "json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["samples"] == 300 and doc["variants"] == [""]  # design 5.4: one variant, ""
    entries = {e["item"]: e for e in doc["items"]}
    wp = entries["working-plan"]
    assert wp["counts"]["adopted_limited"] == 300 and wp["intervals"]["adopted_limited"][1] == 1.0
    assert doc["reproduce"] == f"cstosim run {SUMMIT} --seed {{seed}}"
    assert math_close(sum(entries["budget-2027"]["shares"].values()), 1.0)


def test_a_variant_grid_runs_the_same_seeds_under_each_variant(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "grid.jsonl"
    p = cli(
        "sweep",
        SUMMIT,
        "--samples",
        "400",
        "--variant",
        "rule14=dissent",
        "--variant",
        "rule14=no_objection",
        "--format",
        "json",
        "--out",
        str(out),
    )
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["variants"] == ["rule14=dissent", "rule14=no_objection"]
    assert {(e["item"], e["variant"]) for e in doc["items"]} == {
        (i, v) for i in ("budget-2027", "joint-statement", "working-plan") for v in doc["variants"]
    }
    rows = [json.loads(x) for x in out.read_text().splitlines()[1:]]
    assert len(rows) == 800 and [r["variant"] for r in rows[:2]] == doc["variants"]
    assert rows[0]["seed"] == rows[1]["seed"] and rows[0]["sample"] == rows[1]["sample"] == 0
    # the same seeds: the dissent rows are the rows of a sweep without variants
    plain = tmp_path / "plain.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "400", "--out", str(plain)).returncode == 0
    plain_rows = [json.loads(x) for x in plain.read_text().splitlines()[1:]]
    dissent = [{k: v for k, v in r.items() if k != "variant"} for r in rows[::2]]
    assert dissent == plain_rows
    # silence no longer blocks under no_objection: fewer rejections, same samples
    by = {(e["item"], e["variant"]): e["counts"] for e in doc["items"]}
    assert (
        by[("budget-2027", "rule14=no_objection")].get("rejected", 0)
        < by[("budget-2027", "rule14=dissent")]["rejected"]
    )


def test_a_variant_grid_resumes_whole_samples(tmp_path: Path) -> None:
    from cstosim import api

    out = tmp_path / "grid.csv"
    variants = ["rule14=dissent", "rule14=consent"]
    full = tmp_path / "full.csv"
    api.sweep_scenario(SUMMIT, samples=300, out=full, variants=variants)
    api.sweep_scenario(SUMMIT, samples=300, out=out, variants=variants)
    lines = out.read_bytes().splitlines(keepends=True)
    # a kill mid-chunk: the second row of sample 150 and a torn line are lost
    out.write_bytes(b"".join(lines[: 1 + 2 * 150 + 1]) + lines[1 + 2 * 150 + 1][:7])
    summary = api.sweep_scenario(SUMMIT, samples=300, out=out, variants=variants, resume=True)
    assert summary.samples == 300 and out.read_bytes() == full.read_bytes()


def test_the_api_gives_a_tidy_table() -> None:
    pd = pytest.importorskip("pandas")
    from cstosim import api

    summary = api.sweep_scenario(
        SUMMIT,
        samples=200,
        overrides={"limited_format": False},
        variants=["rule14=dissent", "rule14=no_objection"],
    )
    df = api.table(summary)
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == [
        "item",
        "variant",
        "outcome",
        "count",
        "share",
        "ci95_low",
        "ci95_high",
    ]
    assert (df.groupby(["item", "variant"])["count"].sum() == 200).all()


def math_close(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


def test_wilson_interval() -> None:
    lo, hi = wilson(50, 100)
    assert lo < 0.5 < hi and math_close(lo + hi, 1.0)
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0


def test_resume_after_sigkill_gives_the_uninterrupted_file(tmp_path: Path, cli: Cli) -> None:
    full = tmp_path / "full.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "6000", "--out", str(full)).returncode == 0
    part = tmp_path / "part.jsonl"
    written = sweep_killed_midway(
        SUMMIT, part, "--samples", "6000", "--workers", "2", min_bytes=20_000
    )
    assert 0 < len(written) < len(full.read_bytes())
    p = cli("sweep", SUMMIT, "--samples", "6000", "--out", str(part), "--resume")
    assert p.returncode == 0, p.stderr
    assert part.read_bytes() == full.read_bytes()


def test_a_killed_sweep_can_be_resumed_at_once_while_its_workers_wind_down(
    tmp_path: Path, cli: Cli
) -> None:
    """The lock is the parent's alone: forked workers close their copy of the output's
    descriptor, so the file is free the moment the parent dies."""
    full = tmp_path / "full.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "20000", "--out", str(full)).returncode == 0
    part = tmp_path / "part.jsonl"
    group: list[int] = []
    args = ("--samples", "20000", "--workers", "2")
    sweep_killed_midway(SUMMIT, part, *args, min_bytes=20_000, parent_only=True, started=group)
    p = cli("sweep", SUMMIT, "--samples", "20000", "--out", str(part), "--resume")
    assert p.returncode == 0, p.stderr
    assert part.read_bytes() == full.read_bytes()
    # the orphaned workers see their sweep gone and end (they used to wait for ever)
    assert group_ends(group[0]), "the killed sweep's workers are still running"


def test_torn_last_line_is_redone(tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    sweep(plan(), 200, out=full)
    torn = tmp_path / "torn.jsonl"
    data = full.read_bytes()
    cut = data.index(b'{"sample": 150') + 25
    torn.write_bytes(data[:cut])
    summary = sweep(plan(), 200, out=torn, resume=True)
    assert torn.read_bytes() == data and summary.samples == 200


def test_csv_output_with_sidecar_and_resume(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "rows.csv"
    p = cli("sweep", SUMMIT, "--samples", "100", "--out", str(out))
    assert p.returncode == 0, p.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "sample,seed,budget-2027,joint-statement,working-plan"
    assert len(lines) == 101
    meta = json.loads((tmp_path / "rows.csv.meta.json").read_text())
    assert meta["scenario"].startswith("What-if")
    out.write_text("\n".join(lines[:40]) + "\n")
    p = cli("sweep", SUMMIT, "--samples", "100", "--out", str(out), "--resume")
    assert p.returncode == 0 and out.read_text().splitlines() == lines


def test_refuses_to_overwrite_or_resume_another_scenario(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "rows.jsonl"
    assert cli("sweep", SUMMIT, "--samples", "10", "--out", str(out)).returncode == 0
    p = cli("sweep", SUMMIT, "--samples", "10", "--out", str(out))
    assert p.returncode == 1 and "--resume" in p.stderr
    p = cli(
        "sweep", SUMMIT, "--samples", "10", "--out", str(out), "--resume", "--set", "rule14=consent"
    )
    assert p.returncode == 1 and "another scenario" in p.stderr
    with pytest.raises(SweepError):
        sweep(plan(), 10, workers=0)


def test_unwritable_output_is_a_clear_error(tmp_path: Path, cli: Cli) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = cli("sweep", SUMMIT, "--samples", "10", "--out", str(blocker / "rows.jsonl"))
    assert p.returncode == 1 and "cannot write" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_full_rows_hold_the_positions_drawn_and_the_blockers(
    cli: Cli, tmp_path: Path, suffix: str
) -> None:
    from cstosim import api

    out = tmp_path / f"full{suffix}"
    args = ["sweep", SUMMIT, "--samples", "60", "--rows", "full", "--out", str(out)]
    args += ["--variant", "rule14=dissent", "--variant", "rule14=no_objection"]
    p = cli(*args)
    assert p.returncode == 0, p.stderr
    rows = api.read_rows(out)
    assert len(rows) == 120 and rows[0]["variant"] == "rule14=dissent"
    for row in rows:
        # only what was drawn: Armenia on the budget, five members on the statement
        assert set(row["positions"]["budget-2027"]) == {"ARM"}
        assert set(row["positions"]["joint-statement"]) == {"ARM", "BLR", "KAZ", "KGZ", "TJK"}
        assert row["positions"]["working-plan"] == {}
        rejected = row["outcomes"]["budget-2027"] == "rejected"
        assert bool(row["blockers"]["budget-2027"]) == rejected
        if rejected:
            assert row["blockers"]["budget-2027"] == ["ARM"]
    # the same seed draws the same positions under each variant
    assert rows[0]["positions"] == rows[1]["positions"]
    # a full sweep resumes as any other
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:51]))
    p = cli(*args, "--resume")
    assert p.returncode == 0, p.stderr
    assert api.read_rows(out) == rows


def test_read_rows_checks_the_header_and_gives_a_dataframe(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    from cstosim import api

    out = tmp_path / "rows.jsonl"
    api.sweep_scenario(SUMMIT, samples=50, out=out, full_rows=True)
    df = api.read_rows(out, frame=True)
    assert len(df) == 50 and {"sample", "seed", "budget-2027", "budget-2027.ARM"} <= set(df)
    assert df.groupby("budget-2027.ARM")["budget-2027"].agg(set)["object"] == {"rejected"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sample": 0}\n')
    with pytest.raises(SweepError, match="not a sweep file"):
        api.read_rows(bad)


def test_read_rows_refuses_a_pipe_and_an_overlong_row_without_waiting_or_reading_on(
    tmp_path: Path,
) -> None:
    import os

    from cstosim.io import MAX_LINE
    from cstosim.whatif.rows import read_rows

    fifo = tmp_path / "rows.jsonl"
    os.mkfifo(fifo)  # no writer: opening it blocking would wait for ever
    with pytest.raises(SweepError, match="a pipe"):
        read_rows(fifo)
    out = tmp_path / "long.jsonl"
    api_rows = tmp_path / "ok.jsonl"
    from cstosim import api

    api.sweep_scenario(SUMMIT, samples=3, out=api_rows)
    header = api_rows.read_text(encoding="utf-8").splitlines()[0]
    out.write_text(header + "\n" + " " * (MAX_LINE + 10) + "{}\n", encoding="utf-8")
    with pytest.raises(SweepError, match=r"long.jsonl:2: not a sweep row \(a line longer than"):
        read_rows(out)
    assert len(read_rows(api_rows)[1]) == 3


def test_to_dataframe_takes_what_the_api_returns_or_says_what_it_takes() -> None:
    pd = pytest.importorskip("pandas")
    from cstosim import api

    moscow = str(ROOT / "scenarios" / "moscow-2009.yaml")
    assert isinstance(api.to_dataframe(api.run(moscow)["trace"]), pd.DataFrame)
    cmp = api.to_dataframe(api.compare(moscow, ["rule14=dissent", "rule14=no_objection"]))
    assert list(cmp.columns) == ["item", "rule14=dissent", "rule14=no_objection"]
    odds = api.to_dataframe(api.odds(SUMMIT))
    assert set(odds.columns) == {"item", "date", "outcome", "probability", "exact"}
    assert len(api.to_dataframe(api.sweep_scenario(SUMMIT, samples=20))) > 0
    with pytest.raises(api.ArgumentError, match="takes trace records, sweep rows"):
        api.to_dataframe(42)


def test_a_variant_is_checked_like_set_and_compare(cli: Cli) -> None:
    # rotation 'order' without an order: refused the same way whichever flag carries it
    for args in (
        ["sweep", SUMMIT, "--samples", "10", "--variant", "rotation=order"],
        ["sweep", SUMMIT, "--samples", "10", "--set", "rotation=order"],
        ["compare", SUMMIT, "--variant", "rotation=order", "--variant", "rule14=dissent"],
    ):
        p = cli(*args)
        assert p.returncode == 1, args
        assert "rotation 'order' needs order=" in p.stderr
