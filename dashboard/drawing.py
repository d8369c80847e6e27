"""Incremental drawing: the canvas's element list sent as the change from what the browser already shows.

The server rebuilds the whole canvas for every view (dashboard.canvas: one source of truth), but the browser
is sent only the difference, as a Dash `Patch` on the Cytoscape `elements` prop: deletions by index, in-place
replacements of elements whose data or classes changed, and new elements appended. An expansion then costs
what it adds, not what is on screen.

The indices are right because the order of the list is known: the `drawn` store keeps, in order, each shown
element's id and fingerprint. dash-cytoscape writes the list back from cytoscape.js (on add, remove and drag)
in cytoscape's own order, which is the same: react-cytoscapejs removes what left and adds what is new at the
end, and cytoscape.js adds a batch's nodes before its edges, as the lists here are built.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from dash import Patch

Drawn = list[list[str]]  # [element id, fingerprint] in the order the browser holds the elements

# Past this share of the canvas changing, the whole list is cheaper than the patch (and simpler to apply).
FULL_REDRAW_SHARE = 0.5


def fingerprint(element: dict[str, Any]) -> str:
    """What the browser must be told about when it changes: data, classes, locking (not the position)."""
    material = json.dumps([element.get("data"), element.get("classes", ""), element.get("locked", False)],
                          sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.blake2b(material.encode("utf-8"), digest_size=8).hexdigest()


def ordered(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Nodes before edges (the order cytoscape.js adds them in), each group in its given order."""
    return [e for e in elements if "source" not in e["data"]] + [e for e in elements if "source" in e["data"]]


def full(elements: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], Drawn]:
    listed = ordered(elements)
    return listed, [[e["data"]["id"], fingerprint(e)] for e in listed]


def update(drawn: Any, elements: list[dict[str, Any]]) -> tuple[Patch | list[dict[str, Any]], Drawn, dict[str, int]]:
    """The change that turns the browser's list (as `drawn` records it) into `elements`, the new `drawn`, and
    counts of what changed. A missing or malformed `drawn` (a new page, client state) gives the whole list."""
    wanted = {e["data"]["id"]: (e, fingerprint(e)) for e in elements}
    if not _valid(drawn) or not drawn:
        listed, new_drawn = full(elements)
        return listed, new_drawn, {"full": len(listed)}
    shown = [(item[0], item[1]) for item in drawn]
    removed = [index for index, (element_id, _) in enumerate(shown) if element_id not in wanted]
    kept = [(element_id, mark) for element_id, mark in shown if element_id in wanted]
    changed = [index for index, (element_id, mark) in enumerate(kept) if wanted[element_id][1] != mark]
    known = {element_id for element_id, _ in shown}
    added = ordered([element for element_id, (element, _) in wanted.items() if element_id not in known])
    if len(removed) + len(changed) + len(added) > FULL_REDRAW_SHARE * max(len(shown), len(wanted)) \
            and len(shown) > 20:
        listed, new_drawn = full(elements)
        return listed, new_drawn, {"full": len(listed)}
    patch = Patch()
    for index in reversed(removed):  # from the end, so earlier indices stay valid
        del patch[index]
    for index in changed:
        patch[index] = wanted[kept[index][0]][0]
    if added:
        patch.extend(added)
    new_drawn = [[element_id, wanted[element_id][1]] for element_id, _ in kept]
    new_drawn += [[e["data"]["id"], fingerprint(e)] for e in added]
    return patch, new_drawn, {"removed": len(removed), "changed": len(changed), "added": len(added)}


def _valid(drawn: Any) -> bool:
    return isinstance(drawn, list) and len(drawn) <= 20_000 and all(
        isinstance(item, list) and len(item) == 2 and all(isinstance(part, str) for part in item) for item in drawn)
