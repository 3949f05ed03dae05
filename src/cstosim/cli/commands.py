"""The commands of the command line; each calls ``cstosim.api`` and prints what it returns."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from cstosim import api
from cstosim import io as cio
from cstosim.errors import (
    CstosimError,
    HistoryError,
    PlotError,
    RuleError,
    ScenarioError,
    SweepError,
    UnknownProvisionError,
)
from cstosim.i18n import _, ngettext
from cstosim.provisions import title

__all__ = ["CliError", "scenario_files"]


class CliError(CstosimError):
    """A user mistake reported on stderr with exit status 1."""


def cmd_chairs(args: argparse.Namespace) -> int:
    """Print the chair (or Secretary General) by year: the record, then a projection."""
    try:
        if args.file is not None:
            if args.office != "chair":
                args.parser.error(_("chairs FILE gives the CSC chair of a run; --office sg is not"))
            rows = api.run_chairs(api.load(args.file), args.from_year, args.to_year)
            if not rows:
                raise CliError(
                    _(
                        "the run of {file} holds no 1 July (within the years asked for), so "
                        "there is no chair on 1 July to show; cstosim run shows its handovers"
                    ).format(file=args.file)
                )
        else:
            if args.from_year is None or args.to_year is None:
                args.parser.error(_("give --from YEAR and --to YEAR (or a scenario FILE)"))
            rows = api.chairs(args.from_year, args.to_year, args.office)
    except HistoryError as e:
        raise CliError(_with_flags(e)) from None
    if args.plot:
        _plot("chairs", rows, args.plot)
    if args.format == "json":
        print(json.dumps([r.as_dict() for r in rows], ensure_ascii=False))
    else:
        office = _("Secretary General's state") if args.office == "sg" else _("CSC chair on 1 July")
        sys.stdout.write(api.render_chairs(rows, office))
    return 0


def _with_flags(e: HistoryError) -> str:
    """A history error in the command line's words (its years are --from and --to)."""
    if e.bound == "order":
        return _("--to {last} is before --from {first}").format(last=e.last, first=e.first)
    if e.bound == "record":
        return _("{error}; give --from that year or later").format(error=e)
    return str(e)


def cmd_explain(args: argparse.Namespace) -> int:
    """Print a provision in plain words, or the list of provision ids."""
    if args.id is None:
        width = max(map(len, api.CATALOGUE)) + 2
        for pid, p in api.CATALOGUE.items():
            print(f"{pid:<{width}}{title(p)}")
        return 0
    source = api.source(args.id)
    if source is not None:
        sys.stdout.write(api.render_source(source))
        return 0
    try:
        p = api.provision(args.id)
    except UnknownProvisionError as e:
        raise CliError(_("{error}; 'cstosim explain' lists them all").format(error=e)) from None
    sys.stdout.write(api.render_provision(p))
    return 0


def parse_sets(parser: argparse.ArgumentParser, sets: Sequence[str]) -> dict[str, Any]:
    """Turn ``--set KEY=VALUE`` options into checked rule overrides (usage error if not)."""
    out: dict[str, Any] = {}
    for s in sets:
        key, sep, value = s.partition("=")
        if not sep:
            parser.error(
                _("--set wants KEY=VALUE, got {got}; keys: {keys}").format(
                    got=repr(s), keys=", ".join(api.RULE_KEYS)
                )
            )
        try:
            out[key.strip()] = api.parse_rule_value(key.strip(), value)
        except RuleError as e:
            parser.error(f"--set {s}: {e}")
    return out


def parse_variants(args: argparse.Namespace) -> list[tuple[str, dict[str, Any]]]:
    """The ``--variant`` options as labels and checked overrides (usage error if not)."""
    variants = []
    for text in args.variant:
        try:
            variants.append(api.parse_variant(text))
        except RuleError as e:
            args.parser.error(f"--variant {text}: {e}")
    return variants


def _io_failed(parser: argparse.ArgumentParser | None, e: cio.OutputError) -> NoReturn:
    """An output the command must not write is a usage error (exit 2); one the system would
    not let it write, or that another process holds, an error (exit 1)."""
    if e.kind != "usage":
        raise CliError(str(e)) from None
    if parser is not None:
        parser.error(str(e))
    print(f"cstosim: {e}", file=sys.stderr)
    raise SystemExit(2)


def _check_paths(
    args: argparse.Namespace,
    outputs: dict[str, str | None],
    inputs: dict[str, str | None] | None = None,
) -> None:
    """Before any work: refuse outputs that name an input, each other, or no regular file."""
    try:
        cio.check_distinct(outputs, inputs)
    except cio.OutputError as e:
        _io_failed(getattr(args, "parser", None), e)


def _write(args: argparse.Namespace, text: str, out: str | None) -> None:
    """Write output to ``out`` (a file, replaced whole) or to standard output (None or -)."""
    if out is None or out == cio.STDIN:
        sys.stdout.write(text)
        return
    try:
        cio.write_text(out, text)
    except cio.OutputError as e:
        _io_failed(getattr(args, "parser", None), e)


def cmd_run(args: argparse.Namespace) -> int:
    """Run one scenario and print its trace."""
    overrides = parse_sets(args.parser, args.set)
    _check_paths(args, {"--out": args.out}, {"FILE": args.file})
    run = api.simulate_scenario(api.plan(api.load(args.file), overrides=overrides, seed=args.seed))
    results = api.check(run)
    if args.steps and args.format != "html":
        args.parser.error(_("--steps is a way of showing the HTML report; give --format html"))
    _write(args, api.render(run, args.format, results, steps=args.steps), args.out)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(
            _("{file}: expectation failed: {expectation}").format(
                file=args.file, expectation=r.expectation
            ),
            file=sys.stderr,
        )
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
            print(_("{file}: ok").format(file=api.clean(path)))
    return 1 if bad else 0


# directories that hold YAML that is not a scenario (virtualenvs, the rules' own test cases)
_SKIP_DIRS = frozenset({"node_modules", "site-packages", "cases", "__pycache__"})


def scenario_files(paths: Sequence[str]) -> list[str]:
    """The .yaml/.yml files named or found under ``paths``, sorted. Under a folder, what is
    not a regular file (a pipe, a device, a broken link) is skipped, saying so on stderr; a
    path named outright is kept, for loading to report."""
    files: list[str] = []
    for p in paths:
        path = Path(p)
        if p != cio.STDIN and path.is_dir():
            found = sorted(
                str(f)
                for f in path.rglob("*")
                if f.suffix in (".yaml", ".yml")
                and not any(
                    part.startswith(".") or part in _SKIP_DIRS
                    for part in f.relative_to(path).parts[:-1]
                )
            )
            for f in found:
                if cio.is_regular(f):
                    files.append(f)
                elif not Path(f).is_dir():
                    print(_("skipped {file}: not a regular file").format(file=f), file=sys.stderr)
        else:
            files.append(p)
    return files


def cmd_check(args: argparse.Namespace) -> int:
    """Run every scenario under the paths and check their expectations."""
    files = scenario_files(args.paths)
    if not files:
        raise CliError(
            _("no scenario files (*.yaml, *.yml) under {paths}").format(paths=", ".join(args.paths))
        )
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
        note = " " + _("({n} written for other rules)").format(n=skipped) if skipped else ""
        if bad:
            failures += 1
            failed = ngettext(
                "{bad} of {n} expectations failed", "{bad} of {n} expectations failed", checked
            ).format(bad=len(bad), n=checked)
            print(f"{api.render_status(False):<4} {api.clean(path)}: {failed}")
            for r in bad:
                print(f"     {api.render_expectation(r)}")
        else:
            held = ngettext("{n} expectation holds", "{n} expectations hold", checked).format(
                n=checked
            )
            print(f"{api.render_status(True):<4} {api.clean(path)}: {held}{note}")
    print(
        ngettext("{ok} of {n} scenarios hold", "{ok} of {n} scenarios hold", len(files)).format(
            ok=len(files) - failures, n=len(files)
        )
    )
    return 1 if failures else 0


def _plot(what: str, data: Any, path: str) -> None:
    """Write a plot, turning a failure into a clear error (a path it must not write: exit 2)."""
    try:
        written = api.plot(what, data, path)
    except PlotError as e:
        raise CliError(str(e)) from None
    except cio.OutputError as e:
        if e.kind != "usage":
            raise CliError(str(e)) from None
        print(f"cstosim: --plot {e}", file=sys.stderr)
        raise SystemExit(2) from None
    print(_("plot written: {path}").format(path=written), file=sys.stderr)


def cmd_graph(args: argparse.Namespace) -> int:
    """Print the bodies' organisational graph as DOT, Mermaid or SVG."""
    _check_paths(args, {"--out": args.out})
    _write(args, api.graph(args.format), args.out)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files (or, with --trace, of trace records)."""
    print(json.dumps(api.schema(trace=args.trace), indent=2, ensure_ascii=False))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    """Run one scenario under several rule variants (or every combination of the contested
    readings) and show the outcomes side by side."""
    if args.all_readings:
        if args.variant:
            args.parser.error(_("give --variant options or --all-readings, not both"))
        _check_paths(args, {"--out": args.out}, {"FILE": args.file})
        sc = api.load(args.file)
        comparison = api.compare_readings(sc, seed=args.seed)
    else:
        variants = parse_variants(args)
        if len(variants) < 2:
            args.parser.error(
                _("give at least two --variant options to compare, or --all-readings")
            )
        _check_paths(args, {"--out": args.out}, {"FILE": args.file})
        sc = api.load(args.file)
        comparison = api.compare(sc, variants, seed=args.seed)
    uncertain = api.uncertain_items(sc)
    if uncertain:
        print(
            "cstosim: "
            + _(
                "positions of {items} are probabilities, so each column is one draw (seed "
                "{seed}), not the odds; for those use cstosim odds {file} (exact) or cstosim "
                "sweep {file} --samples 10000 --variant KEY=VALUE ... (sampled)"
            ).format(items=", ".join(uncertain), seed=comparison.seed, file=shlex.quote(args.file)),
            file=sys.stderr,
        )
    if args.format == "json":
        text = json.dumps(comparison.as_dict(), ensure_ascii=False) + "\n"
    elif args.format == "html":
        text = api.render_comparison_html(comparison)
    else:
        text = api.render_comparison(comparison)
    _write(args, text, args.out)
    return 0


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run many samples of a scenario with probabilistic positions."""
    overrides = parse_sets(args.parser, args.set)
    sc = api.load(args.file)
    plan = api.plan(sc, overrides=overrides, seed=args.seed)
    if args.rows == "full" and not args.out:
        args.parser.error(_("--rows full needs --out (the file the rows go to)"))
    if args.resume and not args.out:
        args.parser.error(_("--resume needs --out (the file to continue)"))
    if args.out == cio.STDIN:
        args.parser.error(_("--out -: sweep rows go to a file (it is locked and can be resumed)"))
    if args.scheduler and args.backend != "dask":
        args.parser.error(_("--scheduler joins a Dask cluster; give --backend dask with it"))
    sidecar = args.out + ".meta.json" if args.out and args.out.lower().endswith(".csv") else None
    _check_paths(
        args,
        {"--out": args.out, "--out's sidecar": sidecar, "--plot": args.plot},
        {"FILE": args.file},
    )
    if args.plot and Path(args.plot).suffix.lower() not in api.PLOT_SUFFIXES:
        args.parser.error(f"--plot {args.plot}: allowed: a .png or .svg file")
    variants = parse_variants(args)
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
            variants=variants,
            full_rows=args.rows == "full",
        )
    except SweepError as e:
        hint = "; " + _("rerun with --resume to continue it") if e.resumable else ""
        raise CliError(e.message + hint) from None
    except cio.OutputError as e:
        _io_failed(getattr(args, "parser", None), e)
    if args.plot:
        _plot("sweep", summary.as_dict(), args.plot)
    sets = "".join(f" --set {shlex.quote(s)}" for s in args.set)
    repro = f"cstosim run {shlex.quote(args.file)}{sets} --seed {{seed}}"
    if variants:
        repro += "  " + _("(for a variant's row, add each KEY=VALUE of its variant as --set)")
    if args.format == "json":
        doc = summary.as_dict()
        doc["reproduce"] = repro
        print(json.dumps(doc, ensure_ascii=False))
    else:
        sys.stdout.write(api.render_summary(summary, repro, rows=args.out is not None))
    return 0


def cmd_odds(args: argparse.Namespace) -> int:
    """Print the exact probability of every outcome of every decision item."""
    overrides = parse_sets(args.parser, args.set)
    _check_paths(args, {"--plot": args.plot}, {"FILE": args.file})
    if args.plot and Path(args.plot).suffix.lower() not in api.PLOT_SUFFIXES:
        args.parser.error(f"--plot {args.plot}: allowed: a .png or .svg file")
    plan = api.plan(api.load(args.file), overrides=overrides)
    try:
        result = api.odds(plan)
    except api.OddsError as e:
        raise CliError(
            _("{error}: cstosim sweep {file} --samples 10000 estimates them").format(
                error=e, file=shlex.quote(args.file)
            )
        ) from None
    if args.plot:
        if result.items:
            _plot("odds", result.as_dict(), args.plot)
        else:
            print(
                "cstosim: " + _("no item is decided, so there is no plot to draw"), file=sys.stderr
            )
    if args.format == "json":
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        sys.stdout.write(api.render_odds(result))
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    """Every position profile of a council under every rule variant."""
    members = [m.strip().upper() for m in args.members.split(",") if m.strip()]
    if len(set(members)) != len(members):
        args.parser.error(
            _("--members names a member twice: {members}").format(members=args.members)
        )
    overrides = parse_sets(args.parser, args.set)
    _check_paths(args, {"--plot": args.plot})
    try:
        fixed = {}
        for text in args.fix:
            code, sep, position = text.partition("=")
            if not sep:
                args.parser.error(
                    _("--fix wants MEMBER=POSITION, got {got}").format(got=repr(text))
                )
            fixed[code.strip().upper()] = position.strip()
        result = api.explore_council(members, overrides, fixed)
    except ValueError as e:
        args.parser.error(str(e))
    if args.plot:
        _plot("explore", result, args.plot)
    if args.write_counterexamples:
        try:
            written = api.write_counterexamples(result, args.write_counterexamples)
        except cio.OutputError as e:
            _io_failed(getattr(args, "parser", None), e)
        for path in written:
            print(_("counterexample written: {path}").format(path=path), file=sys.stderr)
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False))
    else:
        sys.stdout.write(api.render_exploration(result))
    return 0 if api.invariants_hold(result) else 1


def cmd_classroom(args: argparse.Namespace) -> int:
    """Serve a live class session until SIGINT or SIGTERM."""
    return api.classroom(args.file, host=args.host, port=args.port, db=args.db)
