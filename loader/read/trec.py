"""TREC-style news files (the ANT corpus): <DOC><DOCNO>…<TITLE>…<TIME>…<TEXT>…</DOC>, one or more per file.

Read in one pass over the tags (linear in the file's size whatever it holds: a <DOC> never closed, thousands of
them, tags in lower case), so a malformed file costs what a well-formed one does."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from loader.document import Article
from loader.read.clean import without_controls
from loader.read.errors import ArticleFormatError

FIELDS = ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "TEXT")
# Every opening or closing tag the reader knows; nothing else is a tag to it (Arabic text may hold «<»).
_TAG = re.compile(r"<(/?)(DOC|" + "|".join(FIELDS) + r")>", re.IGNORECASE)
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


def documents(raw: str) -> tuple[list[dict[str, str]], int]:
    """The fields of every complete <DOC>…</DOC> (raw text, not unescaped), and how many <DOC> were never closed.
    A field's value runs from its opening tag to its closing tag inside the same document."""
    complete: list[dict[str, str]] = []
    unclosed = 0
    fields: dict[str, str] | None = None
    open_field: tuple[str, int] | None = None
    for tag in _TAG.finditer(raw):
        closing, name = tag.group(1) == "/", tag.group(2).upper()
        if name == "DOC":
            if not closing:
                unclosed += fields is not None  # a new <DOC> before </DOC>: the previous one never closed
                fields, open_field = {}, None
            elif fields is not None:
                complete.append(fields)
                fields, open_field = None, None
        elif fields is not None:
            if not closing:
                open_field = (name, tag.end())
            elif open_field is not None and open_field[0] == name:
                fields.setdefault(name, raw[open_field[1]:tag.start()])
                open_field = None
    return complete, unclosed + (fields is not None)


def parse_trec(raw: str, path: Path, default_published: date | None = None) -> Iterator[Article | ArticleFormatError]:
    found, unclosed = documents(raw)
    if unclosed:
        yield ArticleFormatError(path, f"{unclosed} <DOC> element{'s' if unclosed > 1 else ''} never closed with "
                                       "</DOC> (skipped)")
    if not found:
        if not unclosed:
            yield ArticleFormatError(path, "looks like a TREC file but has no complete <DOC>…</DOC> element")
        return
    for index, document in enumerate(found):
        fields = {name: without_controls(html.unescape(value.strip())) for name, value in document.items()}
        docno = fields.get("DOCNO") or (path.stem if len(found) == 1 else f"{path.stem}#{index}")
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
