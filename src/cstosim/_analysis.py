"""What the API gives analysts beyond runs: explorations of a council, tidy tables, and
DataFrames of whatever the API returns (assembled into ``cstosim.api``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cstosim.engine.deciding import reform_for
from cstosim.errors import ArgumentError, HistoryError
from cstosim.history import ChairYear, chair_table
from cstosim.i18n import _
from cstosim.rules.consensus import decide as _consensus
from cstosim.rules.ruleset import RuleSet, check_overrides
from cstosim.vocabulary import DecisionRule, Position, Rule14, RuleKey

if TYPE_CHECKING:
    from cstosim.whatif.sweep import SweepSummary

__all__ = [
    "EXPLORE_KEYS",
    "TODAYS_COUNCIL",
    "explore_council",
    "invariants_hold",
    "read_rows",
    "run_chairs",
    "table",
    "to_dataframe",
    "write_counterexamples",
]

TODAYS_COUNCIL = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
# the rule keys explore varies (the others do not change how one item is decided)
EXPLORE_KEYS = frozenset(
    {
        RuleKey.RULE14,
        RuleKey.LIMITED_FORMAT,
        RuleKey.QUORUM,
        RuleKey.DECISION,
        RuleKey.THRESHOLD,
        RuleKey.WEIGHTS,
    }
)

REFORM_KEYS = frozenset({RuleKey.DECISION, RuleKey.THRESHOLD, RuleKey.WEIGHTS})


def table(summary: SweepSummary) -> Any:
    """A sweep's counts as a tidy table, one row per item, variant and outcome (count, share,
    95% interval): a pandas DataFrame where pandas is installed, plain records otherwise."""
    records = summary.records()
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return records
    return pd.DataFrame(records, columns=list(records[0]) if records else None)


def explore_council(
    members: Sequence[str] = TODAYS_COUNCIL,
    overrides: Mapping[str, Any] | None = None,
    fixed: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Every profile of the five positions, per variant: the JSON of design 5.4 (members,
    profiles, outcomes, and per variant counts, power indices, invariants). ``fixed``
    (member -> position) holds those members' positions: the profiles are the others'."""
    from cstosim.members import STATES
    from cstosim.whatif.explore import COUNTED, explore

    unknown = [c for c in members if c not in STATES]
    if unknown:
        raise ArgumentError(
            _("unknown member code(s) {codes}; allowed: {allowed}").format(
                codes=", ".join(unknown), allowed=", ".join(STATES)
            )
        )
    ov: dict[str, Any] = {str(k): v for k, v in check_overrides(overrides or {}).items()}
    held: dict[str, Position] = {}
    for member, position in (fixed or {}).items():
        if position not in Position.__members__.values():
            raise ArgumentError(
                _("{member} cannot be fixed to {position}; allowed: {allowed}").format(
                    member=member, position=repr(position), allowed=", ".join(Position)
                )
            )
        held[member] = Position(position)
    extra = set(ov) - EXPLORE_KEYS
    if extra:
        raise ArgumentError(
            "explore varies rule14, limited_format and quorum, under a decision rule "
            f"(decision, threshold, weights), not {', '.join(sorted(extra))}"
        )
    rules = RuleSet().with_(**{k: v for k, v in ov.items() if k in REFORM_KEYS})
    fn = reform_for(rules)
    reform: dict[str, Any] | None = None
    rule14, lf = (
        (Rule14(ov["rule14"]),) if "rule14" in ov else tuple(Rule14),
        (ov["limited_format"],) if "limited_format" in ov else (False, True),
    )
    if fn is not None:
        reform = {"decision": rules.decision.value}
        if rules.decision == DecisionRule.QUALIFIED_MAJORITY:
            # neither reading enters a qualified majority: one variant says all
            reform.update(threshold=rules.threshold, weights=dict(rules.weights or ()))
            rule14, lf = rule14[:1], lf[-1:]
    variants = explore(
        members,
        rule14=rule14,
        limited_format=lf,
        quorum=(None, ov["quorum"]) if ov.get("quorum") is not None else (None,),
        decide_fn=fn or _consensus,
        reform=reform,
        anonymous=not (rules.decision == DecisionRule.QUALIFIED_MAJORITY and rules.weights),
        fixed=held,
    )
    members = list(dict.fromkeys(members))
    return {
        "members": members,
        "profiles": len(Position) ** (len(members) - len(held)),
        "fixed": {m: p.value for m, p in held.items()},
        "outcomes": [o.value for o in COUNTED],
        "variants": [v.as_dict() for v in variants],
    }


def invariants_hold(result: Mapping[str, Any]) -> bool:
    """Whether every variant of an ``explore_council`` result keeps the invariants."""
    return all(not v["counterexamples"] for v in result["variants"])


def write_counterexamples(result: Mapping[str, Any], directory: str | Path) -> list[Path]:
    """Write each counterexample of an exploration as a scenario file; the paths written.

    Each file is replaced whole (``cstosim.io``); raises ``cstosim.io.OutputError``."""
    from cstosim import io as cio

    d = Path(directory)
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise cio.OutputError(f"cannot write to {d}: {e.strerror or e}", path=d) from None
    paths = []
    for vi, v in enumerate(result["variants"]):
        for ci, sc in enumerate(v["counterexamples"]):
            p = d / f"counterexample-{vi}-{ci}.yaml"
            cio.write_text(p, yaml.safe_dump(sc, sort_keys=False, allow_unicode=True))
            paths.append(p)
    return paths


def read_rows(path: str | Path, *, frame: bool = False) -> Any:
    """The rows of a sweep file (``sweep --out``: JSONL, or CSV with its sidecar; the header
    checked), each as a JSONL row is; with ``frame``, a pandas DataFrame (``to_dataframe``)."""
    from cstosim.whatif.rows import read_rows as _read

    _header, rows = _read(path)
    return to_dataframe(rows) if frame else rows


def to_dataframe(data: Any) -> Any:
    """A pandas DataFrame of what the API returns: trace records (``run(...)["trace"]``), sweep
    rows (``read_rows``; one column per item's outcome, and with full rows one per drawn
    position and per item's blockers), a sweep summary (``table``), a comparison (one row per
    item, one column per variant) or exact odds (one row per item and outcome). Needs pandas."""
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install -e '.[notebook]'") from None
    from cstosim.whatif.compare import Comparison
    from cstosim.whatif.odds import Odds
    from cstosim.whatif.sweep import SweepSummary

    if isinstance(data, SweepSummary):
        return table(data)
    if isinstance(data, Comparison):
        return pd.DataFrame(
            [
                dict(zip(["item", *data.variants], [it["item"], *it["outcomes"]], strict=True))
                for it in data.items
            ]
        )
    if isinstance(data, Odds):
        return pd.DataFrame(
            [
                {
                    "item": it.item,
                    "date": it.day,
                    "outcome": o.value,
                    "probability": float(p),
                    "exact": str(p),
                }
                for it in data.items
                for o, p in it.probabilities.items()
            ]
        )
    rows = list(data) if isinstance(data, Sequence) and not isinstance(data, str) else None
    if rows is None or not all(isinstance(r, Mapping) for r in rows):
        raise ArgumentError(
            f"to_dataframe takes trace records, sweep rows, a sweep summary, a comparison or "
            f"exact odds, not {type(data).__name__}"
        )
    flat = []
    for r in rows:
        row = {k: v for k, v in r.items() if k not in ("outcomes", "positions", "blockers")}
        if "outcomes" in r and isinstance(r["outcomes"], Mapping):
            row.update(r["outcomes"])
        for item, drawn in (r.get("positions") or {}).items() if "sample" in r else ():
            row.update({f"{item}.{m}": p for m, p in drawn.items()})
        for item, who in (r.get("blockers") or {}).items() if "sample" in r else ():
            row[f"{item}.blockers"] = ";".join(who)
        if "sample" not in r:  # a trace record keeps its own fields
            row = dict(r)
        flat.append(row)
    return pd.DataFrame(flat)


def run_chairs(scenario: Any, start: int | None = None, end: int | None = None) -> list[ChairYear]:
    """The CSC chair on 1 July of each year of a scenario's run (within ``start``..``end``),
    each row marked as the built-in table marks it (record, projection) where the run agrees
    with it, and ``what-if`` where the scenario changed it."""
    from datetime import date

    from cstosim.api import simulate_scenario

    run = simulate_scenario(scenario, trace=False)
    plan = run.plan
    first, last = start or plan.start.year, end or plan.end.year
    if last < first:
        raise HistoryError(
            f"the last year {last} is before the first {first}",
            first=first,
            last=last,
            bound="order",
        )
    built: dict[int, ChairYear] = {}
    for year in range(first, last + 1):
        try:
            (built[year],) = chair_table(year, year)
        except HistoryError:
            continue  # before the record begins: no row of the built-in table to compare
    rows = []
    for year in range(first, last + 1):
        day = date(year, 7, 1)
        member = run.chair_on(day) if plan.start <= day <= plan.end else None
        if member is None:
            continue
        same = built.get(year)
        if same is not None and same.member == member:
            rows.append(same)
        else:
            note = f"this run; the built-in table has {same.member}" if same else "this run"
            rows.append(ChairYear(year, member, "what-if", note=note))
    return rows
