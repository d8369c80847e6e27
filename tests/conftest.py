"""Shared fixtures: a real Neo4j server for the test session (never a mock), and data locations.

By default the tests run their own managed Neo4j in `.neo4j-test` on ports 17687/17474, so they never
touch the demo database. Set NEWSGRAPH_TEST_NEO4J_URI (plus NEO4J_USER/NEO4J_PASSWORD) to use another
server instead: its database is wiped by the tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import Driver

from newsgraph.config import PROJECT_ROOT, Settings, load_settings
from newsgraph.db import apply_schema, connect

SHARED = PROJECT_ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "000_be413b0a37d101ca.txt"
SAMPLES = PROJECT_ROOT / "samples" / "articles"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder is not next to this checkout)")
    return path


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    external = os.environ.get("NEWSGRAPH_TEST_NEO4J_URI")
    base = load_settings()
    if external:
        yield replace(base, uri=external, managed=False)
        return
    from newsgraph.server import ManagedNeo4j

    settings = replace(
        base,
        uri="bolt://127.0.0.1:17687",
        password="newsgraph-test",
        managed=True,
        home=PROJECT_ROOT / ".neo4j-test",
        bolt_port=17687,
        http_port=17474,
        heap="768m",
        pagecache="256m",
    )
    server = ManagedNeo4j(settings)
    already_running = server.pid() is not None
    server.start(timeout=240)
    yield settings
    if not already_running and not os.environ.get("NEWSGRAPH_TEST_KEEP_SERVER"):
        server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    with connect(neo4j_settings) as session_driver:
        yield session_driver


@pytest.fixture
def empty_graph(driver: Driver, neo4j_settings: Settings) -> Driver:
    """The test database emptied, with the project's schema applied."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    apply_schema(driver, neo4j_settings.database)
    return driver


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
