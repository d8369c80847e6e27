"""A view's subgraph as an SVG drawn on the server (for an investigation's bundle): the nodes and links the canvas
shows (dashboard.canvas → dashboard.elements), in the canvas's colours and shapes, captions as <text> in the view's
script (Arabic right to left, in the dashboard's Arabic fonts).

The browser's layout algorithms do not run here (and networkx is not a dependency). Positions start from the canvas's
own placement (dashboard.placement): the nodes nothing brought (seeds, the overview's meetings) on a ring sized to
their number, every other node on an arc beside the node that brought it; a short force-directed pass then spreads
what the arcs stack up.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

from dashboard.canvas import Canvas
from dashboard.elements import to_elements
from dashboard.export import xml_text
from dashboard.placement import Point, place_new
from dashboard.style import ARABIC_FONTS, LABEL_STYLES

SVG_NS = "http://www.w3.org/2000/svg"
ROOT_SPACING = 90.0  # px of ring per root node, so their captions do not overlap
PADDING = 60.0


def positions(canvas: Canvas) -> dict[str, Point]:
    roots = [node for node in canvas.order if canvas.anchors.get(node) is None]
    radius = 0.0 if len(roots) == 1 else max(120.0, len(roots) * ROOT_SPACING / (2 * math.pi))
    known = {node: (round(radius * math.cos(2 * math.pi * i / len(roots)), 1),
                    round(radius * math.sin(2 * math.pi * i / len(roots)), 1)) for i, node in enumerate(roots)}
    placed = {**known, **place_new(canvas.order, canvas.anchors, known)}
    return relaxed(placed, [(source, target) for source, _, target in canvas.links])


def relaxed(start: dict[str, Point], links: list[tuple[str, str]], work: int = 3_000_000) -> dict[str, Point]:
    """A few rounds of Fruchterman–Reingold forces from the placement's positions: nodes push apart, links pull
    together, so the arcs of neighbours that placement stacks up spread out. Deterministic (no random start);
    the number of rounds keeps the cost near `work` pair visits, so a full canvas is drawn in about a second."""
    nodes = list(start)
    count = len(nodes)
    if count < 3:
        return dict(start)
    rounds = max(0, min(150, work // (count * count)))
    ideal = 85.0  # px between linked nodes: room for a caption
    x = {node: start[node][0] for node in nodes}
    y = {node: start[node][1] for node in nodes}
    step = ideal
    for _ in range(rounds):
        dx = dict.fromkeys(nodes, 0.0)
        dy = dict.fromkeys(nodes, 0.0)
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                ex, ey = x[a] - x[b], y[a] - y[b]
                distance = math.hypot(ex, ey) or 0.01
                push = ideal * ideal / distance
                dx[a] += ex / distance * push
                dy[a] += ey / distance * push
                dx[b] -= ex / distance * push
                dy[b] -= ey / distance * push
        for a, b in links:
            if a in x and b in x:
                ex, ey = x[a] - x[b], y[a] - y[b]
                distance = math.hypot(ex, ey) or 0.01
                pull = distance * distance / ideal
                dx[a] -= ex / distance * pull
                dy[a] -= ey / distance * pull
                dx[b] += ex / distance * pull
                dy[b] += ey / distance * pull
        for node in nodes:
            length = math.hypot(dx[node], dy[node]) or 1.0
            move = min(length, step)
            x[node] += dx[node] / length * move
            y[node] += dy[node] / length * move
        step = max(2.0, step * 0.96)  # cooling: big moves first, then settle
    return {node: (round(x[node], 1), round(y[node], 1)) for node in nodes}


def node_size(data: dict[str, Any]) -> float:
    """The canvas stylesheet's sizes (dashboard.style): by links on screen, a meeting by its reports."""
    if data["label"] == "Meeting":
        count = min(max(int(data.get("article_count") or 1), 1), 10)
        return 16 + (count - 1) / 9 * 24
    return 24 + min(int(data.get("degree") or 0), 20) / 20 * 36


def _shape(parent: ET.Element, shape: str, x: float, y: float, size: float, colour: str) -> ET.Element:
    half = size / 2
    common = {"fill": colour, "stroke": "#ffffff", "stroke-width": "1"}
    if shape == "ellipse":
        return ET.SubElement(parent, "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{half:.1f}", **common})
    if shape == "round-rectangle":
        return ET.SubElement(parent, "rect", {"x": f"{x - half:.1f}", "y": f"{y - half:.1f}", "width": f"{size:.1f}",
                                              "height": f"{size:.1f}", "rx": f"{size / 5:.1f}", **common})
    corners = {"hexagon": [(math.cos(a), math.sin(a)) for a in (math.pi / 3 * i for i in range(6))],
               "triangle": [(0, -1), (0.95, 0.8), (-0.95, 0.8)],
               "diamond": [(0, -1), (1, 0), (0, 1), (-1, 0)]}[shape]
    points = " ".join(f"{x + cx * half:.1f},{y + cy * half:.1f}" for cx, cy in corners)
    return ET.SubElement(parent, "polygon", {"points": points, **common})


def render(canvas: Canvas, lang: str = "ar", title: str = "") -> str:
    """The SVG document (UTF-8 text) of a canvas."""
    placed = positions(canvas)
    elements = to_elements(canvas, placed)
    nodes = {e["data"]["id"]: e for e in elements if "source" not in e["data"]}
    xs = [p[0] for p in placed.values()] or [0.0]
    ys = [p[1] for p in placed.values()] or [0.0]
    left, top = min(xs) - PADDING * 2, min(ys) - PADDING
    width, height = max(xs) - min(xs) + PADDING * 4, max(ys) - min(ys) + PADDING * 2 + 40
    svg = ET.Element("svg", {"xmlns": SVG_NS, "viewBox": f"{left:.1f} {top:.1f} {width:.1f} {height:.1f}",
                             "width": f"{width:.0f}", "height": f"{height:.0f}", "lang": lang,
                             "font-family": ARABIC_FONTS})
    if title:
        ET.SubElement(svg, "title").text = xml_text(title)
    ET.SubElement(svg, "rect", {"x": f"{left:.1f}", "y": f"{top:.1f}", "width": f"{width:.1f}",
                                "height": f"{height:.1f}", "fill": "#ffffff"})
    defs = ET.SubElement(svg, "defs")
    marker = ET.SubElement(defs, "marker", {"id": "arrow", "viewBox": "0 0 10 10", "refX": "10", "refY": "5",
                                            "markerWidth": "6", "markerHeight": "6", "orient": "auto-start-reverse"})
    ET.SubElement(marker, "path", {"d": "M 0 0 L 10 5 L 0 10 z", "fill": "#b8b8b8"})
    links = ET.SubElement(svg, "g", {"class": "links"})
    for element in elements:
        data = element["data"]
        if "source" not in data or data["source"] not in placed or data["target"] not in placed:
            continue
        (x1, y1), (x2, y2) = placed[data["source"]], placed[data["target"]]
        gap = node_size(nodes[data["target"]]["data"]) / 2
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        x2, y2 = x2 - (x2 - x1) / length * gap, y2 - (y2 - y1) / length * gap  # the arrow ends at the node's edge
        on_path = "on-path" in element.get("classes", "")
        ET.SubElement(links, "line", {
            "x1": f"{x1:.1f}", "y1": f"{y1:.1f}", "x2": f"{x2:.1f}", "y2": f"{y2:.1f}", "marker-end": "url(#arrow)",
            "stroke": "#e67e22" if on_path else "#b8b8b8", "stroke-width": "4" if on_path else "1.5",
            "data-type": xml_text(data["type"])})
    shapes = ET.SubElement(svg, "g", {"class": "nodes"})
    for node_id, element in nodes.items():
        data = element["data"]
        x, y = placed[node_id]
        style = LABEL_STYLES.get(data["label"], {"color": "#888888", "shape": "ellipse"})
        group = ET.SubElement(shapes, "g", {"data-id": xml_text(node_id), "data-label": data["label"]})
        if "dimmed" in element.get("classes", ""):
            group.set("opacity", "0.15")
        ET.SubElement(group, "title").text = xml_text(data["caption"])  # the Arabic name, whatever the script
        size = node_size(data)
        _shape(group, style["shape"], x, y, size, style["color"])
        caption = xml_text(data["caption"] if lang == "ar" else data["latin"])
        text = {"x": f"{x:.1f}", "y": f"{y + size / 2 + 15:.1f}", "text-anchor": "middle",
                "direction": "rtl" if lang == "ar" else "ltr", "font-family": ARABIC_FONTS,
                "font-size": "10" if data["label"] == "Meeting" else "13"}
        # A white halo under the caption keeps it readable over links (as the canvas's text outline does); a
        # second element rather than paint-order, which not every SVG renderer (CairoSVG) knows.
        ET.SubElement(group, "text", {**text, "fill": "#ffffff", "stroke": "#ffffff", "stroke-width": "3",
                                      "aria-hidden": "true"}).text = caption
        ET.SubElement(group, "text", {**text, "fill": "#7b241c" if data["label"] == "Meeting" else "#1d1d1d"}
                      ).text = caption
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode")
