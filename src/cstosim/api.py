"""The Python API: everything the command line does, for notebooks and scripts.

Load a scenario (``load``, ``parse``), compile it (``plan``), run it (``simulate`` for the typed
run, ``run`` for a JSON-ready document), check it (``check``), render it (``render``), and explore
what-ifs (``compare``, ``sweep_scenario``, ``explore_council``). Errors are ``CstosimError``s; a
scenario that was read from a file gets its mistakes as ``ScenarioError`` at FILE:LINE:COL, from
loading and compiling alike.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from cstosim.engine import ExpectResult, Plan, Run, check_expectations, compile_scenario, simulate
from cstosim.engine.deciding import reform_for
from cstosim.errors import ArgumentError, PlanError, Pos, Problem, ScenarioError, SweepError
from cstosim.history import ChairYear, chair_table, sg_table
from cstosim.provisions import CATALOGUE, Provision
from cstosim.provisions import get as provision
from cstosim.report.safe import clean
from cstosim.rules.consensus import decide as _consensus
from cstosim.rules.ruleset import RULE_KEYS, RuleSet, check_overrides, parse_rule_value
from cstosim.scenario import load_scenario, parse_scenario
from cstosim.scenario import models as m
from cstosim.sources import SOURCES, Source
from cstosim.vocabulary import Backend, DecisionRule, Office, Position, Rule14, RuleKey

REFORM_KEYS = frozenset({RuleKey.DECISION, RuleKey.THRESHOLD, RuleKey.WEIGHTS})

if TYPE_CHECKING:  # the names of _LAZY below, for type checkers
    from cstosim.report.compare_html import comparison_html as render_comparison_html
    from cstosim.report.odds import render_odds
    from cstosim.report.plots import FORMATS as PLOT_SUFFIXES
    from cstosim.report.text import render_chairs, render_provision, render_source
    from cstosim.report.whatif import render_comparison, render_exploration, render_summary
    from cstosim.whatif.compare import Comparison, parse_variant
    from cstosim.whatif.odds import Odds, OddsError
    from cstosim.whatif.sweep import SweepSummary

# What a command needs is imported when it needs it (networkx for the graph, Rich for text
# tables, the what-if machinery, matplotlib for plots), so that validating or running a small
# scenario starts quickly. These names are the API's all the same: reading one imports it.
_LAZY: dict[str, tuple[str, str]] = {
    "Comparison": ("cstosim.whatif.compare", "Comparison"),
    "Odds": ("cstosim.whatif.odds", "Odds"),
    "OddsError": ("cstosim.whatif.odds", "OddsError"),
    "PLOT_SUFFIXES": ("cstosim.report.plots", "FORMATS"),
    "SweepSummary": ("cstosim.whatif.sweep", "SweepSummary"),
    "parse_variant": ("cstosim.whatif.compare", "parse_variant"),
    "render_chairs": ("cstosim.report.text", "render_chairs"),
    "render_comparison": ("cstosim.report.whatif", "render_comparison"),
    "render_comparison_html": ("cstosim.report.compare_html", "comparison_html"),
    "render_exploration": ("cstosim.report.whatif", "render_exploration"),
    "render_odds": ("cstosim.report.odds", "render_odds"),
    "render_provision": ("cstosim.report.text", "render_provision"),
    "render_source": ("cstosim.report.text", "render_source"),
    "render_summary": ("cstosim.report.whatif", "render_summary"),
}


def __getattr__(name: str) -> Any:
    """The names of ``_LAZY``, imported on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


__all__ = [
    "BACKENDS",
    "CATALOGUE",
    "EXPLORE_KEYS",
    "FORMATS",
    "GRAPH_FORMATS",
    "PLOT_SUFFIXES",
    "RULE_KEYS",
    "TODAYS_COUNCIL",
    "Odds",
    "OddsError",
    "Provision",
    "ScenarioError",
    "SweepError",
    "chairs",
    "check",
    "clean",
    "compare",
    "compare_readings",
    "explore_council",
    "graph",
    "invariants_hold",
    "item",
    "item_ids",
    "load",
    "located",
    "odds",
    "parse",
    "parse_rule_value",
    "parse_variant",
    "plan",
    "plot",
    "provision",
    "render",
    "render_chairs",
    "render_comparison",
    "render_comparison_html",
    "render_exploration",
    "render_odds",
    "render_provision",
    "render_source",
    "render_summary",
    "run",
    "scenario",
    "schema",
    "session",
    "simulate_scenario",
    "source",
    "sweep_scenario",
    "table",
    "to_dataframe",
    "uncertain_items",
    "write_counterexamples",
]

BACKENDS = tuple(b.value for b in Backend)
TODAYS_COUNCIL = ("ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK")
FORMATS = ("text", "json", "jsonl", "html")
GRAPH_FORMATS = ("dot", "mermaid", "svg")
_OFFICES = tuple(o.value for o in Office)
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
ScenarioLike = m.Scenario | str | Path


def load(path: str | Path) -> m.Scenario:
    """The checked scenario in a file; raises ScenarioError with FILE:LINE:COL problems."""
    return load_scenario(path)[0]


def parse(text: str, filename: str = "<scenario>") -> m.Scenario:
    """The checked scenario in YAML text; raises ScenarioError with FILE:LINE:COL problems."""
    return parse_scenario(text, filename)[0]


def scenario(data: Mapping[str, Any], label: str = "<mapping>") -> m.Scenario:
    """A scenario from Python data shaped as a scenario file (dates as dates or ISO text),
    with every check the loader makes; raises ScenarioError whose problems name the path of
    keys (``<mapping>: events[0].date: ...``), and so does compiling it (``plan``, ``run``)."""
    from cstosim.scenario.load import scenario_from_data

    return scenario_from_data(dict(data) if isinstance(data, Mapping) else data, label)


def session(
    day: Any,
    *items: Mapping[str, Any],
    body: str = "CSC",
    host: str | None = None,
    extraordinary: bool = False,
) -> dict[str, Any]:
    """A session event for ``api.scenario``: its date, body and items (see ``item``)."""
    ev: dict[str, Any] = {"date": day, "type": "session", "body": body, "items": list(items)}
    if host is not None:
        ev["host"] = host
    if extraordinary:
        ev["extraordinary"] = True
    return ev


def item(item_id: str, kind: str = "decision", **positions: Any) -> dict[str, Any]:
    """An agenda item for ``session``: its id and each member's position, or probabilities
    as a mapping (``item("budget", ARM={"stand_aside": 0.75, "object": 0.25})``)."""
    out: dict[str, Any] = {"id": item_id, "positions": positions}
    if kind != "decision":
        out["kind"] = kind
    return out


def _scenario(s: ScenarioLike) -> m.Scenario:
    return s if isinstance(s, m.Scenario) else load(s)


@contextmanager
def located(sc: m.Scenario) -> Iterator[None]:
    """Turn a PlanError raised inside into a ScenarioError at its place in the scenario's file
    (when the scenario was read from one; otherwise the PlanError goes on)."""
    try:
        yield
    except PlanError as e:
        if sc.origin is None:
            raise
        filename, positions = sc.origin
        if positions is None:  # built in Python: the path of keys says where
            raise ScenarioError([Problem(filename, Pos(0, 0), e.message, path=e.path)]) from None
        raise ScenarioError([Problem(filename, positions.where(e.path), e.message)]) from None


def plan(
    scenario: ScenarioLike,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int | None = None,
) -> Plan:
    """The compiled plan of a scenario under ``overrides`` (rule key -> value) and ``seed``."""
    sc = _scenario(scenario)
    with located(sc):
        return compile_scenario(sc, overrides=overrides, seed=seed)


def simulate_scenario(
    scenario: ScenarioLike | Plan,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int | None = None,
    trace: bool = True,
) -> Run:
    """One run as typed data: ``Run.trace`` (records), ``Run.decisions``, chairs and state.

    A ``Plan`` given instead of a scenario runs with ``overrides`` applied on top of its own.
    """
    if isinstance(scenario, Plan):
        changed = scenario.with_rules(check_overrides(overrides)) if overrides else scenario
        return simulate(changed, seed, trace=trace)
    return simulate(plan(scenario, overrides=overrides, seed=seed), trace=trace)


def check(run: Run) -> list[ExpectResult]:
    """Each expectation of the run's scenario, with whether the run meets it."""
    return check_expectations(run)


def run(
    scenario: ScenarioLike,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int | None = None,
) -> dict[str, Any]:
    """One run as a fresh JSON-ready document: scenario, seed, rules, overrides, start, end,
    trace (a list of record objects, design 5.3) and expectations."""
    from cstosim.report.trace import run_document

    result = simulate_scenario(scenario, overrides=overrides, seed=seed)
    return run_document(result, check_expectations(result))


def render(run: Run, fmt: str = "text", expectations: Sequence[ExpectResult] = ()) -> str:
    """The run as text (a timeline), json, jsonl or html (a self-contained report)."""
    from cstosim.report.trace import to_json, to_jsonl

    if fmt == "json":
        return to_json(run, expectations)
    if fmt == "jsonl":
        return to_jsonl(run)
    if fmt == "html":
        from cstosim.report.html import to_html
        from cstosim.whatif.compare import readings

        return to_html(run, expectations, readings(run.plan, run.seed))
    if fmt == "text":
        from cstosim.report.timeline import to_text  # Rich: only for the text timeline

        return to_text(run, expectations)
    raise ArgumentError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")


def compare(
    scenario: ScenarioLike,
    variants: Sequence[str | tuple[str, Mapping[str, Any]]],
    *,
    seed: int | None = None,
) -> Comparison:
    """Outcomes item by item under each variant ("rule14=dissent" or (label, overrides))."""
    from cstosim.whatif.compare import compare as _compare
    from cstosim.whatif.compare import parse_variant

    parsed = [parse_variant(v) if isinstance(v, str) else v for v in variants]
    sc = _scenario(scenario)
    with located(sc):
        return _compare(sc, parsed, seed=seed)


def compare_readings(
    scenario: ScenarioLike,
    *,
    overrides: Mapping[str, Any] | None = None,
    seed: int | None = None,
) -> Comparison:
    """Every combination of the contested readings in force during the scenario, each a whole
    run (design 5.4); ``base`` is the run's own, and each item lists the quorums that change
    it. ``as_dict()`` gives the compare JSON."""
    from cstosim.whatif.compare import all_readings

    return all_readings(plan(scenario, overrides=overrides, seed=seed), seed)


def odds(
    scenario: ScenarioLike | Plan,
    *,
    overrides: Mapping[str, Any] | None = None,
    movers: bool = True,
    max_branches: int | None = None,
) -> Odds:
    """The exact probability of every outcome of every decision item (design 5.5), and with
    ``movers`` how fixing each member's position on an item moves them; ``as_dict()`` gives
    the JSON. Raises OddsError past ``max_branches`` whole runs (default
    ``cstosim.whatif.odds.MAX_BRANCHES``)."""
    from cstosim.whatif.odds import odds as _odds

    if isinstance(scenario, Plan):
        p = scenario.with_rules(check_overrides(overrides)) if overrides else scenario
    else:
        p = plan(scenario, overrides=overrides)
    return _odds(p, movers=movers, max_branches=max_branches)


def uncertain_items(scenario: ScenarioLike) -> list[str]:
    """The items whose positions the scenario gives as probabilities (a run of it is one
    draw: ``odds`` and ``sweep`` say how likely each outcome is)."""
    sc = _scenario(scenario)
    out = []
    for ev in sc.events:
        if isinstance(ev, m.Session):
            out += [
                it.id for it in ev.items if any(isinstance(v, dict) for v in it.positions.values())
            ]
        elif isinstance(ev, m.RequestAssistance) and any(
            isinstance(v, dict) for v in ev.positions.values()
        ):
            out.append(ev.item_id)
    return out


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
    sc: ScenarioLike,
    plan: Plan | None = None,
    samples: int = 1000,
    *,
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    progress: bool = False,
    overrides: Mapping[str, Any] | None = None,
    seed: int | None = None,
    variants: Sequence[str | tuple[str, Mapping[str, Any]]] = (),
) -> SweepSummary:
    """The outcome counts of ``samples`` seeds of a scenario (under ``overrides``); rows
    stream to ``out`` if given. With ``variants`` ("rule14=dissent" or (label, overrides),
    each on top of ``overrides``) every sample runs under each, with the same seed.
    ``as_dict()`` gives the sweep JSON; ``table(summary)`` a tidy table."""
    from cstosim.whatif.compare import parse_variant
    from cstosim.whatif.sweep import sweep

    sc = _scenario(sc)
    if plan is None:
        with located(sc):
            plan = compile_scenario(sc, overrides=overrides, seed=seed)
    elif overrides:
        plan = plan.with_rules(check_overrides(overrides))
    pairs: list[tuple[str, Plan]] = []
    for v in variants:
        label, changes = parse_variant(v) if isinstance(v, str) else v
        with located(sc):
            pairs.append((label, plan.with_rules(check_overrides(changes))))
    resolved = sc.model_dump(mode="json", by_alias=True, exclude_none=True)
    kwargs: dict[str, Any] = dict(
        workers=workers,
        backend=backend,
        scheduler=scheduler,
        out=out,
        resume=resume,
        resolved=resolved,
        items=item_ids(sc),
        variants=pairs,
    )
    if not progress:
        return sweep(plan, samples, **kwargs)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("samples", total=samples)
        result = sweep(plan, samples, on_rows=lambda n: bar.advance(task, n), **kwargs)
    return result


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
    members: Sequence[str] = TODAYS_COUNCIL, overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Every profile of the five positions, per variant: the JSON of design 5.4 (members,
    profiles, outcomes, and per variant counts, power indices, invariants)."""
    from cstosim.members import STATES
    from cstosim.whatif.explore import COUNTED, explore

    unknown = [c for c in members if c not in STATES]
    if unknown:
        raise ArgumentError(
            f"unknown member code(s) {', '.join(unknown)}; allowed: " + ", ".join(STATES)
        )
    ov: dict[str, Any] = {str(k): v for k, v in check_overrides(overrides or {}).items()}
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
    )
    members = list(dict.fromkeys(members))
    return {
        "members": members,
        "profiles": len(Position) ** len(members),
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


def chairs(start: int, end: int, office: Office | str = Office.CHAIR) -> list[ChairYear]:
    """Who held the office (the CSC chair, or the Secretary General's state) each year from
    ``start`` to ``end``: the record, then the projection."""
    if office not in _OFFICES:
        raise ArgumentError(f"unknown office {office!r}; allowed: {', '.join(_OFFICES)}")
    return sg_table(start, end) if office == Office.SG else chair_table(start, end)


def source(sid: str) -> Source | None:
    """The source with id ``sid`` (as provisions, history and scenarios cite it), or None."""
    return SOURCES.get(sid.strip().lower())


def schema(trace: bool = False) -> dict[str, Any]:
    """The JSON Schema of scenario files, or (``trace=True``) of trace records."""
    from cstosim.engine.record_schema import trace_schema
    from cstosim.scenario.schema import scenario_schema

    return trace_schema() if trace else scenario_schema()


def graph(fmt: str = "dot") -> str:
    """The bodies' organisational graph as DOT, Mermaid or SVG text."""
    from cstosim.report.graph import to_dot, to_mermaid, to_svg

    render: dict[str, Callable[[], str]] = dict(
        zip(GRAPH_FORMATS, (to_dot, to_mermaid, to_svg), strict=True)
    )
    if fmt not in render:
        raise ArgumentError(f"unknown graph format {fmt!r}; allowed: {', '.join(render)}")
    return render[fmt]()


def plot(what: str, data: Any, path: str | Path) -> Path:
    """Draw ``chairs`` rows, a ``sweep`` summary, an ``explore`` result or an ``odds``
    document (``Odds.as_dict()``) to a .png or .svg file; the path written (raises
    PlotError)."""
    from cstosim.report import plots

    draw: dict[str, Callable[[Any, str | Path], Path]] = {
        "chairs": plots.plot_chairs,
        "sweep": plots.plot_sweep,
        "explore": plots.plot_exploration,
        "odds": plots.plot_odds,
    }
    if what not in draw:
        raise ArgumentError(f"unknown plot {what!r}; allowed: {', '.join(draw)}")
    return draw[what](data, path)


def to_dataframe(rows: Sequence[Mapping[str, Any]]) -> Any:
    """Rows (trace records or sweep rows) as a pandas DataFrame; needs pandas installed."""
    try:
        import pandas as pd  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install pandas") from None
    flat = []
    for r in rows:
        row = {k: v for k, v in r.items() if k != "outcomes"}
        row.update(r.get("outcomes", {}))
        flat.append(row)
    return pd.DataFrame(flat)
