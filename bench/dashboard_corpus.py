"""The explorer on the real shared news corpus, used as an analyst would: the overview, the busiest person,
the busiest entity, a click to expand, a canvas of several hundred nodes; plus the search and details queries.

    uv run python bench/dashboard_corpus.py [--runs 3] [--corpus ../shared/data/news] [--keep-server]

It uses the bench Neo4j of bench/dashboard_render.py (.neo4j-bench, port 27687). When that database holds
fewer than --min-articles articles, it is wiped and the corpus is loaded with the project's own loader
(as `newsgraph load` does); otherwise the graph already there is used, so a rerun skips the load. Running
bench/dashboard_render.py or bench/load_throughput.py replaces that graph.

Browser figures come from bench/dashboard_render.py's in-page monitor: render is navigation start → the
frame after which the canvas no longer changed (SETTLE_MS quiet, no Dash request in flight, and the canvas
holding exactly the nodes and links the draw callback reported); expand is cytoscape's own tap → the same.
"details" is a tap on a node already expanded: no redraw, only the details panel (node_details) — timed to
the last change of the panel's DOM. Expected element counts come from dashboard.canvas.build run here, in
this process, which is also timed query by query. Runs are interleaved; a warm-up round is not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver

from bench.dashboard_render import (
    CHROMEDRIVER,
    CHROMIUM,
    CY,
    DRAW_OUTPUT,
    SETTLE_MS,
    STATE_JS,
    bench_neo4j,
    close_session,
    open_browser,
    print_console_errors,
    settled,
    severe,
    start_dashboard,
    wait_until,
    wipe,
)
from dashboard import canvas as canvas_builder
from dashboard import queries
from dashboard.elements import to_elements
from dashboard.view import View, apply, decode, default_view, encode
from loader.pipeline import load
from newsgraph.config import PROJECT_ROOT
from newsgraph.db import apply_schema

CORPUS = PROJECT_ROOT.parent / "shared" / "data" / "news"
# Prefixes an analyst types, and whom they are after (the report gives that entity's rank among the hits).
SEARCHES = (("بوت", "person:vladimir-putin"), ("بوتين", "person:vladimir-putin"),
            ("اردوغ", "person:recep-tayyip-erdogan"), ("السيس", "person:abdel-fattah-al-sisi"),
            ("Putin", "person:vladimir-putin"), ("Erdo", "person:recep-tayyip-erdogan"),
            ("Sisi", "person:abdel-fattah-al-sisi"))
BIG_BUDGET = 1000

# STATE_JS plus when the details panel last changed (a MutationObserver installed before a details tap).
STATE_DETAILS_JS = ("const s = (() => { " + STATE_JS + " })();"
                    " if (s) { s.detailsAt = window.__bench.detailsAt || 0; } return s;")
WATCH_DETAILS_JS = """
const B = window.__bench;
B.detailsAt = 0;
if (!window.__detailsObserver) {
  window.__detailsObserver = new MutationObserver(() => { window.__bench.detailsAt = performance.now(); });
  window.__detailsObserver.observe(document.getElementById('details'),
                                   {childList: true, subtree: true, characterData: true});
}
"""
# A double click expands (a click selects): two taps, then cytoscape.js's double tap.
TAP_JS = (f"const t = performance.now(); {CY}.getElementById(arguments[0]).emit('tap').emit('tap').emit('dbltap');"
          " return t;")
# A click (details only).
CLICK_JS = f"const t = performance.now(); {CY}.getElementById(arguments[0]).emit('tap'); return t;"
ON_CANVAS_JS = f"return {CY}.getElementById(arguments[0]).nonempty();"


# -- the corpus in the bench database ------------------------------------------------------------------------

COUNTS = {label: f"MATCH (n:{label}) RETURN count(n) AS n"
          for label in ("Article", "Meeting", "Person", "Country", "Organization", "Place")}


def graph_counts(driver: Driver, database: str) -> dict[str, int]:
    counts = {label: driver.execute_query(query, database_=database)[0][0]["n"] for label, query in COUNTS.items()}
    counts["relationships"] = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n",
                                                   database_=database)[0][0]["n"]
    return counts


def ensure_corpus(driver: Driver, database: str, corpus: Path, min_articles: int, workers: int,
                  reload: bool) -> None:
    articles = graph_counts(driver, database)["Article"]
    if articles >= min_articles and not reload:
        print(f"the bench database already holds {articles} articles (>= {min_articles}): no load", flush=True)
        return
    print(f"the bench database holds {articles} articles (< {min_articles}"
          f"{', --reload' if reload else ''}): wiping it and loading {corpus}", flush=True)
    started = time.perf_counter()
    wipe(driver, database)
    apply_schema(driver, database)
    wiped = time.perf_counter() - started
    done = [0, 0]  # articles so far, last printed

    def progress(size: int) -> None:
        done[0] += size
        if done[0] - done[1] >= 10_000:
            done[1] = done[0]
            print(f"  … {done[0]} records in {time.perf_counter() - started:.0f}s", flush=True)

    summary = load([corpus], driver, database, workers=workers, batch_size=500, on_progress=progress)
    seconds = time.perf_counter() - started - wiped
    print(f"load: {summary.read} articles from {summary.files} files in {seconds:.1f}s "
          f"({summary.read / seconds:.0f} articles/s, {workers} extraction workers; wipe and schema {wiped:.1f}s); "
          f"written {summary.written}, skipped {summary.skipped}, failed {len(summary.failed)}, "
          f"{summary.meetings} meetings extracted, {summary.nodes_created} nodes and "
          f"{summary.relationships_created} relationships created", flush=True)


# -- what an analyst would look at ---------------------------------------------------------------------------


@dataclass
class Entity:
    id: str
    name: str
    name_en: str | None
    label: str
    meetings: int

    def __str__(self) -> str:
        english = f" / {self.name_en}" if self.name_en else ""
        return f"{self.id} ({self.name}{english}, {self.label}, {self.meetings} meetings)"


# Meetings as the explorer counts them when it expands a node: participation, and for a state also topics.
BUSIEST = """
MATCH (m:Meeting)-[:PARTICIPATED_IN|CONCERNS]-(e)
WITH e, count(DISTINCT m) AS meetings
RETURN e.id AS id, e.name AS name, e.name_en AS name_en, labels(e)[0] AS label, meetings
ORDER BY meetings DESC, id LIMIT 1
"""
PEOPLE = """
MATCH (p:Person)-[:PARTICIPATED_IN]->(m:Meeting)
WITH p, count(m) AS meetings
RETURN p.id AS id, p.name AS name, p.name_en AS name_en, 'Person' AS label, meetings
ORDER BY meetings DESC, id
"""
MEETING_COUNTS = """
UNWIND $ids AS id
MATCH (e {id: id})-[:PARTICIPATED_IN|CONCERNS]-(m:Meeting)
RETURN e.id AS id, count(DISTINCT m) AS meetings
"""


@dataclass
class Picks:
    busiest_entity: Entity
    busiest_person: Entity
    middling_person: Entity
    people_summary: str


def pick(driver: Driver, database: str) -> Picks:
    """The busiest entity, the busiest person, and a person in between: the one whose meeting count is
    closest to the geometric middle of 1 and the busiest person's (so a couple of pages to show)."""
    busiest = Entity(**dict(driver.execute_query(BUSIEST, database_=database)[0][0]))
    people = [Entity(**dict(row)) for row in driver.execute_query(PEOPLE, database_=database)[0]]
    counts = sorted(p.meetings for p in people)
    target = max(2.0, people[0].meetings ** 0.5)
    middling = min(people, key=lambda p: (abs(p.meetings - target), -p.meetings, p.id))
    summary = (f"{len(people)} people take part in meetings: median {statistics.median(counts):.0f}, "
               f"90th percentile {counts[int(0.9 * (len(counts) - 1))]}, "
               f"99th {counts[int(0.99 * (len(counts) - 1))]}, max {counts[-1]} meetings; "
               f"middling target {target:.0f}")
    return Picks(busiest, people[0], middling, summary)


def meeting_counts(driver: Driver, database: str, ids: list[str]) -> dict[str, int]:
    rows, _, _ = driver.execute_query(MEETING_COUNTS, ids=ids, database_=database)
    return {row["id"]: row["meetings"] for row in rows}


# -- timing the dashboard's queries in this process ----------------------------------------------------------


def query_names() -> dict[str, str]:
    """Query text → its name in dashboard.queries (e.g. EXPANSION_MEETINGS[Country])."""
    names: dict[str, str] = {}
    for name, value in vars(queries).items():
        if not name.isupper():
            continue
        if isinstance(value, str):
            names[value] = name
        elif isinstance(value, dict):
            for key, text in value.items():
                if isinstance(text, str) and "MATCH" in text:
                    names[text] = f"{name}[{key[0] if isinstance(key, tuple) else key}]" if len(value) > 1 else name
    return names


class QueryClock:
    """Wraps dashboard.queries._read (which every dashboard query goes through) to time each query."""

    def __init__(self) -> None:
        self.names = query_names()
        self.calls: list[tuple[str, float, int]] = []  # name, ms, rows

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        original = queries._read

        def timed(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
            started = time.perf_counter()
            rows = original(driver, database, query, **params)
            self.calls.append((self.names.get(query, "other"), (time.perf_counter() - started) * 1000, len(rows)))
            return rows

        queries._read = timed  # type: ignore[assignment]
        try:
            yield
        finally:
            queries._read = original  # type: ignore[assignment]

    def run(self, work: Callable[[], Any]) -> tuple[Any, float, list[tuple[str, float, int]]]:
        self.calls = []
        started = time.perf_counter()
        result = work()
        return result, (time.perf_counter() - started) * 1000, list(self.calls)


@dataclass
class Timed:
    what: str
    totals: list[float] = field(default_factory=list)
    per_query: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    rows: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def add(self, total: float, calls: list[tuple[str, float, int]]) -> None:
        self.totals.append(total)
        summed: dict[str, float] = defaultdict(float)
        rows: dict[str, int] = defaultdict(int)
        for name, ms, count in calls:
            summed[name] += ms
            rows[name] += count
        self.rows = self.rows or dict(rows)
        for name, ms in summed.items():
            self.per_query[name].append(ms)

    def breakdown(self, top: int = 4) -> str:
        ranked = sorted(self.per_query.items(), key=lambda item: -statistics.median(item[1]))[:top]
        return ", ".join(f"{name} {statistics.median(values):.0f} ms ({self.rows.get(name, 0)} rows)"
                         for name, values in ranked)


def time_calls(clock: QueryClock, what: str, work: Callable[[], Any], calls: int, budget_s: float = 30.0,
               wanted: str | None = None) -> Timed:
    """`calls` calls (at least 3, fewer when they take more than budget_s in all) after one warm-up call."""
    timed = Timed(what)
    result, _, _ = clock.run(work)
    started = time.monotonic()
    for number in range(calls):
        _, total, made = clock.run(work)
        timed.add(total, made)
        if number >= 2 and time.monotonic() - started > budget_s:
            break
    if isinstance(result, list):
        ids = [hit["id"] for hit in result]
        timed.note = f"{len(ids)} hits" + (": " + ", ".join(ids[:3]) if ids else "")
        if wanted:
            timed.note += f"; {wanted.partition(':')[2]} " + (f"#{ids.index(wanted) + 1}" if wanted in ids
                                                               else "not found")
    elif isinstance(result, dict) and "meetings" in result:
        timed.note = f"{len(result['meetings'])} meetings listed"
    elif isinstance(result, dict) and "reports" in result:
        timed.note = f"{len(result['reports'])} reports"
    return timed


# -- the views -----------------------------------------------------------------------------------------------


def element_count(view: View, driver: Driver, database: str) -> tuple[int, int, int]:
    """(elements, nodes, JSON bytes of the element list) of a view's canvas, as the draw callback builds it."""
    built = canvas_builder.build(driver, database, view)
    elements = to_elements(built)
    return len(elements), len(built.nodes), len(json.dumps(elements, ensure_ascii=False, default=str).encode())


@dataclass
class Tap:
    """A tap on a node of the canvas the step before left."""

    name: str
    node: str
    expected: int  # elements after it (unchanged for a details tap)
    details: bool = False  # a tap on an expanded node: only the details panel changes


@dataclass
class Scenario:
    name: str
    view: View
    expected: int
    nodes: int
    payload_kb: float
    taps: list[Tap] = field(default_factory=list)

    def url(self, base: str) -> str:
        return base + encode(self.view)


def with_pages(view: View, node: str, pages: int) -> View:
    new = apply(view, "expand", node)
    new["expand"][node] = pages
    return new


def growing_tap(driver: Driver, database: str, view: View, candidates: list[str], before: int,
                name: str) -> tuple[Tap, View] | None:
    for node in candidates:
        after = apply(view, "expand", node)
        if after == view:
            continue
        expected, _, _ = element_count(after, driver, database)
        if expected > before:
            return Tap(name, node, expected), after
    return None


def plan(driver: Driver, database: str, picks: Picks, big_nodes: int) -> list[Scenario]:
    person, entity, middling = picks.busiest_person.id, picks.busiest_entity.id, picks.middling_person.id

    def scenario(name: str, view: View) -> Scenario:
        expected, nodes, size = element_count(view, driver, database)
        if {**decode(encode(view)), "layout_run": 0} != {**view, "layout_run": 0}:
            print(f"warning: the URL of {name} does not decode to the planned view: {encode(view)}")
        return Scenario(name, view, expected, nodes, size / 1024)

    overview = scenario("(a) overview /", default_view())
    focus_person = {**default_view(), "focus": [person]}
    b = scenario("(b) focus busiest person", focus_person)
    # (d) on (b): the most connected meeting on the canvas (most links there, then most reported), its other
    # party with the most meetings; then the state the busiest person represents (or the busiest state there).
    built = canvas_builder.build(driver, database, focus_person)
    degree: dict[str, int] = defaultdict(int)
    parties: dict[str, list[str]] = defaultdict(list)
    for source, kind, target in built.links:
        degree[source] += 1
        degree[target] += 1
        if kind == "PARTICIPATED_IN" and source != person:
            parties[target].append(source)
    meetings = sorted((n for n, node in built.nodes.items() if node["label"] == "Meeting" and parties.get(n)),
                      key=lambda n: (-degree[n], -int(built.nodes[n].get("article_count") or 0), n))
    counts = meeting_counts(driver, database, list(built.nodes))
    candidates = [party for meeting in meetings
                  for party in sorted(parties[meeting], key=lambda p: (-counts.get(p, 0), p))]
    view = focus_person
    found = growing_tap(driver, database, view, list(dict.fromkeys(candidates)), b.expected,
                        "(d) tap-expand the most connected meeting's other party")
    if found:
        b.taps.append(found[0])
        view = found[1]
    states = [link[2] for link in built.links if link[0] == person and link[1] == "REPRESENTS"]
    states += sorted((n for n, node in built.nodes.items() if node["label"] == "Country"),
                     key=lambda n: (-counts.get(n, 0), n))
    found = growing_tap(driver, database, view, list(dict.fromkeys(states)),
                        b.taps[-1].expected if b.taps else b.expected, "(d) then tap-expand a country")
    if found:
        b.taps.append(found[0])
    m = scenario("(b') focus middling person", {**default_view(), "focus": [middling]})
    c = scenario("(c) focus busiest entity", {**default_view(), "focus": [entity]})
    c.taps.append(Tap("(c) tap it: details panel only", entity, c.expected, details=True))
    # (e): the busiest person's first three pages, then two pages of each most connected node on the canvas
    # until it holds big_nodes nodes; every relationship among them; budget 1,000.
    view = with_pages({**default_view(), "focus": [person], "reveal": True, "budget": BIG_BUDGET}, person, 3)
    for _ in range(30):
        built = canvas_builder.build(driver, database, view)
        if len(built.nodes) >= big_nodes:
            break
        counts = meeting_counts(driver, database, [n for n, node in built.nodes.items()
                                                   if node["label"] in ("Person", "Country", "Organization")])
        fresh = sorted((n for n in counts if n not in view["expand"] and n not in view["focus"]),
                       key=lambda n: (-counts[n], n))
        if not fresh:
            break
        view = with_pages(view, fresh[0], 2)
    e = scenario("(e) busiest person, several expanded, reveal, budget 1000", view)
    built = canvas_builder.build(driver, database, view)
    counts = meeting_counts(driver, database, [n for n, node in built.nodes.items() if node["label"] == "Country"])
    found = growing_tap(driver, database, view, sorted(counts, key=lambda n: (-counts[n], n)), e.expected,
                        "(e) tap-expand a country on it")
    if found:
        e.taps.append(found[0])
    return [overview, b, m, c, e]


# -- the browser ---------------------------------------------------------------------------------------------


@dataclass
class Measured:
    step: str
    ms: float
    elements: int
    expected: int
    draw_ms: float | None = None  # the draw callback's request, as the page sees it
    after_draw_ms: float | None = None  # from the draw response to the final frame
    callbacks: dict[str, list[float]] = field(default_factory=dict)


def reported_count(state: dict[str, Any]) -> int | None:
    """Nodes + links the draw callback wrote into #node-count ("N عقدة · M رابط")."""
    numbers = [int(n) for n in re.findall(r"\d+", state.get("nodeCount") or "")]
    return sum(numbers[:2]) if len(numbers) >= 2 else None


def drawn_since(state: dict[str, Any], since: float) -> dict[str, Any] | None:
    draws = [r for r in state["requests"] if r["output"] == DRAW_OUTPUT and r["start"] >= since and r["end"]]
    return draws[-1] if draws else None


def poll(browser: Any, ready: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    return wait_until(browser, ready, what, state_js=STATE_DETAILS_JS)


def canvas_final(state: dict[str, Any], since: float) -> bool:
    return (drawn_since(state, since) is not None and reported_count(state) == state["count"]
            and settled(state, since))


def callbacks_of(state: dict[str, Any], first: int) -> dict[str, list[float]]:
    found: dict[str, list[float]] = defaultdict(list)
    for request in state["requests"][first:]:
        if request["end"] is not None:
            found[request["output"]].append(request["end"] - request["start"])
    return dict(found)


def run_scenario(browser: Any, base: str, scenario: Scenario) -> list[Measured]:
    browser.get("about:blank")
    browser.get(scenario.url(base))
    state = poll(browser, lambda s: canvas_final(s, 0.0), f"{scenario.name} to render")
    draw = drawn_since(state, 0.0)
    results = [Measured(scenario.name + ": render", state["changedAt"], state["count"], scenario.expected,
                        draw["end"] - draw["start"] if draw else None,
                        state["changedAt"] - draw["end"] if draw else None, callbacks_of(state, 0))]
    for tap in scenario.taps:
        if not browser.execute_script(ON_CANVAS_JS, tap.node):
            raise RuntimeError(f"{tap.node} is not on the canvas of {scenario.name}")
        seen, before = len(state["requests"]), state["count"]
        if tap.details:
            browser.execute_script(WATCH_DETAILS_JS)
            tapped = browser.execute_script(CLICK_JS, tap.node)

            def details_done(s: dict[str, Any], tapped: float = tapped) -> bool:
                asked = [r for r in s["requests"] if r["output"] == "details.children" and r["start"] >= tapped]
                return (bool(asked) and all(r["end"] for r in asked) and s["inflight"] == 0
                        and s["detailsAt"] >= tapped
                        and s["now"] - max(s["detailsAt"], s["lastRequestEnd"]) >= SETTLE_MS)

            state = poll(browser, details_done, f"the details of {tap.node}")
            asked = [r for r in state["requests"] if r["output"] == "details.children" and r["start"] >= tapped]
            results.append(Measured(tap.name, state["detailsAt"] - tapped, state["count"], tap.expected,
                                    asked[-1]["end"] - asked[-1]["start"], state["detailsAt"] - asked[-1]["end"],
                                    callbacks_of(state, seen)))
            continue
        tapped = browser.execute_script(TAP_JS, tap.node)
        state = poll(browser, lambda s, t=tapped, b=before: s["count"] != b and canvas_final(s, t),
                     f"the expansion of {tap.node}")
        draw = drawn_since(state, tapped)
        results.append(Measured(tap.name, state["changedAt"] - tapped, state["count"], tap.expected,
                                draw["end"] - draw["start"] if draw else None,
                                state["changedAt"] - draw["end"] if draw else None, callbacks_of(state, seen)))
    return results


# -- reporting -----------------------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def median_text(values: list[float | None]) -> str:
    present = [v for v in values if v is not None]
    return f"{statistics.median(present):.0f}" if present else "-"


def report_browser(samples: list[Measured], runs: int) -> None:
    steps = list(dict.fromkeys(s.step for s in samples))
    rows = [("step", "elements (expected)", f"ms, median (min–max) of {runs}", "draw callback", "after draw")]
    for step in steps:
        mine = [s for s in samples if s.step == step]
        elements = "/".join(str(n) for n in sorted({s.elements for s in mine}))
        rows.append((step, f"{elements} ({mine[0].expected})", spread([s.ms for s in mine]),
                     median_text([s.draw_ms for s in mine]), median_text([s.after_draw_ms for s in mine])))
    print_rows(rows, text_columns=1)
    print()
    print("Dash callback requests per step, median ms (count over all runs), as the page times them (request "
          "to response headers):")
    for step in steps:
        merged: dict[str, list[float]] = defaultdict(list)
        for sample in (s for s in samples if s.step == step):
            for key, values in sample.callbacks.items():
                merged[key].extend(values)
        parts = [f"{key} {statistics.median(values):.0f} (max {max(values):.0f}, n={len(values)})"
                 for key, values in sorted(merged.items(), key=lambda item: -statistics.median(item[1]))]
        print(f"  {step}: " + "; ".join(parts))


def report_timed(title: str, timed: list[Timed]) -> None:
    print(title)
    rows = [("what", "median ms (min–max)", "calls", "result", "slowest queries, median ms")]
    for item in timed:
        rows.append((item.what, spread(item.totals), str(len(item.totals)), item.note, item.breakdown()))
    print_rows(rows, text_columns=1, trailing_text=2)


def print_rows(rows: list[tuple[str, ...]], text_columns: int, trailing_text: int = 0) -> None:
    """A plain table: the first `text_columns` and the last `trailing_text` columns left-aligned, numbers right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    left = set(range(text_columns)) | set(range(len(widths) - trailing_text, len(widths)))
    for number, row in enumerate(rows):
        cells = [cell.ljust(width) if i in left or not number else cell.rjust(width)
                 for i, (cell, width) in enumerate(zip(row, widths, strict=True))]
        print("  ".join(cells).rstrip())
        if number == 0:
            print("  ".join("-" * width for width in widths))


# -- main ----------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="measured rounds over every view, interleaved")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of the news corpus to load")
    parser.add_argument("--min-articles", type=int, default=10_000,
                        help="load the corpus when the bench database holds fewer articles than this")
    parser.add_argument("--reload", action="store_true", help="wipe and load even when enough articles are there")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), help="extraction processes")
    parser.add_argument("--calls", type=int, default=20, help="calls per query timed in Python")
    parser.add_argument("--big-nodes", type=int, default=500, help="nodes the large canvas (e) should hold")
    parser.add_argument("--keep-server", action="store_true",
                        help="leave the dashboard and the bench Neo4j running at the end")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    corpus = args.corpus if args.corpus.is_absolute() else (PROJECT_ROOT / args.corpus)
    if not corpus.is_dir():
        print(f"skipped: the news corpus {corpus} is absent (pass --corpus FOLDER)")
        return 0
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        print(f"cannot run: {' and '.join(missing)} missing. Install Debian's chromium and chromium-driver "
              "(scripts/test does), or point CHROMIUM and CHROMEDRIVER at your own.", file=sys.stderr)
        return 2

    print(f"CPUs: {os.cpu_count()} (usable by this process: {len(os.sched_getaffinity(0))}); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="newsgraph-bench-corpus-"))
    log = workdir / "dashboard.log"
    samples: list[Measured] = []
    errors: list[str] = []
    failures: list[str] = []
    with bench_neo4j(args.keep_server) as (settings, driver):
        database = settings.database
        ensure_corpus(driver, database, corpus.resolve(), args.min_articles, args.workers, args.reload)
        counts = graph_counts(driver, database)
        print("graph: " + ", ".join(f"{n} {label.lower()}{'' if label == 'relationships' else 's'}"
                                    for label, n in counts.items()).replace("countrys", "countries"), flush=True)
        picks = pick(driver, database)
        print(f"busiest entity: {picks.busiest_entity}\nbusiest person: {picks.busiest_person}\n"
              f"middling person: {picks.middling_person}\n{picks.people_summary}", flush=True)

        clock = QueryClock()
        with clock.installed():
            started = time.perf_counter()
            scenarios = plan(driver, database, picks, args.big_nodes)
            print(f"views planned in {time.perf_counter() - started:.1f}s", flush=True)
            direct = [time_calls(clock, f"search_entities «{text}»",
                                 lambda text=text: queries.search_entities(driver, database, text), args.calls,
                                 wanted=wanted)
                      for text, wanted in SEARCHES]
            top_meeting = queries.top_meetings(driver, database, 1, canvas_builder.meeting_filter(default_view()))
            for entity in (picks.busiest_entity, picks.busiest_person, picks.middling_person):
                direct.append(time_calls(clock, f"node_details {entity.id}",
                                         lambda node=entity.id: queries.node_details(driver, database, node),
                                         args.calls))
            if top_meeting:
                direct.append(time_calls(clock, f"node_details {top_meeting[0]} (most reported meeting)",
                                         lambda: queries.node_details(driver, database, top_meeting[0]), args.calls))
            direct.append(time_calls(clock, "meeting_date_span (every page load)",
                                     lambda: queries.meeting_date_span(driver, database), args.calls))
            builds = [time_calls(clock, f"{s.name} ({s.nodes} nodes, {s.payload_kb:.0f} KB of elements)",
                                 lambda s=s: canvas_builder.build(driver, database, s.view), min(args.calls, 5))
                      for s in scenarios]
            for s in scenarios:
                for tap in s.taps:
                    if not tap.details:
                        print(f"  {tap.name}: {tap.node} → {tap.expected} elements", flush=True)
        for s in scenarios:
            url = encode(s.view) or "/"
            if len(url) > 160:
                url = f"{url[:160]}… ({len(s.view['expand'])} nodes expanded, {len(url)} characters)"
            print(f"  {s.name}: {s.expected} elements ({s.nodes} nodes); {url}", flush=True)

        dashboard, base = start_dashboard(settings, log)
        print(f"dashboard on {base} (pid {dashboard.pid}, log {log})", flush=True)
        browser = None
        try:
            browser = open_browser()
            print(f"Chromium {browser.capabilities.get('browserVersion')}, headless", flush=True)
            for round_number in range(args.warmup + args.runs):
                counted = round_number >= args.warmup
                label = f"run {round_number - args.warmup + 1}" if counted else "warm-up"
                for scenario in scenarios:
                    try:
                        measured = run_scenario(browser, base, scenario)
                    except Exception as exc:  # one broken view must not stop the others
                        failures.append(f"{label} {scenario.name}: {exc}")
                        print(f"  {label} {scenario.name}: FAILED {exc}", flush=True)
                        measured = []
                    errors += [f"{scenario.name}: {message}" for message in severe(browser)]
                    for sample in measured:
                        print(f"  {label} {sample.step}: {sample.ms:.0f} ms, {sample.elements} elements"
                              + ("" if sample.elements == sample.expected else f" (expected {sample.expected})"),
                              flush=True)
                    if counted:
                        samples += measured
        finally:
            close_session(browser, dashboard, base, args.keep_server)

    print()
    report_timed(f"Dashboard queries called directly in Python (median of up to {args.calls} calls after one "
                 "warm-up; rows summed over one call):", direct)
    print()
    report_timed("canvas.build per view in Python (what the draw callback does before serialising):", builds)
    print()
    print("In the browser (render: navigation start → canvas settled; tap: tap → canvas settled, or → details "
          "panel's last change):")
    report_browser(samples, args.runs)
    print()
    if failures:
        print(f"failures ({len(failures)}):")
        for failure in failures:
            print(f"  {failure}")
    print_console_errors(errors)
    if not args.keep_server:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
