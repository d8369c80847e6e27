"""Samples of the loaded graph for judging by hand: people drawn at random (reproducibly, by seed) or the
people with the most meetings, each with its counts and one sentence where an article names them.

The judged files live in eval/audits/ (one JSON line per person, with `judgement` filled in by the auditor);
`precision_of` turns a judged file into the figures the README quotes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from neo4j import Driver

# Verdicts an auditor may give a Person node.
JUDGEMENTS = {
    "person": "a real person under their full name (as the articles give it)",
    "partial": "a real person, but the name is cut short or swallowed other words",
    "duplicate": "a real person who already has another node",
    "not_person": "not a person (a common word, a phrase, an office, a body, a place)",
}

_ALL_PEOPLE = "MATCH (p:Person) RETURN p.id AS id ORDER BY id"

_TOP_PEOPLE = """
MATCH (p:Person)-[:PARTICIPATED_IN]->(m:Meeting)
WITH p, count(DISTINCT m) AS meetings
ORDER BY meetings DESC, p.id
LIMIT $limit
RETURN p.id AS id
"""

_DETAILS = """
UNWIND $ids AS id
MATCH (p:Person {id: id})
OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(m:Meeting)
WITH p, count(DISTINCT m) AS meetings
OPTIONAL MATCH (p)-[r:MENTIONED_IN]->(a:Article)
WITH p, meetings, count(a) AS articles, collect({text: a.text, start: r.starts[0], end: r.ends[0]})[0] AS first
RETURN p.id AS id, p.name AS name, p.name_en AS name_en, p.aliases AS aliases, p.country AS country,
       meetings, articles, first
"""

SENTENCE_ENDS = ".!?؟\n"
CONTEXT = 200  # characters of context at most on each side of the mention


@dataclass
class AuditRow:
    id: str
    name: str
    name_en: str | None
    aliases: list[str]
    country: str | None
    meetings: int
    articles: int
    evidence: str
    judgement: str = ""
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` holding [start, end), cut to CONTEXT characters on each side."""
    left = max((text.rfind(ch, 0, start) for ch in SENTENCE_ENDS), default=-1) + 1
    right_candidates = [i for i in (text.find(ch, end) for ch in SENTENCE_ENDS) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    left, right = max(left, start - CONTEXT), min(right, end + CONTEXT)
    return text[left:right].strip()


def _rows(driver: Driver, database: str, ids: list[str]) -> list[AuditRow]:
    records, _, _ = driver.execute_query(_DETAILS, ids=ids, database_=database, routing_="r")
    by_id = {}
    for record in records:
        first = record["first"] or {}
        text = first.get("text") or ""
        start, end = first.get("start"), first.get("end")
        evidence = sentence_around(text, start, end) if text and start is not None and end is not None else ""
        by_id[record["id"]] = AuditRow(record["id"], record["name"], record["name_en"], list(record["aliases"] or []),
                                       record["country"], record["meetings"], record["articles"], evidence)
    return [by_id[i] for i in ids if i in by_id]


def sample_people(driver: Driver, database: str, size: int, seed: int) -> list[AuditRow]:
    """`size` Person nodes drawn uniformly at random; the same seed on the same graph draws the same ones."""
    records, _, _ = driver.execute_query(_ALL_PEOPLE, database_=database, routing_="r")
    ids = [record["id"] for record in records]
    chosen = random.Random(seed).sample(ids, min(size, len(ids)))
    return _rows(driver, database, chosen)


def top_people(driver: Driver, database: str, size: int) -> list[AuditRow]:
    """The `size` people with the most meetings (ties by id)."""
    records, _, _ = driver.execute_query(_TOP_PEOPLE, limit=size, database_=database, routing_="r")
    return _rows(driver, database, [record["id"] for record in records])


def precision_of(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Counts per judgement and the share judged a real person under their full name."""
    counts = dict.fromkeys(JUDGEMENTS, 0)
    judged = 0
    for row in rows:
        verdict = row.get("judgement")
        if verdict in counts:
            counts[verdict] += 1
            judged += 1
    return {"judged": judged, **counts, "precision": counts["person"] / judged if judged else None}


# -- meetings: one real encounter, one node ----------------------------------------------------------

_TOP_PAIRS = """
MATCH (a)-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b)
WHERE a.id < b.id
WITH a, b, count(DISTINCT m) AS meetings, sum(m.article_count) AS reports
ORDER BY reports DESC, a.id, b.id
LIMIT $limit
RETURN a.id AS a, a.name AS a_name, b.id AS b, b.name AS b_name, meetings, reports
"""

_PAIR_MEETINGS = """
MATCH (a {id: $a})-[:PARTICIPATED_IN]->(m:Meeting)<-[:PARTICIPATED_IN]-(b {id: $b})
OPTIONAL MATCH (m)-[r:REPORTED_IN]->(art:Article)
WITH m, r, art ORDER BY art.published, art.id
WITH m, collect({sentence: r.sentences[0], published: art.published})[0] AS first
RETURN m.id AS id, m.type AS type, m.date AS date, m.period AS period, m.status AS status,
       m.article_count AS articles, first.sentence AS evidence, first.published AS first_reported
ORDER BY coalesce(m.date, first.published), m.id
"""


def pair_meetings(driver: Driver, database: str, pairs: int) -> list[dict[str, Any]]:
    """Every Meeting node of the `pairs` most-reported pairs of parties, for judging which nodes are one real
    encounter: each row has an empty `encounter` (a label the auditor gives; rows of one real encounter share
    it, and «none» marks a node that reports no real encounter)."""
    pairs_found, _, _ = driver.execute_query(_TOP_PAIRS, limit=pairs, database_=database, routing_="r")
    rows = []
    for pair in pairs_found:
        meetings, _, _ = driver.execute_query(_PAIR_MEETINGS, a=pair["a"], b=pair["b"], database_=database,
                                              routing_="r")
        for meeting in meetings:
            rows.append({"pair": f"{pair['a_name']} – {pair['b_name']}", "pair_ids": [pair["a"], pair["b"]],
                         "meeting": meeting["id"], "type": meeting["type"],
                         "date": meeting["date"].iso_format() if meeting["date"] else None,
                         "period": meeting["period"], "status": meeting["status"], "articles": meeting["articles"],
                         "first_reported": meeting["first_reported"].iso_format()
                         if meeting["first_reported"] else None,
                         "evidence": meeting["evidence"], "encounter": "", "note": ""})
    return rows


def nodes_per_encounter(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per pair and overall: Meeting nodes judged to report a real encounter, divided by the distinct encounters
    they report."""
    by_pair: dict[str, list[str]] = {}
    for row in rows:
        label = row.get("encounter") or ""
        if label and label != "none":
            by_pair.setdefault(row["pair"], []).append(label)
    pairs = {pair: round(len(labels) / len(set(labels)), 2) for pair, labels in by_pair.items()}
    nodes = sum(len(labels) for labels in by_pair.values())
    encounters = sum(len(set(labels)) for labels in by_pair.values())
    return {"pairs": pairs, "nodes": nodes, "encounters": encounters,
            "nodes_per_encounter": round(nodes / encounters, 3) if encounters else None}
