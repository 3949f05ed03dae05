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

from cstosim import i18n
from cstosim._analysis import (
    EXPLORE_KEYS,
    TODAYS_COUNCIL,
    explore_council,
    invariants_hold,
    read_rows,
    run_chairs,
    table,
    to_dataframe,
    write_counterexamples,
)
from cstosim._build import item, scenario, session
from cstosim.engine import ExpectResult, Plan, Run, check_expectations, compile_scenario, simulate
from cstosim.errors import (
    ArgumentError,
    PlanError,
    Pos,
    Problem,
    ScenarioError,
    SweepError,
)
from cstosim.history import ChairYear, chair_table, sg_table
from cstosim.provisions import CATALOGUE, Provision
from cstosim.provisions import get as provision
from cstosim.report.safe import clean
from cstosim.rules.ruleset import RULE_KEYS, check_overrides, parse_rule_value
from cstosim.scenario import load_scenario, parse_scenario
from cstosim.scenario import models as m
from cstosim.sources import SOURCES, Source
from cstosim.vocabulary import Backend, Lang, Office

if TYPE_CHECKING:  # the names of _LAZY below, for type checkers
    from cstosim.report.compare_html import comparison_html as render_comparison_html
    from cstosim.report.odds import render_odds
    from cstosim.report.plots import FORMATS as PLOT_SUFFIXES
    from cstosim.report.text import expectation_line as render_expectation
    from cstosim.report.text import render_chairs, render_provision, render_source
    from cstosim.report.text import status_word as render_status
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
    "render_expectation": ("cstosim.report.text", "expectation_line"),
    "render_exploration": ("cstosim.report.whatif", "render_exploration"),
    "render_odds": ("cstosim.report.odds", "render_odds"),
    "render_provision": ("cstosim.report.text", "render_provision"),
    "render_source": ("cstosim.report.text", "render_source"),
    "render_status": ("cstosim.report.text", "status_word"),
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
    "classroom",
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
    "read_rows",
    "render",
    "render_chairs",
    "render_comparison",
    "render_comparison_html",
    "render_expectation",
    "render_exploration",
    "render_odds",
    "render_provision",
    "render_source",
    "render_status",
    "render_summary",
    "run",
    "run_chairs",
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
FORMATS = ("text", "json", "jsonl", "html")
GRAPH_FORMATS = ("dot", "mermaid", "svg")
_OFFICES = tuple(o.value for o in Office)
ScenarioLike = m.Scenario | str | Path


def load(path: str | Path) -> m.Scenario:
    """The checked scenario in a file; raises ScenarioError with FILE:LINE:COL problems."""
    return load_scenario(path)[0]


def parse(text: str, filename: str = "<scenario>") -> m.Scenario:
    """The checked scenario in YAML text; raises ScenarioError with FILE:LINE:COL problems."""
    return parse_scenario(text, filename)[0]


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


def render(
    run: Run,
    fmt: str = "text",
    expectations: Sequence[ExpectResult] = (),
    *,
    steps: bool = False,
    lang: Lang | str | None = None,
) -> str:
    """The run as text (a timeline), json, jsonl or html (a self-contained report; with
    ``steps``, one decision per screen, its outcome hidden until revealed), in ``lang`` (en, ru
    or ar; default: the language of the moment, see ``cstosim.i18n.using``). JSON and JSON
    Lines are the same in every language."""
    with i18n.using(None if lang is None else i18n.parse_lang(str(lang), "lang")):
        return _render(run, fmt, expectations, steps=steps)


def _render(run: Run, fmt: str, expectations: Sequence[ExpectResult], *, steps: bool) -> str:
    from cstosim.report.trace import to_json, to_jsonl

    if fmt == "json":
        return to_json(run, expectations)
    if fmt == "jsonl":
        return to_jsonl(run)
    if fmt == "html":
        from cstosim.report.html import to_html
        from cstosim.report.steps import to_steps
        from cstosim.whatif.compare import readings

        page = to_steps if steps else to_html
        return page(run, expectations, readings(run.plan, run.seed))
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
    full_rows: bool = False,
) -> SweepSummary:
    """The outcome counts of ``samples`` seeds of a scenario (under ``overrides``); rows
    stream to ``out`` if given. With ``variants`` ("rule14=dissent" or (label, overrides),
    each on top of ``overrides``) every sample runs under each, with the same seed.
    ``full_rows`` puts the positions drawn and the blockers in each row of ``out``.
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
        full_rows=full_rows,
    )
    if not progress:
        return sweep(plan, samples, **kwargs)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("samples", total=samples)
        result = sweep(plan, samples, on_rows=lambda n: bar.advance(task, n), **kwargs)
    return result


def classroom(
    scenario: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    db: str | Path = "classroom.sqlite",
    lang: str | None = None,
) -> int:
    """Serve a live class session over ``scenario`` until SIGINT or SIGTERM (design 5.6);
    its pages in ``lang`` (default: the language of the moment)."""
    from cstosim.classroom.serve import serve
    from cstosim.i18n import current, parse_lang

    chosen = current() if lang is None else parse_lang(lang)
    return serve(Path(scenario), host=host, port=port, db=Path(db), lang=chosen)


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


def graph(fmt: str = "dot", *, lang: Lang | str | None = None) -> str:
    """The bodies' organisational graph as DOT, Mermaid or SVG text, its labels in ``lang``."""
    from cstosim.report.graph import to_dot, to_mermaid, to_svg

    render: dict[str, Callable[[], str]] = dict(
        zip(GRAPH_FORMATS, (to_dot, to_mermaid, to_svg), strict=True)
    )
    if fmt not in render:
        raise ArgumentError(f"unknown graph format {fmt!r}; allowed: {', '.join(render)}")
    with i18n.using(None if lang is None else i18n.parse_lang(str(lang), "lang")):
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
