"""Plots with matplotlib: chairs by year, sweep frequencies, voting power per variant.

The output format follows the file's extension (.png or .svg).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cstosim.errors import PlotError

__all__ = ["PlotError", "plot_chairs", "plot_exploration", "plot_sweep"]

FORMATS = (".png", ".svg")


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
    labels, shares, lows, highs = [], [], [], []
    for item, per in summary["items"].items():
        for outcome, st in per.items():
            labels.append(f"{item}\n{outcome}")
            shares.append(st["share"])
            lows.append(st["share"] - st["ci95"][0])
            highs.append(st["ci95"][1] - st["share"])
    fig, ax = plt.subplots(figsize=(max(6, len(labels) * 1.1), 4))
    ax.bar(range(len(labels)), shares, yerr=[lows, highs], capsize=4, color="#0e7490")
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share of samples")
    ax.set_title(f"Outcome frequencies over {summary['samples']} samples (95% intervals)")
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
