"""Plain-text renderings of provisions and chair tables for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from cstosim.history import ChairYear
from cstosim.members import STATES
from cstosim.provisions import Provision
from cstosim.report.safe import clean
from cstosim.sources import Source

__all__ = ["render_chairs", "render_provision", "render_source"]


def _wrap(text: str, indent: str = "  ", subsequent: str | None = None) -> str:
    """Wrap a paragraph to 78 columns with an indent, never breaking an address."""
    return textwrap.fill(
        text,
        78,
        initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _instrument_dates(p: Provision) -> str:
    """When the instrument was signed and when the provision is in force, in words."""
    signed = f"signed {p.signed.isoformat()}" if p.signed else "no signed instrument"
    if p.in_force_from is None:
        return f"{signed}; not in force by default (a what-if)"
    dates = f"{signed}; in force from {p.in_force_from.isoformat()}"
    if p.in_force_to is not None:
        dates += f" to {p.in_force_to.isoformat()}"
    return dates


def render_provision(p: Provision) -> str:
    """A provision in plain words: what it says, where from, its variants and its episode."""
    lines = [
        f"{p.id}: {p.title}",
        _wrap(f"{p.instrument}, {p.article}: {_instrument_dates(p)}."),
        "",
    ]
    lines += [_wrap(p.paraphrase), ""]
    if p.variants:
        lines.append(f"  Variants (scenario key '{p.rule_key}'):")
        for v in p.variants:
            mark = " (default)" if v.default else ""
            lines.append(_wrap(f"- {v.value}{mark}: {v.meaning}", "    ", "      "))
        lines.append("")
    if p.episode:
        lines += ["  The episode that turned on it:", _wrap(p.episode, "    "), ""]
    lines.append(f"  Status: {p.status}.")
    if p.notes:
        lines.append(_wrap(f"Note: {p.notes}"))
    lines += ["", "  Sources:"]
    lines += [_wrap(f"- {s.citation()}", "  ", "    ") for s in p.source_entries()]
    if p.related:
        lines += ["", f"  See also: {', '.join(p.related)}"]
    return clean("\n".join(lines) + "\n")


def render_chairs(rows: Sequence[ChairYear], office: str = "CSC chair on 1 July") -> str:
    """A table of years, members and whether each comes from the record or a projection."""
    out = [f"{'year':<6}{'member':<8}{'name':<14}{'source':<12}note", "-" * 64]
    out[0] = f"{office}\n" + out[0]
    for r in rows:
        source = r.source if r.confirmed else "record (?)"
        out.append(f"{r.year:<6}{r.member:<8}{STATES[r.member].name_en:<14}{source:<12}{r.note}")
    if any(not r.confirmed for r in rows):
        out.append("(?) the record for that year is inferred or unconfirmed; see the note.")
    return clean("\n".join(out) + "\n")


def render_source(s: Source) -> str:
    """A source entry in plain words: title, publisher, date, address, and what it supports."""
    lines = [f"{s.id} (a source)", _wrap(s.citation())]
    if s.note:
        lines.append(_wrap(f"Note: {s.note}"))
    return clean("\n".join(lines) + "\n")
