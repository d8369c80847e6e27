"""Writing extractions into Neo4j: one managed write transaction per batch of articles (retried by the
driver on transient errors), batched `UNWIND … MERGE` statements, values always passed as parameters,
labels only from a fixed whitelist.

Loading the same articles again changes nothing: an article whose content hash is already stored is
skipped. A changed article has its old reports and mentions replaced, and meetings no other article
reports go with them. Counts on meetings are recomputed from their report links on every write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError

from loader.corrections import Rules, enforce_participants
from loader.corrections import rules as correction_rules
from loader.document import CAMEO, Extraction
from loader.extract.events import RESOLUTION_CLASS, When
from loader.extract.identity import display_name, name_words
from loader.extract.translit import transliterate
from loader.resolve import (
    GraphEvent,
    KnownPerson,
    MeetingGroup,
    drop_entities,
    group_meetings,
    move_people,
    parties_key,
    resolve_people,
    retype_entities,
    scope_people,
    split_names,
)

# Labels come from this fixed whitelist, never from input text.
ENTITY_LABELS = {"Person": "Person", "Country": "Country", "Organization": "Organization", "Place": "Place"}

_MERGE_ENTITY = {
    label: f"""
UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
ON CREATE SET n.name = row.name, n.name_en = row.name_en, n.translit = row.translit,
              n.country = row.country, n.iso2 = row.iso2, n.aliases = row.aliases
ON MATCH SET n.aliases = n.aliases + [a IN row.aliases WHERE NOT a IN n.aliases],
             n.country = coalesce(n.country, row.country)
"""
    for label in ENTITY_LABELS.values() if label != "Person"
}
# A person node also keeps its look-up keys (the union over every form that joined it), every form of its
# name with the number of articles that gave it (its display name is the most common full form: see
# display_name), and why each other form joined it.
_MERGE_ENTITY["Person"] = """
UNWIND $rows AS row
MERGE (n:Person {id: row.id})
ON CREATE SET n.name = row.name, n.name_en = row.name_en, n.translit = row.translit, n.country = row.country,
              n.aliases = row.aliases, n.curated = row.curated, n.keys = row.keys,
              n.forms = row.forms, n.form_articles = row.form_articles,
              n.rkey1 = row.keys[0], n.rkey2 = row.keys[1], n.joined = row.joined
ON MATCH SET n.aliases = n.aliases + [a IN row.aliases WHERE NOT a IN n.aliases],
             n.country = coalesce(n.country, row.country),
             n.name = CASE WHEN coalesce(n.curated, false) THEN n.name ELSE row.name END,
             n.translit = CASE WHEN coalesce(n.curated, false) THEN n.translit ELSE row.translit END,
             n.forms = row.forms, n.form_articles = row.form_articles,
             n.keys = coalesce(n.keys, []) + [k IN row.keys WHERE NOT k IN coalesce(n.keys, [])],
             n.joined = coalesce(n.joined, []) + [j IN row.joined WHERE NOT j IN coalesce(n.joined, [])]
"""

# Nodes whose look-up keys meet the batch's: the forms a new name may join (loader.resolve.resolve_people).
_PEOPLE_BY_KEY = """
UNWIND $keys AS key
CALL (key) {
  MATCH (p:Person {rkey1: key}) RETURN p
  UNION
  MATCH (p:Person {rkey2: key}) RETURN p
}
WITH DISTINCT p
RETURN p.id AS id, p.name AS name, p.aliases AS aliases, p.keys AS keys,
       coalesce(p.curated, false) AS curated, COUNT { (p)-[:MENTIONED_IN]->() } AS articles
ORDER BY id
"""
_PEOPLE_BY_ID = """
UNWIND $ids AS id MATCH (p:Person {id: id})
RETURN p.id AS id, p.name AS name, coalesce(p.forms, [p.name]) AS forms, coalesce(p.form_articles, [1]) AS counts
"""

_EXISTING_HASHES = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.content_hash AS hash"

_CREATE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article {id: row.id})
SET a += row.props
"""

# A changed article replaces what its previous version said: old links go, and meetings no other
# article reports go with them.
_REPLACE_ARTICLES = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
SET a += row.props
WITH a
OPTIONAL MATCH (a)<-[old:MENTIONED_IN]-()
DELETE old
WITH DISTINCT a
OPTIONAL MATCH (a)<-[report:REPORTED_IN]-(m:Meeting)
DELETE report
WITH DISTINCT m WHERE m IS NOT NULL AND NOT (m)-[:REPORTED_IN]->()
DETACH DELETE m
"""

_MENTIONS = {
    label: f"""
UNWIND $rows AS row
MATCH (a:Article {{id: row.article}})
MATCH (e:{label} {{id: row.entity}})
CREATE (e)-[:MENTIONED_IN {{count: row.count, starts: row.starts, ends: row.ends, form: row.form}}]->(a)
"""
    for label in ENTITY_LABELS.values()
}

# The title and the sentence span that first said so: «وزير الخارجية الروسي» in article X at 120–145.
_REPRESENTS = """
UNWIND $rows AS row
MATCH (p:Person {id: row.person})
MATCH (c:Country {iso2: row.iso2})
MERGE (p)-[r:REPRESENTS]->(c)
ON CREATE SET r.title = row.title, r.article = row.article, r.start = row.start, r.end = row.end
ON MATCH SET r.title = coalesce(r.title, row.title),
             r.article = CASE WHEN r.title IS NULL AND row.title IS NOT NULL THEN row.article ELSE r.article END,
             r.start = CASE WHEN r.title IS NULL AND row.title IS NOT NULL THEN row.start ELSE r.start END,
             r.end = CASE WHEN r.title IS NULL AND row.title IS NOT NULL THEN row.end ELSE r.end END
"""

_LOCATED_IN = """
UNWIND $rows AS row
MATCH (p:Place {id: row.place})
MATCH (c:Country {iso2: row.iso2})
MERGE (p)-[:LOCATED_IN]->(c)
"""

# Events of the graph the batch may report again: the candidates loader.resolve.group_meetings weighs (the
# same rule decides inside the batch and against the graph). Events written before their span of days was
# kept get one from their anchor and window.
_GRAPH_EVENTS = """
UNWIND $keys AS key
CALL (key) {
  MATCH (m:Meeting {kind_class: key[0], parties_key: key[1]}) RETURN m, false AS rejected
  UNION
  MATCH (m:RejectedMeeting {kind_class: key[0], parties_key: key[1]}) RETURN m, true AS rejected
}
RETURN m.id AS id, m.kind_class AS kind_class, m.parties_key AS parties_key, rejected,
       coalesce(m.lo, m.anchor - duration({days: coalesce(m.window, 0)})) AS lo,
       coalesce(m.hi, m.anchor + duration({days: coalesce(m.window, 0)})) AS hi
ORDER BY id
"""

# One row per real-world meeting of the batch, under the id resolution gave it (an existing event's, or a new
# deterministic one). Its span of possible days is the narrowed span of all its reports.
_MEETINGS = """
UNWIND $rows AS row
MERGE (m:Meeting {id: row.id})
ON CREATE SET m.type = row.type, m.cameo = row.cameo, m.kind_class = row.kind_class,
              m.parties_key = row.parties_key, m.lo = row.lo, m.hi = row.hi,
              m.date = row.date, m.date_text = row.date_text, m.date_precision = row.date_precision,
              m.period = row.period, m.status = row.status, m.topic = row.topic, m.name = row.name,
              m.title = row.title
ON MATCH SET m.lo = row.lo, m.hi = row.hi,
             m.date = coalesce(m.date, row.date), m.date_text = coalesce(m.date_text, row.date_text),
             m.date_precision = CASE WHEN m.date IS NULL THEN row.date_precision ELSE m.date_precision END,
             m.period = CASE WHEN m.date IS NULL AND row.date IS NULL THEN coalesce(m.period, row.period)
                             ELSE null END,
             m.status = CASE WHEN row.status = 'happened' THEN 'happened' ELSE m.status END,
             m.topic = coalesce(m.topic, row.topic), m.name = coalesce(m.name, row.name)
WITH m, row
UNWIND row.reports AS report
MATCH (a:Article {id: report.article})
MERGE (m)-[r:REPORTED_IN]->(a)
SET r.sentences = report.sentences, r.starts = report.starts, r.ends = report.ends, r.date_text = report.date_text
RETURN DISTINCT row.id AS group, m.id AS id
"""

_PARTICIPANTS = {
    label: f"""
UNWIND $rows AS row
MATCH (m:Meeting {{id: row.meeting}})
MATCH (e:{label} {{id: row.entity}})
MERGE (e)-[p:PARTICIPATED_IN]->(m)
SET p.initiator = coalesce(p.initiator, false) OR row.initiator
"""
    for label in ENTITY_LABELS.values()
}

_HELD_IN = {
    label: f"""
UNWIND $rows AS row
MATCH (m:Meeting {{id: row.meeting}})
MATCH (p:{label} {{id: row.place}})
MERGE (m)-[:HELD_IN]->(p)
"""
    for label in ("Place", "Organization")
}

_CONCERNS = """
UNWIND $rows AS row
MATCH (m:Meeting {id: row.meeting})
MATCH (c:Country {iso2: row.iso2})
MERGE (m)-[:CONCERNS]->(c)
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
    refused: list[tuple[Extraction, str]] = field(default_factory=list)  # articles Neo4j would not store, and why


class GraphWriter:
    def __init__(self, driver: Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def write(self, extractions: Iterable[Extraction]) -> WriteSummary:
        summary = WriteSummary()
        fresh, changed, summary.skipped = fresh_articles(extractions, self._existing_hashes)
        if fresh:
            try:
                self._write(fresh, changed, summary)
            except ClientError:
                # Neo4j refused the batch (a value it cannot store, a constraint): nothing of it was written.
                # Written one article at a time, the one poisoned article is reported and the others land.
                for extraction in fresh:
                    try:
                        self._write([extraction], changed & {extraction.article.id}, summary)
                    except ClientError as exc:
                        summary.refused.append((extraction, exc.message or str(exc)))
        return summary

    def _write(self, fresh: list[Extraction], changed: set[str], summary: WriteSummary) -> None:
        with self.driver.session(database=self.database) as session:
            counters = session.execute_write(write_batch, fresh, changed)
        summary.written += len(fresh)
        summary.nodes_created += counters["nodes"]
        summary.relationships_created += counters["relationships"]

    def _existing_hashes(self, ids: list[str]) -> dict[str, str]:
        records, _, _ = self.driver.execute_query(_EXISTING_HASHES, ids=ids, database_=self.database,
                                                  routing_="r")
        return {record["id"]: record["hash"] for record in records}


class GraphStore(Protocol):
    """Where write_batch's statements go: Neo4j (CypherStore), or memory for the bulk import (loader.bulk),
    which answers each of this module's statements the way Neo4j does. Records come back as dicts."""

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]: ...


class CypherStore:
    """Statements run in a Neo4j transaction, with the nodes and relationships they create counted."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self.tx = tx
        self.totals = {"nodes": 0, "relationships": 0}

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        result = self.tx.run(query, **params)
        records = [record.data() for record in result]
        counters = result.consume().counters
        self.totals["nodes"] += counters.nodes_created
        self.totals["relationships"] += counters.relationships_created
        return records


def fresh_articles(extractions: Iterable[Extraction], existing_hashes: Callable[[list[str]], dict[str, str]]
                   ) -> tuple[list[Extraction], set[str], int]:
    """What of a batch to write: each article once (the same article filed twice — ANT has ~930 such copies —
    loads once), unless the graph already holds it with the same content hash. Returns the articles to write,
    those among them the graph holds in an older version, and how many were skipped."""
    batch: list[Extraction] = []
    seen: set[str] = set()
    skipped = 0
    for extraction in extractions:
        if extraction.article.id in seen:
            skipped += 1
            continue
        seen.add(extraction.article.id)
        batch.append(extraction)
    if not batch:
        return [], set(), skipped
    existing = existing_hashes([e.article.id for e in batch])
    fresh = [e for e in batch if existing.get(e.article.id) != e.article.content_hash]
    return fresh, {e.article.id for e in fresh if e.article.id in existing}, skipped + len(batch) - len(fresh)


def write_batch(tx: ManagedTransaction | GraphStore, batch: list[Extraction], changed: set[str]
                ) -> dict[str, int]:
    """All statements for one batch of articles, inside one transaction (so a retry redoes it whole).
    `changed` names the articles already in the graph under an older content hash."""
    store = tx if hasattr(tx, "totals") else CypherStore(tx)  # type: ignore[arg-type]

    def run(query: str, **params: Any) -> list[dict[str, Any]]:
        if not next(iter(params.values())):
            return []  # nothing to write; an empty UNWIND still costs a round trip and a plan
        return store.run(query, **params)

    batch = _apply_corrections(store, batch)
    batch, joined, graph_forms = _resolve_people(store, batch, changed)
    labels: dict[str, str] = {}
    entities: dict[str, dict[str, dict[str, Any]]] = {label: {} for label in ENTITY_LABELS.values()}
    mentions: dict[str, list[dict[str, Any]]] = {label: [] for label in ENTITY_LABELS.values()}
    represents, located, articles = [], [], []
    for extraction in batch:
        article = extraction.article
        articles.append({"id": article.id, "props": {
            "title": article.title, "text": article.text, "published": article.published,
            "source": article.source, "url": article.url, "section": article.section,
            "byline": article.byline, "path": article.path, "content_hash": article.content_hash,
        }})
        for entity in extraction.entities:
            label = ENTITY_LABELS[entity.type]
            labels[entity.id] = label
            row = entities[label].setdefault(entity.id, {
                "id": entity.id, "name": entity.name, "name_en": entity.name_en, "translit": entity.translit,
                "aliases": [], "country": entity.country, "iso2": entity.country if label == "Country" else None,
                "keys": [], "curated": entity.curated, "joined": [],
                "counts": dict(graph_forms.get(entity.id, {})), "translits": {},
            })
            if label == "Person":
                row["keys"] = list(dict.fromkeys([*row["keys"], *entity.keys]))
                row["joined"] = sorted(set(row["joined"]) | joined.get(entity.id, set()))
                row["counts"][entity.name] = row["counts"].get(entity.name, 0) + 1
                row["translits"][entity.name] = entity.translit
            # Every spelling seen is kept, the article's own name for the entity included: another article's
            # node may already hold a different canonical spelling.
            row["aliases"] = sorted(set(row["aliases"]) | set(entity.aliases) | {entity.name})
            if entity.mentions:
                mentions[label].append({"article": article.id, "entity": entity.id, "form": entity.name,
                                        "count": len(entity.mentions),
                                        "starts": [m.start for m in entity.mentions],
                                        "ends": [m.end for m in entity.mentions]})
            if entity.country and label == "Person":
                title = entity.title
                represents.append({"person": entity.id, "iso2": entity.country, "article": article.id,
                                   "title": title.text if title else None, "start": title.start if title else None,
                                   "end": title.end if title else None})
            if entity.country and label == "Place":
                located.append({"place": entity.id, "iso2": entity.country})

    for row in entities["Person"].values():
        counts, translits = row.pop("counts"), row.pop("translits")
        row["forms"], row["form_articles"] = list(counts), list(counts.values())
        if not row["curated"]:
            row["name"] = display_name(counts)
            row["translit"] = translits.get(row["name"]) or transliterate(row["name"])
    # Articles are new or replaced, and their old links are gone: mentions and reports can be CREATEd.
    run(_REPLACE_ARTICLES, rows=[a for a in articles if a["id"] in changed])
    run(_CREATE_ARTICLES, rows=[a for a in articles if a["id"] not in changed])
    for label, rows in entities.items():
        if rows:
            run(_MERGE_ENTITY[label], rows=list(rows.values()))
    for label, rows in mentions.items():
        if rows:
            run(_MENTIONS[label], rows=rows)
    run(_REPRESENTS, rows=represents)
    run(_LOCATED_IN, rows=located)

    keys = sorted({(RESOLUTION_CLASS[m.type], parties_key(m)) for x in batch for m in x.meetings})
    events = run(_GRAPH_EVENTS, keys=[list(k) for k in keys])
    graph = [GraphEvent(r["id"], r["kind_class"], r["parties_key"], When(_day(r["lo"]), _day(r["hi"])))
             for r in events]
    # A report of an event an analyst rejected joins it, and so stays out of the graph with it.
    rejected_events = {r["id"] for r in events if r["rejected"]}
    groups = group_meetings(batch, graph)
    # A report of a meeting an analyst merged into another joins that one.
    merged = correction_rules(store, sorted({g.id for g in groups}))  # type: ignore[arg-type]
    groups = [replace(g, id=merged.moves.get(g.id, g.id)) for g in groups
              if g.id not in rejected_events and g.id not in merged.rejected]
    names = {e.id: e.name for extraction in batch for e in extraction.entities}
    resolved = {r["group"]: r["id"] for r in run(_MEETINGS, rows=[_meeting_row(g, names) for g in groups])}
    participants: dict[str, list[dict[str, Any]]] = {label: [] for label in ENTITY_LABELS.values()}
    held: dict[str, list[dict[str, Any]]] = {"Place": [], "Organization": []}
    concerns = []
    for group in groups:
        meeting_id = resolved[group.id]
        for report in group.reports:
            meeting = report.meeting
            for entity_id in meeting.participants:
                participants[labels[entity_id]].append(
                    {"meeting": meeting_id, "entity": entity_id, "initiator": entity_id == meeting.initiator})
            if meeting.place and labels.get(meeting.place) in held:
                held[labels[meeting.place]].append({"meeting": meeting_id, "place": meeting.place})
            if meeting.topic:
                concerns.append({"meeting": meeting_id, "iso2": meeting.topic})
    for label, rows in participants.items():
        if rows:
            run(_PARTICIPANTS[label], rows=rows)
    for label, rows in held.items():
        if rows:
            run(_HELD_IN[label], rows=rows)
    run(_CONCERNS, rows=concerns)
    enforce_participants(store.tx if isinstance(store, CypherStore) else store,  # type: ignore[arg-type]
                         sorted(set(resolved.values())))
    run(_RECOUNT, ids=sorted(set(resolved.values())))
    return dict(store.totals)  # type: ignore[attr-defined]


def _apply_corrections(tx: GraphStore, batch: list[Extraction]) -> list[Extraction]:
    """The analysts' corrections as rules (loader.corrections), in every article loaded after the correction as
    before it: names split off a node go to the new node; a node given another kind keeps it; a merged node's
    other ids become the kept one's; rejected entities are left out."""
    found = correction_rules(tx, sorted({e.id for x in batch for e in x.entities}))  # type: ignore[arg-type]
    if not found:
        return batch
    splits = [(s.source, s.new_id, s.names) for s in found.splits]
    batch = [split_names(extraction, splits) for extraction in batch]
    if splits:  # what analysts decided later about the new nodes (merged, rejected, retyped) applies too
        later = correction_rules(tx, sorted({e.id for x in batch for e in x.entities}  # type: ignore[arg-type]
                                            - {s[0] for s in splits}))
        found = Rules({**found.moves, **later.moves}, found.rejected | later.rejected,
                      {**found.retyped, **later.retyped}, found.splits)
    return [drop_entities(move_people(retype_entities(extraction, found.retyped), found.moves), found.rejected)
            for extraction in batch]


# The name forms changed articles gave before: a reloaded article's forms are counted once, not twice.
_OLD_FORMS = """
UNWIND $ids AS id MATCH (p:Person)-[r:MENTIONED_IN]->(:Article {id: id}) WHERE r.form IS NOT NULL
RETURN p.id AS id, r.form AS form
"""


def _resolve_people(tx: GraphStore, batch: list[Extraction], changed: set[str] = frozenset()  # type: ignore[assignment]
                    ) -> tuple[list[Extraction], dict[str, set[str]], dict[str, dict[str, int]]]:
    """The batch with every person that is another node's longer or shorter name moved to that node; for each
    node the forms that joined it («عمر البشير ~ عمر حسن البشير»); and, for every person of the batch already in
    the graph, the forms of its name with their article counts."""
    people: dict[str, KnownPerson] = {}
    for extraction in batch:
        for entity in extraction.entities:
            if entity.type != "Person":
                continue
            known = people.setdefault(entity.id, KnownPerson(entity.id, [], [], entity.curated, False))
            known.articles += 1
            # Only the full name an article gives: an alias such as «كيم يونغ» would bridge to other people.
            words = name_words(entity.name)
            if words and words not in known.names:
                known.names.append(words)
            known.keys = list(dict.fromkeys([*known.keys, *entity.keys]))
    in_graph = {r["id"]: dict(zip(r["forms"], r["counts"], strict=False))
                for r in tx.run(_PEOPLE_BY_ID, ids=sorted(people))}
    for record in tx.run(_OLD_FORMS, ids=sorted(changed)) if changed else []:
        counts = in_graph.get(record["id"])
        if counts and counts.get(record["form"], 0) > 0:
            counts[record["form"]] -= 1
            if not counts[record["form"]]:
                del counts[record["form"]]
    for person_id in in_graph:
        people[person_id].in_graph = True
    keys = sorted({key for person in people.values() for key in person.keys})
    if not keys:
        return batch, {}, in_graph
    graph = [KnownPerson(r["id"], [name_words(r["name"])], list(r["keys"] or []), r["curated"], True,
                         r["articles"])
             for r in tx.run(_PEOPLE_BY_KEY, keys=keys)]
    moves, ambiguous = resolve_people(list(people.values()), graph)
    if not moves and not ambiguous:
        return batch, {}, in_graph
    joined: dict[str, set[str]] = {}
    for moved, (target, reason) in moves.items():
        joined.setdefault(target, set()).add(f"{moved}: {reason}")
    moved_batch = [scope_people(move_people(extraction, {m: t for m, (t, _) in moves.items()}), ambiguous)
                   for extraction in batch]
    return moved_batch, joined, in_graph


def _day(value: Any) -> date | None:
    return value.to_native() if hasattr(value, "to_native") else value


def _meeting_row(group: MeetingGroup, names: dict[str, str]) -> dict[str, Any]:
    first = group.first
    # A date with the words that gave it, when a report has them: whichever batch the reports arrive in.
    dated = next((r.meeting for r in group.reports if r.meeting.date is not None and r.meeting.date_text),
                 next((r.meeting for r in group.reports if r.meeting.date is not None), None))
    happened = any(r.meeting.status == "happened" for r in group.reports)
    period = next((r.meeting.period for r in group.reports if r.meeting.period), None)
    kind = group.type
    return {
        "id": group.id, "kind_class": group.kind_class, "parties_key": group.parties_key,
        "lo": group.when.lo, "hi": group.when.hi, "type": kind, "cameo": CAMEO[kind],
        "date": dated.date if dated else None,
        "date_text": dated.date_text if dated else None,
        "date_precision": "day" if dated else ("month" if period and "-" in period else "year") if period else None,
        "period": None if dated else period,
        "status": "happened" if happened else "planned",
        "topic": next((r.meeting.topic for r in group.reports if r.meeting.topic), None),
        "name": first.name,
        "title": " – ".join(names.get(p, p) for p in first.participants) or first.name,
        "reports": _reports_by_article(group),
    }


def _reports_by_article(group: MeetingGroup) -> list[dict[str, Any]]:
    """One REPORTED_IN link per article, carrying every sentence of that article about the meeting."""
    by_article: dict[str, dict[str, Any]] = {}
    for report in group.reports:
        row = by_article.setdefault(report.article, {"article": report.article, "spans": set(), "date_text": None})
        row["spans"] |= {(span.start, span.end, span.text) for span in report.meeting.evidence}
        row["date_text"] = row["date_text"] or report.meeting.date_text
    rows = []
    for row in by_article.values():
        spans = sorted(row.pop("spans"))
        rows.append({**row, "starts": [s[0] for s in spans], "ends": [s[1] for s in spans],
                     "sentences": [s[2] for s in spans]})
    return rows
