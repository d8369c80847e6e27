"""Where nodes new to the canvas go, so the picture the analyst is reading does not move.

Nodes already on screen keep their positions (the browser reports them before each change). New nodes are
set on an arc around the node that brought them, facing away from the rest of the graph; a layout
algorithm only runs when the analyst asks for one or nothing is on screen yet.
"""

from __future__ import annotations

import math

Point = tuple[float, float]
MIN_GAP = 28.0


def place_new(order: list[str], anchors: dict[str, str | None], known: dict[str, Point]) -> dict[str, Point]:
    """Positions for every node of `order` (the canvas's admission order) not in `known`.

    Anchors are admitted before the nodes they bring, so one pass in admission order always finds an
    anchor's position before placing its children.
    """
    positions = dict(known)
    placed: dict[str, Point] = {}
    children: dict[str | None, list[str]] = {}
    for node in order:
        if node not in positions:
            children.setdefault(anchors.get(node) if anchors.get(node) in anchors else None, []).append(node)
    centre = _centroid(list(positions.values()))
    orphans = children.pop(None, [])
    if orphans:  # no anchor on screen: a ring outside everything shown
        radius = _extent(list(positions.values()), centre) + 120
        for node, point in zip(orphans, _arc(centre, radius, 0.0, 2 * math.pi, len(orphans)), strict=True):
            positions[node] = placed[node] = point
    pending = [node for node in order if node in children]
    while pending:
        still: list[str] = []
        for anchor in pending:
            if anchor not in positions:
                still.append(anchor)
                continue
            kids = children.pop(anchor)
            ax, ay = positions[anchor]
            outward = math.atan2(ay - centre[1], ax - centre[0]) if (ax, ay) != centre else 0.0
            spread = min(2 * math.pi, math.pi * 0.9 + len(kids) * 0.12)
            radius = 90.0 + 9.0 * len(kids)
            for node, point in zip(kids, _arc((ax, ay), radius, outward - spread / 2, spread, len(kids)), strict=True):
                point = _free_spot(point, (ax, ay), positions)
                positions[node] = placed[node] = point
        if len(still) == len(pending):  # anchors that never get a place: put their children in a ring
            for anchor in still:
                for node in children.pop(anchor):
                    positions[node] = placed[node] = _free_spot(centre, centre, positions)
            break
        pending = still
    return placed


def _arc(centre: Point, radius: float, start: float, spread: float, count: int) -> list[Point]:
    if count == 1:
        angles = [start + spread / 2]
    elif spread >= 2 * math.pi - 1e-9:
        angles = [start + spread * i / count for i in range(count)]
    else:
        angles = [start + spread * i / (count - 1) for i in range(count)]
    return [(centre[0] + radius * math.cos(a), centre[1] + radius * math.sin(a)) for a in angles]


def _free_spot(point: Point, anchor: Point, taken: dict[str, Point]) -> Point:
    """The point, pushed away from the anchor until it overlaps no node (a few tries; crowding beats looping)."""
    x, y = point
    dx, dy = x - anchor[0], y - anchor[1]
    length = math.hypot(dx, dy) or 1.0
    for _ in range(6):
        if all(math.hypot(x - tx, y - ty) >= MIN_GAP for tx, ty in taken.values()):
            break
        x, y = x + dx / length * MIN_GAP * 1.5, y + dy / length * MIN_GAP * 1.5
    return (round(x, 1), round(y, 1))


def _centroid(points: list[Point]) -> Point:
    if not points:
        return (0.0, 0.0)
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _extent(points: list[Point], centre: Point) -> float:
    return max((math.hypot(p[0] - centre[0], p[1] - centre[1]) for p in points), default=0.0)
