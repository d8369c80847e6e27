"""Reading articles from files, folders and globs in every supported format.

Formats: plain text in the seed's page layout (.txt), TREC-style <DOC> files (ANT corpus), JSON arrays,
JSONL and CSV records. The format is detected from the content first, then the extension. One bad
file, or one bad record inside a file, yields an error and never stops the batch.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from wcmatch import glob

from loader.document import Article
from loader.read.clean import without_controls
from loader.read.errors import ArticleFormatError
from loader.read.plaintext import parse_plaintext
from loader.read.records import parse_csv, parse_json_array, parse_jsonl
from loader.read.trec import parse_trec

__all__ = ["ArticleFormatError", "detect_format", "expand_paths", "read_article", "read_articles", "read_file"]

ARTICLE_SUFFIXES = {".txt", ".json", ".jsonl", ".ndjson", ".csv", ".xml", ".sgml", ".trec"}
# A file larger than this is refused whole (a day of SaudiNewsNet, the largest input seen, is 8 MB).
MAX_FILE_BYTES = int(os.environ.get("NEWSGRAPH_MAX_FILE_BYTES") or 256 * 1024 * 1024)
# Byte-order marks, UTF-32 first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under folders (recursively) and glob patterns («data/**/*.json»). Symbolic links to folders are
    not followed inside a folder or by «**», so a link loop can never make a walk endless."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = []
            for folder, _dirs, files in os.walk(path, followlinks=False):
                found += [Path(folder) / name for name in files if Path(name).suffix.lower() in ARTICLE_SUFFIXES]
            yield from sorted(p for p in found if p.is_file())
        elif not path.exists() and any(ch in str(raw) for ch in "*?["):
            matches = sorted(Path(p) for p in glob.glob(str(raw), flags=glob.GLOBSTAR | glob.BRACE))
            yield from (p for p in matches if p.is_file())
        else:
            yield path


def decode_bytes(data: bytes, path: Path) -> str:
    """Text of a file: UTF-8, or UTF-16/UTF-32 with a byte-order mark; control characters removed."""
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:4096]:
        raise ArticleFormatError(path, "binary file, not a text article (or UTF-16/UTF-32 without a byte-order "
                                       "mark: re-save it as UTF-8)")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleFormatError(path, f"not valid {(encoding or 'utf-8').upper()} (byte {exc.start}); re-save "
                                       "the file as UTF-8") from None
    return without_controls(text.lstrip("\ufeff"))


def _decode(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ArticleFormatError(path, f"{size / 1e6:.0f} MB is over the {MAX_FILE_BYTES / 1e6:.0f} MB limit "
                                           "for one file (NEWSGRAPH_MAX_FILE_BYTES); split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleFormatError(path, "no such file") from None
    except IsADirectoryError:
        raise ArticleFormatError(path, "is a directory") from None
    except OSError as exc:
        raise ArticleFormatError(path, f"cannot be read ({exc.strerror})") from None
    text = decode_bytes(data, path)
    if not text.strip():
        raise ArticleFormatError(path, "the file is empty")
    return text


def detect_format(raw: str, path: Path) -> str:
    head = raw.lstrip()[:200]
    suffix = path.suffix.lower()
    if head[:5].upper() == "<DOC>":
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
