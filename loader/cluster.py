"""Extraction as a job on a Dask cluster (dask.distributed): the machine that runs `newsgraph load --cluster`
reads the articles and sends them out in chunks; each worker process extracts them with its own extractor (built
once per process, on its first chunk, and kept); results come back in input order, so the graph is the one a
load on one machine writes. Writing stays on this machine (online batches, or the bulk import).

Workers need this project installed in the same version (they import loader.pipeline) and one thread each
(`dask worker ADDRESS --nthreads 1`): the extractor keeps per-process state.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager


class ClusterError(RuntimeError):
    """The cluster cannot be used; the message says why."""


@contextmanager
def cluster_executor(address: str, timeout: float = 30.0) -> Iterator[tuple[Executor, int]]:
    """An executor whose tasks run on the cluster's workers, and how many tasks it runs at once."""
    from distributed import Client

    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except OSError as exc:
        raise ClusterError(f"no Dask scheduler answers at {address} ({exc})") from None
    try:
        slots = sum(client.nthreads().values())
        if not slots:
            raise ClusterError(f"the Dask scheduler at {address} has no workers")
        yield client.get_executor(pure=False), slots
    finally:
        client.close()
