"""The explorer's view: what is on the canvas and how it is shown, as plain data.

The canvas is rebuilt from a view (see dashboard.canvas), so a view is all a URL needs to carry to
reproduce what an analyst sees: seeds, expansions, hidden and pinned nodes, filters, layout, label script,
path. Positions are not part of it; a restored view is laid out afresh. Every change an analyst makes is a
pure function here (`apply`), which is what the callback tests exercise.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

from dashboard.i18n import DEFAULT_LANGUAGE, URL_PARAMETER, normalized
from loader.document import ID_PREFIXES

LAYOUTS = ("fcose", "cose-bilkent", "concentric", "breadthfirst", "dagre", "circle", "grid")
NODE_LABELS = ("Person", "Country", "Organization", "Place", "Meeting")
MEETING_TYPES = ("call", "meeting", "visit", "talks", "summit", "conference")
LANGUAGES = ("ar", "latin")
MODES = ("nodes", "edges")  # meetings drawn as nodes, or as edges between their parties
DEFAULT_BUDGET = 300
MAX_BUDGET = 2000
PAGE_SIZE = 12  # meetings (or other neighbours) brought in per expansion, the most reported first
# What one view may name, from a URL or from the browser: every node costs queries to draw.
MAX_IDS = 100  # in each of focus, hide and pin
# `ids` carries a set of nodes placed as they are: a saved query's result (up to 300 nodes) or a selection.
# Its own cap; the request line that carries it is capped by the server (dashboard.serve).
MAX_LISTED_IDS = 500
MAX_EXPANDED = 200  # nodes with their neighbours shown
MAX_PAGES = 50  # pages of neighbours of one node

_PREFIXES = "|".join(map(re.escape, ID_PREFIXES.values()))
# «@» joins an ambiguous name to its article (loader.resolve.scope_people): «person:kim-jong@article-17».
_ID = re.compile(rf"^({_PREFIXES}):[\w.\-@]+$", re.UNICODE)
_MONTH = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")

View = dict[str, Any]


def default_view() -> View:
    return {
        "focus": [],          # seed nodes: each shown with its neighbourhood
        "ids": [],            # nodes placed on the canvas as they are (e.g. a saved query's result)
        "expand": {},         # node id → pages of neighbours shown (0: collapsed)
        "hide": [],
        "pin": [],
        "labels": list(NODE_LABELS),
        "types": list(MEETING_TYPES),
        "from": None,         # YYYY-MM or YYYY-MM-DD, inclusive
        "to": None,
        "layout": LAYOUTS[0],
        "lang": "ar",
        "path": [],           # two node ids: shortest paths between them are highlighted (one: start chosen)
        "reveal": False,      # show every relationship among the nodes on screen
        "mode": MODES[0],
        "undated": True,      # meetings without a date pass the date filter (an explicit choice, shown)
        "ui": DEFAULT_LANGUAGE,  # the interface language (dashboard.i18n); the URL's `ui`
        "budget": DEFAULT_BUDGET,
        "layout_run": 0,      # bumped to re-run the layout; not shared in URLs
    }


def default_names(ui: str) -> str:
    """Names are shown in the interface's script unless the analyst chose otherwise."""
    return "latin" if ui == "en" else "ar"


def is_node_id(value: str) -> bool:
    return bool(_ID.fullmatch(value))


def _is_month_or_day(value: str) -> bool:
    """YYYY-MM or YYYY-MM-DD naming a real month or day (a bad one would break every query)."""
    if not _MONTH.fullmatch(value):
        return False
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return True


def _ids(values: list[str], limit: int = MAX_IDS) -> list[str]:
    seen: dict[str, None] = {}
    for part in ",".join(values).split(","):
        part = part.strip()
        if part and len(part) <= 200 and is_node_id(part):
            seen.setdefault(part, None)
            if len(seen) >= limit:
                break
    return list(seen)


def decode(search: str | None) -> View:
    """The view a URL query string describes; unknown or malformed parts fall back to defaults."""
    query = parse_qs((search or "").lstrip("?"), keep_blank_values=False)
    view = default_view()
    first = {key: values[-1] for key, values in query.items()}
    view["focus"] = _ids(query.get("focus", []))
    view["ids"] = _ids(query.get("ids", []), MAX_LISTED_IDS)
    view["hide"] = _ids(query.get("hide", []))
    view["pin"] = _ids(query.get("pin", []))
    view["path"] = _ids(query.get("path", []))[:2]  # one id: a path's start, waiting for its end
    for item in ",".join(query.get("expand", [])).split(","):
        node_id, _, pages = item.strip().partition("~")
        if len(view["expand"]) >= MAX_EXPANDED:
            break
        if len(node_id) <= 200 and is_node_id(node_id):
            view["expand"][node_id] = int(pages) if pages.isdecimal() and len(pages) <= 3 and \
                int(pages) <= MAX_PAGES else 1
    if "labels" in first:
        view["labels"] = [label for label in NODE_LABELS if label in first["labels"].split(",")]
    if "types" in first:
        view["types"] = [kind for kind in MEETING_TYPES if kind in first["types"].split(",")]
    for key in ("from", "to"):
        if _is_month_or_day(first.get(key, "")):
            view[key] = first[key]
    if first.get("layout") in LAYOUTS:
        view["layout"] = first["layout"]
    view["ui"] = normalized(first.get(URL_PARAMETER))
    view["lang"] = first["lang"] if first.get("lang") in LANGUAGES else default_names(view["ui"])
    view["reveal"] = first.get("reveal") == "1"
    if first.get("mode") in MODES:
        view["mode"] = first["mode"]
    view["undated"] = first.get("undated") != "0"
    budget = first.get("budget", "")
    if budget.isdecimal():  # «99999…» (any length) is the largest budget, never an error
        view["budget"] = MAX_BUDGET if len(budget) > 6 else max(10, min(MAX_BUDGET, int(budget)))
    return view


def validated(raw: Any) -> View:
    """A view the browser sent back (stores are client state, and a crafted request can hold anything): rebuilt
    through the same checks and caps as a URL, so a request can ask for no more than a link can."""
    if not isinstance(raw, dict):
        return default_view()

    def strings(key: str) -> list[str]:
        value = raw.get(key)
        return [item for item in value[:MAX_LISTED_IDS * 2] if isinstance(item, str)] \
            if isinstance(value, list) else []

    def text(key: str) -> str | None:
        value = raw.get(key)
        return value if isinstance(value, str) and len(value) <= 40 else None

    expand = raw.get("expand") if isinstance(raw.get("expand"), dict) else {}
    budget = raw.get("budget")
    clean: View = {
        **{key: strings(key) for key in ("focus", "ids", "hide", "pin", "path", "labels", "types")},
        "expand": {node: pages for node, pages in list(expand.items())[:MAX_EXPANDED * 2]
                   if isinstance(node, str) and isinstance(pages, int) and not isinstance(pages, bool)
                   and 0 <= pages <= MAX_PAGES},
        "from": text("from"), "to": text("to"), "layout": text("layout"), "lang": text("lang"),
        "budget": budget if isinstance(budget, int) and not isinstance(budget, bool) else DEFAULT_BUDGET,
        "reveal": raw.get("reveal") is True, "mode": text("mode"), "undated": raw.get("undated") is not False,
        "ui": text("ui"),
    }
    view = decode(encode(clean))
    run = raw.get("layout_run")
    view["layout_run"] = run if isinstance(run, int) and not isinstance(run, bool) and 0 <= run < 10 ** 9 else 0
    return view


def node_positions(raw: Any, limit: int = MAX_BUDGET) -> dict[str, tuple[float, float]]:
    """Node positions the browser reports: node id → (x, y), finite numbers only, at most `limit` of them."""
    positions: dict[str, tuple[float, float]] = {}
    if not isinstance(raw, dict):
        return positions
    for node, point in raw.items():
        if len(positions) >= limit:
            break
        if isinstance(node, str) and is_node_id(node) and isinstance(point, list | tuple) and len(point) == 2 and \
                all(isinstance(c, int | float) and not isinstance(c, bool) and abs(c) < 1e9 for c in point):
            positions[node] = (float(point[0]), float(point[1]))
    return positions


def encode(view: View) -> str:
    """The URL query string of a view ("" for the default view); defaults are left out to keep links short."""
    default = default_view()
    params: list[tuple[str, str]] = []
    for key in ("focus", "ids", "hide", "pin", "path"):
        if view.get(key):
            params.append((key, ",".join(view[key])))
    if view.get("expand"):
        params.append(("expand", ",".join(node if pages == 1 else f"{node}~{pages}"
                                          for node, pages in view["expand"].items())))
    for key in ("labels", "types"):
        if list(view.get(key) or []) != default[key]:
            params.append((key, ",".join(view.get(key) or []) or "none"))
    if view.get("lang") and view.get("lang") != default_names(normalized(view.get("ui"))):
        params.append(("lang", str(view["lang"])))
    for key in ("from", "to", "layout", "budget", "mode"):
        if view.get(key) is not None and view.get(key) != default[key]:
            params.append((key, str(view[key])))
    if view.get("reveal"):
        params.append(("reveal", "1"))
    if view.get("undated") is False:
        params.append(("undated", "0"))
    if normalized(view.get("ui")) != DEFAULT_LANGUAGE:
        params.append((URL_PARAMETER, normalized(view.get("ui"))))
    return "?" + urlencode(params, safe=":,~") if params else ""


def pages_shown(view: View, node_id: str) -> int:
    """How many pages of neighbours a node shows: seeds start expanded, other nodes collapsed."""
    default = 1 if node_id in view["focus"] else 0
    return int(view["expand"].get(node_id, default))


def apply(view: View, action: str, payload: Any = None) -> View:
    """The view after one analyst action. Never mutates its argument."""
    new = {**view, "expand": dict(view["expand"]), **{key: list(view[key]) for key in
                                                       ("focus", "ids", "hide", "pin", "path", "labels", "types")}}
    if action == "search":  # a search result: its neighbourhood joins the canvas (replaces the overview)
        if not payload or not is_node_id(payload):
            return new
        if payload in new["hide"]:
            new["hide"].remove(payload)
        if payload not in new["focus"]:
            new["focus"].append(payload)
    elif action == "reset":
        return {**default_view(), "layout": view["layout"], "lang": view["lang"], "budget": view["budget"],
                "mode": view["mode"], "ui": view["ui"],
                "layout_run": view["layout_run"] + 1}
    elif action == "expand":  # a double click: show a collapsed node's neighbours; an expanded one stays as it is
        if payload and pages_shown(new, payload) == 0:
            new["expand"][payload] = 1
    elif action == "more":
        if payload:
            new["expand"][payload] = pages_shown(new, payload) + 1
    elif action == "collapse":
        if payload:
            if payload in new["focus"] or payload in new["ids"]:
                new["expand"][payload] = 0
            else:
                new["expand"].pop(payload, None)
    elif action == "hide":
        if payload and payload not in new["hide"]:
            new["hide"].append(payload)
            new["expand"].pop(payload, None)
            new["path"] = [] if payload in new["path"] else new["path"]
    elif action == "unhide_all":
        new["hide"] = []
    elif action == "pin":
        if payload in new["pin"]:
            new["pin"].remove(payload)
        elif payload:
            new["pin"].append(payload)
    elif action == "path":
        ends = [node for node in (payload or []) if is_node_id(node)]
        new["path"] = ends[:2] if len(ends) >= 2 else []
    elif action == "path_start":
        new["path"] = [payload] if payload else []
    elif action == "path_end":
        if payload and len(new["path"]) >= 1 and new["path"][0] != payload:
            new["path"] = [new["path"][0], payload]
    elif action == "clear_path":
        new["path"] = []
    elif action == "labels":
        new["labels"] = [label for label in NODE_LABELS if label in (payload or [])]
    elif action == "types":
        new["types"] = [kind for kind in MEETING_TYPES if kind in (payload or [])]
    elif action == "dates":
        start, end = payload or (None, None)
        new["from"], new["to"] = start, end
    elif action == "layout":
        new["layout"] = payload if payload in LAYOUTS else view["layout"]
        new["layout_run"] = view["layout_run"] + 1
    elif action == "relayout":
        new["layout_run"] = view["layout_run"] + 1
    elif action == "lang":
        new["lang"] = payload if payload in LANGUAGES else view["lang"]
    elif action == "reveal":
        new["reveal"] = bool(payload)
    elif action == "mode":
        new["mode"] = payload if payload in MODES else view["mode"]
    elif action == "undated":
        new["undated"] = bool(payload)
    elif action == "unfold":  # a meeting drawn as an edge, asked for as a node (with its parties)
        if payload and is_node_id(payload) and payload not in new["focus"]:
            new["focus"].append(payload)
    elif action == "budget":
        if isinstance(payload, int | float) and not isinstance(payload, bool):
            new["budget"] = max(10, min(MAX_BUDGET, int(payload)))
    else:
        raise ValueError(f"unknown view action {action!r}")
    return new
