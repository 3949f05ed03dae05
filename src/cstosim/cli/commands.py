"""The commands of the command line; each calls ``cstosim.api`` and prints what it returns."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cstosim import api
from cstosim.errors import (
    CstosimError,
    HistoryError,
    PlotError,
    RuleError,
    ScenarioError,
    SweepError,
    UnknownProvisionError,
)

__all__ = ["CliError", "scenario_files"]


class CliError(CstosimError):
    """A user mistake reported on stderr with exit status 1."""


def cmd_chairs(args: argparse.Namespace) -> int:
    """Print the chair (or Secretary General) by year: the record, then a projection."""
    try:
        rows = api.chairs(args.from_year, args.to_year, args.office)
    except HistoryError as e:
        raise CliError(_with_flags(e)) from None
    if args.plot:
        _plot("chairs", rows, args.plot)
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
    else:
        title = "Secretary General's state" if args.office == "sg" else "CSC chair on 1 July"
        sys.stdout.write(api.render_chairs(rows, title))
    return 0


def _with_flags(e: HistoryError) -> str:
    """A history error in the command line's words (its years are --from and --to)."""
    if e.bound == "order":
        return f"--to {e.last} is before --from {e.first}"
    if e.bound == "record":
        return f"{e}; give --from that year or later"
    return str(e)


def cmd_explain(args: argparse.Namespace) -> int:
    """Print a provision in plain words, or the list of provision ids."""
    if args.id is None:
        width = max(map(len, api.CATALOGUE)) + 2
        for pid, p in api.CATALOGUE.items():
            print(f"{pid:<{width}}{p.title}")
        return 0
    source = api.source(args.id)
    if source is not None:
        sys.stdout.write(api.render_source(source))
        return 0
    try:
        p = api.provision(args.id)
    except UnknownProvisionError as e:
        raise CliError(f"{e}; 'cstosim explain' lists them all") from None
    sys.stdout.write(api.render_provision(p))
    return 0


def parse_sets(parser: argparse.ArgumentParser, sets: Sequence[str]) -> dict[str, Any]:
    """Turn ``--set KEY=VALUE`` options into checked rule overrides (usage error if not)."""
    out: dict[str, Any] = {}
    for s in sets:
        key, sep, value = s.partition("=")
        if not sep:
            parser.error(f"--set wants KEY=VALUE, got {s!r}; keys: {', '.join(api.RULE_KEYS)}")
        try:
            out[key.strip()] = api.parse_rule_value(key.strip(), value)
        except RuleError as e:
            parser.error(f"--set {s}: {e}")
    return out


def _write(text: str, out: str | None) -> None:
    """Write output to ``out`` (a file path) or to standard output."""
    if out is None:
        sys.stdout.write(text)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as e:
        raise CliError(f"cannot write {out}: {e.strerror or e}") from None


def cmd_run(args: argparse.Namespace) -> int:
    """Run one scenario and print its trace."""
    overrides = parse_sets(args.parser, args.set)
    run = api.simulate_scenario(api.plan(api.load(args.file), overrides=overrides, seed=args.seed))
    results = api.check(run)
    _write(api.render(run, args.format, results), args.out)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(f"{args.file}: expectation failed: {r.expectation}", file=sys.stderr)
    return 1 if failed else 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check scenario files and report every mistake as FILE:LINE:COL."""
    bad = 0
    for path in args.files:
        try:
            api.plan(api.load(path))
        except ScenarioError as e:
            bad += 1
            print(e, file=sys.stderr)
        else:
            print(f"{path}: ok")
    return 1 if bad else 0


# directories that hold YAML that is not a scenario (virtualenvs, the rules' own test cases)
_SKIP_DIRS = frozenset({"node_modules", "site-packages", "cases", "__pycache__"})


def scenario_files(paths: Sequence[str]) -> list[str]:
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


def cmd_check(args: argparse.Namespace) -> int:
    """Run every scenario under the paths and check their expectations."""
    files = scenario_files(args.paths)
    if not files:
        raise CliError("no scenario files (*.yaml, *.yml) under " + ", ".join(args.paths))
    failures = 0
    for path in files:
        try:
            plan = api.plan(api.load(path))
        except ScenarioError as e:
            failures += 1
            print(e, file=sys.stderr)
            continue
        results = api.check(api.simulate_scenario(plan))
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


def _plot(what: str, data: Any, path: str) -> None:
    """Write a plot, turning a failure into a clear error."""
    try:
        written = api.plot(what, data, path)
    except PlotError as e:
        raise CliError(str(e)) from None
    print(f"plot written: {written}", file=sys.stderr)


def cmd_graph(args: argparse.Namespace) -> int:
    """Print the bodies' organisational graph as DOT, Mermaid or SVG."""
    _write(api.graph(args.format), args.out)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files (or, with --trace, of trace records)."""
    print(json.dumps(api.schema(trace=args.trace), indent=2, ensure_ascii=False))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Run one scenario under several rule variants and show the outcomes side by side."""
    variants = []
    for text in args.variant:
        try:
            variants.append(api.parse_variant(text))
        except RuleError as e:
            args.parser.error(f"--variant {text}: {e}")
    if len(variants) < 2:
        args.parser.error("give at least two --variant options to compare")
    comparison = api.compare(api.load(args.file), variants, seed=args.seed)
    if args.format == "json":
        print(json.dumps(comparison.as_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(api.render_comparison(comparison))
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run many samples of a scenario with probabilistic positions."""
    overrides = parse_sets(args.parser, args.set)
    sc = api.load(args.file)
    plan = api.plan(sc, overrides=overrides, seed=args.seed)
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
    except SweepError as e:
        hint = "; rerun with --resume to continue it" if e.resumable else ""
        raise CliError(e.message + hint) from None
    if args.plot:
        _plot("sweep", summary.as_dict(), args.plot)
    sets = "".join(f" --set {shlex.quote(s)}" for s in args.set)
    repro = f"cstosim run {shlex.quote(args.file)}{sets} --seed {{seed}}"
    if args.format == "json":
        doc = summary.as_dict()
        doc["reproduce"] = repro
        print(json.dumps(doc, ensure_ascii=False))
    else:
        sys.stdout.write(api.render_summary(summary, repro))
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    """Every position profile of a council under every rule variant."""
    members = [m.strip().upper() for m in args.members.split(",") if m.strip()]
    if len(set(members)) != len(members):
        args.parser.error(f"--members names a member twice: {args.members}")
    overrides = parse_sets(args.parser, args.set)
    try:
        result = api.explore_council(members, overrides)
    except ValueError as e:
        args.parser.error(str(e))
    if args.plot:
        _plot("explore", result, args.plot)
    if args.write_counterexamples:
        written = api.write_counterexamples(result, args.write_counterexamples)
        for path in written:
            print(f"counterexample written: {path}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False))
    else:
        sys.stdout.write(api.render_exploration(result))
    return 0 if api.invariants_hold(result) else 1
