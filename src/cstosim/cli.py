"""The ``cstosim`` command line (design 5.2). Usage errors exit 2, user errors exit 1."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cstosim import __version__, api
from cstosim.engine import Plan, PlanError, check_expectations, compile_scenario, simulate
from cstosim.history import HistoryError, chair_table, sg_table
from cstosim.provisions import CATALOGUE, UnknownProvisionError, get
from cstosim.report.graph import to_dot, to_mermaid, to_svg
from cstosim.report.html import to_html
from cstosim.report.plots import PlotError, plot_chairs, plot_exploration, plot_sweep
from cstosim.report.text import render_chairs, render_provision
from cstosim.report.trace import to_json, to_jsonl, to_text
from cstosim.report.whatif import render_comparison, render_exploration, render_summary
from cstosim.rules.ruleset import RULE_KEYS, RuleError, parse_rule_value
from cstosim.scenario import Scenario, ScenarioError, load_scenario
from cstosim.scenario.load import Problem
from cstosim.scenario.schema import scenario_schema
from cstosim.scenario.yamlpos import Located

__all__ = ["main"]


class CliError(Exception):
    """A user mistake reported on stderr with exit status 1."""


def _cmd_chairs(args: argparse.Namespace) -> int:
    """Print the chair (or Secretary General) by year: the record, then a projection."""
    table = sg_table if args.office == "sg" else chair_table
    try:
        rows = table(args.from_year, args.to_year)
    except HistoryError as e:
        raise CliError(str(e)) from None
    if args.plot:
        _plot(plot_chairs, rows, args.plot)
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
    else:
        title = "Secretary General's state" if args.office == "sg" else "CSC chair on 1 July"
        sys.stdout.write(render_chairs(rows, title))
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    """Print a provision in plain words, or the list of provision ids."""
    if args.id is None:
        for pid, p in CATALOGUE.items():
            print(f"{pid:<26}{p.title}")
        return 0
    try:
        p = get(args.id)
    except UnknownProvisionError as e:
        raise CliError(f"{e}; 'cstosim explain' lists them all") from None
    sys.stdout.write(render_provision(p))
    return 0


def _parse_sets(parser: argparse.ArgumentParser, sets: Sequence[str]) -> dict[str, Any]:
    """Turn ``--set KEY=VALUE`` options into checked rule overrides (usage error if not)."""
    out: dict[str, Any] = {}
    for s in sets:
        key, sep, value = s.partition("=")
        if not sep:
            parser.error(f"--set wants KEY=VALUE, got {s!r}; keys: {', '.join(RULE_KEYS)}")
        try:
            out[key.strip()] = parse_rule_value(key.strip(), value)
        except RuleError as e:
            parser.error(f"--set {s}: {e}")
    return out


@contextmanager
def _placed(path: str, located: Located) -> Iterator[None]:
    """Report a scenario that cannot run under the rules given at its FILE:LINE:COL."""
    try:
        yield
    except PlanError as e:
        raise ScenarioError([Problem(path, located.where(e.path), e.message)]) from None


def _load(path: str, overrides: dict[str, Any], seed: int | None) -> tuple[Scenario, Plan]:
    """Load, check and compile a scenario; a mistake becomes a ScenarioError."""
    sc, located = load_scenario(path)
    with _placed(path, located):
        return sc, compile_scenario(sc, overrides=overrides, seed=seed)


def _write(text: str, out: str | None) -> None:
    """Write output to ``out`` (a file path) or to standard output."""
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as e:
        raise CliError(f"cannot write {out}: {e.strerror or e}") from None


def _cmd_run(args: argparse.Namespace) -> int:
    """Run one scenario and print its trace."""
    overrides = _parse_sets(args.parser, args.set)
    _, plan = _load(args.file, overrides, args.seed)
    run = simulate(plan)
    results = check_expectations(run)
    if args.format == "json":
        text = to_json(run, results)
    elif args.format == "html":
        text = to_html(run, results)
    elif args.format == "jsonl":
        text = to_jsonl(run)
    else:
        text = to_text(run, results)
    _write(text, args.out)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"{args.file}: expectation failed: {r.describe()[6:]}", file=sys.stderr)
    return 1 if failed else 0


def _cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario files and report every mistake as FILE:LINE:COL."""
    bad = 0
    for path in args.files:
        try:
            _load(path, {}, None)
        except ScenarioError as e:
            bad += 1
            print(e, file=sys.stderr)
        else:
            print(f"{path}: ok")
    return 1 if bad else 0


# directories that hold YAML that is not a scenario (virtualenvs, the rules' own test cases)
_SKIP_DIRS = frozenset({"node_modules", "site-packages", "cases", "__pycache__"})


def _scenario_files(paths: Sequence[str]) -> list[str]:
    """The .yaml/.yml files named or found under ``paths``, sorted."""
    files: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files += sorted(
                str(f)
                for f in path.rglob("*")
                if f.suffix in (".yaml", ".yml")
                and not any(
                    part.startswith(".") or part in _SKIP_DIRS
                    for part in f.relative_to(path).parts[:-1]
                )
            )
        else:
            files.append(p)
    return files


def _cmd_check(args: argparse.Namespace) -> int:
    """Run every scenario under the paths and check their expectations."""
    files = _scenario_files(args.paths)
    if not files:
        raise CliError("no scenario files (*.yaml, *.yml) under " + ", ".join(args.paths))
    failures = 0
    for path in files:
        try:
            _, plan = _load(path, {}, None)
        except ScenarioError as e:
            failures += 1
            print(e, file=sys.stderr)
            continue
        results = check_expectations(simulate(plan))
        bad = [r for r in results if not r.ok]
        checked = sum(not r.skipped for r in results)
        skipped = len(results) - checked
        note = f" ({skipped} written for other rules)" if skipped else ""
        if bad:
            failures += 1
            print(f"FAIL {path}: {len(bad)} of {checked} expectations failed")
            for r in bad:
                print(f"     {r.describe()}")
        else:
            print(f"ok   {path}: {checked} expectations hold{note}")
    print(f"{len(files) - failures} of {len(files)} scenarios hold")
    return 1 if failures else 0


def _plot(fn: Any, data: Any, path: str) -> None:
    """Write a plot, turning a failure into a clear error."""
    try:
        written = fn(data, path)
    except PlotError as e:
        raise CliError(str(e)) from None
    print(f"plot written: {written}", file=sys.stderr)


def _cmd_graph(args: argparse.Namespace) -> int:
    """Print the bodies' organisational graph as DOT, Mermaid or SVG."""
    render = {"dot": to_dot, "mermaid": to_mermaid, "svg": to_svg}[args.format]
    _write(render(), args.out)
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files."""
    print(json.dumps(scenario_schema(), indent=2, ensure_ascii=False))
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    """Run one scenario under several rule variants and show the outcomes side by side."""
    variants = []
    for text in args.variant:
        try:
            variants.append(api.parse_variant(text))
        except RuleError as e:
            args.parser.error(f"--variant {text}: {e}")
    if len(variants) < 2:
        args.parser.error("give at least two --variant options to compare")
    sc, located = load_scenario(args.file)
    with _placed(args.file, located):
        comparison = api.compare(sc, variants, seed=args.seed)
    if args.format == "json":
        print(json.dumps(comparison.as_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(render_comparison(comparison))
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    """Run many samples of a scenario with probabilistic positions."""
    overrides = _parse_sets(args.parser, args.set)
    sc, plan = _load(args.file, overrides, args.seed)
    if args.resume and not args.out:
        args.parser.error("--resume needs --out (the file to continue)")
    try:
        summary = api.sweep_scenario(
            sc,
            plan,
            args.samples,
            workers=args.workers,
            backend=args.backend,
            scheduler=args.scheduler,
            out=args.out,
            resume=args.resume,
            progress=sys.stderr.isatty(),
        )
    except api.SweepError as e:
        raise CliError(str(e)) from None
    if args.plot:
        _plot(plot_sweep, summary.as_dict(), args.plot)
    sets = "".join(f" --set {shlex.quote(s)}" for s in args.set)
    repro = f"cstosim run {shlex.quote(args.file)}{sets} --seed {{seed}}"
    if args.format == "json":
        doc = summary.as_dict()
        doc["reproduce"] = repro
        print(json.dumps(doc, ensure_ascii=False))
    else:
        sys.stdout.write(render_summary(summary, repro))
    return 0


def _cmd_explore(args: argparse.Namespace) -> int:
    """Every position profile of a council under every rule variant."""
    members = [m.strip().upper() for m in args.members.split(",") if m.strip()]
    if len(set(members)) != len(members):
        args.parser.error(f"--members names a member twice: {args.members}")
    overrides = _parse_sets(args.parser, args.set)
    try:
        result = api.explore_council(members, overrides)
    except ValueError as e:
        args.parser.error(str(e))
    if args.plot:
        _plot(plot_exploration, result, args.plot)
    if args.write_counterexamples:
        written = api.write_counterexamples(result, args.write_counterexamples)
        for path in written:
            print(f"counterexample written: {path}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False))
    else:
        sys.stdout.write(render_exploration(result))
    return 0 if all(v["invariants"] == "hold" for v in result["variants"]) else 1


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="cstosim",
        description="Simulate the decision procedures of the Collective Security Treaty "
        "Organization.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cstosim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    raw = argparse.RawDescriptionHelpFormatter

    p = sub.add_parser(
        "run",
        help="run one scenario and print its timeline",
        description="Run one scenario: a timeline in which every outcome cites its provision.",
        epilog="examples:\n  cstosim run scenarios/kazakhstan-2022.yaml\n"
        "  cstosim run scenarios/moscow-2009.yaml --set rule14=no_objection\n"
        "  cstosim run scenarios/moscow-2009.yaml --format jsonl --out trace.jsonl\n"
        "  cstosim run scenarios/moscow-2009.yaml --format html --out report.html\n\n"
        f"--set keys: {', '.join(RULE_KEYS)}",
        formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a rule for this run (repeatable)",
    )
    p.add_argument("--seed", type=_seed, default=None, help="the seed (default: the scenario's)")
    p.add_argument("--format", choices=("text", "json", "jsonl", "html"), default="text")
    p.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")
    p.set_defaults(func=_cmd_run, parser=p)

    p = sub.add_parser(
        "validate",
        help="check scenario files; errors as FILE:LINE:COL: message",
        epilog="example:\n  cstosim validate scenarios/*.yaml",
        formatter_class=raw,
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser(
        "check",
        help="run every scenario under the paths and check their expect blocks",
        epilog="example:\n  cstosim check scenarios/",
        formatter_class=raw,
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser(
        "compare",
        help="one scenario under several rule variants, item by item",
        epilog="examples:\n  cstosim compare scenarios/moscow-2009.yaml "
        "--variant rule14=dissent --variant rule14=no_objection --variant rule14=consent\n"
        "  cstosim compare scenarios/frozen-armenia-2028.yaml "
        "--variant limited_format=true --variant limited_format=false,rule14=no_objection "
        "--format json",
        formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="KEY=VALUE[,KEY=VALUE]",
        help="a rule variant (repeat, at least twice)",
    )
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=_cmd_compare, parser=p)

    p = sub.add_parser(
        "sweep",
        help="Monte Carlo over seeds of a scenario with probabilistic positions",
        epilog="examples:\n  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 "
        "--workers 2 --out rows.jsonl\n"
        "  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 --backend dask "
        "--out rows.csv\n"
        "  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 --workers 2 "
        "--out rows.jsonl --resume\n"
        "  cstosim sweep FILE --samples 1000000 --backend dask --scheduler tcp://HOST:8786",
        formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--samples", type=_count(0), required=True, metavar="N")
    p.add_argument("--workers", type=_count(1), default=1, metavar="K")
    p.add_argument("--backend", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", metavar="ADDR", help="an existing Dask scheduler")
    p.add_argument("--out", metavar="PATH", help="rows as .jsonl (or .csv with a sidecar)")
    p.add_argument("--resume", action="store_true", help="continue the sweep in --out")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--plot", metavar="PATH", help="also plot the outcome frequencies (.png or .svg)"
    )
    p.set_defaults(func=_cmd_sweep, parser=p)

    p = sub.add_parser(
        "explore",
        help="every position profile of a council: counts, invariants, voting power",
        epilog="examples:\n  cstosim explore\n  cstosim explore --members ARM,BLR,KAZ "
        "--set quorum=0.67 --format json\n  cstosim explore --set rule14=no_objection",
        formatter_class=raw,
    )
    p.add_argument(
        "--members",
        default="ARM,BLR,KAZ,KGZ,RUS,TJK",
        help="comma-separated member codes (1 to 9; default today's six)",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fix rule14 or limited_format, or add a quorum variant",
    )
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--plot", metavar="PATH", help="also plot voting power per variant (.png or .svg)"
    )
    p.add_argument(
        "--write-counterexamples",
        metavar="DIR",
        help="write a scenario file for each invariant counterexample found",
    )
    p.set_defaults(func=_cmd_explore, parser=p)

    p = sub.add_parser(
        "graph",
        help="the bodies' organisational graph as DOT, Mermaid or SVG",
        epilog="examples:\n  cstosim graph --format mermaid\n  cstosim graph --format svg "
        "--out bodies.svg\n  cstosim graph --format dot | dot -Tpng > bodies.png",
        formatter_class=raw,
    )
    p.add_argument("--format", choices=("dot", "mermaid", "svg"), default="dot")
    p.add_argument("--out", metavar="PATH")
    p.set_defaults(func=_cmd_graph)

    p = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    p.set_defaults(func=_cmd_schema)

    p = sub.add_parser(
        "chairs",
        help="the CSC chair on 1 July of each year: record, then projection",
        description="The chair on 1 July of each year: the record, then a projection under the "
        "rules in force (Russian alphabetical rotation over the members of each 1 January).",
        epilog="examples:\n  cstosim chairs --from 2011 --to 2028\n"
        "  cstosim chairs --from 2020 --to 2040 --office sg --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--from", dest="from_year", type=int, required=True, metavar="YEAR")
    p.add_argument("--to", dest="to_year", type=int, required=True, metavar="YEAR")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--plot", metavar="PATH", help="also draw the chairs by year (.png or .svg)")
    p.add_argument(
        "--office",
        choices=("chair", "sg"),
        default="chair",
        help="the CSC chair (default) or the Secretary General's member state",
    )
    p.set_defaults(func=_cmd_chairs)

    p = sub.add_parser(
        "explain",
        help="a provision in plain words, its source and its variants",
        epilog="examples:\n  cstosim explain rop.14.1\n  cstosim explain   (lists the ids)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", nargs="?", help="a provision id such as rop.14.1 or cst.4")
    p.set_defaults(func=_cmd_explain)
    return parser


def _count(least: int) -> Any:
    """An argparse type: a whole number of at least ``least``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is too small; allowed: {least} or more")
        return value

    return parse


def _seed(text: str) -> int:
    """A seed: a whole number from 0 to 2**63 - 1 (an argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{value} is out of range; allowed: 0 to 2**63 - 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # never fail on a terminal that is not UTF-8
            stream.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as e:
        print(f"cstosim: {e}", file=sys.stderr)
        return 1
    except ScenarioError as e:
        print(e, file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(
            "cstosim: interrupted; a sweep's rows written so far are kept (--resume continues it)",
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
