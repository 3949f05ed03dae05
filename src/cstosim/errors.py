"""Every error cstosim raises on purpose, under one root.

::

    CstosimError
     ├── ScenarioError          a scenario with mistakes: each Problem has file, line, column
     ├── PlanError              a valid scenario that cannot run under the rules given (key path)
     ├── RuleError              a rule key or value that is not allowed
     ├── UnknownProvisionError  a provision id not in the catalogue (with the closest ids)
     ├── HistoryError           years the record and its projection cannot give
     ├── SweepError             a sweep that cannot start or go on
     ├── PlotError              a plot that cannot be made
     ├── ClassroomError         a classroom request refused (its HTTP status), or a room that
     │                          cannot start
     └── ArgumentError          an argument an API function does not take (a value, a format)

Messages say what is wrong and what is allowed, in the library's words; the command line adds
its own flags where it has them. Each class also derives from the built-in exception it stood
for before (``ValueError``, ``KeyError``, ``RuntimeError``), so older ``except`` clauses hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ArgumentError",
    "ClassroomError",
    "CstosimError",
    "HistoryError",
    "PlanError",
    "PlotError",
    "Pos",
    "Problem",
    "RuleError",
    "ScenarioError",
    "SweepError",
    "UnknownProvisionError",
    "words",
]

KeyPath = tuple[str | int, ...]


class CstosimError(Exception):
    """The root of every error cstosim raises on purpose."""


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a scenario: the file, where in it, and what is wrong and allowed.

    A scenario built in Python (``api.scenario``) has no file: its problems name the path of
    keys instead (``path``), as ``<mapping>: events[0].date: message``.
    """

    file: str
    pos: Pos
    message: str
    path: KeyPath | None = None

    def __str__(self) -> str:
        file = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in self.file)
        if self.path is not None:
            return f"{file}: {dotted(self.path)}: {self.message}"
        return f"{file}:{self.pos.line}:{self.pos.col}: {self.message}"


def dotted(path: KeyPath) -> str:
    """A path of keys as people write it: events[0].items[1].id (the top level: (top))."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


class ScenarioError(CstosimError, ValueError):
    """A scenario with one or more mistakes, each located as FILE:LINE:COL."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


class PlanError(CstosimError, ValueError):
    """A scenario that is valid as a file but cannot run under the rules given.

    ``path`` is the path of keys in the scenario where the trouble lies (``("rules",)``,
    ``("events", 3, "date")``); ``()`` when it lies in the rules given from outside the file.
    """

    def __init__(self, message: str, path: KeyPath = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


class RuleError(CstosimError, ValueError):
    """A rule key or value that is not allowed."""


class UnknownProvisionError(CstosimError, KeyError):
    """A provision id that is not in the catalogue."""

    def __init__(self, pid: str, suggestions: Sequence[str]) -> None:
        super().__init__(pid)
        self.pid = pid
        self.suggestions = list(suggestions)

    def __str__(self) -> str:
        from cstosim.i18n import _  # i18n imports this module

        if self.suggestions:
            return _("unknown provision {id}; did you mean {ids}?").format(
                id=repr(self.pid), ids=", ".join(self.suggestions)
            )
        return _("unknown provision {id}").format(id=repr(self.pid))


class HistoryError(CstosimError, ValueError):
    """A request for years outside what the record and projection can give.

    ``first`` and ``last`` are the years asked for; ``bound`` names the limit they broke:
    ``"order"`` (last before first), ``"record"`` (first before the record starts), ``"end"``
    (past the last year) or ``"span"`` (too many years at once).
    """

    def __init__(self, message: str, *, first: int, last: int, bound: str) -> None:
        super().__init__(message)
        self.first, self.last, self.bound = first, last, bound


class SweepError(CstosimError, RuntimeError):
    """A sweep that cannot start or go on (bad output file, mismatched resume, a failed worker).

    ``resumable`` is true when the rows written so far are kept and the sweep can be continued
    from its output file.
    """

    def __init__(self, message: str, *, resumable: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.resumable = resumable


class PlotError(CstosimError, ValueError):
    """A plot that cannot be made (unknown format, matplotlib missing, unwritable path)."""


class ArgumentError(CstosimError, ValueError):
    """An argument an API function does not take: a value out of its set, an unknown format."""


def words(value: object) -> str:
    """A value as a person reads it in a message: ``nothing (null)``, ``true``, ``an empty
    list``, a number with all its digits, text in quotes with anything that is not printable
    ASCII shown as ``\\uXXXX`` (so a look-alike Cyrillic letter does not pass for a Latin one)."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        shown = "".join(c if " " <= c <= "~" else f"\\u{ord(c):04x}" for c in value)
        note = (
            " (it has letters that are not Latin)"
            if any(c.isalpha() and ord(c) > 127 for c in value)
            else ""
        )
        return f"'{shown}'{note}"
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(words(v) for v in value) + "]" if value else "an empty list"
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(isoformat())
    return f"a {type(value).__name__}"


class ClassroomError(CstosimError):
    """A classroom request the room refuses, with the HTTP status it answers with (404 no such
    room, 409 a seat taken or no vote open, 422 a value not allowed...), or a room that cannot
    start (status 0)."""

    def __init__(
        self,
        message: str,
        status: int = 0,
        template: str | None = None,
        params: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message  # English, as the JSON API answers
        self.status = status
        self.template = template or message  # the catalogue's msgid, for a page in a language
        self.params = params or {}

    @classmethod
    def of(cls, status: int, template: str, **params: str) -> ClassroomError:
        """An error whose message is ``template`` filled with ``params`` (``{name}``)."""
        return cls(template.format(**params), status, template, params)
