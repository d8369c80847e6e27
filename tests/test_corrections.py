"""Analyst corrections against the real Neo4j: a merge makes one node of several and lasts through reloads and
new articles; a rejection hides a node everywhere and lasts; undo restores exactly the graph before."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from dashboard.canvas import build
from dashboard.elements import to_elements
from dashboard.export import edges_csv, nodes_csv
from dashboard.queries import search_entities
from dashboard.view import default_view
from loader.corrections import CorrectionError, edit, log, merge, reject, undo
from loader.pipeline import load
from newsgraph.config import PROJECT_ROOT, Settings
from newsgraph.saved_queries import load_library, run_saved
from tests.conftest import SAMPLES
from tests.test_load import dump

pytestmark = pytest.mark.neo4j


def graph_without_corrections(driver: Driver, settings: Settings) -> tuple[set, set]:
    nodes, relationships = dump(driver, settings)
    return {n for n in nodes if "Correction" not in n[0]}, relationships


def two_people(driver: Driver, database: str) -> tuple[dict, dict]:
    """The two people with the most meetings in the samples, with their meetings and articles."""
    records, _, _ = driver.execute_query(
        """MATCH (p:Person)-[:PARTICIPATED_IN]->(m:Meeting)
           WITH p, collect(DISTINCT m.id) AS meetings ORDER BY size(meetings) DESC, p.id LIMIT 2
           RETURN p.id AS id, p.name AS name, meetings,
                  COLLECT { MATCH (p)-[:MENTIONED_IN]->(a:Article) RETURN a.id } AS articles""",
        database_=database)
    first, second = (r.data() for r in records)
    return first, second


def person(driver: Driver, database: str, person_id: str) -> dict | None:
    records, _, _ = driver.execute_query(
        """MATCH (p:Person {id: $id})
           RETURN p.aliases AS aliases, COLLECT { MATCH (p)-[:PARTICIPATED_IN]->(m:Meeting) RETURN m.id } AS meetings,
                  COLLECT { MATCH (p)-[:MENTIONED_IN]->(a:Article) RETURN a.id } AS articles""",
        id=person_id, database_=database)
    return records[0].data() if records else None


def revised_samples(folder: Path) -> Path:
    """The samples as revised copies (same ids, another outlet line): a reload rewrites every article, its
    mentions and its reports, instead of skipping it as already loaded."""
    folder.mkdir(exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text.replace("\nsource: ", "\nsource: نسخة منقحة من ", 1), encoding="utf-8")
    return folder


@pytest.fixture
def samples(empty_graph: Driver, neo4j_settings: Settings) -> Driver:
    load([SAMPLES], empty_graph, neo4j_settings.database)
    return empty_graph


def test_a_merge_makes_one_node_with_every_meeting_and_mention_and_lasts_through_a_reload(
        samples: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    db = neo4j_settings.database
    kept, absorbed = two_people(samples, db)
    correction = merge(samples, db, [kept["id"], absorbed["id"]], keep=kept["id"], note="same person", user="amal")
    merged = person(samples, db, kept["id"])
    assert person(samples, db, absorbed["id"]) is None
    assert merged is not None
    assert set(merged["meetings"]) >= set(kept["meetings"]) | set(absorbed["meetings"]) - {None}
    assert set(merged["articles"]) == set(kept["articles"]) | set(absorbed["articles"])
    assert absorbed["name"] in merged["aliases"]
    # Reloading the same articles, revised, rewrites them: the absorbed node never comes back.
    summary = load([revised_samples(tmp_path / "revised")], samples, db)
    assert summary.written == summary.read > 0
    assert person(samples, db, absorbed["id"]) is None
    again = person(samples, db, kept["id"])
    assert again is not None and set(again["articles"]) == set(merged["articles"])
    assert [c.id for c in log(samples, db)] == [correction.id]
    assert (log(samples, db)[0].user, log(samples, db)[0].note) == ("amal", "same person")


def test_undo_restores_exactly_the_graph_before_the_merge(samples: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    before = graph_without_corrections(samples, neo4j_settings)
    kept, absorbed = two_people(samples, db)
    correction = merge(samples, db, [kept["id"], absorbed["id"]])
    assert graph_without_corrections(samples, neo4j_settings) != before
    undone = undo(samples, db, correction.id, user="amal")
    assert undone.undone and undone.undone_by == "amal"
    assert graph_without_corrections(samples, neo4j_settings) == before
    with pytest.raises(CorrectionError, match="already undone"):
        undo(samples, db, correction.id)


def test_a_new_article_naming_the_absorbed_person_joins_the_kept_node(samples: Driver, neo4j_settings: Settings,
                                                                     tmp_path: Path) -> None:
    db = neo4j_settings.database
    kept, absorbed = two_people(samples, db)
    correction = merge(samples, db, [kept["id"], absorbed["id"]], keep=kept["id"])
    article = tmp_path / "new.txt"
    article.write_text(f"---\npublished: 2018-09-01\n---\nعنوان\n\nوقال {absorbed['name']} في تصريح للصحفيين إن "
                       "المحادثات كانت مثمرة.\n", encoding="utf-8")
    load([article], samples, db)
    assert person(samples, db, absorbed["id"]) is None
    merged = person(samples, db, kept["id"])
    assert merged is not None and "new" in merged["articles"]
    # Undone after that load: the graph is the one the same articles give without the merge.
    undo(samples, db, correction.id)
    undone = graph_without_corrections(samples, neo4j_settings)
    samples.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load([SAMPLES], samples, db)
    load([article], samples, db)
    assert undone == graph_without_corrections(samples, neo4j_settings)


def test_a_rejected_person_is_gone_from_search_canvas_and_queries_and_stays_gone(
        samples: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    db = neo4j_settings.database
    before = graph_without_corrections(samples, neo4j_settings)
    junk, _ = two_people(samples, db)
    assert any(row["id"] == junk["id"] for row in search_entities(samples, db, junk["name"]))
    correction = reject(samples, db, junk["id"], note="not a person", user="amal")
    assert not any(row["id"] == junk["id"] for row in search_entities(samples, db, junk["name"]))
    canvas = build(samples, db, {**default_view(), "focus": [junk["id"]]})
    assert junk["id"] not in canvas.nodes
    overview = build(samples, db, default_view())
    assert junk["id"] not in overview.nodes
    assert junk["id"] not in nodes_csv(to_elements(overview)) + edges_csv(to_elements(overview))
    contacts = run_saved(samples, db, load_library()["person_contacts"], {"person": junk["id"]})
    assert contacts.rows == []
    assert [(c.kind, c.targets) for c in log(samples, db)] == [("reject", [junk["id"]])]
    undo(samples, db, correction.id)
    assert graph_without_corrections(samples, neo4j_settings) == before
    # Rejected again, then the articles that named it rewritten: it does not come back.
    reject(samples, db, junk["id"])
    assert load([revised_samples(tmp_path / "revised")], samples, db).written > 0
    assert person(samples, db, junk["id"]) is None
    assert samples.execute_query("MATCH (p:RejectedPerson {id: $id}) RETURN count(p) AS n", id=junk["id"],
                                 database_=db).records[0]["n"] == 1


@pytest.mark.parametrize(("ids", "message"), [
    (["person:nobody-at-all", "person:vladimir-putin"], "no node with id person:nobody-at-all"),
    (["person:vladimir-putin"], "at least two"),
    (["person:vladimir-putin", "country:RU"], "only nodes of one kind"),
])
def test_impossible_merges_are_refused_with_a_reason(samples: Driver, neo4j_settings: Settings, ids: list[str],
                                                     message: str) -> None:
    before = graph_without_corrections(samples, neo4j_settings)
    with pytest.raises(CorrectionError, match=message):
        merge(samples, neo4j_settings.database, ids)
    assert graph_without_corrections(samples, neo4j_settings) == before
    assert log(samples, neo4j_settings.database) == []


def test_the_cli_merges_lists_and_undoes(samples: Driver, neo4j_settings: Settings) -> None:
    import os

    db = neo4j_settings.database
    kept, absorbed = two_people(samples, db)
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": db}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "newsgraph.cli", "curate", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    merged = cli("merge", kept["id"], absorbed["id"], "--keep", kept["id"], "--note", "one person")
    assert merged.returncode == 0, merged.stderr
    [entry] = [json.loads(line) for line in cli("log", "--format", "json").stdout.splitlines()]
    assert (entry["kind"], entry["keep"], entry["note"], entry["undone"]) == ("merge", kept["id"], "one person",
                                                                             False)
    assert cli("undo", entry["id"]).returncode == 0
    again = cli("undo", entry["id"])
    assert again.returncode != 0 and "already undone" in again.stderr
    assert "undone by" in cli("log").stdout
    shared = PROJECT_ROOT / "test-artifacts" / "corrections.jsonl"
    shared.parent.mkdir(exist_ok=True)
    assert cli("export", str(shared)).returncode == 0
    assert [json.loads(line)["id"] for line in shared.read_text(encoding="utf-8").splitlines()] == [entry["id"]]
    imported = cli("import", str(shared))
    assert imported.returncode == 0 and "already here 1" in imported.stdout


def test_exported_corrections_rebuild_the_same_graph_in_a_fresh_database(samples: Driver,
                                                                        neo4j_settings: Settings) -> None:
    from loader.corrections import export, import_corrections
    from newsgraph.db import apply_schema

    db = neo4j_settings.database
    kept, absorbed = two_people(samples, db)
    merge(samples, db, [kept["id"], absorbed["id"]], keep=kept["id"], note="one person", user="amal")
    others = [r["id"] for r in samples.execute_query(
        "MATCH (p:Person) WHERE NOT p.id IN $ids RETURN p.id AS id ORDER BY id LIMIT 2",
        ids=[kept["id"]], database_=db).records]
    reject(samples, db, others[0], note="junk", user="amal")
    undone = reject(samples, db, others[1], user="amal")
    undo(samples, db, undone.id)
    exported = export(samples, db)
    corrected = dump(samples, neo4j_settings)

    samples.execute_query("MATCH (n) DETACH DELETE n", database_=db)  # a colleague's fresh database
    apply_schema(samples, db)
    load([SAMPLES], samples, db)
    report = import_corrections(samples, db, exported)
    assert (len(report.applied), len(report.skipped), report.conflicts) == (2, 1, [])
    nodes, relationships = dump(samples, neo4j_settings)
    # The same graph: every node and relationship; the correction records differ only in their snapshots
    # (and the undone one, which was never made here).
    strip = {"before", "touched", "after_hash", "undone", "undone_by", "undone_at"}

    def comparable(graph_nodes: set) -> set:
        out = set()
        for labels, props in graph_nodes:
            if "Correction" in labels:
                if dict(props).get("undone"):
                    continue
                props = tuple((k, v) for k, v in props if k not in strip)
            out.add((labels, props))
        return out

    assert comparable(nodes) == comparable(corrected[0]) and relationships == corrected[1]
    again = import_corrections(samples, db, exported)  # idempotent
    assert (again.applied, len(again.already), again.conflicts) == ([], 2, [])
    applied = next(entry for entry in exported if not entry["undone"])
    clash = import_corrections(samples, db, [{**applied, "targets": ["person:someone-else", "person:x"]},
                                             {"kind": "merge"}])
    assert len(clash.conflicts) == 2 and "another correction here" in clash.conflicts[0]


def test_an_edited_name_and_country_last_through_a_reload_and_undo_restores_them(
        samples: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    db = neo4j_settings.database
    before = graph_without_corrections(samples, neo4j_settings)
    target, _ = two_people(samples, db)
    correction = edit(samples, db, target["id"], {"name": "اسم صححه محلل", "name_en": "Corrected Name",
                                                  "country": "no"}, note="official spelling", user="amal")
    assert correction.changes["country"] == "NO"

    def state() -> dict:
        return samples.execute_query(
            "MATCH (p:Person {id: $id}) RETURN p.name AS name, p.name_en AS name_en, p.country AS country, "
            "p.aliases AS aliases, [(p)-[:REPRESENTS]->(c) | c.iso2] AS represents", id=target["id"],
            database_=db).records[0].data()

    edited = state()
    assert (edited["name"], edited["name_en"], edited["country"], edited["represents"]) == \
        ("اسم صححه محلل", "Corrected Name", "NO", ["NO"])
    assert target["name"] in edited["aliases"]
    undo(samples, db, correction.id)
    assert graph_without_corrections(samples, neo4j_settings) == before
    edit(samples, db, target["id"], {"name": "اسم صححه محلل", "country": "NO"})
    assert load([revised_samples(tmp_path / "revised")], samples, db).written > 0  # the articles give the old name
    assert (state()["name"], state()["country"]) == ("اسم صححه محلل", "NO")
    with pytest.raises(CorrectionError, match="no country with the code ZZ"):
        edit(samples, db, target["id"], {"country": "ZZ"})
