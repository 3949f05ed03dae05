"""Plots with matplotlib: chairs by year, sweep frequencies, exact odds, who can block.

The output format follows the file's extension (.png or .svg). Every word on a plot is in the
language of the moment (``cstosim.i18n``); matplotlib (3.11 or later) joins Arabic letters and
lays right-to-left text out itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cstosim.errors import PlotError
from cstosim.i18n import N_, _
from cstosim.report.words import words

__all__ = [
    "OUTCOME_COLOURS",
    "PlotError",
    "plot_chairs",
    "plot_exploration",
    "plot_odds",
    "plot_sweep",
]

FORMATS = (".png", ".svg")
# One colour per outcome in every plot, as in the HTML report's badges.
OUTCOME_COLOURS = {
    "adopted": "#15803d",
    "adopted_limited": "#0e7490",
    "rejected": "#b91c1c",
    "no_quorum": "#a16207",
    "inadmissible": "#7e22ce",
    "signed": "#1d4ed8",
    "no_decision": "#475569",
}


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotError("plots need matplotlib: pip install -e '.[plot]'") from None
    return plt


def _t(message: str, **values: Any) -> str:
    """A catalogue message in the language of the moment, filled in."""
    return _(message).format(**values) if values else _(message)


def _side_legend(ax: Any) -> None:
    """The legend beside the axes, and light grid lines across the bars."""
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="x", alpha=0.3)


def _check(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in FORMATS:
        raise PlotError(f"{p}: plots are written as .png or .svg, not {p.suffix or 'no suffix'}")
    return p


def _save(fig: Any, path: Path) -> None:
    """Draw into a temporary file beside ``path`` and rename it into place (``cstosim.io``),
    then close the figure: a failure leaves an existing file whole. A path that must not be
    written (a link, a device, a folder) raises ``cstosim.io.OutputError``; one that cannot,
    PlotError."""
    from cstosim.io import OutputError, atomic_output

    try:
        with atomic_output(path) as fh:
            fig.savefig(
                fh,
                format=path.suffix.lower().lstrip("."),
                dpi=130,
                bbox_inches="tight",
                metadata={"Date": None} if path.suffix.lower() == ".svg" else None,
            )
    except OutputError as e:
        if e.kind == "usage":
            raise
        raise PlotError(str(e)) from None
    except OSError as e:
        raise PlotError(f"cannot write {path}: {e.strerror or e}") from None
    finally:
        _pyplot().close(fig)


_CHAIR_STYLE = {  # source -> (fill, hatch, label)
    "record": ("#1e40af", None, N_("record")),
    "inferred": ("#93c5fd", "..", N_("record, day or chair inferred")),
    "projection": ("#dbeafe", "//", N_("projection (the rule in force)")),
    "what-if": ("#fdba74", "xx", N_("this scenario's run (what-if)")),
}


def plot_chairs(rows: Sequence[Any], path: str | Path) -> Path:
    """The CSC chair over time: for the built-in table, by day from the record (handovers on
    their dates, inferred ones told apart, the 2011 switch to yearly rotation marked), then the
    projection by year; other tables (the Secretary General, a scenario's run) by year."""
    from datetime import date, timedelta

    from cstosim.history import CHAIR_HANDOVERS, LAST_RECORDED, chair_table

    p = _check(path)
    if not rows:
        raise PlotError("no chair to draw: the table is empty")
    plt = _pyplot()
    first, last = rows[0].year, rows[-1].year
    by_day = [r.as_dict() for r in rows] == [r.as_dict() for r in chair_table(first, last)]
    spans: list[tuple[date, date, str, str]] = []  # from, until, member, source
    if by_day:
        lo, hi = date(first, 1, 1), date(last, 12, 31)
        for k, h in enumerate(CHAIR_HANDOVERS):
            end = CHAIR_HANDOVERS[k + 1].day if k + 1 < len(CHAIR_HANDOVERS) else None
            end = min(end or date(LAST_RECORDED.year, 12, 31) + timedelta(days=1), hi)
            if end > lo and h.day <= hi:
                source = "record" if h.exact and h.confirmed else "inferred"
                spans.append((max(h.day, lo), end, h.member, source))
        for r in rows:
            if r.source == "projection":
                spans.append((date(r.year, 1, 1), date(r.year + 1, 1, 1), r.member, "projection"))
    else:
        for r in rows:
            source = r.source if r.confirmed or r.source != "record" else "inferred"
            spans.append((date(r.year, 1, 1), date(r.year + 1, 1, 1), r.member, source))
    members = sorted({span[2] for span in spans})
    fig, ax = plt.subplots(figsize=(max(8, (last - first + 1) * 0.55), 1.2 + 0.5 * len(members)))
    seen: set[str] = set()
    for start, until, member, source in spans:
        fill, hatch, label = _CHAIR_STYLE[source]
        ax.barh(
            members.index(member),
            (until - start).days,
            left=start,
            height=0.7,
            color=fill,
            hatch=hatch,
            edgecolor="#1e3a8a",
            label=None if source in seen else _t(label),
        )
        seen.add(source)
    switch = date(2011, 1, 1)
    if by_day and first <= switch.year <= last:
        ax.axvline(switch, color="#b91c1c", linestyle="--")
        ax.text(
            switch,
            0.01,
            " " + _t("yearly rotation from 1 Jan 2011"),
            color="#b91c1c",
            fontsize=10,
            va="bottom",
            transform=ax.get_xaxis_transform(),
        )
    ax.set_yticks(range(len(members)), members, fontsize=11)
    ax.set_xlabel(_t("date") if by_day else _t("year"), fontsize=11)
    ax.set_title(
        _t("CSC chair by day: record, then projection") if by_day else _t("By year (on 1 July)"),
        fontsize=12,
    )
    _side_legend(ax)
    fig.tight_layout()
    _save(fig, p)
    return p


def plot_sweep(summary: dict[str, Any], path: str | Path) -> Path:
    """Outcome frequencies with 95% intervals: one row per item (and variant), one bar per
    outcome in its colour, a legend for the colours."""
    p = _check(path)
    plt = _pyplot()
    entries = summary["items"]
    outcomes = [o for o in OUTCOME_COLOURS if any(o in e["shares"] for e in entries)]
    height = 0.8 / max(len(outcomes), 1)
    fig, ax = plt.subplots(
        figsize=(9, 1.0 + 0.55 * max(len(entries), 1) * max(len(outcomes), 1) / 2)
    )
    for j, outcome in enumerate(outcomes):
        ys, xs, lows, highs = [], [], [], []
        for i, e in enumerate(entries):
            if outcome in e["shares"]:
                share = e["shares"][outcome]
                lo, hi = e["intervals"][outcome]
                ys.append(i + j * height)
                xs.append(share)
                lows.append(share - lo)
                highs.append(hi - share)
        ax.barh(
            ys,
            xs,
            height=height,
            xerr=[lows, highs],
            capsize=3,
            color=OUTCOME_COLOURS[outcome],
            label=words("outcome", outcome),
        )
    ax.set_yticks(
        [i + height * (len(outcomes) - 1) / 2 for i in range(len(entries))],
        [f"{e['item']}" + (f"\n{e['variant']}" if e["variant"] else "") for e in entries],
        fontsize=10,
    )
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(_t("share of samples (95% intervals)"))
    ax.set_title(_t("Outcome frequencies over {n} samples", n=summary["samples"]))
    _side_legend(ax)
    fig.tight_layout()
    _save(fig, p)
    return p


def plot_odds(doc: dict[str, Any], path: str | Path) -> Path:
    """Per item, the exact odds as in the file, then with each uncertain member's position
    fixed to each value that changes them: one stacked bar per row, a colour per outcome."""
    p = _check(path)
    if not doc["items"]:
        raise PlotError("no item is decided: no odds to draw")
    plt = _pyplot()
    panels = []
    for it in doc["items"]:
        rows = [(_t("as in the file"), it["probabilities"])]
        for member in it.get("uncertain", []):
            for pos, moved in it.get("movers", {}).get(member, {}).items():
                if moved["probabilities"] != it["probabilities"]:
                    shown = f"{member} {words('position', pos)}"
                    rows.append((shown, moved["probabilities"]))
        panels.append((it["item"], rows))
    height = sum(len(rows) for _item, rows in panels) * 0.42 + 1.2 * len(panels) + 0.5
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9, max(2.5, height)),
        squeeze=False,
        gridspec_kw={"height_ratios": [max(len(rows), 1) for _item, rows in panels] or [1]},
    )
    seen: set[str] = set()
    for ax, (item, rows) in zip(axes[:, 0], panels, strict=True):
        for y, (_label, probs) in enumerate(rows):
            left = 0.0
            for outcome, colour in OUTCOME_COLOURS.items():
                share = probs.get(outcome, 0.0)
                if share <= 0:
                    continue
                ax.barh(
                    y,
                    share,
                    left=left,
                    color=colour,
                    edgecolor="white",
                    label=None if outcome in seen else words("outcome", outcome),
                )
                seen.add(outcome)
                if share >= 0.08:
                    ax.text(
                        left + share / 2,
                        y,
                        f"{share:.2f}",
                        ha="center",
                        va="center",
                        color="white",
                        fontsize=10,
                        fontweight="bold",
                    )
                left += share
        ax.set_yticks(range(len(rows)), [label for label, _probs in rows], fontsize=11)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_title(item, fontsize=13, loc="left")
    axes[-1, 0].set_xlabel(_t("probability (exact, not sampled)"), fontsize=11)
    fig.legend(loc="upper right", fontsize=10, ncol=len(seen) or 1)
    fig.suptitle(
        _t("Who moves the odds: one member's position fixed on an item"),
        fontsize=13,
        x=0.01,
        ha="left",
    )
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    _save(fig, p)
    return p


def plot_exploration(result: dict[str, Any], path: str | Path) -> Path:
    """Which positions let one member block alone (the others supporting), one small map per
    variant; where a weighted vote makes power unequal, the indices beside them."""
    p = _check(path)
    plt = _pyplot()
    variants = result["variants"]
    members = list(result["members"])
    fixed = result.get("fixed") or {}
    free = [m for m in members if m not in fixed]
    positions = ["support", "abstain", "object", "stand_aside", "absent"]
    unequal = any(len(set(v["banzhaf"].values())) > 1 for v in variants)
    cols = max(min(3, len(variants)), 2 if unequal else 1)
    rows = -(-len(variants) // cols) + (1 if unequal else 0)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows + 0.6), squeeze=False)
    for ax in axes.flat:
        ax.set_visible(False)
    blocks = _t("blocks")
    for i, v in enumerate(variants):
        ax = axes[i // cols][i % cols]
        ax.set_visible(True)
        grid = [
            [1 if pos in v["blocks_alone"].get(m, []) else 0 for pos in positions] for m in free
        ]
        ax.imshow(grid, cmap="RdYlGn_r", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(
            range(len(positions)),
            [words("position", x).replace(" ", "\n") for x in positions],
            fontsize=10,
        )
        ax.set_yticks(range(len(free)), free, fontsize=11)
        name = (
            _("{rule14}, limited format on")
            if v["limited_format"]
            else _("{rule14}, limited format off")
        ).format(rule14=v["rule14"])
        if v.get("quorum"):
            name = _("{variant}, quorum {quorum}").format(variant=name, quorum=f"{v['quorum']:.2g}")
        if v.get("decision") == "qualified_majority":  # neither reading enters it
            name = _("qualified majority of {threshold}").format(threshold=f"{v['threshold']:.2g}")
        elif v.get("decision"):
            name = f"{words('decision rule', v['decision'])}: " + name
        ax.set_title(name, fontsize=11)
        for r in range(len(free)):
            for c in range(len(positions)):
                if grid[r][c]:
                    ax.text(c, r, blocks, ha="center", va="center", fontsize=8, color="white")
    if unequal:
        for j, (key, title) in enumerate(
            (
                ("banzhaf", N_("Banzhaf index (unequal under this rule)")),
                ("shapley_shubik", N_("Shapley-Shubik index (unequal under this rule)")),
            )
        ):
            if j >= cols:
                break
            ax = axes[-1][j]
            ax.set_visible(True)
            v = variants[0]
            ax.bar(free, [v[key][m] for m in free], color="#1e40af")
            ax.set_title(_t(title), fontsize=11)
            ax.set_ylim(0, 1)
    title = _("Which position lets one member block alone, the others supporting")
    if fixed:
        held = ", ".join(f"{m} {words('position', p)}" for m, p in fixed.items())
        title = _("{title} ({held} held)").format(title=title, held=held)
    fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    _save(fig, p)
    return p
