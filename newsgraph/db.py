"""Driver construction and schema application for whichever Neo4j the settings point at."""

from __future__ import annotations

import re

from neo4j import Driver, GraphDatabase

from newsgraph.config import PROJECT_ROOT, Settings

SCHEMA_FILE = PROJECT_ROOT / "cypher" / "schema.cypher"


def connect(settings: Settings) -> Driver:
    # Schema-less property warnings (e.g. the first content_hash look-up) are noise for users.
    return GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                notifications_min_severity="OFF")


def schema_statements(text: str) -> list[str]:
    without_comments = re.sub(r"^\s*//.*$", "", text, flags=re.MULTILINE)
    return [statement.strip() for statement in without_comments.split(";") if statement.strip()]


def apply_schema(driver: Driver, database: str) -> int:
    statements = schema_statements(SCHEMA_FILE.read_text(encoding="utf-8"))
    for statement in statements:
        # Schema commands cannot share a transaction with each other; each runs on its own.
        driver.execute_query(statement, database_=database)
    driver.execute_query("CALL db.awaitIndexes(60)", database_=database)
    return len(statements)
