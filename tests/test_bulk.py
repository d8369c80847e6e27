"""The bulk path (`newsgraph load --bulk`) against real Neo4j servers: Neo4j's offline importer builds the same
graph the online loader writes from the same articles (canonical dumps compared, on the samples and, when the
shared corpus is here, 2,050 real articles of one day), and it never replaces a database by surprise."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import Driver

from loader.bulk.load import BulkRefused, bulk_load
from loader.pipeline import load
from newsgraph.config import Settings
from newsgraph.db import connect
from newsgraph.server import ManagedNeo4j
from tests.conftest import SAMPLES, SHARED, free_port
from tests.test_load import dump

pytestmark = pytest.mark.neo4j

ONE_DAY = SHARED / "data" / "news" / "saudinewsnet" / "dataset" / "2015-07-22.json"  # 2,050 articles


@pytest.fixture(scope="module")
def bulk_settings(neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """A second managed server of its own (the importer stops and restarts it)."""
    if not neo4j_settings.managed:
        pytest.skip("the bulk path needs newsgraph's own server (NEWSGRAPH_TEST_NEO4J_URI is set)")
    settings = replace(neo4j_settings, home=tmp_path_factory.mktemp("bulk") / "neo4j", bolt_port=free_port(),
                       http_port=free_port(), heap="512m", pagecache="128m")
    settings = replace(settings, uri=f"bolt://127.0.0.1:{settings.bolt_port}")
    yield settings
    ManagedNeo4j(settings).stop()


def bulk_dump(settings: Settings) -> tuple[set, set]:
    with connect(settings) as driver:
        return dump(driver, settings)


def test_the_bulk_import_builds_the_graph_the_online_loader_builds(
        bulk_settings: Settings, empty_graph: Driver, neo4j_settings: Settings) -> None:
    paths = [SAMPLES, *([ONE_DAY] if ONE_DAY.exists() else [])]
    result = bulk_load(paths, bulk_settings)
    assert result.load.read >= (2_000 if ONE_DAY.exists() else 30) and result.nodes > 200
    assert "IMPORT DONE" in result.importer
    load(paths, empty_graph, neo4j_settings.database)
    online = dump(empty_graph, neo4j_settings)
    bulk = bulk_dump(bulk_settings)
    assert len(bulk[0]) == result.nodes and len(bulk[1]) == result.relationships
    # Compared node by node, so that a failure names what differs.
    assert {dict(p)["id"]: (labels, dict(p)) for labels, p in bulk[0] - online[0]} == \
        {dict(p)["id"]: (labels, dict(p)) for labels, p in online[0] - bulk[0]}
    assert bulk == online
    # The schema is there: the search finds a name through the Arabic full-text index.
    from dashboard.queries import search_entities
    with connect(bulk_settings) as driver:
        assert any(hit["id"] == "person:vladimir-putin" for hit in search_entities(driver, "neo4j", "بوتين"))


def test_a_database_with_nodes_is_replaced_only_when_asked(bulk_settings: Settings, tmp_path: Path) -> None:
    one = tmp_path / "one"
    one.mkdir()
    source = sorted(SAMPLES.glob("*.txt"))[0]
    (one / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    ManagedNeo4j(bulk_settings).start()
    with connect(bulk_settings) as driver:
        driver.execute_query("CREATE (:Person {id: 'person:kept-safe', name: 'x'})")
    with pytest.raises(BulkRefused, match=r"already holds .* nodes.*--replace"):
        bulk_load([one], bulk_settings)
    with connect(bulk_settings) as driver:  # refused before anything was touched
        assert driver.execute_query("MATCH (p:Person {id: 'person:kept-safe'}) RETURN count(p) AS n"
                                    ).records[0]["n"] == 1
    bulk_load([one], bulk_settings, replace=True)
    with connect(bulk_settings) as driver:
        assert driver.execute_query("MATCH (p:Person {id: 'person:kept-safe'}) RETURN count(p) AS n"
                                    ).records[0]["n"] == 0
        assert driver.execute_query("MATCH (a:Article) RETURN count(a) AS n").records[0]["n"] == 1


def test_the_bulk_path_refuses_a_server_it_does_not_manage(neo4j_settings: Settings) -> None:
    with pytest.raises(BulkRefused, match="NEO4J_URI is set"):
        bulk_load([SAMPLES], replace(neo4j_settings, managed=False))
