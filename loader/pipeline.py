"""The load pipeline: read → extract → resolve → write, in batches; a bad article is reported, never fatal.

Extraction runs in worker processes (`workers`); results come back in input order, so a load is
deterministic and a killed load, run again, ends with exactly the graph of one clean load (articles
written before the kill are skipped by their content hash).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from neo4j import Driver

from loader.document import Article, Extraction
from loader.extract import Extractor
from loader.read import ArticleFormatError, expand_paths, read_file
from loader.write import GraphWriter

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


def _extract_file(task: tuple[str, date | None]) -> list[Item]:
    global _extractor
    if _extractor is None:
        _extractor = Extractor()
    path, published = task
    items: list[Item] = []
    for record in read_file(Path(path), published):
        if isinstance(record, Article):
            try:
                items.append(_extractor(record))
            except Exception as exc:
                items.append(ArticleFormatError(path, f"article {record.id}: extraction failed ({exc!r})"))
        else:
            items.append(record)
    return items


def extract_all(paths: Iterable[str | Path], published: date | None = None, workers: int = 1) -> Iterator[Item]:
    """Every article under `paths`, extracted, in input order."""
    tasks = [(str(path), published) for path in expand_paths(paths)]
    if workers <= 1:
        for task in tasks:
            yield from _extract_file(task)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for items in pool.map(_extract_file, tasks, chunksize=16):
            yield from items


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
) -> LoadSummary:
    """Loads every article under `paths`; with `driver=None` it extracts only (a dry run)."""
    paths = list(paths)
    summary = LoadSummary(files=len(list(expand_paths(paths))))
    writer = GraphWriter(driver, database) if driver is not None else None
    for batch in _batches(extract_all(paths, published, workers), batch_size):
        good = [item for item in batch if isinstance(item, Extraction)]
        summary.failed += [item for item in batch if isinstance(item, ArticleFormatError)]
        summary.read += len(good)
        summary.meetings += sum(len(e.meetings) for e in good)
        if writer is not None:
            result = writer.write(good)
            summary.written += result.written
            summary.skipped += result.skipped
            summary.nodes_created += result.nodes_created
            summary.relationships_created += result.relationships_created
        if on_progress is not None:
            on_progress(len(batch))
    return summary
