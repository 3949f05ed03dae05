"""The sources cstosim rests on: one entry per public page or legal text, with a stable id.

The entries live in ``data/sources.toml`` beside this module; this module reads and checks them.

Every provision of the catalogue (:mod:`cstosim.provisions`), every built-in date of the history
(membership, chairs of the Collective Security Council, Secretaries General) and every sourced
fact in a bundled scenario refers to the entries here by id, and ``cstosim explain ID`` prints
them. The project ships this list itself: nothing a user reads points anywhere else.

Each :class:`Source` has

- ``id``: short, stable, lowercase words joined by hyphens, usually the publisher, the date and
  the subject (``kremlin-2011-08-31-cst-protocol``); ids never change once published;
- ``title``: the page's own title in its own language where we have it, otherwise a faithful
  English description of what the page is;
- ``publisher``: the site, agency or body that published it (and, for a copy, where from);
- ``date``: ISO text, ``YYYY-MM-DD``, or ``YYYY-MM`` or ``YYYY`` where only that much is known;
  for a legal text, the date of the instrument; ``n.d.`` for a standing page with no date;
- ``url``: where it was read;
- ``note``: what in it matters to cstosim, and any doubt about it.

Sources disagree in places (Georgia's accession, Uzbekistan's return, Yerevan 2022's count of
decisions); the notes say so, and the provisions and history that cite them say which reading
cstosim follows.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources

from cstosim.errors import CstosimError

__all__ = ["SOURCES", "UNDATED", "Source", "UnknownSourceError", "get_source"]

UNDATED = "n.d."
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


@dataclass(frozen=True, slots=True)
class Source:
    """One public source: what it is, who published it, when, and where it was read."""

    id: str
    title: str
    publisher: str
    date: str
    url: str
    note: str = ""

    def citation(self) -> str:
        """``TITLE. PUBLISHER, DATE. URL`` on one line."""
        title = self.title if self.title.endswith((".", "?", "!")) else self.title + "."
        date = self.date if self.date.endswith(".") else self.date + "."
        return f"{title} {self.publisher}, {date} {self.url}"


class UnknownSourceError(CstosimError, KeyError):
    """A source id that is not in :data:`SOURCES`."""

    def __init__(self, sid: str, suggestions: list[str]) -> None:
        super().__init__(sid)
        self.sid = sid
        self.suggestions = suggestions

    def __str__(self) -> str:
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"unknown source {self.sid!r}{hint}"


def _load() -> dict[str, Source]:
    """The sources of ``data/sources.toml``, checked: ids unique and well formed, dates as
    stated, addresses http(s). A mistake in the file stops the import with what is wrong."""
    raw = tomllib.loads(resources.files("cstosim").joinpath("data/sources.toml").read_text("utf-8"))
    out: dict[str, Source] = {}
    for entry in raw["source"]:
        s = Source(**entry)
        if s.id in out:
            raise ValueError(f"duplicate source id {s.id!r}")
        if not ID_PATTERN.match(s.id):
            raise ValueError(f"source id {s.id!r} is not lowercase words joined by hyphens")
        if s.date != UNDATED and not DATE_PATTERN.match(s.date):
            raise ValueError(
                f"source {s.id!r} has date {s.date!r}; allowed: YYYY[-MM[-DD]] or n.d."
            )
        if not s.url.startswith(("http://", "https://")):
            raise ValueError(f"source {s.id!r} has no http(s) address")
        out[s.id] = s
    return out


class _Sources(Mapping[str, Source]):
    """The sources by id, read from the data file on first use (most commands never cite
    one, and reading 170 entries costs a noticeable part of starting up)."""

    def __init__(self) -> None:
        self._data: dict[str, Source] | None = None

    def _all(self) -> dict[str, Source]:
        if self._data is None:
            self._data = _load()
        return self._data

    def __getitem__(self, sid: str) -> Source:
        return self._all()[sid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


SOURCES: Mapping[str, Source] = _Sources()


def get_source(sid: str) -> Source:
    """The source with id ``sid``; raises :class:`UnknownSourceError` with the closest ids."""
    try:
        return SOURCES[sid]
    except KeyError:
        close = difflib.get_close_matches(sid, list(SOURCES), n=3, cutoff=0.5)
        raise UnknownSourceError(sid, close) from None
