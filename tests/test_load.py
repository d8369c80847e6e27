"""Loading as an analyst relies on it: resumable after kill -9, variants merged, keys enforced."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver
from neo4j.exceptions import ConstraintError

from loader.pipeline import load
from newsgraph.config import PROJECT_ROOT, Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.neo4j

DUMP_NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
DUMP_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.id, elementId(a)) AS start, coalesce(b.id, elementId(b)) AS end,
       properties(r) AS props
"""


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def dump(driver: Driver, settings: Settings) -> tuple[set, set]:
    nodes, _, _ = driver.execute_query(DUMP_NODES, database_=settings.database)
    relationships, _, _ = driver.execute_query(DUMP_RELATIONSHIPS, database_=settings.database)
    return (
        {(tuple(sorted(r["labels"])), tuple(sorted((k, _freeze(v)) for k, v in r["props"].items()))) for r in nodes},
        {(r["type"], r["start"], r["end"], tuple(sorted((k, _freeze(v)) for k, v in r["props"].items())))
         for r in relationships},
    )


def corpus(folder: Path, copies: int) -> Path:
    """The samples `copies` times over, each copy a month later, so meetings do not merge across copies."""
    folder.mkdir()
    for copy in range(copies):
        for path in sorted(SAMPLES.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            published = date.fromisoformat(re.search(r"published: (\S+)", text).group(1))
            shifted = published + timedelta(days=40 * copy)
            text = text.replace(f"published: {published}", f"published: {shifted}", 1)
            (folder / f"{copy:02d}_{path.name}").write_text(text, encoding="utf-8")
    return folder


def test_a_load_killed_midway_and_run_again_equals_one_clean_load(
        empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    articles = corpus(tmp_path / "articles", copies=4)
    load([articles], empty_graph, neo4j_settings.database, batch_size=5)
    clean = dump(empty_graph, neo4j_settings)
    assert len(clean[0]) > 300

    empty_graph.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}
    command = [sys.executable, "-m", "newsgraph.cli", "load", str(articles), "--batch-size", "5", "--workers", "1"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    loaded = 0
    while time.monotonic() < deadline and process.poll() is None:
        records, _, _ = empty_graph.execute_query("MATCH (a:Article) RETURN count(a) AS n",
                                                  database_=neo4j_settings.database)
        loaded = records[0]["n"]
        if loaded >= 40:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the load finished before it could be killed; make the corpus larger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < loaded < 136

    resumed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "skipped as already loaded: " in resumed.stdout
    assert dump(empty_graph, neo4j_settings) == clean


def test_spelling_variants_of_one_person_in_two_articles_are_one_node(
        empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\npublished: 2018-03-01\n---\nعنوان\n\n"
                                    "استقبل الرئيس الكيني أوهورو كينياتا أمس وزير الخارجية الأمريكي ريكس تيلرسون.\n")
    (tmp_path / "b.txt").write_text("---\npublished: 2018-03-02\n---\nعنوان\n\n"
                                    "قال الرئيس الكيني اوهورو كنياتا إن بلاده ترحب بالاستثمار.\n")
    load([tmp_path], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        "MATCH (p:Person)-[:REPRESENTS]->(:Country {iso2: 'KE'}) "
        "OPTIONAL MATCH (p)-[:MENTIONED_IN]->(a:Article) RETURN p.name AS name, p.aliases AS aliases, count(a) AS n",
        database_=neo4j_settings.database)
    assert len(records) == 1
    assert records[0]["n"] == 2
    assert {records[0]["name"], *records[0]["aliases"]} >= {"أوهورو كينياتا", "اوهورو كنياتا"}


def test_node_keys_are_enforced_by_the_database(empty_graph: Driver, neo4j_settings: Settings) -> None:
    empty_graph.execute_query("CREATE (:Person {id: 'person:x', name: 'س'})", database_=neo4j_settings.database)
    with pytest.raises(ConstraintError):
        empty_graph.execute_query("CREATE (:Person {id: 'person:x', name: 'ص'})", database_=neo4j_settings.database)
    empty_graph.execute_query("CREATE (:Country {id: 'country:RU', iso2: 'RU'})", database_=neo4j_settings.database)
    with pytest.raises(ConstraintError):
        empty_graph.execute_query("CREATE (:Country {id: 'country:R2', iso2: 'RU'})",
                                  database_=neo4j_settings.database)


def test_fulltext_search_ignores_diacritics(empty_graph: Driver, neo4j_settings: Settings) -> None:
    load([SAMPLES], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.id AS id LIMIT 3",
        q="أَرْدُوغَان", database_=neo4j_settings.database)
    assert "person:recep-tayyip-erdogan" in [r["id"] for r in records]


def test_dry_run_writes_nothing(empty_graph: Driver, neo4j_settings: Settings) -> None:
    summary = load([SAMPLES], None, neo4j_settings.database)
    assert summary.read >= 30 and summary.meetings > 0 and summary.written == 0
    records, _, _ = empty_graph.execute_query("MATCH (n) RETURN count(n) AS n", database_=neo4j_settings.database)
    assert records[0]["n"] == 0
