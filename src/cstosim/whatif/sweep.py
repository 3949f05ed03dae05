"""Monte Carlo sweeps over samples of a scenario, on local processes or a Dask cluster.

Sample i runs with a seed that depends only on the scenario's seed and i (``sample_seed``), so
the rows are the same whatever the number of workers or the backend. Rows are written in sample
order as they finish (a bounded window of samples is in flight, so memory stays flat), after a
header line recording the version, the resolved scenario and the settings. ``resume`` continues
an interrupted sweep from its output file: a torn last line is dropped and redone.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cstosim.engine import Plan
from cstosim.errors import SweepError
from cstosim.vocabulary import Backend
from cstosim.whatif.rows import RowWriter, sweep_header
from cstosim.whatif.samples import (
    CHUNK,
    MAX_CHUNK,
    WINDOW_PER_WORKER,
    Chunk,
    RowFormat,
    Variants,
    chunks,
    ordered,
    run_chunk,
    run_chunk_encoded,
    run_sample,
    sample_seed,
)

__all__ = [
    "BACKENDS",
    "SweepError",
    "SweepSummary",
    "run_chunk",
    "run_sample",
    "sample_seed",
    "sweep",
    "wilson",
]

BACKENDS = tuple(b.value for b in Backend)  # local processes, or a Dask cluster

# -- local process pool -----------------------------------------------------------------------
_WORKER_PLANS: Variants | None = None
PARENT_POLL = 0.5  # seconds between a worker's checks that its sweep is still alive


def _init_worker(plans: Variants, inherited: tuple[int, ...]) -> None:
    global _WORKER_PLANS
    _WORKER_PLANS = plans
    # A forked worker holds a copy of the parent's descriptor of the output file, and with it
    # the file's lock: closed here, the lock ends with the parent (a killed sweep's file can
    # be resumed at once, whatever its workers are still doing).
    for fd in inherited:
        with contextlib.suppress(OSError):
            os.close(fd)
    # A forked worker also holds the parent's end of the task pipe, so it never sees the pipe
    # close: were the parent killed, it would wait for work for ever. It watches instead.
    threading.Thread(
        target=_exit_with_parent, args=(os.getppid(),), name="cstosim-watch", daemon=True
    ).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _worker_chunk(start: int, stop: int, fmt: RowFormat) -> Chunk:
    assert _WORKER_PLANS is not None
    return run_chunk_encoded(_WORKER_PLANS, start, stop, fmt)


def _local(
    plan: Variants,
    first: int,
    total: int,
    workers: int,
    chunk: int,
    fmt: RowFormat,
    inherited: tuple[int, ...] = (),
) -> Iterator[Chunk]:
    if workers <= 1:
        for a, b in chunks(first, total, chunk):
            yield run_chunk_encoded(plan, a, b, fmt)
        return
    window = workers * WINDOW_PER_WORKER
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(plan, inherited)
    ) as pool:

        def finished() -> Iterator[Chunk]:
            todo = chunks(first, total, chunk)
            inflight: dict[Any, int] = {}
            for a, b in list(itertools.islice(todo, window)):
                inflight[pool.submit(_worker_chunk, a, b, fmt)] = a
            while inflight:
                done = _first_done(inflight)
                inflight.pop(done)
                yield done.result()
                for na, nb in list(itertools.islice(todo, 1)):
                    inflight[pool.submit(_worker_chunk, na, nb, fmt)] = na

        yield from ordered(finished(), first)


def _first_done(inflight: dict[Any, int]) -> Any:
    """A finished future (the lowest sample among those done)."""
    done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
    return min(done, key=lambda f: inflight[f])


# -- summary -------------------------------------------------------------------------------------
def wilson(k: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion k/n."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if k == 0 else max(0.0, centre - half)
    hi = 1.0 if k == n else min(1.0, centre + half)
    return (lo, hi)


@dataclass
class SweepSummary:
    """Outcome counts per variant and item over the samples, with 95% intervals (design 5.4:
    without variants, one variant named "")."""

    samples: int = 0
    counts: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    first_seed: int | None = None
    variants: list[str] = field(default_factory=lambda: [""])

    def add_chunk(self, chunk: Chunk) -> None:
        """Count a chunk of samples (counted by the worker that ran them)."""
        self.samples += chunk.rows
        if self.first_seed is None:
            self.first_seed = chunk.first_seed
        for variant, per_item in chunk.counts.items():
            mine = self.counts.setdefault(variant, {})
            for item, per_chunk in per_item.items():
                per = mine.setdefault(item, {})
                for outcome, n in per_chunk.items():
                    per[outcome] = per.get(outcome, 0) + n

    def add(self, row: dict[str, Any]) -> None:
        """Count one row (a sample under one variant)."""
        variant = row.get("variant", "")
        if variant == self.variants[0]:
            self.samples += 1
        if self.first_seed is None:
            self.first_seed = row["seed"]
        mine = self.counts.setdefault(variant, {})
        for item, outcome in row["outcomes"].items():
            per = mine.setdefault(item, {})
            per[outcome] = per.get(outcome, 0) + 1

    def records(self) -> list[dict[str, Any]]:
        """A tidy table: one record per item, variant and outcome (count, share, interval)."""
        out = []
        for entry in self.as_dict()["items"]:
            for outcome, n in entry["counts"].items():
                lo, hi = entry["intervals"][outcome]
                out.append(
                    {
                        "item": entry["item"],
                        "variant": entry["variant"],
                        "outcome": outcome,
                        "count": n,
                        "share": entry["shares"][outcome],
                        "ci95_low": lo,
                        "ci95_high": hi,
                    }
                )
        return out

    def as_dict(self) -> dict[str, Any]:
        """The sweep JSON of design 5.4: samples, variants, and per item and variant each
        outcome's count, share and 95% interval."""
        n = self.samples
        items: list[dict[str, Any]] = []
        order = list(dict.fromkeys(i for v in self.variants for i in self.counts.get(v, {})))
        for item in order:
            for variant in self.variants:
                per = self.counts.get(variant, {}).get(item, {})
                outcomes = sorted(per)
                items.append(
                    {
                        "item": item,
                        "variant": variant,
                        "counts": {o: per[o] for o in outcomes},
                        "shares": {o: per[o] / n for o in outcomes},
                        "intervals": {o: list(wilson(per[o], n)) for o in outcomes},
                    }
                )
        return {"samples": n, "variants": self.variants, "items": items}


def sweep(
    plan: Plan,
    samples: int,
    *,
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    out: str | Path | None = None,
    resume: bool = False,
    resolved: dict[str, Any] | None = None,
    items: list[str] | None = None,
    chunk: int | None = None,
    on_rows: Callable[[int], None] | None = None,
    variants: Sequence[tuple[str, Plan]] = (),
    full_rows: bool = False,
) -> SweepSummary:
    """Run ``samples`` samples of ``plan`` and return the outcome counts per item.

    With ``out``, rows stream to a JSONL or CSV file (by extension) after a header; ``resume``
    continues from what the file already holds. ``on_rows`` is told how many samples each chunk
    added, as it is written. Workers return their rows encoded, in chunks; the parent writes
    them in sample order. With ``variants`` ((label, plan) pairs: the same scenario under
    other rules), each sample runs, with its one seed, under each variant, a row each, tagged.
    ``full_rows`` adds to each row the positions drawn and the blockers, per item.
    The file is locked for the whole run and never replaced; an ``out`` that is not a regular
    file, or that another process is writing, raises ``cstosim.io.OutputError``.
    """
    if samples < 0:
        raise SweepError("the number of samples must not be negative")
    if workers < 1:
        raise SweepError("the number of workers must be at least 1")
    if backend not in BACKENDS:
        raise SweepError(f"unknown backend {backend!r}; allowed: local, dask")
    plans: Variants = tuple(variants) or (("", plan),)
    labels = [label for label, _ in plans]
    if len(set(labels)) != len(labels):
        raise SweepError(f"two variants have the same label: {', '.join(labels)}")
    summary = SweepSummary(variants=labels)
    settings = {
        "samples": samples,
        "overrides": {
            k: list(v) if isinstance(v, tuple) else v for k, v in sorted(plan.overrides.items())
        },
        "seed_rule": "blake2b('cstosim:{seed}:{i}') >> 1",
    }
    if variants:
        settings["variants"] = labels
    if full_rows:
        settings["rows"] = "full"
    header = sweep_header(plan, settings, resolved or {})
    writer = None
    first = 0
    if out is not None:
        writer = RowWriter(
            Path(out), header, items or [], labels if variants else [], full=full_rows
        )
        writer.acquire()  # locked until the end: a second writer is refused
        try:
            if resume:
                for row in writer.existing():
                    summary.add(row)
                first = summary.samples
                if first > samples:
                    raise SweepError(
                        f"{out} already holds {first} samples, more than the {samples} asked "
                        f"for; allowed: {first} samples or more"
                    )
            elif writer.has_rows():
                raise SweepError(f"{out} exists (remove it to start again)", resumable=True)
            writer.open(append=resume)
        except BaseException:
            writer.finish(keep=False)
            raise
    if chunk is None:
        # enough chunks to keep every worker busy, few enough that task overhead stays small
        chunk = max(CHUNK, min(MAX_CHUNK, (samples - first) // (workers * 32) or CHUNK))
    fmt = writer.format if writer is not None else RowFormat()
    if backend == "dask":
        from cstosim.whatif.dask_backend import dask_rows  # only this backend needs Dask

        results = dask_rows(plans, first, samples, workers, chunk, scheduler, fmt)
    else:
        fds = (writer.fh.fileno(),) if writer is not None and writer.fh is not None else ()
        results = _local(plans, first, samples, workers, chunk, fmt, fds)
    wrote = 0
    try:
        while True:
            try:
                done = next(results)
            except StopIteration:
                break
            except BrokenProcessPool:
                raise SweepError(
                    f"a worker process died after {summary.samples} samples; the rows written "
                    "so far are kept",
                    resumable=True,
                ) from None
            except SweepError:
                raise
            except Exception as e:  # the backend failed: say so, keep what was written
                raise SweepError(
                    f"the {backend} backend failed after {summary.samples} samples "
                    f"({type(e).__name__}: {e}); the rows written so far are kept",
                    resumable=True,
                ) from None
            if writer is not None:
                try:
                    writer.write(done.data)
                    writer.flush()
                except OSError as e:
                    raise SweepError(
                        f"writing {out} failed after {summary.samples} samples "
                        f"({e.strerror or e}); the rows written so far are kept",
                        resumable=True,
                    ) from None
                wrote += done.rows
            summary.add_chunk(done)
            if on_rows is not None:
                on_rows(done.rows)
    finally:
        if writer is not None:
            # nothing but a header after a failure: leave no file to trip a resume
            writer.finish(keep=wrote > 0 or summary.samples >= samples)
    return summary
