"""Trace outputs as data: the run document (JSON) and JSON Lines (design 5.3)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from cstosim.engine import ExpectResult, Run
from cstosim.engine.records import plain
from cstosim.report.safe import json_safe

__all__ = ["run_document", "to_json", "to_jsonl"]


def run_document(run: Run, expectations: Sequence[ExpectResult] = ()) -> dict[str, Any]:
    """The whole run as one fresh JSON-ready document."""
    plan = run.plan
    return {
        "scenario": plan.name,
        "seed": run.seed,
        "rules": plan.rules_on(plan.start).as_dict(),
        "overrides": plain(dict(plan.overrides)),
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "trace": [r.to_json() for r in run.trace],
        "expectations": [
            {
                "expect": _plain(e.expect),
                "ok": e.ok,
                "skipped": e.skipped,
                "actual": _plain(e.actual),
            }
            for e in expectations
        ],
    }


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    return {k: plain(v) for k, v in d.items()}


def to_json(run: Run, expectations: Sequence[ExpectResult] = ()) -> str:
    """The run as one JSON document (design 5.3)."""
    return json_safe(json.dumps(run_document(run, expectations), ensure_ascii=False)) + "\n"


def to_jsonl(run: Run) -> str:
    """The trace as JSON Lines: one record per line (design 5.3)."""
    return "".join(json_safe(json.dumps(r.to_json(), ensure_ascii=False)) + "\n" for r in run.trace)
