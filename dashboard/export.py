"""The visible subgraph as data files: JSON, GraphML (Gephi, yEd, networkx) and CSV (nodes, edges).

Exports take the elements the canvas shows, so a file holds exactly what the analyst sees (filters, hidden
nodes and the budget applied). Arabic is written as UTF-8 text, never escaped.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# Element data that only drives the canvas, not facts about the node.
CANVAS_ONLY = {"more", "degree"}


def split(elements: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    nodes = [_clean(e["data"]) for e in elements if "source" not in e.get("data", {})]
    edges = [_clean(e["data"]) for e in elements if "source" in e.get("data", {})]
    return nodes, edges


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key not in CANVAS_ONLY}


def to_json(elements: list[dict[str, Any]]) -> str:
    nodes, edges = split(elements)
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, indent=1)


def _graphml_type(values: list[Any]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def to_graphml(elements: list[dict[str, Any]]) -> str:
    """GraphML with one typed key per property. Gephi shows `caption` as the node label."""
    nodes, edges = split(elements)
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    keys: dict[tuple[str, str], str] = {}
    for domain, items, skip in (("node", nodes, {"id"}), ("edge", edges, {"id", "source", "target"})):
        names = list(dict.fromkeys(name for item in items for name in item if name not in skip))
        for name in names:
            key_id = f"{domain[0]}_{name}"
            keys[(domain, name)] = key_id
            values = [item[name] for item in items if name in item]
            ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {
                "id": xml_text(key_id), "for": domain, "attr.name": xml_text(name),
                "attr.type": _graphml_type(values)})
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "newsgraph", "edgedefault": "directed"})
    for node in nodes:
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", {"id": xml_text(node["id"])})
        for name, value in node.items():
            if name != "id":
                ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": keys[("node", name)]}).text = xml_text(value)
    for edge in edges:
        element = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge",
                                {"id": xml_text(edge["id"]), "source": xml_text(edge["source"]),
                                 "target": xml_text(edge["target"])})
        for name, value in edge.items():
            if name not in ("id", "source", "target"):
                ET.SubElement(element, f"{{{GRAPHML_NS}}}data", {"key": keys[("edge", name)]}).text = xml_text(value)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


# Characters XML 1.0 does not allow (C0 controls but tab, line feed and carriage return; lone surrogates;
# U+FFFE, U+FFFF): an article or a name holding one would make the whole GraphML file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: Any) -> str:
    return _NOT_XML.sub("", _text(value))


# A spreadsheet runs a cell that starts with one of these as a formula («=HYPERLINK(…)», «@SUM(…)»).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A value safe to open in a spreadsheet: text that would start a formula gets a leading apostrophe
    (the OWASP advice); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[dict[str, Any]], first: list[str]) -> str:
    columns = list(dict.fromkeys(first + [name for row in rows for name in row]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[spreadsheet_cell(c) for c in columns], extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({spreadsheet_cell(name): _text(value) if isinstance(value, int | float) else
                         spreadsheet_cell(_text(value)) for name, value in row.items()})
    return out.getvalue()


# A byte-order mark, so spreadsheet programs read the Arabic as UTF-8.
BOM = "\ufeff"


def nodes_csv(elements: list[dict[str, Any]]) -> str:
    return BOM + _csv(split(elements)[0], ["id", "label", "caption", "latin"])


def edges_csv(elements: list[dict[str, Any]]) -> str:
    return BOM + _csv(split(elements)[1], ["source", "target", "type"])
