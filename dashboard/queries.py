"""Read-only queries the dashboard makes; every one runs in a READ transaction."""

from __future__ import annotations

from typing import Any

from neo4j import Driver, ManagedTransaction, unit_of_work

from loader.document import ID_PREFIXES
from newsgraph.saved_queries import query_timeout

# The relationships the canvas draws (articles and mentions stay in the details panel).
CANVAS_TYPES = "PARTICIPATED_IN|HELD_IN|LOCATED_IN|REPRESENTS|CONCERNS"

# Node ids carry their kind as a prefix; labels come from this whitelist, never from the request.
ID_PREFIX_LABELS = {prefix: label for label, prefix in ID_PREFIXES.items()}
NODE = {label: f"MATCH (n:{label} {{id: $id}}) RETURN n" for label in ID_PREFIX_LABELS.values()}

MEETING_REPORTS = """
MATCH (m:Meeting {id: $id})-[r:REPORTED_IN]->(a:Article)
RETURN a.id AS article, a.title AS title, a.source AS source, a.published AS published, a.url AS url,
       r.sentences AS sentences, r.starts AS starts
ORDER BY a.published, a.id
"""

MEETING_PARTICIPANTS = """
MATCH (e)-[p:PARTICIPATED_IN]->(m:Meeting {id: $id})
RETURN e.id AS id, e.name AS name, e.name_en AS name_en, p.initiator AS initiator
"""

MEETING_CONTEXT = """
MATCH (m:Meeting {id: $id})
OPTIONAL MATCH (m)-[:HELD_IN]->(place:Place)
OPTIONAL MATCH (m)-[:CONCERNS]->(topic)
RETURN collect(DISTINCT place.name) AS places, collect(DISTINCT coalesce(topic.name, topic.id)) AS topics
"""

MENTION_SPANS = """
UNWIND $articles AS article
MATCH (x)-[mention:MENTIONED_IN]->(:Article {id: article})
RETURN article, x.id AS id, coalesce(x.name, x.id) AS name, x.name_en AS name_en, labels(x)[0] AS label,
       mention.starts AS starts, mention.ends AS ends
"""

ROLES = """
MATCH (p:Person {id: $id})-[r:REPRESENTS]->(c)
RETURN r.title AS title, c.id AS id, c.name AS name, c.name_en AS name_en
"""

ENTITY_MEETINGS = {
    label: f"""
MATCH (e:{label} {{id: $id}}){'<-[:HELD_IN]-' if label == 'Place' else '-[:PARTICIPATED_IN]->'}(m:Meeting)
OPTIONAL MATCH (other)-[:PARTICIPATED_IN]->(m) WHERE other <> e
RETURN m.id AS id, m.type AS type, m.date AS date, coalesce(m.title, m.name) AS name,
       m.article_count AS article_count, collect(coalesce(other.name, other.id)) AS others
ORDER BY m.date
"""
    for label in ID_PREFIX_LABELS.values()
}


def _read(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    """One of the explorer's own queries, in a managed READ transaction with the query time limit
    (NEWSGRAPH_QUERY_TIMEOUT), so no view, however large, holds the server for longer."""
    @unit_of_work(timeout=query_timeout())
    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        return [dict(record) for record in tx.run(query, **params)]

    with driver.session(database=database, default_access_mode="READ") as session:
        return session.execute_read(work)


def _props(node: Any) -> dict[str, Any]:
    return {key: _plain(value) for key, value in dict(node).items()}


def _plain(value: Any) -> Any:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def node_details(driver: Driver, database: str, node_id: str) -> dict[str, Any] | None:
    label = ID_PREFIX_LABELS.get(node_id.partition(":")[0])
    rows = _read(driver, database, NODE[label], id=node_id) if label else []
    if not rows:
        return None
    details: dict[str, Any] = {"label": label, "properties": _props(rows[0]["n"])}
    if label == "Meeting":
        details["participants"] = _read(driver, database, MEETING_PARTICIPANTS, id=node_id)
        context = _read(driver, database, MEETING_CONTEXT, id=node_id)
        details["places"] = context[0]["places"] if context else []
        details["topics"] = context[0]["topics"] if context else []
        details["reports"] = [
            {**row, "published": _plain(row["published"])}
            for row in _read(driver, database, MEETING_REPORTS, id=node_id)
        ]
        spans: dict[str, list[dict[str, Any]]] = {}
        for row in _read(driver, database, MENTION_SPANS, articles=[r["article"] for r in details["reports"]]):
            spans.setdefault(row.pop("article"), []).append(row)
        for report in details["reports"]:
            report["mentions"] = spans.get(report["article"], [])
    else:
        details["roles"] = _read(driver, database, ROLES, id=node_id) if label == "Person" else []
        details["meetings"] = [
            {**row, "date": _plain(row["date"])} for row in _read(driver, database, ENTITY_MEETINGS[label], id=node_id)
        ]
    return details


# The Arabic analyzer stems («بوتين» → «بوت»), so short names that share the stem can outscore the person
# meant. Among the best hits, names that contain the typed text literally come first, and the rest are
# weighed by how many meetings the entity takes part in.
SEARCH = """
CALL db.index.fulltext.queryNodes('entity_names', $text) YIELD node, score
WHERE $label IS NULL OR $label IN labels(node)
WITH node, score LIMIT 60
WITH node, score,
     CASE WHEN node.name CONTAINS $raw OR any(alias IN coalesce(node.aliases, []) WHERE alias CONTAINS $raw)
               OR toLower(coalesce(node.name_en, '')) CONTAINS toLower($raw) THEN 2.0 ELSE 1.0 END AS literal,
     COUNT { (node)--(:Meeting) } AS meetings
RETURN node.id AS id, node.name AS name, node.name_en AS name_en, labels(node)[0] AS label,
       score * literal * (1 + log10(1 + meetings)) AS score
ORDER BY score DESC, meetings DESC LIMIT $limit
"""

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
_LUCENE_OPERATORS = {"AND", "OR", "NOT"}


def lucene_terms(text: str) -> str:
    """The typed text as a Lucene query: special characters escaped, the last word also as a prefix.

    A whole word goes through the Arabic analyzer (so «اردوغان» finds «أردوغان»); a prefix does not,
    which is why the last word is searched both ways.
    """
    words = ["".join("\\" + ch if ch in _LUCENE_SPECIAL else ch for ch in word) for word in text.split()]
    # AND, OR and NOT in capitals are operators to Lucene («Putin OR» would not parse); lower case they are words.
    words = [w.lower() if w in _LUCENE_OPERATORS else w for w in words if w]
    if not words:
        return ""
    last = f"({words[-1]} OR {words[-1]}*)" if len(words[-1]) > 1 else words[-1]
    return " AND ".join([*words[:-1], last])


# Analysts' notes (newsgraph/notes.py) are searched with the same analyzer: a hit is the node the note is about,
# with the note's text, best note first. Labels are the whitelist's; a rejected node (another label) is left out.
NOTE_SEARCH = """
CALL db.index.fulltext.queryNodes('note_texts', $text) YIELD node AS note, score
MATCH (note)-[:ABOUT]->(n)
WHERE any(label IN labels(n) WHERE label IN $labels)
WITH n, note, score ORDER BY score DESC
WITH n, collect(note)[0] AS note, max(score) AS score
RETURN n.id AS id, coalesce(n.name, n.title, n.type, n.id) AS name, n.name_en AS name_en,
       [label IN labels(n) WHERE label IN $labels][0] AS label, note.id AS note_id, note.text AS note, score
ORDER BY score DESC, id LIMIT $limit
"""


def note_hits(driver: Driver, database: str, text: str, limit: int = 12) -> list[dict[str, Any]]:
    """Nodes whose analyst notes match the text, each with its best matching note (`note`, `note_id`)."""
    query = lucene_terms(text)
    return _read(driver, database, NOTE_SEARCH, text=query, labels=list(ID_PREFIX_LABELS.values()),
                 limit=limit) if query else []


def search_entities(driver: Driver, database: str, text: str, limit: int = 12,
                    label: str | None = None) -> list[dict[str, Any]]:
    """Full-text search over names, aliases, English names and transliterations (Arabic analyzer: hamza,
    alef forms and diacritics do not matter), then over analysts' notes: a node found by a note comes after the
    names, carries the note's text in `note`, and takes up to a third of the places (at least three).
    `label` keeps one kind of node. The one entity search of the dashboard: the explorer's box and the saved
    queries' entity parameters both use it."""
    query = lucene_terms(text)
    if not query or (label is not None and label not in ID_PREFIX_LABELS.values()):
        return []
    by_name = _read(driver, database, SEARCH, text=query, raw=text.strip(), limit=limit, label=label)
    named = {hit["id"] for hit in by_name}
    by_note = [hit for hit in note_hits(driver, database, text, limit=limit) if hit["id"] not in named
               and (label is None or hit["label"] == label)]
    by_note = by_note[:min(limit, max(3, limit // 3))]
    return by_name[:max(0, limit - len(by_note))] + by_note


SUBGRAPH_NODES = {label: f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n"
                  for label in ID_PREFIX_LABELS.values()}
SUBGRAPH_EDGES = {
    label: f"""
UNWIND $ids AS id
MATCH (a:{label} {{id: id}})-[r:{CANVAS_TYPES}]->(b)
WHERE b.id IN $all
RETURN a.id AS source, type(r) AS type, b.id AS target
"""
    for label in ID_PREFIX_LABELS.values()
}
MAX_SENT_NODES = 300




# ---- The explorer canvas (dashboard.canvas): expansions, meeting closures, paths, links among nodes ----

# Undated meetings (about half of those extracted from news) pass or not by the analyst's explicit choice
# ($undated), whatever the date range: a range never silently drops them.
MEETING_FILTER = """m.type IN $types AND CASE WHEN m.date IS NULL THEN $undated
ELSE ($start IS NULL OR m.date >= $start) AND ($end IS NULL OR m.date <= $end) END"""

# An entity's meetings, the most reported first, one page at a time; the total says whether there are more.
EXPANSION_MEETINGS = {
    label: f"""
MATCH (x:{label} {{id: $id}})
CALL (x) {{
  MATCH (x){pattern}(m:Meeting) WHERE {MEETING_FILTER} RETURN m
}}
WITH DISTINCT m ORDER BY coalesce(m.article_count, 0) DESC, m.date DESC, m.id
WITH collect(m.id) AS found
RETURN found[$skip..$skip + $limit] AS ids, size(found) AS total
"""
    for label, pattern in {
        "Person": "-[:PARTICIPATED_IN]->",
        "Organization": "-[:PARTICIPATED_IN]->",
        "Country": "-[:PARTICIPATED_IN|CONCERNS]-",
        "Place": "<-[:HELD_IN]-",
    }.items()
}

# A meeting shown on the canvas brings its parties, its place and what it concerns.
MEETING_CLOSURE = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})-[r:PARTICIPATED_IN|HELD_IN|CONCERNS]-(n)
RETURN m.id AS meeting, n.id AS other, type(r) AS type, startNode(r) = m AS outgoing
"""

# Who a person speaks for, and where a place is.
DIRECT_LINKS = """
UNWIND $ids AS id
MATCH (a {id: id})-[r:REPRESENTS|LOCATED_IN]->(b)
WHERE (a:Person OR a:Place)
RETURN a.id AS source, type(r) AS type, b.id AS target
"""

TOP_MEETINGS = f"""
MATCH (m:Meeting) WHERE {MEETING_FILTER}
RETURN m.id AS id ORDER BY coalesce(m.article_count, 0) DESC, m.date DESC, m.id LIMIT $limit
"""

SHORTEST_PATHS = {
    (a, b): f"""
MATCH (a:{a} {{id: $a}}), (b:{b} {{id: $b}})
MATCH p = allShortestPaths((a)-[:{CANVAS_TYPES}*..$max_hops]-(b))
WHERE all(m IN nodes(p) WHERE NOT m:Meeting OR ({MEETING_FILTER}))
  AND all(n IN nodes(p) WHERE any(label IN labels(n) WHERE label IN $labels) AND NOT n.id IN $hidden)
RETURN [n IN nodes(p) | n.id] AS nodes,
       [r IN relationships(p) | [startNode(r).id, type(r), endNode(r).id]] AS links
LIMIT $limit
"""
    for a in ID_PREFIX_LABELS.values() for b in ID_PREFIX_LABELS.values()
}

# The span of meeting dates: the extremes, the months that bound the bulk of them (a few meetings carry
# historical dates), and how many meetings have no date.
MEETING_DATES = """
MATCH (m:Meeting) WHERE m.date IS NOT NULL
WITH m.date.year * 12 + m.date.month - 1 AS month, m.date AS day
WITH min(day) AS first, max(day) AS last, percentileDisc(month, $low) AS low, percentileDisc(month, $high) AS high,
     count(*) AS dated
RETURN first, last, low, high, dated, COUNT { MATCH (u:Meeting) WHERE u.date IS NULL } AS undated
"""


def label_of(node_id: str) -> str | None:
    return ID_PREFIX_LABELS.get(node_id.partition(":")[0])


def expansion_meetings(driver: Driver, database: str, node_id: str, skip: int, limit: int,
                       meeting_filter: dict[str, Any]) -> tuple[list[str], int]:
    """One page of an entity's meetings (most reported first) and how many there are in all."""
    label = label_of(node_id)
    if label not in EXPANSION_MEETINGS:
        return [], 0
    rows = _read(driver, database, EXPANSION_MEETINGS[label], id=node_id, skip=skip, limit=limit, **meeting_filter)
    return (rows[0]["ids"], rows[0]["total"]) if rows else ([], 0)


def meeting_closure(driver: Driver, database: str, meeting_ids: list[str]) -> list[dict[str, Any]]:
    return _read(driver, database, MEETING_CLOSURE, ids=meeting_ids) if meeting_ids else []


def direct_links(driver: Driver, database: str, ids: list[str]) -> list[dict[str, Any]]:
    return _read(driver, database, DIRECT_LINKS, ids=ids) if ids else []


def top_meetings(driver: Driver, database: str, limit: int, meeting_filter: dict[str, Any]) -> list[str]:
    return [row["id"] for row in _read(driver, database, TOP_MEETINGS, limit=limit, **meeting_filter)]


def shortest_paths(driver: Driver, database: str, start: str, end: str, meeting_filter: dict[str, Any],
                   labels: list[str], hidden: list[str], max_hops: int = 8,
                   limit: int = 10) -> list[dict[str, Any]]:
    """All shortest paths (at most `limit`, at most `max_hops` links) over the canvas relationships, through
    nodes the view lets through: meetings passing its filter, allowed labels, nothing hidden."""
    key = (label_of(start), label_of(end))
    if key not in SHORTEST_PATHS or start == end:
        return []
    # Cypher cannot take a variable-length bound as a parameter; max_hops is an int we control.
    query = SHORTEST_PATHS[key].replace("$max_hops", str(int(max_hops)))
    return _read(driver, database, query, a=start, b=end, limit=limit, labels=labels, hidden=hidden,
                 **meeting_filter)


def links_among(driver: Driver, database: str, ids: list[str]) -> list[dict[str, str]]:
    """Every canvas relationship whose two ends are both among `ids`."""
    edges: list[dict[str, str]] = []
    by_label: dict[str, list[str]] = {}
    for node_id in ids:
        label = label_of(node_id)
        if label:
            by_label.setdefault(label, []).append(node_id)
    for label, group in by_label.items():
        edges += _read(driver, database, SUBGRAPH_EDGES[label], ids=group, all=ids)
    return edges


def nodes_by_id(driver: Driver, database: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Node properties (plain values) with their label, for the ids that exist."""
    by_label: dict[str, list[str]] = {}
    for node_id in ids:
        label = label_of(node_id)
        if label:
            by_label.setdefault(label, []).append(node_id)
    nodes: dict[str, dict[str, Any]] = {}
    for label, group in by_label.items():
        for row in _read(driver, database, SUBGRAPH_NODES[label], ids=group):
            props = _props(row["n"])
            props.pop("text", None)
            nodes[props["id"]] = {"label": label, **props}
    return nodes


def meeting_date_span(driver: Driver, database: str, bulk: float = 0.90) -> dict[str, Any]:
    """first/last: the earliest and latest meeting dates; low/high: the months (YYYY-MM) between which the
    central `bulk` share of dated meetings lie; dated/undated: how many meetings have a date, and have none."""
    tail = (1 - bulk) / 2
    rows = _read(driver, database, MEETING_DATES, low=tail, high=1 - tail)
    if not rows or rows[0]["first"] is None:
        undated = _read(driver, database, "MATCH (m:Meeting) WHERE m.date IS NULL RETURN count(m) AS n")
        return {"first": None, "last": None, "low": None, "high": None, "dated": 0,
                "undated": undated[0]["n"] if undated else 0}
    row = rows[0]

    def month(index: int) -> str:
        return f"{index // 12:04d}-{index % 12 + 1:02d}"

    return {"first": _plain(row["first"]), "last": _plain(row["last"]), "low": month(row["low"]),
            "high": month(row["high"]), "dated": row["dated"], "undated": row["undated"]}


# ---- What analysts changed (loader.corrections), told apart from what was extracted ----

CORRECTED_NODES = """
MATCH (c:Correction) WHERE NOT coalesce(c.undone, false) AND any(t IN c.result WHERE t IN $ids)
UNWIND [t IN c.result WHERE t IN $ids] AS id
RETURN id, collect(DISTINCT c.kind) AS kinds
"""
ANALYST_LINKS = """
UNWIND $ids AS id
MATCH (e)-[r:PARTICIPATED_IN]->(m:Meeting {id: id}) WHERE r.added_by IS NOT NULL
RETURN e.id AS source, m.id AS target, r.added_by AS user, r.note AS note
"""


def corrected_nodes(driver: Driver, database: str, ids: list[str]) -> dict[str, list[str]]:
    """For the nodes among `ids` that analysts corrected, the kinds of correction (merge, edit, split, …)."""
    return {row["id"]: sorted(row["kinds"]) for row in _read(driver, database, CORRECTED_NODES, ids=ids)}


def analyst_links(driver: Driver, database: str, meetings: list[str]) -> dict[tuple[str, str, str], str]:
    """The participations analysts added to these meetings: (source, type, target) → who added it."""
    return {(row["source"], "PARTICIPATED_IN", row["target"]): row["user"]
            for row in _read(driver, database, ANALYST_LINKS, ids=meetings)}
