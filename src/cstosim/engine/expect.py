"""Check a run against its scenario's ``expect`` block."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cstosim.engine.world import Run
from cstosim.scenario.models import Expectation

__all__ = ["ExpectResult", "check_expectations"]

OTHER_RULES = "written for other rules"
UNTRACED = "sensitive_to is known in traced runs only"


@dataclass(frozen=True)
class ExpectResult:
    """One expectation, whether it held, and what the run gave."""

    expect: dict[str, Any]
    ok: bool
    actual: dict[str, Any] = field(default_factory=dict)
    skipped: bool = False
    reason: str = ""

    @property
    def wanted(self) -> str:
        """What was expected, as ``key=value`` pairs."""
        return ", ".join(f"{k}={_fmt(v)}" for k, v in self.expect.items())

    @property
    def got(self) -> str:
        """What the run gave, as ``key=value`` pairs."""
        return ", ".join(f"{k}={_fmt(v)}" for k, v in self.actual.items())

    def describe(self) -> str:
        """One line, in English: what was expected and what the run gave (the text report
        words it in the language of the moment: ``report.text.expectation_line``)."""
        if self.skipped:
            return f"skip  {self.wanted}  ({self.reason or OTHER_RULES})"
        if self.ok:
            return f"ok    {self.wanted}"
        return f"FAIL  {self.wanted}  (got {self.got})"

    @property
    def expectation(self) -> str:
        """What was expected, as ``key=value`` pairs."""
        return self.describe()[6:]


def _fmt(v: Any) -> str:
    if isinstance(v, bool):
        return str(v).lower()
    if v is None:
        return "none"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(map(str, v)) + "]"
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}={_fmt(x)}" for k, x in v.items()) + "}"
    return str(v)


def _as_dict(ex: Expectation) -> dict[str, Any]:
    """The keys the expectation sets (``when`` last), as written."""
    out = {k: v for k, v in ex.model_dump(exclude={"when"}).items() if v is not None}
    if ex.when is not None:
        out["when"] = {str(k): v for k, v in ex.when.overrides().items()}
    return out


def check_expectations(run: Run) -> list[ExpectResult]:
    """Each expectation of the plan with whether the run meets it."""
    results = []
    for ex in run.plan.expect:
        written = _as_dict(ex)
        dec = run.decisions.get(ex.item) if ex.item is not None else None
        day = ex.date or (dec.record.date if dec else None) or run.plan.start
        rules = run.plan.rules_on(day)
        when = ex.when.overrides() if ex.when is not None else {}
        if any(getattr(rules, k) != v for k, v in when.items()):
            results.append(ExpectResult(written, True, skipped=True, reason=OTHER_RULES))
            continue  # written for other rules than this run's
        written.pop("when", None)
        if ex.chair is not None:
            assert ex.date is not None  # the model requires a date with a chair
            got = run.chair_on(ex.date)
            results.append(ExpectResult(written, got == ex.chair, {"chair": got}))
            continue
        if dec is None:
            results.append(ExpectResult(written, False, {"outcome": "not decided"}))
            continue
        if ex.sensitive_to is not None and not run.traced:
            results.append(ExpectResult(written, True, skipped=True, reason=UNTRACED))
            continue
        actual: dict[str, Any] = {}
        ok = True
        for key in ("outcome", "blockers", "bound", "may_accede", "sensitive_to"):
            want = getattr(ex, key)
            if want is None:
                continue
            value = dec.bound if key == "bound" else getattr(dec.record, key)
            actual[key] = value
            if isinstance(want, list):
                ok &= sorted(want) == sorted(value)
            else:
                ok &= want == value
        results.append(ExpectResult(written, ok, actual))
    return results
