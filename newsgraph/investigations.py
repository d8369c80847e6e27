"""Saved investigations: an explorer view (everything its URL holds) with a title and the analyst's notes, kept on
the server and opened by a short URL (/i/<token>).

`(:Investigation {id, title, search, notes, user, at, updated})`. The view is stored as the query string
dashboard.view writes for it, after a round trip through its parser, so only a well-formed view is kept and
opening it gives what the analyst saw. Writes are managed write transactions with parameters only; only the
author may change or delete an investigation.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError

from dashboard.view import decode, encode
from newsgraph.messages import N_, TranslatableError

TOKEN = re.compile(r"^[A-Za-z0-9_-]{8}$")  # secrets.token_urlsafe(6): 8 URL-safe characters, 48 random bits
MAX_TITLE_CHARS = 200
MAX_NOTES_CHARS = 5000
FIELDS = "i.id AS id, i.title AS title, i.search AS search, i.notes AS notes, i.user AS user, i.at AS at, " \
         "i.updated AS updated"


class InvestigationError(TranslatableError, ValueError):
    """An investigation that cannot be saved, changed or found; the message is for the analyst (English, translated
    by the dashboard into the interface language)."""


@dataclass(frozen=True)
class Investigation:
    id: str
    title: str
    search: str  # the explorer URL's query string, "" for the overview
    notes: str
    user: str
    at: str
    updated: str

    @property
    def url(self) -> str:
        return f"/i/{self.id}"

    @property
    def explorer_url(self) -> str:
        return "/" + self.search

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def canonical_search(search: str | None) -> str:
    """The query string of the view `search` describes, as the explorer writes it (parts it cannot read dropped)."""
    return encode(decode(search))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise InvestigationError(N_("Give the investigation a title."))
    if len(title) > MAX_TITLE_CHARS:
        raise InvestigationError(N_("The title is longer than {limit} characters."), limit=MAX_TITLE_CHARS)
    return title


def _notes(notes: str | None) -> str:
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES_CHARS:
        raise InvestigationError(N_("The notes are longer than {limit:,} characters."), limit=MAX_NOTES_CHARS)
    return notes


def is_token(token: str) -> bool:
    return bool(TOKEN.fullmatch(token or ""))


def save(driver: Driver, database: str, title: str, search: str | None, notes: str, user: str) -> Investigation:
    """Save a view as a new investigation under a fresh short token."""
    now = _now()
    fields = {"title": _title(title), "search": canonical_search(search), "notes": _notes(notes),
              "user": user or "dashboard", "at": now, "updated": now}

    def work(tx: ManagedTransaction, token: str) -> None:
        tx.run("CREATE (i:Investigation {id: $id}) SET i += $fields", id=token, fields=fields)

    with driver.session(database=database) as session:
        for _ in range(5):  # 48 random bits: a clash is rare; the uniqueness constraint catches it
            token = secrets.token_urlsafe(6)
            try:
                session.execute_write(work, token)
            except ConstraintError:
                continue
            return Investigation(id=token, **fields)
    raise InvestigationError(N_("No new token could be found for the investigation; try again."))


def get(driver: Driver, database: str, token: str) -> Investigation | None:
    if not is_token(token):
        return None
    records, _, _ = driver.execute_query(f"MATCH (i:Investigation {{id: $id}}) RETURN {FIELDS}", id=token,
                                         database_=database, routing_="r")
    return Investigation(**records[0].data()) if records else None


def list_all(driver: Driver, database: str, limit: int = 500) -> list[Investigation]:
    """Investigations, the most recently changed first."""
    records, _, _ = driver.execute_query(
        f"MATCH (i:Investigation) RETURN {FIELDS} ORDER BY i.updated DESC, i.id LIMIT $limit", limit=limit,
        database_=database, routing_="r")
    return [Investigation(**record.data()) for record in records]


def _author_only(tx: ManagedTransaction, token: str, user: str) -> None:
    found = tx.run("MATCH (i:Investigation {id: $id}) RETURN i.user AS user", id=token).single() \
        if is_token(token) else None
    if found is None:
        raise InvestigationError(N_("There is no investigation with the token “{token}”."), token=token)
    if found["user"] != user:
        raise InvestigationError(N_("Only its owner ({owner}) changes or deletes an investigation."),
                                 owner=found["user"])


def update(driver: Driver, database: str, token: str, user: str, *, title: str | None = None,
           search: str | None = None, notes: str | None = None) -> Investigation:
    """Change an investigation's title, view or notes (the author only); the others stay as they are."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = _title(title)
    if search is not None:
        changes["search"] = canonical_search(search)
    if notes is not None:
        changes["notes"] = _notes(notes)
    changes["updated"] = _now()

    def work(tx: ManagedTransaction) -> Investigation:
        _author_only(tx, token, user)
        record = tx.run(f"MATCH (i:Investigation {{id: $id}}) SET i += $changes RETURN {FIELDS}", id=token,
                        changes=changes).single()
        return Investigation(**record.data())

    with driver.session(database=database) as session:
        return session.execute_write(work)


def delete(driver: Driver, database: str, token: str, user: str) -> None:
    """Delete an investigation (the author only)."""
    def work(tx: ManagedTransaction) -> None:
        _author_only(tx, token, user)
        tx.run("MATCH (i:Investigation {id: $id}) DETACH DELETE i", id=token)

    with driver.session(database=database) as session:
        session.execute_write(work)
