"""Check a run against its scenario's ``expect`` block."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cstosim.engine.sim import Run

__all__ = ["ExpectResult", "check_expectations"]


@dataclass(frozen=True)
class ExpectResult:
    """One expectation, whether it held, and what the run gave."""

    expect: dict[str, Any]
    ok: bool
    actual: dict[str, Any]
    skipped: bool = False

    def describe(self) -> str:
        """One line: what was expected and what the run gave."""
        want = ", ".join(f"{k}={_fmt(v)}" for k, v in self.expect.items())
        if self.skipped:
            return f"skip  {want}  (written for other rules)"
        if self.ok:
            return f"ok    {want}"
        got = ", ".join(f"{k}={_fmt(v)}" for k, v in self.actual.items())
        return f"FAIL  {want}  (got {got})"


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if v is None:
        return "none"
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}={_fmt(x)}" for k, x in v.items()) + "}"
    return str(v)


def _decided_on(run: Run, item: str | None) -> date | None:
    dec = run.decisions.get(item) if item else None
    return date.fromisoformat(dec.record["date"]) if dec else None


def check_expectations(run: Run) -> list[ExpectResult]:
    """Each expectation of the plan with whether the run meets it."""
    results = []
    for ex in run.plan.expect:
        when = ex.get("when") or {}
        day = ex.get("date") or _decided_on(run, ex.get("item")) or run.plan.start
        rules = run.plan.rules_on(day).as_dict()
        if any(rules.get(k) != (list(v) if isinstance(v, tuple) else v) for k, v in when.items()):
            results.append(ExpectResult(ex, True, {}, skipped=True))
            continue  # written for other rules than this run's
        ex = {k: v for k, v in ex.items() if k != "when"}
        if "chair" in ex:
            day = ex["date"]
            got = run.chair_on(day)
            results.append(ExpectResult(ex, got == ex["chair"], {"chair": got}))
            continue
        dec = run.decisions.get(ex["item"])
        if dec is None:
            results.append(ExpectResult(ex, False, {"outcome": "not decided"}))
            continue
        actual: dict[str, Any] = {}
        ok = True
        for key in ("outcome", "blockers", "bound", "may_accede", "sensitive_to"):
            if key not in ex:
                continue
            value = (
                dec.outcome
                if key == "outcome"
                else (dec.bound if key == "bound" else dec.record.get(key))
            )
            actual[key] = value
            want = ex[key]
            if isinstance(want, list):
                ok &= sorted(want) == sorted(value or [])
            else:
                ok &= want == value
        results.append(ExpectResult(ex, ok, actual))
    return results
