"""Turning graph query results into dash-cytoscape elements."""

from __future__ import annotations

from typing import Any

from dashboard.style import MEETING_TYPE_TITLES


def caption(node: dict[str, Any]) -> str:
    if node["label"] == "Meeting":
        title = MEETING_TYPE_TITLES.get(node.get("type", ""), node.get("type", ""))
        return f"{title} {node['date']}" if node.get("date") else title
    return node.get("name") or node.get("name_en") or node["id"]


def to_elements(graph: dict[str, Any]) -> list[dict[str, Any]]:
    elements: list[dict[str, Any]] = []
    for node_id, node in graph["nodes"].items():
        elements.append({"data": {"id": node_id, "label": node["label"], "caption": caption(node)}})
    for edge in graph["edges"]:
        elements.append({"data": {
            "id": f"{edge['source']}>{edge['type']}>{edge['target']}",
            "source": edge["source"], "target": edge["target"], "type": edge["type"],
        }})
    return elements
