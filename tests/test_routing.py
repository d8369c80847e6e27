"""The product through a routing driver (`neo4j://`, as for Aura and Enterprise clusters), against the single test
server, which answers routing requests as its own router, reader and writer: load, search, canvas, saved queries,
the sandbox, a correction and a note all work, reads going through read transactions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from neo4j import Driver

from dashboard.canvas import build
from dashboard.queries import search_entities
from dashboard.view import default_view
from loader.corrections import merge, undo
from loader.pipeline import load
from newsgraph.config import Settings
from newsgraph.db import apply_schema, connect
from newsgraph.notes import add_note, notes_about
from newsgraph.saved_queries import load_library, run_cypher, run_saved
from tests.conftest import SAMPLES

pytestmark = pytest.mark.neo4j


@pytest.fixture
def routed(empty_graph: Driver, neo4j_settings: Settings) -> Iterator[Driver]:
    host = neo4j_settings.uri.split("://", 1)[1]
    with connect(replace(neo4j_settings, uri=f"neo4j://{host}")) as driver:
        driver.verify_connectivity()
        yield driver


def test_everything_works_through_a_neo4j_routing_uri(routed: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    apply_schema(routed, db)
    assert load([SAMPLES], routed, db).written >= 30
    assert any(hit["id"] == "person:vladimir-putin" for hit in search_entities(routed, db, "بوتين"))
    assert "person:vladimir-putin" in build(routed, db, {**default_view(), "focus": ["person:vladimir-putin"]}).nodes
    contacts = run_saved(routed, db, load_library()["person_contacts"], {"person": "person:vladimir-putin"})
    assert contacts.rows
    assert run_cypher(routed, db, "MATCH (p:Person) RETURN count(p) AS n").rows[0][0] > 10
    correction = merge(routed, db, ["person:donald-trump", "person:hassan-rouhani"], keep="person:donald-trump")
    undo(routed, db, correction.id)
    add_note(routed, db, "person:vladimir-putin", "ملاحظة عبر موجّه", "amal")
    assert [note.text for note in notes_about(routed, db, "person:vladimir-putin")] == ["ملاحظة عبر موجّه"]
