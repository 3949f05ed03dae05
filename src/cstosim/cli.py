"""The ``cstosim`` command line (design 5.2). Usage errors exit 2, user errors exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from cstosim import __version__
from cstosim.history import HistoryError, chair_table, sg_table
from cstosim.provisions import CATALOGUE, UnknownProvisionError, get
from cstosim.report.text import render_chairs, render_provision

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as e:
        print(f"cstosim: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
