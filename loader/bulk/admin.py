"""Running Neo4j's offline importer (`neo4j-admin database import full`, in Community) on the managed server's
home: the import-tool jars are in its lib/ already (newsgraph.server provisions the whole server from Maven
Central), and the admin entry point runs from them with NEO4J_HOME and NEO4J_CONF set."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from loader.bulk.csvfiles import ARRAY_DELIMITER, ImportFiles
from newsgraph.server import ManagedNeo4j, _java

ADMIN_CLASS = "org.neo4j.server.startup.Neo4jAdminCommand"


class BulkImportFailed(RuntimeError):
    """The importer failed; the message holds its report."""


def import_command(server: ManagedNeo4j, database: str, files: ImportFiles, report: Path) -> list[str]:
    return [
        _java(), "-cp", f"{server.lib}/*", ADMIN_CLASS, "database", "import", "full",
        *(f"--nodes={label}={path}" for label, path in files.nodes),
        *(f"--relationships={kind}={path}" for kind, path in files.relationships),
        f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true", "--overwrite-destination=true",
        f"--report-file={report}", "--threads=" + str(max(1, os.cpu_count() or 1)), database,
    ]


def run_import(server: ManagedNeo4j, database: str, files: ImportFiles, folder: Path) -> str:
    """Build `database`'s store from the files (the server must be stopped). Returns the importer's summary."""
    if server.pid() is not None:
        raise BulkImportFailed("the Neo4j server is running: the offline importer needs it stopped")
    report = folder / "import.report"
    env = {**os.environ, "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.conf)}
    done = subprocess.run(import_command(server, database, files, report), env=env, capture_output=True,
                          text=True, cwd=server.home)
    if done.returncode != 0:
        detail = (done.stderr.strip() or done.stdout.strip())[-3000:]
        raise BulkImportFailed(f"neo4j-admin database import failed (exit {done.returncode}):\n{detail}")
    tail = done.stdout[done.stdout.rfind("IMPORT DONE"):] if "IMPORT DONE" in done.stdout else done.stdout[-500:]
    return tail.strip()
