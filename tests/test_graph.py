"""Loading into a real Neo4j server: schema, idempotency, provenance, the seed's facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from loader.pipeline import load
from newsgraph.config import Settings
from tests.conftest import SAMPLES, SEED_ARTICLE, require_shared

pytestmark = pytest.mark.neo4j

COUNTS = """
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (m:Meeting) RETURN count(m) AS meetings }
RETURN nodes, relationships, meetings
"""


def counts(driver: Driver, settings: Settings) -> dict[str, int]:
    records, _, _ = driver.execute_query(COUNTS, database_=settings.database)
    return records[0].data()


def test_schema_has_unique_keys_and_the_arabic_fulltext_index(empty_graph: Driver, neo4j_settings: Settings) -> None:
    constraints, _, _ = empty_graph.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "RETURN labelsOrTypes[0] AS label, properties[0] AS key, type",
        database_=neo4j_settings.database)
    unique = {(r["label"], r["key"]) for r in constraints if r["type"] == "UNIQUENESS"}
    for label in ("Article", "Person", "Country", "Organization", "Place", "Meeting"):
        assert (label, "id") in unique
    indexes, _, _ = empty_graph.execute_query(
        "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options", database_=neo4j_settings.database)
    fulltext = {r["name"]: r["options"] for r in indexes}
    assert fulltext["entity_names"]["indexConfig"]["fulltext.analyzer"] == "arabic"


def test_loading_the_samples_twice_gives_the_same_graph(empty_graph: Driver, neo4j_settings: Settings) -> None:
    first = load([SAMPLES], empty_graph, neo4j_settings.database)
    assert first.failed == []
    assert first.written >= 30
    after_first = counts(empty_graph, neo4j_settings)
    assert after_first["meetings"] >= 15
    second = load([SAMPLES], empty_graph, neo4j_settings.database)
    assert second.written == 0
    assert second.skipped == first.written
    assert counts(empty_graph, neo4j_settings) == after_first


def test_a_changed_article_replaces_its_old_facts(empty_graph: Driver, neo4j_settings: Settings,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    body = "---\npublished: 2018-02-03\n---\nعنوان الخبر\n\n{}\n"
    path.write_text(body.format("أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع رجب طيب أردوغان أمس."))
    load([path], empty_graph, neo4j_settings.database)
    path.write_text(body.format("استقبل الرئيس الروسي فلاديمير بوتين في موسكو أمس الرئيس حسن روحاني."))
    load([path], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        "MATCH (m:Meeting) OPTIONAL MATCH (p)-[:PARTICIPATED_IN]->(m) RETURN m.type AS type, collect(p.id) AS who",
        database_=neo4j_settings.database)
    assert [(r["type"], sorted(r["who"])) for r in records] == [
        ("meeting", ["person:hassan-rouhani", "person:vladimir-putin"])]


def test_seed_article_in_the_graph(empty_graph: Driver, neo4j_settings: Settings) -> None:
    summary = load([require_shared(SEED_ARTICLE)], empty_graph, neo4j_settings.database,
                   published=date(2018, 2, 3))
    assert summary.written == 1
    records, _, _ = empty_graph.execute_query(
        """
        MATCH (putin:Person {name_en: 'Vladimir Putin'})-[:PARTICIPATED_IN]->(m:Meeting {type: 'call'})
              <-[:PARTICIPATED_IN]-(naz:Person {name_en: 'Nursultan Nazarbayev'})
        MATCH (putin)-[:REPRESENTS]->(:Country {iso2: 'RU'})
        MATCH (naz)-[:REPRESENTS]->(:Country {iso2: 'KZ'})
        MATCH (m)-[r:REPORTED_IN]->(a:Article)
        RETURN m.date AS date, m.cameo AS cameo, m.article_count AS reports, r.sentences AS sentences,
               r.starts AS starts, r.ends AS ends, a.text AS text, a.source AS source
        """, database_=neo4j_settings.database)
    assert len(records) == 1
    call = records[0]
    assert call["date"].to_native() == date(2018, 2, 2)
    assert call["cameo"] == "041"
    assert call["reports"] == 1
    assert call["source"] == "صحيفة الوطن"
    sentence, start, end = call["sentences"][0], call["starts"][0], call["ends"][0]
    assert "اتصال هاتفي" in sentence
    assert call["text"][start:end] == sentence  # evidence offsets index the stored article text
    records, _, _ = empty_graph.execute_query(
        """
        MATCH (:Person {name_en: 'Sergey Lavrov'})-[r:REPRESENTS]->(:Country {iso2: 'RU'})
        MATCH (a:Article {id: r.article})
        RETURN r.title AS title, substring(a.text, r.start, r.end - r.start) AS quoted
        """, database_=neo4j_settings.database)
    assert [(r["title"], r["quoted"]) for r in records] == [("وزير الخارجية الروسي", "وزير الخارجية الروسي")]


def test_two_articles_reporting_the_same_call_share_one_meeting(empty_graph: Driver, neo4j_settings: Settings,
                                                                 tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("---\npublished: 2018-02-03\nsource: صحيفة أ\n---\nعنوان\n\n"
                     "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره التركي رجب طيب أردوغان اليوم.\n")
    second.write_text("---\npublished: 2018-02-04\nsource: صحيفة ب\n---\nعنوان آخر\n\n"
                      "بحث بوتين وأردوغان أمس خلال اتصال هاتفي الوضع في سورية.\n")
    load([first, second], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        "MATCH (m:Meeting) RETURN m.article_count AS articles, m.outlet_count AS outlets, m.first_reported AS first",
        database_=neo4j_settings.database)
    assert len(records) == 1
    assert records[0]["articles"] == 2
    assert records[0]["outlets"] == 2
    assert records[0]["first"].to_native() == date(2018, 2, 3)


def test_fulltext_search_finds_a_name_typed_without_hamza(empty_graph: Driver, neo4j_settings: Settings) -> None:
    load([SAMPLES], empty_graph, neo4j_settings.database)
    for query in ("اردوغان", "أردوغان", "Erdogan"):
        records, _, _ = empty_graph.execute_query(
            "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id LIMIT 3",
            q=query, database_=neo4j_settings.database)
        assert "person:recep-tayyip-erdogan" in [r["id"] for r in records], query


def test_search_puts_the_person_meant_before_short_names_sharing_the_stem(empty_graph: Driver,
                                                                          neo4j_settings: Settings) -> None:
    """The Arabic analyzer stems «بوتين» to «بوت»: Bhutan («بوتان») and a «خرم بوت» match as well as Putin.
    The one whose name holds the typed text, and who takes part in meetings, must come first."""
    from dashboard.queries import search_entities

    empty_graph.execute_query("""
        CREATE (:Country {id: 'country:BT', iso2: 'BT', name: 'بوتان', name_en: 'Bhutan'})
        CREATE (:Person {id: 'person:khurram-but', name: 'خرم بوت'})
        CREATE (putin:Person {id: 'person:vladimir-putin', name: 'فلاديمير بوتين', name_en: 'Vladimir Putin'})
        WITH putin UNWIND range(1, 3) AS i
        CREATE (putin)-[:PARTICIPATED_IN]->(:Meeting {id: 'meeting:m' + i, type: 'call'})
        """, database_=neo4j_settings.database)
    empty_graph.execute_query("CALL db.awaitIndexes(60)", database_=neo4j_settings.database)
    for typed in ("بوتين", "بوت", "Putin"):
        hits = search_entities(empty_graph, neo4j_settings.database, typed)
        assert hits and hits[0]["id"] == "person:vladimir-putin", (typed, [h["id"] for h in hits])
    # A saved query's country parameter searches the same way, kept to countries.
    countries = search_entities(empty_graph, neo4j_settings.database, "بوت", label="Country")
    assert [hit["id"] for hit in countries] == ["country:BT"]
    assert search_entities(empty_graph, neo4j_settings.database, "بوت", label="Bogus") == []
