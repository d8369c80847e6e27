"""Incremental drawing: the canvas sent to the browser as the change from what it already shows.

The server rebuilds the whole canvas for every view (dashboard.canvas: one source of truth) but sends only a
delta: the ids of elements to remove and the elements that are new or changed (data, classes or locking;
positions of nodes already on screen are the browser's own). The browser applies it by element id
(`APPLY_JS` in dashboard.explorer) to the element list it holds. An expansion then costs what it adds, not
what is on screen.

Ids, not list positions: dash-cytoscape writes the element list back from cytoscape.js in cytoscape's own
order, which changes as elements are removed, so an index-based patch (Dash `Patch`) could hit the wrong
element. The `drawn` store keeps each shown element's fingerprint, so the server knows what changed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

Drawn = dict[str, str]  # element id → fingerprint of what the browser was sent
Delta = dict[str, Any]  # {"full": bool, "remove": [ids], "upsert": [elements]}

MAX_DRAWN = 20_000


def fingerprint(element: dict[str, Any]) -> str:
    """What the browser must be told about when it changes: data, classes, locking (not the position)."""
    material = json.dumps([element.get("data"), element.get("classes", ""), element.get("locked", False)],
                          sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(material.encode("utf-8"), digest_size=8).hexdigest()


def ordered(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes before edges (an edge needs its ends), each group in its given order."""
    return [e for e in elements if "source" not in e["data"]] + [e for e in elements if "source" in e["data"]]


def update(drawn: Any, elements: list[dict[str, Any]]) -> tuple[Delta, Drawn, dict[str, int]]:
    """The delta that turns what the browser shows (as `drawn` records it) into `elements`, the new `drawn`,
    and counts of what changed. A missing or malformed `drawn` (a new page, forged client state) gives the
    whole list."""
    marks = {e["data"]["id"]: fingerprint(e) for e in elements}
    if not _valid(drawn) or not drawn:
        return {"full": True, "remove": [], "upsert": ordered(elements)}, marks, {"full": len(elements)}
    removed = sorted(element_id for element_id in drawn if element_id not in marks)
    upsert = ordered([e for e in elements if drawn.get(e["data"]["id"]) != marks[e["data"]["id"]]])
    added = sum(1 for e in upsert if e["data"]["id"] not in drawn)
    return ({"full": False, "remove": removed, "upsert": upsert}, marks,
            {"removed": len(removed), "changed": len(upsert) - added, "added": added})


def _valid(drawn: Any) -> bool:
    return isinstance(drawn, dict) and len(drawn) <= MAX_DRAWN and all(
        isinstance(key, str) and isinstance(value, str) for key, value in drawn.items())
