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
    "LOCATED_IN": "يقع في",
    "CONCERNS": "بشأن",
}


ANALYST_COLOR = "#16a085"


def stylesheet(lang: str = "ar") -> list[dict[str, Any]]:
    """The canvas style. `lang` picks the node captions: "ar" (Arabic) or "latin" (English name or
    transliteration). Size follows degree on screen; a meeting's follows the number of articles reporting it."""
    caption = "data(caption)" if lang == "ar" else "data(latin)"
    edge_caption = "data(title)" if lang == "ar" else "data(latin)"
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            "label": caption, "font-family": CANVAS_FONTS, "font-size": 13,
            "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
            "color": "#1d1d1d", "text-outline-color": "#ffffff", "text-outline-width": 2,
            "width": "mapData(degree, 0, 20, 24, 60)", "height": "mapData(degree, 0, 20, 24, 60)",
            "border-width": 1, "border-color": "#ffffff", "min-zoomed-font-size": 6,
        }},
        {"selector": "edge", "style": {
            "curve-style": "bezier", "width": 1.5, "line-color": "#b8b8b8",
            "target-arrow-shape": "triangle", "target-arrow-color": "#b8b8b8", "arrow-scale": 0.8,
            "label": edge_caption, "font-family": CANVAS_FONTS, "font-size": 8, "color": "#777",
            "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.8,
            "min-zoomed-font-size": 9,
        }},
        {"selector": "edge[type = 'REPRESENTS']", "style": {"line-style": "dashed", "line-color": "#9cc9ad",
                                                          "target-arrow-color": "#9cc9ad"}},
        {"selector": "edge[type = 'CONCERNS']", "style": {"line-style": "dotted", "line-color": "#d9a6a0",
                                                        "target-arrow-color": "#d9a6a0"}},
    ]
    for label, style in LABEL_STYLES.items():
        rules.append({"selector": f"node[label = '{label}']",
                      "style": {"background-color": style["color"], "shape": style["shape"]}})
    rules += [
        {"selector": "node[label = 'Meeting']", "style": {
            "width": "mapData(article_count, 1, 10, 16, 40)", "height": "mapData(article_count, 1, 10, 16, 40)",
            "font-size": 10, "color": "#7b241c"}},
        {"selector": "node.expanded", "style": {"border-width": 3, "border-color": "#22303c"}},
        {"selector": "node[more > 0]", "style": {"border-style": "double", "border-width": 5,
                                                 "border-color": "#22303c"}},
        {"selector": "node.pinned", "style": {"outline-width": 3, "outline-color": "#8e44ad",
                                              "outline-offset": 2}},
        {"selector": ".dimmed", "style": {"opacity": 0.15}},
        {"selector": "node.on-path", "style": {"border-width": 4, "border-color": "#e67e22"}},
        {"selector": "edge.on-path", "style": {"width": 4, "line-color": "#e67e22",
                                               "target-arrow-color": "#e67e22"}},
        # What analysts changed or added (loader.corrections), told apart from what was extracted.
        {"selector": "node.corrected", "style": {"border-style": "dashed", "border-width": 3,
                                                 "border-color": ANALYST_COLOR}},
        {"selector": "edge.analyst", "style": {"line-style": "dashed", "width": 2.5, "line-color": ANALYST_COLOR,
                                               "target-arrow-color": ANALYST_COLOR}},
        {"selector": "node:selected", "style": {"border-width": 5, "border-color": "#f1c40f"}},
    ]
    return rules
