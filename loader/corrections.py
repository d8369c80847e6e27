"""Analyst corrections: merging nodes that are one real entity, rejecting extraction errors, and undoing either.

This is the product's only write path besides the loader, and separate from the read-only query sandbox: every
correction is one managed write transaction that also records a (:Correction) node — who, when, why, the
targets, and a snapshot of the nodes it changed (their properties and every relationship), from which `undo`
restores exactly the state before it.

Corrections last: the loader reads them as rules (`rules` below). A merged node's other ids are moved to the
kept node in every later article; a rejected entity is left out of every later article (its mentions and the
meetings it would be a party to), so reloading the same articles, or loading new ones, keeps the analyst's
judgement.

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

from loader.extract.translit import transliterate

# Labels and relationship types are never parameters in Cypher: they come from these fixed lists only.
ENTITY_LABELS = ("Person", "Country", "Organization", "Place")
LABELS = (*ENTITY_LABELS, "Meeting", "Article")
REJECTED = {label: f"Rejected{label}" for label in (*ENTITY_LABELS, "Meeting")}
RELATIONSHIP_TYPES = ("REPRESENTS", "PARTICIPATED_IN", "REPORTED_IN", "HELD_IN", "CONCERNS", "LOCATED_IN",
                      "MENTIONED_IN")
KINDS = ("merge", "reject", "edit")
EDITABLE = ("name", "name_en", "country")


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
    changes: dict[str, str] = field(default_factory=dict)  # for an edit: property → new value

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
             touched: list[dict[str, Any]]) -> None:
    """Put back the nodes of `before` exactly: the nodes now under `current_ids` go (with their relationships),
    the snapshot's nodes and relationships come back; `touched` nodes get their old properties back."""
    for label in (*LABELS, *REJECTED.values()):
        tx.run(f"MATCH (n:{label}) WHERE n.id IN $ids DETACH DELETE n", ids=current_ids)
    for node in before["nodes"]:
        label = node["label"]
        if label not in LABELS and label not in REJECTED.values():
            raise CorrectionError(f"unknown label {label!r} in a correction's snapshot")
        tx.run(f"CREATE (n:{label}) SET n = $props", props=_props(node["props"], encode=False))
    for relationship in before["relationships"]:
        kind, start, end = relationship["type"], relationship["start_label"], relationship["end_label"]
        allowed = (*LABELS, *REJECTED.values())
        if kind not in RELATIONSHIP_TYPES or start not in allowed or end not in allowed:
            raise CorrectionError(f"unknown relationship {kind!r} in a correction's snapshot")
        tx.run(f"MATCH (a:{start} {{id: $start}}) MATCH (b:{end} {{id: $end}}) CREATE (a)-[r:{kind}]->(b) "
               "SET r = $props", start=relationship["start"], end=relationship["end"],
               props=_props(relationship["props"], encode=False))
    for node in touched:
        if node["label"] not in LABELS:
            raise CorrectionError(f"unknown label {node['label']!r} in a correction's snapshot")
        tx.run(f"MATCH (n:{node['label']} {{id: $id}}) SET n = $props", id=node["id"],
               props=_props(node["props"], encode=False))


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
    if len(labels) != 1 or next(iter(labels)) not in ENTITY_LABELS:
        raise CorrectionError(f"only nodes of one kind (Person, Country, Organization or Place) can be merged, "
                              f"got {', '.join(sorted(labels))}")
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
    touched = [meeting for node_id in ids for meeting in _parties_keys(tx, node_id, label)]
    touched = list({meeting["id"]: meeting for meeting in touched}.values())
    correction = _new("merge", ids, keep, note, user, [keep], given)

    kept = found[keep]["props"]
    aliases = set(kept.get("aliases") or []) | {kept.get("name")}
    counts = dict(zip(kept.get("forms") or [], kept.get("form_articles") or [], strict=False))
    keys = list(kept.get("keys") or [])
    joined = list(kept.get("joined") or [])
    for node_id in absorbed:
        props = found[node_id]["props"]
        aliases |= set(props.get("aliases") or []) | {props.get("name")}
        for form, number in zip(props.get("forms") or [], props.get("form_articles") or [], strict=False):
            counts[form] = counts.get(form, 0) + number
        keys += [key for key in props.get("keys") or [] if key not in keys]
        joined.append(f"{node_id}: merged by {user} ({correction.id})")
    updates: dict[str, Any] = {"aliases": sorted(a for a in aliases if a), "joined": joined}
    if label == "Person":
        updates.update({"forms": list(counts), "form_articles": list(counts.values()), "keys": keys})

    # Every relationship of an absorbed node moves to the kept one; one already there absorbs it (mentions of
    # one article add up; the same meeting or country is linked once).
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
    tx.run(f"MATCH (n:{label} {{id: $id}}) SET n += $updates", id=keep, updates=updates)
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
    # Meetings name their parties in `parties_key` (cross-article resolution reads it).
    tx.run("UNWIND $meetings AS id MATCH (m:Meeting {id: id}) "
           "SET m.parties_key = reduce(key = '', p IN COLLECT { MATCH (x)-[:PARTICIPATED_IN]->(m) "
           "RETURN DISTINCT x.id AS pid ORDER BY pid } | key + CASE key WHEN '' THEN '' ELSE ',' END + p)",
           meetings=[m["id"] for m in touched])
    _record(tx, correction, before, touched)
    return correction


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


def _edit_work(tx: ManagedTransaction, node_id: str, changes: dict[str, str], note: str, user: str,
               given: dict[str, str] | None = None) -> Correction:
    changes = {key: value.strip() for key, value in changes.items() if value is not None}
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
        raise CorrectionError(f"a {label} has no name or country to edit")
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
    correction = _new("edit", [node_id], None, note, user, [node_id], given)
    correction.changes = changes
    tx.run(f"MATCH (n:{label} {{id: $id}}) SET n += $updates", id=node_id, updates=updates)
    if "country" in changes and label == "Person":  # the state a person represents is a relationship too
        tx.run("MATCH (:Person {id: $id})-[r:REPRESENTS]->(c:Country) WHERE c.iso2 <> $iso2 DELETE r",
               id=node_id, iso2=updates["country"])
        tx.run("MATCH (p:Person {id: $id}) MATCH (c:Country {iso2: $iso2}) MERGE (p)-[:REPRESENTS]->(c)",
               id=node_id, iso2=updates["country"])
    _record(tx, correction, before, [])
    return correction


def edit(driver: Driver, database: str, node_id: str, changes: dict[str, str], note: str = "",
         user: str | None = None) -> Correction:
    """Set an entity's canonical name, English name or country; the loader keeps an analyst's values."""
    with driver.session(database=database) as session:
        return session.execute_write(_edit_work, node_id, changes, note, user or default_user())


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


def _undo_work(tx: ManagedTransaction, correction_id: str, user: str) -> Correction:
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
        ids=correction.targets)]
    if later:
        raise CorrectionError(f"undo {', '.join(later)} first: later corrections changed the same nodes")
    if fingerprint(snapshot(tx, correction.result)) != props["after_hash"]:
        raise CorrectionError(f"the nodes of {correction_id} changed after it (articles loaded since); undoing it "
                              "would lose those changes, so it was not undone")
    _restore(tx, json.loads(props["before"]), correction.result, json.loads(props["touched"]))
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    tx.run("MATCH (c:Correction {id: $id}) SET c.undone = true, c.undone_by = $user, c.undone_at = $at",
           id=correction_id, user=user, at=now)
    correction.undone, correction.undone_by, correction.undone_at = True, user, now
    return correction


def undo(driver: Driver, database: str, correction_id: str, user: str | None = None) -> Correction:
    """Restore exactly the state before a correction (refused when later changes would be lost)."""
    with driver.session(database=database) as session:
        return session.execute_write(_undo_work, correction_id, user or default_user())


# -- rules for the loader -------------------------------------------------------------------------


@dataclass
class Rules:
    """What the analysts decided, as the loader applies it to new articles."""

    moves: dict[str, str] = field(default_factory=dict)  # a merged node's other ids → the kept id
    rejected: set[str] = field(default_factory=set)  # entity and meeting ids left out


def rules(tx: ManagedTransaction, ids: list[str]) -> Rules:
    """The active corrections that concern these entity ids."""
    found = Rules()
    for record in tx.run("MATCH (c:Correction) WHERE NOT coalesce(c.undone, false) "
                         "AND any(t IN c.targets WHERE t IN $ids) "
                         "RETURN c.kind AS kind, c.targets AS targets, c.keep AS keep ORDER BY c.at", ids=ids):
        if record["kind"] == "merge":
            for target in record["targets"]:
                if target != record["keep"]:
                    found.moves[target] = record["keep"]
        elif record["kind"] == "reject":
            found.rejected.update(record["targets"])
    return found


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
                if kind == "merge":
                    session.execute_write(_merge_work, targets, entry.get("keep"), note, user, given)
                elif kind == "edit":
                    changes = entry.get("changes")
                    if not isinstance(changes, dict):
                        raise CorrectionError("an edit without its changes")
                    session.execute_write(_edit_work, targets[0], changes, note, user, given)
                else:
                    session.execute_write(_reject_work, targets[0], note, user, given)
        except CorrectionError as exc:
            report.conflicts.append(f"{correction_id}: {exc}")
            continue
        report.applied.append(correction_id)
    return report
