"""Analyst corrections: merging nodes that are one real entity or meeting, splitting a wrongly merged one,
rejecting extraction errors, editing names, kinds and countries, adding or removing a meeting's participant —
and undoing any of them.

This is the product's only write path besides the loader, and separate from the read-only query sandbox: every
correction is one managed write transaction that also records a (:Correction) node — who, when, why, the
targets, and a snapshot of the nodes it changed (their properties and every relationship), from which `undo`
restores exactly the state before it.

Corrections last: the loader reads them as rules (`rules` below). A merged node's other ids are moved to the
kept node in every later article (a merged meeting's too); a rejected entity is left out of every later article
(its mentions and the meetings it would be a party to); a split's names go to the new node; a node given another
kind keeps it; a participant an analyst added or removed stays added or removed — so reloading the same articles,
or loading new ones, keeps the analyst's judgement.

Rejected nodes are never deleted: their label becomes Rejected<Label> (`:RejectedPerson`), so every query,
the search index, the canvas and the exports leave them out without a filter of their own, and undo gives the
label back.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction

from loader.document import ID_PREFIXES
from loader.extract.identity import display_name, name_words
from loader.extract.translit import transliterate

# Labels and relationship types are never parameters in Cypher: they come from these fixed lists only.
ENTITY_LABELS = ("Person", "Country", "Organization", "Place")
# Note: an analyst's note (newsgraph.notes) hangs off a node by ABOUT, and moves and comes back with it.
LABELS = (*ENTITY_LABELS, "Meeting", "Article", "Note")
REJECTED = {label: f"Rejected{label}" for label in (*ENTITY_LABELS, "Meeting")}
RELATIONSHIP_TYPES = ("REPRESENTS", "PARTICIPATED_IN", "REPORTED_IN", "HELD_IN", "CONCERNS", "LOCATED_IN",
                      "MENTIONED_IN", "ABOUT")
KINDS = ("merge", "reject", "edit", "split", "add_participant", "remove_participant")
EDITABLE = ("name", "name_en", "country", "type")
# The kinds a node may be given instead of its own (a country is a state with an ISO code, never retyped).
RETYPABLE = ("Person", "Organization", "Place")
PARTY_LABELS = ("Person", "Country", "Organization")
# Which end of each relationship a node of each label may stand at: a retyped node keeps only those that fit.
FITS = {
    "REPRESENTS": ({"Person"}, {"Country"}),
    "LOCATED_IN": ({"Place"}, {"Country"}),
    "HELD_IN": ({"Meeting"}, {"Place", "Organization"}),
    "CONCERNS": ({"Meeting"}, {"Country"}),
    "PARTICIPATED_IN": (set(PARTY_LABELS), {"Meeting"}),
    "MENTIONED_IN": (set(ENTITY_LABELS), {"Article"}),
    "REPORTED_IN": ({"Meeting"}, {"Article"}),
    "ABOUT": ({"Note"}, {*ENTITY_LABELS, "Meeting"}),
}
# Properties only a person carries (the resolver's look-up keys and the name forms it counted).
PERSON_ONLY = ("keys", "rkey1", "rkey2", "forms", "form_articles", "joined")


class CorrectionError(ValueError):
    """A correction that cannot be made; the message says why and is meant for the analyst."""


@dataclass
class Correction:
    id: str
    kind: str
    targets: list[str]
    keep: str | None
    note: str
    user: str
    at: str
    undone: bool = False
    undone_by: str | None = None
    undone_at: str | None = None
    result: list[str] = field(default_factory=list)
    # What else the correction says: an edit's property → new value; a split's names and new node; the
    # participant added or removed.
    changes: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "targets": self.targets, "keep": self.keep, "note": self.note,
                "user": self.user, "at": self.at, "undone": self.undone, "undone_by": self.undone_by,
                "undone_at": self.undone_at, **({"changes": self.changes} if self.changes else {})}


def default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"


# -- snapshots ------------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """A property value as JSON: dates and times tagged so they come back as the same Cypher types."""
    if hasattr(value, "to_native"):
        value = value.to_native()
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "$date" in value:
        return date.fromisoformat(value["$date"])
    if isinstance(value, dict) and "$datetime" in value:
        return datetime.fromisoformat(value["$datetime"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _props(props: dict[str, Any], encode: bool = True) -> dict[str, Any]:
    convert = _encode if encode else _decode
    return {key: convert(value) for key, value in props.items()}


def _label(labels: Iterable[str]) -> str:
    known = [label for label in labels if label in LABELS or label in REJECTED.values()]
    if len(known) != 1:
        raise CorrectionError(f"a node with labels {sorted(labels)} cannot be corrected")
    return known[0]


def snapshot(tx: ManagedTransaction, ids: list[str]) -> dict[str, Any]:
    """The nodes with these ids (label, properties) and every relationship touching them (type, ends, properties),
    as JSON-ready data."""
    nodes: list[dict[str, Any]] = []
    for label in (*LABELS, *REJECTED.values()):
        for record in tx.run(f"MATCH (n:{label}) WHERE n.id IN $ids RETURN n.id AS id, properties(n) AS props",
                             ids=ids):
            nodes.append({"id": record["id"], "label": label, "props": _props(record["props"])})
    relationships: dict[str, dict[str, Any]] = {}
    for node in nodes:
        for record in tx.run(
                f"MATCH (n:{node['label']} {{id: $id}})-[r]-(m) "
                "RETURN elementId(r) AS key, type(r) AS type, startNode(r) = n AS outgoing, m.id AS other, "
                "labels(m) AS other_labels, properties(r) AS props", id=node["id"]):
            start, end = (node["id"], record["other"]) if record["outgoing"] else (record["other"], node["id"])
            labels = (node["label"], _label(record["other_labels"]))
            relationships[record["key"]] = {
                "type": record["type"], "start": start, "end": end,
                "start_label": labels[0] if record["outgoing"] else labels[1],
                "end_label": labels[1] if record["outgoing"] else labels[0], "props": _props(record["props"])}
    return {"nodes": sorted(nodes, key=lambda n: n["id"]),
            "relationships": sorted(relationships.values(), key=lambda r: json.dumps(r, sort_keys=True))}


def fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _restore(tx: ManagedTransaction, before: dict[str, Any], current_ids: list[str],
             touched: list[dict[str, Any]], rewritten: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Put back the nodes of `before` exactly: the nodes now under `current_ids` go (with their relationships),
    the snapshot's nodes and relationships come back; `touched` nodes get their old properties back.

    `rewritten` names articles about to be written again (see undo): what they said is left out — their links,
    a meeting only they reported, the name forms they gave a person — since writing them puts it back."""
    for label in (*LABELS, *REJECTED.values()):
        tx.run(f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n", ids=current_ids)
    reports: dict[str, set[str]] = {}
    given: dict[str, list[str]] = {}
    for relationship in before["relationships"]:
        if relationship["type"] == "REPORTED_IN":
            reports.setdefault(relationship["start"], set()).add(relationship["end"])
        if relationship["type"] == "MENTIONED_IN" and relationship["end"] in rewritten \
                and relationship["props"].get("form"):
            given.setdefault(relationship["start"], []).append(relationship["props"]["form"])
    for node in before["nodes"]:
        label = node["label"]
        if label not in LABELS and label not in REJECTED.values():
            raise CorrectionError(f"unknown label {label!r} in a correction's snapshot")
        if rewritten and reports.get(node["id"]) and reports[node["id"]] <= rewritten:
            continue  # a meeting only rewritten articles report: they make it again
        props = _props(node["props"], encode=False)
        if given.get(node["id"]) and props.get("forms"):
            counts = dict(zip(props["forms"], props.get("form_articles") or [], strict=False))
            for form in given[node["id"]]:
                counts[form] = counts.get(form, 0) - 1
            counts = {form: number for form, number in counts.items() if number > 0}
            props["forms"], props["form_articles"] = list(counts), list(counts.values())
        tx.run(f"CREATE (n:{label}) SET n = $props", props=props)
    for relationship in before["relationships"]:
        kind, start, end = relationship["type"], relationship["start_label"], relationship["end_label"]
        allowed = (*LABELS, *REJECTED.values())
        if kind not in RELATIONSHIP_TYPES or start not in allowed or end not in allowed:
            raise CorrectionError(f"unknown relationship {kind!r} in a correction's snapshot")
        if end == "Article" and relationship["end"] in rewritten:
            continue
        tx.run(f"MATCH (a:{start} {{id: $start}}) MATCH (b:{end} {{id: $end}}) CREATE (a)-[r:{kind}]->(b) "
               "SET r = $props", start=relationship["start"], end=relationship["end"],
               props=_props(relationship["props"], encode=False))
    for node in touched:
        if node["label"] not in LABELS:
            raise CorrectionError(f"unknown label {node['label']!r} in a correction's snapshot")
        tx.run(f"MATCH (n:{node['label']} {{id: $id}}) SET n = $props", id=node["id"],
               props=_props(node["props"], encode=False))


# Reports of articles about to be written again go first, with the meetings only they reported: Neo4j 5.26 loses
# track of a node whose indexed property was set and that was then deleted in the same transaction, so no
# meeting may be both restored and then dropped by the rewrite.
_DROP_REPORTS = """
UNWIND $ids AS id
MATCH (:Article {id: id})<-[report:REPORTED_IN]-(m:Meeting)
DELETE report
WITH DISTINCT m WHERE NOT (m)-[:REPORTED_IN]->()
DETACH DELETE m
"""


# -- merge ----------------------------------------------------------------------------------------


def _parties_keys(tx: ManagedTransaction, person_or_country: str, label: str) -> list[dict[str, Any]]:
    """The meetings a node takes part in, with their properties (the ones a merge changes: `parties_key`)."""
    return [{"id": r["id"], "label": "Meeting", "props": _props(r["props"])} for r in tx.run(
        f"MATCH (:{label} {{id: $id}})-[:PARTICIPATED_IN]->(m:Meeting) RETURN m.id AS id, properties(m) AS props",
        id=person_or_country)]


def _new(kind: str, targets: list[str], keep: str | None, note: str, user: str, result: list[str],
         given: dict[str, str] | None) -> Correction:
    """A correction record: a fresh id and time, or those of an imported one (`given`)."""
    given = given or {}
    return Correction(id=given.get("id") or f"correction:{uuid.uuid4().hex[:12]}", kind=kind, targets=targets,
                      keep=keep, note=note, user=user,
                      at=given.get("at") or datetime.now(UTC).isoformat(timespec="microseconds"), result=result)


def _merge_work(tx: ManagedTransaction, ids: list[str], keep: str | None, note: str, user: str,
                given: dict[str, str] | None = None) -> Correction:
    ids = list(dict.fromkeys(ids))
    if len(ids) < 2:
        raise CorrectionError("a merge needs at least two different node ids")
    before = snapshot(tx, ids)
    found = {node["id"]: node for node in before["nodes"]}
    missing = [node_id for node_id in ids if node_id not in found]
    if missing:
        raise CorrectionError(f"no node with id {', '.join(missing)}")
    labels = {node["label"] for node in found.values()}
    if len(labels) != 1 or next(iter(labels)) not in (*ENTITY_LABELS, "Meeting"):
        raise CorrectionError(f"only nodes of one kind (Person, Country, Organization, Place or Meeting) can be "
                              f"merged, got {', '.join(sorted(labels))}")
    label = next(iter(labels))
    if keep is None:  # the node with the most relationships stands for the others
        degree = {node_id: 0 for node_id in ids}
        for relationship in before["relationships"]:
            for end in (relationship["start"], relationship["end"]):
                if end in degree:
                    degree[end] += 1
        keep = max(ids, key=lambda node_id: (degree[node_id], -ids.index(node_id)))
    elif keep not in ids:
        raise CorrectionError(f"--keep {keep} is not one of the nodes being merged")
    absorbed = [node_id for node_id in ids if node_id != keep]
    touched = [] if label == "Meeting" else [meeting for node_id in ids
                                             for meeting in _parties_keys(tx, node_id, label)]
    touched = list({meeting["id"]: meeting for meeting in touched}.values())
    correction = _new("merge", ids, keep, note, user, [keep], given)

    kept = found[keep]["props"]
    updates = _merged_meeting(kept, [found[i]["props"] for i in absorbed]) if label == "Meeting" else \
        _merged_entity(label, kept, {i: found[i]["props"] for i in absorbed}, user, correction.id)
    _move_relationships(tx, label, keep, absorbed, before)
    tx.run(f"MATCH (n:{label} {{id: $id}}) SET n += $updates", id=keep, updates=updates)
    if label == "Meeting":
        _recount(tx, [keep])
    else:  # meetings name their parties in `parties_key` (cross-article resolution reads it)
        _rekey(tx, [m["id"] for m in touched])
    _record(tx, correction, before, touched)
    return correction


def _merged_meeting(kept: dict[str, Any], others: list[dict[str, Any]]) -> dict[str, Any]:
    """The kept meeting's properties, completed by the others': a date if it had none, «happened» if any says so."""
    updates: dict[str, Any] = {}
    if kept.get("date") is None:
        dated = next((o for o in others if o.get("date") is not None), None)
        if dated is not None:
            updates.update({key: _decode(dated.get(key)) for key in ("date", "date_text", "date_precision")})
            updates["period"] = None
    if any(o.get("status") == "happened" for o in others):
        updates["status"] = "happened"
    updates["merged"] = sorted({*(kept.get("merged") or []), *(o["id"] for o in others)})
    return updates


def _merged_entity(label: str, kept: dict[str, Any], others: dict[str, dict[str, Any]], user: str,
                   correction_id: str) -> dict[str, Any]:
    """The kept entity's names, forms and keys joined with the others' (their names become its aliases)."""
    aliases = set(kept.get("aliases") or []) | {kept.get("name")}
    counts = dict(zip(kept.get("forms") or [], kept.get("form_articles") or [], strict=False))
    keys = list(kept.get("keys") or [])
    joined = list(kept.get("joined") or [])
    for node_id, props in others.items():
        aliases |= set(props.get("aliases") or []) | {props.get("name")}
        for form, number in zip(props.get("forms") or [], props.get("form_articles") or [], strict=False):
            counts[form] = counts.get(form, 0) + number
        keys += [key for key in props.get("keys") or [] if key not in keys]
        joined.append(f"{node_id}: merged by {user} ({correction_id})")
    updates: dict[str, Any] = {"aliases": sorted(a for a in aliases if a), "joined": joined}
    if label == "Person":
        updates.update({"forms": list(counts), "form_articles": list(counts.values()), "keys": keys})
    return updates


def _move_relationships(tx: ManagedTransaction, label: str, keep: str, absorbed: list[str],
                        before: dict[str, Any]) -> None:
    """Every relationship of the absorbed nodes moves to the kept one, and the absorbed nodes go. One already
    there absorbs it (mentions of one article add up; the same meeting, country or article is linked once)."""
    ids = [keep, *absorbed]
    existing = {(r["type"], r["start"], r["end"]) for r in before["relationships"]
                if keep in (r["start"], r["end"])}
    moved: dict[tuple[str, str, str], dict[str, Any]] = {}
    extra_mentions: dict[tuple[str, str, str], dict[str, Any]] = {}
    for relationship in before["relationships"]:
        start, end = relationship["start"], relationship["end"]
        if not ({start, end} & set(absorbed)):
            continue
        start, end = (keep if start in ids else start), (keep if end in ids else end)
        if start == end:
            continue  # a link between two of the merged nodes
        key = (relationship["type"], start, end)
        labels_of = {"start_label": label if start == keep else relationship["start_label"],
                     "end_label": label if end == keep else relationship["end_label"]}
        if key in existing or key in moved:
            if relationship["type"] == "MENTIONED_IN":
                extra_mentions.setdefault(key, {"count": 0, "starts": [], "ends": []})
                extra = extra_mentions[key]
                extra["count"] += relationship["props"].get("count", 0)
                extra["starts"] += relationship["props"].get("starts", [])
                extra["ends"] += relationship["props"].get("ends", [])
            continue
        moved[key] = {**relationship, "start": start, "end": end, **labels_of}

    tx.run(f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n", ids=absorbed)
    for relationship in moved.values():
        kind, start_label, end_label = (relationship["type"], relationship["start_label"],
                                        relationship["end_label"])
        if kind not in RELATIONSHIP_TYPES or start_label not in LABELS or end_label not in LABELS:
            raise CorrectionError(f"cannot move a {kind} relationship")
        tx.run(f"MATCH (a:{start_label} {{id: $start}}) MATCH (b:{end_label} {{id: $end}}) "
               f"CREATE (a)-[r:{kind}]->(b) SET r = $props", start=relationship["start"], end=relationship["end"],
               props=_props(relationship["props"], encode=False))
    for (_kind, start, end), extra in extra_mentions.items():
        tx.run(f"MATCH (:{label} {{id: $start}})-[r:MENTIONED_IN]->(:Article {{id: $end}}) "
               "SET r.count = r.count + $count, r.starts = r.starts + $starts, r.ends = r.ends + $ends",
               start=start, end=end, **extra)


def _rekey(tx: ManagedTransaction, meetings: list[str]) -> None:
    """Meetings name their parties in `parties_key`, which cross-article resolution looks them up by."""
    tx.run("UNWIND $meetings AS id MATCH (m:Meeting {id: id}) "
           "SET m.parties_key = reduce(key = '', p IN COLLECT { MATCH (x)-[:PARTICIPATED_IN]->(m) "
           "RETURN DISTINCT x.id AS pid ORDER BY pid } | key + CASE key WHEN '' THEN '' ELSE ',' END + p)",
           meetings=meetings)


def _recount(tx: ManagedTransaction, meetings: list[str]) -> None:
    """A meeting's report counts, recomputed from its report links (as the loader does)."""
    tx.run("UNWIND $ids AS id MATCH (m:Meeting {id: id}) OPTIONAL MATCH (m)-[:REPORTED_IN]->(a:Article) "
           "WITH m, count(a) AS articles, count(DISTINCT a.source) AS outlets, min(a.published) AS first "
           "SET m.article_count = articles, m.outlet_count = outlets, m.first_reported = first", ids=meetings)


def _record(tx: ManagedTransaction, correction: Correction, before: dict[str, Any],
            touched: list[dict[str, Any]]) -> None:
    after = snapshot(tx, correction.result)
    tx.run("CREATE (c:Correction) SET c = $props", props={
        **{k: v for k, v in correction.to_json().items() if v is not None and k != "changes"},
        **({"changes": json.dumps(correction.changes, ensure_ascii=False)} if correction.changes else {}),
        "before": json.dumps(before, ensure_ascii=False), "touched": json.dumps(touched, ensure_ascii=False),
        "result": correction.result, "after_hash": fingerprint(after)})


def merge(driver: Driver, database: str, ids: list[str], keep: str | None = None, note: str = "",
          user: str | None = None) -> Correction:
    """Merge nodes of one kind into one: names become aliases; every relationship, mention and evidence moves."""
    with driver.session(database=database) as session:
        return session.execute_write(_merge_work, ids, keep, note, user or default_user())


# -- reject ---------------------------------------------------------------------------------------


def _reject_work(tx: ManagedTransaction, node_id: str, note: str, user: str,
                 given: dict[str, str] | None = None) -> Correction:
    before = snapshot(tx, [node_id])
    if not before["nodes"]:
        raise CorrectionError(f"no node with id {node_id}")
    label = before["nodes"][0]["label"]
    if label not in REJECTED:
        raise CorrectionError(f"{node_id} is already rejected" if label in REJECTED.values() else
                              f"a {label} cannot be rejected")
    correction = _new("reject", [node_id], None, note, user, [node_id], given)
    tx.run(f"MATCH (n:{label} {{id: $id}}) REMOVE n:{label} SET n:{REJECTED[label]}", id=node_id)
    _record(tx, correction, before, [])
    return correction


def reject(driver: Driver, database: str, node_id: str, note: str = "", user: str | None = None) -> Correction:
    """Mark an entity or a meeting as an extraction error: hidden everywhere, never deleted."""
    with driver.session(database=database) as session:
        return session.execute_write(_reject_work, node_id, note, user or default_user())


# -- edit -----------------------------------------------------------------------------------------


def retyped_id(node_id: str, label: str) -> str:
    """The id a node gets when an analyst gives it another kind: the same key under that kind's prefix."""
    return f"{ID_PREFIXES[label]}:{node_id.split(':', 1)[1]}"


def _edit_work(tx: ManagedTransaction, node_id: str, changes: dict[str, str], note: str, user: str,
               given: dict[str, str] | None = None) -> Correction:
    changes = {key: str(value).strip() for key, value in changes.items() if value is not None}
    unknown = sorted(set(changes) - set(EDITABLE))
    if not changes or unknown:
        raise CorrectionError(f"an edit sets {', '.join(EDITABLE)}"
                              + (f"; not {', '.join(unknown)}" if unknown else ""))
    if any(not value for value in changes.values()):
        raise CorrectionError("an edit cannot set an empty value")
    before = snapshot(tx, [node_id])
    if not before["nodes"]:
        raise CorrectionError(f"no node with id {node_id}")
    label, props = before["nodes"][0]["label"], before["nodes"][0]["props"]
    if label not in ENTITY_LABELS:
        raise CorrectionError(f"a {label} has no name, kind or country to edit")
    new_label = changes.get("type", label)
    if new_label == label:
        changes.pop("type", None)
    elif label not in RETYPABLE or new_label not in RETYPABLE:
        raise CorrectionError(f"the kind can be changed between {', '.join(RETYPABLE)} only (not {label} → "
                              f"{new_label})")
    if not changes:
        raise CorrectionError(f"{node_id} already is what the edit says")
    updates: dict[str, Any] = {}
    if "name" in changes:
        old = props.get("name")
        updates.update({"name": changes["name"], "translit": transliterate(changes["name"]), "curated": True,
                        "aliases": sorted({*(props.get("aliases") or []), *([old] if old else []), changes["name"]})})
    if "name_en" in changes:
        updates["name_en"] = changes["name_en"]
    if "country" in changes:
        iso2 = changes["country"].upper()
        if label == "Country":
            raise CorrectionError("a country's own code is not edited")
        if tx.run("MATCH (c:Country {iso2: $iso2}) RETURN c.id AS id", iso2=iso2).single() is None:
            raise CorrectionError(f"no country with the code {iso2} in the graph")
        changes["country"] = updates["country"] = iso2
    result = node_id
    if "type" in changes:
        result = retyped_id(node_id, new_label)
        if tx.run(f"MATCH (n:{new_label} {{id: $id}}) RETURN n.id AS id", id=result).single() is not None:
            raise CorrectionError(f"{result} already exists: change the kind, then merge the two")
        changes["id"] = result
    correction = _new("edit", [node_id], None, note, user, [result], given)
    correction.changes = changes
    touched = _parties_keys(tx, node_id, label) if "type" in changes else []
    tx.run(f"MATCH (n:{label} {{id: $id}}) SET n += $updates", id=node_id, updates=updates)
    if "type" in changes:
        _retype(tx, node_id, label, result, new_label, before)
        label = new_label
    if "country" in changes and label == "Person":  # the state a person represents is a relationship too
        tx.run("MATCH (:Person {id: $id})-[r:REPRESENTS]->(c:Country) WHERE c.iso2 <> $iso2 DELETE r",
               id=result, iso2=updates["country"])
        tx.run("MATCH (p:Person {id: $id}) MATCH (c:Country {iso2: $iso2}) MERGE (p)-[:REPRESENTS]->(c)",
               id=result, iso2=updates["country"])
    if "country" in changes and label == "Place":
        tx.run("MATCH (:Place {id: $id})-[r:LOCATED_IN]->(c:Country) WHERE c.iso2 <> $iso2 DELETE r",
               id=result, iso2=updates["country"])
        tx.run("MATCH (p:Place {id: $id}) MATCH (c:Country {iso2: $iso2}) MERGE (p)-[:LOCATED_IN]->(c)",
               id=result, iso2=updates["country"])
    _record(tx, correction, before, touched)
    return correction


def _retype(tx: ManagedTransaction, node_id: str, label: str, new_id: str, new_label: str,
            before: dict[str, Any]) -> None:
    """The node again under another kind and id: its properties (a person's look-up keys and name counts
    dropped when it stops being a person), and every relationship a node of that kind can have."""
    props = tx.run(f"MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS p", id=node_id).single()["p"]
    if new_label != "Person":
        props = {key: value for key, value in props.items() if key not in PERSON_ONLY}
    tx.run(f"CREATE (n:{new_label}) SET n = $props, n.id = $id, n.retyped_from = $old",
           props=props, id=new_id, old=node_id)
    for relationship in before["relationships"]:
        kind = relationship["type"]
        start_label = new_label if relationship["start"] == node_id else relationship["start_label"]
        end_label = new_label if relationship["end"] == node_id else relationship["end_label"]
        if kind not in FITS or start_label not in FITS[kind][0] or end_label not in FITS[kind][1]:
            continue  # e.g. a person's REPRESENTS when it becomes an organization: kept in the snapshot only
        start = new_id if relationship["start"] == node_id else relationship["start"]
        end = new_id if relationship["end"] == node_id else relationship["end"]
        tx.run(f"MATCH (a:{start_label} {{id: $start}}) MATCH (b:{end_label} {{id: $end}}) "
               f"CREATE (a)-[r:{kind}]->(b) SET r = $props", start=start, end=end,
               props=_props(relationship["props"], encode=False))
    tx.run(f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n", id=node_id)
    meetings = [r["start"] if r["end"] == new_id else r["end"] for r in before["relationships"]
                if r["type"] == "PARTICIPATED_IN"]
    _rekey(tx, meetings)


def edit(driver: Driver, database: str, node_id: str, changes: dict[str, str], note: str = "",
         user: str | None = None) -> Correction:
    """Set an entity's canonical name, English name, kind or country; the loader keeps an analyst's values."""
    with driver.session(database=database) as session:
        return session.execute_write(_edit_work, node_id, changes, note, user or default_user())


# -- split ----------------------------------------------------------------------------------------


def split_id(node_id: str, correction_id: str) -> str:
    """The new node's id: the split node's, marked with the correction that made it (so it never collides)."""
    return f"{node_id}-split-{correction_id.split(':', 1)[1][:8]}"


def _split_work(tx: ManagedTransaction, node_id: str, aliases: list[str], articles: list[str], note: str,
                user: str, given: dict[str, str] | None = None) -> Correction:
    """Part of a node becomes a node of its own: the chosen names, the articles that name it by them (or that
    the analyst lists), and the meetings reported only there."""
    before = snapshot(tx, [node_id])
    if not before["nodes"]:
        raise CorrectionError(f"no node with id {node_id}")
    label, props = before["nodes"][0]["label"], before["nodes"][0]["props"]
    if label not in RETYPABLE:
        raise CorrectionError(f"a {label} cannot be split (people, organizations and places can)")
    names = [props.get("name"), *(props.get("aliases") or []), *(props.get("forms") or [])]
    names = list(dict.fromkeys(n for n in names if n))
    by_words = {name_words(n): n for n in names}
    chosen_words = {name_words(a) for a in aliases if a.strip()}
    unknown = [a for a in aliases if a.strip() and name_words(a) not in by_words]
    if unknown:
        raise CorrectionError(f"{node_id} has no name {', '.join(unknown)}; its names: {', '.join(names)}")
    mentioned = {r["end"] for r in before["relationships"] if r["type"] == "MENTIONED_IN"}
    strangers = [a for a in articles if a not in mentioned]
    if strangers:
        raise CorrectionError(f"{node_id} is not mentioned in {', '.join(strangers)}")
    if not chosen_words and not articles:
        raise CorrectionError("a split needs the names (--aliases) or the articles (--articles) that go to the "
                              "new node")
    staying_names = [n for n in names if name_words(n) not in chosen_words]
    if chosen_words and not staying_names:
        raise CorrectionError("a split must leave the node at least one of its names")

    correction = _new("split", [node_id], None, note, user, [], given)
    new_id = split_id(node_id, correction.id)
    correction.result = [node_id, new_id]
    correction.changes = {"aliases": sorted(by_words[w] for w in chosen_words), "articles": sorted(articles),
                          "id": new_id}

    # Each mention goes by the name it was written with; a mention by neither side's names (a bare surname)
    # goes with the side the article names more often. A listed article goes whole.
    texts = {r["id"]: r["text"] or "" for r in tx.run(
        "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, a.text AS text", ids=sorted(mentioned))}
    staying_words = {name_words(n) for n in staying_names}
    moved_mentions: dict[str, dict[str, list[int]]] = {}
    kept_mentions: dict[str, dict[str, list[int]]] = {}
    for relationship in before["relationships"]:
        if relationship["type"] != "MENTIONED_IN":
            continue
        article = relationship["end"]
        spans = list(zip(relationship["props"].get("starts") or [], relationship["props"].get("ends") or [],
                         strict=False))
        side = {span: name_words(texts.get(article, "")[span[0]:span[1]]) for span in spans}
        new = [span for span in spans if article in articles or side[span] in chosen_words]
        old = [span for span in spans if span not in new and side[span] in staying_words]
        rest = [span for span in spans if span not in new and span not in old]
        (new if len(new) > len(old) else old).extend(rest)
        for target, chosen in ((moved_mentions, new), (kept_mentions, old)):
            if chosen:
                chosen.sort()
                target[article] = {"starts": [a for a, _ in chosen], "ends": [b for _, b in chosen]}
    if not moved_mentions:
        raise CorrectionError(f"no mention of {node_id} is by those names or in those articles: nothing would "
                              "move")
    only_new = set(moved_mentions) - set(kept_mentions)
    reported = {r["meeting"]: set(r["articles"]) for r in tx.run(
        "MATCH (:" + label + " {id: $id})-[:PARTICIPATED_IN]->(m:Meeting) "
        "RETURN m.id AS meeting, COLLECT { MATCH (m)-[:REPORTED_IN]->(a:Article) RETURN a.id } AS articles",
        id=node_id)}
    # A meeting follows the new node when every article that reports it and names the node names the new one.
    moving_meetings = sorted(m for m, arts in reported.items() if arts & mentioned and arts & mentioned <= only_new)
    touched = [m for m in _parties_keys(tx, node_id, label) if m["id"] in moving_meetings]

    counts = dict(zip(props.get("forms") or [], props.get("form_articles") or [], strict=False))
    new_names = sorted(by_words[w] for w in chosen_words) or [props["name"]]
    new_name = max(new_names, key=lambda n: (counts.get(n, 0), len(n), n))
    staying = [n for n in staying_names if n] or [props["name"]]
    remaining_counts = {f: c for f, c in counts.items() if name_words(f) not in chosen_words}
    kept_name = props["name"] if name_words(props["name"]) not in chosen_words else (
        display_name(remaining_counts) if remaining_counts else staying[0])
    kept_updates: dict[str, Any] = {"aliases": sorted(n for n in staying if n), "name": kept_name}
    if label == "Person":
        kept_updates.update({"forms": list(remaining_counts), "form_articles": list(remaining_counts.values())})
    tx.run(f"MATCH (n:{label} {{id: $id}}) SET n += $updates", id=node_id, updates=kept_updates)
    new_props: dict[str, Any] = {"id": new_id, "name": new_name, "translit": transliterate(new_name),
                                 "aliases": new_names, "split_from": node_id, "curated": True}
    if label == "Person":
        new_counts = {f: c for f, c in counts.items() if name_words(f) in chosen_words}
        new_props.update({"forms": list(new_counts), "form_articles": list(new_counts.values()), "keys": []})
    tx.run(f"CREATE (n:{label}) SET n = $props", props=new_props)
    for article, spans in moved_mentions.items():
        tx.run(f"MATCH (n:{label} {{id: $id}}) MATCH (a:Article {{id: $article}}) "
               "CREATE (n)-[:MENTIONED_IN {count: $count, starts: $starts, ends: $ends}]->(a)",
               id=new_id, article=article, count=len(spans["starts"]), **spans)
    tx.run(f"MATCH (:{label} {{id: $id}})-[r:MENTIONED_IN]->(a:Article) WHERE a.id IN $gone DELETE r",
           id=node_id, gone=sorted(only_new))
    for article, spans in kept_mentions.items():
        if article in moved_mentions:
            tx.run(f"MATCH (:{label} {{id: $id}})-[r:MENTIONED_IN]->(:Article {{id: $article}}) "
                   "SET r.count = $count, r.starts = $starts, r.ends = $ends",
                   id=node_id, article=article, count=len(spans["starts"]), **spans)
    for meeting in moving_meetings:
        tx.run(f"MATCH (n:{label} {{id: $id}})-[r:PARTICIPATED_IN]->(m:Meeting {{id: $meeting}}) "
               f"MATCH (x:{label} {{id: $new}}) CREATE (x)-[s:PARTICIPATED_IN]->(m) SET s = properties(r) DELETE r",
               id=node_id, meeting=meeting, new=new_id)
    if label == "Person":  # the title that made someone a state's representative goes with its article
        tx.run("MATCH (p:Person {id: $id})-[r:REPRESENTS]->(c:Country) WHERE r.article IN $gone "
               "MATCH (x:Person {id: $new}) CREATE (x)-[s:REPRESENTS]->(c) SET s = properties(r), x.country = c.iso2 "
               "DELETE r", id=node_id, gone=sorted(only_new), new=new_id)
    _rekey(tx, moving_meetings)
    _record(tx, correction, before, touched)
    return correction


def split(driver: Driver, database: str, node_id: str, aliases: list[str] = (), articles: list[str] = (),
          note: str = "", user: str | None = None) -> Correction:  # type: ignore[assignment]
    """Split a wrongly merged node: the chosen names (and the articles that use them, or that are listed) make
    a new node, with the meetings reported only there."""
    with driver.session(database=database) as session:
        return session.execute_write(_split_work, node_id, list(aliases), list(articles), note,
                                     user or default_user())


# -- participants ---------------------------------------------------------------------------------


def _participant_work(tx: ManagedTransaction, action: str, meeting_id: str, entity_id: str, note: str, user: str,
                      given: dict[str, str] | None = None) -> Correction:
    if action not in ("add", "remove"):
        raise CorrectionError(f"a participant is added or removed, not {action!r}")
    before = snapshot(tx, [meeting_id])
    if not before["nodes"] or before["nodes"][0]["label"] != "Meeting":
        raise CorrectionError(f"no meeting with id {meeting_id}")
    entity = tx.run("MATCH (e) WHERE e.id = $id AND (e:Person OR e:Country OR e:Organization) "
                    "RETURN labels(e) AS labels", id=entity_id).single()
    if entity is None:
        raise CorrectionError(f"no person, country or organization with id {entity_id}")
    label = _label(entity["labels"])
    taking_part = any(r["type"] == "PARTICIPATED_IN" and r["start"] == entity_id for r in before["relationships"])
    if action == "add" and taking_part:
        raise CorrectionError(f"{entity_id} already takes part in {meeting_id}")
    if action == "remove" and not taking_part:
        raise CorrectionError(f"{entity_id} does not take part in {meeting_id}")
    correction = _new(f"{action}_participant", [meeting_id, entity_id], None, note, user, [meeting_id], given)
    correction.changes = {"participant": entity_id}
    # The meeting's `parties_key` stays what the articles say: later reports of it still find it, and the
    # analyst's rule then applies to them (see `enforce_participants`).
    _set_participant(tx, action, meeting_id, entity_id, label, user, correction.id, note)
    _record(tx, correction, before, [])
    return correction


def _set_participant(tx: ManagedTransaction, action: str, meeting_id: str, entity_id: str, label: str,
                     user: str, correction_id: str, note: str) -> None:
    if label not in PARTY_LABELS:
        raise CorrectionError(f"a {label} cannot take part in a meeting")
    if action == "add":
        tx.run(f"MATCH (e:{label} {{id: $entity}}) MATCH (m:Meeting {{id: $meeting}}) "
               "MERGE (e)-[r:PARTICIPATED_IN]->(m) ON CREATE SET r.initiator = false "
               "SET r.added_by = $user, r.correction = $correction, r.note = $note",
               entity=entity_id, meeting=meeting_id, user=user, correction=correction_id, note=note)
    else:
        tx.run(f"MATCH (:{label} {{id: $entity}})-[r:PARTICIPATED_IN]->(:Meeting {{id: $meeting}}) DELETE r",
               entity=entity_id, meeting=meeting_id)


def participant(driver: Driver, database: str, action: str, meeting_id: str, entity_id: str, note: str = "",
                user: str | None = None) -> Correction:
    """Add a participant to a meeting, or remove one, with a note saying why."""
    with driver.session(database=database) as session:
        return session.execute_write(_participant_work, action, meeting_id, entity_id, note,
                                     user or default_user())


# -- log and undo ---------------------------------------------------------------------------------


def _correction(record: dict[str, Any]) -> Correction:
    return Correction(id=record["id"], kind=record["kind"], targets=list(record["targets"]), keep=record.get("keep"),
                      note=record.get("note") or "", user=record.get("user") or "", at=record["at"],
                      undone=bool(record.get("undone")), undone_by=record.get("undone_by"),
                      undone_at=record.get("undone_at"), result=list(record.get("result") or []),
                      changes=json.loads(record["changes"]) if record.get("changes") else {})


def log(driver: Driver, database: str) -> list[Correction]:
    """Every correction, oldest first."""
    records, _, _ = driver.execute_query("MATCH (c:Correction) RETURN properties(c) AS c ORDER BY c.at, c.id",
                                         database_=database, routing_="r")
    return [_correction(r["c"]) for r in records]


class _ArticlesSince(Exception):
    """The nodes of a correction changed after it: these articles must be written again once it is undone."""

    def __init__(self, articles: list[str]) -> None:
        super().__init__(f"{len(articles)} articles to write again")
        self.articles = articles


def _articles_of(tx: ManagedTransaction, before: dict[str, Any], result: list[str]) -> list[str]:
    """Every article that named the correction's nodes before it or names its result now."""
    then = {r["end"] for r in before["relationships"] if r["end_label"] == "Article"}
    now = {r["id"] for r in tx.run(
        "UNWIND $ids AS id MATCH (n {id: id})-[:MENTIONED_IN|REPORTED_IN]->(a:Article) "
        "WHERE NOT n:Note RETURN DISTINCT a.id AS id", ids=result)}
    return sorted(then | now)


def _undo_work(tx: ManagedTransaction, correction_id: str, user: str,
               replay: list[Any] | None = None) -> Correction:
    record = tx.run("MATCH (c:Correction {id: $id}) RETURN properties(c) AS c", id=correction_id).single()
    if record is None:
        raise CorrectionError(f"no correction {correction_id} (see `newsgraph curate log`)")
    props = record["c"]
    correction = _correction(props)
    if correction.undone:
        raise CorrectionError(f"{correction_id} was already undone by {correction.undone_by} at "
                              f"{correction.undone_at}")
    later = [r["id"] for r in tx.run(
        "MATCH (c:Correction) WHERE c.at >= $at AND c.id <> $id AND NOT coalesce(c.undone, false) "
        "AND any(t IN c.targets WHERE t IN $ids) RETURN c.id AS id", at=correction.at, id=correction_id,
        ids=sorted({*correction.targets, *correction.result}))]
    if later:
        raise CorrectionError(f"undo {', '.join(later)} first: later corrections changed the same nodes")
    before = json.loads(props["before"])
    articles: list[str] = []
    if fingerprint(snapshot(tx, correction.result)) != props["after_hash"]:
        # Articles were loaded (or reloaded) under the correction since. The nodes go back to the state before
        # it, and those articles are written again without it — as if it had never been made.
        articles = _articles_of(tx, before, correction.result)
        if replay is None or sorted(x.article.id for x in replay) != articles:
            raise _ArticlesSince(articles)
    if articles:
        tx.run(_DROP_REPORTS, ids=articles)
    _restore(tx, before, correction.result, json.loads(props["touched"]), set(articles))
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    tx.run("MATCH (c:Correction {id: $id}) SET c.undone = true, c.undone_by = $user, c.undone_at = $at",
           id=correction_id, user=user, at=now)
    if articles:
        from loader.write import write_batch  # the loader imports this module's rules

        write_batch(tx, replay or [], set(articles))
    correction.undone, correction.undone_by, correction.undone_at = True, user, now
    return correction


def undo(driver: Driver, database: str, correction_id: str, user: str | None = None) -> Correction:
    """Restore exactly the state before a correction. When articles were loaded under it since, they are
    extracted again from their stored text and written as if the correction had never been made."""
    from loader.replay import reextract

    replay: list[Any] | None = None
    for _ in range(3):  # articles may arrive between reading them and undoing: then read them again
        try:
            with driver.session(database=database) as session:
                return session.execute_write(_undo_work, correction_id, user or default_user(), replay)
        except _ArticlesSince as since:
            replay = reextract(driver, database, since.articles)
    raise CorrectionError(f"{correction_id}: articles kept arriving while it was being undone; try again")


# -- rules for the loader -------------------------------------------------------------------------


@dataclass
class Split:
    source: str
    new_id: str
    names: frozenset[tuple[str, ...]]  # name_words of the names that go to the new node


@dataclass
class Rules:
    """What the analysts decided, as the loader applies it to new articles."""

    moves: dict[str, str] = field(default_factory=dict)  # a merged node's other ids → the kept id
    rejected: set[str] = field(default_factory=set)  # entity and meeting ids left out
    retyped: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (new id, new kind)
    splits: list[Split] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.moves or self.rejected or self.retyped or self.splits)


_ACTIVE = "MATCH (c:Correction) WHERE NOT coalesce(c.undone, false) "


def rules(tx: ManagedTransaction, ids: list[str]) -> Rules:
    """The active corrections that concern these ids (entities or meetings), and every active split (a split
    is found by name: the article's own id for the person may be any of the forms)."""
    found = Rules()
    for record in tx.run(_ACTIVE + "AND (c.kind = 'split' OR any(t IN c.targets WHERE t IN $ids)) "
                         "RETURN c.kind AS kind, c.targets AS targets, c.keep AS keep, c.changes AS changes "
                         "ORDER BY c.at", ids=ids):
        kind, targets = record["kind"], record["targets"]
        changes = json.loads(record["changes"]) if record["changes"] else {}
        if kind == "merge":
            for target in targets:
                if target != record["keep"]:
                    found.moves[target] = record["keep"]
        elif kind == "reject":
            found.rejected.update(targets)
        elif kind == "edit" and "type" in changes:
            found.retyped[targets[0]] = (changes["id"], changes["type"])
        elif kind == "split":
            found.splits.append(Split(targets[0], changes["id"],
                                      frozenset(name_words(n) for n in changes.get("aliases") or [])))
    return found


def participant_rules(tx: ManagedTransaction, meetings: list[str]) -> list[dict[str, Any]]:
    """The participants analysts added to or removed from these meetings, oldest first."""
    return [dict(record) for record in tx.run(
        _ACTIVE + "AND c.kind IN ['add_participant', 'remove_participant'] AND c.targets[0] IN $ids "
        "RETURN c.id AS id, c.kind AS kind, c.targets AS targets, c.user AS user, c.note AS note ORDER BY c.at",
        ids=meetings)]


def enforce_participants(tx: ManagedTransaction, meetings: list[str]) -> None:
    """After the loader wrote these meetings: the participants analysts added are there, those they removed are
    not (a reloaded article says what it said before the correction)."""
    for rule in participant_rules(tx, meetings):
        meeting_id, entity_id = rule["targets"][0], rule["targets"][1]
        entity = tx.run("MATCH (e) WHERE e.id = $id AND (e:Person OR e:Country OR e:Organization) "
                        "RETURN labels(e) AS labels", id=entity_id).single()
        if entity is None:
            continue
        _set_participant(tx, rule["kind"].split("_")[0], meeting_id, entity_id, _label(entity["labels"]),
                         rule["user"] or "", rule["id"], rule["note"] or "")


# -- sharing --------------------------------------------------------------------------------------


def export(driver: Driver, database: str) -> list[dict[str, Any]]:
    """Every correction as a JSON-ready object with its stable id (snapshots stay in the graph they describe)."""
    return [correction.to_json() for correction in log(driver, database)]


@dataclass
class ImportReport:
    applied: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # the same correction is in the graph: nothing to do
    skipped: list[str] = field(default_factory=list)  # undone where it was made
    conflicts: list[str] = field(default_factory=list)  # one line each: the id and why it was not applied


def import_corrections(driver: Driver, database: str, entries: Iterable[dict[str, Any]]) -> ImportReport:
    """Apply exported corrections in their order. Idempotent: a correction already here (same id, kind and
    targets) is left alone; one that cannot apply here (a target missing, an id reused for something else) is
    reported, never guessed at."""
    report = ImportReport()
    present = {c.id: c for c in log(driver, database)}
    for number, entry in enumerate(entries, start=1):
        correction_id = entry.get("id") if isinstance(entry, dict) else None
        kind, targets = (entry.get("kind"), entry.get("targets")) if isinstance(entry, dict) else (None, None)
        if not isinstance(correction_id, str) or not correction_id.startswith("correction:") or kind not in KINDS \
                or not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            report.conflicts.append(f"line {number}: not a correction (needs id, kind {'/'.join(KINDS)}, targets)")
            continue
        if correction_id in present:
            same = present[correction_id].kind == kind and present[correction_id].targets == targets
            (report.already if same else report.conflicts).append(
                correction_id if same else f"{correction_id}: this id is another correction here")
            continue
        if entry.get("undone"):
            report.skipped.append(correction_id)
            continue
        given = {"id": correction_id, "at": str(entry.get("at") or "")}
        user, note = str(entry.get("user") or default_user()), str(entry.get("note") or "")
        try:
            with driver.session(database=database) as session:
                changes = entry.get("changes") or {}
                if not isinstance(changes, dict):
                    raise CorrectionError("its changes are not an object")
                if kind == "merge":
                    session.execute_write(_merge_work, targets, entry.get("keep"), note, user, given)
                elif kind == "edit":
                    wanted = {key: changes[key] for key in EDITABLE if key in changes}
                    session.execute_write(_edit_work, targets[0], wanted, note, user, given)
                elif kind == "split":
                    # The new node's id comes from the correction's id, so it is the same here as there.
                    session.execute_write(_split_work, targets[0], list(changes.get("aliases") or []),
                                          list(changes.get("articles") or []), note, user, given)
                elif kind in ("add_participant", "remove_participant"):
                    if len(targets) != 2:
                        raise CorrectionError("a participant correction names the meeting and the participant")
                    session.execute_write(_participant_work, kind.split("_")[0], targets[0], targets[1], note,
                                          user, given)
                else:
                    session.execute_write(_reject_work, targets[0], note, user, given)
        except CorrectionError as exc:
            report.conflicts.append(f"{correction_id}: {exc}")
            continue
        report.applied.append(correction_id)
    return report
