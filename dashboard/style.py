"""One consistent look per node label, shared by the canvas and the legend."""

from __future__ import annotations

from typing import Any

from dashboard.i18n import DEFAULT_LANGUAGE, N_, language

ARABIC_FONTS = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif"
# cytoscape.js validates font-family against [\w- "]: no single quotes.
CANVAS_FONTS = "Noto Sans Arabic, Noto Naskh Arabic, Noto Sans, DejaVu Sans, sans-serif"

# English names (the msgids); the Arabic is in the catalogue. Marked with N_ so Babel extracts them.
LABEL_NAMES: dict[str, str] = {"Person": N_("Person"), "Country": N_("Country"),
                               "Organization": N_("Organization"), "Place": N_("Place"), "Meeting": N_("Meeting")}
MEETING_TYPE_NAMES: dict[str, str] = {"call": N_("Phone call"), "meeting": N_("Meeting"), "visit": N_("Visit"),
                                      "talks": N_("Talks"), "summit": N_("Summit"), "conference": N_("Conference")}
EDGE_NAMES: dict[str, str] = {"PARTICIPATED_IN": N_("took part in"), "REPRESENTS": N_("represents"),
                              "HELD_IN": N_("held in"), "LOCATED_IN": N_("located in"), "CONCERNS": N_("concerns")}


def _title(names: dict[str, str], key: str, lang: str) -> str:
    """The name of `key` in the interface language; an unknown key is shown as it is."""
    english = names.get(key)
    return language(lang).t(english) if english else key


def label_title(label: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A node label's name, e.g. label_title("Person", "en") == "Person", label_title("Person") == "شخص"."""
    return _title(LABEL_NAMES, label, lang)


def meeting_type_title(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A meeting type's name, e.g. meeting_type_title("call", "en") == "Phone call"."""
    return _title(MEETING_TYPE_NAMES, kind, lang)


def edge_title(kind: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A relationship type's caption, e.g. edge_title("HELD_IN", "en") == "held in"."""
    return _title(EDGE_NAMES, kind, lang)


# The Arabic names as constants, for code that predates the interface language (the explorer's canvas and filters).
LABEL_STYLES: dict[str, dict[str, str]] = {
    "Person": {"color": "#2f6fb0", "shape": "ellipse", "title": label_title("Person")},
    "Country": {"color": "#2e9c5a", "shape": "round-rectangle", "title": label_title("Country")},
    "Organization": {"color": "#8a5bb5", "shape": "hexagon", "title": label_title("Organization")},
    "Place": {"color": "#c27c2c", "shape": "triangle", "title": label_title("Place")},
    "Meeting": {"color": "#c0392b", "shape": "diamond", "title": label_title("Meeting")},
}
MEETING_TYPE_TITLES = {kind: meeting_type_title(kind) for kind in MEETING_TYPE_NAMES}
EDGE_TITLES = {kind: edge_title(kind) for kind in EDGE_NAMES}


ANALYST_COLOR = "#16a085"


def stylesheet(lang: str = "ar") -> list[dict[str, Any]]:
    """The canvas style. `lang` picks the node captions: "ar" (Arabic) or "latin" (English name or
    transliteration). Size follows degree on screen; a meeting's follows the number of articles reporting it."""
    caption = "data(caption)" if lang == "ar" else "data(latin)"
    edge_caption = "data(title)" if lang == "ar" else "data(latin)"
    rules: list[dict[str, Any]] = [
        {"selector": "node", "style": {
            # Labels grow with the node's links on screen and vanish below 9 px on screen: zoomed out, only the
            # busiest nodes keep a readable label; zooming in brings the others back.
            "label": caption, "font-family": CANVAS_FONTS, "font-size": "mapData(degree, 0, 20, 11, 22)",
            "text-wrap": "ellipsis", "text-max-width": "160px",
            "text-valign": "bottom", "text-halign": "center", "text-margin-y": 4,
            "color": "#1d1d1d", "text-outline-color": "#ffffff", "text-outline-width": 2,
            "width": "mapData(degree, 0, 20, 24, 60)", "height": "mapData(degree, 0, 20, 24, 60)",
            "border-width": 1, "border-color": "#ffffff", "min-zoomed-font-size": 9,
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
        # Edge mode: a meeting (or several) between two parties, thicker with more reports, no direction.
        {"selector": "edge[type = 'MET']", "style": {
            "width": "mapData(article_count, 1, 30, 1.5, 8)", "line-color": "#d98880", "target-arrow-shape": "none",
            "font-size": 9, "color": "#7b241c", "min-zoomed-font-size": 12}},  # only when zoomed in
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
