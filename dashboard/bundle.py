"""An investigation as one zip file: investigation.json (title, notes, author, dates, URLs, the view, the subgraph's
nodes and links with their properties, the analysts' notes on those nodes) and the subgraph's pictures, drawn on the
server: subgraph.svg always, subgraph.png when CairoSVG can render here."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from datetime import UTC, datetime
from typing import Any

from neo4j import Driver

from dashboard import canvas as canvas_builder
from dashboard import subgraph_svg
from dashboard.details import HIDDEN_PROPERTIES
from dashboard.view import decode
from newsgraph.investigations import Investigation
from newsgraph.notes import notes_about_many

MAX_PNG_SIDE = 3000  # px: a large canvas at twice its size would take seconds to render and megabytes to store


def png_from_svg(svg: str) -> bytes | None:
    """The SVG as a PNG through CairoSVG (twice its size, at most MAX_PNG_SIDE), or None where CairoSVG or the Cairo
    library under it is not installed."""
    try:
        import cairosvg  # optional: a PNG is a convenience, the SVG is the picture
    except (ImportError, OSError):
        return None
    root = ET.fromstring(svg.encode("utf-8"))
    side = max(float(root.get("width") or 1), float(root.get("height") or 1))
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=min(2.0, MAX_PNG_SIDE / side),
                            background_color="white")


def bundle(driver: Driver, database: str, investigation: Investigation, base_url: str) -> bytes:
    view = decode(investigation.search)
    canvas = canvas_builder.build(driver, database, view)
    notes = notes_about_many(driver, database, list(canvas.nodes))
    nodes = [{**{key: value for key, value in node.items() if key not in HIDDEN_PROPERTIES}, "id": node_id,
              "notes": [note.to_json() for note in notes.get(node_id, [])]}
             for node_id, node in canvas.nodes.items()]
    edges = [{"source": source, "type": kind, "target": target} for source, kind, target in sorted(canvas.links)]
    svg = subgraph_svg.render(canvas, lang=view["lang"], title=investigation.title)
    png = png_from_svg(svg)
    images = ["subgraph.svg", *(["subgraph.png"] if png else [])]
    base = base_url.rstrip("/")
    document: dict[str, Any] = {
        "id": investigation.id, "title": investigation.title, "notes": investigation.notes,
        "user": investigation.user, "created": investigation.at, "updated": investigation.updated,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "url": base + investigation.url, "explorer_url": base + investigation.explorer_url,
        "view": {key: value for key, value in view.items() if key != "layout_run"},
        "nodes": nodes, "edges": edges, "dropped_by_budget": canvas.dropped, "images": images,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("investigation.json", json.dumps(document, ensure_ascii=False, indent=1, default=str))
        archive.writestr("subgraph.svg", svg)
        if png:
            archive.writestr("subgraph.png", png)
    return out.getvalue()
