"""The load pipeline: read → extract → write, in batches; a bad article is reported, never fatal."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from pathlib import Path

from neo4j import Driver

from loader.document import Article, Extraction
from loader.extract import Extractor
from loader.read import ArticleFormatError, read_articles
from loader.write import GraphWriter


@dataclass
class LoadSummary:
    read: int = 0
    written: int = 0
    skipped: int = 0
    failed: list[ArticleFormatError] = field(default_factory=list)
    nodes_created: int = 0
    relationships_created: int = 0
    meetings: int = 0


def extract_all(
    paths: Iterable[str | Path], published: date | None = None, extractor: Extractor | None = None
) -> Iterator[Extraction | ArticleFormatError]:
    extractor = extractor or Extractor()
    for item in read_articles(paths, published):
        if isinstance(item, Article):
            yield extractor(item)
        else:
            yield item


Item = Extraction | ArticleFormatError


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while batch := list(islice(items, size)):
        yield batch


def load(
    paths: Iterable[str | Path],
    driver: Driver | None,
    database: str,
    published: date | None = None,
    batch_size: int = 200,
    on_article: Callable[[], None] | None = None,
) -> LoadSummary:
    """Loads every article under `paths`; with `driver=None` it extracts only (a dry run)."""
    summary = LoadSummary()
    writer = GraphWriter(driver, database) if driver is not None else None
    for batch in _batches(extract_all(paths, published), batch_size):
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
        if on_article is not None:
            for _ in batch:
                on_article()
    return summary
