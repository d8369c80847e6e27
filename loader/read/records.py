"""Article records: JSON arrays (as in SaudiNewsNet), JSONL and CSV with the columns
id, title, text, published, source, url. Common alternative column names are accepted."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from loader.document import Article
from loader.read.clean import without_controls
from loader.read.errors import ArticleFormatError
from loader.read.trec import parse_time

TEXT_KEYS = ("text", "content", "body", "article")
# One article's text may be this long (news articles run to tens of thousands of characters at most); beyond it
# the record is refused with a message instead of costing a gigabyte to extract.
MAX_ARTICLE_CHARS = int(os.environ.get("NEWSGRAPH_MAX_ARTICLE_CHARS") or 1_000_000)
# Fields that end up as node properties: text (or a number, written as text), never a list or an object.
TEXT_FIELDS = ("id", "source", "url", "author")
DATE_KEYS = ("published", "date", "published_at", "date_published", "date_extracted", "time")
TITLE_KEYS = ("title", "headline")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def record_to_article(record: Any, path: Path, where: str, fallback_id: str,
                      default_published: date | None) -> Article | ArticleFormatError:
    if not isinstance(record, dict):
        return ArticleFormatError(path, f"{where}: expected an object with title and text, got {type(record).__name__}")
    text = _first(record, TEXT_KEYS)
    if isinstance(text, str):
        text = without_controls(text)
    if not isinstance(text, str) or not text.strip():
        return ArticleFormatError(path, f"{where}: no text (expected one of {', '.join(TEXT_KEYS)})")
    if len(text) > MAX_ARTICLE_CHARS:
        return ArticleFormatError(path, f"{where}: the text has {len(text):,} characters, over the limit of "
                                        f"{MAX_ARTICLE_CHARS:,} for one article (NEWSGRAPH_MAX_ARTICLE_CHARS)")
    for key in (*TEXT_FIELDS, *TITLE_KEYS):
        value = record.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int | float)):
            return ArticleFormatError(path, f"{where}: field {key!r} must be text, got {type(value).__name__}")
    published_raw = _first(record, DATE_KEYS)
    published = parse_time(str(published_raw)) if published_raw is not None else None
    if published_raw is not None and published is None:
        return ArticleFormatError(path, f"{where}: published date {published_raw!r} is not a date")
    record_id = record.get("id")
    return Article(
        id=without_controls(str(record_id)) if record_id not in (None, "") else fallback_id,
        title=without_controls(str(_first(record, TITLE_KEYS) or "")).strip(),
        text="\n".join(line.strip() for line in text.splitlines() if line.strip()),
        published=published or default_published,
        source=_text(record.get("source")),
        url=_text(record.get("url")),
        byline=_text(record.get("author")),
        path=str(path),
    )


def _text(value: Any) -> str | None:
    return without_controls(str(value)) if value not in (None, "") else None


def _loads(text: str) -> Any:
    """json.loads, with nesting too deep for it reported like any malformed JSON."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def parse_json_array(raw: str, path: Path, default_published: date | None) -> Iterator[Article | ArticleFormatError]:
    try:
        data = _loads(raw)
    except json.JSONDecodeError as exc:
        yield ArticleFormatError(path, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield record_to_article(record, path, f"record {index}", f"{path.stem}#{index}", default_published)


def parse_jsonl(raw: str, path: Path, default_published: date | None) -> Iterator[Article | ArticleFormatError]:
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > 2 * MAX_ARTICLE_CHARS:  # refused before parsing: one record may not cost gigabytes
            yield ArticleFormatError(path, f"line {number}: {len(line):,} characters, more than one article may "
                                           f"hold (NEWSGRAPH_MAX_ARTICLE_CHARS={MAX_ARTICLE_CHARS:,})")
            continue
        try:
            record = _loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleFormatError(path, f"line {number}: malformed JSON ({exc.msg})")
            continue
        yield record_to_article(record, path, f"line {number}", f"{path.stem}#{number}", default_published)


def parse_csv(raw: str, path: Path, default_published: date | None) -> Iterator[Article | ArticleFormatError]:
    csv.field_size_limit(max(csv.field_size_limit(), 2 * MAX_ARTICLE_CHARS))  # an article is one field
    reader = csv.DictReader(io.StringIO(raw))
    try:
        columns = {name.strip().lower() for name in reader.fieldnames or []}
    except csv.Error as exc:
        yield ArticleFormatError(path, f"malformed CSV header: {exc}")
        return
    if not columns & set(TEXT_KEYS):
        yield ArticleFormatError(path, f"CSV has no text column (expected one of {', '.join(TEXT_KEYS)})")
        return
    number = 1  # rows count from 2, the line after the header (ids of rows without one depend on it)
    while True:
        before = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # one malformed row is reported; the rows after it are still read
            yield ArticleFormatError(path, f"line {reader.line_num}: malformed CSV ({exc})")
            number += 1
            if reader.line_num == before:
                return
            continue
        number += 1
        record = {key.strip().lower(): value for key, value in row.items() if isinstance(key, str) and key}
        yield record_to_article(record, path, f"row {number}", f"{path.stem}#{number}", default_published)
