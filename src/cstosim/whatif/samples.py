"""Samples of a sweep: the seed of each, running a chunk of them, and putting rows in order.

Sample i runs with a seed that depends only on the scenario's seed and i (``sample_seed``), so
its row is the same whatever the worker or backend that computes it.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator
from typing import Any

from cstosim.engine import Plan, simulate
from cstosim.vocabulary import Outcome

__all__ = [
    "CHUNK",
    "MAX_CHUNK",
    "WINDOW_PER_WORKER",
    "Row",
    "chunks",
    "ordered",
    "run_chunk",
    "run_chunk_packed",
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


def run_sample(plan: Plan, i: int) -> Row:
    """Run sample ``i`` and return its row: sample, seed and each item's final outcome."""
    s = sample_seed(plan.seed, i)
    run = simulate(plan, seed=s, trace=False)
    outcomes = {item: _TEXT[dec.outcome] for item, dec in run.decisions.items()}
    return {"sample": i, "seed": s, "outcomes": outcomes}


def run_chunk(plan: Plan, start: int, stop: int) -> list[Row]:
    """Rows for samples ``start`` to ``stop - 1``."""
    return [run_sample(plan, i) for i in range(start, stop)]


def run_chunk_packed(plan: Plan, start: int, stop: int) -> bytes:
    """The rows of a chunk as one pickled blob: Dask moves one bytes object far faster than
    thousands of small dicts (measured: 0.79 s against a few ms for 20,000 rows)."""
    return pickle.dumps(run_chunk(plan, start, stop), protocol=pickle.HIGHEST_PROTOCOL)


def chunks(first: int, total: int, size: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of each chunk of at most ``size`` samples from ``first`` to ``total``."""
    for a in range(first, total, size):
        yield a, min(a + size, total)


def ordered(results: Iterable[tuple[int, list[Row]]], first: int) -> Iterator[Row]:
    """Rows in sample order from chunks that finish in any order."""
    pending: dict[int, list[Row]] = {}
    nxt = first
    for start, rows in results:
        pending[start] = rows
        while nxt in pending:
            rows = pending.pop(nxt)
            yield from rows
            nxt += len(rows)
