"""Untrusted Cypher judged by its plan, not its text.

Every saved and ad-hoc query is first planned with `EXPLAIN` in the same READ transaction it will run in, and
refused unless the plan only reads the graph. Neo4j's own parser decides what the text means, so comments, escapes
and line breaks inside keywords («LOAD/**/CSV», «LO\\u0041D CSV») change nothing: the operator is in the plan.

Refused:
- any plan whose query type is not read-only (writes, schema changes, administration: `r` is the only type
  accepted; Neo4j reports `rw`, `w` or `s` for the others);
- `LoadCSV` (reads files on the server and fetches URLs: a READ transaction runs it);
- `CALL { … } IN TRANSACTIONS` (commits on its own);
- procedure calls outside ALLOWED_PROCEDURES (DBMS procedures such as `dbms.listConfig` or
  `dbms.killConnections` run in a READ transaction too);
- `SHOW …` and `TERMINATE …` commands (other users' queries and transactions) and every administration command;
- a plan for another database than the one configured (`USE`).

The managed server's configuration is the second line of defence (newsgraph.server: no CSV from file URLs,
Cypher fetches blocked for every address, no plugin procedures loaded, a per-transaction memory limit).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from neo4j import ManagedTransaction, Transaction

from newsgraph.messages import N_

# Read-only procedures an analyst may call: the graph's vocabulary and the full-text index.
ALLOWED_PROCEDURES = frozenset({
    "db.labels", "db.relationshipTypes", "db.propertyKeys",
    "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
    "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
})

# Plan operators that leave the graph or act beyond one read: refused whatever the query type says.
REFUSED_OPERATORS = {
    "LoadCSV": "LOAD CSV reads files on the database server and fetches URLs",
    "TransactionForeach": "CALL { … } IN TRANSACTIONS commits on its own",
    "TransactionApply": "CALL { … } IN TRANSACTIONS commits on its own",
    "AdministrationCommand": "administration commands are not queries of the graph",
}
# Operator families of commands about the server rather than the graph («SHOW TRANSACTIONS», «TERMINATE …»):
# Neo4j counts them as reads.
REFUSED_PREFIXES = ("Show", "Terminate")
# Shown in the interface language (the other refusals are for people who write Cypher, and stay in English).
WRITE_MESSAGE = N_("This query tries to change the database; saved and ad-hoc queries are read-only.")


class UnsafeQuery(ValueError):
    """A query whose plan does more than read the graph; the message says what and is meant for the user."""


def operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(operator, database, details) for every operator of a plan, depth first."""
    stack = [plan]
    while stack:
        node = stack.pop()
        name, _, database = str(node.get("operatorType", "")).partition("@")
        details = str((node.get("args") or {}).get("Details", ""))
        yield name, database, details
        stack.extend(node.get("children") or [])


def procedure_name(details: str) -> str:
    """«db.labels() :: (label :: STRING)» → «db.labels»."""
    return details.split("(", 1)[0].strip().strip("`").replace("`.`", ".")


def refusal(query_type: str | None, database: str | None, plan: Mapping[str, Any] | None,
            expected_database: str) -> str | None:
    """Why a planned query may not run (None: it only reads the graph)."""
    if plan is None:
        return "Neo4j gave no plan for this query, so it cannot be checked."
    for name, on_database, details in operators(plan):
        if name in REFUSED_OPERATORS:
            return f"Refused: {REFUSED_OPERATORS[name]}."
        if name == "ProcedureCall":
            procedure = procedure_name(details)
            if procedure not in ALLOWED_PROCEDURES:
                return (f"Refused: the procedure {procedure} is not on the list queries may call "
                        f"({', '.join(sorted(ALLOWED_PROCEDURES))}).")
        elif name.startswith(REFUSED_PREFIXES):
            return f"Refused: {name} is a command about the server, not a query of the graph."
        if on_database and on_database != expected_database:
            return f"Refused: the query runs on the database {on_database!r}; queries read {expected_database!r}."
    if query_type == "s":
        return "Refused: schema and administration commands are not queries of the graph."
    if query_type != "r":
        return WRITE_MESSAGE
    if database and database != expected_database:
        return f"Refused: the query runs on the database {database!r}; queries read {expected_database!r}."
    return None


def check(tx: Transaction | ManagedTransaction, cypher: str, parameters: Mapping[str, Any], database: str) -> None:
    """Plan `cypher` in this transaction and raise UnsafeQuery unless the plan only reads the graph."""
    summary = tx.run("EXPLAIN " + cypher, dict(parameters)).consume()
    reason = refusal(summary.query_type, summary.database, summary.plan, database)
    if reason is not None:
        raise UnsafeQuery(reason)
