"""cstosim benchmarks: every figure is the median of repeated runs, and every speed a ratio
against a bare SimPy loop measured in the same run.

    python benchmarks/bench.py            # the full set (a few minutes on 2 cores)
    python benchmarks/bench.py --smoke    # seconds: checks that every figure can be produced

Prints one JSON document. Nothing here asserts a timing; the targets are printed beside the
figures so that a reader can compare.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import simpy
import yaml

from cstosim import __version__
from cstosim.engine import compile_scenario, simulate
from cstosim.engine.procedures.council import SessionSpec
from cstosim.scenario import Scenario, parse_scenario
from cstosim.whatif.explore import explore
from cstosim.whatif.odds import odds
from cstosim.whatif.samples import RowFormat, run_chunk_encoded
from cstosim.whatif.sweep import sample_seed, sweep

ROOT = Path(__file__).resolve().parents[1]
SUMMIT = ROOT / "scenarios" / "uncertain-summit-2026.yaml"
TWO = ROOT / "benchmarks" / "two-items.yaml"  # the summit's two uncertain items
MOSCOW = ROOT / "scenarios" / "moscow-2009.yaml"
SIX = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"]


def median_time(fn: Callable[[], Any], repeats: int) -> float:
    """The median wall time of ``repeats`` calls of ``fn``."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


# -- the bare SimPy loop ------------------------------------------------------------------------
def bare_outcome(pos: dict[str, str], rule14: str, lf: bool) -> str:
    """Design 2.1 evaluated inline, the least a simulator must do per item."""
    took = obj = sup = aside = absent = 0
    for p in pos.values():
        if p == "support":
            took += 1
            sup += 1
        elif p == "abstain":
            took += 1
        elif p == "object":
            took += 1
            obj += 1
        elif p == "stand_aside" and lf:
            aside += 1
        else:
            absent += 1
    if not took:
        return "no_quorum"
    if obj or (absent and rule14 == "dissent"):
        return "rejected"
    if not sup and not (rule14 == "consent" and absent):
        return "rejected"
    return "adopted_limited" if aside else "adopted"


def bare_sweep(
    items: list[tuple[str, dict[str, Any]]],
    members: list[str],
    seed: int,
    samples: int,
    out: io.TextIOBase,
) -> None:
    """One environment per sample, one session process, the same draws, one row per sample."""
    for i in range(samples):
        s = sample_seed(seed, i)
        env = simpy.Environment()
        row: dict[str, str] = {}

        def session(env: simpy.Environment, s: int = s, row: dict = row) -> Any:
            yield env.timeout(25)
            rng = random.Random(s)
            for item, given in items:
                pos = {}
                for m in members:
                    spec = given.get(m, "support")
                    if isinstance(spec, str):
                        pos[m] = spec
                    else:
                        u, acc = rng.random(), 0.0
                        for p, q in spec:
                            acc += q
                            if u < acc:
                                pos[m] = p
                                break
                        else:
                            pos[m] = spec[-1][0]
                row[item] = bare_outcome(pos, "dissent", True)

        env.process(session(env))
        env.run()
        out.write(json.dumps({"sample": i, "seed": s, "outcomes": row}) + "\n")


def plan_of(path: Path):
    sc, _ = parse_scenario(path.read_text(), str(path))
    return compile_scenario(sc)


def summit_plan():
    return plan_of(SUMMIT)


def bench_sweep_throughput(samples: int, repeats: int) -> dict[str, Any]:
    """One worker on the two-item scenario, rows encoded as JSONL (what a sweep writes)."""
    plan = plan_of(TWO)
    (ev,) = [e for e in plan.events if isinstance(e, SessionSpec)]
    items = [(it.id, it.positions) for it in ev.items]
    members = sorted(m for m in plan.status if m != "UZB")
    fmt = RowFormat("jsonl")

    def ours() -> None:
        io.BytesIO().write(run_chunk_encoded(plan, 0, samples, fmt).data)

    def bare() -> None:
        bare_sweep(items, members, plan.seed, samples, io.StringIO())

    t_ours, t_bare = median_time(ours, repeats), median_time(bare, repeats)
    return {
        "scenario": "benchmarks/two-items.yaml",
        "samples": samples,
        "cstosim_per_s": samples / t_ours,
        "bare_per_s": samples / t_bare,
        "ratio": t_bare / t_ours,
        "target": ">= 0.5",
    }


def command_time(args: list[str], repeats: int) -> float:
    """The median wall time of a whole ``cstosim`` command, as a user runs it."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cstosim", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_workers(sizes: list[int], repeats: int) -> dict[str, Any]:
    """Whole sweep commands on the two-item scenario: 1 and 2 local workers, and Dask."""
    out: dict[str, Any] = {"scenario": "benchmarks/two-items.yaml", "sizes": {}}
    with tempfile.TemporaryDirectory() as d:
        rows = str(Path(d) / "rows.jsonl")

        def cmd(n: int, *extra: str) -> list[str]:
            Path(rows).unlink(missing_ok=True)
            return ["sweep", str(TWO), "--samples", str(n), "--out", rows, *extra]

        def timed(n: int, *extra: str) -> float:
            times = []
            for _ in range(repeats):
                Path(rows).unlink(missing_ok=True)
                times.append(command_time(cmd(n, *extra), 1))
            return statistics.median(times)

        for n in sizes:
            t1 = timed(n, "--workers", "1")
            t2 = timed(n, "--workers", "2")
            out["sizes"][str(n)] = {
                "local_1_worker_s": t1,
                "local_2_workers_s": t2,
                "speedup_1_to_2": t1 / t2,
            }
        largest = str(max(sizes))
        td = timed(max(sizes), "--workers", "2", "--backend", "dask")
        out["speedup_target"] = ">= 1.9 at 200,000 and >= 1.5 at 20,000"
        out["dask_2_workers_s"] = td
        out["dask_vs_local"] = out["sizes"][largest]["local_2_workers_s"] / td
        out["dask_target"] = ">= 0.8, counting the LocalCluster's start and stop"
    return out


def bench_startup(repeats: int) -> dict[str, Any]:
    """Whole commands on a small bundled scenario, beside what Python and pydantic alone take."""

    def python(code: str) -> float:
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    return {
        "validate_s": command_time(["validate", str(MOSCOW)], repeats),
        "run_s": command_time(["run", str(MOSCOW)], repeats),
        "python_alone_s": python("pass"),
        "python_importing_pydantic_s": python("import pydantic"),
        "target": "validate and run < 0.25 s",
    }


def bench_bundled_runs(repeats: int) -> dict[str, Any]:
    """Each bundled scenario run once with the full trace (and its whole-run sensitivity)."""
    seconds = {}
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        plan = plan_of(path)
        seconds[path.stem] = median_time(lambda plan=plan: simulate(plan), repeats)
    return {
        "seconds": seconds,
        "slowest_s": max(seconds.values()),
        "target": "< 0.2 s each",
    }


def bench_odds(samples: int, repeats: int) -> dict[str, Any]:
    """Exact odds of the summit against a sweep of it, and whether they fall in its intervals."""
    plan = summit_plan()
    t_odds = median_time(lambda: odds(plan), repeats)
    t_sweep = median_time(lambda: sweep(plan, samples), max(1, repeats // 2))
    intervals = {e["item"]: e["intervals"] for e in sweep(plan, samples).as_dict()["items"]}
    inside = all(
        intervals[it.item][o.value][0] <= p <= intervals[it.item][o.value][1]
        for it in odds(plan).items
        for o, p in it.probabilities.items()
    )
    return {
        "samples": samples,
        "odds_s": t_odds,
        "sweep_s": t_sweep,
        "ratio": t_sweep / t_odds,
        "exact_inside_sweep_intervals": inside,
        "target": ">= 100, and exact",
    }


# -- the synthetic long scenario ------------------------------------------------------------------
def synthetic(years: int) -> dict[str, Any]:
    """A regular session a year (10 items), 4 extraordinary sessions a year, membership
    changes, an Article 4 crisis a decade."""
    start = date(2030, 1, 1)
    events: list[dict[str, Any]] = []
    n = 0
    for y in range(years):
        base = date(start.year + y, 1, 1)
        for k in range(4):
            n += 1
            events.append(
                {
                    "date": (base + timedelta(days=40 + 70 * k)).isoformat(),
                    "type": "session",
                    "extraordinary": True,
                    "items": [
                        {"id": f"x{n}", "positions": {"ARM": {"support": 0.6, "absent": 0.4}}}
                    ],
                }
            )
        events.append(
            {
                "date": (base + timedelta(days=330)).isoformat(),
                "type": "session",
                "host": SIX[y % 6],
                "items": [
                    {
                        "id": f"r{y}-{j}",
                        "positions": {
                            "ARM": {"stand_aside": 0.7, "object": 0.1, "support": 0.2},
                            "BLR": {"support": 0.9, "abstain": 0.1},
                        },
                    }
                    for j in range(10)
                ],
            }
        )
        if y % 5 == 2:
            events.append(
                {
                    "date": (base + timedelta(days=100)).isoformat(),
                    "type": "unfreeze",
                    "member": "ARM",
                }
            )
        if y % 5 == 4:
            events.append(
                {
                    "date": (base + timedelta(days=100)).isoformat(),
                    "type": "freeze",
                    "member": "ARM",
                }
            )
        if y % 10 == 5:
            events.append(
                {
                    "date": (base + timedelta(days=200)).isoformat(),
                    "type": "request_assistance",
                    "by": "KAZ",
                    "threat": "armed_attack",
                    "id": f"crisis-{y}",
                    "mission_days": 20,
                }
            )
    end = date(start.year + years - 1, 12, 31)
    return {
        "name": f"synthetic {years} years",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "seed": 1,
        "events": events,
    }


def synthetic_plan(years: int):
    # Built in Python, so validated as a model; a file this long would pass the 1 MiB limit.
    return compile_scenario(Scenario.model_validate(synthetic(years)))


def bare_decisions(count: int, members: list[str], days: int) -> list[dict[str, Any]]:
    """A bare SimPy loop making ``count`` decisions over ``days``, a record each."""
    env = simpy.Environment()
    trace: list[dict[str, Any]] = []
    rng = random.Random(1)
    gap = max(days // max(count, 1), 0)

    def proc(env: simpy.Environment) -> Any:
        for k in range(count):
            yield env.timeout(gap)
            pos = {m: ("support" if rng.random() < 0.9 else "abstain") for m in members}
            trace.append({"day": env.now, "item": k, "outcome": bare_outcome(pos, "dissent", True)})

    env.process(proc(env))
    env.run()
    return trace


def bench_engine(years: int, repeats: int) -> dict[str, Any]:
    plan = synthetic_plan(years)
    run = simulate(plan)
    decisions = len(run.decisions)
    t_ours = median_time(lambda: simulate(plan), repeats)
    days = (plan.end - plan.start).days
    t_bare = median_time(lambda: bare_decisions(decisions, SIX, days), repeats)
    return {
        "years": years,
        "decisions": decisions,
        "records": len(run.trace),
        "cstosim_decisions_per_s": decisions / t_ours,
        "bare_decisions_per_s": decisions / t_bare,
        "ratio": t_bare / t_ours,
        "target": ">= 0.33",
    }


def bench_scaling(years_list: list[int], repeats: int) -> dict[str, Any]:
    points = []
    for years in years_list:
        plan = synthetic_plan(years)
        points.append((years, median_time(lambda plan=plan: simulate(plan), repeats)))
    xs = [math.log(y) for y, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )
    return {
        "seconds_by_years": {str(y): t for y, t in points},
        "loglog_exponent": slope,
        "target": "<= 1.1",
    }


def bench_explore(members: int, engine_sample: int, repeats: int) -> dict[str, Any]:
    council = ["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB"][:members]
    t_explore = median_time(lambda: explore(council, full_check=False), repeats)
    variants = 6
    profiles = 5**members
    rng = random.Random(7)
    positions = ["support", "abstain", "object", "stand_aside", "absent"]
    plans = []
    for _ in range(engine_sample):
        pos = {m: rng.choice(positions) for m in council}
        data = {
            "name": "p",
            "start": "2026-01-01",
            "end": "2026-01-02",
            "members": council,
            "events": [
                {"date": "2026-01-01", "type": "session", "items": [{"id": "i", "positions": pos}]}
            ],
        }
        sc, _ = parse_scenario(yaml.safe_dump(data), "<p>")
        plans.append(compile_scenario(sc))

    def engine_runs() -> None:
        for p in plans:
            simulate(p)

    per_profile = median_time(engine_runs, repeats) / engine_sample
    engine_total = per_profile * profiles * variants
    return {
        "members": members,
        "profiles_per_variant": profiles,
        "variants": variants,
        "explore_s": t_explore,
        "engine_s_per_profile": per_profile,
        "engine_sample_profiles": engine_sample,
        "engine_all_profiles_s_extrapolated": engine_total,
        "ratio": engine_total / t_explore,
        "target": ">= 50",
    }


def peak_rss_kb(args: list[str]) -> int:
    """Peak resident memory of a child process, in KiB."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise RuntimeError(f"{args} exited with {status}")
    return usage.ru_maxrss


def bench_memory(small: int, large: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as d:

        def rss(n: int) -> int:
            out = Path(d) / f"{n}.jsonl"
            out.unlink(missing_ok=True)
            return peak_rss_kb(
                [
                    sys.executable,
                    "-m",
                    "cstosim",
                    "sweep",
                    str(SUMMIT),
                    "--samples",
                    str(n),
                    "--out",
                    str(out),
                ]
            )

        a = statistics.median(rss(small) for _ in range(3))
        b = statistics.median(rss(large) for _ in range(3))
    return {
        "samples_small": small,
        "samples_large": large,
        "peak_kb_small": a,
        "peak_kb_large": b,
        "ratio": b / a,
        "target": "<= 1.2",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="tiny sizes: seconds, not minutes")
    args = ap.parse_args()
    smoke = args.smoke
    r = 1 if smoke else 5
    figures: dict[str, Any] = {
        "cstosim": __version__,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "mode": "smoke" if smoke else "full",
        "statistic": "median of repeated runs",
    }
    figures["odds_vs_sweep"] = bench_odds(200 if smoke else 10_000, r)
    figures["sweep_throughput_1_worker"] = bench_sweep_throughput(200 if smoke else 20_000, r)
    figures["sweep_workers"] = bench_workers(
        [200, 400] if smoke else [20_000, 200_000], 1 if smoke else 3
    )
    figures["startup"] = bench_startup(3 if smoke else 11)
    figures["bundled_runs"] = bench_bundled_runs(r)
    figures["engine_100_years"] = bench_engine(10 if smoke else 100, r)
    figures["explore_7_members"] = bench_explore(3 if smoke else 7, 20 if smoke else 300, r)
    figures["memory_sweep"] = bench_memory(200 if smoke else 10_000, 2000 if smoke else 100_000)
    figures["cost_vs_years"] = bench_scaling(
        [2, 5, 10] if smoke else [10, 100, 1000], 1 if smoke else 3
    )
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
