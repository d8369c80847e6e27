"""Reading articles from files and folders. One bad file yields an error, never stops the batch."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from loader.document import Article
from loader.read.errors import ArticleFormatError
from loader.read.plaintext import parse_plaintext

__all__ = ["ArticleFormatError", "expand_paths", "read_article", "read_articles"]

ARTICLE_SUFFIXES = {".txt"}


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
        elif any(ch in str(raw) for ch in "*?["):
            yield from sorted(p for p in Path().glob(str(raw)) if p.is_file())
        else:
            yield path


def read_article(path: Path, default_published: date | None = None) -> Article:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleFormatError(path, "no such file") from None
    except OSError as exc:
        raise ArticleFormatError(path, f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise ArticleFormatError(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise ArticleFormatError(path, "binary file, not a text article")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleFormatError(path, f"not valid UTF-8 (byte {exc.start}); re-save the file as UTF-8") from None
    return parse_plaintext(raw, path, default_published)


def read_articles(
    paths: Iterable[str | Path], default_published: date | None = None
) -> Iterator[Article | ArticleFormatError]:
    for path in expand_paths(paths):
        try:
            yield read_article(path, default_published)
        except ArticleFormatError as exc:
            yield exc
