"""Reading articles from files, folders and globs in every supported format.

Formats: plain text in the seed's page layout (.txt), TREC-style <DOC> files (ANT corpus), JSON arrays,
JSONL and CSV records. The format is detected from the content first, then the extension. One bad
file, or one bad record inside a file, yields an error and never stops the batch.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from loader.document import Article
from loader.read.errors import ArticleFormatError
from loader.read.plaintext import parse_plaintext
from loader.read.records import parse_csv, parse_json_array, parse_jsonl
from loader.read.trec import parse_trec

__all__ = ["ArticleFormatError", "detect_format", "expand_paths", "read_article", "read_articles", "read_file"]

ARTICLE_SUFFIXES = {".txt", ".json", ".jsonl", ".ndjson", ".csv", ".xml", ".sgml", ".trec"}


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
        elif not path.exists() and any(ch in str(raw) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            yield from (p for p in matches if p.is_file())
        else:
            yield path


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleFormatError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleFormatError(path, "is a directory") from None
    except OSError as exc:
        raise ArticleFormatError(path, f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise ArticleFormatError(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise ArticleFormatError(path, "binary file, not a text article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleFormatError(path, f"not valid UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None


def detect_format(raw: str, path: Path) -> str:
    head = raw.lstrip()[:200]
    suffix = path.suffix.lower()
    if head.startswith("<DOC>"):
        return "trec"
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl" if "\n{" in raw.strip() else "json"
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    return "text"


def read_file(path: Path, default_published: date | None = None) -> Iterator[Article | ArticleFormatError]:
    try:
        raw = _decode(path)
    except ArticleFormatError as exc:
        yield exc
        return
    fmt = detect_format(raw, path)
    if fmt == "trec":
        yield from parse_trec(raw, path, default_published)
    elif fmt == "json":
        yield from parse_json_array(raw, path, default_published)
    elif fmt == "jsonl":
        yield from parse_jsonl(raw, path, default_published)
    elif fmt == "csv":
        yield from parse_csv(raw, path, default_published)
    else:
        try:
            yield parse_plaintext(raw, path, default_published)
        except ArticleFormatError as exc:
            yield exc


def read_article(path: Path, default_published: date | None = None) -> Article:
    """The single article in `path`; raises ArticleFormatError for anything else."""
    items = list(read_file(path, default_published))
    for item in items:
        if isinstance(item, ArticleFormatError):
            raise item
    if len(items) != 1:
        raise ArticleFormatError(path, f"expected one article, found {len(items)}")
    return items[0]  # type: ignore[return-value]


def read_articles(
    paths: Iterable[str | Path], default_published: date | None = None
) -> Iterator[Article | ArticleFormatError]:
    for path in expand_paths(paths):
        yield from read_file(path, default_published)
