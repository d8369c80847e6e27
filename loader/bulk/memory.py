"""The graph in memory, answering loader.write's statements the way Neo4j does.

The bulk path (loader.bulk) runs the online loader's own write_batch against this store, batch by batch in the
same order, so people and meetings are resolved across articles exactly as the online loader resolves them; the
result is then written as CSV for Neo4j's offline importer. Every statement loader.write (and the correction
rules it reads) can send has a handler here; an unknown one is an error, never silently ignored.

Cypher semantics kept: SET evaluates every right-hand side before assigning any; setting null removes a
property; MERGE creates once; a MATCH that finds nothing makes its row do nothing.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from loader import corrections, write

Props = dict[str, Any]
Handler = Callable[..., list[dict[str, Any]]]


def _set(props: Props, updates: Props) -> None:
    """SET n.k = v for each item: null removes the property."""
    for key, value in updates.items():
        if value is None:
            props.pop(key, None)
        else:
            props[key] = value


def _appended(current: list[Any] | None, new: list[Any]) -> list[Any]:
    """`n.x + [a IN new WHERE NOT a IN n.x]` (coalesce(n.x, []) where the statement says so)."""
    current = list(current or [])
    return current + [item for item in new if item not in current]


class TextSpool:
    """Article texts on disk, not in memory: a million articles' texts would not fit, and nothing but the import
    file reads them. A replaced text is appended again; the old bytes stay unread."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the store
        self.places: dict[str, tuple[int, int]] = {}

    def put(self, key: str, text: str) -> None:
        data = text.encode("utf-8")
        self.file.seek(0, 2)
        self.places[key] = (self.file.tell(), len(data))
        self.file.write(data)

    def get(self, key: str) -> str | None:
        place = self.places.get(key)
        if place is None:
            return None
        self.file.seek(place[0])
        return self.file.read(place[1]).decode("utf-8")


class MemoryStore:
    """Nodes by label and id; relationships by their ends. Only what loader.write creates. Article texts wait
    on disk (`article`, `texts`)."""

    def __init__(self) -> None:
        self.texts = TextSpool()
        self.totals = {"nodes": 0, "relationships": 0}
        self.nodes: dict[str, dict[str, Props]] = {label: {} for label in (*write.ENTITY_LABELS, "Article",
                                                                            "Meeting")}
        self.country_by_iso2: dict[str, str] = {}
        self.people_by_key: dict[str, set[str]] = defaultdict(set)  # rkey1 and rkey2 → person ids
        self.meetings_by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        # (entity label, entity id, article id) → props; and each entity's count of mention links
        self.mentions: dict[str, dict[tuple[str, str], Props]] = defaultdict(dict)  # article → (label, id) → props
        self.mention_links: dict[tuple[str, str], int] = defaultdict(int)
        self.represents: dict[tuple[str, str], Props] = {}  # (person, country id)
        self.located: set[tuple[str, str]] = set()  # (place, country id)
        self.reports: dict[str, dict[str, Props]] = defaultdict(dict)  # meeting → article → props
        self.reported: dict[str, set[str]] = defaultdict(set)  # article → meetings
        self.participants: dict[str, dict[tuple[str, str], Props]] = defaultdict(dict)  # meeting → (label, id)
        self.held: dict[str, set[tuple[str, str]]] = defaultdict(set)  # meeting → (label, place)
        self.concerns: dict[str, set[str]] = defaultdict(set)  # meeting → country id
        self.handlers: dict[str, Handler] = {
            write._EXISTING_HASHES: self._existing_hashes,
            write._PEOPLE_BY_ID: self._people_by_id,
            write._OLD_FORMS: self._old_forms,
            write._PEOPLE_BY_KEY: self._people_by_key,
            write._REPLACE_ARTICLES: self._replace_articles,
            write._CREATE_ARTICLES: self._create_articles,
            write._REPRESENTS: self._merge_represents,
            write._LOCATED_IN: self._merge_located,
            write._GRAPH_EVENTS: self._graph_events,
            write._MEETINGS: self._merge_meetings,
            write._CONCERNS: self._merge_concerns,
            write._RECOUNT: self._recount,
        }
        for label in write.ENTITY_LABELS:
            self.handlers[write._MERGE_ENTITY[label]] = self._entity_merger(label)
            self.handlers[write._MENTIONS[label]] = self._mention_maker(label)
            self.handlers[write._PARTICIPANTS[label]] = self._participant_merger(label)
        for label in write._HELD_IN:
            self.handlers[write._HELD_IN[label]] = self._held_in_merger(label)

    def run(self, query: str, **params: Any) -> list[dict[str, Any]]:
        if query.startswith(corrections._ACTIVE):
            return []  # a new database holds no corrections (`curate import` applies them afterwards)
        handler = self.handlers.get(query)
        if handler is None:
            raise NotImplementedError(f"the bulk store has no twin for this statement:\n{query}")
        return handler(**params)

    # -- helpers ----------------------------------------------------------------------------------

    def _create(self, label: str, node_id: str, props: Props) -> Props:
        node: Props = {"id": node_id}
        _set(node, props)
        self.nodes[label][node_id] = node
        self.totals["nodes"] += 1
        return node

    def _country(self, iso2: str | None) -> str | None:
        return self.country_by_iso2.get(iso2) if iso2 else None

    def _detach_meeting(self, meeting_id: str) -> None:
        node = self.nodes["Meeting"].pop(meeting_id)
        self.meetings_by_key[(node.get("kind_class"), node.get("parties_key"))].discard(meeting_id)
        for article in self.reports.pop(meeting_id, {}):
            self.reported[article].discard(meeting_id)
        self.participants.pop(meeting_id, None)
        self.held.pop(meeting_id, None)
        self.concerns.pop(meeting_id, None)

    # -- reads ------------------------------------------------------------------------------------

    def _existing_hashes(self, ids: list[str]) -> list[dict[str, Any]]:
        articles = self.nodes["Article"]
        return [{"id": i, "hash": articles[i].get("content_hash")} for i in ids if i in articles]

    def _people_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        people = self.nodes["Person"]
        return [{"id": i, "name": people[i].get("name"),
                 "forms": people[i].get("forms", [people[i].get("name")]),
                 "counts": people[i].get("form_articles", [1])} for i in ids if i in people]

    def _old_forms(self, ids: list[str]) -> list[dict[str, Any]]:
        return [{"id": entity, "form": props["form"]} for article in ids
                for (label, entity), props in self.mentions.get(article, {}).items()
                if label == "Person" and props.get("form") is not None]

    def _people_by_key(self, keys: list[str]) -> list[dict[str, Any]]:
        people = self.nodes["Person"]
        found = sorted({i for key in keys for i in self.people_by_key.get(key, ())})
        return [{"id": i, "name": people[i].get("name"), "aliases": people[i].get("aliases"),
                 "keys": people[i].get("keys"), "curated": people[i].get("curated", False),
                 "articles": self.mention_links[("Person", i)]} for i in found]

    def _graph_events(self, keys: list[list[str]]) -> list[dict[str, Any]]:
        meetings = self.nodes["Meeting"]
        found = sorted({i for kind, parties in keys for i in self.meetings_by_key.get((kind, parties), ())})
        return [{"id": i, "kind_class": meetings[i].get("kind_class"), "parties_key": meetings[i].get("parties_key"),
                 "rejected": False, "lo": meetings[i].get("lo"), "hi": meetings[i].get("hi")} for i in found]

    # -- articles ---------------------------------------------------------------------------------

    def _create_articles(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            if row["id"] in self.nodes["Article"]:
                raise ValueError(f"article {row['id']} already exists")  # Neo4j's uniqueness constraint
            self._create("Article", row["id"], self._spooled(row["id"], row["props"]))
        return []

    def _spooled(self, article_id: str, props: Props) -> Props:
        """The properties without the text, which goes to the spool (a null text removes it, as SET does)."""
        if "text" not in props:
            return props
        props = dict(props)
        text = props.pop("text")
        if text is None:
            self.texts.places.pop(article_id, None)
        else:
            self.texts.put(article_id, text)
        return props

    def article(self, article_id: str) -> Props:
        """An article's properties with its text."""
        props = dict(self.nodes["Article"][article_id])
        text = self.texts.get(article_id)
        if text is not None:
            props["text"] = text
        return props

    def _replace_articles(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            article = self.nodes["Article"].get(row["id"])
            if article is None:
                continue
            _set(article, self._spooled(row["id"], row["props"]))
            for key in self.mentions.pop(row["id"], {}):
                self.mention_links[key] -= 1
            for meeting in sorted(self.reported.pop(row["id"], set())):
                self.reports[meeting].pop(row["id"], None)
                if not self.reports[meeting]:
                    self._detach_meeting(meeting)
        return []

    # -- entities ---------------------------------------------------------------------------------

    def _entity_merger(self, label: str) -> Handler:
        def merge(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                node = self.nodes[label].get(row["id"])
                if node is None:
                    created = {key: row.get(key) for key in ("name", "name_en", "translit", "country", "aliases")}
                    if label == "Person":
                        keys = row["keys"]
                        created.update({"curated": row["curated"], "keys": keys, "forms": row["forms"],
                                        "form_articles": row["form_articles"], "joined": row["joined"],
                                        "rkey1": keys[0] if len(keys) > 0 else None,
                                        "rkey2": keys[1] if len(keys) > 1 else None})
                    else:
                        created["iso2"] = row.get("iso2")
                    node = self._create(label, row["id"], created)
                    if label == "Country" and node.get("iso2"):
                        self.country_by_iso2[node["iso2"]] = row["id"]
                    for key in (node.get("rkey1"), node.get("rkey2")):
                        if key is not None:
                            self.people_by_key[key].add(row["id"])
                    continue
                updates: Props = {"aliases": _appended(node.get("aliases"), row["aliases"]),
                                  "country": node.get("country") if node.get("country") is not None
                                  else row.get("country")}
                if label == "Person":
                    curated = bool(node.get("curated", False))
                    updates.update({
                        "name": node.get("name") if curated else row["name"],
                        "translit": node.get("translit") if curated else row["translit"],
                        "forms": row["forms"], "form_articles": row["form_articles"],
                        "keys": _appended(node.get("keys"), row["keys"]),
                        "joined": _appended(node.get("joined"), row["joined"])})
                _set(node, updates)
            return []
        return merge

    def _mention_maker(self, label: str) -> Handler:
        def create(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                if row["article"] not in self.nodes["Article"] or row["entity"] not in self.nodes[label]:
                    continue
                props: Props = {}
                _set(props, {"count": row["count"], "starts": row["starts"], "ends": row["ends"],
                             "form": row.get("form")})
                self.mentions[row["article"]][(label, row["entity"])] = props
                self.mention_links[(label, row["entity"])] += 1
                self.totals["relationships"] += 1
            return []
        return create

    def _merge_represents(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            country = self._country(row["iso2"])
            if row["person"] not in self.nodes["Person"] or country is None:
                continue
            link = self.represents.get((row["person"], country))
            if link is None:
                link = self.represents[(row["person"], country)] = {}
                _set(link, {key: row[key] for key in ("title", "article", "start", "end")})
                self.totals["relationships"] += 1
                continue
            takes = link.get("title") is None and row["title"] is not None
            _set(link, {"title": link.get("title") if link.get("title") is not None else row["title"],
                        **{key: row[key] if takes else link.get(key) for key in ("article", "start", "end")}})
        return []

    def _merge_located(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            country = self._country(row["iso2"])
            if row["place"] in self.nodes["Place"] and country is not None \
                    and (row["place"], country) not in self.located:
                self.located.add((row["place"], country))
                self.totals["relationships"] += 1
        return []

    # -- meetings ---------------------------------------------------------------------------------

    def _merge_meetings(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for row in rows:
            node = self.nodes["Meeting"].get(row["id"])
            if node is None:
                node = self._create("Meeting", row["id"], {key: row.get(key) for key in (
                    "type", "cameo", "kind_class", "parties_key", "lo", "hi", "date", "date_text", "date_precision",
                    "period", "status", "topic", "name", "title")})
                self.meetings_by_key[(node.get("kind_class"), node.get("parties_key"))].add(row["id"])
            else:
                had_date = node.get("date") is not None
                _set(node, {
                    "lo": row["lo"], "hi": row["hi"],
                    "date": node["date"] if had_date else row["date"],
                    "date_text": node.get("date_text") if node.get("date_text") is not None else row["date_text"],
                    "date_precision": node.get("date_precision") if had_date else row["date_precision"],
                    "period": (node.get("period") if node.get("period") is not None else row["period"])
                    if not had_date and row["date"] is None else None,
                    "status": "happened" if row["status"] == "happened" else node.get("status"),
                    "topic": node.get("topic") if node.get("topic") is not None else row["topic"],
                    "name": node.get("name") if node.get("name") is not None else row["name"]})
            matched = False
            for report in row["reports"]:
                if report["article"] not in self.nodes["Article"]:
                    continue
                matched = True
                link = self.reports[row["id"]].get(report["article"])
                if link is None:
                    link = self.reports[row["id"]][report["article"]] = {}
                    self.reported[report["article"]].add(row["id"])
                    self.totals["relationships"] += 1
                _set(link, {key: report[key] for key in ("sentences", "starts", "ends", "date_text")})
            if matched:
                out.append({"group": row["id"], "id": row["id"]})
        return list({r["group"]: r for r in out}.values())

    def _participant_merger(self, label: str) -> Handler:
        def merge(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                if row["meeting"] not in self.nodes["Meeting"] or row["entity"] not in self.nodes[label]:
                    continue
                link = self.participants[row["meeting"]].get((label, row["entity"]))
                if link is None:
                    link = self.participants[row["meeting"]][(label, row["entity"])] = {}
                    self.totals["relationships"] += 1
                link["initiator"] = bool(link.get("initiator", False)) or bool(row["initiator"])
            return []
        return merge

    def _held_in_merger(self, label: str) -> Handler:
        def merge(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                if row["meeting"] in self.nodes["Meeting"] and row["place"] in self.nodes[label] \
                        and (label, row["place"]) not in self.held[row["meeting"]]:
                    self.held[row["meeting"]].add((label, row["place"]))
                    self.totals["relationships"] += 1
            return []
        return merge

    def _merge_concerns(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            country = self._country(row["iso2"])
            if row["meeting"] in self.nodes["Meeting"] and country is not None \
                    and country not in self.concerns[row["meeting"]]:
                self.concerns[row["meeting"]].add(country)
                self.totals["relationships"] += 1
        return []

    def _recount(self, ids: list[str]) -> list[dict[str, Any]]:
        articles = self.nodes["Article"]
        for meeting in ids:
            node = self.nodes["Meeting"].get(meeting)
            if node is None:
                continue
            reporting = [articles[a] for a in self.reports.get(meeting, {})]
            published: list[date] = [a["published"] for a in reporting if a.get("published") is not None]
            _set(node, {"article_count": len(reporting),
                        "outlet_count": len({a["source"] for a in reporting if a.get("source") is not None}),
                        "first_reported": min(published) if published else None})
        return []
