"""The `newsgraph` command line, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.config import PROJECT_ROOT, load_settings
from tests.conftest import SAMPLES


def newsgraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], cwd=PROJECT_ROOT, text=True,
                          capture_output=True, env={**os.environ, **(env or {})}, timeout=120)


def test_help_documents_every_subcommand() -> None:
    result = newsgraph("--help")
    assert result.returncode == 0
    for command in ("neo4j", "load", "extract", "dashboard", "demo"):
        assert command in result.stdout
    neo4j_help = newsgraph("neo4j", "--help").stdout
    for command in ("start", "stop", "status"):
        assert command in neo4j_help


def test_extract_prints_one_json_document_per_article_with_the_documented_keys() -> None:
    files = sorted(SAMPLES.glob("*.txt"))[:3]
    result = newsgraph("extract", *map(str, files))
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(documents) == 3
    for document in documents:
        assert set(document) == {"article", "entities", "meetings"}
        assert {"id", "title", "published", "source", "url", "text"} <= set(document["article"])
        text = document["article"]["text"]
        for entity in document["entities"]:
            assert {"id", "type", "name", "name_en", "aliases", "translit", "country", "mentions"} <= set(entity)
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]
        ids = {entity["id"] for entity in document["entities"]}
        for meeting in document["meetings"]:
            assert set(meeting["participants"]) <= ids
            assert meeting["cameo"].startswith("04")


def test_extract_reports_a_bad_file_and_still_prints_the_good_one(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    good = sorted(SAMPLES.glob("*.txt"))[0]
    result = newsgraph("extract", str(bad), str(good))
    assert result.returncode == 1
    assert f"{bad}: binary file" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_extract_rejects_a_malformed_published_date() -> None:
    result = newsgraph("extract", str(SAMPLES), "--published", "3/2/2018")
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr


def test_an_external_neo4j_uri_is_used_and_nothing_is_started(tmp_path: Path) -> None:
    env = {"NEO4J_URI": "bolt://127.0.0.1:1", "NEWSGRAPH_NEO4J_HOME": str(tmp_path / "home")}
    result = newsgraph("neo4j", "status", env=env)
    assert result.returncode == 1
    assert "external (NEO4J_URI)" in result.stdout
    assert "answering: no" in result.stdout
    started = newsgraph("neo4j", "start", env=env)
    assert started.returncode != 0
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in started.stderr
    assert not (tmp_path / "home").exists()


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://example.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-pass")
    settings = load_settings()
    assert settings.managed is False
    assert settings.uri == "neo4j+s://example.databases.neo4j.io"
    monkeypatch.delenv("NEO4J_URI")
    monkeypatch.setenv("NEWSGRAPH_NEO4J_BOLT_PORT", "17999")
    settings = load_settings()
    assert settings.managed is True
    assert settings.uri == "bolt://127.0.0.1:17999"
    monkeypatch.setenv("NEWSGRAPH_NEO4J_BOLT_PORT", "seven")
    with pytest.raises(ValueError, match="NEWSGRAPH_NEO4J_BOLT_PORT"):
        load_settings()
