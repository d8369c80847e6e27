"""The load pipeline: read → extract → resolve → write, in batches; a bad article is reported, never fatal.

Extraction runs in worker processes (`workers`); results come back in input order, so a load is
deterministic and a killed load, run again, ends with exactly the graph of one clean load (articles
written before the kill are skipped by their content hash).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from neo4j import Driver

from loader.document import Article, Extraction
from loader.extract import Extractor
from loader.read import ArticleFormatError, expand_paths, read_articles
from loader.write import GraphWriter, WriteSummary

Item = Extraction | ArticleFormatError


@dataclass
class LoadSummary:
    files: int = 0
    read: int = 0
    written: int = 0
    skipped: int = 0
    failed: list[ArticleFormatError] = field(default_factory=list)
    nodes_created: int = 0
    relationships_created: int = 0
    meetings: int = 0


_extractor: Extractor | None = None
_statistical = True
_CHUNK = 32  # articles per task sent to a worker
_IN_FLIGHT = 24  # tasks per worker queued ahead: enough to keep workers busy through a batch write


def _use_statistical(statistical: bool) -> None:
    global _statistical, _extractor
    if statistical != _statistical:
        _statistical, _extractor = statistical, None


def _extract_chunk(articles: list[Article], statistical: bool = True) -> list[Item]:
    """Extract articles with this process's extractor (built on first use, then kept)."""
    global _extractor
    _use_statistical(statistical)
    if _extractor is None:
        _extractor = Extractor(statistical=_statistical)
    items: list[Item] = []
    for article in articles:
        try:
            items.append(_extractor(article))
        except Exception as exc:  # one article's bug must not stop the batch
            items.append(ArticleFormatError(article.path or article.id,
                                            f"article {article.id}: extraction failed ({exc!r})"))
    return items


def _chunks(paths: Iterable[str | Path], published: date | None) -> Iterator[list[Article] | ArticleFormatError]:
    chunk: list[Article] = []
    for item in read_articles(paths, published):
        if isinstance(item, Article):
            chunk.append(item)
            if len(chunk) == _CHUNK:
                yield chunk
                chunk = []
        else:
            if chunk:
                yield chunk
                chunk = []
            yield item
    if chunk:
        yield chunk


def extract_all(paths: Iterable[str | Path], published: date | None = None, workers: int = 1,
                statistical: bool = True, cluster: str | None = None) -> Iterator[Item]:
    """Every article under `paths`, extracted, in input order. Articles, not files, are shared out among
    the workers — local processes, or a Dask cluster's workers when `cluster` gives its scheduler's address
    (loader.cluster) — so one large JSON file keeps every worker busy."""
    if cluster is not None:
        from loader.cluster import cluster_executor

        with cluster_executor(cluster) as (executor, slots):
            yield from _extract_with(executor, slots, paths, published, statistical)
        return
    if workers <= 1:
        for unit in _chunks(paths, published):
            yield from (unit,) if isinstance(unit, ArticleFormatError) else _extract_chunk(unit, statistical)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from _extract_with(pool, workers, paths, published, statistical)


def _extract_with(executor: Executor, slots: int, paths: Iterable[str | Path], published: date | None,
                  statistical: bool) -> Iterator[Item]:
    pending: deque[Future[list[Item]] | ArticleFormatError] = deque()
    for unit in _chunks(paths, published):
        if isinstance(unit, ArticleFormatError):
            pending.append(unit)
        else:
            pending.append(executor.submit(_extract_chunk, unit, statistical))
        while len(pending) > slots * _IN_FLIGHT:
            yield from _settle(pending.popleft())
    while pending:
        yield from _settle(pending.popleft())


def _settle(unit: Future[list[Item]] | ArticleFormatError) -> list[Item]:
    return [unit] if isinstance(unit, ArticleFormatError) else unit.result()


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while batch := list(islice(items, size)):
        yield batch


def load(
    paths: Iterable[str | Path],
    driver: Driver | None,
    database: str,
    published: date | None = None,
    batch_size: int = 500,
    workers: int = 1,
    on_progress: Callable[[int], None] | None = None,
    statistical: bool = True,
    cluster: str | None = None,
) -> LoadSummary:
    """Loads every article under `paths`; with `driver=None` it extracts only (a dry run).

    Batches are written by one background thread, in order, while the next batch is gathered: the
    database and the extractors work at the same time, and every run writes the same batches in the
    same order.
    """
    paths = list(paths)
    summary = LoadSummary(files=len(list(expand_paths(paths))))
    writer = GraphWriter(driver, database) if driver is not None else None

    def account(result: WriteSummary, size: int) -> None:
        summary.written += result.written
        summary.skipped += result.skipped
        summary.nodes_created += result.nodes_created
        summary.relationships_created += result.relationships_created
        summary.failed += [ArticleFormatError(extraction.article.path or extraction.article.id,
                                              f"article {extraction.article.id}: Neo4j refused it ({reason})")
                           for extraction, reason in result.refused]
        if on_progress is not None:
            on_progress(size)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="graph-writer") as background:
        pending: tuple[Future[WriteSummary], int] | None = None
        for batch in _batches(extract_all(paths, published, workers, statistical, cluster), batch_size):
            good = [item for item in batch if isinstance(item, Extraction)]
            summary.failed += [item for item in batch if isinstance(item, ArticleFormatError)]
            summary.read += len(good)
            summary.meetings += sum(len(e.meetings) for e in good)
            if pending is not None:
                account(pending[0].result(), pending[1])  # a failed write stops the load here
                pending = None
            if writer is not None:
                pending = (background.submit(writer.write, good), len(batch))
            elif on_progress is not None:
                on_progress(len(batch))
        if pending is not None:
            account(pending[0].result(), pending[1])
    return summary
