"""Article records: JSON arrays (as in SaudiNewsNet), JSONL and CSV with the columns
id, title, text, published, source, url. Common alternative column names are accepted."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from loader.document import Article
from loader.read.errors import ArticleFormatError
from loader.read.trec import parse_time

TEXT_KEYS = ("text", "content", "body", "article")
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
    if not isinstance(text, str) or not text.strip():
        return ArticleFormatError(path, f"{where}: no text (expected one of {', '.join(TEXT_KEYS)})")
    published_raw = _first(record, DATE_KEYS)
    published = parse_time(str(published_raw)) if published_raw is not None else None
    if published_raw is not None and published is None:
        return ArticleFormatError(path, f"{where}: published date {published_raw!r} is not a date")
    record_id = record.get("id")
    return Article(
        id=str(record_id) if record_id not in (None, "") else fallback_id,
        title=str(_first(record, TITLE_KEYS) or "").strip(),
        text="\n".join(line.strip() for line in text.splitlines() if line.strip()),
        published=published or default_published,
        source=record.get("source") or None,
        url=record.get("url") or None,
        byline=record.get("author") or None,
        path=str(path),
    )


def parse_json_array(raw: str, path: Path, default_published: date | None) -> Iterator[Article | ArticleFormatError]:
    try:
        data = json.loads(raw)
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
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ArticleFormatError(path, f"line {number}: malformed JSON ({exc.msg})")
            continue
        yield record_to_article(record, path, f"line {number}", f"{path.stem}#{number}", default_published)


def parse_csv(raw: str, path: Path, default_published: date | None) -> Iterator[Article | ArticleFormatError]:
    reader = csv.DictReader(io.StringIO(raw))
    columns = {name.strip().lower() for name in reader.fieldnames or []}
    if not columns & set(TEXT_KEYS):
        yield ArticleFormatError(path, f"CSV has no text column (expected one of {', '.join(TEXT_KEYS)})")
        return
    for number, row in enumerate(reader, start=2):
        record = {key.strip().lower(): value for key, value in row.items() if key}
        yield record_to_article(record, path, f"row {number}", f"{path.stem}#{number}", default_published)
