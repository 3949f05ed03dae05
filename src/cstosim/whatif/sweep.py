"""Monte Carlo sweeps over samples of a scenario, on local processes or a Dask cluster.

Sample i runs with a seed that depends only on the scenario's seed and i (``sample_seed``), so
the rows are the same whatever the number of workers or the backend. Rows are written in sample
order as they finish (a bounded window of samples is in flight, so memory stays flat), after a
header line recording the version, the resolved scenario and the settings. ``resume`` continues
an interrupted sweep from its output file: a torn last line is dropped and redone.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import itertools
import json
import math
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cstosim import __version__
from cstosim.engine import Plan, simulate

__all__ = [
    "SweepError",
    "SweepSummary",
    "run_chunk",
    "run_sample",
    "sample_seed",
    "sweep",
    "wilson",
]

CHUNK = 64  # samples per task, at least
MAX_CHUNK = 2048  # and at most
WINDOW_PER_WORKER = 4  # tasks in flight per worker


class SweepError(RuntimeError):
    """A sweep that cannot start or go on (bad output file, mismatched resume...)."""


def sample_seed(seed: int, i: int) -> int:
    """The seed of sample ``i``: a hash of the scenario's seed and i, 63 bits."""
    digest = hashlib.blake2b(f"cstosim:{seed}:{i}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def run_sample(plan: Plan, i: int) -> dict[str, Any]:
    """Run sample ``i`` and return its row: sample, seed and each item's final outcome."""
    s = sample_seed(plan.seed, i)
    run = simulate(plan, seed=s, trace=False)
    outcomes = {item: dec.outcome for item, dec in run.decisions.items()}
    return {"sample": i, "seed": s, "outcomes": outcomes}


def run_chunk(plan: Plan, start: int, stop: int) -> list[dict[str, Any]]:
    """Rows for samples ``start`` to ``stop - 1``."""
    return [run_sample(plan, i) for i in range(start, stop)]


def run_chunk_packed(plan: Plan, start: int, stop: int) -> bytes:
    """The rows of a chunk as one pickled blob: Dask moves one bytes object far faster than
    thousands of small dicts (measured: 0.79 s against a few ms for 20,000 rows)."""
    return pickle.dumps(run_chunk(plan, start, stop), protocol=pickle.HIGHEST_PROTOCOL)


# -- local process pool -----------------------------------------------------------------------
_WORKER_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _WORKER_PLAN
    _WORKER_PLAN = plan


def _worker_chunk(start: int, stop: int) -> list[dict[str, Any]]:
    assert _WORKER_PLAN is not None
    return run_chunk(_WORKER_PLAN, start, stop)


def _chunks(first: int, total: int, size: int) -> Iterator[tuple[int, int]]:
    for a in range(first, total, size):
        yield a, min(a + size, total)


def _ordered(
    results: Iterable[tuple[int, list[dict[str, Any]]]], first: int
) -> Iterator[dict[str, Any]]:
    """Rows in sample order from chunks that finish in any order."""
    pending: dict[int, list[dict[str, Any]]] = {}
    nxt = first
    for start, rows in results:
        pending[start] = rows
        while nxt in pending:
            rows = pending.pop(nxt)
            yield from rows
            nxt += len(rows)


def _local(
    plan: Plan, first: int, total: int, workers: int, chunk: int
) -> Iterator[dict[str, Any]]:
    if workers <= 1:
        for a, b in _chunks(first, total, chunk):
            yield from run_chunk(plan, a, b)
        return
    window = workers * WINDOW_PER_WORKER
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(plan,)
    ) as pool:

        def finished() -> Iterator[tuple[int, list[dict[str, Any]]]]:
            todo = _chunks(first, total, chunk)
            inflight: dict[Any, int] = {}
            for a, b in list(itertools.islice(todo, window)):
                inflight[pool.submit(_worker_chunk, a, b)] = a
            while inflight:
                done = _first_done(inflight)
                a = inflight.pop(done)
                yield a, done.result()
                for na, nb in list(itertools.islice(todo, 1)):
                    inflight[pool.submit(_worker_chunk, na, nb)] = na

        yield from _ordered(finished(), first)


def _first_done(inflight: dict[Any, int]) -> Any:
    """A finished future (the lowest sample among those done)."""
    done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
    return min(done, key=lambda f: inflight[f])


# -- Dask --------------------------------------------------------------------------------------
def _dask(
    plan: Plan, first: int, total: int, workers: int, chunk: int, scheduler: str | None
) -> Iterator[dict[str, Any]]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - depends on the install
        raise SweepError(
            "the dask backend needs dask.distributed: pip install -e '.[dask]'"
        ) from None
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
        else:
            cluster = LocalCluster(
                n_workers=max(workers, 1),
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=50,
            )
            client = Client(cluster)
    except Exception as e:  # a bad address raises ValueError, TypeError, OSError...
        where = f"the Dask scheduler {scheduler}" if scheduler else "a Dask LocalCluster"
        raise SweepError(
            f"cannot reach {where} ({type(e).__name__}: {e}); allowed: an address such as "
            "tcp://HOST:8786"
        ) from None
    try:
        [plan_future] = client.scatter([plan], broadcast=True)
        window = max(workers, 1) * WINDOW_PER_WORKER
        todo = _chunks(first, total, chunk)

        def finished() -> Iterator[tuple[int, list[dict[str, Any]]]]:
            ac = as_completed()
            starts = {}
            for a, b in list(itertools.islice(todo, window)):
                f = client.submit(run_chunk_packed, plan_future, a, b, pure=False, retries=2)
                starts[f.key] = a
                ac.add(f)
            for f in ac:
                a = starts.pop(f.key)
                try:
                    rows = pickle.loads(f.result())
                except Exception as e:  # a task that failed even after its retries
                    raise SweepError(
                        f"a Dask worker failed on samples from {a} ({type(e).__name__}: {e}); "
                        "the rows written so far are kept: rerun with --resume"
                    ) from None
                yield a, rows
                f.release()
                for na, nb in list(itertools.islice(todo, 1)):
                    g = client.submit(run_chunk_packed, plan_future, na, nb, pure=False, retries=2)
                    starts[g.key] = na
                    ac.add(g)

        yield from _ordered(finished(), first)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


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
    """Outcome counts per item over the samples, with 95% intervals."""

    samples: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    first_seed: int | None = None

    def add(self, row: dict[str, Any]) -> None:
        """Count one row."""
        self.samples += 1
        if self.first_seed is None:
            self.first_seed = row["seed"]
        for item, outcome in row["outcomes"].items():
            per = self.counts.setdefault(item, {})
            per[outcome] = per.get(outcome, 0) + 1

    def as_dict(self) -> dict[str, Any]:
        """Per item: each outcome's count, share and 95% interval."""
        out: dict[str, Any] = {}
        for item, per in self.counts.items():
            out[item] = {
                o: {"count": c, "share": c / self.samples, "ci95": list(wilson(c, self.samples))}
                for o, c in sorted(per.items())
            }
        return {"samples": self.samples, "items": out}


# -- output files -------------------------------------------------------------------------------
def _header(plan: Plan, settings: dict[str, Any], resolved: dict[str, Any]) -> dict[str, Any]:
    return {
        "cstosim_sweep": 1,
        "version": __version__,
        "scenario": plan.name,
        "seed": plan.seed,
        "settings": settings,
        "resolved": resolved,
    }


def _fingerprint(header: dict[str, Any]) -> tuple:
    s = header.get("settings", {})
    return (header.get("resolved"), header.get("seed"), s.get("overrides"))


class _Writer:
    """Appends rows to a JSONL or CSV file; knows how to resume one."""

    def __init__(self, path: Path, header: dict[str, Any], items: list[str]) -> None:
        self.path = path
        self.csv = path.suffix.lower() == ".csv"
        self.meta = path.with_name(path.name + ".meta.json") if self.csv else None
        self.header = header
        self.items = items
        self.fh: io.TextIOBase | None = None

    def existing(self) -> Iterator[dict[str, Any]]:
        """The complete rows already in the file, in order; trims a torn last line."""
        try:
            yield from self._existing()
        except SweepError:
            raise
        except (OSError, ValueError, UnicodeDecodeError) as e:
            raise SweepError(
                f"cannot resume {self.path}: {type(e).__name__}: {e}; allowed: a file written "
                "by cstosim sweep"
            ) from None

    def _existing(self) -> Iterator[dict[str, Any]]:
        if not self.path.exists():
            return
        if self.path.is_dir():
            raise SweepError(f"cannot resume {self.path}: it is a directory")
        if self.csv:
            assert self.meta is not None
            if not self.meta.exists():
                raise SweepError(f"cannot resume {self.path}: its sidecar {self.meta} is missing")
            old = json.loads(self.meta.read_text(encoding="utf-8"))
            self._check_same(old)
        good_bytes = 0
        expected = 0
        with self.path.open("rb") as fh:
            first = True
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a torn last line: redo it
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if first:
                    first = False
                    if self.csv:
                        if line.split(",") != ["sample", "seed", *self.items]:
                            raise SweepError(f"cannot resume {self.path}: other columns")
                    else:
                        try:
                            self._check_same(json.loads(line))
                        except json.JSONDecodeError:
                            raise SweepError(f"cannot resume {self.path}: no header") from None
                    good_bytes += len(raw)
                    continue
                try:
                    row = self._parse(line)
                except (ValueError, KeyError, IndexError):
                    break
                if row["sample"] != expected:
                    break
                expected += 1
                good_bytes += len(raw)
                yield row
        with self.path.open("r+b") as fh:
            fh.truncate(good_bytes)

    def _check_same(self, old: Any) -> None:
        if not isinstance(old, dict) or "cstosim_sweep" not in old:
            raise SweepError(
                f"cannot resume {self.path}: no sweep header; allowed: a file "
                "written by cstosim sweep"
            )
        if _fingerprint(old) != _fingerprint(self.header):
            raise SweepError(
                f"cannot resume {self.path}: it was written for another scenario, seed or rules"
            )

    def _parse(self, line: str) -> dict[str, Any]:
        if not self.csv:
            row = json.loads(line)
            ok = (
                isinstance(row, dict)
                and isinstance(row.get("sample"), int)
                and isinstance(row.get("seed"), int)
                and isinstance(row.get("outcomes"), dict)
                and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in row["outcomes"].items()
                )
            )
            if not ok:
                raise ValueError(line)
            return row
        cells = next(csv.reader([line]))
        if len(cells) != 2 + len(self.items):
            raise ValueError(line)
        outcomes = {it: c for it, c in zip(self.items, cells[2:], strict=True) if c}
        return {"sample": int(cells[0]), "seed": int(cells[1]), "outcomes": outcomes}

    def open(self, append: bool) -> None:
        """Open for writing; a new file gets its header (and sidecar)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not (append and self.path.exists() and self.path.stat().st_size > 0)
        self.fh = self.path.open("w" if fresh else "a", encoding="utf-8", newline="")
        if fresh:
            if self.csv:
                assert self.meta is not None
                self.meta.write_text(
                    json.dumps(self.header, ensure_ascii=False) + "\n", encoding="utf-8"
                )
                self.fh.write(",".join(["sample", "seed", *self.items]) + "\n")
            else:
                self.fh.write(json.dumps(self.header, ensure_ascii=False) + "\n")
            self.fh.flush()

    def write(self, row: dict[str, Any]) -> None:
        """Write one row."""
        assert self.fh is not None
        if self.csv:
            cells = [str(row["sample"]), str(row["seed"])]
            cells += [row["outcomes"].get(it, "") for it in self.items]
            self.fh.write(",".join(cells) + "\n")
        else:
            self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        """Flush to the operating system so a kill loses at most the rows being written."""
        assert self.fh is not None
        self.fh.flush()

    def discard(self) -> None:
        """Remove the file (and sidecar) this writer created."""
        for p in (self.path, self.meta):
            if p is not None:
                with contextlib.suppress(OSError):
                    p.unlink()

    def close(self) -> None:
        """Flush and close."""
        if self.fh is not None:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            self.fh = None


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
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> SweepSummary:
    """Run ``samples`` samples of ``plan`` and return the outcome counts per item.

    With ``out``, rows stream to a JSONL or CSV file (by extension) after a header; ``resume``
    continues from what the file already holds. ``on_row`` sees each row as it is written.
    """
    if samples < 0:
        raise SweepError("--samples must not be negative")
    if workers < 1:
        raise SweepError("--workers must be at least 1")
    if backend not in ("local", "dask"):
        raise SweepError(f"unknown backend {backend!r}; allowed: local, dask")
    summary = SweepSummary()
    settings = {
        "samples": samples,
        "overrides": {
            k: list(v) if isinstance(v, tuple) else v for k, v in sorted(plan.overrides.items())
        },
        "seed_rule": "blake2b('cstosim:{seed}:{i}') >> 1",
    }
    header = _header(plan, settings, resolved or {})
    writer = None
    first = 0
    fresh = not (resume and out is not None and Path(out).exists())
    if out is not None:
        writer = _Writer(Path(out), header, items or [])
        if resume:
            for row in writer.existing():
                summary.add(row)
            first = summary.samples
            if first > samples:
                raise SweepError(
                    f"{out} already holds {first} samples, more than --samples {samples}; "
                    f"allowed: --samples {first} or more"
                )
        elif Path(out).exists() and Path(out).stat().st_size > 0:
            raise SweepError(f"{out} exists; use --resume to continue it or remove it")
        try:
            writer.open(append=resume)
        except OSError as e:
            raise SweepError(f"cannot write {out}: {e.strerror or e}") from None
    if chunk is None:
        # enough chunks to keep every worker busy, few enough that task overhead stays small
        chunk = max(CHUNK, min(MAX_CHUNK, (samples - first) // (workers * 32) or CHUNK))
    if backend == "dask":
        rows = _dask(plan, first, samples, workers, chunk, scheduler)
    else:
        rows = _local(plan, first, samples, workers, chunk)
    wrote = 0
    try:
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except BrokenProcessPool:
                raise SweepError(
                    f"a worker process died after {summary.samples} samples; the rows written "
                    "so far are kept: rerun with --resume"
                ) from None
            except SweepError:
                raise
            except Exception as e:  # the backend failed: say so, keep what was written
                raise SweepError(
                    f"the {backend} backend failed after {summary.samples} samples "
                    f"({type(e).__name__}: {e}); the rows written so far are kept: rerun with "
                    "--resume"
                ) from None
            summary.add(row)
            if writer is not None:
                try:
                    writer.write(row)
                    wrote += 1
                    if wrote % chunk == 0:
                        writer.flush()
                except OSError as e:
                    raise SweepError(
                        f"writing {out} failed after {summary.samples - 1} samples "
                        f"({e.strerror or e}); the rows written so far are kept: rerun with "
                        "--resume"
                    ) from None
            if on_row is not None:
                on_row(row)
    finally:
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
            if fresh and wrote == 0 and summary.samples < samples:
                writer.discard()  # nothing but a header: leave no file to trip --resume
    return summary
