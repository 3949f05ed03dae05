"""The ``cstosim`` command line (design 5.2). Usage errors exit 2, user errors exit 1.

Every command goes through ``cstosim.api``; this package only parses arguments, prints what the
API returns and turns errors into messages and exit codes (no user mistake prints a traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, TextIO

from cstosim import api, i18n
from cstosim.cli.commands import CliError
from cstosim.cli.parser import build_parser
from cstosim.errors import ArgumentError, CstosimError, ScenarioError
from cstosim.i18n import _

__all__ = ["build_parser", "main"]


class _Visible:
    """A stream that shows control characters as ``\\uXXXX`` instead of sending them: what
    goes to standard error quotes file names and arguments, which may hold any character."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(api.clean(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # never fail on a terminal that is not UTF-8
            reconfigure(errors="backslashreplace")
    stderr = sys.stderr
    sys.stderr = _Visible(stderr)
    try:
        return _main(argv)
    finally:
        sys.stderr = stderr


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    if not (sys.argv[1:] if argv is None else argv):  # bare `cstosim`: what it can do
        parser.print_help(sys.stderr)
        print("\n" + _("Run `cstosim COMMAND --help` for a command's options."), file=sys.stderr)
        return 2
    args = parser.parse_args(argv)
    try:
        lang = i18n.parse_lang(args.lang) if getattr(args, "lang", None) else i18n.default_lang()
    except ArgumentError as e:  # CSTOSIM_LANG names no language cstosim speaks: a usage error
        print(f"cstosim: {e}", file=sys.stderr)
        return 2
    with i18n.using(lang):
        return _command(args)


def _command(args: Any) -> int:
    """Run the parsed command in the language of the moment; mistakes become messages."""
    try:
        return int(args.func(args))
    except CliError as e:
        print(f"cstosim: {e}", file=sys.stderr)
        return 1
    except ScenarioError as e:
        print(e, file=sys.stderr)
        return 1
    except CstosimError as e:  # any other mistake the library reports: a message, no traceback
        print(f"cstosim: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(
            "cstosim: "
            + _("interrupted; a sweep's rows written so far are kept (--resume continues it)"),
            file=sys.stderr,
        )
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
