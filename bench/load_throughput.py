"""Loading real news into a real Neo4j: end-to-end articles/s and relationships/s, and batched writes
against one transaction per article, measured in one run.

    uv run python bench/load_throughput.py [--articles 10000] [--naive 1000] [--workers 2]

It runs its own managed Neo4j in .neo4j-bench (port 27687), so the demo and test databases are untouched.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from loader.document import Extraction
from loader.pipeline import extract_all, load
from loader.write import GraphWriter
from newsgraph.config import PROJECT_ROOT, load_settings
from newsgraph.db import apply_schema, connect
from newsgraph.server import ManagedNeo4j

NEWS = PROJECT_ROOT.parent / "shared" / "data" / "news"
SOURCES = [NEWS / "ant_multisource", NEWS / "ant_jawharafm", NEWS / "saudinewsnet" / "dataset"]


def files_for(count: int) -> list[Path]:
    """Enough files for `count` articles, mixing the corpora (ANT: one article a file; SaudiNewsNet: ~1k)."""
    ant = sorted((NEWS / "ant_multisource").rglob("*.txt")) + sorted((NEWS / "ant_jawharafm").rglob("*.txt"))
    saudi = sorted((NEWS / "saudinewsnet" / "dataset").glob("*.json"))
    chosen: list[Path] = saudi[: max(1, count // 4000)]
    return chosen + ant[: max(0, count - 1000 * len(chosen))]


def wipe(driver, database: str) -> None:  # type: ignore[no-untyped-def]
    # CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def count_relationships(driver, database: str) -> int:  # type: ignore[no-untyped-def]
    records, _, _ = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n", database_=database)
    return records[0]["n"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1_000, help="articles for the batched-vs-naive comparison")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="runs of the batched-vs-naive comparison")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"skipped: {NEWS} is absent")
        return 0
    settings = replace(load_settings(), uri="bolt://127.0.0.1:27687", managed=True, password="newsgraph-bench",
                       home=PROJECT_ROOT / ".neo4j-bench", bolt_port=27687, http_port=27474, heap="2g",
                       pagecache="1g")
    server = ManagedNeo4j(settings)
    server.start(timeout=240)
    driver = connect(settings)
    apply_schema(driver, settings.database)
    try:
        files = files_for(args.articles)
        for statistical in (True, False):
            wipe(driver, settings.database)
            started = time.perf_counter()
            summary = load(files, driver, settings.database, workers=args.workers, batch_size=500,
                           statistical=statistical)
            seconds = time.perf_counter() - started
            relationships = count_relationships(driver, settings.database)
            print(f"end-to-end load{'' if statistical else ' --no-crf'}: {summary.read} articles from "
                  f"{len(files)} files in {seconds:.1f}s = {summary.read / seconds:.0f} articles/s, "
                  f"{relationships / seconds:.0f} relationships/s ({relationships} relationships, "
                  f"{summary.meetings} meetings extracted, {len(summary.failed)} records failed), "
                  f"{args.workers} extraction workers", flush=True)

        sample = [item for item in extract_all(files_for(args.naive), workers=args.workers)
                  if isinstance(item, Extraction)][: args.naive]
        batched_rates, naive_rates = [], []
        for _ in range(args.runs):
            for size, rates in ((500, batched_rates), (1, naive_rates)):
                wipe(driver, settings.database)
                writer = GraphWriter(driver, settings.database)
                started = time.perf_counter()
                for i in range(0, len(sample), size):
                    writer.write(sample[i: i + size])
                rates.append(len(sample) / (time.perf_counter() - started))
        batched, naive = statistics.median(batched_rates), statistics.median(naive_rates)
        print(f"writes only, {len(sample)} articles, median of {args.runs}: batched (500 per transaction) "
              f"{batched:.0f} articles/s; one transaction per article {naive:.0f} articles/s; "
              f"ratio {batched / naive:.1f}x")
    finally:
        driver.close()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
