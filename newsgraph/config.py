"""Connection and server settings, read from the environment and an optional `.env` file.

When `NEO4J_URI` is set, the product talks to that server (Docker, Aura, a cluster) and never
starts one. Otherwise it manages a local Neo4j Community server under `NEWSGRAPH_NEO4J_HOME`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PASSWORD = "newsgraph-local"  # only ever used by the loopback-bound managed server


@dataclass(frozen=True)
class Settings:
    uri: str
    user: str
    password: str
    database: str
    managed: bool
    home: Path
    bolt_port: int
    http_port: int
    heap: str
    pagecache: str
    http_enabled: bool = False  # the managed server's HTTP connector (Neo4j Browser); off unless asked for


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, got {raw!r}") from exc


def load_settings(env_file: Path | None = None) -> Settings:
    load_dotenv(env_file or PROJECT_ROOT / ".env", override=False)
    bolt_port = _int("NEWSGRAPH_NEO4J_BOLT_PORT", 7687)
    http_port = _int("NEWSGRAPH_NEO4J_HTTP_PORT", 7474)
    external_uri = os.environ.get("NEO4J_URI", "").strip()
    home = Path(os.environ.get("NEWSGRAPH_NEO4J_HOME", PROJECT_ROOT / ".neo4j")).resolve()
    return Settings(
        uri=external_uri or f"bolt://127.0.0.1:{bolt_port}",
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
        database=os.environ.get("NEO4J_DATABASE", "neo4j"),
        managed=not external_uri,
        home=home,
        bolt_port=bolt_port,
        http_port=http_port,
        heap=os.environ.get("NEWSGRAPH_NEO4J_HEAP", "1g"),
        pagecache=os.environ.get("NEWSGRAPH_NEO4J_PAGECACHE", "512m"),
        http_enabled=os.environ.get("NEWSGRAPH_NEO4J_HTTP", "").strip().lower() in ("1", "true", "yes", "on"),
    )
