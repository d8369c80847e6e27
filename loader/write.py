"""Writing extractions into Neo4j: one managed write transaction per batch of articles, batched
`UNWIND … MERGE` statements, values always passed as parameters.

An article already loaded with the same content hash is skipped; a changed article has its old
reports and mentions replaced, so loading the same files again never changes the graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from neo4j import Driver, ManagedTransaction

from loader.document import Extraction, Meeting

# Labels come from this fixed whitelist, never from input text.
ENTITY_LABELS = {"Person": "Person", "Country": "Country", "Organization": "Organization", "Place": "Place"}

_MERGE_ENTITY = {
    label: f"""
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
ON CREATE SET n.name = row.name, n.name_en = row.name_en, n.translit = row.translit,
              n.aliases = row.aliases, n.country = row.country
ON MATCH SET n.aliases = reduce(acc = coalesce(n.aliases, []), a IN row.aliases |
                                CASE WHEN a IN acc THEN acc ELSE acc + a END)
FOREACH (_ IN CASE WHEN row.iso2 IS NULL THEN [] ELSE [1] END | SET n.iso2 = row.iso2)
"""
    for label in ENTITY_LABELS.values()
}

_EXISTING_HASHES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.content_hash AS hash"

# A changed article replaces what its previous version said: old links go, and meetings no other
# article reports go with them.
_MERGE_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props
WITH a
OPTIONAL MATCH (a)<-[old:MENTIONED_IN]-()
DELETE old
WITH DISTINCT a
OPTIONAL MATCH (a)<-[report:REPORTED_IN]-(m:Meeting)
DELETE report
WITH m WHERE m IS NOT NULL AND NOT (m)-[:REPORTED_IN]->()
DETACH DELETE m
"""

_MENTIONS = {
    label: f"""
UNWIND $rows AS row
MATCH (a:Article {{id: row.article}})
MATCH (e:{label} {{id: row.entity}})
MERGE (e)-[m:MENTIONED_IN]->(a)
SET m.count = row.count, m.starts = row.starts, m.ends = row.ends
"""
    for label in ENTITY_LABELS.values()
}

_PARTICIPANTS = {
    label: f"""
UNWIND $rows AS row
MATCH (m:Meeting {{id: row.meeting}})
MATCH (e:{label} {{id: row.entity}})
MERGE (e)-[p:PARTICIPATED_IN]->(m)
SET p.initiator = row.initiator
"""
    for label in ENTITY_LABELS.values()
}

_REPRESENTS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (c:Country {iso2: row.iso2})
MERGE (p)-[:REPRESENTS]->(c)
"""

_LOCATED_IN = """
UNWIND $rows AS row
MATCH (p:Place {id: row.place})
MATCH (c:Country {iso2: row.iso2})
MERGE (p)-[:LOCATED_IN]->(c)
"""

_MEETINGS = """
UNWIND $rows AS row
MERGE (m:Meeting {id: row.id})
ON CREATE SET m.type = row.type, m.cameo = row.cameo, m.date = row.date, m.date_text = row.date_text,
              m.status = row.status, m.topic = row.topic
SET m.name = row.name
WITH m, row
MATCH (a:Article {id: row.article})
MERGE (m)-[r:REPORTED_IN]->(a)
SET r.sentences = row.sentences, r.starts = row.starts, r.ends = row.ends
"""

_HELD_IN = """
UNWIND $rows AS row
MATCH (m:Meeting {id: row.meeting})
MATCH (p:Place {id: row.place})
MERGE (m)-[:HELD_IN]->(p)
"""

# Counts are recomputed from the report links, never frozen at first sight.
_RECOUNT = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})
OPTIONAL MATCH (m)-[:REPORTED_IN]->(a:Article)
WITH m, count(a) AS articles, count(DISTINCT a.source) AS outlets, min(a.published) AS first
SET m.article_count = articles, m.outlet_count = outlets, m.first_reported = first
"""


@dataclass
class WriteSummary:
    written: int = 0
    skipped: int = 0
    nodes_created: int = 0
    relationships_created: int = 0


def meeting_key(meeting: Meeting, article_id: str) -> str:
    """One real-world meeting = one node: same kind, same participants, same date."""
    anchor = meeting.date.isoformat() if meeting.date else f"undated:{article_id}"
    basis = "|".join([meeting.type, ",".join(sorted(meeting.participants)), anchor])
    return "meeting:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


class GraphWriter:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def write(self, extractions: Iterable[Extraction]) -> WriteSummary:
        batch = list(extractions)
        summary = WriteSummary()
        if not batch:
            return summary
        existing = self._existing_hashes([e.article.id for e in batch])
        fresh = [e for e in batch if existing.get(e.article.id) != e.article.content_hash]
        summary.skipped = len(batch) - len(fresh)
        if fresh:
            with self.driver.session(database=self.database) as session:
                counters = session.execute_write(self._write_batch, fresh)
            summary.written = len(fresh)
            summary.nodes_created = counters["nodes"]
            summary.relationships_created = counters["relationships"]
        return summary

    def _existing_hashes(self, ids: list[str]) -> dict[str, str]:
        records, _, _ = self.driver.execute_query(_EXISTING_HASHES, ids=ids, database_=self.database,
                                                  routing_="r")
        return {record["id"]: record["hash"] for record in records}

    @staticmethod
    def _write_batch(tx: ManagedTransaction, batch: list[Extraction]) -> dict[str, int]:
        totals = {"nodes": 0, "relationships": 0}

        def run(query: str, **params: Any) -> None:
            counters = tx.run(query, **params).consume().counters
            totals["nodes"] += counters.nodes_created
            totals["relationships"] += counters.relationships_created

        entities: dict[str, dict[str, dict[str, Any]]] = {label: {} for label in ENTITY_LABELS.values()}
        mentions: dict[str, list[dict[str, Any]]] = {label: [] for label in ENTITY_LABELS.values()}
        participants: dict[str, list[dict[str, Any]]] = {label: [] for label in ENTITY_LABELS.values()}
        represents, located, meetings, held = [], [], [], []
        articles = []
        for extraction in batch:
            article = extraction.article
            articles.append({"id": article.id, "props": {
                "title": article.title, "text": article.text, "published": article.published,
                "source": article.source, "url": article.url, "section": article.section,
                "byline": article.byline, "path": article.path, "content_hash": article.content_hash,
            }})
            for entity in extraction.entities:
                label = ENTITY_LABELS[entity.type]
                row = entities[label].setdefault(entity.id, {
                    "id": entity.id, "name": entity.name, "name_en": entity.name_en,
                    "translit": entity.translit, "aliases": [], "country": entity.country,
                    "iso2": entity.country if label == "Country" else None,
                })
                row["aliases"] = sorted(set(row["aliases"]) | set(entity.aliases))
                mentions[label].append({"article": article.id, "entity": entity.id, "count": len(entity.mentions),
                                 "starts": [m.start for m in entity.mentions],
                                 "ends": [m.end for m in entity.mentions]})
                if entity.country and label == "Person":
                    represents.append({"person": entity.id, "iso2": entity.country})
                if entity.country and label == "Place":
                    located.append({"place": entity.id, "iso2": entity.country})
            names = {entity.id: entity.name for entity in extraction.entities}
            labels = {entity.id: ENTITY_LABELS[entity.type] for entity in extraction.entities}
            for meeting in extraction.meetings:
                key = meeting_key(meeting, article.id)
                meetings.append({
                    "id": key, "type": meeting.type, "cameo": meeting.cameo, "date": meeting.date,
                    "date_text": meeting.date_text, "status": meeting.status, "topic": meeting.topic,
                    "name": " – ".join(names.get(p, p) for p in meeting.participants),
                    "article": article.id,
                    "sentences": [span.text for span in meeting.evidence],
                    "starts": [span.start for span in meeting.evidence],
                    "ends": [span.end for span in meeting.evidence],
                })
                for participant in meeting.participants:
                    participants[labels[participant]].append(
                        {"meeting": key, "entity": participant, "initiator": participant == meeting.initiator})
                if meeting.place:
                    held.append({"meeting": key, "place": meeting.place})

        run(_MERGE_ARTICLES, rows=articles)
        for label, rows in entities.items():
            if rows:
                run(_MERGE_ENTITY[label], rows=list(rows.values()))
        for label, rows in mentions.items():
            if rows:
                run(_MENTIONS[label], rows=rows)
        run(_REPRESENTS, rows=represents)
        run(_LOCATED_IN, rows=located)
        run(_MEETINGS, rows=meetings)
        for label, rows in participants.items():
            if rows:
                run(_PARTICIPANTS[label], rows=rows)
        run(_HELD_IN, rows=held)
        run(_RECOUNT, ids=sorted({row["id"] for row in meetings}))
        return totals
