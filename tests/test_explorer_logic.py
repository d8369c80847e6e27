"""The explorer's pure callback logic: no database, no browser.

What an analyst relies on: a shared link reproduces the view (and nothing unsafe rides along), every action
changes the view the way its button says, new nodes appear beside what brought them without moving the
picture, exports open in other tools with the Arabic intact, evidence sentences are highlighted exactly,
and the slider, layout, canvas classes and timeline follow the view.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import math
import xml.etree.ElementTree as ET
from datetime import date
from itertools import combinations
from typing import Any
from urllib.parse import parse_qs

import pytest

from dashboard import export, timeline
from dashboard.canvas import Canvas
from dashboard.details import highlight
from dashboard.elements import caption, latin_caption, to_elements
from dashboard.explorer import action_for, layout_for
from dashboard.placement import MIN_GAP, Point, place_new
from dashboard.style import EDGE_TITLES, MEETING_TYPE_TITLES
from dashboard.time_range import months_between, slider_range, slider_value
from dashboard.view import (
    DEFAULT_BUDGET,
    LAYOUTS,
    MAX_BUDGET,
    MEETING_TYPES,
    NODE_LABELS,
    View,
    apply,
    decode,
    default_view,
    encode,
)

PUTIN = "person:putin"
ERDOGAN = "person:erdogan"
RUSSIA = "country:ru"
ANKARA = "place:ankara"
TALKS = "meeting:m-2019-01-15"
CALL = "meeting:m-2019-03-02"
UNDATED = "meeting:m-undated"


def view_with(**changes: Any) -> View:
    return {**default_view(), **changes}


def distance(a: Point, b: Point) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


# ---------------------------------------------------------------------------------------------------------
# dashboard.view: the URL round trip
# ---------------------------------------------------------------------------------------------------------


def rich_view() -> View:
    return view_with(
        focus=[PUTIN, "person:بوتين"],
        ids=[TALKS, CALL],
        expand={PUTIN: 1, TALKS: 3, ERDOGAN: 0},
        hide=[ANKARA],
        pin=[PUTIN, RUSSIA],
        path=[PUTIN, ERDOGAN],
        labels=["Person", "Country", "Meeting"],
        types=["call", "summit"],
        **{"from": "2018-11", "to": "2019-02-15"},
        layout="dagre",
        lang="latin",
        reveal=True,
        budget=750,
        layout_run=7,
    )


def test_decode_of_encode_reproduces_a_rich_view_except_the_layout_run() -> None:
    view = rich_view()
    restored = decode(encode(view))
    assert restored == {**view, "layout_run": 0}


def test_encoded_view_is_a_query_string_without_the_layout_run() -> None:
    encoded = encode(rich_view())
    assert encoded.startswith("?")
    query = parse_qs(encoded[1:])
    assert "layout_run" not in query
    assert query["expand"] == [f"{PUTIN},{TALKS}~3,{ERDOGAN}~0"]


def test_default_view_encodes_to_an_empty_query_and_decodes_back() -> None:
    assert encode(default_view()) == ""
    assert decode("") == default_view()
    assert decode(None) == default_view()


def test_empty_label_and_type_filters_survive_the_round_trip() -> None:
    view = view_with(labels=[], types=[])
    assert decode(encode(view))["labels"] == []
    assert decode(encode(view))["types"] == []


def test_decode_falls_back_to_defaults_on_malformed_input() -> None:
    view = decode("?layout=force-atlas&lang=fr&budget=-5&from=last-year&to=2019&reveal=yes"
                  "&labels=Person,Alien&types=call,party")
    assert view["layout"] == LAYOUTS[0]
    assert view["lang"] == "ar"
    assert view["budget"] == DEFAULT_BUDGET
    assert view["from"] is None and view["to"] is None
    assert view["reveal"] is False
    assert view["labels"] == ["Person"]
    assert view["types"] == ["call"]


def test_decode_drops_ids_that_are_not_node_ids() -> None:
    view = decode("?focus=javascript:alert(1),person:putin,<script>,person:putin&hide=evil:x"
                  "&pin=person:a b&path=../../etc,country:ru&expand=javascript:alert(1)~2,person:putin~2")
    assert view["focus"] == [PUTIN]  # duplicates collapse too
    assert view["hide"] == []
    assert view["pin"] == []
    assert view["path"] == [RUSSIA]
    assert view["expand"] == {PUTIN: 2}


def test_decode_keeps_at_most_two_path_ends() -> None:
    assert decode(f"?path={PUTIN},{ERDOGAN},{RUSSIA}")["path"] == [PUTIN, ERDOGAN]


@pytest.mark.parametrize(("budget", "expected"), [("99999", MAX_BUDGET), ("0", 10), ("250", 250),
                                                  ("1e9", DEFAULT_BUDGET), ("²", DEFAULT_BUDGET)])
def test_decode_clamps_the_node_budget(budget: str, expected: int) -> None:
    assert decode(f"?budget={budget}")["budget"] == expected


@pytest.mark.parametrize("pages", ["", "abc", "100", "-2", "²"])
def test_decode_reads_unusable_expansion_pages_as_one_page(pages: str) -> None:
    assert decode(f"?expand={PUTIN}~{pages}")["expand"] == {PUTIN: 1}


def test_decode_rejects_impossible_months_and_days() -> None:
    view = decode("?from=2019-13&to=2019-02-30")
    assert view["from"] is None
    assert view["to"] is None


def test_credentials_and_unknown_parameters_never_reach_the_shared_url() -> None:
    view = decode(f"?password=hunter2&NEO4J_PASSWORD=x&token=abc&focus={PUTIN}")
    assert "password" not in view and "token" not in view
    encoded = encode(view)
    assert encoded == f"?focus={PUTIN}"
    assert "hunter2" not in encoded and "abc" not in encoded


# ---------------------------------------------------------------------------------------------------------
# dashboard.view: analyst actions (apply)
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("action", "payload"), [
    ("search", ERDOGAN), ("reset", None), ("expand", ERDOGAN), ("more", TALKS), ("collapse", PUTIN),
    ("collapse", TALKS), ("hide", PUTIN), ("unhide_all", None), ("pin", ERDOGAN), ("pin", PUTIN),
    ("path", [RUSSIA, ANKARA]), ("path_start", RUSSIA), ("path_end", RUSSIA), ("clear_path", None),
    ("labels", ["Person"]), ("types", ["call"]), ("dates", ("2019-01", None)), ("layout", "grid"),
    ("relayout", None), ("lang", "ar"), ("reveal", False), ("budget", 40),
])
def test_apply_never_mutates_the_view_it_is_given(action: str, payload: Any) -> None:
    view = rich_view()
    before = copy.deepcopy(view)
    new = apply(view, action, payload)
    assert view == before
    for key in ("focus", "ids", "expand", "hide", "pin", "path", "labels", "types"):
        assert new[key] is not view[key]


def test_search_adds_a_seed_and_unhides_it() -> None:
    view = apply(view_with(hide=[ERDOGAN]), "search", ERDOGAN)
    assert view["focus"] == [ERDOGAN]
    assert view["hide"] == []
    assert apply(view, "search", ERDOGAN)["focus"] == [ERDOGAN]


def test_search_ignores_something_that_is_not_a_node_id() -> None:
    view = view_with(focus=[PUTIN])
    assert apply(view, "search", "javascript:alert(1)") == view
    assert apply(view, "search", "") == view


def test_expand_shows_a_collapsed_node_and_leaves_an_expanded_one_as_it_is() -> None:
    view = view_with(focus=[PUTIN], expand={TALKS: 3})
    assert apply(view, "expand", ERDOGAN)["expand"] == {TALKS: 3, ERDOGAN: 1}
    assert apply(view, "expand", TALKS) == view  # three pages stay three pages
    assert apply(view, "expand", PUTIN) == view  # a seed starts expanded


def test_expand_reopens_a_collapsed_seed() -> None:
    view = view_with(focus=[PUTIN], expand={PUTIN: 0})
    assert apply(view, "expand", PUTIN)["expand"] == {PUTIN: 1}


def test_more_adds_one_page_each_time() -> None:
    view = view_with(focus=[PUTIN])
    view = apply(view, "more", PUTIN)
    assert view["expand"][PUTIN] == 2  # a seed starts with one page
    view = apply(apply(view, "more", ERDOGAN), "more", ERDOGAN)
    assert view["expand"][ERDOGAN] == 2
    assert apply(view, "more", PUTIN)["expand"][PUTIN] == 3


def test_collapse_zeroes_a_seed_and_forgets_any_other_expansion() -> None:
    view = view_with(focus=[PUTIN], ids=[TALKS], expand={PUTIN: 2, TALKS: 2, ERDOGAN: 3})
    assert apply(view, "collapse", PUTIN)["expand"] == {PUTIN: 0, TALKS: 2, ERDOGAN: 3}
    assert apply(view, "collapse", TALKS)["expand"] == {PUTIN: 2, TALKS: 0, ERDOGAN: 3}
    assert apply(view, "collapse", ERDOGAN)["expand"] == {PUTIN: 2, TALKS: 2}


def test_hide_removes_the_node_expansion_and_a_path_through_it() -> None:
    view = view_with(focus=[PUTIN], expand={ERDOGAN: 2, TALKS: 1}, path=[PUTIN, ERDOGAN])
    hidden = apply(view, "hide", ERDOGAN)
    assert hidden["hide"] == [ERDOGAN]
    assert hidden["expand"] == {TALKS: 1}
    assert hidden["path"] == []
    assert apply(view, "hide", RUSSIA)["path"] == [PUTIN, ERDOGAN]  # a path not using it stays
    assert apply(hidden, "hide", ERDOGAN) == hidden


def test_unhide_all_brings_every_hidden_node_back() -> None:
    assert apply(view_with(hide=[ERDOGAN, RUSSIA]), "unhide_all")["hide"] == []


def test_pin_toggles() -> None:
    pinned = apply(view_with(pin=[RUSSIA]), "pin", PUTIN)
    assert pinned["pin"] == [RUSSIA, PUTIN]
    assert apply(pinned, "pin", PUTIN)["pin"] == [RUSSIA]


def test_path_start_then_end_gives_a_two_node_path() -> None:
    started = apply(default_view(), "path_start", PUTIN)
    assert started["path"] == [PUTIN]
    assert apply(started, "path_end", PUTIN) == started  # the same node is no path
    ended = apply(started, "path_end", ERDOGAN)
    assert ended["path"] == [PUTIN, ERDOGAN]
    assert apply(ended, "clear_path")["path"] == []


def test_path_end_without_a_start_does_nothing() -> None:
    assert apply(default_view(), "path_end", ERDOGAN)["path"] == []


def test_path_from_selection_needs_two_node_ids() -> None:
    assert apply(default_view(), "path", [PUTIN, "junk", ERDOGAN, RUSSIA])["path"] == [PUTIN, ERDOGAN]
    assert apply(view_with(path=[PUTIN, RUSSIA]), "path", [PUTIN])["path"] == []


def test_filters_keep_only_known_values_in_canonical_order() -> None:
    assert apply(default_view(), "labels", ["Meeting", "Alien", "Person"])["labels"] == ["Person", "Meeting"]
    assert apply(default_view(), "types", ["summit", "party", "call"])["types"] == ["call", "summit"]
    assert apply(default_view(), "labels", None)["labels"] == []


def test_dates_set_and_clear_the_range() -> None:
    ranged = apply(default_view(), "dates", ("2018-11", "2019-02"))
    assert (ranged["from"], ranged["to"]) == ("2018-11", "2019-02")
    cleared = apply(ranged, "dates", None)
    assert (cleared["from"], cleared["to"]) == (None, None)


def test_layout_change_reruns_the_layout() -> None:
    view = view_with(layout_run=4)
    changed = apply(view, "layout", "circle")
    assert (changed["layout"], changed["layout_run"]) == ("circle", 5)
    unknown = apply(view, "layout", "force-atlas")
    assert (unknown["layout"], unknown["layout_run"]) == (LAYOUTS[0], 5)
    assert apply(view, "relayout")["layout_run"] == 5


def test_lang_accepts_only_known_scripts() -> None:
    assert apply(default_view(), "lang", "latin")["lang"] == "latin"
    assert apply(view_with(lang="latin"), "lang", "fr")["lang"] == "latin"


def test_budget_is_clamped_and_non_numbers_are_ignored() -> None:
    assert apply(default_view(), "budget", 10**6)["budget"] == MAX_BUDGET
    assert apply(default_view(), "budget", 3)["budget"] == 10
    assert apply(default_view(), "budget", 120.0)["budget"] == 120
    assert apply(default_view(), "budget", "500")["budget"] == DEFAULT_BUDGET


def test_reset_empties_the_canvas_but_keeps_layout_script_and_budget() -> None:
    view = rich_view()
    reset = apply(view, "reset")
    assert reset == {**default_view(), "layout": "dagre", "lang": "latin", "budget": 750, "layout_run": 8}


def test_unknown_action_raises() -> None:
    with pytest.raises(ValueError, match="teleport"):
        apply(default_view(), "teleport", PUTIN)


# ---------------------------------------------------------------------------------------------------------
# dashboard.placement: new nodes beside what brought them
# ---------------------------------------------------------------------------------------------------------


def test_known_nodes_are_never_moved() -> None:
    known = {PUTIN: (0.0, 0.0), RUSSIA: (250.0, 40.0)}
    placed = place_new([PUTIN, RUSSIA, TALKS, ERDOGAN], {PUTIN: None, RUSSIA: PUTIN, TALKS: PUTIN, ERDOGAN: TALKS},
                       known)
    assert set(placed) == {TALKS, ERDOGAN}
    assert known == {PUTIN: (0.0, 0.0), RUSSIA: (250.0, 40.0)}


def test_new_nodes_land_near_their_anchor_and_apart_from_everything() -> None:
    known = {"person:a": (0.0, 0.0), "person:b": (300.0, 0.0), "person:c": (150.0, 200.0)}
    kids = [f"meeting:k{i}" for i in range(6)]
    anchors: dict[str, str | None] = {"person:a": None, "person:b": None, "person:c": None}
    anchors.update({kid: "person:a" for kid in kids})
    placed = place_new(list(anchors), anchors, known)
    assert set(placed) == set(kids)
    for kid in kids:
        assert 90 <= distance(placed[kid], known["person:a"]) <= 400
    everything = {**known, **placed}
    for (_, p), (_, q) in combinations(everything.items(), 2):
        assert distance(p, q) >= MIN_GAP


def test_new_nodes_face_away_from_the_rest_of_the_graph() -> None:
    known = {"person:a": (0.0, 0.0), "person:b": (400.0, 0.0), "person:c": (400.0, 100.0)}
    anchors: dict[str, str | None] = {"person:a": None, "person:b": None, "person:c": None,
                                      "meeting:x": "person:a", "meeting:y": "person:a", "meeting:z": "person:a"}
    placed = place_new(list(anchors), anchors, known)
    assert sum(x for x, _ in placed.values()) / len(placed) < -20  # the arc opens away from "b" and "c"
    for point in placed.values():
        assert distance(point, known["person:a"]) < min(distance(point, known["person:b"]),
                                                        distance(point, known["person:c"]))


def test_a_new_node_is_pushed_off_a_node_already_where_it_would_go() -> None:
    # One child of "a" would go straight out from the centroid: exactly onto the blocker at (-99, 0).
    known = {"person:a": (0.0, 0.0), "person:blocker": (-99.0, 0.0), "person:far": (200.0, 0.0)}
    anchors: dict[str, str | None] = {"person:a": None, "person:blocker": None, "person:far": None,
                                      "meeting:new": "person:a"}
    placed = place_new(list(anchors), anchors, known)
    assert distance(placed["meeting:new"], known["person:blocker"]) >= MIN_GAP
    assert distance(placed["meeting:new"], known["person:a"]) <= 400


def test_nodes_without_an_anchor_on_the_canvas_still_get_a_position_outside_the_picture() -> None:
    known = {"person:a": (0.0, 0.0), "person:b": (200.0, 0.0)}
    anchors: dict[str, str | None] = {"person:a": None, "person:b": None, "person:seed": None,
                                      "meeting:orphan": "meeting:filtered-out"}
    placed = place_new(list(anchors), anchors, known)
    assert set(placed) == {"person:seed", "meeting:orphan"}
    centre = (100.0, 0.0)
    for point in placed.values():
        assert all(math.isfinite(c) for c in point)
        assert distance(point, centre) > 100  # beyond the farthest known node
    assert distance(placed["person:seed"], placed["meeting:orphan"]) >= MIN_GAP


def test_a_chain_of_new_nodes_is_placed_link_by_link() -> None:
    known = {"country:c": (0.0, 0.0), "country:d": (-300.0, 0.0)}
    order = ["country:c", "country:d", "person:b", "meeting:a"]
    anchors: dict[str, str | None] = {"country:c": None, "country:d": None, "person:b": "country:c",
                                      "meeting:a": "person:b"}
    placed = place_new(order, anchors, known)
    assert set(placed) == {"person:b", "meeting:a"}
    assert 90 <= distance(placed["person:b"], known["country:c"]) <= 400
    assert 90 <= distance(placed["meeting:a"], placed["person:b"]) <= 400


def test_placement_is_deterministic() -> None:
    known = {"person:a": (10.0, 20.0), "person:b": (-50.0, 80.0)}
    anchors: dict[str, str | None] = {"person:a": None, "person:b": None, "meeting:x": "person:a",
                                      "meeting:y": "person:b", "person:z": None}
    assert place_new(list(anchors), anchors, known) == place_new(list(anchors), anchors, dict(known))


# ---------------------------------------------------------------------------------------------------------
# Shared canvas for dashboard.elements and dashboard.export
# ---------------------------------------------------------------------------------------------------------


def sample_canvas(path: bool = False, path_found: bool = True) -> Canvas:
    nodes = {
        PUTIN: {"id": PUTIN, "label": "Person", "name": "فلاديمير بوتين", "name_en": "Vladimir Putin",
                "article_count": 5, "content_hash": "server-only"},
        ERDOGAN: {"id": ERDOGAN, "label": "Person", "name": "رجب طيب أردوغان", "translit": "rjb Tyb ArdwgAn",
                  "article_count": 2},
        RUSSIA: {"id": RUSSIA, "label": "Country", "name": "روسيا", "name_en": "Russia", "iso2": "RU"},
        ANKARA: {"id": ANKARA, "label": "Place", "name": "أنقرة", "name_en": "Ankara"},
        TALKS: {"id": TALKS, "label": "Meeting", "type": "talks", "date": date(2019, 1, 15), "article_count": 3,
                "title": "مباحثات روسية تركية في أنقرة"},
    }
    links = {(PUTIN, "PARTICIPATED_IN", TALKS), (ERDOGAN, "PARTICIPATED_IN", TALKS),
             (PUTIN, "REPRESENTS", RUSSIA), (TALKS, "HELD_IN", ANKARA)}
    canvas = Canvas(nodes=nodes, links=links,
                    anchors={PUTIN: None, TALKS: PUTIN, ERDOGAN: TALKS, ANKARA: TALKS, RUSSIA: PUTIN},
                    more={PUTIN: 4}, expanded={PUTIN})
    if path:
        canvas.path_requested = True
        if path_found:
            canvas.path_nodes = {PUTIN, TALKS, ERDOGAN}
            canvas.path_links = {(PUTIN, "PARTICIPATED_IN", TALKS), (ERDOGAN, "PARTICIPATED_IN", TALKS)}
    return canvas


def by_id(elements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e for e in elements}


def classes(element: dict[str, Any]) -> set[str]:
    return set(element["classes"].split())


# ---------------------------------------------------------------------------------------------------------
# dashboard.elements
# ---------------------------------------------------------------------------------------------------------


def test_elements_list_nodes_then_edges_with_arabic_edge_titles() -> None:
    elements = to_elements(sample_canvas())
    kinds = ["edge" if "source" in e["data"] else "node" for e in elements]
    assert kinds == ["node"] * 5 + ["edge"] * 4
    edge = by_id(elements)[f"{PUTIN}>PARTICIPATED_IN>{TALKS}"]
    assert edge["data"]["source"] == PUTIN and edge["data"]["target"] == TALKS
    assert edge["data"]["title"] == "شارك في" == EDGE_TITLES["PARTICIPATED_IN"]
    assert edge["data"]["latin"] == "participated in"


def test_elements_carry_display_facts_but_not_server_only_properties() -> None:
    elements = by_id(to_elements(sample_canvas()))
    putin = elements[PUTIN]["data"]
    assert putin["caption"] == "فلاديمير بوتين" and putin["latin"] == "Vladimir Putin"
    assert putin["degree"] == 2 and putin["more"] == 4
    assert "content_hash" not in putin
    assert elements[TALKS]["data"]["date"] == "2019-01-15"  # a date object becomes plain text
    assert "expanded" in classes(elements[PUTIN]) and "expanded" not in classes(elements[ERDOGAN])


def test_path_nodes_are_marked_and_the_rest_dimmed_only_when_a_path_was_found() -> None:
    elements = by_id(to_elements(sample_canvas(path=True)))
    for node in (PUTIN, TALKS, ERDOGAN):
        assert "on-path" in classes(elements[node]) and "dimmed" not in classes(elements[node])
    for node in (RUSSIA, ANKARA):
        assert "dimmed" in classes(elements[node]) and "on-path" not in classes(elements[node])
    assert classes(elements[f"{PUTIN}>PARTICIPATED_IN>{TALKS}"]) == {"on-path"}
    assert classes(elements[f"{PUTIN}>REPRESENTS>{RUSSIA}"]) == {"dimmed"}

    for requested_but_not_found in (to_elements(sample_canvas(path=True, path_found=False)),
                                    to_elements(sample_canvas())):
        for element in requested_but_not_found:
            assert not classes(element) & {"on-path", "dimmed"}


def test_pinned_nodes_are_locked_at_their_position() -> None:
    positions = {PUTIN: (12.5, -40.0), ERDOGAN: (300.0, 10.0)}
    elements = by_id(to_elements(sample_canvas(), positions, pinned={PUTIN}))
    assert elements[PUTIN]["locked"] is True
    assert elements[PUTIN]["position"] == {"x": 12.5, "y": -40.0}
    assert "pinned" in classes(elements[PUTIN])
    assert "locked" not in elements[ERDOGAN] and elements[ERDOGAN]["position"] == {"x": 300.0, "y": 10.0}
    assert "position" not in elements[RUSSIA]


def test_captions_in_arabic_and_latin_script() -> None:
    meeting = {"id": TALKS, "label": "Meeting", "type": "talks", "date": "2019-01-15"}
    assert caption(meeting) == f"{MEETING_TYPE_TITLES['talks']} 2019-01-15"
    assert latin_caption(meeting) == "talks 2019-01-15"
    assert caption({"id": UNDATED, "label": "Meeting", "type": "call"}) == MEETING_TYPE_TITLES["call"]
    transliterated = {"id": ERDOGAN, "label": "Person", "name": "رجب طيب أردوغان", "translit": "rjb Tyb ArdwgAn"}
    assert latin_caption(transliterated) == "rjb Tyb ArdwgAn"
    assert caption({"id": "person:nameless", "label": "Person"}) == "person:nameless"


# ---------------------------------------------------------------------------------------------------------
# dashboard.export
# ---------------------------------------------------------------------------------------------------------

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_graphml_parses_with_typed_keys_and_intact_arabic() -> None:
    root = ET.fromstring(export.to_graphml(to_elements(sample_canvas())))
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None
    nodes = graph.findall(f"{GRAPHML}node")
    edges = graph.findall(f"{GRAPHML}edge")
    assert len(nodes) == 5 and len(edges) == 4
    keys = {(key.get("for"), key.get("attr.name")): key for key in root.findall(f"{GRAPHML}key")}
    assert keys[("node", "article_count")].get("attr.type") == "long"
    assert keys[("node", "caption")].get("attr.type") == "string"
    assert ("node", "degree") not in keys and ("node", "more") not in keys  # canvas-only data stays out
    caption_key = keys[("node", "caption")].get("id")
    putin = next(node for node in nodes if node.get("id") == PUTIN)
    texts = {data.get("key"): data.text for data in putin.findall(f"{GRAPHML}data")}
    assert texts[caption_key] == "فلاديمير بوتين"
    assert texts[keys[("node", "article_count")].get("id")] == "5"
    edge_ends = {(edge.get("source"), edge.get("target")) for edge in edges}
    assert (PUTIN, RUSSIA) in edge_ends and (TALKS, ANKARA) in edge_ends


def test_graphml_key_types_follow_the_values() -> None:
    elements = [{"data": {"id": "a", "flag": True, "score": 1.5, "count": 2, "mixed": 1}},
                {"data": {"id": "b", "flag": False, "score": 2, "count": 3, "mixed": "x"}}]
    root = ET.fromstring(export.to_graphml(elements))
    types = {key.get("attr.name"): key.get("attr.type") for key in root.findall(f"{GRAPHML}key")}
    assert types == {"flag": "boolean", "score": "double", "count": "long", "mixed": "string"}


def test_json_export_keeps_arabic_unescaped() -> None:
    text = export.to_json(to_elements(sample_canvas()))
    assert "فلاديمير بوتين" in text and "روسيا" in text
    assert "\\u0" not in text
    data = json.loads(text)
    assert len(data["nodes"]) == 5 and len(data["edges"]) == 4
    assert {node["id"]: node["caption"] for node in data["nodes"]}[RUSSIA] == "روسيا"
    assert all("degree" not in node and "more" not in node for node in data["nodes"])


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")  # spreadsheets need the byte-order mark to read Arabic as UTF-8
    decoded = text.encode("utf-8").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(decoded)))


def test_nodes_csv_has_one_row_per_node_with_the_identifying_columns_first() -> None:
    text = export.nodes_csv(to_elements(sample_canvas()))
    rows = read_csv(text)
    assert len(rows) == 5
    assert list(rows[0])[:4] == ["id", "label", "caption", "latin"]
    assert "degree" not in rows[0]
    by_node = {row["id"]: row for row in rows}
    assert by_node[PUTIN]["caption"] == "فلاديمير بوتين"
    assert by_node[RUSSIA]["iso2"] == "RU"
    assert by_node[RUSSIA]["article_count"] == ""  # a column another node has is left empty here
    assert by_node[TALKS]["title"] == "مباحثات روسية تركية في أنقرة"


def test_edges_csv_has_one_row_per_edge_with_source_target_type_first() -> None:
    rows = read_csv(export.edges_csv(to_elements(sample_canvas())))
    assert len(rows) == 4
    assert list(rows[0])[:3] == ["source", "target", "type"]
    assert {(row["source"], row["type"], row["target"]) for row in rows} == sample_canvas().links
    assert {row["title"] for row in rows} == {"شارك في", "يمثل", "عُقد في"}


def test_csv_writes_lists_and_booleans_readably() -> None:
    rows = read_csv(export.nodes_csv([{"data": {"id": "a", "label": "Meeting", "topic": ["نفط", "غاز"],
                                                "confirmed": True}}]))
    assert rows[0]["topic"] == "نفط; غاز"
    assert rows[0]["confirmed"] == "true"


# ---------------------------------------------------------------------------------------------------------
# dashboard.details.highlight: the evidence sentence
# ---------------------------------------------------------------------------------------------------------

SENTENCE = "التقى فلاديمير بوتين الرئيس رجب طيب أردوغان في أنقرة."
SENTENCE_START = 1000  # where the sentence begins in its article


def mention(entity_id: str, *surfaces: str, sentence: str = SENTENCE, start: int = SENTENCE_START) -> dict[str, Any]:
    """A mention of `surfaces` in the sentence, with article-wide offsets."""
    starts = [start + sentence.index(surface) for surface in surfaces]
    return {"id": entity_id, "starts": starts, "ends": [s + len(surface) for s, surface in zip(starts, surfaces,
                                                                                                strict=True)]}


def test_mentions_inside_the_sentence_are_cut_out_exactly() -> None:
    putin, erdogan, ankara = mention(PUTIN, "فلاديمير بوتين"), mention(ERDOGAN, "رجب طيب أردوغان"), \
        mention(ANKARA, "أنقرة")
    segments = highlight(SENTENCE, SENTENCE_START, [ankara, putin, erdogan])
    assert [(s.text, s.entity["id"] if s.entity else None) for s in segments] == [
        ("التقى ", None), ("فلاديمير بوتين", PUTIN), (" الرئيس ", None), ("رجب طيب أردوغان", ERDOGAN),
        (" في ", None), ("أنقرة", ANKARA), (".", None)]


def test_offsets_are_article_wide_and_shifted_by_the_sentence_start() -> None:
    article = "قال الكرملين إن الزعيمين تحدثا. " + SENTENCE
    start = article.index(SENTENCE)
    putin = {"id": PUTIN, "starts": [article.index("بوتين")], "ends": [article.index("بوتين") + len("بوتين")]}
    assert [s.text for s in highlight(SENTENCE, start, [putin]) if s.entity] == ["بوتين"]
    # Read as if the sentence began the article, the same offsets point past its end.
    assert highlight(SENTENCE, 0, [mention(PUTIN, "فلاديمير بوتين")]) == [(SENTENCE, None)]


def test_mentions_outside_or_across_the_sentence_are_ignored() -> None:
    elsewhere = {"id": RUSSIA, "starts": [10, SENTENCE_START + len(SENTENCE) + 5],
                 "ends": [15, SENTENCE_START + len(SENTENCE) + 10]}
    end = SENTENCE_START + len(SENTENCE)
    across = {"id": ANKARA, "starts": [end - 2], "ends": [end + 4]}
    before = {"id": ERDOGAN, "starts": [SENTENCE_START - 3], "ends": [SENTENCE_START + 3]}
    assert highlight(SENTENCE, SENTENCE_START, [elsewhere, across, before]) == [(SENTENCE, None)]


def test_a_mention_repeated_in_the_sentence_is_marked_each_time() -> None:
    sentence = "روسيا وتركيا: روسيا تريد الحوار"
    russia = {"id": RUSSIA, "starts": [0, 14], "ends": [5, 19]}
    marked = [s.text for s in highlight(sentence, 0, [russia]) if s.entity]
    assert marked == ["روسيا", "روسيا"]


def test_overlapping_mentions_keep_the_earlier_then_the_longer() -> None:
    full = mention(ERDOGAN, "رجب طيب أردوغان")
    surname = mention("person:surname", "أردوغان")
    same_start_shorter = mention("person:first", "رجب")
    straddling = {"id": "person:straddle", "starts": [full["starts"][0] + 4], "ends": [full["ends"][0] + 3]}
    segments = highlight(SENTENCE, SENTENCE_START, [surname, straddling, same_start_shorter, full])
    assert [(s.text, s.entity["id"]) for s in segments if s.entity] == [("رجب طيب أردوغان", ERDOGAN)]


def test_a_sentence_without_mentions_comes_back_whole() -> None:
    assert highlight(SENTENCE, SENTENCE_START, []) == [(SENTENCE, None)]
    assert highlight("", 0, []) == [("", None)]
    assert highlight(SENTENCE, 0, [{"id": PUTIN, "starts": None, "ends": None}]) == [(SENTENCE, None)]


@pytest.mark.parametrize("mentions", [
    [],
    [mention(PUTIN, "التقى")],  # at the very start
    [mention(ANKARA, "أنقرة.")],  # up to the very end
    [mention(PUTIN, "فلاديمير بوتين"), mention(ERDOGAN, "رجب طيب أردوغان", "أردوغان"),
     mention(ANKARA, "في أنقرة"), mention(RUSSIA, "أنقرة")],
])
def test_joining_the_segments_always_gives_back_the_sentence(mentions: list[dict[str, Any]]) -> None:
    assert "".join(s.text for s in highlight(SENTENCE, SENTENCE_START, mentions)) == SENTENCE


# ---------------------------------------------------------------------------------------------------------
# dashboard.explorer: slider, layout and trigger helpers
# ---------------------------------------------------------------------------------------------------------

MONTHS = ["2018-11", "2018-12", "2019-01", "2019-02"]


def test_months_between_covers_every_month_across_a_year_end() -> None:
    assert months_between("2018-11-03", "2019-02-01") == MONTHS
    assert months_between("2019-05-31", "2019-05-01") == ["2019-05"]
    assert months_between(None, "2019-02-01") == []
    assert months_between("2019-03", "2019-01") == []


def test_slider_at_both_ends_means_no_date_limit() -> None:
    assert slider_range([0, 3], MONTHS) == (None, None)
    assert slider_range([1, 3], MONTHS) == ("2018-12", None)
    assert slider_range([0, 2], MONTHS) == (None, "2019-01")
    assert slider_range([1, 1], MONTHS) == ("2018-12", "2018-12")
    assert slider_range(None, MONTHS) == (None, None)
    assert slider_range([0, 0], []) == (None, None)


@pytest.mark.parametrize("value", [[0, 3], [1, 3], [0, 2], [1, 2], [2, 2], [3, 3]])
def test_slider_value_is_the_inverse_of_slider_range(value: list[int]) -> None:
    start, end = slider_range(value, MONTHS)
    assert slider_value(view_with(**{"from": start, "to": end}), MONTHS) == value


def test_slider_value_reads_day_precision_and_ignores_months_off_the_scale() -> None:
    assert slider_value(view_with(**{"from": "2018-12-15", "to": "2019-01-31"}), MONTHS) == [1, 2]
    assert slider_value(view_with(**{"from": "2017-01", "to": "2030-01"}), MONTHS) == [0, 3]
    assert slider_value(default_view(), []) == [0, 0]


def test_fcose_randomizes_only_when_no_positions_are_known() -> None:
    view = view_with(layout="fcose", layout_run=3)
    assert layout_for(view, {})["randomize"] is True
    assert layout_for(view, {PUTIN: (1.0, 2.0)})["randomize"] is False
    assert layout_for(view, {})["run"] == 3
    assert layout_for(view, {})["name"] == "fcose"


def test_fcose_keeps_pinned_nodes_that_have_a_position_fixed() -> None:
    view = view_with(layout="fcose", pin=[PUTIN, ERDOGAN])
    options = layout_for(view, {PUTIN: (10.0, -20.0), RUSSIA: (0.0, 0.0)})
    assert options["fixedNodeConstraint"] == [{"nodeId": PUTIN, "position": {"x": 10.0, "y": -20.0}}]
    assert "fixedNodeConstraint" not in layout_for(view_with(layout="fcose"), {PUTIN: (10.0, -20.0)})


def test_other_layouts_neither_randomize_nor_take_fcose_constraints() -> None:
    options = layout_for(view_with(layout="grid", pin=[PUTIN], layout_run=9), {PUTIN: (1.0, 1.0)})
    assert options["name"] == "grid" and options["run"] == 9
    assert "randomize" not in options and "fixedNodeConstraint" not in options


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_is_static_and_fits_the_canvas(layout: str) -> None:
    options = layout_for(view_with(layout=layout), {})
    assert options["animate"] is False and options["fit"] is True


NODE_ACTION_PIN = {"type": "node-action", "action": "pin"}


@pytest.mark.parametrize(("trigger", "value", "expected"), [
    (NODE_ACTION_PIN, 1, ("pin", PUTIN)),
    (NODE_ACTION_PIN, 0, None),  # the buttons are re-created with n_clicks=0
    (NODE_ACTION_PIN, None, None),
    ("double-tap", {"id": ERDOGAN, "at": 1}, ("expand", ERDOGAN)),  # a double click expands
    ("double-tap", None, None),
    ("double-tap", {"id": 7}, None),
    ("mode", "edges", ("mode", "edges")),
    ("undated", [], ("undated", False)),
    ("undated", ["on"], ("undated", True)),
    ("search", RUSSIA, ("search", RUSSIA)),
    ("search", None, None),
    ("layout-select", "circle", ("layout", "circle")),
    ("relayout", 2, ("relayout", None)),
    ("lang", "latin", ("lang", "latin")),
    ("filter-labels", ["Person"], ("labels", ["Person"])),
    ("filter-types", ["call"], ("types", ["call"])),
    ("filter-dates", [1, 3], ("dates", ("2018-12", None))),
    ("reveal", ["on"], ("reveal", True)),
    ("reveal", [], ("reveal", False)),
    ("budget", 500, ("budget", 500)),
    ("budget", None, None),
    ("path-clear", 1, ("clear_path", None)),
    ("unhide", 1, ("unhide_all", None)),
    ("reset", 1, ("reset", None)),
    ("something-else", 1, None),
])
def test_action_for_maps_each_control_to_its_view_action(trigger: Any, value: Any, expected: Any) -> None:
    assert action_for(trigger, value, PUTIN, None, MONTHS) == expected


def test_node_action_needs_a_selected_node() -> None:
    assert action_for(NODE_ACTION_PIN, 1, None, None, MONTHS) is None


def test_path_between_selected_takes_the_first_two_selected_nodes() -> None:
    selected = [{"id": PUTIN}, {"id": ERDOGAN}, {"id": RUSSIA}]
    assert action_for("path-selected", 1, None, selected, MONTHS) == ("path", [PUTIN, ERDOGAN])
    assert action_for("path-selected", 1, None, None, MONTHS) == ("path", [])


def test_each_action_for_result_is_one_apply_accepts() -> None:
    view = view_with(focus=[PUTIN])
    for trigger, value in [("double-tap", {"id": ERDOGAN}), ("filter-dates", [1, 2]), ("reveal", ["on"]),
                           ("mode", "edges"), ("undated", []),
                           ("path-selected", 1), (NODE_ACTION_PIN, 1), ("layout-select", "dagre")]:
        action = action_for(trigger, value, PUTIN, [{"id": PUTIN}, {"id": ERDOGAN}], MONTHS)
        assert action is not None
        apply(view, *action)  # raises ValueError on an action it does not know


# ---------------------------------------------------------------------------------------------------------
# dashboard.timeline
# ---------------------------------------------------------------------------------------------------------


def timeline_meetings() -> list[dict[str, Any]]:
    return [
        {"id": CALL, "label": "Meeting", "type": "call", "date": "2019-03-02", "caption": "اتصال هاتفي 2019-03-02",
         "latin": "call 2019-03-02", "article_count": 1},
        {"id": UNDATED, "label": "Meeting", "type": "visit", "caption": "زيارة", "latin": "visit"},
        {"id": TALKS, "label": "Meeting", "type": "talks", "date": "2019-01-15", "caption": "مباحثات 2019-01-15",
         "latin": "talks 2019-01-15", "article_count": 3},
    ]


def test_timeline_plots_only_dated_meetings_in_date_order_with_their_ids() -> None:
    trace = timeline.figure(timeline_meetings()).data[0]
    assert list(trace.customdata) == [TALKS, CALL]
    assert list(trace.x) == ["2019-01-15", "2019-03-02"]
    assert list(trace.y) == [MEETING_TYPE_TITLES["talks"], MEETING_TYPE_TITLES["call"]]
    assert list(trace.text) == ["مباحثات 2019-01-15", "اتصال هاتفي 2019-03-02"]


def test_timeline_shows_latin_labels_when_asked() -> None:
    trace = timeline.figure(timeline_meetings(), lang="latin").data[0]
    assert list(trace.text) == ["talks 2019-01-15", "call 2019-03-02"]
    assert list(trace.y) == [MEETING_TYPE_TITLES["talks"], MEETING_TYPE_TITLES["call"]]  # the interface's language


def test_timeline_in_the_english_interface() -> None:
    fig = timeline.figure(timeline_meetings(), lang="latin", ui="en")
    assert list(fig.data[0].y) == ["Talks", "Phone call"]
    assert fig.layout.xaxis2.title.text == "undated (1)"
    empty = timeline.figure([], ui="en")
    assert empty.layout.annotations[0].text == "No dated meetings on the canvas"


def test_timeline_selects_the_selected_meeting() -> None:
    assert list(timeline.figure(timeline_meetings(), selected=CALL).data[0].selectedpoints) == [1]
    assert list(timeline.figure(timeline_meetings(), selected=TALKS).data[0].selectedpoints) == [0]
    assert timeline.figure(timeline_meetings(), selected=UNDATED).data[0].selectedpoints is None
    assert timeline.figure(timeline_meetings()).data[0].selectedpoints is None
    assert list(timeline.figure(timeline_meetings(), selected=UNDATED).data[1].selectedpoints) == [0]


def test_timeline_shows_undated_meetings_apart_with_their_count() -> None:
    fig = timeline.figure(timeline_meetings())
    undated = fig.data[1]
    assert list(undated.customdata) == [UNDATED]  # clickable like the dated ones
    assert list(undated.y) == [MEETING_TYPE_TITLES["visit"]]
    assert fig.data[0].xaxis != undated.xaxis  # their own column, not on the date axis
    assert "(1)" in fig.layout[undated.xaxis.replace("x", "xaxis")].title.text


def test_more_reported_meetings_get_bigger_markers() -> None:
    sizes = list(timeline.figure(timeline_meetings()).data[0].marker.size)
    assert sizes[0] > sizes[1]  # three reports against one


def test_an_empty_timeline_says_there_is_nothing_dated() -> None:
    fig = timeline.figure([{"id": UNDATED, "label": "Meeting", "type": "visit"}])
    assert list(fig.data[0].customdata or []) == []
    assert fig.layout.annotations[0].text == "لا لقاءات مؤرخة على اللوحة"


def test_timeline_rows_follow_the_meeting_type_order() -> None:
    fig = timeline.figure(timeline_meetings())
    assert list(fig.layout.yaxis.categoryarray) == [MEETING_TYPE_TITLES[kind] for kind in MEETING_TYPES]


def test_every_node_label_and_meeting_type_has_an_arabic_title() -> None:
    from dashboard.style import LABEL_STYLES

    assert set(LABEL_STYLES) == set(NODE_LABELS)
    assert set(MEETING_TYPE_TITLES) == set(MEETING_TYPES)
