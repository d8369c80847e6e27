"""Which nodes and links a view puts on the canvas.

The canvas is a pure consequence of the view (dashboard.view) and the database: seeds first, then the
path, then expansions in the order the analyst made them, each bringing its most reported meetings and
those meetings' parties and places. Nodes are admitted in that order until the visible-node budget is
reached, so what is dropped is always the least important, and the same view always gives the same canvas.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from neo4j import Driver

from dashboard import queries
from dashboard.view import PAGE_SIZE, View, pages_shown

Link = tuple[str, str, str]  # source, type, target
Pair = tuple[str, str]  # two parties, sorted

# The opening overview: the most reported meetings are the pool; their busiest parties are ranked by how much
# of the pool they take part in, and only meetings among the top parties are drawn, so labels stay readable.
OVERVIEW_POOL = 300
OVERVIEW_ENTITIES = 30
OVERVIEW_MEETINGS = 60
# In edge mode a meeting of two to six parties is drawn as edges between them; larger ones stay nodes.
MAX_FOLDED_PARTIES = 6


@dataclass
class Canvas:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # id → properties, with "label"
    links: set[Link] = field(default_factory=set)
    anchors: dict[str, str | None] = field(default_factory=dict)  # the node whose expansion brought each node
    more: dict[str, int] = field(default_factory=dict)  # expanded node → neighbours not shown yet
    expanded: set[str] = field(default_factory=set)
    dropped: int = 0  # nodes left out because the budget was reached
    path_nodes: set[str] = field(default_factory=set)
    path_links: set[Link] = field(default_factory=set)
    path_requested: bool = False
    corrected: dict[str, list[str]] = field(default_factory=dict)  # node → kinds of analyst correction
    analyst_links: dict[Link, str] = field(default_factory=dict)  # link an analyst added → who
    # Edge mode: meetings drawn as edges between their parties. pairs: two parties → their meetings on the
    # canvas, most reported first; folded: those meetings' properties.
    pairs: dict[Pair, list[str]] = field(default_factory=dict)
    folded: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def order(self) -> list[str]:
        return list(self.anchors)


def meeting_filter(view: View) -> dict[str, Any]:
    """Query parameters restricting meetings to the view's types and date range (months are inclusive)."""
    return {"types": list(view["types"]), "start": _day(view.get("from"), first=True),
            "end": _day(view.get("to"), first=False), "undated": bool(view.get("undated", True))}


def _day(value: str | None, first: bool) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts
    return date(year, month, 1 if first else calendar.monthrange(year, month)[1])


class _Builder:
    def __init__(self, driver: Driver, database: str, view: View) -> None:
        self.driver, self.database, self.view = driver, database, view
        self.canvas = Canvas()
        self.hidden = set(view["hide"])
        self.labels = set(view["labels"])
        self.filter = meeting_filter(view)

    def add(self, node_id: str, anchor: str | None) -> bool:
        canvas = self.canvas
        if node_id in canvas.anchors:
            return True
        if node_id in self.hidden or queries.label_of(node_id) not in self.labels:
            return False
        if len(canvas.anchors) >= self.view["budget"]:
            canvas.dropped += 1
            return False
        canvas.anchors[node_id] = anchor
        return True

    def link(self, source: str, kind: str, target: str) -> None:
        if source in self.canvas.anchors and target in self.canvas.anchors:
            self.canvas.links.add((source, kind, target))

    def build(self) -> Canvas:
        view, canvas = self.view, self.canvas
        seeds = list(dict.fromkeys(view["focus"] + view["ids"]))
        if not seeds and not view["path"]:
            self.add_overview()
        for seed in seeds:
            self.add(seed, None)
        if view["ids"]:  # nodes sent as a set (a saved query's result) come with the links among them
            for row in queries.links_among(self.driver, self.database, [n for n in view["ids"] if n in canvas.anchors]):
                self.link(row["source"], row["type"], row["target"])
        self.add_path()
        self.expand_all(seeds)
        self.add_direct_links()
        if view["reveal"]:
            for row in queries.links_among(self.driver, self.database, canvas.order):
                self.link(row["source"], row["type"], row["target"])
        self.fetch_and_filter(seeds)
        if view.get("mode") == "edges":
            fold_meetings(canvas, keep=set(seeds))
        return canvas

    def add_overview(self) -> None:
        """The opening view: the busiest parties of the most reported meetings, and those meetings among them."""
        pool = queries.top_meetings(self.driver, self.database, OVERVIEW_POOL, self.filter)
        parties: dict[str, list[str]] = defaultdict(list)
        for row in queries.meeting_closure(self.driver, self.database, pool):
            if row["type"] == "PARTICIPATED_IN" and queries.label_of(row["other"]) in self.labels \
                    and row["other"] not in self.hidden:
                parties[row["meeting"]].append(row["other"])
        weight: Counter[str] = Counter()
        for rank, meeting in enumerate(pool):
            for party in parties[meeting]:
                weight[party] += len(pool) - rank  # a party of the most reported meeting counts most
        top = {party for party, _ in sorted(weight.items(), key=lambda item: (-item[1], item[0]))[:OVERVIEW_ENTITIES]}
        chosen = [meeting for meeting in pool if parties[meeting]
                  and sum(party in top for party in parties[meeting]) >= min(2, len(parties[meeting]))]
        chosen = [meeting for meeting in chosen[:OVERVIEW_MEETINGS] if self.add(meeting, None)]
        for meeting in chosen:
            for party in parties[meeting]:
                if party in top and self.add(party, meeting):
                    self.link(party, "PARTICIPATED_IN", meeting)

    def add_path(self) -> None:
        if len(self.view["path"]) != 2:
            return
        canvas = self.canvas
        canvas.path_requested = True
        start, end = self.view["path"]
        for path in queries.shortest_paths(self.driver, self.database, start, end, self.filter,
                                           list(self.labels), list(self.hidden)):
            previous, complete = None, True
            for node in path["nodes"]:
                if not self.add(node, previous):
                    complete = False  # part of this path is hidden, filtered out or over the budget
                    break
                previous = node
            if not complete:
                continue
            canvas.path_nodes.update(path["nodes"])
            for source, kind, target in path["links"]:
                self.link(source, kind, target)
                canvas.path_links.add((source, kind, target))

    def expand_all(self, seeds: list[str]) -> None:
        canvas, done = self.canvas, set()
        candidates = list(dict.fromkeys(seeds + list(self.view["expand"])))
        progress = True
        while progress:  # an expansion can bring a node the analyst expanded later: go until nothing changes
            progress = False
            for node in candidates:
                if node in done or node not in canvas.anchors or pages_shown(self.view, node) == 0:
                    continue
                done.add(node)
                progress = True
                canvas.expanded.add(node)
                self.expand(node, pages_shown(self.view, node))

    def expand(self, node: str, pages: int) -> None:
        if queries.label_of(node) == "Meeting":
            self.close_meetings([node])
            return
        meetings, total = queries.expansion_meetings(self.driver, self.database, node, 0, pages * PAGE_SIZE,
                                                     self.filter)
        self.close_meetings([meeting for meeting in meetings if self.add(meeting, node)])
        self.canvas.more[node] = max(0, total - len(meetings))

    def close_meetings(self, meetings: list[str]) -> None:
        """Bring each meeting's parties, place and topics, linked to it."""
        rows = queries.meeting_closure(self.driver, self.database, meetings)
        for row in rows:
            if self.add(row["other"], row["meeting"]):
                source, target = ((row["meeting"], row["other"]) if row["outgoing"]
                                  else (row["other"], row["meeting"]))
                self.link(source, row["type"], target)

    def add_direct_links(self) -> None:
        canvas = self.canvas
        people_and_places = [n for n in canvas.order if queries.label_of(n) in ("Person", "Place")]
        for row in queries.direct_links(self.driver, self.database, people_and_places):
            # A person's country comes along (context for who speaks for whom); a place's only links.
            if row["type"] == "REPRESENTS" and canvas.anchors.get(row["source"]) is not None:
                self.add(row["target"], row["source"])
            self.link(row["source"], row["type"], row["target"])

    def fetch_and_filter(self, seeds: list[str]) -> None:
        canvas = self.canvas
        nodes = queries.nodes_by_id(self.driver, self.database, canvas.order)
        start, end, types, undated = (self.filter["start"], self.filter["end"], set(self.filter["types"]),
                                      self.filter["undated"])
        keep: dict[str, dict[str, Any]] = {}
        for node_id in canvas.order:
            node = nodes.get(node_id)
            if node is None:
                continue  # gone from the database since the link was made
            passes = node["label"] != "Meeting" or _meeting_passes(node, types, start, end, undated)
            if not passes and node_id not in seeds:
                continue
            keep[node_id] = node
        linked = {end for source, _, target in canvas.links for end in (source, target)
                  if source in keep and target in keep}
        # Parties of a filtered-out meeting would float unconnected: they go too, unless asked for.
        canvas.nodes = {node_id: node for node_id, node in keep.items()
                        if node_id in linked or node_id in seeds or canvas.anchors[node_id] is None
                        or node_id in canvas.path_nodes}
        canvas.links = {link for link in canvas.links if link[0] in canvas.nodes and link[2] in canvas.nodes}
        canvas.anchors = {node_id: anchor for node_id, anchor in canvas.anchors.items() if node_id in canvas.nodes}
        canvas.path_nodes &= set(canvas.nodes)
        canvas.path_links &= canvas.links
        # What analysts changed is shown as theirs, on screen and in every export.
        canvas.corrected = queries.corrected_nodes(self.driver, self.database, list(canvas.nodes))
        meetings = [node_id for node_id, node in canvas.nodes.items() if node["label"] == "Meeting"]
        canvas.analyst_links = {link: user for link, user in queries.analyst_links(
            self.driver, self.database, meetings).items() if link in canvas.links}


def fold_meetings(canvas: Canvas, keep: set[str]) -> None:
    """Edge mode: each meeting of two to MAX_FOLDED_PARTIES parties becomes edges between its parties (one per
    pair of parties, gathering all their meetings on the canvas); `keep` (meetings the analyst asked for) and
    larger meetings stay nodes. Places and topics reached only through a folded meeting leave the canvas."""
    parties: dict[str, list[str]] = defaultdict(list)
    for source, kind, target in sorted(canvas.links):
        if kind == "PARTICIPATED_IN" and canvas.nodes.get(target, {}).get("label") == "Meeting":
            parties[target].append(source)
    by_reports = sorted(parties, key=lambda m: (-int(canvas.nodes[m].get("article_count") or 0), m))
    pairs: dict[Pair, list[str]] = defaultdict(list)
    for meeting in by_reports:
        if meeting in keep or not 2 <= len(parties[meeting]) <= MAX_FOLDED_PARTIES:
            continue
        canvas.folded[meeting] = canvas.nodes.pop(meeting)
        for pair in combinations(sorted(parties[meeting]), 2):
            pairs[pair].append(meeting)
    canvas.pairs = dict(pairs)
    folded = canvas.folded
    canvas.links = {link for link in canvas.links if link[0] not in folded and link[2] not in folded}
    canvas.path_links = {link for link in canvas.path_links if link[0] not in folded and link[2] not in folded}
    linked = {end for source, _, target in canvas.links for end in (source, target)}
    linked |= {end for pair in canvas.pairs for end in pair}
    for node_id in list(canvas.nodes):
        anchor = canvas.anchors.get(node_id)
        if node_id not in linked and anchor is not None and node_id not in canvas.path_nodes:
            del canvas.nodes[node_id]
    for node_id, anchor in list(canvas.anchors.items()):
        if node_id not in canvas.nodes:
            del canvas.anchors[node_id]
        elif anchor in folded:  # placed beside the other party of the meeting that brought it
            others = [p for p in parties[anchor] if p != node_id and p in canvas.nodes]
            canvas.anchors[node_id] = others[0] if others else None
    canvas.path_nodes -= set(folded)


def _meeting_passes(node: dict[str, Any], types: set[str], start: date | None, end: date | None,
                    undated: bool) -> bool:
    if node.get("type") not in types:
        return False
    if not node.get("date"):
        return undated
    if start is None and end is None:
        return True
    day = date.fromisoformat(str(node["date"])[:10])
    return (start is None or day >= start) and (end is None or day <= end)


def build(driver: Driver, database: str, view: View) -> Canvas:
    """The canvas for a view: nodes with properties, links, and what the analyst needs to know about it
    (neighbours left to show, nodes dropped by the budget, the path)."""
    return _Builder(driver, database, view).build()
