"""Which nodes and links a view puts on the canvas.

The canvas is a pure consequence of the view (dashboard.view) and the database: seeds first, then the
path, then expansions in the order the analyst made them, each bringing its most reported meetings and
those meetings' parties and places. Nodes are admitted in that order until the visible-node budget is
reached, so what is dropped is always the least important, and the same view always gives the same canvas.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from neo4j import Driver

from dashboard import queries
from dashboard.view import PAGE_SIZE, View, pages_shown

Link = tuple[str, str, str]  # source, type, target


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

    @property
    def order(self) -> list[str]:
        return list(self.anchors)


def meeting_filter(view: View) -> dict[str, Any]:
    """Query parameters restricting meetings to the view's types and date range (months are inclusive)."""
    return {"types": list(view["types"]), "start": _day(view.get("from"), first=True),
            "end": _day(view.get("to"), first=False)}


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

    def build(self, overview_limit: int) -> Canvas:
        view, canvas = self.view, self.canvas
        seeds = list(dict.fromkeys(view["focus"] + view["ids"]))
        if not seeds and not view["path"]:
            top = queries.top_meetings(self.driver, self.database, overview_limit, self.filter)
            self.close_meetings([meeting for meeting in top if self.add(meeting, None)])
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
        return canvas

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
        start, end, types = self.filter["start"], self.filter["end"], set(self.filter["types"])
        keep: dict[str, dict[str, Any]] = {}
        for node_id in canvas.order:
            node = nodes.get(node_id)
            if node is None:
                continue  # gone from the database since the link was made
            if node["label"] == "Meeting" and node_id not in seeds and not _meeting_passes(node, types, start, end):
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


def _meeting_passes(node: dict[str, Any], types: set[str], start: date | None, end: date | None) -> bool:
    if node.get("type") not in types:
        return False
    if start is None and end is None:
        return True
    if not node.get("date"):
        return False
    day = date.fromisoformat(str(node["date"])[:10])
    return (start is None or day >= start) and (end is None or day <= end)


def build(driver: Driver, database: str, view: View, overview_limit: int = 120) -> Canvas:
    """The canvas for a view: nodes with properties, links, and what the analyst needs to know about it
    (neighbours left to show, nodes dropped by the budget, the path)."""
    return _Builder(driver, database, view).build(overview_limit)
