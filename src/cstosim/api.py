"""The Python API for notebooks and scripts: load, run, compare, sweep, explore.

Each function returns plain data (dicts and lists); ``to_dataframe`` turns rows into a pandas
DataFrame where pandas is installed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from cstosim.engine import Plan, check_expectations, compile_scenario, simulate
from cstosim.report.trace import run_document
from cstosim.scenario import load_scenario
from cstosim.scenario import models as m
from cstosim.whatif.compare import Comparison, parse_variant
from cstosim.whatif.compare import compare as _compare
from cstosim.whatif.explore import COUNTED, explore
from cstosim.whatif.sweep import SweepError, SweepSummary, sweep

__all__ = [
    "SweepError",
    "compare",
    "explore_council",
    "item_ids",
    "load",
    "parse_variant",
    "run",
    "sweep_scenario",
    "to_dataframe",
    "write_counterexamples",
]

TODAYS_COUNCIL = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")


def load(path: str | Path) -> m.Scenario:
    """A checked scenario from a file (raises ScenarioError with FILE:LINE:COL problems)."""
    return load_scenario(path)[0]


def _scenario(s: m.Scenario | str | Path) -> m.Scenario:
    return s if isinstance(s, m.Scenario) else load(s)


def run(
    scenario: m.Scenario | str | Path,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int | None = None,
) -> dict[str, Any]:
    """Run a scenario once: {"scenario", "seed", "rules", "trace", "expectations", ...}."""
    sc = _scenario(scenario)
    result = simulate(compile_scenario(sc, overrides=dict(overrides or {}), seed=seed))
    return run_document(result, check_expectations(result))


def compare(
    scenario: m.Scenario | str | Path,
    variants: Sequence[str | tuple[str, Mapping[str, Any]]],
    *,
    seed: int | None = None,
) -> Comparison:
    """Outcomes item by item under each variant ("rule14=dissent" or (label, overrides))."""
    parsed = [parse_variant(v) if isinstance(v, str) else v for v in variants]
    return _compare(_scenario(scenario), parsed, seed=seed)


def item_ids(sc: m.Scenario) -> list[str]:
    """Every item id of a scenario in file order (session items and requests)."""
    out = []
    for ev in sc.events:
        if isinstance(ev, m.Session):
            out += [it.id for it in ev.items]
        elif isinstance(ev, m.RequestAssistance):
            out.append(ev.item_id)
    return out


def sweep_scenario(
    sc: m.Scenario,
    plan: Plan | None = None,
    samples: int = 1000,
    *,
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool = False,
) -> SweepSummary:
    """Sweep ``samples`` seeds of a scenario; rows stream to ``out`` if given."""
    plan = plan or compile_scenario(sc)
    resolved = sc.model_dump(mode="json", by_alias=True, exclude_none=True)
    kwargs: dict[str, Any] = dict(
        workers=workers,
        backend=backend,
        scheduler=scheduler,
        out=out,
        resume=resume,
        resolved=resolved,
        items=item_ids(sc),
    )
    if not progress:
        return sweep(plan, samples, **kwargs)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("samples", total=samples)
        result = sweep(plan, samples, on_row=lambda _row: bar.advance(task), **kwargs)
    return result


def explore_council(
    members: Sequence[str] = TODAYS_COUNCIL, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Every profile of the five positions, per variant (design 5.4 JSON)."""
    from cstosim.members import STATES

    unknown = [c for c in members if c not in STATES]
    if unknown:
        raise ValueError(
            f"unknown member code(s) {', '.join(unknown)}; allowed: " + ", ".join(STATES)
        )
    ov = dict(overrides or {})
    extra = set(ov) - {"rule14", "limited_format", "quorum"}
    if extra:
        raise ValueError(
            f"explore varies rule14, limited_format and quorum only, not {', '.join(sorted(extra))}"
        )
    variants = explore(
        members,
        rule14=(ov["rule14"],) if "rule14" in ov else ("dissent", "no_objection", "consent"),
        limited_format=(ov["limited_format"],) if "limited_format" in ov else (False, True),
        quorum=(None, ov["quorum"]) if ov.get("quorum") is not None else (None,),
    )
    members = list(dict.fromkeys(members))
    return {
        "members": members,
        "profiles": 5 ** len(members),
        "outcomes": list(COUNTED),
        "variants": [v.as_dict() for v in variants],
    }


def write_counterexamples(result: Mapping[str, Any], directory: str | Path) -> list[Path]:
    """Write each counterexample of an exploration as a scenario file; return the paths."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    paths = []
    for vi, v in enumerate(result["variants"]):
        for ci, sc in enumerate(v["counterexamples"]):
            p = d / f"counterexample-{vi}-{ci}.yaml"
            p.write_text(yaml.safe_dump(sc, sort_keys=False, allow_unicode=True), encoding="utf-8")
            paths.append(p)
    return paths


def to_dataframe(rows: Sequence[Mapping[str, Any]]) -> Any:
    """Rows (trace records or sweep rows) as a pandas DataFrame; needs pandas installed."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install pandas") from None
    flat = []
    for r in rows:
        row = {k: v for k, v in r.items() if k != "outcomes"}
        row.update(r.get("outcomes", {}))
        flat.append(row)
    return pd.DataFrame(flat)
