"""Where a place or a country is on the map: the packaged points of dashboard/data/coordinates.json.

The file is built by scripts/build_coordinates.py from GeoNames (CC-BY-4.0): a gazetteer city at its GeoNames
point, a hand-listed venue (a palace, an airport) at its town's, a country at its capital's. Lookups go by graph
node id (`place:moscow`, `country:RU`), so nothing here needs the database.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

COORDINATES = Path(__file__).parent / "data" / "coordinates.json"


class Point(NamedTuple):
    lat: float
    lon: float


@cache
def _table() -> dict[str, dict[str, dict]]:
    return json.loads(COORDINATES.read_text(encoding="utf-8"))


def place_point(place_id: str) -> Point | None:
    """The point of a Place node (`place:<gazetteer key>`); None for a place the gazetteer does not know
    (one an analyst made, say)."""
    entry = _table()["places"].get(place_id.removeprefix("place:")) if place_id.startswith("place:") else None
    return Point(entry["lat"], entry["lon"]) if entry else None


def country_point(iso2: str | None) -> Point | None:
    """A country's representative point (its capital, see the build script) by ISO 3166-1 alpha-2 code."""
    entry = _table()["countries"].get((iso2 or "").upper())
    return Point(entry["lat"], entry["lon"]) if entry else None
