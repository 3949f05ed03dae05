"""Plots with matplotlib: chairs by year, sweep frequencies, voting power per variant.

The output format follows the file's extension (.png or .svg).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cstosim.errors import PlotError

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


def _check(path: str | Path) -> Path:
    p = Path(path)
    if p.suffix.lower() not in FORMATS:
        raise PlotError(f"{p}: plots are written as .png or .svg, not {p.suffix or 'no suffix'}")
    return p


def _save(fig: Any, path: Path) -> None:
    """Draw into a temporary file beside ``path`` and rename it into place (``cstosim.io``):
    a failure leaves an existing file whole. A path that must not be written (a link, a
    device, a folder) raises ``cstosim.io.OutputError``; one that cannot, PlotError."""
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


def plot_chairs(rows: Sequence[Any], path: str | Path) -> Path:
    """Chairs by year, one row per member; record and projection told apart."""
    p = _check(path)
    plt = _pyplot()
    members = sorted({r.member for r in rows})
    fig, ax = plt.subplots(figsize=(max(6, len(rows) * 0.45), 1 + 0.45 * len(members)))
    for r in rows:
        y = members.index(r.member)
        record = r.source == "record"
        ax.barh(
            y,
            0.9,
            left=r.year - 0.45,
            color="#1e40af" if record else "#93c5fd",
            hatch=None if record else "//",
            edgecolor="#1e3a8a",
        )
    ax.set_yticks(range(len(members)), members)
    ax.set_xlabel("year (chair on 1 July)")
    ax.set_title("CSC chair: record (solid) and projection (hatched)")
    ax.grid(axis="x", alpha=0.3)
    _save(fig, p)
    plt.close(fig)
    return p


def plot_sweep(summary: dict[str, Any], path: str | Path) -> Path:
    """Outcome frequencies per item with 95% intervals."""
    p = _check(path)
    plt = _pyplot()
    labels, shares, lows, highs, colours = [], [], [], [], []
    for entry in summary["items"]:
        for outcome, share in entry["shares"].items():
            lo, hi = entry["intervals"][outcome]
            variant = f"\n{entry['variant']}" if entry["variant"] else ""
            labels.append(f"{entry['item']}{variant}\n{outcome}")
            colours.append(OUTCOME_COLOURS.get(outcome, "#64748b"))
            shares.append(share)
            lows.append(share - lo)
            highs.append(hi - share)
    fig, ax = plt.subplots(figsize=(max(6, len(labels) * 1.1), 4))
    ax.bar(range(len(labels)), shares, yerr=[lows, highs], capsize=4, color=colours)
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of samples")
    ax.set_title(f"Outcome frequencies over {summary['samples']} samples (95% intervals)")
    _save(fig, p)
    plt.close(fig)
    return p


def plot_odds(doc: dict[str, Any], path: str | Path) -> Path:
    """Per item, the exact odds as in the file, then with each uncertain member's position
    fixed to each value that changes them: one stacked bar per row, a colour per outcome."""
    p = _check(path)
    plt = _pyplot()
    panels = []
    for it in doc["items"]:
        rows = [("as in the file", it["probabilities"])]
        for member in it.get("uncertain", []):
            for pos, moved in it.get("movers", {}).get(member, {}).items():
                if moved["probabilities"] != it["probabilities"]:
                    rows.append((f"{member} {pos.replace('_', ' ')}", moved["probabilities"]))
        panels.append((it["item"], rows))
    height = sum(len(rows) for _, rows in panels) * 0.42 + 1.2 * len(panels) + 0.5
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(9, max(2.5, height)),
        squeeze=False,
        gridspec_kw={"height_ratios": [max(len(rows), 1) for _, rows in panels] or [1]},
    )
    seen: set[str] = set()
    for ax, (item, rows) in zip(axes[:, 0], panels, strict=True):
        for y, (_, probs) in enumerate(rows):
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
                    label=None if outcome in seen else outcome.replace("_", " "),
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
        ax.set_yticks(range(len(rows)), [label for label, _ in rows], fontsize=11)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_title(item, fontsize=13, loc="left")
    axes[-1, 0].set_xlabel("probability (exact, not sampled)", fontsize=11)
    fig.legend(loc="upper right", fontsize=10, ncol=len(seen) or 1)
    fig.suptitle(
        "Who moves the odds: one member's position fixed on an item", fontsize=13, x=0.01, ha="left"
    )
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    _save(fig, p)
    plt.close(fig)
    return p


def plot_exploration(result: dict[str, Any], path: str | Path) -> Path:
    """Banzhaf and Shapley-Shubik indices per member, one group per variant."""
    p = _check(path)
    plt = _pyplot()
    variants = result["variants"]
    members = result["members"]
    fig, axes = plt.subplots(1, 2, figsize=(max(8, len(variants) * 1.6), 4), sharey=True)
    width = 0.8 / max(len(members), 1)
    names = [
        f"{v['rule14']}\nLF {'on' if v['limited_format'] else 'off'}"
        + (f"\nq {v['quorum']}" if v["quorum"] else "")
        for v in variants
    ]
    for ax, key, title in (
        (axes[0], "banzhaf", "Banzhaf"),
        (axes[1], "shapley_shubik", "Shapley-Shubik"),
    ):
        for j, m in enumerate(members):
            ax.bar(
                [i + j * width for i in range(len(variants))],
                [v[key][m] for v in variants],
                width,
                label=m,
            )
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(variants))], names, fontsize=7)
        ax.set_title(f"{title} index per variant")
    axes[0].set_ylabel("normalised power")
    axes[1].legend(fontsize=7, ncol=2)
    _save(fig, p)
    plt.close(fig)
    return p
