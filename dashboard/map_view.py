"""The map of the meetings on screen: where each took place, one marker per place, sized by the reports.

A meeting is drawn at its venue (a Place it was HELD_IN) when the gazetteer knows where that is; failing that,
at its country: the country of a venue that has no point of its own (a ministry, a place an analyst made), or
the host state of a visit. Country-only points stand at the capital (dashboard/coordinates.py) and are drawn
hollow, so nobody reads "in Russia" as "in Moscow". Meetings with neither are counted, not drawn.

Like the timeline (dashboard/timeline.py), markers carry a meeting node id in `customdata`, so a click selects
that meeting on the canvas. The map's outlines come from the dashboard's own assets (`graph_config()`), never
from a CDN.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

import dash
import plotly.graph_objects as go
from babel import Locale
from neo4j import Driver, ManagedTransaction, unit_of_work

from dashboard.coordinates import country_point, place_point
from dashboard.style import LABEL_STYLES
from newsgraph.saved_queries import query_timeout

# A meeting's venues: places, or organisations used as venues (ministries). A rejected venue (:RejectedPlace)
# is left out by the label test. `reports` counts the meeting's reports whose article names the venue, so a
# meeting that two outlets put in two cities is drawn where more reports put it.
VENUES = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})-[:HELD_IN]->(venue)
WHERE venue:Place OR venue:Organization
OPTIONAL MATCH (venue)-[:LOCATED_IN]->(located:Country)
WITH m, venue, coalesce(located.iso2, venue.country) AS iso2
OPTIONAL MATCH (state:Country {iso2: iso2})
OPTIONAL MATCH (m)-[:REPORTED_IN]->(article:Article)<-[:MENTIONED_IN]-(venue)
RETURN m.id AS meeting, venue.id AS id, venue:Place AS is_place, venue.name AS name, venue.name_en AS name_en,
       venue.translit AS translit, iso2, state.id AS state_id, state.name AS state_name,
       state.name_en AS state_name_en, count(DISTINCT article) AS reports
ORDER BY meeting, reports DESC, id
"""

# The states taking part in a visit: one of them is the host (a visit's parties are the visitor and the host
# state). `represented` says a participating person stands for that state, which makes it the visitor's.
VISIT_STATES = """
UNWIND $ids AS id
MATCH (m:Meeting {id: id})<-[:PARTICIPATED_IN]-(state:Country)
WHERE m.type = 'visit'
RETURN m.id AS meeting, state.id AS id, state.iso2 AS iso2, state.name AS name, state.name_en AS name_en,
       EXISTS { MATCH (m)<-[:PARTICIPATED_IN]-(:Person)-[:REPRESENTS]->(state) } AS represented
ORDER BY meeting, id
"""

Precision = Literal["venue", "country"]


class Location(TypedDict):
    """Where one meeting is drawn."""

    precision: Precision  # "venue": the place itself; "country": only the country is known
    id: str  # the node drawn: place:… for a venue, country:… otherwise
    name: str  # Arabic
    name_en: str
    lat: float
    lon: float
    basis: str  # "held in", "venue's country" or "visit host": what put the meeting there
    venue: str | None  # for a country point reached through a venue without a point: that venue's name
    also: list[str]  # other venues the reports give (Arabic names), when they disagree


def _read(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    """A READ managed transaction under the query time limit, as dashboard/queries.py runs the explorer's."""
    @unit_of_work(timeout=query_timeout())
    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        return [dict(record) for record in tx.run(query, **params)]

    with driver.session(database=database, default_access_mode="READ") as session:
        return session.execute_read(work)


def meeting_locations(driver: Driver, database: str, meeting_ids: Iterable[str]) -> dict[str, Location]:
    """Where each of the meetings is, by meeting id; a meeting with no known place is not in the result."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return {}
    venues: dict[str, list[dict[str, Any]]] = {}
    for row in _read(driver, database, VENUES, ids=ids):
        venues.setdefault(row["meeting"], []).append(row)
    states: dict[str, list[dict[str, Any]]] = {}
    for row in _read(driver, database, VISIT_STATES, ids=ids):
        states.setdefault(row["meeting"], []).append(row)
    found = {}
    for meeting in ids:
        location = _at_venue(venues.get(meeting, [])) or _in_venue_country(venues.get(meeting, [])) or \
            _in_host_state(states.get(meeting, []))
        if location is not None:
            found[meeting] = location
    return found


def _english(row: dict[str, Any], prefix: str = "") -> str:
    return row.get(f"{prefix}name_en") or row.get(f"{prefix}translit") or row.get(f"{prefix}name") or ""


def _at_venue(rows: list[dict[str, Any]]) -> Location | None:
    """The venue most of the meeting's reports name, among those with a point (rows come in that order)."""
    for row in rows:
        point = place_point(row["id"]) if row["is_place"] else None
        if point is not None:
            others = [other["name"] for other in rows if other["id"] != row["id"] and other["name"]]
            return Location(precision="venue", id=row["id"], name=row["name"] or row["id"], name_en=_english(row),
                            lat=point.lat, lon=point.lon, basis="held in", venue=None,
                            also=list(dict.fromkeys(others)))
    return None


def _in_venue_country(rows: list[dict[str, Any]]) -> Location | None:
    for row in rows:
        point = country_point(row["iso2"])
        if point is not None:
            return Location(precision="country", id=row["state_id"] or f"country:{row['iso2']}",
                            name=row["state_name"] or row["iso2"], name_en=_english(row, "state_") or row["iso2"],
                            lat=point.lat, lon=point.lon, basis="venue's country", venue=row["name"], also=[])
    return None


def _in_host_state(rows: list[dict[str, Any]]) -> Location | None:
    """The visit's host: its only state, or its only state no participating person represents. Two states
    and no telling which is the host: no place."""
    hosts = rows if len(rows) == 1 else [row for row in rows if not row["represented"]]
    if len(hosts) != 1:
        return None
    host = hosts[0]
    point = country_point(host["iso2"])
    if point is None:
        return None
    return Location(precision="country", id=host["id"], name=host["name"] or host["iso2"],
                    name_en=_english(host) or host["iso2"], lat=point.lat, lon=point.lon, basis="visit host",
                    venue=None, also=[])


def unplaced(meetings: Iterable[dict[str, Any]], locations: dict[str, Location]) -> list[str]:
    """Ids of the meetings on screen that have no known place (for "N meetings without a known place")."""
    return [m["id"] for m in meetings if m["id"] not in locations]


# ---- The figure ----

FONT = {"family": "Noto Sans Arabic, Noto Sans, sans-serif", "size": 11}  # as the timeline's
HEIGHT = 200
SELECTED_COLOR = "#f1c40f"  # the timeline's highlight
MAX_HOVER_LINES = 8
MIN_SPAN = (24.0, 48.0)  # degrees of latitude and longitude the map shows at least (one point: a region, not a street)
PADDING = 6.0  # degrees around the outermost points

TEXTS = {
    "ar": {"venue": "مكان اللقاء", "country": "الدولة فقط (عند عاصمتها)",
           "none": "لا لقاء على اللوحة معروف المكان", "unplaced": "{count} بلا مكان معروف", "more": "و{n} غيرها",
           "also": "وفي تقارير أخرى:"},
    "en": {"venue": "Venue", "country": "Country only (drawn at its capital)",
           "none": "No meeting on the canvas has a known place", "unplaced": "{count} without a known place",
           "more": "and {n} more", "also": "other reports say:"},
}

# Counted nouns. Arabic counts by CLDR's plural categories (Babel's rule): one and two have their own words, 3–10
# take the plural, 11–99 the accusative singular.
COUNTED = {
    "meeting": {"one": "لقاء واحد", "two": "لقاءان", "few": "{n} لقاءات", "many": "{n} لقاءً", "other": "{n} لقاء",
                "en": ("{n} meeting", "{n} meetings")},
    "report": {"one": "تقرير واحد", "two": "تقريران", "few": "{n} تقارير", "many": "{n} تقريرًا",
               "other": "{n} تقرير", "en": ("{n} report", "{n} reports")},
}


# Plotly writes text into SVG, whose base direction is left-to-right: an Arabic line with a number or a date
# («34 لقاءً بلا مكان معروف») comes out in the wrong order unless it sits in a right-to-left isolate.
RLI, PDI = "\u2067", "\u2069"


def _line(text: str, arabic: bool) -> str:
    return f"{RLI}{text}{PDI}" if arabic else text


def counted(n: int, noun: str, arabic: bool) -> str:
    """«3 لقاءات», «لقاءان», "1 meeting"."""
    forms = COUNTED[noun]
    if not arabic:
        return forms["en"][n != 1].format(n=n)
    return forms.get(Locale("ar").plural_form(n), forms["other"]).format(n=n)


def graph_config(app: dash.Dash | None = None) -> dict[str, Any]:
    """dcc.Graph's `config` for the map: no mode bar, and the world outlines from the app's own assets
    (dashboard/assets/topojson/) rather than Plotly's CDN. The URL follows the app's path prefix; without `app`,
    the Dash app of this process is asked (so call it once the app exists, e.g. in a layout function)."""
    url = app.get_asset_url("topojson/") if app is not None else dash.get_asset_url("topojson/")
    return {"displayModeBar": False, "topojsonURL": url}


@dataclass
class Marker:
    """One point on the map: the meetings drawn at the same spot with the same precision (a palace and its
    city share a point; a state and its capital do not share a marker, they differ in precision)."""

    precision: Precision
    lat: float
    lon: float
    meetings: list[dict[str, Any]] = field(default_factory=list)  # the most reported first
    places: dict[str, Location] = field(default_factory=dict)  # by meeting id

    @property
    def reports(self) -> int:
        return sum(_reports(m) for m in self.meetings)

    def ids(self) -> list[str]:
        return [m["id"] for m in self.meetings]

    def click_target(self, selected: str | None) -> str:
        """The meeting a click on the marker selects: the selected one if it is here (a click on the highlighted
        marker keeps the selection), else the most reported."""
        return selected if selected in self.ids() else self.meetings[0]["id"]


def markers(meetings: list[dict[str, Any]], locations: dict[str, Location]) -> list[Marker]:
    """The meetings with a place, grouped by point and precision; markers in a stable order."""
    grouped: dict[tuple[str, float, float], Marker] = {}
    for meeting in meetings:
        location = locations.get(meeting["id"])
        if location is None:
            continue
        key = (location["precision"], location["lat"], location["lon"])
        marker = grouped.setdefault(key, Marker(location["precision"], location["lat"], location["lon"]))
        marker.meetings.append(meeting)
        marker.places[meeting["id"]] = location
    for marker in grouped.values():
        marker.meetings.sort(key=lambda m: (-_reports(m), str(m.get("date") or "9999"), m["id"]))
    return [grouped[key] for key in sorted(grouped)]


def _reports(meeting: dict[str, Any]) -> int:
    return int(meeting.get("article_count") or 1)


def _place_name(location: Location, arabic: bool) -> str:
    name = location["name"] if arabic else location["name_en"]
    return f"{name} ({location['venue']})" if location["venue"] else name


def _hover(marker: Marker, arabic: bool, texts: dict[str, str]) -> str:
    places = list(dict.fromkeys(_place_name(marker.places[m], arabic) for m in marker.ids()))
    several = len(places) > 1
    summary = [counted(len(marker.meetings), "meeting", arabic), counted(marker.reports, "report", arabic)]
    lines = [f"<b>{' · '.join(places)}</b>", ("، " if arabic else ", ").join(summary)]
    for meeting in marker.meetings[:MAX_HOVER_LINES]:
        caption = meeting.get("caption", "") if arabic else meeting.get("latin") or meeting.get("caption", "")
        date = str(meeting.get("date") or "")[:10]
        where = f" ({_place_name(marker.places[meeting['id']], arabic)})" if several else ""
        lines.append(f"• {caption}{where}" + (f" — {date}" if date else ""))
    if len(marker.meetings) > MAX_HOVER_LINES:
        lines.append(texts["more"].format(n=len(marker.meetings) - MAX_HOVER_LINES))
    others = list(dict.fromkeys(name for m in marker.ids() for name in marker.places[m]["also"]))
    if others:
        lines.append(f"{texts['also']} {'، '.join(others)}")
    return "<br>".join(_line(line, arabic) for line in lines)


def _size(reports: int) -> float:
    """Marker diameter in px: its area grows with the reports, so ten reports are not ten times as wide."""
    return min(8 + 4 * math.sqrt(max(reports, 1) - 1), 30)


def _ranges(points: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Latitude and longitude ranges holding every point, padded, never narrower than MIN_SPAN."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    spans = []
    for values, minimum, limit in ((lats, MIN_SPAN[0], 85.0), (lons, MIN_SPAN[1], 180.0)):
        low, high = min(values) - PADDING, max(values) + PADDING
        if high - low < minimum:
            middle = (low + high) / 2
            low, high = middle - minimum / 2, middle + minimum / 2
        spans.append([max(low, -limit), min(high, limit)])
    return spans[0], spans[1]


STYLES: dict[str, dict[str, Any]] = {
    "venue": {"symbol": "circle", "color": LABEL_STYLES["Place"]["color"], "line": {"width": 1, "color": "#ffffff"}},
    "country": {"symbol": "circle-open", "color": LABEL_STYLES["Country"]["color"], "line": {"width": 2.5}},
}


def figure(meetings: list[dict[str, Any]], locations: dict[str, Location], selected: str | None = None,
           lang: str = "ar") -> go.Figure:
    """The map of `meetings` (the canvas's meeting element data: id, date, type, caption, latin,
    article_count) placed by `locations` (meeting_locations). One marker per point, sized by its reports: filled
    for venues, hollow for country-only points, one trace each (in that order). A marker's customdata is the id
    of the meeting a click selects (Marker.click_target). Names and texts are Arabic when `lang` is "ar",
    English otherwise."""
    arabic = lang == "ar"
    texts = TEXTS["ar" if arabic else "en"]
    drawn = markers(meetings, locations)
    any_selected = any(selected in marker.ids() for marker in drawn)
    fig = go.Figure()
    for precision in ("venue", "country"):
        here = [marker for marker in drawn if marker.precision == precision]
        fig.add_scattergeo(
            name=_line(texts[precision], arabic), lat=[m.lat for m in here], lon=[m.lon for m in here], mode="markers",
            customdata=[m.click_target(selected) for m in here], hoverinfo="text",
            meta=[m.ids() for m in here],  # each marker's meetings: the explorer highlights a selection in the browser
            hovertext=[_hover(m, arabic, texts) for m in here],
            marker={**STYLES[precision], "size": [_size(m.reports) for m in here], "opacity": 0.9},
            # The marker holding the selected meeting is highlighted; with a selection, every other marker fades.
            selectedpoints=[i for i, m in enumerate(here) if selected in m.ids()] if any_selected else None,
            selected={"marker": {"color": SELECTED_COLOR, "opacity": 1}},
            unselected={"marker": {"opacity": 0.35}},
            showlegend=bool(here),  # the legend names the kinds of point on the map, and only those
        )
    geo: dict[str, Any] = {
        "projection": {"type": "natural earth"}, "resolution": 110, "showframe": False,
        "showland": True, "landcolor": "#ecebe6", "showocean": True, "oceancolor": "#f3f7fa",
        "showcountries": True, "countrycolor": "#c4c4c4", "countrywidth": 0.5,
        "showcoastlines": True, "coastlinecolor": "#b5b5b5", "coastlinewidth": 0.5, "bgcolor": "#fbfbfc",
    }
    if drawn:
        lat_range, lon_range = _ranges([(m.lat, m.lon) for m in drawn])
        geo["lataxis"], geo["lonaxis"] = {"range": lat_range}, {"range": lon_range}
    fig.update_layout(
        height=HEIGHT, margin={"l": 4, "r": 4, "t": 4, "b": 4}, clickmode="event", font=FONT, geo=geo,
        paper_bgcolor="#fbfbfc", hoverlabel={"font": FONT, "align": "right" if arabic else "left"},
        # Arabic reads from the right: the legend starts there, venues first.
        legend={"orientation": "h", "x": 0.99 if arabic else 0.01, "xanchor": "right" if arabic else "left",
                "y": 0.99, "yanchor": "top", "traceorder": "reversed" if arabic else "normal",
                "bgcolor": "rgba(255,255,255,0.8)", "font": {"size": 10}, "itemclick": False,
                "itemdoubleclick": False},
    )
    if not drawn:
        fig.add_annotation(text=_line(texts["none"], arabic), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5,
                           bgcolor="rgba(255,255,255,0.85)")
    missing = len(unplaced(meetings, locations))
    if missing:
        fig.add_annotation(text=_line(texts["unplaced"].format(count=counted(missing, "meeting", arabic)), arabic),
                           showarrow=False, xref="paper", yref="paper", x=0.99 if arabic else 0.01, y=0.01,
                           xanchor="right" if arabic else "left",
                           yanchor="bottom", font={"size": 10, "color": "#555555"}, bgcolor="rgba(255,255,255,0.8)")
    return fig
