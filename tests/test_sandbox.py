"""Untrusted Cypher is judged by its plan (newsgraph.sandbox): a committed corpus of hostile queries, run against
the real Neo4j, is refused whole, changes nothing and makes the database server fetch nothing."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from neo4j import Driver

from newsgraph.config import Settings
from newsgraph.saved_queries import QueryError, load_library, run_cypher, run_saved

HOSTILE = Path(__file__).parent / "hostile" / "queries.cypher"


def hostile_queries() -> list[str]:
    chunks = HOSTILE.read_text(encoding="utf-8").split("\n// ---\n")[1:]
    queries = ["\n".join(line for line in chunk.splitlines() if not line.startswith("// ")).strip()
               for chunk in chunks]
    return [q for q in queries if q]


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"a,b\n1,2\n")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[str]:
    """A local HTTP server that records every request the database server might make."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def fingerprint(driver: Driver, database: str) -> tuple:
    graph = driver.execute_query(
        """MATCH (n) WITH count(n) AS nodes, sum(size(keys(n))) AS properties,
                          sum(CASE WHEN n.name = 'hacked' OR n.hacked IS NOT NULL THEN 1 ELSE 0 END) AS hacked
           OPTIONAL MATCH ()-[r]->() RETURN nodes, properties, hacked, count(r) AS relationships""",
        database_=database).records[0]
    indexes = sorted(r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name", database_=database).records)
    users = sorted(r["user"] for r in driver.execute_query("SHOW USERS YIELD user", database_="system").records)
    return tuple(graph.values()), tuple(indexes), tuple(users)


def test_the_hostile_corpus_is_large_enough_to_mean_something() -> None:
    assert len(hostile_queries()) >= 30


def test_every_hostile_query_is_refused_changes_nothing_and_fetches_nothing(
        samples_graph: Driver, neo4j_settings: Settings, listener: str) -> None:
    before = fingerprint(samples_graph, neo4j_settings.database)
    ran = []
    for query in hostile_queries():
        try:
            run_cypher(samples_graph, neo4j_settings.database, query.replace("{url}", listener))
        except QueryError:
            continue
        ran.append(query)
    assert ran == []
    assert _Recorder.requests == []
    assert fingerprint(samples_graph, neo4j_settings.database) == before


@pytest.mark.parametrize(("query", "reason"), [
    ("LOAD/**/CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV reads files"),
    ("CALL dbms.listConfig() YIELD name RETURN name", "procedure dbms.listConfig is not on the list"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "command about the server"),
    ("MATCH (n) CALL (n) { SET n.hacked = true } RETURN count(*)", "read-only"),
])
def test_the_refusal_says_what_the_plan_would_do(samples_graph: Driver, neo4j_settings: Settings, query: str,
                                                 reason: str) -> None:
    with pytest.raises(QueryError, match=reason):
        run_cypher(samples_graph, neo4j_settings.database, query)


def test_a_saved_query_file_is_judged_by_its_plan_too(samples_graph: Driver, neo4j_settings: Settings,
                                                      tmp_path: Path, listener: str) -> None:
    (tmp_path / "fetch.cypher").write_text(
        f"// title: Looks like a search\n// param q: string = x\n// returns: table\n"
        f"LOAD /* hidden */ CSV FROM '{listener}/saved?q=' + $q AS row RETURN row\n", encoding="utf-8")
    with pytest.raises(QueryError, match="LOAD CSV"):
        run_saved(samples_graph, neo4j_settings.database, load_library(tmp_path)["fetch"])
    assert _Recorder.requests == []


def test_reading_queries_and_allowed_procedures_still_run(samples_graph: Driver, neo4j_settings: Settings) -> None:
    labels = run_cypher(samples_graph, neo4j_settings.database, "CALL db.labels() YIELD label RETURN label")
    assert {"Person", "Meeting", "Article"} <= {row[0] for row in labels.rows}
    found = run_cypher(samples_graph, neo4j_settings.database,
                       "CYPHER runtime=slotted MATCH (p:Person {id: 'person:vladimir-putin'}) RETURN p.name")
    assert found.rows == [["فلاديمير بوتين"]]


def test_a_result_larger_than_the_byte_cap_is_cut_before_it_is_rendered(samples_graph: Driver,
                                                                       neo4j_settings: Settings) -> None:
    result = run_cypher(samples_graph, neo4j_settings.database,
                        "UNWIND range(1, 200) AS i RETURN i, reduce(s = '', x IN range(1, 100) | s + 'x') AS pad",
                        max_bytes=10_000)
    assert result.too_large and result.truncated
    assert 0 < len(result.rows) < 200


@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_an_integer_parameter_beyond_64_bits_is_a_clear_error(samples_graph: Driver, neo4j_settings: Settings,
                                                              value: str) -> None:
    with pytest.raises(QueryError, match="too large a number"):
        run_cypher(samples_graph, neo4j_settings.database, "RETURN $n AS n", {"n": int(value)})
    with pytest.raises(ValueError, match="whole number between"):
        load_library()["co_mentions"].bind({"limit": value})
