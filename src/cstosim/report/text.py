"""Plain-text renderings of provisions and chair tables for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from cstosim.history import ChairYear
from cstosim.members import STATES
from cstosim.provisions import Provision

__all__ = ["render_chairs", "render_provision"]


def _wrap(text: str, indent: str = "  ") -> str:
    """Wrap a paragraph to 78 columns with an indent."""
    return textwrap.fill(text, 78, initial_indent=indent, subsequent_indent=indent)


def render_provision(p: Provision) -> str:
    """A provision in plain words: what it says, where from, its variants and its episode."""
    dates = "in force "
    if p.in_force_from and p.in_force_to:
        dates += f"{p.in_force_from.isoformat()} to {p.in_force_to.isoformat()}"
    elif p.in_force_from:
        dates += f"from {p.in_force_from.isoformat()}"
    else:
        dates = "not in force by default (a what-if)"
    lines = [f"{p.id}: {p.title}", f"  {p.instrument}, {p.article}; {dates}.", ""]
    lines += [_wrap(p.paraphrase), ""]
    if p.variants:
        lines.append(f"  Variants (scenario key '{p.rule_key}'):")
        for v in p.variants:
            mark = " (default)" if v.default else ""
            lines.append(_wrap(f"- {v.value}{mark}: {v.meaning}", "    "))
        lines.append("")
    if p.episode:
        lines += ["  The episode that turned on it:", _wrap(p.episode, "    "), ""]
    lines.append(f"  Status: {p.status}.")
    if p.notes:
        lines.append(_wrap(f"Note: {p.notes}"))
    for s in p.sources:
        lines.append(f"  Source: {s}")
    if p.related:
        lines.append(f"  See also: {', '.join(p.related)}")
    return "\n".join(lines) + "\n"


def render_chairs(rows: Sequence[ChairYear], office: str = "CSC chair on 1 July") -> str:
    """A table of years, members and whether each comes from the record or a projection."""
    out = [f"{'year':<6}{'member':<8}{'name':<14}{'source':<12}note", "-" * 64]
    out[0] = f"{office}\n" + out[0]
    for r in rows:
        source = r.source if r.confirmed else "record (?)"
        out.append(f"{r.year:<6}{r.member:<8}{STATES[r.member].name_en:<14}{source:<12}{r.note}")
    if any(not r.confirmed for r in rows):
        out.append("(?) the record for that year is inferred or unconfirmed; see the note.")
    return "\n".join(out) + "\n"
