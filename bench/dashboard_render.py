"""How long the explorer takes to render and to expand at about 100, 300 and 1,000 visible elements, in the
real dashboard, in real headless Chromium, against a real Neo4j.

    uv run python bench/dashboard_render.py [--runs 5] [--sizes 100,300,1000] [--keep-server]

It runs its own managed Neo4j in .neo4j-bench (port 27687, as bench/load_throughput.py does), wipes it and
writes a synthetic graph with the project's model: people who represent countries and take part in meetings
(two parties each), and one hub person with many meetings of their own. The dashboard runs as a subprocess
on a free port. Each view is opened as `/?ids=…&budget=2000&reveal=1` (the dashboard's own canonical form):
exactly the chosen nodes and every link among them.

- render: from navigation start (performance.now() = 0) to the animation frame in which cytoscape first
  holds every expected element at their final positions (no change for SETTLE_MS afterwards, no Dash
  request in flight). A script injected before any page script records this, so the polling from Python
  does not affect the figure.
- expand: from a double tap on the hub person (cytoscape's own `emit('dbltap')`) to the frame in which the
  canvas last changed, once the count has grown and every Dash request has finished.

Runs are interleaved across sizes (the machine is noisy); a first warm-up round is not counted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from neo4j import Driver

from dashboard.view import MAX_BUDGET, default_view, encode
from loader.document import CAMEO
from loader.extract.meetings import KIND_CLASS
from newsgraph.config import PROJECT_ROOT, Settings, load_settings
from newsgraph.db import apply_schema, connect
from newsgraph.server import ManagedNeo4j

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROME_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900")
CY = "document.getElementById('graph')._cyreg.cy"  # the cytoscape.js instance dash-cytoscape mounts

DRAW_OUTPUT = "canvas-change.data"  # the first output of the explorer's draw callback (the canvas delta)
SETTLE_MS = 500.0  # no canvas change and no Dash request for this long: the picture is final
TIMEOUT_S = 180.0
BATCH = 1000

# Synthetic graph. Regular people meet each other (a skewed choice, so some people are busier); partners
# only ever meet the hub, so expanding the hub brings people who are not on the canvas yet.
REGULAR_PEOPLE = 600
PARTNERS = 100
REGULAR_MEETINGS = 3000
HUB_MEETINGS = 240
MEETING_TYPES = ("call", "meeting", "visit", "talks", "summit", "conference")
COUNTRIES = [
    ("EG", "مصر", "Egypt"), ("SA", "السعودية", "Saudi Arabia"), ("AE", "الإمارات", "United Arab Emirates"),
    ("JO", "الأردن", "Jordan"), ("IQ", "العراق", "Iraq"), ("SY", "سوريا", "Syria"), ("LB", "لبنان", "Lebanon"),
    ("KW", "الكويت", "Kuwait"), ("QA", "قطر", "Qatar"), ("BH", "البحرين", "Bahrain"), ("OM", "عمان", "Oman"),
    ("YE", "اليمن", "Yemen"), ("MA", "المغرب", "Morocco"), ("DZ", "الجزائر", "Algeria"), ("TN", "تونس", "Tunisia"),
    ("LY", "ليبيا", "Libya"), ("SD", "السودان", "Sudan"), ("PS", "فلسطين", "Palestine"), ("TR", "تركيا", "Turkey"),
    ("IR", "إيران", "Iran"), ("RU", "روسيا", "Russia"), ("US", "الولايات المتحدة", "United States"),
    ("CN", "الصين", "China"), ("FR", "فرنسا", "France"), ("DE", "ألمانيا", "Germany"),
    ("GB", "المملكة المتحدة", "United Kingdom"), ("IT", "إيطاليا", "Italy"), ("JP", "اليابان", "Japan"),
    ("IN", "الهند", "India"), ("PK", "باكستان", "Pakistan"),
]
TITLES = ("الرئيس", "وزير الخارجية", "رئيس الوزراء", "وزير الدفاع", "السفير")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

# Injected into every document before its own scripts (CDP Page.addScriptToEvaluateOnNewDocument). Every
# animation frame it notes the element count and a signature of the node positions, and when they last
# changed; it also times every Dash callback request.
MONITOR_JS = r"""
(() => {
  const B = window.__bench = {count: -1, sig: '', changedAt: 0, cyAt: null, layoutstops: [], requests: [],
                              inflight: 0, lastRequestEnd: 0};
  const originalFetch = window.fetch.bind(window);
  window.fetch = function(resource, init) {
    const url = typeof resource === 'string' ? resource : (resource && resource.url) || '';
    if (url.indexOf('_dash-update-component') < 0) { return originalFetch(resource, init); }
    let output = '?';
    try {
      const body = JSON.parse((init && init.body) || '{}');
      output = String(body.output || '?').replace(/^\.+/, '').split('...')[0];
    } catch (e) { /* keep '?' */ }
    const entry = {output: output, start: performance.now(), end: null, status: null};
    B.requests.push(entry);
    B.inflight += 1;
    const done = (status) => {
      entry.end = performance.now(); entry.status = status; B.inflight -= 1; B.lastRequestEnd = entry.end;
    };
    return originalFetch(resource, init).then(
      (response) => { done(response.status); return response; },
      (error) => { done('error'); throw error; });
  };
  let hooked = null;
  function tick() {
    const el = document.getElementById('graph');
    const cy = el && el._cyreg && el._cyreg.cy;
    if (cy) {
      if (hooked !== cy) {
        hooked = cy;
        B.cyAt = performance.now();
        cy.on('layoutstop', () => B.layoutstops.push([performance.now(), cy.elements().length]));
      }
      const count = cy.elements().length;
      let sx = 0, sy = 0;
      cy.nodes().forEach((n) => { const p = n.position(); sx += p.x; sy += p.y; });
      const sig = count + ':' + sx.toFixed(2) + ':' + sy.toFixed(2);
      if (sig !== B.sig) { B.sig = sig; B.count = count; B.changedAt = performance.now(); }
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
"""

STATE_JS = """
const B = window.__bench;
if (!B) { return null; }
return {now: performance.now(), count: B.count, changedAt: B.changedAt, inflight: B.inflight,
        lastRequestEnd: B.lastRequestEnd, layoutstops: B.layoutstops, requests: B.requests,
        nodeCount: (document.getElementById('node-count') || {}).textContent || ''};
"""


# -- the synthetic graph -------------------------------------------------------------------------------------


@dataclass
class Synthetic:
    countries: list[dict[str, Any]]
    people: list[dict[str, Any]]
    meetings: list[dict[str, Any]]
    hub: str
    regular_meetings: list[str]  # in the order views take them
    represents: dict[str, str] = field(default_factory=dict)  # person id → country id
    participants: dict[str, list[str]] = field(default_factory=dict)  # meeting id → person ids


def arabic_number(value: int) -> str:
    return str(value).translate(ARABIC_DIGITS)


def person(number: int, iso2: str, rng: random.Random) -> dict[str, Any]:
    return {"id": f"person:p{number:04d}", "name": f"شخص {arabic_number(number)}", "name_en": f"Person {number}",
            "translit": f"shkhs {number}", "country": iso2, "title": rng.choice(TITLES)}


def synthesize(seed: int = 20180101) -> Synthetic:
    rng = random.Random(seed)
    countries = [{"id": f"country:{iso2}", "iso2": iso2, "name": name, "name_en": name_en}
                 for iso2, name, name_en in COUNTRIES]
    isos = [c["iso2"] for c in countries]
    people = [person(1, "EG", rng)]  # person:p0001 is the hub
    people += [person(n, rng.choice(isos), rng) for n in range(2, REGULAR_PEOPLE + PARTNERS + 2)]
    regular = people[1: REGULAR_PEOPLE + 1]
    partners = people[REGULAR_PEOPLE + 1:]
    weights = [1 / (rank + 1) ** 0.6 for rank in range(len(regular))]
    meetings: list[dict[str, Any]] = []

    def meeting(parties: list[str], popular: bool) -> dict[str, Any]:
        kind = rng.choice(MEETING_TYPES)
        day = date(2018, 1, 1) + timedelta(days=rng.randrange(365))
        articles = rng.randint(3, 5) if popular else rng.randint(1, 5)
        number = len(meetings) + 1
        row = {"id": f"meeting:m{number:05d}", "type": kind, "cameo": CAMEO[kind], "kind_class": KIND_CLASS[kind],
               "parties_key": ",".join(sorted(parties)), "date": day.isoformat(), "article_count": articles,
               "outlet_count": rng.randint(1, articles), "participants": parties}
        meetings.append(row)
        return row

    for _ in range(REGULAR_MEETINGS):
        first, second = rng.choices(regular, weights=weights, k=1)[0], None
        while second is None or second is first:
            second = rng.choices(regular, weights=weights, k=1)[0]
        meeting([first["id"], second["id"]], popular=False)
    regular_ids = [m["id"] for m in meetings]
    for _ in range(HUB_MEETINGS):
        meeting([people[0]["id"], rng.choice(partners)["id"]], popular=True)
    rng.shuffle(regular_ids)
    return Synthetic(countries=countries, people=people, meetings=meetings, hub=people[0]["id"],
                     regular_meetings=regular_ids,
                     represents={p["id"]: f"country:{p['country']}" for p in people},
                     participants={m["id"]: m["participants"] for m in meetings})


WRITE_COUNTRIES = """
UNWIND $rows AS row
MERGE (c:Country {id: row.id})
SET c.iso2 = row.iso2, c.name = row.name, c.name_en = row.name_en, c.translit = row.name_en,
    c.country = row.iso2, c.aliases = []
"""

WRITE_PEOPLE = """
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name, p.name_en = row.name_en, p.translit = row.translit, p.country = row.country, p.aliases = []
WITH p, row
MATCH (c:Country {iso2: row.country})
MERGE (p)-[r:REPRESENTS]->(c)
SET r.title = row.title
"""

WRITE_MEETINGS = """
UNWIND $rows AS row
MERGE (m:Meeting {id: row.id})
SET m.type = row.type, m.cameo = row.cameo, m.kind_class = row.kind_class, m.parties_key = row.parties_key,
    m.date = date(row.date), m.anchor = date(row.date), m.window = 1, m.date_precision = 'day',
    m.status = 'happened', m.article_count = row.article_count, m.outlet_count = row.outlet_count
WITH m, row
UNWIND row.participants AS party
MATCH (p:Person {id: party})
MERGE (p)-[r:PARTICIPATED_IN]->(m)
SET r.initiator = false
"""


def wipe(driver: Driver, database: str) -> None:
    # CALL … IN TRANSACTIONS needs an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def write_graph(driver: Driver, database: str, graph: Synthetic) -> None:
    for query, rows in ((WRITE_COUNTRIES, graph.countries), (WRITE_PEOPLE, graph.people),
                        (WRITE_MEETINGS, graph.meetings)):
        for start in range(0, len(rows), BATCH):
            driver.execute_query(query, rows=rows[start: start + BATCH], database_=database)


# -- views ---------------------------------------------------------------------------------------------------


@dataclass
class View:
    target: int
    ids: list[str]
    elements: int  # nodes + links among them: what the canvas must show

    def url(self, base: str) -> str:
        """The view's URL in the dashboard's own canonical form (the one it writes to the address bar)."""
        return base + encode({**default_view(), "ids": self.ids, "reveal": True, "budget": MAX_BUDGET})


def element_count(graph: Synthetic, ids: list[str]) -> int:
    """Nodes plus every PARTICIPATED_IN and REPRESENTS link with both ends among them (reveal=1)."""
    chosen = set(ids)
    links = sum(1 for node in ids if graph.represents.get(node) in chosen)
    links += sum(1 for node in ids for party in graph.participants.get(node, ()) if party in chosen)
    return len(ids) + links


def choose_view(graph: Synthetic, target: int) -> View:
    """The hub and its state, then regular meetings with their parties and the parties' states, until the
    count is as close to the target as whole meetings allow."""
    ids: dict[str, None] = dict.fromkeys([graph.hub, graph.represents[graph.hub]])
    best = View(target, list(ids), element_count(graph, list(ids)))
    for meeting in graph.regular_meetings:
        for node in (meeting, *graph.participants[meeting]):
            ids.setdefault(node, None)
            if node in graph.represents:
                ids.setdefault(graph.represents[node], None)
        count = element_count(graph, list(ids))
        if abs(count - target) <= abs(best.elements - target):
            best = View(target, list(ids), count)
        if count >= target:
            break
    return best


# -- the dashboard and the browser ---------------------------------------------------------------------------


def bench_settings() -> Settings:
    return replace(load_settings(), uri="bolt://127.0.0.1:27687", managed=True, password="newsgraph-bench",
                   home=PROJECT_ROOT / ".neo4j-bench", bolt_port=27687, http_port=27474, heap="2g",
                   pagecache="1g")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_dashboard(settings: Settings, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
           "NEO4J_PASSWORD": settings.password, "NEO4J_DATABASE": settings.database}
    uv = shutil.which("uv")
    command = [uv, "run", "python"] if uv else [sys.executable]
    # Output goes to a file: werkzeug logs every request, and an unread pipe would eventually block it.
    with log.open("wb") as out:
        process = subprocess.Popen([*command, "-m", "newsgraph.cli", "dashboard", "--port", str(port)],
                                   cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                stop_dashboard(process)
                raise RuntimeError(f"the dashboard did not start:\n{tail(log)}") from None
            time.sleep(0.3)


def stop_dashboard(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group this script started (uv and the Python it runs), then SIGKILL."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else "(no log)"


def open_browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": MONITOR_JS})
    return browser


# -- measuring -----------------------------------------------------------------------------------------------


@dataclass
class Sample:
    target: int
    elements: int
    render_ms: float
    render_draw_ms: float | None  # the server's draw callback (request to response) on the way to the render
    render_client_ms: float | None  # from the draw response to the final frame: layout and paint
    first_layout_ms: float | None  # the first layoutstop with every element on the canvas
    full_layouts: int  # layout runs over the full element set before the picture settled
    expand_ms: float
    expand_draw_ms: float | None
    added: int
    node_count_text: str
    callbacks: dict[str, list[float]]  # "render:graph.elements" → request durations, ms


def wait_until(browser: Any, ready: Callable[[dict[str, Any]], bool], what: str,
               state_js: str = STATE_JS) -> dict[str, Any]:
    deadline = time.monotonic() + TIMEOUT_S
    state: dict[str, Any] | None = None
    while time.monotonic() < deadline:
        state = browser.execute_script(state_js)
        if state is not None and ready(state):
            return state
        time.sleep(0.1)
    summary = {key: state.get(key) for key in ("count", "inflight", "nodeCount")} if state else None
    raise RuntimeError(f"timed out after {TIMEOUT_S:.0f}s waiting for {what}; last state {summary}")


def settled(state: dict[str, Any], since: float) -> bool:
    quiet_from = max(state["changedAt"], state["lastRequestEnd"])
    return state["inflight"] == 0 and state["now"] - quiet_from >= SETTLE_MS and state["changedAt"] >= since


def draw_request(state: dict[str, Any], after: float) -> dict[str, Any] | None:
    draws = [r for r in state["requests"] if r["output"] == DRAW_OUTPUT and r["start"] >= after and r["end"]]
    return draws[-1] if draws else None


def measure(browser: Any, base: str, view: View, hub: str) -> Sample:
    browser.get("about:blank")
    browser.get(view.url(base))
    state = wait_until(browser, lambda s: s["count"] == view.elements and settled(s, 0.0),
                       f"{view.elements} elements")
    render_ms = state["changedAt"]
    draw = draw_request(state, 0.0)
    full = [at for at, count in state["layoutstops"] if count == view.elements]
    callbacks: dict[str, list[float]] = defaultdict(list)
    for request in state["requests"]:
        if request["end"] is not None:
            callbacks["render:" + request["output"]].append(request["end"] - request["start"])
    seen = len(state["requests"])

    before = state["count"]
    # A double click expands (a click only selects): cytoscape.js reports two taps, then a double tap.
    tapped_at = browser.execute_script(f"const t = performance.now(); {CY}.getElementById(arguments[0])"
                                       ".emit('tap').emit('tap').emit('dbltap'); return t;", hub)
    state = wait_until(browser, lambda s: s["count"] > before and settled(s, tapped_at), f"the expansion of {hub}")
    expand_draw = draw_request(state, tapped_at)
    for request in state["requests"][seen:]:
        if request["end"] is not None:
            callbacks["expand:" + request["output"]].append(request["end"] - request["start"])
    return Sample(
        target=view.target, elements=view.elements, render_ms=render_ms,
        render_draw_ms=draw["end"] - draw["start"] if draw else None,
        render_client_ms=render_ms - draw["end"] if draw else None,
        first_layout_ms=full[0] if full else None, full_layouts=len(full),
        expand_ms=state["changedAt"] - tapped_at,
        expand_draw_ms=expand_draw["end"] - expand_draw["start"] if expand_draw else None,
        added=state["count"] - before, node_count_text=state["nodeCount"], callbacks=dict(callbacks))


def close_session(browser: Any, dashboard: subprocess.Popen[bytes], base: str, keep_server: bool) -> None:
    """Quit the browser; stop the dashboard unless asked to keep it."""
    if browser is not None:
        browser.quit()
    if keep_server:
        print(f"dashboard left running on {base} (pid {dashboard.pid}; its process group)")
    else:
        stop_dashboard(dashboard)


def print_console_errors(errors: list[str]) -> None:
    if errors:
        print(f"browser console SEVERE entries ({len(errors)}):")
        for message in dict.fromkeys(errors):
            print(f"  {message}")
    else:
        print("browser console: no SEVERE entries")


def severe(browser: Any) -> list[str]:
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


# -- reporting -----------------------------------------------------------------------------------------------


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def median_of(values: list[float | None]) -> str:
    present = [v for v in values if v is not None]
    return f"{statistics.median(present):.0f}" if present else "-"


def report(samples: list[Sample], views: dict[int, View], runs: int) -> None:
    rows = [("target", "elements", f"render ms, median (min–max) of {runs}", "expand ms, median (min–max)",
             "added by expand")]
    for target, view in views.items():
        mine = [s for s in samples if s.target == target]
        added = sorted({s.added for s in mine})
        rows.append((str(target), str(view.elements), spread([s.render_ms for s in mine]),
                     spread([s.expand_ms for s in mine]), "/".join(map(str, added))))
    print_table(rows)
    print()
    print("Where the render time goes (medians, ms from navigation start unless said otherwise): the draw "
          "callback (request to response, as the page sees it), the browser from that response to the final "
          "frame (elements, layout, paint), the first layoutstop with every element, and how many layout runs "
          "over the full element set happened before the picture settled.")
    rows = [("target", "draw callback", "browser after draw", "first full layout", "final frame", "full layouts",
             "expand: draw callback", "canvas after expand")]
    for target in views:
        mine = [s for s in samples if s.target == target]
        rows.append((str(target), median_of([s.render_draw_ms for s in mine]),
                     median_of([s.render_client_ms for s in mine]), median_of([s.first_layout_ms for s in mine]),
                     median_of([s.render_ms for s in mine]),
                     "/".join(str(n) for n in sorted({s.full_layouts for s in mine})),
                     median_of([s.expand_draw_ms for s in mine]), mine[-1].node_count_text))
    print_table(rows)
    print()
    print("Dash callback requests, median ms (count), per size and phase. Timed in the page, so a request whose "
          "response arrives while the page is busy (a layout) includes that wait:")
    for target in views:
        merged: dict[str, list[float]] = defaultdict(list)
        for sample in (s for s in samples if s.target == target):
            for key, values in sample.callbacks.items():
                merged[key].extend(values)
        parts = [f"{key} {statistics.median(values):.0f} (n={len(values)})" for key, values in sorted(merged.items())]
        print(f"  {target}: " + "; ".join(parts))


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for number, row in enumerate(rows):
        print("  ".join(cell.rjust(width) if number else cell.ljust(width) for cell, width in zip(row, widths,
                                                                                                  strict=True)))
        if number == 0:
            print("  ".join("-" * width for width in widths))


# -- main ----------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def bench_neo4j(keep: bool) -> Iterator[tuple[Settings, Driver]]:
    settings = bench_settings()
    server = ManagedNeo4j(settings)
    started = time.monotonic()
    server.start(timeout=240)
    print(f"bench Neo4j on {settings.uri} ({settings.home.name}) ready in {time.monotonic() - started:.1f}s",
          flush=True)
    driver = connect(settings)
    try:
        yield settings, driver
    finally:
        driver.close()
        if keep:
            print(f"bench Neo4j left running on {settings.uri} (stop: NEWSGRAPH_NEO4J_HOME={settings.home} "
                  "NEWSGRAPH_NEO4J_BOLT_PORT=27687 NEWSGRAPH_NEO4J_HTTP_PORT=27474 uv run newsgraph neo4j stop)")
        else:
            server.stop()


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes wants whole numbers separated by commas, got {text!r}") from None
    if not sizes or min(sizes) < 5:
        raise argparse.ArgumentTypeError("--sizes wants element counts of at least 5")
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="measured runs per size, interleaved across sizes")
    parser.add_argument("--sizes", type=parse_sizes, default=[100, 300, 1000],
                        help="target visible elements (nodes + edges), comma-separated (default 100,300,1000)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds over every size first")
    parser.add_argument("--keep-server", action="store_true",
                        help="leave the dashboard and the bench Neo4j running at the end")
    parser.add_argument("--json", action="store_true",
                        help='print only the medians, as {"render_ms": {size: ms}, "expand_ms": {size: ms}} (the '
                             "report goes to stderr)")
    args = parser.parse_args()
    if args.json:
        with contextlib.redirect_stdout(sys.stderr):
            samples = run(args)
        print(json.dumps(medians(samples)))
        return 0
    run(args)
    return 0


def medians(samples: list[Sample]) -> dict[str, dict[str, float]]:
    """Median render and expand times per target size, in ms."""
    result: dict[str, dict[str, float]] = {"render_ms": {}, "expand_ms": {}}
    for target in sorted({s.target for s in samples}):
        mine = [s for s in samples if s.target == target]
        result["render_ms"][str(target)] = round(statistics.median(s.render_ms for s in mine), 1)
        result["expand_ms"][str(target)] = round(statistics.median(s.expand_ms for s in mine), 1)
    return result


def run(args: argparse.Namespace) -> list[Sample]:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    if missing:
        raise SystemExit(f"cannot run: {' and '.join(missing)} missing. Install Debian's chromium and "
                         "chromium-driver (scripts/test does), or point CHROMIUM and CHROMEDRIVER at your own.")
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")

    print(f"CPUs: {os.cpu_count()} (usable by this process: {len(os.sched_getaffinity(0))}); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    graph = synthesize()
    views = {target: choose_view(graph, target) for target in args.sizes}
    workdir = Path(tempfile.mkdtemp(prefix="newsgraph-bench-dashboard-"))
    log = workdir / "dashboard.log"
    errors: list[str] = []
    samples: list[Sample] = []
    with bench_neo4j(args.keep_server) as (settings, driver):
        started = time.monotonic()
        wipe(driver, settings.database)
        apply_schema(driver, settings.database)
        wiped = time.monotonic() - started
        write_graph(driver, settings.database, graph)
        records, _, _ = driver.execute_query(
            "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS links",
            database_=settings.database)
        print(f"synthetic graph: {records[0]['nodes']} nodes, {records[0]['links']} relationships "
              f"({len(graph.meetings)} meetings, hub {graph.hub} in {HUB_MEETINGS}); wipe and schema "
              f"{wiped:.1f}s, write {time.monotonic() - started - wiped:.1f}s", flush=True)
        dashboard, base = start_dashboard(settings, log)
        print(f"dashboard on {base} (pid {dashboard.pid}, log {log})", flush=True)
        browser = None
        try:
            browser = open_browser()
            print(f"Chromium {browser.capabilities.get('browserVersion')}, headless; views: " + ", ".join(
                f"{t} → {v.elements} elements ({len(v.ids)} nodes)" for t, v in views.items()), flush=True)
            for round_number in range(args.warmup + args.runs):
                counted = round_number >= args.warmup
                for target, view in views.items():
                    sample = measure(browser, base, view, graph.hub)
                    errors += [f"{target}: {message}" for message in severe(browser)]
                    if counted:
                        samples.append(sample)
                    print(f"  {'run ' + str(round_number - args.warmup + 1) if counted else 'warm-up'} "
                          f"{target:>5}: render {sample.render_ms:7.0f} ms, expand {sample.expand_ms:6.0f} ms "
                          f"(+{sample.added})", flush=True)
        finally:
            close_session(browser, dashboard, base, args.keep_server)
    print()
    report(samples, views, args.runs)
    print()
    print_console_errors(errors)
    if not args.keep_server:
        shutil.rmtree(workdir, ignore_errors=True)
    return samples


if __name__ == "__main__":
    sys.exit(main())
