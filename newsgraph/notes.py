"""Analysts' notes: plain text on a person, country, organisation, place or meeting, shown in its details and found
by the explorer's search.

A note is `(:Note {id, text, user, at})-[:ABOUT]->(node)`. Writes are the analyst write path: one managed write
transaction each, parameters only, the node's label taken from its id's prefix through a fixed whitelist, and
the author's name in the record. Only the author may delete a note.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction

from dashboard.queries import ID_PREFIX_LABELS, note_hits
from newsgraph.messages import N_, TranslatableError

MAX_NOTE_CHARS = 5000
NOTE_ID_PREFIX = "note:"

# The node a note is about, by label; labels only from this whitelist (never from the request).
ABOUT_NODE = {label: f"MATCH (n:{label} {{id: $id}}) RETURN n.id AS id" for label in ID_PREFIX_LABELS.values()}
CREATE_NOTE = {
    label: f"""
MATCH (n:{label} {{id: $about}})
CREATE (note:Note {{id: $id, text: $text, user: $user, at: $at}})-[:ABOUT]->(n)
RETURN note.id AS id
"""
    for label in ID_PREFIX_LABELS.values()
}
NOTES_ABOUT = {
    label: f"""
MATCH (note:Note)-[:ABOUT]->(:{label} {{id: $id}})
RETURN note.id AS id, note.text AS text, note.user AS user, note.at AS at, $id AS about
ORDER BY note.at DESC, note.id DESC
"""
    for label in ID_PREFIX_LABELS.values()
}
# Notes about any of many nodes (a saved investigation's bundle): the label check keeps rejected nodes out.
NOTES_ABOUT_MANY = """
UNWIND $ids AS node_id
MATCH (note:Note)-[:ABOUT]->(n {id: node_id})
WHERE any(label IN labels(n) WHERE label IN $labels)
RETURN note.id AS id, note.text AS text, note.user AS user, note.at AS at, n.id AS about
ORDER BY about, note.at DESC, note.id DESC
"""


class NoteError(TranslatableError, ValueError):
    """A note that cannot be added or deleted; the message is for the analyst (English, translated by the dashboard
    into the interface language)."""


@dataclass(frozen=True)
class Note:
    id: str
    text: str
    user: str
    at: str  # ISO 8601, UTC, to the microsecond: notes sort newest first by it
    about: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def label_for(node_id: str) -> str:
    """The label a note's node has, from its id's prefix; an id of any other kind is refused."""
    prefix, sep, key = (node_id or "").partition(":")
    label = ID_PREFIX_LABELS.get(prefix)
    if not sep or not key or label is None:
        raise NoteError(N_("Notes are written on a person, country, organization, place or meeting only, not on "
                           "“{node}”."), node=node_id)
    return label


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _clean_text(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise NoteError(N_("The note is empty."))
    if len(text) > MAX_NOTE_CHARS:
        raise NoteError(N_("The note is longer than {limit:,} characters ({length:,})."), limit=MAX_NOTE_CHARS,
                        length=len(text))
    return text


def add_note(driver: Driver, database: str, node_id: str, text: str, user: str) -> Note:
    """Write a note about a node; refuses an empty or over-long text and a node that is not in the graph."""
    label = label_for(node_id)
    note = Note(id=NOTE_ID_PREFIX + secrets.token_hex(6), text=_clean_text(text), user=user or "dashboard",
                at=_now(), about=node_id)

    def work(tx: ManagedTransaction) -> bool:
        return tx.run(CREATE_NOTE[label], about=node_id, id=note.id, text=note.text, user=note.user,
                      at=note.at).single() is not None

    with driver.session(database=database) as session:
        if not session.execute_write(work):
            raise NoteError(N_("There is no node with the id “{node}”."), node=node_id)
    return note


def notes_about(driver: Driver, database: str, node_id: str) -> list[Note]:
    """The notes about a node, newest first."""
    label = label_for(node_id)
    records, _, _ = driver.execute_query(NOTES_ABOUT[label], id=node_id, database_=database, routing_="r")
    return [Note(**record.data()) for record in records]


def notes_about_many(driver: Driver, database: str, node_ids: list[str]) -> dict[str, list[Note]]:
    """node id → its notes (newest first), for the nodes that have any."""
    records, _, _ = driver.execute_query(NOTES_ABOUT_MANY, ids=list(node_ids), labels=list(ID_PREFIX_LABELS.values()),
                                         database_=database, routing_="r")
    found: dict[str, list[Note]] = {}
    for record in records:
        found.setdefault(record["about"], []).append(Note(**record.data()))
    return found


def delete_note(driver: Driver, database: str, note_id: str, user: str) -> None:
    """Delete a note; only its author may."""
    def work(tx: ManagedTransaction) -> None:
        found = tx.run("MATCH (note:Note {id: $id}) RETURN note.user AS user", id=note_id).single()
        if found is None:
            raise NoteError(N_("There is no note with the id “{note}”."), note=note_id)
        if found["user"] != user:
            raise NoteError(N_("Only its author ({author}) deletes a note."), author=found["user"])
        tx.run("MATCH (note:Note {id: $id}) DETACH DELETE note", id=note_id)

    with driver.session(database=database) as session:
        session.execute_write(work)


def search_notes(driver: Driver, database: str, text: str, limit: int = 12) -> list[str]:
    """The ids of the nodes whose notes match the text (the explorer's search, dashboard.queries), best first."""
    return [hit["id"] for hit in note_hits(driver, database, text, limit=limit)]
