"""Turning a canvas (dashboard.canvas) into dash-cytoscape elements."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dashboard.style import EDGE_TITLES, MEETING_TYPE_TITLES

# Node properties carried into the browser (and so into JSON/GraphML/CSV exports); the rest stays on the server.
CARRIED = ("name", "name_en", "translit", "iso2", "type", "cameo", "date", "date_precision", "status", "topic",
           "article_count", "outlet_count", "first_reported", "title")


def caption(node: dict[str, Any]) -> str:
    if node["label"] == "Meeting":
        title = MEETING_TYPE_TITLES.get(node.get("type", ""), node.get("type", ""))
        return f"{title} {node['date']}" if node.get("date") else title
    return node.get("name") or node.get("name_en") or node["id"]


def latin_caption(node: dict[str, Any]) -> str:
    if node["label"] == "Meeting":
        return f"{node.get('type', 'meeting')} {node['date']}" if node.get("date") else node.get("type", "meeting")
    return node.get("name_en") or node.get("translit") or node.get("name") or node["id"]


def link_id(source: str, kind: str, target: str) -> str:
    return f"{source}>{kind}>{target}"


MET = "MET"  # the edge type of meetings drawn as edges (edge mode)


def pair_edge(pair: tuple[str, str], meetings: list[dict[str, Any]]) -> dict[str, Any]:
    """One edge between two parties for all their meetings on the canvas (most reported first): type, latest
    date and report count on the edge; the meetings' ids in `meetings` (a tap selects the first)."""
    source, target = pair
    kinds = {m.get("type", "meeting") for m in meetings}
    kind = kinds.pop() if len(kinds) == 1 else "meeting"
    dates = sorted(str(m["date"])[:10] for m in meetings if m.get("date"))
    reports = sum(int(m.get("article_count") or 1) for m in meetings)
    title = MEETING_TYPE_TITLES.get(kind, kind)
    if len(meetings) == 1:
        caption = " ".join(part for part in (title, dates[-1] if dates else "", f"· تقارير: {reports}") if part)
        latin = " ".join(part for part in (kind, dates[-1] if dates else "", f"· reports: {reports}") if part)
    else:
        latest = f"· {dates[-1]}" if dates else ""
        caption = f"{len(meetings)} × {title} {latest} · تقارير: {reports}"
        latin = f"{len(meetings)} × {kind} {latest} · reports: {reports}"
    data = {"id": link_id(source, MET, target), "source": source, "target": target, "type": MET,
            "meetings": [m["id"] for m in meetings], "count": len(meetings), "meeting_type": kind,
            "article_count": reports, "title": caption, "latin": latin, "source_of_fact": "extracted"}
    if dates:
        data["date"] = dates[-1]
    return {"data": data, "classes": "met"}


def to_elements(canvas: Any, positions: dict[str, tuple[float, float]] | None = None,
                pinned: frozenset[str] | set[str] = frozenset()) -> list[dict[str, Any]]:
    """Nodes (with positions when known) then edges. Classes carry state the stylesheet shows: expanded,
    pinned, on the path, dimmed (off the path while a path is shown)."""
    positions = positions or {}
    degree: Counter[str] = Counter()
    for source, _, target in canvas.links:
        degree[source] += 1
        degree[target] += 1
    for (source, target), meetings in getattr(canvas, "pairs", {}).items():
        degree[source] += len(meetings)
        degree[target] += len(meetings)
    showing_path = canvas.path_requested and bool(canvas.path_nodes)
    elements: list[dict[str, Any]] = []
    for node_id, node in canvas.nodes.items():
        data = {"id": node_id, "label": node["label"], "caption": caption(node), "latin": latin_caption(node),
                "degree": degree[node_id], "more": canvas.more.get(node_id, 0)}
        data.update({key: _plain(node[key]) for key in CARRIED if node.get(key) not in (None, "", [])})
        corrected = getattr(canvas, "corrected", {}).get(node_id)
        data["source_of_fact"] = "analyst" if corrected else "extracted"
        if corrected:
            data["corrections"] = corrected
        classes = [cls for cls, on in (
            ("expanded", node_id in canvas.expanded), ("pinned", node_id in pinned),
            ("corrected", bool(corrected)),
            ("on-path", node_id in canvas.path_nodes), ("dimmed", showing_path and node_id not in canvas.path_nodes),
        ) if on]
        element: dict[str, Any] = {"data": data, "classes": " ".join(classes)}
        if node_id in positions:
            x, y = positions[node_id]
            element["position"] = {"x": x, "y": y}
        if node_id in pinned:
            element["locked"] = True
        elements.append(element)
    analyst_links = getattr(canvas, "analyst_links", {})
    for source, kind, target in sorted(canvas.links):
        on_path = (source, kind, target) in canvas.path_links
        added_by = analyst_links.get((source, kind, target))
        classes = " ".join(cls for cls, on in (("on-path", on_path), ("dimmed", showing_path and not on_path),
                                               ("analyst", added_by is not None)) if on)
        data = {"id": link_id(source, kind, target), "source": source, "target": target, "type": kind,
                "title": EDGE_TITLES.get(kind, kind), "latin": kind.lower().replace("_", " "),
                "source_of_fact": "analyst" if added_by is not None else "extracted"}
        if added_by is not None:
            data["added_by"] = added_by
        elements.append({"data": data, "classes": classes})
    folded = getattr(canvas, "folded", {})
    for pair, meetings in sorted(getattr(canvas, "pairs", {}).items()):
        if pair[0] in canvas.nodes and pair[1] in canvas.nodes:
            elements.append(pair_edge(pair, [{"id": m, **folded[m]} for m in meetings]))
    return elements


def _plain(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | list) else str(value)

