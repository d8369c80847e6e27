"""The explorer's canvas (dashboard.canvas.build) and its rebuild with positions (dashboard.explorer.rebuild),
against the real Neo4j loaded with the sample corpus.

Expectations come from Cypher run here against the same database, never from the code under test: which
meetings a person took part in, how often each was reported, who took part, the relationships among nodes,
the length of Neo4j's own shortestPath.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from datetime import date
from typing import Any

import pytest
from neo4j import Driver

from dashboard.canvas import MAX_FOLDED_PARTIES, OVERVIEW_ENTITIES, OVERVIEW_MEETINGS, Canvas, build
from dashboard.explorer import rebuild
from dashboard.view import PAGE_SIZE, View, apply, decode, default_view
from newsgraph.config import Settings

pytestmark = pytest.mark.neo4j

PUTIN = "person:vladimir-putin"
ERDOGAN = "person:recep-tayyip-erdogan"
ROUHANI = "person:hassan-rouhani"
# The relationships the canvas draws (written out here rather than imported from the code under test).
CANVAS_TYPES = "PARTICIPATED_IN|HELD_IN|LOCATED_IN|REPRESENTS|CONCERNS"
LABEL_OF_PREFIX = {"person": "Person", "country": "Country", "org": "Organization", "place": "Place",
                   "meeting": "Meeting"}

Link = tuple[str, str, str]


# -- the sample corpus, loaded once for the module --------------------------------------------------


@pytest.fixture(scope="module")
def db(neo4j_settings: Settings) -> str:
    return neo4j_settings.database


# -- independent expectations, straight from the database -------------------------------------------


def cypher(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    return [dict(record) for record in driver.execute_query(query, params, database_=database).records]


def meetings_of(driver: Driver, database: str, person: str, where: str = "true",
                **params: Any) -> dict[str, int]:
    """The person's meetings (those matching `where` on m), each with its article count."""
    rows = cypher(driver, database, f"""
        MATCH (:Person {{id: $person}})-[:PARTICIPATED_IN]->(m:Meeting) WHERE {where}
        RETURN DISTINCT m.id AS id, coalesce(m.article_count, 0) AS articles""", person=person, **params)
    return {row["id"]: row["articles"] for row in rows}


def all_meetings(driver: Driver, database: str, where: str = "true", **params: Any) -> dict[str, dict[str, Any]]:
    rows = cypher(driver, database, f"""
        MATCH (m:Meeting) WHERE {where}
        RETURN m.id AS id, coalesce(m.article_count, 0) AS articles, m.type AS type, m.date AS date""", **params)
    return {row["id"]: row for row in rows}


def participations(driver: Driver, database: str, meetings: list[str]) -> set[Link]:
    rows = cypher(driver, database, """
        MATCH (e)-[:PARTICIPATED_IN]->(m:Meeting) WHERE m.id IN $ids
        RETURN e.id AS source, m.id AS target""", ids=meetings)
    return {(row["source"], "PARTICIPATED_IN", row["target"]) for row in rows}


def relationships_among(driver: Driver, database: str, ids: list[str]) -> set[Link]:
    rows = cypher(driver, database, f"""
        MATCH (a)-[r:{CANVAS_TYPES}]->(b) WHERE a.id IN $ids AND b.id IN $ids
        RETURN a.id AS source, type(r) AS type, b.id AS target""", ids=ids)
    return {(row["source"], row["type"], row["target"]) for row in rows}


def existing(driver: Driver, database: str, links: set[Link]) -> set[Link]:
    """Those of `links` that are relationships in the database, with the same direction and type."""
    rows = cypher(driver, database, """
        UNWIND $links AS link
        MATCH (a {id: link[0]})-[r]->(b {id: link[2]}) WHERE type(r) = link[1]
        RETURN DISTINCT a.id AS source, type(r) AS type, b.id AS target""", links=[list(link) for link in links])
    return {(row["source"], row["type"], row["target"]) for row in rows}


def shortest_path_length(driver: Driver, database: str, start: str, end: str) -> int | None:
    rows = cypher(driver, database, f"""
        MATCH (a {{id: $a}}), (b {{id: $b}})
        MATCH p = shortestPath((a)-[:{CANVAS_TYPES}*..8]-(b))
        RETURN length(p) AS hops""", a=start, b=end)
    return rows[0]["hops"] if rows else None


# -- reading a canvas --------------------------------------------------------------------------------


def label(node_id: str) -> str:
    return LABEL_OF_PREFIX[node_id.partition(":")[0]]


def on_canvas(canvas: Canvas, wanted: str) -> set[str]:
    return {node for node in canvas.nodes if label(node) == wanted}


def meetings_on(canvas: Canvas) -> set[str]:
    return on_canvas(canvas, "Meeting")


def assert_consistent(canvas: Canvas, seeds: Collection[str] = ()) -> None:
    """What every canvas must satisfy: links join nodes on it, every node has its label and an anchor entry,
    and nothing floats unconnected unless it was asked for (a seed) or came on its own (no anchor)."""
    for source, _, target in canvas.links:
        assert source in canvas.nodes and target in canvas.nodes
    assert set(canvas.anchors) == set(canvas.nodes)
    for node_id, node in canvas.nodes.items():
        assert node["label"] == label(node_id)
        assert node["id"] == node_id
    linked = {end for source, _, target in canvas.links for end in (source, target)}
    for node_id, anchor in canvas.anchors.items():
        if anchor is not None and node_id not in seeds:
            assert node_id in linked, f"{node_id} (brought by {anchor}) is on the canvas without a link"


def assert_most_reported(shown: set[str], articles: dict[str, int]) -> None:
    """Every meeting shown is reported at least as often as every one left out (ties may go either way)."""
    assert shown <= set(articles)
    left_out = set(articles) - shown
    if shown and left_out:
        assert min(articles[m] for m in shown) >= max(articles[m] for m in left_out), (
            sorted((articles[m], m) for m in shown), sorted((articles[m], m) for m in left_out))


def graph_distance(links: set[Link], start: str, end: str) -> int | None:
    """Hops from start to end over the links, taken in either direction (None: not connected)."""
    neighbours: dict[str, set[str]] = {}
    for source, _, target in links:
        neighbours.setdefault(source, set()).add(target)
        neighbours.setdefault(target, set()).add(source)
    seen, queue = {start: 0}, deque([start])
    while queue:
        node = queue.popleft()
        if node == end:
            return seen[node]
        for other in neighbours.get(node, ()):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return None


def focus(*ids: str, **extra: str) -> View:
    query = "&".join([f"focus={','.join(ids)}", *(f"{key}={value}" for key, value in extra.items())])
    return decode("?" + query)


# -- the overview (no focus) --------------------------------------------------------------------------


def test_the_opening_overview_is_capped_and_shows_meetings_among_their_real_parties(
        samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, default_view())
    shown = meetings_on(canvas)
    assert shown, "the overview shows meetings"
    assert len(shown) <= OVERVIEW_MEETINGS
    parties = {node for node in canvas.nodes if label(node) != "Meeting"}
    assert len(parties) <= OVERVIEW_ENTITIES * 2  # the top parties, and the countries their people represent
    every = {m: row["articles"] for m, row in all_meetings(samples_graph, db).items()}
    most_reported = max(every, key=lambda m: (every[m], m))
    assert every[most_reported] == max(every[m] for m in shown)  # the pool starts from the most reported
    real = participations(samples_graph, db, sorted(shown))
    drawn = {link for link in canvas.links if link[1] == "PARTICIPATED_IN"}
    assert drawn <= real  # every party drawn really took part
    for meeting in shown:  # and none is drawn alone when it had company
        company = {source for source, _, target in real if target == meeting}
        on_screen = {source for source, _, target in drawn if target == meeting}
        assert len(on_screen) >= min(2, len(company)), (meeting, company, on_screen)
    assert_consistent(canvas)


def test_the_same_view_always_gives_the_same_canvas(samples_graph: Driver, db: str) -> None:
    view = apply(focus(PUTIN), "expand", ERDOGAN)
    first, second = build(samples_graph, db, view), build(samples_graph, db, view)
    assert first.nodes == second.nodes
    assert first.links == second.links
    assert first.order == second.order


# -- focus on a person: one page of meetings, then more ----------------------------------------------


@pytest.mark.parametrize("person", [PUTIN, ERDOGAN, ROUHANI])
def test_focus_on_a_person_shows_a_page_of_their_most_reported_meetings(
        samples_graph: Driver, db: str, person: str) -> None:
    canvas = build(samples_graph, db, focus(person))
    theirs = meetings_of(samples_graph, db, person)
    shown = meetings_on(canvas)
    assert shown <= set(theirs), f"meetings not {person}'s: {shown - set(theirs)}"
    assert len(shown) == min(PAGE_SIZE, len(theirs))
    assert_most_reported(shown, theirs)
    assert {(person, "PARTICIPATED_IN", m) for m in shown} <= canvas.links
    assert participations(samples_graph, db, sorted(shown)) <= canvas.links  # with the other parties
    assert canvas.more[person] == len(theirs) - len(shown)
    assert person in canvas.expanded
    assert canvas.order[0] == person
    assert_consistent(canvas, [person])


def busiest(driver: Driver, database: str) -> str:
    """The person of the samples with the most meetings (the pages below need more than one page of them)."""
    records, _, _ = driver.execute_query(
        "MATCH (e:Person)-[:PARTICIPATED_IN]->(m:Meeting) RETURN e.id AS id, count(m) AS n ORDER BY n DESC, id LIMIT 1",
        database_=database)
    return records[0]["id"]


def test_an_entity_with_more_meetings_than_a_page_has_the_rest_counted(samples_graph: Driver, db: str) -> None:
    entity = busiest(samples_graph, db)
    total = len(meetings_of(samples_graph, db, entity))
    assert total > PAGE_SIZE  # otherwise this test proves nothing
    assert build(samples_graph, db, focus(entity)).more[entity] == total - PAGE_SIZE


def test_more_shows_the_next_page_and_keeps_the_first(samples_graph: Driver, db: str) -> None:
    entity = busiest(samples_graph, db)
    view = focus(entity)
    first = build(samples_graph, db, view)
    more_view = apply(view, "more", entity)
    assert more_view["expand"][entity] == 2
    second = build(samples_graph, db, more_view)
    theirs = meetings_of(samples_graph, db, entity)
    assert meetings_on(first) < meetings_on(second) <= set(theirs)
    assert len(meetings_on(second)) == min(2 * PAGE_SIZE, len(theirs))
    assert set(first.nodes) <= set(second.nodes)
    assert second.more[entity] == len(theirs) - len(meetings_on(second))
    assert_consistent(second, [entity])


# -- expand, collapse, hide ---------------------------------------------------------------------------


def second_node_to_expand(driver: Driver, database: str, canvas: Canvas, seed: str) -> str:
    """A person on the canvas (not the seed) with meetings the canvas does not show yet: the one with most."""
    shown = meetings_on(canvas)
    candidates = sorted(
        (-len(set(meetings_of(driver, database, person)) - shown), person)
        for person in on_canvas(canvas, "Person") if person != seed)
    count, person = candidates[0]
    assert count < 0, "no person on the canvas has meetings left to show"
    return person


def test_expanding_a_second_node_only_adds_and_anchors_on_it(samples_graph: Driver, db: str) -> None:
    view = focus(PUTIN)
    first = build(samples_graph, db, view)
    other = second_node_to_expand(samples_graph, db, first, PUTIN)
    second = build(samples_graph, db, apply(view, "expand", other))

    assert set(first.nodes) <= set(second.nodes), set(first.nodes) - set(second.nodes)
    assert first.links <= second.links
    assert other in second.expanded
    theirs = meetings_of(samples_graph, db, other)
    new = set(second.nodes) - set(first.nodes)
    assert new & set(theirs), "the expansion brought none of the expanded person's meetings"
    assert len(meetings_on(second) & set(theirs)) == min(PAGE_SIZE, len(theirs))
    assert second.more[other] == len(theirs) - len(meetings_on(second) & set(theirs))
    for node in new:
        anchor = second.anchors[node]
        if label(node) == "Meeting":
            assert anchor == other and node in theirs
        elif label(node) == "Country" and anchor is not None and label(anchor) == "Person":
            # a new party's country comes along with it
            assert (anchor, "REPRESENTS", node) in second.links
            assert second.anchors[anchor] in theirs
        else:
            assert anchor in theirs, f"{node} anchored on {anchor}, not on one of {other}'s meetings"
            assert any(anchor in (s, t) and node in (s, t) for s, _, t in second.links)
    assert_consistent(second, [PUTIN])


def test_collapse_removes_what_only_that_expansion_brought(samples_graph: Driver, db: str) -> None:
    view = focus(PUTIN)
    first = build(samples_graph, db, view)
    other = second_node_to_expand(samples_graph, db, first, PUTIN)
    expanded_view = apply(view, "expand", other)
    expanded = build(samples_graph, db, expanded_view)
    brought = set(expanded.nodes) - set(first.nodes)
    assert brought

    collapsed = build(samples_graph, db, apply(expanded_view, "collapse", other))
    assert not brought & set(collapsed.nodes)
    assert set(collapsed.nodes) == set(first.nodes)
    assert collapsed.links == first.links
    assert other not in collapsed.expanded
    assert other in collapsed.nodes  # it was there before the expansion: only what it brought goes


def test_collapsing_the_seed_leaves_it_alone(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, apply(focus(PUTIN), "collapse", PUTIN))
    assert set(canvas.nodes) == {PUTIN}
    assert canvas.links == set()


@pytest.mark.parametrize("kind", ["Person", "Country", "Meeting", "Place"])
def test_a_hidden_node_is_absent_and_no_link_touches_it(samples_graph: Driver, db: str, kind: str) -> None:
    view = focus(PUTIN)
    before = build(samples_graph, db, view)
    hidden = sorted(on_canvas(before, kind) - {PUTIN})[0]
    canvas = build(samples_graph, db, apply(view, "hide", hidden))
    assert hidden not in canvas.nodes
    assert not [link for link in canvas.links if hidden in (link[0], link[2])]
    assert PUTIN in canvas.nodes
    assert_consistent(canvas, [PUTIN])


def test_hiding_the_seed_empties_its_canvas(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, apply(focus(PUTIN), "hide", PUTIN))
    assert canvas.nodes == {}
    assert canvas.links == set()


# -- filters -------------------------------------------------------------------------------------------


def test_meeting_type_filter_keeps_calls_off_the_canvas(samples_graph: Driver, db: str) -> None:
    calls = meetings_of(samples_graph, db, PUTIN, "m.type = 'call'")
    assert calls, "Putin has calls in the samples (otherwise this test proves nothing)"
    view = apply(focus(PUTIN), "types", ["meeting", "visit", "talks", "summit", "conference"])
    canvas = build(samples_graph, db, view)
    not_calls = meetings_of(samples_graph, db, PUTIN, "m.type <> 'call'")
    shown = meetings_on(canvas)
    assert shown
    assert all(canvas.nodes[m]["type"] != "call" for m in shown)
    assert shown <= set(not_calls)
    assert len(shown) == min(PAGE_SIZE, len(not_calls))
    assert canvas.more[PUTIN] == len(not_calls) - len(shown)
    assert_consistent(canvas, [PUTIN])


def test_meeting_type_filter_applies_to_the_overview(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, apply(default_view(), "types", ["call"]))
    calls = all_meetings(samples_graph, db, "m.type = 'call'")
    assert meetings_on(canvas) == set(calls)
    assert_consistent(canvas)


def test_one_meeting_type_brings_only_the_parties_of_those_meetings(samples_graph: Driver, db: str) -> None:
    counts = cypher(samples_graph, db, """MATCH (:Person {id: $person})-[:PARTICIPATED_IN]->(m:Meeting)
                                         RETURN m.type AS type, count(m) AS n ORDER BY n, type""", person=PUTIN)
    rarest = counts[0]["type"]  # a type that leaves most of Putin's meetings out
    canvas = build(samples_graph, db, apply(focus(PUTIN), "types", [rarest]))
    chosen = meetings_of(samples_graph, db, PUTIN, "m.type = $type", type=rarest)
    assert chosen and len(chosen) < sum(row["n"] for row in counts)
    assert meetings_on(canvas) == set(chosen)
    parties = {source for source, _, _ in participations(samples_graph, db, sorted(chosen))}
    people = on_canvas(canvas, "Person")
    assert {party for party in parties if label(party) == "Person"} <= people
    assert people <= parties  # nobody from Putin's other meetings
    assert_consistent(canvas, [PUTIN])


@pytest.mark.parametrize(("start", "end"), [("2018-03", "2018-04"), ("2018-05", None), (None, "2018-02"),
                                            ("one day", "one day")])
def test_date_filter_keeps_every_meeting_within_the_range(samples_graph: Driver, db: str,
                                                          start: str | None, end: str | None) -> None:
    if start == "one day":  # a single day: the latest day one of Putin's meetings took place on
        day = samples_graph.execute_query(
            "MATCH (:Person {id: $id})-[:PARTICIPATED_IN]->(m:Meeting) WHERE m.date IS NOT NULL "
            "RETURN max(m.date) AS day", id=PUTIN, database_=db).records[0]["day"]
        start = end = day.iso_format()
    first = date.fromisoformat(start if start and len(start) == 10 else f"{start or '0001-01'}-01")
    last = {"2018-04": date(2018, 4, 30), "2018-02": date(2018, 2, 28), None: date(9999, 12, 31)}.get(
        end, date.fromisoformat(end) if end and len(end) == 10 else None)
    in_range = "m.date IS NOT NULL AND m.date >= $first AND m.date <= $last"
    dated_only = apply(default_view(), "undated", False)
    for view, expected, ranked in (
        (apply(apply(focus(PUTIN), "undated", False), "dates", (start, end)),
         meetings_of(samples_graph, db, PUTIN, in_range, first=first, last=last), True),
        (apply(dated_only, "dates", (start, end)), {m: row["articles"] for m, row in all_meetings(
            samples_graph, db, in_range, first=first, last=last).items()}, False),
    ):
        canvas = build(samples_graph, db, view)
        shown = meetings_on(canvas)
        assert expected, f"no meeting in {start}..{end}: this case proves nothing"
        assert shown
        for meeting in shown:
            assert canvas.nodes[meeting].get("date"), f"{meeting} has no date"
            assert first <= date.fromisoformat(str(canvas.nodes[meeting]["date"])[:10]) <= last
        assert shown <= set(expected)
        if ranked:  # an expansion brings the most reported first (the overview ranks parties instead)
            assert_most_reported(shown, expected)


def test_label_filter_without_places_shows_no_place(samples_graph: Driver, db: str) -> None:
    view = focus(PUTIN)
    assert on_canvas(build(samples_graph, db, view), "Place"), "Putin's meetings have places"
    canvas = build(samples_graph, db, apply(view, "labels", ["Person", "Country", "Organization", "Meeting"]))
    assert on_canvas(canvas, "Place") == set()
    assert not [link for link in canvas.links if label(link[0]) == "Place" or label(link[2]) == "Place"]
    assert meetings_on(canvas)
    assert_consistent(canvas, [PUTIN])


def test_label_filter_applies_to_the_overview(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, apply(default_view(), "labels", ["Meeting", "Country"]))
    assert {label(node) for node in canvas.nodes} == {"Meeting", "Country"}


# -- the node budget ------------------------------------------------------------------------------------


def test_budget_caps_the_canvas_and_keeps_the_seed_and_its_most_reported_meetings(
        samples_graph: Driver, db: str) -> None:
    unlimited = build(samples_graph, db, focus(PUTIN))
    assert len(unlimited.nodes) > 10 and unlimited.dropped == 0
    canvas = build(samples_graph, db, focus(PUTIN, budget="10"))
    assert len(canvas.nodes) <= 10
    assert canvas.dropped > 0
    assert canvas.order[0] == PUTIN
    assert set(canvas.nodes) <= set(unlimited.nodes)
    assert_most_reported(meetings_on(canvas), meetings_of(samples_graph, db, PUTIN))
    assert_consistent(canvas, [PUTIN])


def test_budget_keeps_every_seed_first(samples_graph: Driver, db: str) -> None:
    seeds = [PUTIN, ERDOGAN, ROUHANI]
    canvas = build(samples_graph, db, apply(focus(*seeds), "budget", 10))
    assert len(canvas.nodes) <= 10
    assert canvas.dropped > 0
    assert canvas.order[:3] == seeds
    assert set(seeds) <= set(canvas.nodes)


def test_budget_keeps_the_overview_within_bounds(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, apply(default_view(), "budget", 25))
    assert 0 < len(canvas.nodes) <= 25
    assert canvas.dropped > 0


# -- shortest paths --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def strangers(samples_graph: Driver, db: str) -> tuple[str, str, int]:
    """Putin and the person furthest from him who never shared a meeting with him, and Neo4j's distance."""
    rows = cypher(samples_graph, db, f"""
        MATCH (a:Person {{id: $a}}), (b:Person) WHERE b <> a
          AND NOT EXISTS {{ (a)-[:PARTICIPATED_IN]->(:Meeting)<-[:PARTICIPATED_IN]-(b) }}
        MATCH p = shortestPath((a)-[:{CANVAS_TYPES}*..8]-(b))
        RETURN b.id AS b, length(p) AS hops ORDER BY hops DESC, b.id LIMIT 1""", a=PUTIN)
    assert rows, "every person in the samples met Putin?"
    return PUTIN, rows[0]["b"], rows[0]["hops"]


def test_path_between_two_people_who_never_met_is_a_shortest_chain(
        samples_graph: Driver, db: str, strangers: tuple[str, str, int]) -> None:
    start, end, _ = strangers
    hops = shortest_path_length(samples_graph, db, start, end)
    assert hops is not None and hops > 2  # not a shared meeting: they never met
    canvas = build(samples_graph, db, decode(f"?path={start},{end}"))
    assert canvas.path_requested
    assert {start, end} <= canvas.path_nodes
    assert canvas.path_nodes <= set(canvas.nodes)
    assert canvas.path_links <= canvas.links
    assert existing(samples_graph, db, canvas.path_links) == canvas.path_links  # real relationships
    assert graph_distance(canvas.path_links, start, end) == hops
    # every path node lies on a shortest chain between the two ends
    for node in canvas.path_nodes:
        via = graph_distance(canvas.path_links, start, node)
        back = graph_distance(canvas.path_links, node, end)
        assert via is not None and back is not None and via + back == hops, node
    assert_consistent(canvas)


def test_path_over_a_focused_canvas_keeps_the_focus(samples_graph: Driver, db: str,
                                                    strangers: tuple[str, str, int]) -> None:
    start, end, hops = strangers
    plain = build(samples_graph, db, focus(PUTIN))
    canvas = build(samples_graph, db, focus(PUTIN, path=f"{start},{end}"))
    assert set(plain.nodes) <= set(canvas.nodes)
    assert graph_distance(canvas.path_links, start, end) == hops


def test_path_shown_under_a_filter_is_on_the_canvas(samples_graph: Driver, db: str,
                                                   strangers: tuple[str, str, int]) -> None:
    """A path drawn with a meeting filter on must be made of what the canvas shows: a meeting the filter
    removes cannot be a highlighted step (the message promises paths "with the current filters")."""
    start, end, _ = strangers
    unfiltered = build(samples_graph, db, decode(f"?path={start},{end}"))
    kinds = {unfiltered.nodes[m]["type"] for m in meetings_on(unfiltered) & unfiltered.path_nodes}
    assert kinds
    for kind in sorted(kinds):
        canvas = build(samples_graph, db, decode(f"?path={start},{end}&types={kind}"))
        assert canvas.path_requested
        assert canvas.path_nodes <= set(canvas.nodes), (kind, canvas.path_nodes - set(canvas.nodes))
        assert canvas.path_links <= canvas.links
        if canvas.path_nodes:
            assert graph_distance(canvas.path_links, start, end) is not None


def isolated_person(driver: Driver, database: str) -> str:
    rows = cypher(driver, database, f"""
        MATCH (p:Person) WHERE NOT (p)-[:{CANVAS_TYPES}]-() RETURN p.id AS id ORDER BY id LIMIT 1""")
    assert rows, "the samples have a person mentioned but in no meeting"
    return rows[0]["id"]


def test_path_to_an_isolated_node_is_requested_but_not_found(samples_graph: Driver, db: str) -> None:
    lonely = isolated_person(samples_graph, db)
    assert shortest_path_length(samples_graph, db, PUTIN, lonely) is None
    canvas = build(samples_graph, db, decode(f"?path={PUTIN},{lonely}"))
    assert canvas.path_requested
    assert canvas.path_nodes == set()
    assert canvas.path_links == set()


def test_path_to_a_hidden_node_is_requested_but_not_found(samples_graph: Driver, db: str,
                                                         strangers: tuple[str, str, int]) -> None:
    start, end, _ = strangers
    canvas = build(samples_graph, db, decode(f"?path={start},{end}&hide={end}"))
    assert canvas.path_requested
    assert canvas.path_nodes == set()
    assert end not in canvas.nodes


def test_one_path_end_is_not_a_path_request(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, apply(default_view(), "path_start", PUTIN))
    assert not canvas.path_requested
    assert canvas.path_nodes == set()


# -- a set of nodes sent to the explorer (a saved query's result) ------------------------------------------


def test_ids_show_exactly_those_nodes_with_the_links_among_them(samples_graph: Driver, db: str) -> None:
    rows = cypher(samples_graph, db, """
        MATCH (p:Person {id: $p})-[:PARTICIPATED_IN]->(m:Meeting)-[:HELD_IN]->(place:Place)-[:LOCATED_IN]->(c)
        MATCH (other:Person)-[:PARTICIPATED_IN]->(m) WHERE other <> p
        RETURN m.id AS meeting, place.id AS place, c.id AS country, other.id AS other
        ORDER BY m.article_count DESC, m.id LIMIT 1""", p=PUTIN)
    assert rows
    row = rows[0]
    ids = [PUTIN, row["meeting"], row["place"], row["country"], row["other"], ERDOGAN]
    canvas = build(samples_graph, db, decode("?ids=" + ",".join(ids)))
    assert set(canvas.nodes) == set(ids)
    expected = relationships_among(samples_graph, db, ids)
    assert len(expected) >= 4  # participations, held in, located in
    assert canvas.links == expected
    assert canvas.expanded == set()


def test_ids_that_do_not_exist_are_left_out(samples_graph: Driver, db: str) -> None:
    canvas = build(samples_graph, db, decode(f"?ids={PUTIN},person:nobody-at-all,meeting:0000000000000000"))
    assert set(canvas.nodes) == {PUTIN}


# -- rebuild: positions kept, new nodes placed ---------------------------------------------------------------


def node_elements(elements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e for e in elements if "source" not in e["data"]}


def test_rebuild_without_positions_runs_the_views_layout(samples_graph: Driver, db: str) -> None:
    for layout in ("fcose", "concentric"):
        view = apply(focus(PUTIN), "layout", layout)
        result = rebuild(samples_graph, db, view, {}, None)
        assert result["layout"]["name"] == layout
        assert result["layout"]["run"] == view["layout_run"]
        nodes = node_elements(result["elements"])
        assert set(nodes) == set(result["canvas"].nodes)
        assert not [node for node in nodes.values() if "position" in node]


def test_rebuild_keeps_known_positions_and_places_new_nodes(samples_graph: Driver, db: str) -> None:
    view = focus(PUTIN)
    first = rebuild(samples_graph, db, view, {}, None)
    positions = {node: [float(i * 37 % 500), float(-i * 53 % 400)]
                 for i, node in enumerate(sorted(first["canvas"].nodes))}
    other = second_node_to_expand(samples_graph, db, first["canvas"], PUTIN)
    expanded = apply(view, "expand", other)
    assert expanded["layout_run"] == first["layout"]["run"]

    result = rebuild(samples_graph, db, expanded, positions, first["layout"])
    assert result["layout"]["name"] == "preset"
    nodes = node_elements(result["elements"])
    new = set(nodes) - set(positions)
    assert new
    for node, (x, y) in positions.items():
        assert nodes[node]["position"] == {"x": x, "y": y}, node
    for node in new:
        assert set(nodes[node]["position"]) == {"x", "y"}, node
    spots = [(e["position"]["x"], e["position"]["y"]) for e in nodes.values()]
    assert len(set(spots)) == len(spots), "two nodes were given the same spot"


def test_rebuild_after_a_new_layout_run_lays_out_again(samples_graph: Driver, db: str) -> None:
    view = focus(PUTIN)
    first = rebuild(samples_graph, db, view, {}, None)
    positions = {node: [1.0, 2.0] for node in first["canvas"].nodes}
    relaid = apply(view, "layout", "circle")
    result = rebuild(samples_graph, db, relaid, positions, first["layout"])
    assert result["layout"]["name"] == "circle"
    assert result["layout"]["run"] == relaid["layout_run"] != first["layout"]["run"]


# -- robustness -------------------------------------------------------------------------------------------------


def test_a_focus_that_is_not_in_the_database_gives_an_empty_canvas(samples_graph: Driver, db: str) -> None:
    view = focus("person:nobody-at-all")
    canvas = build(samples_graph, db, view)
    assert canvas.nodes == {}
    assert canvas.links == set()
    assert rebuild(samples_graph, db, view, {}, None)["elements"] == []


@pytest.mark.parametrize("junk", [
    "?focus=<script>&budget=-5&from=2018-02-30&to=yesterday&layout=nope&lang=xx&expand=~~~&path=,,,&reveal=2",
    "focus=%%%&&&=&ids=person:&hide=:&types=&labels=",
    "?" + "x" * 5000,
])
def test_a_malformed_url_still_builds_the_default_canvas(samples_graph: Driver, db: str, junk: str) -> None:
    view = decode(junk)
    canvas = build(samples_graph, db, view)
    default = build(samples_graph, db, default_view())
    assert set(canvas.nodes) == set(default.nodes)
    assert canvas.links == default.links
    assert meetings_on(canvas)


def test_a_malformed_expansion_and_path_in_a_url_still_build(samples_graph: Driver, db: str) -> None:
    view = decode(f"?focus={PUTIN}&expand={PUTIN}~abc,{ERDOGAN}~-1,bad~2&path={PUTIN},person:nobody")
    canvas = build(samples_graph, db, view)
    assert PUTIN in canvas.nodes
    assert canvas.path_requested and canvas.path_nodes == set()
    assert_consistent(canvas, [PUTIN])


# -- edge mode: meetings as links between their parties ---------------------------------------------


def test_edge_mode_folds_each_small_meeting_into_links_between_its_real_parties(samples_graph: Driver,
                                                                                db: str) -> None:
    as_nodes = build(samples_graph, db, focus(PUTIN))
    as_edges = build(samples_graph, db, focus(PUTIN, mode="edges"))
    assert as_edges.pairs, "Putin's two-party calls become links"
    # No meeting is lost: each is a node or folded into links.
    assert meetings_on(as_nodes) == meetings_on(as_edges) | set(as_edges.folded)
    for (a, b), meetings in as_edges.pairs.items():
        for meeting in meetings:
            parties = {source for source, _, _ in participations(samples_graph, db, [meeting])}
            assert {a, b} <= parties, (meeting, a, b, parties)
            assert 2 <= len(parties) <= MAX_FOLDED_PARTIES
    for meeting in meetings_on(as_edges):  # what stays a node is large, party-less or asked for
        parties = {source for source, _, _ in participations(samples_graph, db, [meeting])}
        assert not 2 <= len(parties) <= MAX_FOLDED_PARTIES, meeting
    assert not any(target in as_edges.folded or source in as_edges.folded for source, _, target in as_edges.links)
    assert PUTIN in as_edges.nodes


def test_a_meeting_asked_for_stays_a_node_in_edge_mode(samples_graph: Driver, db: str) -> None:
    folded = build(samples_graph, db, focus(PUTIN, mode="edges")).folded
    meeting = sorted(folded)[0]
    canvas = build(samples_graph, db, apply(focus(PUTIN, mode="edges"), "unfold", meeting))
    assert meeting in canvas.nodes and meeting not in canvas.folded
    parties = participations(samples_graph, db, [meeting])
    assert parties <= canvas.links  # with its parties, linked


# -- undated meetings: an explicit choice, whatever the date range ----------------------------------


def test_undated_meetings_follow_the_toggle_not_the_date_range(samples_graph: Driver, db: str) -> None:
    undated = set(meetings_of(samples_graph, db, PUTIN, "m.date IS NULL"))
    assert undated, "the samples have an undated meeting of Putin's"
    in_range = set(meetings_of(samples_graph, db, PUTIN, "m.date >= date('2018-01-01')"))
    wide = build(samples_graph, db, focus(PUTIN, **{"from": "2018-01", "budget": "2000"}))
    assert undated <= meetings_on(wide)
    assert meetings_on(wide) - undated <= in_range
    narrow = build(samples_graph, db, focus(PUTIN, **{"from": "2018-01", "undated": "0", "budget": "2000"}))
    assert not undated & meetings_on(narrow)
    assert not undated & meetings_on(build(samples_graph, db, focus(PUTIN, undated="0")))
