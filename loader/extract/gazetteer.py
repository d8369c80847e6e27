"""Name lists the extractor matches against.

Countries, nationality adjectives, demonyms, seats of government, cities and organisations come from
`data/gazetteer/*.json`, generated reproducibly by `scripts/build_gazetteer.py` from Babel/CLDR,
pycountry, ArWikiCats and GeoNames. People, venues and a few press spellings are curated here and in
`data/people.json`. Names marked ambiguous in the data (عمان, مالي, بنين …) are never matched bare.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from loader.extract.text import match_key, phrase_key

DATA = Path(__file__).parent / "data"
GENERATED = DATA / "gazetteer"

# Venues and places the generated city list lacks or marks ambiguous but news uses unambiguously:
# (Arabic, English, ISO country).
PLACES: list[tuple[str, str, str]] = [
    ("سوتشي", "Sochi", "RU"), ("أستانا", "Astana", "KZ"), ("أستانة", "Astana", "KZ"),
    ("الآستانة", "Astana", "KZ"), ("عمان", "Amman", "JO"), ("كابول", "Kabul", "AF"), ("دافوس", "Davos", "CH"),
    ("شرم الشيخ", "Sharm el-Sheikh", "EG"), ("الظهران", "Dhahran", "SA"), ("البحر الميت", "Dead Sea", "JO"),
    ("قصر الاتحادية", "Ittihadiya Palace", "EG"), ("قصر بعبدا", "Baabda Palace", "LB"),
    ("قصر الإليزيه", "Elysee Palace", "FR"),
    ("قصر باكنغهام", "Buckingham Palace", "GB"),
    ("قصر اليمامة", "Al-Yamamah Palace", "SA"), ("قصر السلام", "Al-Salam Palace", "SA"),
    ("مطار حمد الدولي", "Hamad International Airport", "QA"),
    ("المقر الأوروبي للأمم المتحدة", "Palais des Nations", "CH"),
]

# Press spellings the generated data does not carry.
EXTRA_COUNTRY_NAMES: dict[str, list[str]] = {
    "SY": ["سورية"], "US": ["أمريكا", "أميركا", "واشنطن"], "PS": ["فلسطين"], "KP": ["كوريا الديمقراطية"],
}


@dataclass(frozen=True)
class LexiconEntry:
    entity_id: str
    kind: str  # name | adjective | demonym | seat
    place: str | None = None  # for a seat that is also a city: the city as a Place


@dataclass
class EntityRecord:
    id: str
    type: str
    name: str
    name_en: str | None
    country: str | None
    aliases: list[str] = field(default_factory=list)
    translit: str | None = None
    skeleton: str | None = None  # spelling-insensitive key of a person found by pattern


@dataclass
class Gazetteer:
    records: dict[str, EntityRecord]
    phrases: dict[tuple[str, ...], LexiconEntry]
    longest: int
    first_words: frozenset[str] = frozenset()
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first word → phrase lengths, longest first

    def __post_init__(self) -> None:
        self.first_words = frozenset(key[0] for key in self.phrases)
        by_first: dict[str, set[int]] = {}
        for key in self.phrases:
            by_first.setdefault(key[0], set()).add(len(key))
        self.lengths = {word: tuple(sorted(lengths, reverse=True)) for word, lengths in by_first.items()}

    def lookup(self, key: tuple[str, ...]) -> LexiconEntry | None:
        return self.phrases.get(key)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def adjective_forms(masculine: str) -> Iterator[str]:
    """Singular forms seen in news: روسي، روسية، الروسي، الروسية."""
    parts = masculine.split()
    for definite in (False, True):
        for feminine in (False, True):
            yield " ".join(("ال" if definite else "") + word + ("ة" if feminine else "") for word in parts)


@lru_cache(maxsize=8)
def generated(name: str) -> dict:
    """One generated gazetteer file (countries.json, cities.json, organizations.json), parsed once."""
    return json.loads((GENERATED / name).read_text(encoding="utf-8"))


_json = generated


def _common_words() -> set[str]:
    """Words of the extraction lexicon («دولة», «قمة», «وزير» …) are never city names."""
    from loader.extract import lexicon

    words: set[str] = set()
    for name in ("STOP_WORDS", "VERBS", "TITLE_HEADS", "TITLE_BODY", "ANAPHORIC", "FUTURE", "FUNCTION_WORDS"):
        words |= set(getattr(lexicon, name))
    words |= {key[0] for key in lexicon.TRIGGER_KEYS}
    return words


def _too_short_for_a_minor_city(name: str, city: dict) -> bool:
    """Short one-word names of smaller cities collide with ordinary words («دوله» = Dhule, India)."""
    return " " not in name and len(match_key(name)) <= 4 and not city["capital"] and city["population"] < 1_000_000


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    records: dict[str, EntityRecord] = {}
    phrases: dict[tuple[str, ...], LexiconEntry] = {}

    def add(text: str, entry: LexiconEntry, blocked: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        if match_key(text) in blocked:
            return
        key = phrase_key(text)
        if key and key not in phrases:  # first (most specific) writer wins
            phrases[key] = entry

    people = json.loads((DATA / "people.json").read_text(encoding="utf-8"))
    for person in people:  # full names first: «نور سلطان نزاربايف» before the city «نور سلطان»
        entity_id = f"person:{slug(person['en'])}"
        records[entity_id] = EntityRecord(entity_id, "Person", person["ar"], person["en"], person["country"],
                                          list(person["variants"]))
        for form in [person["ar"], *person["variants"], *person["short"]]:
            add(form, LexiconEntry(entity_id, "name"))

    cities = _json("cities.json")
    capital_places: dict[tuple[str, str], str] = {}
    for key, city in cities.items():
        entity_id = f"place:{key}"
        records[entity_id] = EntityRecord(entity_id, "Place", city["name"], city["name_en"], city["country"],
                                          list(city["aliases"]))
        if city["capital"]:
            capital_places[(city["country"], match_key(city["name"]))] = entity_id

    for arabic, name_en, code in PLACES:
        entity_id = f"place:{slug(name_en)}"
        record = records.setdefault(entity_id, EntityRecord(entity_id, "Place", arabic, name_en, code))
        if arabic != record.name and arabic not in record.aliases:
            record.aliases.append(arabic)
        add(arabic, LexiconEntry(entity_id, "name"))

    for code, country in _json("countries.json").items():
        entity_id = f"country:{code}"
        blocked = {match_key(name) for name in country["ambiguous_names"]}
        records[entity_id] = EntityRecord(entity_id, "Country", country["name"], country["name_en"], code,
                                          list(country["aliases"]))
        for name in [country["name"], *country["aliases"], *EXTRA_COUNTRY_NAMES.get(code, [])]:
            add(name, LexiconEntry(entity_id, "name"), blocked)
        for adjective in country["adjectives"]:
            for form in adjective_forms(adjective):
                add(form, LexiconEntry(entity_id, "adjective"), blocked)
        for plural in country["demonym_plurals"]:
            add(plural, LexiconEntry(entity_id, "demonym"), blocked)
        for seat in country["seats"]:
            place = capital_places.get((code, match_key(seat)))
            add(seat, LexiconEntry(entity_id, "seat", place), blocked)

    common = _common_words()
    for key, city in cities.items():
        blocked = {match_key(name) for name in city["ambiguous_names"]} | common
        for name in [city["name"], *city["aliases"]]:
            if _too_short_for_a_minor_city(name, city):
                continue
            add(name, LexiconEntry(f"place:{key}", "name"), blocked)

    for key, org in _json("organizations.json").items():
        entity_id = f"org:{key}"
        blocked = {match_key(name) for name in org["ambiguous_names"]}
        records[entity_id] = EntityRecord(entity_id, "Organization", org["name"], org["name_en"], org["country"],
                                          list(org["aliases"]))
        for name in [org["name"], *org["aliases"]]:
            add(name, LexiconEntry(entity_id, "name"), blocked)

    return Gazetteer(records, phrases, max(len(key) for key in phrases))
