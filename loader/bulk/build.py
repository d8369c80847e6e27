"""Read, extract and resolve articles into the in-memory graph: the online loader's pipeline and write
statements, batch by batch in the same order, with memory.MemoryStore in place of Neo4j."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from loader.bulk.memory import MemoryStore
from loader.document import Extraction
from loader.pipeline import LoadSummary, _batches, extract_all
from loader.read import ArticleFormatError, expand_paths
from loader.write import _EXISTING_HASHES, fresh_articles, write_batch


@dataclass
class Built:
    store: MemoryStore = field(default_factory=MemoryStore)
    summary: LoadSummary = field(default_factory=LoadSummary)


def build(paths: Iterable[str | Path], published: date | None = None, batch_size: int = 500, workers: int = 1,
          on_progress: Callable[[int], None] | None = None, statistical: bool = True,
          cluster: str | None = None) -> Built:
    """The whole graph of `paths` in memory, as `loader.pipeline.load` would write it into an empty database
    with the same batch size."""
    paths = list(paths)
    built = build_from(extract_all(paths, published, workers, statistical, cluster), batch_size, on_progress)
    built.summary.files = len(list(expand_paths(paths)))
    return built


def build_from(items: Iterable[Extraction | ArticleFormatError], batch_size: int = 500,
               on_progress: Callable[[int], None] | None = None) -> Built:
    """The graph of already extracted articles, in memory (the growth benchmark feeds replicated extractions)."""
    built = Built()
    store, summary = built.store, built.summary

    def existing(ids: list[str]) -> dict[str, str]:
        return {row["id"]: row["hash"] for row in store.run(_EXISTING_HASHES, ids=ids)}

    for batch in _batches(iter(items), batch_size):
        good = [item for item in batch if isinstance(item, Extraction)]
        summary.failed += [item for item in batch if isinstance(item, ArticleFormatError)]
        summary.read += len(good)
        summary.meetings += sum(len(e.meetings) for e in good)
        fresh, changed, skipped = fresh_articles(good, existing)
        summary.skipped += skipped
        if fresh:
            before = dict(store.totals)
            write_batch(store, fresh, changed)
            summary.written += len(fresh)
            summary.nodes_created += store.totals["nodes"] - before["nodes"]
            summary.relationships_created += store.totals["relationships"] - before["relationships"]
        if on_progress is not None:
            on_progress(len(batch))
    return built
