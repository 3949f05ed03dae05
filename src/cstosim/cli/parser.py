"""The argument parser of every command (design 5.2)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from cstosim import __version__, api
from cstosim.cli import commands as c
from cstosim.i18n import LANGS
from cstosim.vocabulary import Office

__all__ = ["build_parser"]


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
        f"--set keys: {', '.join(api.RULE_KEYS)}",
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
    p.add_argument("--format", choices=api.FORMATS, default="text")
    p.add_argument(
        "--steps",
        action="store_true",
        help="with --format html: one decision per screen, the outcome hidden until revealed",
    )
    p.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")
    _lang(p)
    p.set_defaults(func=c.cmd_run, parser=p)

    p = sub.add_parser(
        "validate",
        help="check scenario files; errors as FILE:LINE:COL: message",
        epilog="example:\n  cstosim validate scenarios/*.yaml",
        formatter_class=raw,
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    _lang(p)
    p.set_defaults(func=c.cmd_validate)

    p = sub.add_parser(
        "check",
        help="run every scenario under the paths and check their expect blocks",
        epilog="example:\n  cstosim check scenarios/",
        formatter_class=raw,
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    _lang(p)
    p.set_defaults(func=c.cmd_check)

    p = sub.add_parser(
        "compare",
        help="one scenario under several rule variants, item by item",
        epilog="examples:\n  cstosim compare scenarios/moscow-2009.yaml "
        "--variant rule14=dissent --variant rule14=no_objection --variant rule14=consent\n"
        "  cstosim compare scenarios/frozen-armenia-2028.yaml "
        "--variant limited_format=true --variant limited_format=false,rule14=no_objection "
        "--format json\n"
        "  cstosim compare scenarios/moscow-2009.yaml --all-readings\n"
        "  cstosim compare scenarios/frozen-armenia-2028.yaml --all-readings --format html "
        "--out readings.html",
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
    p.add_argument(
        "--all-readings",
        action="store_true",
        help="every combination of the contested readings in force, each a whole run",
    )
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("--out", metavar="PATH", help="write to PATH instead of standard output")
    _lang(p)
    p.set_defaults(func=c.cmd_compare, parser=p)

    p = sub.add_parser(
        "sweep",
        help="Monte Carlo over seeds of a scenario with probabilistic positions",
        epilog="examples:\n  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 "
        "--workers 2 --out rows.jsonl\n"
        "  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 --backend dask "
        "--out rows.csv\n"
        "  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 --workers 2 "
        "--out rows.jsonl --resume\n"
        "  cstosim sweep FILE --samples 1000000 --backend dask --scheduler tcp://HOST:8786\n"
        "  cstosim sweep scenarios/uncertain-summit-2026.yaml --samples 10000 "
        "--variant rule14=dissent --variant rule14=no_objection --format json",
        formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--samples", type=_count(0), required=True, metavar="N")
    p.add_argument("--workers", type=_count(1), default=1, metavar="K")
    p.add_argument("--backend", choices=api.BACKENDS, default="local")
    p.add_argument("--scheduler", metavar="ADDR", help="an existing Dask scheduler")
    p.add_argument("--out", metavar="PATH", help="rows as .jsonl (or .csv with a sidecar)")
    p.add_argument("--resume", action="store_true", help="continue the sweep in --out")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="KEY=VALUE[,KEY=VALUE]",
        help="run every sample under this variant too (repeatable; the same seeds)",
    )
    p.add_argument(
        "--rows",
        choices=("outcomes", "full"),
        default="outcomes",
        help="full: each row also holds the positions drawn and the blockers, per item",
    )
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--plot", metavar="PATH", help="also plot the outcome frequencies (.png or .svg)"
    )
    _lang(p)
    p.set_defaults(func=c.cmd_sweep, parser=p)

    p = sub.add_parser(
        "odds",
        help="the exact probability of every outcome of every item (no sampling)",
        description="Exact odds: every outcome of every decision item, as a probability and a "
        "reduced fraction, computed from the positions' probabilities in the file; and how "
        "fixing one member's position on an item moves them.",
        epilog="examples:\n  cstosim odds scenarios/uncertain-summit-2026.yaml\n"
        "  cstosim odds scenarios/uncertain-summit-2026.yaml --set rule14=no_objection "
        "--format json",
        formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--plot", metavar="PATH", help="also draw who moves the odds (.png or .svg)")
    _lang(p)
    p.set_defaults(func=c.cmd_odds, parser=p)

    p = sub.add_parser(
        "explore",
        help="every position profile of a council: counts, invariants, voting power",
        epilog="examples:\n  cstosim explore\n  cstosim explore --members ARM,BLR,KAZ "
        "--set quorum=2/3 --format json\n  cstosim explore --set rule14=no_objection",
        formatter_class=raw,
    )
    p.add_argument(
        "--members",
        default=",".join(api.TODAYS_COUNCIL),
        help="comma-separated member codes (1 to 9; default today's six)",
    )
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="fix rule14 or limited_format, add a quorum variant, or set a decision rule",
    )
    p.add_argument(
        "--fix",
        action="append",
        default=[],
        metavar="MEMBER=POSITION",
        help="hold a member's position (repeatable): the profiles are the others'",
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
    _lang(p)
    p.set_defaults(func=c.cmd_explore, parser=p)

    p = sub.add_parser(
        "graph",
        help="the bodies' organisational graph as DOT, Mermaid or SVG",
        epilog="examples:\n  cstosim graph --format mermaid\n  cstosim graph --format svg "
        "--out bodies.svg\n  cstosim graph --format dot | dot -Tpng > bodies.png",
        formatter_class=raw,
    )
    p.add_argument("--format", choices=api.GRAPH_FORMATS, default="dot")
    p.add_argument("--out", metavar="PATH")
    _lang(p)
    p.set_defaults(func=c.cmd_graph)

    p = sub.add_parser("schema", help="print the JSON Schema of scenario files")
    p.add_argument("--trace", action="store_true", help="the JSON Schema of trace records")
    p.set_defaults(func=c.cmd_schema)

    p = sub.add_parser(
        "chairs",
        help="the CSC chair on 1 July of each year: record, then projection",
        description="The chair on 1 July of each year: the record, then a projection under the "
        "rules in force (Russian alphabetical rotation over the members of each 1 January).",
        epilog="examples:\n  cstosim chairs --from 2011 --to 2028\n"
        "  cstosim chairs --from 2020 --to 2040 --office sg --format json\n"
        "  cstosim chairs scenarios/frozen-armenia-2028.yaml   (the chairs of a run)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a scenario: the chairs its run gives, what-ifs marked (years: its own)",
    )
    p.add_argument("--from", dest="from_year", type=int, metavar="YEAR")
    p.add_argument("--to", dest="to_year", type=int, metavar="YEAR")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--plot", metavar="PATH", help="also draw the chairs by year (.png or .svg)")
    p.add_argument(
        "--office",
        choices=[o.value for o in Office],
        default=Office.CHAIR.value,
        help="the CSC chair (default) or the Secretary General's member state",
    )
    _lang(p)
    p.set_defaults(func=c.cmd_chairs, parser=p)

    p = sub.add_parser(
        "classroom",
        help="a live class session: students vote as member states in their browsers",
        description="Serve a live class session over a scenario: the teacher opens each item, "
        "students vote from their phones as member states, the board shows the count, then the "
        "outcome with its provisions and what each reading would give. The room is kept in "
        "--db and resumes from it. Needs the classroom extra: pip install 'cstosim[classroom]'.",
        epilog="examples:\n  cstosim classroom scenarios/moscow-2009.yaml\n"
        "  cstosim classroom scenarios/moscow-2009.yaml --host 0.0.0.0 --port 8080 "
        "--db class-2026-12-02.sqlite",
        formatter_class=raw,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--host", default="127.0.0.1", help="the address to listen on (default 127.0.0.1)"
    )
    p.add_argument("--port", type=_port, default=8000, help="the port (default 8000; 0: any free)")
    p.add_argument(
        "--db",
        default="classroom.sqlite",
        metavar="PATH",
        help="the SQLite file that keeps the room (default classroom.sqlite); the same file "
        "resumes it",
    )
    _lang(p)
    p.set_defaults(func=c.cmd_classroom, parser=p)

    p = sub.add_parser(
        "explain",
        help="a provision in plain words, its sources and its variants (or a source's entry)",
        epilog="examples:\n  cstosim explain rop.14.1\n  cstosim explain kz-bulletin-2013-1\n"
        "  cstosim explain   (lists the provision ids)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "id", nargs="?", help="a provision id such as rop.14.1, or a source id a provision cites"
    )
    _lang(p)
    p.set_defaults(func=c.cmd_explain)
    return parser


def _lang(p: argparse.ArgumentParser) -> None:
    """Add ``--lang`` to a command that prints for people (default: CSTOSIM_LANG, else en)."""
    p.add_argument(
        "--lang",
        choices=LANGS,
        default=None,
        help="the language of what it prints for people (default: $CSTOSIM_LANG, else en); "
        "codes, ids and JSON are the same in every language",
    )


def _count(least: int) -> Callable[[str], int]:
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


def _port(text: str) -> int:
    """A TCP port, 0 to 65535 (an argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is out of range; allowed: 0 to 65535")
    return value


def _seed(text: str) -> int:
    """A seed: a whole number from 0 to 2**63 - 1 (an argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"{value} is out of range; allowed: 0 to 2**63 - 1")
    return value
