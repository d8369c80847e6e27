"""Concurrent analysts against the dashboard as it is deployed (gunicorn): how fast each action answers when
1, 8 and 32 people use it at once.

    uv run python bench/analysts.py [--clients 1,8,32] [--seconds 60] [--workers 2] [--url URL] [--json]

Without --url it serves the dashboard itself (`newsgraph dashboard --workers N`) against the configured Neo4j
(load the corpus first: `newsgraph load ../shared/data/news`). Each simulated analyst repeats, with no pause,
the walk an analyst makes: search a name → focus a person (the canvas is built) → expand one of the person's
meetings → open a node's details → run a saved query from its URL. Requests are the ones the browser sends
(Dash callbacks, found through /_dash-dependencies). Prints p50/p95 per action and the errors, per level.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ACTIONS = ("search", "focus", "expand", "details", "query")
DRAW = "canvas-change.data"  # the explorer's draw callback (its first output: the canvas delta)


class Dashboard:
    """The Dash callbacks an analyst's clicks trigger, called as the browser calls them."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.url = url.rstrip("/") + "/"
        self.headers = headers or {}
        request = urllib.request.Request(self.url + "_dash-dependencies", headers=self.headers)
        self.dependencies = json.loads(urllib.request.urlopen(request, timeout=30).read())

    def _dependency(self, output_prefix: str) -> dict[str, Any]:
        return next(d for d in self.dependencies if d["output"].lstrip(".").startswith(output_prefix))

    def call(self, output_prefix: str, values: dict[str, Any], changed: str) -> dict[str, Any]:
        """POST one callback: `values` maps "id.property" of inputs and states to their values (others None,
        pattern-matching ones empty)."""
        dependency = self._dependency(output_prefix)

        def items(specs: list[dict[str, Any]]) -> list[Any]:
            out: list[Any] = []
            for spec in specs:
                if spec["id"].startswith("{"):  # a pattern-matching id: no such components on the page
                    out.append([])
                    continue
                out.append({"id": spec["id"], "property": spec["property"],
                            "value": values.get(f"{spec['id']}.{spec['property']}")})
            return out

        output = dependency["output"]
        parts = output.strip(".").split("...") if output.startswith("..") else [output]
        outputs = [{"id": part.rsplit(".", 1)[0], "property": part.rsplit(".", 1)[1]} for part in parts]
        body = {"output": output, "outputs": outputs if output.startswith("..") else outputs[0],
                "inputs": items(dependency["inputs"]), "state": items(dependency.get("state", [])),
                "changedPropIds": [changed]}
        request = urllib.request.Request(self.url + "_dash-update-component", data=json.dumps(body).encode(),
                                         headers={**self.headers, "Content-Type": "application/json"},
                                         method="POST")
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"{}").get("response", {})


def snapshot(view: dict[str, Any]) -> dict[str, Any]:
    from dashboard.view import default_view

    return {"view": {**default_view(), **view}, "positions": {}, "at": 0}


def analyst(board: Dashboard, people: list[tuple[str, str]], until: float, seed: int,
            timings: dict[str, list[float]], errors: dict[str, int], lock: threading.Lock) -> None:
    rng = random.Random(seed)

    def timed(action: str, output: str, values: dict[str, Any], changed: str) -> Any:
        started = time.perf_counter()
        try:
            result = board.call(output, values, changed)
        except (urllib.error.URLError, OSError, ValueError, KeyError, StopIteration) as exc:
            with lock:
                errors[action] = errors.get(action, 0) + 1
            if os.environ.get("NEWSGRAPH_BENCH_VERBOSE"):
                print(f"{action}: {exc}", file=sys.stderr)
            return None
        with lock:
            timings[action].append(time.perf_counter() - started)
        return result

    while time.monotonic() < until:
        person, name = rng.choice(people)
        timed("search", "search.options", {"search.search_value": name[:4]}, "search.search_value")
        focused = timed("focus", DRAW, {"snapshot.data": snapshot({"focus": [person]})}, "snapshot.data")
        change = ((focused or {}).get("canvas-change") or {}).get("data") or {}
        meetings = [e["data"]["id"] for e in (change.get("delta") or {}).get("upsert", [])
                    if e["data"].get("id", "").startswith("meeting:")]
        target = rng.choice(meetings) if meetings else person
        timed("expand", DRAW, {"snapshot.data": snapshot(
            {"focus": [person], "expand": {person: 1, target: 1}})}, "snapshot.data")
        timed("details", "details.children", {"selected.data": target}, "selected.data")
        timed("query", "qp-result.children", {"url.search": f"?name=person_contacts&person={person}",
                                              "url.pathname": "/queries"}, "url.search")


def busiest_people(limit: int = 200) -> list[tuple[str, str]]:
    from newsgraph.config import load_settings
    from newsgraph.db import connect

    settings = load_settings()
    with connect(settings) as driver:
        records, _, _ = driver.execute_query(
            "MATCH (p:Person)-[:PARTICIPATED_IN]->(m:Meeting) RETURN p.id AS id, p.name AS name, count(m) AS n "
            "ORDER BY n DESC LIMIT $limit", limit=limit, database_=settings.database)
    return [(r["id"], r["name"]) for r in records]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_level(board: Dashboard, people: list[tuple[str, str]], clients: int, seconds: float) -> dict[str, Any]:
    timings: dict[str, list[float]] = {action: [] for action in ACTIONS}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=analyst, args=(board, people, until, i, timings, errors, lock))
               for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {action: {"count": len(values), "errors": errors.get(action, 0),
                     "p50_ms": round(1000 * statistics.median(values), 1) if values else None,
                     "p95_ms": round(1000 * percentile(values, 0.95), 1) if values else None}
            for action, values in timings.items()}


def serve(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "dashboard", "--port", str(port),
                                "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("the dashboard did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--url")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    people = busiest_people()
    if not people:
        raise SystemExit("no Person with meetings in the graph: load articles first")
    process, url = (None, args.url) if args.url else serve(args.workers)
    try:
        board = Dashboard(url)
        results = {}
        for clients in (int(c) for c in args.clients.split(",")):
            results[clients] = run_level(board, people, clients, args.seconds)
            if not args.json:
                print(f"{clients} analyst{'s' if clients > 1 else ''}, {args.seconds:.0f} s:")
                for action, row in results[clients].items():
                    print(f"  {action:<8} n={row['count']:<5} p50 {row['p50_ms']} ms  p95 {row['p95_ms']} ms  "
                          f"errors {row['errors']}")
        if args.json:
            print(json.dumps(results))
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
