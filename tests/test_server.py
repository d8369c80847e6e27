"""The managed Neo4j server: provisioned from Maven Central jars, bound to loopback, stoppable."""

from __future__ import annotations

import os
import subprocess
import sys

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
