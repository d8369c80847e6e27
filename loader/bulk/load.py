"""`newsgraph load --bulk`: a new or rebuilt database in one offline import.

Steps, each timed: extract and resolve in memory (build), write the import files (csvfiles), stop the managed
server, run `neo4j-admin database import full` (admin), start the server, apply the schema and set what the
importer cannot store (empty lists). The graph is the one the online loader builds from the same articles into
an empty database (tested by comparing canonical dumps).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from loader.bulk import csvfiles
from loader.bulk.admin import run_import
from loader.bulk.build import build
from loader.bulk.memory import MemoryStore
from loader.pipeline import LoadSummary
from newsgraph.config import Settings
from newsgraph.db import apply_schema, connect
from newsgraph.server import ManagedNeo4j

_EMPTY_LISTS = {label: f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n += row.props"
                for label in ("Person", "Country", "Organization", "Place", "Meeting", "Article")}


class BulkRefused(RuntimeError):
    """The bulk path will not run here; the message says why and what to do instead."""


@dataclass
class BulkSummary:
    load: LoadSummary
    seconds: dict[str, float] = field(default_factory=dict)  # step → seconds
    nodes: int = 0
    relationships: int = 0
    importer: str = ""


def existing_nodes(settings: Settings) -> int:
    with connect(settings) as driver:
        records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=settings.database,
                                             routing_="r")
        return records[0]["n"]


def bulk_load(paths: Iterable[str | Path], settings: Settings, *, replace: bool = False,
              published: date | None = None, batch_size: int = 500, workers: int = 1,
              statistical: bool = True, on_progress: Callable[[int], None] | None = None,
              keep_files: Path | None = None, cluster: str | None = None) -> BulkSummary:
    server = check_target(settings, replace)
    mark = time.monotonic()
    built = build(paths, published=published, batch_size=batch_size, workers=workers, statistical=statistical,
                  on_progress=on_progress, cluster=cluster)
    result = import_graph(built.store, settings, server, keep_files)
    result.load = built.summary
    result.seconds = {"extract and resolve": time.monotonic() - mark, **result.seconds}
    return result


def check_target(settings: Settings, replace: bool) -> ManagedNeo4j:
    """The managed server the import may replace the database of (started); refused otherwise."""
    if not settings.managed:
        raise BulkRefused(
            f"NEO4J_URI is set ({settings.uri}): the bulk path writes a database's store files offline, so it runs "
            "only on newsgraph's own server. Unset NEO4J_URI, or load online with `newsgraph load` (without --bulk).")
    server = ManagedNeo4j(settings)
    server.start()
    present = existing_nodes(settings)
    if present and not replace:
        raise BulkRefused(f"the database {settings.database!r} already holds {present:,} nodes; the bulk import "
                          "would replace all of them. Run again with --replace to do so, or load online.")
    return server


def import_graph(store: MemoryStore, settings: Settings, server: ManagedNeo4j,
                 keep_files: Path | None = None) -> BulkSummary:
    """Write the graph in memory as import files, import them into the (stopped) server, start it, apply the
    schema and set the empty lists."""
    seconds: dict[str, float] = {}
    mark = time.monotonic()
    folder = keep_files or server.home / "import" / f"bulk-{int(time.time())}"
    files = csvfiles.write(store, folder)
    seconds["write files"] = time.monotonic() - mark

    mark = time.monotonic()
    server.stop()
    try:
        report = run_import(server, settings.database, files, folder)
    finally:
        seconds["import"] = time.monotonic() - mark
        mark = time.monotonic()
        server.start()  # the old store stays if the import failed
        seconds["restart"] = time.monotonic() - mark
    mark = time.monotonic()
    with connect(settings) as driver:
        apply_schema(driver, settings.database)
        for label, query in _EMPTY_LISTS.items():
            rows = [{"id": node_id, "props": props} for kind, node_id, props in files.empty_arrays if kind == label]
            for start in range(0, len(rows), 10_000):
                driver.execute_query(query, rows=rows[start:start + 10_000], database_=settings.database)
        driver.execute_query("CALL db.awaitIndexes(600)", database_=settings.database)
    seconds["schema"] = time.monotonic() - mark
    if keep_files is None:
        shutil.rmtree(folder, ignore_errors=True)
    return BulkSummary(LoadSummary(), seconds, files.node_count, files.relationship_count, report)
