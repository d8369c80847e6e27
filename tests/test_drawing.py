"""Incremental drawing (dashboard.drawing), undo/redo (dashboard.view_history) and the date slider's scale
(dashboard.time_range): pure functions, checked against independent reasoning.

A delta is checked by applying it as the browser must (by element id, to whatever order the browser's list is
in: cytoscape.js reorders it as elements leave) and comparing with the wanted canvas.
"""

from __future__ import annotations

import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import drawing, time_range, view_history
from dashboard.view import apply, decode, default_view


def node(node_id: str, caption: str = "", classes: str = "") -> dict[str, Any]:
    return {"data": {"id": node_id, "caption": caption}, "classes": classes}


def edge(source: str, target: str) -> dict[str, Any]:
    return {"data": {"id": f"{source}>L>{target}", "source": source, "target": target}, "classes": ""}


def browser_applies(shown: list[dict[str, Any]], delta: dict[str, Any]) -> list[dict[str, Any]]:
    """The browser's list after a delta: the whole list, or removals and replacements by id plus new ones."""
    if delta["full"]:
        return list(delta["upsert"])
    by_id = {e["data"]["id"]: e for e in shown}
    for element_id in delta["remove"]:
        del by_id[element_id]  # a removal of something the browser does not hold is a bug
    for element in delta["upsert"]:
        by_id[element["data"]["id"]] = element
    return list(by_id.values())


def as_set(elements: list[dict[str, Any]]) -> set[str]:
    return {repr(sorted(e.items())) for e in elements}


def test_an_expansion_sends_only_what_it_adds_and_changes() -> None:
    before = [node("a"), node("b"), edge("a", "b")]
    delta, drawn, _ = drawing.update(None, before)
    assert delta["full"]
    shown = browser_applies([], delta)
    after = [node("a", classes="expanded"), node("b"), node("c"), edge("a", "b"), edge("a", "c")]
    delta, drawn, counts = drawing.update(drawn, after)
    assert counts == {"removed": 0, "changed": 1, "added": 2}
    assert not delta["full"] and delta["remove"] == []
    assert delta["upsert"] == [node("a", classes="expanded"), node("c"), edge("a", "c")]  # nodes before edges
    assert as_set(browser_applies(list(reversed(shown)), delta)) == as_set(after)


def test_a_missing_or_forged_drawn_store_gets_the_whole_list() -> None:
    elements = [node("a"), node("b"), edge("a", "b")]
    for drawn in (None, {}, "x", [["a", "b"]], {"a": 1}):
        delta, _, counts = drawing.update(drawn, elements)
        assert delta["full"] and counts == {"full": 3}


ids = st.sampled_from([f"n{i}" for i in range(40)])


@st.composite
def canvases(draw: Any) -> list[dict[str, Any]]:
    nodes = sorted(draw(st.sets(ids, max_size=30)))
    captions = {n: draw(st.sampled_from(["", "x", "y"])) for n in nodes}
    elements = [node(n, captions[n]) for n in nodes]
    pairs = draw(st.sets(st.tuples(st.sampled_from(nodes), st.sampled_from(nodes)), max_size=30)) if nodes else set()
    elements += [edge(a, b) for a, b in sorted(pairs) if a != b]
    return elements


@settings(max_examples=200, deadline=None)
@given(st.lists(canvases(), min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_any_sequence_of_canvases_ends_with_the_browser_holding_exactly_the_last(sequence: list[Any],
                                                                               rng: random.Random) -> None:
    shown: list[dict[str, Any]] = []
    drawn: Any = None
    for elements in sequence:
        delta, drawn, _ = drawing.update(drawn, elements)
        rng.shuffle(shown)  # the browser's order is cytoscape's, not the server's
        shown = browser_applies(shown, delta)
        assert as_set(shown) == as_set(elements)
        kinds = ["source" in e["data"] for e in delta["upsert"]]
        assert kinds == sorted(kinds)  # an edge never arrives before the nodes it joins


def test_undo_and_redo_walk_back_and_forth_through_views() -> None:
    first = default_view()
    second = apply(first, "search", "person:vladimir-putin")
    third = apply(second, "mode", "edges")
    history = view_history.record(view_history.record(view_history.empty(), first), second)
    back, history = view_history.step(history, third, "undo")
    assert back is not None and back["focus"] == ["person:vladimir-putin"] and back["mode"] == "nodes"
    back_again, history = view_history.step(history, back, "undo")
    assert back_again is not None and back_again["focus"] == []
    assert view_history.step(history, back_again, "undo")[0] is None  # nothing older
    forward, history = view_history.step(history, back_again, "redo")
    assert forward is not None and forward["focus"] == ["person:vladimir-putin"] and forward["mode"] == "nodes"
    forward, history = view_history.step(history, forward, "redo")
    assert forward is not None and forward["mode"] == "edges"
    assert not history["future"]


def test_a_new_change_after_undo_drops_the_redo_steps_and_history_is_capped() -> None:
    history = view_history.empty()
    view = default_view()
    for budget in range(10, 10 + 10 * (view_history.MAX_STEPS + 5), 10):
        history = view_history.record(history, view)
        view = apply(view, "budget", budget)
    assert len(history["past"]) == view_history.MAX_STEPS
    _, history = view_history.step(history, view, "undo")
    assert history["future"]
    assert not view_history.record(history, view)["future"]
    assert view_history.checked({"past": [1, "?x=1"], "future": "no"}) == {"past": ["?x=1"], "future": []}


def test_the_slider_spans_the_bulk_and_its_ends_reach_the_outliers() -> None:
    span = {"first": "1902-05-01", "last": "2018-12-30", "low": "2016-01", "high": "2018-06", "undated": 4}
    months = time_range.slider_months(span)
    assert months[0] == "2016-01" and months[-1] == "2018-06" and len(months) == 30
    marks = time_range.marks(months)
    assert len(marks) <= time_range.MAX_MARKS + 1 and len(months) - 1 in marks and 0 in marks
    view = decode("?from=1950-01")  # a month off the scale sits at the near end
    assert time_range.slider_value(view, months) == [0, len(months) - 1]
    assert time_range.range_text(default_view(), span) == "1902-05 – 2018-12"  # open ends show the extremes
    assert time_range.range_text(decode("?from=2017-02&to=2017-09"), span) == "2017-02 – 2017-09"
