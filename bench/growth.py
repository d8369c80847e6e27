"""How cost grows with the corpus: 50k, 200k (and more) articles, loaded online and in bulk, with the store size,
the memory of the loader and of Neo4j, and the explorer's latencies at each size.

    uv run python bench/growth.py [--sizes 50000,200000] [--online-up-to 200000] [--seconds 30] [--json OUT]

The corpus is the shared one (`../shared/data/news`, 50,200 articles), extracted once (cached in .bench-cache/)
and replicated: copy i shifts every date by i×1096 days and gives articles new ids, and a third of its people
(chosen by a hash of their id) a new id and a respelt name with the same look-up keys — so each copy's people
must be joined to the graph's by the resolver, and its meetings stay apart from the other copies'. Extraction
(≈330 articles/s on this machine's two cores, linear in the corpus) is left out: what is timed is what can grow
faster than the corpus — resolving against a bigger graph, writing, importing, querying.

Each size runs in a process of its own (its peak memory is the loader's), against a server of its own in
.neo4j-growth (replaced each time). Explorer latencies: bench/analysts.py with one analyst for --seconds, through
the dashboard as deployed. Plots: docs/growth-*.png.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "data" / "news"
CACHE = ROOT / ".bench-cache" / "extractions.pickle"
HOME = ROOT / ".neo4j-growth"
SHIFT_DAYS = 1096
PORTS = {"NEWSGRAPH_NEO4J_BOLT_PORT": "27987", "NEWSGRAPH_NEO4J_HTTP_PORT": "27974"}


def extractions() -> list[Any]:
    """Every article of the shared corpus, extracted (cached after the first run)."""
    from loader.document import Extraction
    from loader.pipeline import extract_all

    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    started = time.monotonic()
    items = [item for item in extract_all([CORPUS], workers=2) if isinstance(item, Extraction)]
    print(f"extracted {len(items)} articles in {time.monotonic() - started:.0f} s", file=sys.stderr)
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_bytes(pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
    return items


def _respelt(name: str) -> str:
    """Another spelling of a name, as outlets vary it: final ي/ى, hamza on alef."""
    if name.endswith("ي"):
        return name[:-1] + "ى"
    return name.replace("أ", "ا", 1) if "أ" in name else name.replace("ا", "أ", 1)


def _moved(person_id: str) -> bool:
    return hashlib.sha1(person_id.encode()).digest()[0] % 3 == 0


def replica(extraction: Any, copy: int) -> Any:
    """Copy `copy` of an extraction: shifted dates, a new article id, a third of its people under a new id and a
    respelt name (the same look-up keys, so the resolver joins them to the graph's)."""
    from loader.document import Extraction

    if copy == 0:
        return extraction
    shift = timedelta(days=SHIFT_DAYS * copy)

    def day(value: date | None) -> date | None:
        return value + shift if value else None

    def period(value: str | None) -> str | None:
        if not value:
            return value
        year, _, rest = value.partition("-")
        return f"{int(year) + 3 * copy}" + (f"-{rest}" if rest else "")

    article = replace(extraction.article, id=f"{extraction.article.id}-r{copy}",
                      published=day(extraction.article.published))
    ids = {e.id: f"{e.id}-c{copy}" for e in extraction.entities if e.type == "Person" and _moved(e.id)}
    entities = [replace(e, id=ids[e.id], name=_respelt(e.name), curated=False) if e.id in ids else e
                for e in extraction.entities]
    meetings = [replace(m, participants=[ids.get(p, p) for p in m.participants],
                        initiator=ids.get(m.initiator, m.initiator) if m.initiator else None,
                        date=day(m.date), period=period(m.period)) for m in extraction.meetings]
    return Extraction(article, entities, meetings)


def corpus(base: list[Any], size: int) -> Any:
    for n in range(size):
        copy, index = divmod(n, len(base))
        yield replica(base[index], copy)


def _env() -> dict[str, str]:
    return {**os.environ, "NEWSGRAPH_NEO4J_HOME": str(HOME), **PORTS, "NEWSGRAPH_NEO4J_HEAP": "3g",
            "NEWSGRAPH_NEO4J_PAGECACHE": "2g"}


def _server_peak_kb() -> int | None:
    pid_file = HOME / "run" / "neo4j.pid"
    try:
        status = Path(f"/proc/{pid_file.read_text().strip()}/status").read_text()
    except (OSError, ValueError):
        return None
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), None)


def run_size(size: int, online: bool) -> dict[str, Any]:
    """One size, in this process (run as a child of main)."""
    from loader.bulk.build import build_from
    from loader.bulk.load import check_target, import_graph
    from loader.write import GraphWriter
    from newsgraph.config import load_settings
    from newsgraph.db import apply_schema, connect
    from newsgraph.server import ManagedNeo4j

    base = extractions()
    settings = load_settings()
    result: dict[str, Any] = {"articles": size}
    ManagedNeo4j(settings).stop()
    shutil.rmtree(HOME / "data" / "databases" / "neo4j", ignore_errors=True)
    shutil.rmtree(HOME / "data" / "transactions" / "neo4j", ignore_errors=True)
    if online:
        server = ManagedNeo4j(settings)
        server.start()
        with connect(settings) as driver:
            driver.execute_query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
            apply_schema(driver, settings.database)
            writer = GraphWriter(driver, settings.database)
            started = time.monotonic()
            batch: list[Any] = []
            for extraction in corpus(base, size):
                batch.append(extraction)
                if len(batch) == 500:
                    writer.write(batch)
                    batch = []
            writer.write(batch)
            result["online_seconds"] = time.monotonic() - started
        result["online_neo4j_peak_mb"] = (_server_peak_kb() or 0) / 1024
        server.stop()
    server = check_target(settings, replace=True)
    started = time.monotonic()
    built = build_from(corpus(base, size))
    result["bulk_build_seconds"] = time.monotonic() - started
    imported = import_graph(built.store, settings, server)
    result["bulk_seconds"] = time.monotonic() - started
    result["bulk_steps"] = imported.seconds
    result["nodes"], result["relationships"] = imported.nodes, imported.relationships
    del built
    result["store_mb"] = sum(f.stat().st_size for f in (HOME / "data" / "databases" / "neo4j").rglob("*")
                             if f.is_file()) / 1e6
    result["loader_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def explorer_latencies(seconds: int) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "analysts.py"), "--clients", "1", "--seconds",
                           str(seconds), "--workers", "1", "--json"], env=_env(), capture_output=True, text=True,
                          cwd=ROOT, timeout=seconds * 10 + 300)
    if done.returncode != 0:
        return {"error": done.stderr[-1000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])["1"]


def plot(results: list[dict[str, Any]], folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["articles"] for r in results]
    figure, axes = plt.subplots(1, 3, figsize=(14, 4))
    axes[0].plot(sizes, [r["bulk_seconds"] for r in results], "o-", label="bulk (build + import)")
    online = [(r["articles"], r["online_seconds"]) for r in results if "online_seconds" in r]
    if online:
        axes[0].plot(*zip(*online, strict=True), "s-", label="online writer")
    axes[0].set(title="load time (extraction excluded)", xlabel="articles", ylabel="seconds")
    axes[0].legend()
    axes[1].plot(sizes, [r["store_mb"] for r in results], "o-", label="store on disk")
    axes[1].plot(sizes, [r["loader_peak_mb"] for r in results], "s-", label="loader peak (bulk)")
    axes[1].set(title="size and memory", xlabel="articles", ylabel="MB")
    axes[1].legend()
    for action in ("search", "focus", "expand", "details"):
        values = [r.get("explorer", {}).get(action, {}).get("p95_ms") for r in results]
        if any(v is not None for v in values):
            axes[2].plot(sizes, values, "o-", label=f"{action} p95")
    axes[2].set(title="explorer latency, one analyst", xlabel="articles", ylabel="ms")
    axes[2].legend()
    figure.tight_layout()
    figure.savefig(folder / "growth.png", dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,200000")
    parser.add_argument("--online-up-to", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--json", type=Path, default=ROOT / "docs" / "growth.json")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    parser.add_argument("--online", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.update({key: value for key, value in _env().items() if key.startswith("NEWSGRAPH_")})
    if args.one:
        print(json.dumps(run_size(args.one, args.online)))
        return
    extractions()  # the cache, once, before any timing
    # Results of earlier runs at other sizes are kept (a size run again replaces its own).
    results = json.loads(args.json.read_text()) if args.json.exists() else []
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run([sys.executable, __file__, "--one", str(size),
                               *(["--online"] if size <= args.online_up_to else [])],
                              env=_env(), capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"size {size} failed")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["explorer"] = explorer_latencies(args.seconds)
        result["neo4j_peak_mb"] = (_server_peak_kb() or 0) / 1024
        results = sorted([r for r in results if r["articles"] != size] + [result], key=lambda r: r["articles"])
        print(json.dumps(result), file=sys.stderr)
        args.json.write_text(json.dumps(results, indent=1))
    plot(results, ROOT / "docs")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
