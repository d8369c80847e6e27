"""Hand audits of the loaded graph (newsgraph audit): samples, evidence sentences and scores."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from neo4j import Driver

from newsgraph.audit import (
    nodes_per_encounter,
    pair_meetings,
    precision_of,
    sample_people,
    sentence_around,
    top_people,
)
from newsgraph.cli import main
from newsgraph.config import Settings


def test_the_evidence_is_the_sentence_around_the_mention() -> None:
    text = "جملة أولى. التقى بوتين نظيره التركي في سوتشي. جملة ثالثة"
    start = text.index("بوتين")
    assert sentence_around(text, start, start + len("بوتين")) == "التقى بوتين نظيره التركي في سوتشي."


def test_precision_counts_only_judged_rows() -> None:
    rows = [{"judgement": "person"}, {"judgement": "person"}, {"judgement": "partial"}, {"judgement": "not_person"},
            {"judgement": ""}]
    result = precision_of(rows)
    assert result["judged"] == 4 and result["person"] == 2 and result["precision"] == 0.5


def test_nodes_per_encounter() -> None:
    rows = [{"pair": "A – B", "encounter": "helsinki"}, {"pair": "A – B", "encounter": "helsinki"},
            {"pair": "A – B", "encounter": "vietnam"}, {"pair": "A – B", "encounter": "none"},
            {"pair": "A – C", "encounter": "call-1"}]
    result = nodes_per_encounter(rows)
    assert result["pairs"] == {"A – B": 1.5, "A – C": 1.0}
    assert (result["nodes"], result["encounters"], result["nodes_per_encounter"]) == (4, 3, 1.333)


@pytest.mark.neo4j
def test_samples_of_the_loaded_graph(samples_graph: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.database
    first = sample_people(samples_graph, database, 5, seed=7)
    assert [row.id for row in first] == [row.id for row in sample_people(samples_graph, database, 5, seed=7)]
    assert len({row.id for row in first}) == 5
    assert all(row.evidence and any(form in row.evidence for form in [row.name, *row.aliases]) for row in first)
    top = top_people(samples_graph, database, 3)
    assert [row.meetings for row in top] == sorted((row.meetings for row in top), reverse=True)
    assert top[0].id == "person:vladimir-putin"
    rows = pair_meetings(samples_graph, database, 2)
    assert rows and all(row["encounter"] == "" and row["evidence"] for row in rows)


@pytest.mark.neo4j
def test_audit_command_prints_judgeable_json_lines(samples_graph: Driver, neo4j_settings: Settings,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.password)
    result = CliRunner().invoke(main, ["audit", "people", "--top", "3", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3 and all(row["judgement"] == "" for row in rows)
    refused = CliRunner().invoke(main, ["audit", "people"])
    assert refused.exit_code != 0 and "--sample" in refused.output
