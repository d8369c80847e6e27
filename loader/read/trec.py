"""TREC-style news files (the ANT corpus): <DOC><DOCNO>…<TITLE>…<TIME>…<TEXT>…</DOC>, one or more per file."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from loader.document import Article
from loader.read.errors import ArticleFormatError

_DOC = re.compile(r"<DOC>(.*?)</DOC>", re.DOTALL)
_FIELD = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|TEXT)>(.*?)</\1>", re.DOTALL)
_DOCNO_DATE = re.compile(r"-(\d{8})$")


def parse_time(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()  # "Thu, 14 Jun 2018 22:36:50 +0400"
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value.split("T")[0] if "T" in value else value, pattern).date()
        except ValueError:
            continue
    return None


def docno_date(docno: str) -> date | None:
    match = _DOCNO_DATE.search(docno)
    if not match:
        return None
    digits = match.group(1)
    for pattern in ("%Y%m%d", "%d%m%Y"):  # ANT uses both
        try:
            parsed = datetime.strptime(digits, pattern).date()
        except ValueError:
            continue
        if 1990 <= parsed.year <= 2100:
            return parsed
    return None


def parse_trec(raw: str, path: Path, default_published: date | None = None) -> Iterator[Article | ArticleFormatError]:
    documents = _DOC.findall(raw)
    if not documents:
        yield ArticleFormatError(path, "looks like a TREC file but has no complete <DOC>…</DOC> element")
        return
    for index, document in enumerate(documents):
        fields = {name: html.unescape(value.strip()) for name, value in _FIELD.findall(document)}
        docno = fields.get("DOCNO") or (path.stem if len(documents) == 1 else f"{path.stem}#{index}")
        text = "\n".join(line.strip() for line in fields.get("TEXT", "").splitlines() if line.strip())
        if not text:
            yield ArticleFormatError(path, f"document {docno} has no <TEXT>")
            continue
        yield Article(
            id=docno,
            title=fields.get("TITLE", "").strip(),
            text=text,
            published=parse_time(fields.get("TIME", "")) or docno_date(docno) or default_published,
            source=fields.get("SRC") or None,
            url=fields.get("URL") or None,
            section=fields.get("CAT") or None,
            byline=fields.get("AUTHOR") or None,
            path=str(path),
        )
