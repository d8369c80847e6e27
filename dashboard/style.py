"""One consistent look per node label, shared by the canvas and the legend."""

from __future__ import annotations

from typing import Any

ARABIC_FONTS = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif"
# cytoscape.js validates font-family against [\w- "]: no single quotes.
CANVAS_FONTS = "Noto Sans Arabic, Noto Naskh Arabic, Noto Sans, DejaVu Sans, sans-serif"

LABEL_STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#2f6fb0", "shape": "ellipse", "title": "شخص"},
    "Country": {"color": "#2e9c5a", "shape": "round-rectangle", "title": "دولة"},
    "Organization": {"color": "#8a5bb5", "shape": "hexagon", "title": "منظمة"},
    "Place": {"color": "#c27c2c", "shape": "triangle", "title": "مكان"},
    "Meeting": {"color": "#c0392b", "shape": "diamond", "title": "لقاء"},
}

MEETING_TYPE_TITLES = {
    "call": "اتصال هاتفي",
    "meeting": "لقاء",
    "visit": "زيارة",
    "talks": "مباحثات",
    "summit": "قمة",
    "conference": "مؤتمر",
}

EDGE_TITLES = {
    "PARTICIPATED_IN": "شارك في",
    "REPRESENTS": "يمثل",
    "HELD_IN": "عُقد في",
}


def stylesheet() -> list[dict[str, Any]]:
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": "data(caption)", "font-family": CANVAS_FONTS, "font-size": 13,
            "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
            "color": "#1d1d1d", "text-outline-color": "#ffffff", "text-outline-width": 2,
            "width": 30, "height": 30, "border-width": 1, "border-color": "#ffffff",
        }},
        {"selector": "edge", "style": {
            "curve-style": "bezier", "width": 1.5, "line-color": "#b8b8b8",
            "target-arrow-shape": "triangle", "target-arrow-color": "#b8b8b8", "arrow-scale": 0.8,
        }},
        {"selector": "edge[type = 'REPRESENTS']", "style": {"line-style": "dashed", "line-color": "#9cc9ad",
                                                          "target-arrow-color": "#9cc9ad"}},
        {"selector": "node:selected", "style": {"border-width": 4, "border-color": "#f1c40f"}},
    ]
    for label, style in LABEL_STYLES.items():
        rules.append({"selector": f"node[label = '{label}']",
                      "style": {"background-color": style["color"], "shape": style["shape"]}})
    rules.append({"selector": "node[label = 'Meeting']", "style": {"width": 18, "height": 18, "font-size": 10,
                                                                   "color": "#7b241c"}})
    return rules
