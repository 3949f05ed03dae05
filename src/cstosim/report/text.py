"""Plain-text renderings of provisions and chair tables for the terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from cstosim.engine.expect import OTHER_RULES, UNTRACED, ExpectResult
from cstosim.history import ChairYear
from cstosim.i18n import N_, _
from cstosim.i18n import pgettext as p_
from cstosim.provisions import (
    Provision,
    article,
    episode,
    instrument,
    meaning,
    notes,
    paraphrase,
    title,
)
from cstosim.report.reasons import reason
from cstosim.report.safe import clean
from cstosim.report.words import state_name
from cstosim.sources import Source

__all__ = ["expectation_line", "render_chairs", "render_provision", "render_source", "status_word"]


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
    signed = (
        _("signed {date}").format(date=p.signed.isoformat())
        if p.signed
        else _("no signed instrument")
    )
    if p.in_force_from is None:
        return _("{signed}; not in force by default (a what-if)").format(signed=signed)
    if p.in_force_to is not None:
        return _("{signed}; in force from {start} to {end}").format(
            signed=signed, start=p.in_force_from.isoformat(), end=p.in_force_to.isoformat()
        )
    return _("{signed}; in force from {start}").format(
        signed=signed, start=p.in_force_from.isoformat()
    )


def render_provision(p: Provision) -> str:
    """A provision in plain words: what it says, where from, its variants and its episode."""
    lines = [
        f"{p.id}: {title(p)}",
        _wrap(
            _("{instrument}, {article}: {dates}.").format(
                instrument=instrument(p), article=article(p), dates=_instrument_dates(p)
            )
        ),
        "",
    ]
    lines += [_wrap(paraphrase(p)), ""]
    if p.variants:
        lines.append("  " + _("Variants (scenario key '{key}'):").format(key=p.rule_key))
        for v in p.variants:
            said = (
                _("- {value} (default): {meaning}") if v.default else _("- {value}: {meaning}")
            ).format(value=v.value, meaning=meaning(v))
            lines.append(_wrap(said, "    ", "      "))
        lines.append("")
    if p.episode:
        lines += ["  " + _("The episode that turned on it:"), _wrap(episode(p), "    "), ""]
    lines.append("  " + _("Status: {status}.").format(status=p_("status", p.status)))
    if p.notes:
        lines.append(_wrap(_("Note: {note}").format(note=notes(p))))
    lines += ["", "  " + _("Sources:")]
    lines += [_wrap(f"- {s.citation()}", "  ", "    ") for s in p.source_entries()]
    if p.related:
        lines += ["", "  " + _("See also: {ids}").format(ids=", ".join(p.related))]
    return clean("\n".join(lines) + "\n")


# The words of the status a provision has in the catalogue (for extraction).
_STATUSES = (
    p_("status", "confirmed"),
    p_("status", "partly confirmed"),
    p_("status", "contested"),
    p_("status", "unconfirmed"),
)


def render_chairs(rows: Sequence[ChairYear], office: str | None = None) -> str:
    """A table of years, members and whether each comes from the record or a projection."""
    office = _("CSC chair on 1 July") if office is None else office
    year, member, name = p_("column", "year"), p_("column", "member"), p_("column", "name")
    source, note = p_("column", "source"), p_("column", "note")
    head = f"{year:<6}{member:<8}{name:<14}{source:<12}{note}"
    out = [f"{office}\n{head}", "-" * 64]
    for r in rows:
        source = p_("chair source", r.source) if r.confirmed else _("record (?)")
        note = reason(r.note) if r.source == "what-if" else _(r.note) if r.note else ""
        out.append(f"{r.year:<6}{r.member:<8}{state_name(r.member):<14}{source:<12}{note}")
    if any(not r.confirmed for r in rows):
        out.append(_("(?) the record for that year is inferred or unconfirmed; see the note."))
    return clean("\n".join(out) + "\n")


_CHAIR_SOURCES = (p_("chair source", "record"), p_("chair source", "projection"))


def render_source(s: Source) -> str:
    """A source entry in plain words: title, publisher, date, address, and what it supports."""
    lines = [_("{id} (a source)").format(id=s.id), _wrap(s.citation())]
    if s.note:
        lines.append(_wrap(_("Note: {note}").format(note=s.note)))
    return clean("\n".join(lines) + "\n")


# Why an expectation was not checked (``engine.expect``), in words of the catalogue.
_NOT_CHECKED = {
    OTHER_RULES: N_("written for other rules"),
    UNTRACED: N_("sensitive_to is known in traced runs only"),
}


def status_word(ok: bool, skipped: bool = False) -> str:
    """ok, skip or FAIL, in the language of the moment."""
    if skipped:
        return p_("expectation", "skip")
    return p_("expectation", "ok") if ok else p_("expectation", "FAIL")


def expectation_line(e: ExpectResult) -> str:
    """One expectation in the language of the moment: what was expected (as ``key=value``
    codes) and, where it failed, what the run gave."""
    head = f"{status_word(e.ok, e.skipped):<5} {e.wanted}"
    if e.skipped:
        reason = e.reason or OTHER_RULES
        return f"{head}  ({_(_NOT_CHECKED.get(reason, reason))})"
    if e.ok:
        return head
    got = _("got {pairs}").format(pairs=e.got)
    return f"{head}  ({got})"
