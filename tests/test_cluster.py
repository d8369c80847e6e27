"""Extraction on a Dask cluster (`newsgraph load --cluster ADDRESS`), with a local cluster of two worker
processes started by the test: the graph is the one a load on one machine writes, online and through the bulk
path's builder, and a missing scheduler is a clear error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver

from loader.bulk import csvfiles
from loader.bulk.build import build
from loader.cluster import ClusterError, cluster_executor
from loader.pipeline import load
from newsgraph.config import Settings
from tests.conftest import SAMPLES
from tests.test_load import dump


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local.scheduler_address


def in_memory(store: object) -> tuple[list, list]:
    return (sorted(map(repr, csvfiles.nodes(store))), sorted(map(repr, csvfiles.relationships(store))))  # type: ignore[arg-type]


@pytest.mark.neo4j
def test_a_load_extracted_on_the_cluster_writes_the_graph_of_a_load_on_one_machine(
        cluster: str, empty_graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    on_cluster = load([SAMPLES], empty_graph, db, batch_size=10, cluster=cluster)
    assert on_cluster.read >= 30 and on_cluster.failed == []
    graph = dump(empty_graph, neo4j_settings)
    empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load([SAMPLES], empty_graph, db, batch_size=10)
    assert dump(empty_graph, neo4j_settings) == graph


def test_the_bulk_builder_on_the_cluster_builds_the_same_graph(cluster: str) -> None:
    assert in_memory(build([SAMPLES], batch_size=10, cluster=cluster).store) == \
        in_memory(build([SAMPLES], batch_size=10).store)


def test_both_workers_take_part(cluster: str) -> None:
    import os

    with cluster_executor(cluster) as (executor, slots):
        assert slots == 2
        pids = {future.result() for future in [executor.submit(os.getpid) for _ in range(40)]}
    assert len(pids) == 2 and os.getpid() not in pids


def test_a_scheduler_that_is_not_there_is_a_clear_error() -> None:
    from tests.conftest import free_port

    with pytest.raises(ClusterError, match="no Dask scheduler answers"), \
            cluster_executor(f"tcp://127.0.0.1:{free_port()}", timeout=3):
        pass


def test_the_cli_extracts_on_the_cluster(cluster: str) -> None:
    import json
    import subprocess
    import sys

    from newsgraph.config import PROJECT_ROOT

    seed = sorted(SAMPLES.glob("*.txt"))[0]
    done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "extract", "--cluster", cluster, str(seed)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [document] = [json.loads(line) for line in done.stdout.splitlines()]
    assert document["article"]["id"] == seed.stem and document["meetings"]
    missing = subprocess.run([sys.executable, "-m", "newsgraph.cli", "extract", "--cluster", "tcp://127.0.0.1:9",
                              str(seed)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert missing.returncode != 0 and "no Dask scheduler answers" in missing.stderr
