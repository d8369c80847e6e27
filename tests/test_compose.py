"""docker-compose.yml checked without a Docker engine: parse it and assert what users rely on."""

from __future__ import annotations

import re

import yaml

from newsgraph.config import PROJECT_ROOT


def compose() -> dict:
    return yaml.safe_load((PROJECT_ROOT / "docker-compose.yml").read_text())


def test_neo4j_uses_the_official_526_image_with_auth_from_the_environment() -> None:
    neo4j = compose()["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    test = " ".join(neo4j["healthcheck"]["test"])
    assert "wget" in test and "7474" in test  # the image has wget, not curl
    assert {"/data", "/logs"} <= {volume.split(":")[1] for volume in neo4j["volumes"]}


def test_every_published_port_is_bound_to_loopback() -> None:
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            assert re.match(r"^127\.0\.0\.1:", port), f"{name} publishes {port} beyond localhost"


def test_dashboard_and_loader_wait_for_a_healthy_neo4j_and_point_at_it() -> None:
    services = compose()["services"]
    for name in ("dashboard", "loader"):
        service = services[name]
        assert service["build"] == "."
        assert service["depends_on"]["neo4j"]["condition"] == "service_healthy"
        assert service["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
        assert "NEO4J_PASSWORD" in service["environment"]["NEO4J_PASSWORD"]
    assert services["loader"]["profiles"] == ["load"]
    assert services["loader"]["command"][:2] == ["newsgraph", "load"]
    assert "8050" in services["dashboard"]["ports"][0]


def test_dockerfile_copies_what_the_app_imports() -> None:
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    for folder in ("newsgraph", "loader", "dashboard", "cypher", "samples"):
        assert f"COPY {folder} {folder}" in dockerfile
    assert "uv sync --frozen" in dockerfile


def test_the_docker_neo4j_has_the_managed_servers_hardening_and_the_dashboard_starts() -> None:
    services = compose()["services"]
    environment = services["neo4j"]["environment"]
    assert environment["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert environment["NEO4J_internal_dbms_cypher__ip__blocklist"] == "0.0.0.0/0,::/0"
    assert "NEO4J_db_memory_transaction_max" in environment
    # Bound to every address inside the container, the dashboard needs --anonymous (or a users file) to start.
    command = services["dashboard"]["command"]
    assert command[command.index("--host") + 1] == "0.0.0.0" and "--anonymous" in command
