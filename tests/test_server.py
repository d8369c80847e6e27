"""The managed Neo4j server: provisioned from Maven Central jars, bound to loopback, stoppable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.config import PROJECT_ROOT, Settings
from newsgraph.server import ManagedNeo4j, status

pytestmark = pytest.mark.neo4j


def test_managed_server_answers_on_loopback_with_the_configured_password(neo4j_settings: Settings) -> None:
    if not neo4j_settings.managed:
        pytest.skip("tests run against an external server")
    state = status(neo4j_settings)
    assert state.running and state.answering
    conf = (neo4j_settings.home / "conf" / "neo4j.conf").read_text()
    assert f"server.bolt.listen_address=127.0.0.1:{neo4j_settings.bolt_port}" in conf
    assert "server.default_listen_address=127.0.0.1" in conf
    assert any(p.name.startswith("neo4j-kernel-5.26.") for p in (neo4j_settings.home / "lib").iterdir())


def test_cli_status_reports_the_running_server(neo4j_settings: Settings) -> None:
    if not neo4j_settings.managed:
        pytest.skip("tests run against an external server")
    env = {**os.environ, "NEWSGRAPH_NEO4J_HOME": str(neo4j_settings.home),
           "NEWSGRAPH_NEO4J_BOLT_PORT": str(neo4j_settings.bolt_port), "NEO4J_PASSWORD": neo4j_settings.password}
    env.pop("NEO4J_URI", None)
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "neo4j", "status"], cwd=PROJECT_ROOT,
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"running, pid {ManagedNeo4j(neo4j_settings).pid()}" in result.stdout
    assert "answering: yes" in result.stdout


def test_a_wrong_password_is_reported_plainly(neo4j_settings: Settings) -> None:
    if not neo4j_settings.managed:
        pytest.skip("tests run against an external server")
    from dataclasses import replace

    from newsgraph.server import ServerError

    wrong = ManagedNeo4j(replace(neo4j_settings, password="not-the-password"))
    with pytest.raises(ServerError, match="refused the password"):
        wrong.wait_until_ready(timeout=20)


@pytest.fixture
def fresh_server(neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A second managed server in a new home (its jars shared with the test server's), on free ports."""
    if not neo4j_settings.managed:
        pytest.skip("tests run against an external server")
    from dataclasses import replace

    from tests.conftest import free_port

    home = tmp_path_factory.mktemp("neo4j-home")
    (home / "lib").symlink_to(neo4j_settings.home / "lib", target_is_directory=True)
    bolt = free_port()
    settings = replace(neo4j_settings, home=home, bolt_port=bolt, http_port=free_port(),
                       uri=f"bolt://127.0.0.1:{bolt}", password="fresh-server-password", heap="512m")
    server = ManagedNeo4j(settings)
    yield server
    server.stop()


def test_a_fresh_server_is_private_and_its_password_never_on_a_command_line(fresh_server: ManagedNeo4j) -> None:
    from newsgraph.server import answers

    report = fresh_server.start(timeout=240)
    answers(fresh_server.settings)  # the password given in the environment was set over Bolt
    command_line = Path(f"/proc/{report.pid}/cmdline").read_bytes()
    assert fresh_server.settings.password.encode() not in command_line
    for folder in ("", "data", "conf", "logs"):
        assert (fresh_server.home / folder).stat().st_mode & 0o077 == 0, folder
    conf = (fresh_server.home / "conf" / "neo4j.conf").read_text()
    for line in ("server.http.enabled=false", "dbms.security.allow_csv_import_from_file_urls=false",
                 "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0", "db.memory.transaction.max=128m"):
        assert line in conf


def test_a_port_taken_by_another_program_stops_start_with_a_clear_message(fresh_server: ManagedNeo4j) -> None:
    import socket

    from newsgraph.server import ServerError

    with socket.socket() as other:  # another program already listening on the bolt port
        other.bind(("127.0.0.1", fresh_server.settings.bolt_port))
        other.listen()
        with pytest.raises(ServerError, match="already used by another program"):
            fresh_server.start(timeout=60)
    assert fresh_server.pid() is None


def test_the_server_itself_fetches_no_url_and_reads_no_file_for_cypher(driver, neo4j_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """Behind the sandbox, the managed server's own settings refuse LOAD CSV from files and from any address."""
    import http.server
    import threading

    from neo4j.exceptions import ClientError

    if not neo4j_settings.managed:
        pytest.skip("tests run against an external server")
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    listener = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    try:
        for url in (f"http://127.0.0.1:{listener.server_address[1]}/x", "file:///etc/passwd"):
            with pytest.raises(ClientError):  # run with the admin's own driver: no sandbox in between
                driver.execute_query(f"LOAD CSV FROM '{url}' AS row RETURN count(row)",
                                     database_=neo4j_settings.database)
    finally:
        listener.shutdown()
        listener.server_close()
    assert hits == []


def test_a_query_that_needs_too_much_memory_is_stopped_and_the_server_stays_up(
        driver, neo4j_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.saved_queries import QueryError, run_cypher
    from newsgraph.server import answers

    with pytest.raises(QueryError, match="more memory than one query may use"):
        run_cypher(driver, neo4j_settings.database,
                   "UNWIND range(1, 6000000) AS i RETURN size(collect(toString(i) + 'padding-padding-padding'))")
    answers(neo4j_settings)
