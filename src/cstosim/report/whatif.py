"""Text renderings of comparisons, sweep summaries and explorations."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cstosim.i18n import _, ngettext, number
from cstosim.i18n import pgettext as p_
from cstosim.report.console import terminal_width
from cstosim.report.safe import clean
from cstosim.report.words import term, words

__all__ = ["console", "plural", "render_comparison", "render_exploration", "render_summary"]


def plural(n: int, noun: str) -> str:
    """'1 item', '2 items' (English; translated text uses ngettext with the whole phrase)."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def console(buf: io.StringIO) -> Console:
    """A plain (no colour) Rich console writing to ``buf`` at the terminal's width."""
    return Console(
        file=buf, width=terminal_width(), force_terminal=False, color_system=None, highlight=False
    )


def render_comparison(comparison: Any) -> str:
    """Items as rows, variants as columns; rows whose outcome differs are marked."""
    buf = io.StringIO()
    con = console(buf)
    items = ngettext("{n} item", "{n} items", len(comparison.items)).format(n=len(comparison.items))
    variants = ngettext("{n} variant", "{n} variants", len(comparison.variants)).format(
        n=len(comparison.variants)
    )
    con.print(
        Text(
            clean(
                _("{scenario}: {items} under {variants}").format(
                    scenario=comparison.scenario, items=items, variants=variants
                )
            )
        )
    )
    base = getattr(comparison, "base", None)
    # every combination of readings: one row each, the run's own marked
    table = _items_by_variant(comparison) if base is None else _variants_by_item(comparison, base)
    con.print(table)
    n = len(comparison.differing)
    con.print(
        Text(
            _("* {n} item(s) whose outcome turns on the variant").format(n=n)
            if n
            else _("No item's outcome turns on these variants.")
        )
    )
    changes = [it for it in comparison.items if it.get("quorums")]
    if changes:
        con.print(Text(_("Quorums (shares of the members with a vote) that would change an item:")))
        for it in changes:
            said = ", ".join(f"{q} -> {words('outcome', o)}" for q, o in it["quorums"].items())
            con.print(Text(clean(f"  {it['item']}: {said}")))
    return clean(buf.getvalue())


def _cell(outcome: str, blockers: list[str], bold: bool) -> Text:
    extra = f" ({' '.join(blockers)})" if blockers else ""
    return Text(clean(term("outcome", outcome) + extra), style="bold" if bold else "")


def _items_by_variant(comparison: Any) -> Table:
    table = Table(expand=False)
    table.add_column("", no_wrap=True)
    table.add_column(p_("column", "item"), overflow="fold")
    for v in comparison.variants:
        table.add_column(Text(clean(v.replace(",", ", "))), overflow="fold")
    for it in comparison.items:
        cells = [
            _cell(o, b, it["differs"]) for o, b in zip(it["outcomes"], it["blockers"], strict=True)
        ]
        table.add_row("*" if it["differs"] else "", Text(clean(it["item"])), *cells)
    return table


def _variants_by_item(comparison: Any, base: int) -> Table:
    table = Table(expand=False)
    table.add_column(p_("column", "readings"), overflow="fold")
    for it in comparison.items:
        table.add_column(Text(clean(("* " if it["differs"] else "") + it["item"])), overflow="fold")
    for i, v in enumerate(comparison.variants):
        label = v.replace(",", ", ")
        if i == base:
            label = _("{variant} (this run)").format(variant=label)
        cells = [
            _cell(it["outcomes"][i], it["blockers"][i], it["differs"]) for it in comparison.items
        ]
        table.add_row(Text(clean(label), style="bold" if i == base else ""), *cells)
    return table


def render_summary(summary: Any, repro: str, rows: bool = True) -> str:
    """Outcome frequencies per item (and variant) with 95% intervals, and how to reproduce a
    sample."""
    buf = io.StringIO()
    con = console(buf)
    doc = summary.as_dict()
    named = [v for v in doc["variants"] if v]
    # (the English says "samples" and "variants" whatever the count, as it always has)
    head = ngettext("{n} samples", "{n} samples", doc["samples"]).format(n=doc["samples"])
    if named:
        head = ngettext(
            "{samples}, each under {n} variants (the same seeds)",
            "{samples}, each under {n} variants (the same seeds)",
            len(named),
        ).format(samples=head, n=len(named))
    con.print(Text(head))
    table = Table()
    cols = [
        p_("column", "item"),
        *([p_("column", "variant")] if named else []),
        p_("column", "outcome"),
        p_("column", "count"),
        p_("column", "share"),
        p_("column", "95% interval"),
    ]
    for col in cols:
        table.add_column(col, overflow="fold")
    for entry in doc["items"]:
        for outcome, n in entry["counts"].items():
            lo, hi = entry["intervals"][outcome]
            cells = [Text(clean(entry["item"]))]
            if named:
                cells.append(Text(clean(entry["variant"].replace(",", ", "))))
            cells += [
                Text(clean(term("outcome", outcome))),
                Text(f"{n}"),
                Text(f"{entry['shares'][outcome]:.3f}"),
                Text(f"{lo:.3f} - {hi:.3f}"),
            ]
            table.add_row(*cells)
    con.print(table)
    if summary.first_seed is not None:
        lead = (
            _("Reproduce any sample with the seed of its row, e.g. sample 0:")
            if rows
            else _(
                "Sample 0 ran with seed {seed} (with --out, each row keeps its seed); "
                "reproduce it with:"
            ).format(seed=summary.first_seed)
        )
        con.print(Text(lead + "\n  " + repro.format(seed=summary.first_seed)))
    return clean(buf.getvalue())


def render_exploration(result: dict[str, Any]) -> str:
    """Per variant: outcome counts, invariants, who blocks alone and the power indices."""
    buf = io.StringIO()
    con = console(buf)
    members = result["members"]
    total = result["profiles"]
    fixed = result.get("fixed") or {}
    held = ", ".join(f"{m} {term('position', p)}" for m, p in fixed.items())
    council = ngettext("Council of {n}: {members}", "Council of {n}: {members}", len(members))
    said = council.format(n=len(members), members=", ".join(members))
    if fixed:
        said = _("{council}; held: {held}").format(council=said, held=held)
    profiles = (
        ngettext(
            "{n} profile of the five positions of the others per variant",
            "{n} profiles of the five positions of the others per variant",
            total,
        )
        if fixed
        else ngettext(
            "{n} profile of the five positions per variant",
            "{n} profiles of the five positions per variant",
            total,
        )
    ).format(n=number(total))
    con.print(Text(clean(_("{council}; {profiles}").format(council=said, profiles=profiles))))
    table = Table()
    outcomes = result["outcomes"]
    for col in (
        "rule14",
        p_("column", "limited"),
        "quorum",
        *(term("outcome", o) for o in outcomes),
        p_("column", "invariants"),
        p_("column", "one member blocks alone by"),
        p_("column", "Banzhaf / S-S (each)"),
    ):
        table.add_column(col)
    for v in result["variants"]:
        c = v["counts"]
        blocks = sorted({p for ps in v["blocks_alone"].values() for p in ps})
        same = len(set(v["banzhaf"].values())) == 1 and len(set(v["shapley_shubik"].values())) == 1
        power = (
            f"{next(iter(v['banzhaf'].values())):.3f} / "
            f"{next(iter(v['shapley_shubik'].values())):.3f}"
            if same
            else _("unequal")
        )
        table.add_row(
            v["rule14"],
            str(v["limited_format"]).lower(),
            str(v["quorum"] or "none"),
            *(number(c[o]) for o in outcomes),
            p_("invariants", v["invariants"]),
            _(", ").join(term("position", p) for p in blocks),
            power,
        )
    con.print(table)
    if any(not v["quorum"] and v["counts"].get("no_quorum") for v in result["variants"]):
        con.print(
            Text(
                _(
                    "{no_quorum} without a quorum: the profiles in which no member takes part "
                    "(all stand aside or are absent: with nobody taking part there is nothing to "
                    "decide)."
                ).format(no_quorum=term("outcome", "no_quorum"))
            )
        )
    for v in result["variants"]:
        if len(set(v["banzhaf"].values())) > 1 or len(set(v["shapley_shubik"].values())) > 1:
            by = sorted(v["banzhaf"], key=lambda m: (-v["banzhaf"][m], m))
            power = ", ".join(
                f"{m} {v['banzhaf'][m]:.3f} / {v['shapley_shubik'][m]:.3f}" for m in by
            )
            con.print(
                Text(
                    clean(
                        _(
                            "Power ({rule14}, limited {limited}): {power} "
                            "(Banzhaf / Shapley-Shubik)"
                        ).format(
                            rule14=v["rule14"],
                            limited=str(v["limited_format"]).lower(),
                            power=power,
                        )
                    )
                )
            )
    return clean(buf.getvalue())
