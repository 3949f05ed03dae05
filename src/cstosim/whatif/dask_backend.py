"""The Dask backend of sweeps: a LocalCluster on loopback, or an existing scheduler.

Each chunk of samples travels back with its rows already encoded as bytes and its outcome counts
(``samples.Chunk``), not as thousands of small dicts; a task is retried twice before the sweep
stops with the rows written so far kept.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from cstosim.errors import SweepError
from cstosim.whatif.samples import (
    WINDOW_PER_WORKER,
    Chunk,
    RowFormat,
    Variants,
    chunks,
    ordered,
    run_chunk_encoded,
)

__all__ = ["dask_rows"]


def dask_rows(
    plan: Variants,
    first: int,
    total: int,
    workers: int,
    chunk: int,
    scheduler: str | None,
    fmt: RowFormat,
) -> Iterator[Chunk]:
    """Chunks of samples ``first`` to ``total - 1`` in order, computed on a Dask cluster."""
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
        todo = chunks(first, total, chunk)

        def finished() -> Iterator[Chunk]:
            ac = as_completed()
            starts = {}
            for a, b in list(itertools.islice(todo, window)):
                f = client.submit(run_chunk_encoded, plan_future, a, b, fmt, pure=False, retries=2)
                starts[f.key] = a
                ac.add(f)
            for f in ac:
                a = starts.pop(f.key)
                try:
                    result = f.result()
                except Exception as e:  # a task that failed even after its retries
                    raise SweepError(
                        f"a Dask worker failed on samples from {a} ({type(e).__name__}: {e}); "
                        "the rows written so far are kept",
                        resumable=True,
                    ) from None
                yield result
                f.release()
                for na, nb in list(itertools.islice(todo, 1)):
                    g = client.submit(
                        run_chunk_encoded, plan_future, na, nb, fmt, pure=False, retries=2
                    )
                    starts[g.key] = na
                    ac.add(g)

        yield from ordered(finished(), first)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
