"""Corrections beyond merge and reject, against the real Neo4j: splitting a wrongly merged node, giving a node
another kind, merging two reports that are one meeting, adding and removing a meeting's participant. Each lasts
through a reload of the same articles, and undo restores exactly the graph before it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from neo4j import Driver

from dashboard.queries import search_entities
from loader.corrections import CorrectionError, edit, log, merge, participant, split, undo
from loader.pipeline import load
from newsgraph.config import PROJECT_ROOT, Settings
from tests.conftest import SAMPLES
from tests.test_corrections import graph_without_corrections, revised_samples

pytestmark = pytest.mark.neo4j

TRUMP, ROUHANI, SAFADI = "person:donald-trump", "person:hassan-rouhani", "person:ayman-safadi"


@pytest.fixture
def samples(empty_graph: Driver, neo4j_settings: Settings) -> Driver:
    load([SAMPLES], empty_graph, neo4j_settings.database)
    return empty_graph


def links(driver: Driver, database: str, node_id: str) -> dict:
    """A node's kind, articles and meetings (None when there is no such node)."""
    records = driver.execute_query(
        """MATCH (n {id: $id}) WHERE n:Person OR n:Organization OR n:Place
           RETURN labels(n) AS labels, n.name AS name,
                  COLLECT { MATCH (n)-[:MENTIONED_IN]->(a:Article) RETURN a.id } AS articles,
                  COLLECT { MATCH (n)-[:PARTICIPATED_IN]->(m:Meeting) RETURN m.id } AS meetings,
                  COLLECT { MATCH (n)-[:REPRESENTS]->(c) RETURN c.iso2 } AS represents""",
        id=node_id, database_=database).records
    return records[0].data() if records else None


def parties(driver: Driver, database: str, meeting_id: str) -> set[str]:
    return {r["id"] for r in driver.execute_query(
        "MATCH (e)-[:PARTICIPATED_IN]->(:Meeting {id: $id}) RETURN e.id AS id", id=meeting_id,
        database_=database).records}


def test_a_wrong_merge_is_split_back_by_names_and_the_split_lasts(samples: Driver, neo4j_settings: Settings,
                                                                  tmp_path: Path) -> None:
    db = neo4j_settings.database
    trump, rouhani = links(samples, db, TRUMP), links(samples, db, ROUHANI)
    merge(samples, db, [TRUMP, ROUHANI], keep=TRUMP, user="amal")  # two people wrongly made one
    after_merge = graph_without_corrections(samples, neo4j_settings)
    correction = split(samples, db, TRUMP, aliases=["حسن روحاني", "روحاني"], note="two people", user="amal")
    new_id = correction.changes["id"]
    assert correction.result == [TRUMP, new_id]
    split_off, kept = links(samples, db, new_id), links(samples, db, TRUMP)
    # Every article goes back to the person it names; the meetings reported only where Rouhani is named follow.
    assert split_off["name"] == "حسن روحاني" and split_off["labels"] == ["Person"]
    assert set(split_off["articles"]) == set(rouhani["articles"])
    assert set(kept["articles"]) == set(trump["articles"])
    assert split_off["meetings"] and set(split_off["meetings"]) <= set(rouhani["meetings"])
    assert not set(kept["meetings"]) & set(split_off["meetings"])
    assert any(hit["id"] == new_id for hit in search_entities(samples, db, "روحاني"))
    assert not any(hit["id"] == TRUMP for hit in search_entities(samples, db, "روحاني"))
    with pytest.raises(CorrectionError, match="at least one of its names"):
        split(samples, db, TRUMP, aliases=["دونالد ترامب", "ترامب"])
    with pytest.raises(CorrectionError, match="has no name"):
        split(samples, db, TRUMP, aliases=["اسم لا وجود له"])

    undo(samples, db, correction.id)
    assert graph_without_corrections(samples, neo4j_settings) == after_merge
    correction = split(samples, db, TRUMP, aliases=["حسن روحاني", "روحاني"], user="amal")
    new_id = correction.changes["id"]
    # Reloaded (revised) articles still name Rouhani: they go to the split-off node, not back into Trump.
    assert load([revised_samples(tmp_path / "revised")], samples, db).written > 0
    assert set(links(samples, db, new_id)["articles"]) == set(rouhani["articles"])
    assert set(links(samples, db, TRUMP)["articles"]) == set(trump["articles"])
    assert links(samples, db, ROUHANI) is None
    # A new article naming him joins the split-off node too.
    article = tmp_path / "new" / "rouhani-new.txt"
    article.parent.mkdir()
    article.write_text("---\npublished: 2018-09-01\n---\nعنوان\n\nوقال حسن روحاني في تصريح للصحفيين إن المحادثات "
                       "كانت مثمرة.\n", encoding="utf-8")
    load([article], samples, db)
    assert "rouhani-new" in links(samples, db, new_id)["articles"]


def test_a_person_that_is_an_organization_becomes_one_and_stays_one(samples: Driver, neo4j_settings: Settings,
                                                                    tmp_path: Path) -> None:
    db = neo4j_settings.database
    before = graph_without_corrections(samples, neo4j_settings)
    safadi = links(samples, db, SAFADI)
    correction = edit(samples, db, SAFADI, {"type": "Organization"}, note="test of kinds", user="amal")
    new_id = correction.changes["id"]
    assert new_id == "org:ayman-safadi" and correction.result == [new_id]
    retyped = links(samples, db, new_id)
    assert links(samples, db, SAFADI) is None
    assert retyped["labels"] == ["Organization"]
    assert set(retyped["articles"]) == set(safadi["articles"]) and set(retyped["meetings"]) == set(safadi["meetings"])
    assert retyped["represents"] == []  # an organization represents no state
    assert [hit["label"] for hit in search_entities(samples, db, "أيمن الصفدي") if hit["id"] == new_id] == \
        ["Organization"]
    undo(samples, db, correction.id)
    assert graph_without_corrections(samples, neo4j_settings) == before
    edit(samples, db, SAFADI, {"type": "Organization"})
    assert load([revised_samples(tmp_path / "revised")], samples, db).written > 0
    assert links(samples, db, SAFADI) is None
    assert set(links(samples, db, new_id)["articles"]) == set(safadi["articles"])
    with pytest.raises(CorrectionError, match="between Person, Organization, Place"):
        edit(samples, db, "country:RU", {"type": "Person"})


def lavrov_de_mistura(driver: Driver, database: str) -> list[str]:
    """Two reports of one encounter the extractor kept apart (a meeting and a conference, the same day)."""
    return [r["id"] for r in driver.execute_query(
        """MATCH (:Person {id: 'person:sergey-lavrov'})-[:PARTICIPATED_IN]->(m:Meeting)
                 <-[:PARTICIPATED_IN]-(:Person {id: 'person:staffan-de-mistura'})
           WHERE m.date = date('2018-01-30') RETURN m.id AS id ORDER BY m.type DESC""",
        database_=database).records]


def test_two_meetings_merged_into_one_stay_one_through_a_reload(samples: Driver, neo4j_settings: Settings,
                                                                tmp_path: Path) -> None:
    db = neo4j_settings.database
    before = graph_without_corrections(samples, neo4j_settings)
    meetings = lavrov_de_mistura(samples, db)
    assert len(meetings) == 2
    reports = samples.execute_query("MATCH (m:Meeting)-[:REPORTED_IN]->(a) WHERE m.id IN $ids RETURN "
                                    "collect(DISTINCT a.id) AS a", ids=meetings, database_=db).records[0]["a"]
    correction = merge(samples, db, meetings, keep=meetings[0], note="one encounter", user="amal")
    assert lavrov_de_mistura(samples, db) == [meetings[0]]
    kept = samples.execute_query("MATCH (m:Meeting {id: $id}) RETURN m.article_count AS n, "
                                 "COLLECT { MATCH (m)-[:REPORTED_IN]->(a) RETURN a.id } AS a", id=meetings[0],
                                 database_=db).records[0]
    assert set(kept["a"]) == set(reports) and kept["n"] == len(set(reports))
    undo(samples, db, correction.id)
    assert graph_without_corrections(samples, neo4j_settings) == before
    merge(samples, db, meetings, keep=meetings[0])
    assert load([revised_samples(tmp_path / "revised")], samples, db).written > 0
    assert lavrov_de_mistura(samples, db) == [meetings[0]]


def test_a_participant_added_and_one_removed_stay_so_through_a_reload(samples: Driver, neo4j_settings: Settings,
                                                                      tmp_path: Path) -> None:
    db = neo4j_settings.database
    before = graph_without_corrections(samples, neo4j_settings)
    meeting = lavrov_de_mistura(samples, db)[0]
    added = participant(samples, db, "add", meeting, "org:united-nations", note="he came as UN envoy", user="amal")
    removed = participant(samples, db, "remove", meeting, "person:staffan-de-mistura", user="amal")
    assert parties(samples, db, meeting) == {"person:sergey-lavrov", "org:united-nations"}
    link = samples.execute_query("MATCH (:Organization {id: 'org:united-nations'})-[r:PARTICIPATED_IN]->"
                                 "(:Meeting {id: $id}) RETURN r.added_by AS by, r.note AS note", id=meeting,
                                 database_=db).records[0]
    assert (link["by"], link["note"]) == ("amal", "he came as UN envoy")  # told apart from extracted links
    with pytest.raises(CorrectionError, match="already takes part"):
        participant(samples, db, "add", meeting, "person:sergey-lavrov")
    with pytest.raises(CorrectionError, match=r"undo .* first"):
        undo(samples, db, added.id)
    undo(samples, db, removed.id)
    undo(samples, db, added.id)
    assert graph_without_corrections(samples, neo4j_settings) == before
    participant(samples, db, "add", meeting, "org:united-nations")
    participant(samples, db, "remove", meeting, "person:staffan-de-mistura")
    assert load([revised_samples(tmp_path / "revised")], samples, db).written > 0
    assert parties(samples, db, meeting) == {"person:sergey-lavrov", "org:united-nations"}
    assert [c.kind for c in log(samples, db)][-2:] == ["add_participant", "remove_participant"]


def test_the_cli_splits_retypes_and_changes_participants(samples: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": db}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([sys.executable, "-m", "newsgraph.cli", "curate", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done

    cli("merge", TRUMP, ROUHANI, "--keep", TRUMP)
    assert "split" in cli("split", TRUMP, "--aliases", "حسن روحاني،روحاني", "--note", "two people").stdout
    cli("edit", SAFADI, "--type", "Organization")
    meeting = lavrov_de_mistura(samples, db)[0]
    cli("participant", "add", meeting, "org:united-nations", "--note", "UN envoy")
    table = cli("log").stdout
    assert "split" in table and "type=Organization" in table and f"{meeting} + org:united-nations" in table
    assert links(samples, db, "org:ayman-safadi")["labels"] == ["Organization"]


def corrections_to_undo(driver: Driver, database: str) -> dict:
    meetings = lavrov_de_mistura(driver, database)
    return {
        "merge people": lambda: merge(driver, database, [TRUMP, ROUHANI], keep=TRUMP),
        "split": lambda: split(driver, database, "person:recep-tayyip-erdogan",
                               aliases=["رجب طيب أردوجان", "أردوجان"]),
        "kind": lambda: edit(driver, database, SAFADI, {"type": "Organization", "name": "اسم آخر"}),
        "merge meetings": lambda: merge(driver, database, meetings, keep=meetings[0]),
        "add participant": lambda: participant(driver, database, "add", meetings[0], "org:united-nations"),
        "remove participant": lambda: participant(driver, database, "remove", meetings[0],
                                                  "person:staffan-de-mistura"),
    }


@pytest.mark.parametrize("kind", ["merge people", "split", "kind", "merge meetings", "add participant",
                                  "remove participant"])
def test_undone_after_a_reload_the_graph_is_the_one_the_articles_give_without_it(
        samples: Driver, neo4j_settings: Settings, tmp_path: Path, kind: str) -> None:
    db = neo4j_settings.database
    revised = revised_samples(tmp_path / "revised")
    correction = corrections_to_undo(samples, db)[kind]()
    assert load([revised], samples, db).written > 0  # every article rewritten under the correction
    undo(samples, db, correction.id)
    undone = graph_without_corrections(samples, neo4j_settings)
    samples.execute_query("MATCH (n) DETACH DELETE n", database_=db)
    load([SAMPLES], samples, db)
    load([revised], samples, db)
    fresh = graph_without_corrections(samples, neo4j_settings)
    # Compared node by node (by id), so that a failure names the property that differs.
    assert {dict(props)["id"]: dict(props) for _, props in undone[0] - fresh[0]} == \
        {dict(props)["id"]: dict(props) for _, props in fresh[0] - undone[0]}
    assert undone == fresh


def test_analysts_facts_are_told_apart_from_extracted_ones_on_the_canvas_and_in_exports(
        samples: Driver, neo4j_settings: Settings) -> None:
    import csv
    import io

    from dashboard.canvas import build
    from dashboard.elements import to_elements
    from dashboard.export import edges_csv, nodes_csv, to_graphml
    from dashboard.view import default_view

    db = neo4j_settings.database
    meeting = lavrov_de_mistura(samples, db)[0]
    participant(samples, db, "add", meeting, "org:united-nations", user="amal")
    edit(samples, db, "person:sergey-lavrov", {"name_en": "Sergei Lavrov"}, user="amal")
    elements = to_elements(build(samples, db, {**default_view(), "focus": [meeting]}))
    edges = {row["source"]: row for row in csv.DictReader(io.StringIO(edges_csv(elements).lstrip("\ufeff")))
             if row["target"] == meeting}
    assert (edges["org:united-nations"]["source_of_fact"], edges["org:united-nations"]["added_by"]) == \
        ("analyst", "amal")
    assert edges["person:sergey-lavrov"]["source_of_fact"] == "extracted"
    nodes = {row["id"]: row for row in csv.DictReader(io.StringIO(nodes_csv(elements).lstrip("\ufeff")))}
    assert (nodes["person:sergey-lavrov"]["source_of_fact"], nodes["person:sergey-lavrov"]["corrections"]) == \
        ("analyst", "edit")
    assert nodes["person:staffan-de-mistura"]["source_of_fact"] == "extracted"
    classes = {e["data"]["id"]: e["classes"] for e in elements}
    assert "corrected" in classes["person:sergey-lavrov"].split()
    assert "analyst" in classes[f"org:united-nations>PARTICIPATED_IN>{meeting}"].split()
    assert "added_by" in to_graphml(elements)


def test_with_sign_in_on_only_a_signed_in_analyst_corrects_and_the_record_names_them(
        samples: Driver, neo4j_settings: Settings) -> None:
    """The dashboard's correction callback, called as the browser calls it: refused without credentials,
    recorded under the analyst's name with them."""
    import base64

    from werkzeug.security import generate_password_hash

    from dashboard.serve import build_server

    db = neo4j_settings.database
    client = build_server(neo4j_settings, ["localhost"],
                          {"amal": generate_password_hash("a-long-password")}).test_client()
    signed_in = {"Authorization": "Basic " + base64.b64encode(b"amal:a-long-password").decode()}
    callbacks = client.get("/_dash-dependencies", headers=signed_in).get_json()
    [callback] = [c for c in callbacks if c["output"].startswith("..correction-message.children")]
    inputs = [[] if isinstance(i["id"], str) and i["id"].startswith("{") else
              {"id": i["id"], "property": i["property"], "value": 1 if i["id"] == "correct-reject" else 0}
              for i in callback["inputs"]]
    state = [{"id": s["id"], "property": s["property"],
              "value": {"selected": SAFADI, "correct-note": "ليس خبرًا"}.get(s["id"])} for s in callback["state"]]
    request = {"output": callback["output"], "outputs": [
        {"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]}
        for part in callback["output"].strip(".").split("...")],
        "inputs": inputs, "state": state, "changedPropIds": ["correct-reject.n_clicks"]}
    assert client.post("/_dash-update-component", json=request).status_code == 401
    assert log(samples, db) == []
    answer = client.post("/_dash-update-component", json=request, headers=signed_in)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:500]
    [correction] = log(samples, db)
    assert (correction.kind, correction.targets, correction.user, correction.note) == \
        ("reject", [SAFADI], "amal", "ليس خبرًا")


def test_every_kind_of_correction_exported_rebuilds_the_same_graph_in_a_fresh_database(
        samples: Driver, neo4j_settings: Settings) -> None:
    from loader.corrections import export, import_corrections, reject
    from newsgraph.db import apply_schema
    from tests.test_load import dump

    db = neo4j_settings.database
    for make in corrections_to_undo(samples, db).values():
        make()
    reject(samples, db, "person:shkr-rhn", note="not a name")
    exported = export(samples, db)
    assert sorted({entry["kind"] for entry in exported}) == sorted(
        ["merge", "split", "edit", "add_participant", "remove_participant", "reject"])
    corrected = graph_without_corrections(samples, neo4j_settings)

    samples.execute_query("MATCH (n) DETACH DELETE n", database_=db)  # a colleague's fresh database
    apply_schema(samples, db)
    load([SAMPLES], samples, db)
    report = import_corrections(samples, db, exported)
    assert (len(report.applied), report.conflicts) == (len(exported), [])
    assert graph_without_corrections(samples, neo4j_settings) == corrected
    assert import_corrections(samples, db, exported).applied == []  # idempotent
    assert len(dump(samples, neo4j_settings)[0]) > 0
