"""Trace outputs: JSON, JSON Lines and a readable timeline table (design 5.3)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cstosim.engine import ExpectResult, Run
from cstosim.report.console import terminal_width

__all__ = ["run_document", "to_json", "to_jsonl", "to_text"]

_POSITION_ORDER = ("support", "abstain", "object", "stand_aside", "absent")
_OUTCOME_STYLE = {
    "adopted": "bold green",
    "adopted_limited": "bold cyan",
    "rejected": "bold red",
    "no_quorum": "bold yellow",
    "inadmissible": "bold magenta",
}


def run_document(run: Run, expectations: Sequence[ExpectResult] = ()) -> dict[str, Any]:
    """The whole run as one JSON-ready document."""
    plan = run.plan
    return {
        "scenario": plan.name,
        "seed": run.seed,
        "rules": plan.rules_on(plan.start).as_dict(),
        "overrides": {k: list(v) if isinstance(v, tuple) else v for k, v in plan.overrides.items()},
        "start": plan.start.isoformat(),
        "end": plan.end.isoformat(),
        "trace": run.trace,
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
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in d.items()}


def to_json(run: Run, expectations: Sequence[ExpectResult] = ()) -> str:
    """The run as one JSON document (design 5.3)."""
    return json.dumps(run_document(run, expectations), ensure_ascii=False) + "\n"


def to_jsonl(run: Run) -> str:
    """The trace as JSON Lines: one record per line (design 5.3)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in run.trace)


def _positions(pos: dict[str, str]) -> str:
    groups: dict[str, list[str]] = {}
    for member, p in pos.items():
        groups.setdefault(p, []).append(member)
    return "; ".join(
        f"{p.replace('_', ' ')}: {' '.join(groups[p])}" for p in _POSITION_ORDER if p in groups
    )


def _row(rec: dict[str, Any]) -> tuple[str, str, str, str, Text, str]:
    """Date, what, item, positions, outcome and reason of one record."""
    kind = rec["kind"]
    what, item, positions, outcome, why = (
        kind,
        rec.get("item", ""),
        "",
        Text(""),
        rec.get("why", ""),
    )
    if kind == "decision" and rec["outcome"] == "inadmissible":
        what = "admissibility"
        outcome = Text("inadmissible", style=_OUTCOME_STYLE["inadmissible"])
        why = f"{why} [{', '.join(rec['cites'])}]"
    elif kind == "decision":
        what = f"{rec['body']} decision"
        positions = _positions(rec.get("positions", {}))
        outcome = Text(rec["outcome"], style=_OUTCOME_STYLE.get(rec["outcome"], ""))
        extra = []
        if rec.get("blockers"):
            extra.append(f"blocked by {' '.join(rec['blockers'])}")
        if rec.get("sensitive_to"):
            extra.append(f"decided by: {', '.join(rec['sensitive_to'])}")
        if extra:
            outcome.append("\n" + "\n".join(extra), style="dim")
        why = f"{why} [{', '.join(rec['cites'])}]"
    elif kind == "session":
        what = f"{rec['body']} session" + (" (extraordinary)" if rec.get("extraordinary") else "")
        item = ", ".join(rec.get("items", []))
        why = f"chair {rec.get('chair') or '-'}" + (
            f", host {rec['host']}" if rec.get("host") else ""
        )
    elif kind == "chair":
        what, item = "chair", rec["member"] or "-"
        why = f"{why} [{', '.join(rec['cites'])}]"
    elif kind == "membership":
        what, item = f"membership: {rec['change'].replace('_', ' ')}", rec["member"]
    elif kind == "request":
        outcome = Text(
            "admissible" if rec["admissible"] else "inadmissible",
            style="green" if rec["admissible"] else "magenta",
        )
        positions = f"{rec['by']} ({rec['threat'].replace('_', ' ')})"
    elif kind == "deployment":
        who = ", ".join(rec["contributors"])
        positions = who + (f"; {rec['total']:,} troops" if rec.get("total") else "")
    elif kind == "accession":
        positions = rec["member"]
    elif kind == "note":
        why = rec["text"]
    if kind in (
        "request",
        "consultation",
        "deployment",
        "report",
        "withdrawal",
        "accession",
        "membership",
    ) and rec.get("cites"):
        why = f"{why} [{', '.join(rec['cites'])}]"
    return rec["date"], what, item, positions, outcome, why


def to_text(run: Run, expectations: Sequence[ExpectResult] = (), width: int | None = None) -> str:
    """A readable timeline: date, body, item, positions, outcome and reason."""
    plan = run.plan
    if width is None:
        width = terminal_width()
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=False, color_system=None, highlight=False
    )
    rules = plan.rules_on(plan.start)
    console.print(
        Text(plan.name, style="bold"),
        Text(f" {plan.start.isoformat()} to {plan.end.isoformat()}, seed {run.seed}"),
    )
    over = ", ".join(f"{k}={v}" for k, v in plan.overrides.items()) or "none (dated defaults)"
    console.print(
        f"Rules on {plan.start.isoformat()}: rule14={rules.rule14}, "
        f"limited_format={str(rules.limited_format).lower()}, "
        f"rotation={rules.rotation}, quorum={rules.quorum or 'none'}; overrides: {over}",
        markup=False,
    )
    table = Table(show_lines=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("what", ratio=2, overflow="fold")
    table.add_column("item", ratio=2, overflow="fold")
    table.add_column("positions", ratio=3)
    table.add_column("outcome", ratio=2, overflow="fold")
    table.add_column("why", ratio=6)
    for rec in run.trace:
        table.add_row(*(c if isinstance(c, Text) else Text(c) for c in _row(rec)))
    console.print(table)
    if expectations:
        console.print("Expectations:")
        for e in expectations:
            console.print("  " + e.describe(), markup=False)
    return buf.getvalue()
