"""Undo and redo of view changes: two stacks of URL-encoded views (dashboard.view), kept in the browser."""

from __future__ import annotations

from typing import Any

from dashboard.view import View, decode, encode

MAX_STEPS = 50

History = dict[str, list[str]]


def empty() -> History:
    return {"past": [], "future": []}


def checked(raw: Any) -> History:
    """A history sent back by the browser: lists of strings only, capped."""
    if not isinstance(raw, dict):
        return empty()
    return {key: [item for item in raw.get(key, [])[-MAX_STEPS:] if isinstance(item, str) and len(item) < 20_000]
            if isinstance(raw.get(key), list) else [] for key in ("past", "future")}


def record(history: History, before: View) -> History:
    """After a change: `before` can be undone to; what was undone can no longer be redone."""
    return {"past": (history["past"] + [encode(before)])[-MAX_STEPS:], "future": []}


def step(history: History, current: View, direction: str) -> tuple[View | None, History]:
    """Undo (direction "undo") or redo ("redo"): the view to show and the history after it (None: nothing)."""
    source, target = ("past", "future") if direction == "undo" else ("future", "past")
    if not history[source]:
        return None, history
    view = {**decode(history[source][-1]), "layout_run": current["layout_run"]}
    moved = {source: history[source][:-1], target: (history[target] + [encode(current)])[-MAX_STEPS:]}
    return view, moved
