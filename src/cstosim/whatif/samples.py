"""Samples of a sweep: the seed of each, running a chunk of them, and putting rows in order.

Sample i runs with a seed that depends only on the scenario's seed and i (``sample_seed``), so
its row is the same whatever the worker or backend that computes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cstosim.engine import Plan, simulate
from cstosim.vocabulary import Outcome

__all__ = [
    "CHUNK",
    "MAX_CHUNK",
    "WINDOW_PER_WORKER",
    "Chunk",
    "Row",
    "RowFormat",
    "Variants",
    "chunks",
    "drawn_members",
    "encode_row",
    "ordered",
    "run_chunk",
    "run_chunk_encoded",
    "run_sample",
    "sample_seed",
]

Row = dict[str, Any]
CHUNK = 64  # samples per task, at least
MAX_CHUNK = 2048  # and at most
WINDOW_PER_WORKER = 4  # tasks in flight per worker
_TEXT = {o: o.value for o in Outcome}  # an outcome's text, without the enum's slow .value


def sample_seed(seed: int, i: int) -> int:
    """The seed of sample ``i``: a hash of the scenario's seed and i, 63 bits."""
    digest = hashlib.blake2b(f"cstosim:{seed}:{i}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def run_sample(
    plan: Plan, i: int, variant: str = "", drawn: Mapping[str, frozenset[str]] | None = None
) -> Row:
    """Run sample ``i`` and return its row: sample, seed (the variant, if one is named) and
    each item's final outcome; with ``drawn`` (item -> the members whose position it draws,
    ``drawn_members``) also those positions and each item's blockers (``--rows full``)."""
    s = sample_seed(plan.seed, i)
    run = simulate(plan, seed=s, trace=False)
    outcomes = {item: _TEXT[dec.outcome] for item, dec in run.decisions.items()}
    row: Row = {"sample": i, "seed": s}
    if variant:
        row["variant"] = variant
    row["outcomes"] = outcomes
    if drawn is not None:
        positions: dict[str, dict[str, str]] = {}
        blockers: dict[str, list[str]] = {}
        for item, dec in run.decisions.items():
            rec = dec.record
            who = drawn.get(item, frozenset())
            positions[item] = {m: p.value for m, p in rec.positions.items() if m in who}
            blockers[item] = list(rec.blockers)
        row["positions"] = positions
        row["blockers"] = blockers
    return row


def drawn_members(plan: Plan) -> dict[str, frozenset[str]]:
    """Per item, the members whose position the plan gives as probabilities (drawn)."""
    out: dict[str, frozenset[str]] = {}
    for ev in plan.events:
        pairs = [(it.id, it.positions) for it in getattr(ev, "items", ())]
        if hasattr(ev, "item") and hasattr(ev, "positions"):
            pairs.append((ev.item, ev.positions))
        for item, given in pairs:
            out[item] = frozenset(m for m, spec in given.items() if isinstance(spec, tuple))
    return out


# The plans of a sweep: one per variant, each with its label ("" when there are no variants).
Variants = tuple[tuple[str, Plan], ...]


def run_chunk(plan: Plan, start: int, stop: int) -> list[Row]:
    """Rows for samples ``start`` to ``stop - 1``."""
    return [run_sample(plan, i) for i in range(start, stop)]


@dataclass(frozen=True, slots=True)
class RowFormat:
    """How rows are written: ``kind`` "jsonl", "csv" or "" (not written), and for CSV the
    item columns in order."""

    kind: str = ""
    items: tuple[str, ...] = ()
    full: bool = False  # --rows full: positions drawn and blockers per item


def encode_row(row: Row, fmt: RowFormat) -> str:
    """One row as the line the output file holds (design 5.4)."""
    if fmt.kind == "csv":
        cells = [str(row["sample"]), str(row["seed"])]
        if "variant" in row:
            cells.append(_csv_cell(row["variant"]))
        cells += [row["outcomes"].get(it, "") for it in fmt.items]
        if fmt.full:
            for it in fmt.items:
                drawn = row["positions"].get(it, {})
                cells.append(";".join(f"{m}={p}" for m, p in drawn.items()))
                cells.append(";".join(row["blockers"].get(it, [])))
        return ",".join(cells) + "\n"
    return json.dumps(row, ensure_ascii=False) + "\n"


@dataclass(frozen=True, slots=True)
class Chunk:
    """A chunk of samples as a worker returns it: the rows already encoded (so the parent only
    writes bytes, in order) and their outcome counts."""

    start: int
    rows: int  # samples: a sample under every variant
    data: bytes
    counts: dict[str, dict[str, dict[str, int]]]  # variant -> item -> outcome -> n
    first_seed: int | None


def run_chunk_encoded(plans: Plan | Variants, start: int, stop: int, fmt: RowFormat) -> Chunk:
    """Samples ``start`` to ``stop - 1`` (each under every variant, in the order given),
    encoded for the output and counted."""
    variants: Variants = (("", plans),) if isinstance(plans, Plan) else plans
    drawn = {label: drawn_members(plan) for label, plan in variants} if fmt.full else {}
    lines: list[str] = []
    counts: dict[str, dict[str, dict[str, int]]] = {label: {} for label, _ in variants}
    first_seed = None
    for i in range(start, stop):
        for label, plan in variants:
            row = run_sample(plan, i, label, drawn.get(label))
            if first_seed is None:
                first_seed = row["seed"]
            per_item = counts[label]
            for item, outcome in row["outcomes"].items():
                per = per_item.setdefault(item, {})
                per[outcome] = per.get(outcome, 0) + 1
            if fmt.kind:
                lines.append(encode_row(row, fmt))
    return Chunk(start, stop - start, "".join(lines).encode("utf-8"), counts, first_seed)


def _csv_cell(text: str) -> str:
    """A CSV cell, quoted where it holds a comma or a quote (a variant's label does)."""
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def chunks(first: int, total: int, size: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of each chunk of at most ``size`` samples from ``first`` to ``total``."""
    for a in range(first, total, size):
        yield a, min(a + size, total)


def ordered(results: Iterable[Chunk], first: int) -> Iterator[Chunk]:
    """Chunks in sample order from chunks that finish in any order."""
    pending: dict[int, Chunk] = {}
    nxt = first
    for chunk in results:
        pending[chunk.start] = chunk
        while nxt in pending:
            done = pending.pop(nxt)
            yield done
            nxt += done.rows
