"""Articles already in the graph, extracted again from the text stored with them.

Undoing a correction after articles were loaded under it (loader.corrections.undo) restores the nodes as they
were before it, then writes those articles again, so that they say what they would have said had the correction
never been made.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from loader.document import Article, Extraction
from loader.pipeline import _extract_chunk

STORED = """
UNWIND $ids AS id MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.text AS text, a.published AS published, a.source AS source, a.url AS url,
       a.section AS section, a.byline AS byline, a.path AS path
ORDER BY a.published, a.id
"""


def _native(value: Any) -> Any:
    return value.to_native() if hasattr(value, "to_native") else value


def stored_articles(driver: Driver, database: str, ids: list[str]) -> list[Article]:
    records, _, _ = driver.execute_query(STORED, ids=ids, database_=database, routing_="r")
    return [Article(id=r["id"], title=r["title"] or "", text=r["text"] or "", published=_native(r["published"]),
                    source=r["source"], url=r["url"], section=r["section"], byline=r["byline"], path=r["path"])
            for r in records]


def reextract(driver: Driver, database: str, ids: list[str]) -> list[Extraction]:
    """The articles with these ids, extracted again (an article whose extraction fails is left as it is)."""
    return [item for item in _extract_chunk(stored_articles(driver, database, ids))
            if isinstance(item, Extraction)]
