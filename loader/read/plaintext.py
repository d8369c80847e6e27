"""Plain-text articles in the layout of a scraped news page (see samples/articles and the seed).

Layout: optional front matter between `---` lines (`published: YYYY-MM-DD`, `source:`, `url:`),
then the section line, the headline, a byline starting with `|`, the body paragraphs, and page
boilerplate (the «back to top» button, the outlet name) which is dropped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from loader.document import Article
from loader.read.errors import ArticleFormatError

BACK_TO_TOP = "زر الذهاب إلى الأعلى"
FRONT_MATTER_KEYS = {"published", "source", "url", "id"}


def parse_front_matter(lines: list[str], path: Path) -> tuple[dict[str, str], list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ArticleFormatError(path, "front matter opened with '---' is never closed") from None
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in FRONT_MATTER_KEYS:
            raise ArticleFormatError(
                path, f"line {number}: expected one of {sorted(FRONT_MATTER_KEYS)} as 'key: value'"
            )
        meta[key] = value.strip()
    return meta, lines[end + 1:]


def parse_date(value: str, path: Path) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArticleFormatError(path, f"published date {value!r} is not YYYY-MM-DD") from None


def parse_plaintext(raw: str, path: Path, default_published: date | None = None) -> Article:
    meta, lines = parse_front_matter(raw.splitlines(), path)
    blocks = [line.strip() for line in lines]
    footer_outlet: str | None = None
    # Drop the page footer: the «back to top» button and the outlet name printed after it.
    if BACK_TO_TOP in blocks:
        footer = [line for line in blocks[blocks.index(BACK_TO_TOP) + 1:] if line]
        footer_outlet = footer[0] if footer else None
        blocks = blocks[: blocks.index(BACK_TO_TOP)]
    content = [line for line in blocks if line]
    if len(content) < 2:
        raise ArticleFormatError(path, "no headline and body found (expected section, headline, body)")
    section: str | None = None
    byline: str | None = None
    # A one- or two-word first line followed by a longer one is the section name.
    if len(content) >= 3 and len(content[0].split()) <= 3 and not content[1].startswith("|"):
        section, content = content[0], content[1:]
    title, content = content[0], content[1:]
    if content and content[0].startswith("|"):
        byline, content = content[0].lstrip("| ").strip() or None, content[1:]
    if not content:
        raise ArticleFormatError(path, "the article has a headline but no body paragraphs")
    published = parse_date(meta["published"], path) if meta.get("published") else default_published
    return Article(
        id=meta.get("id") or path.stem,
        title=title,
        text="\n".join(content),
        published=published,
        source=meta.get("source") or footer_outlet,
        url=meta.get("url") or None,
        section=section,
        byline=byline,
        path=str(path),
    )
