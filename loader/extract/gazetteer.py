"""Name lists the extractor matches against: countries (from Babel's CLDR Arabic names), nationality
adjectives, seats of government used for the state, places, organisations and curated people.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from babel import Locale

from loader.extract.text import phrase_key

DATA = Path(__file__).parent / "data"

# CLDR territory codes that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK", "AC", "CP", "DG", "EA", "IC", "TA"}
# Country names that are ordinary words or other places too often to match bare.
_AMBIGUOUS_NAMES = {"OM": "عمان", "ML": "مالي", "BJ": "بنين"}

COUNTRY_ALIASES: dict[str, list[str]] = {
    "SY": ["سورية", "سوريا"],
    "GB": ["بريطانيا"],
    "US": ["أمريكا", "أميركا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية"],
    "AE": ["الإمارات"],
    "SA": ["السعودية"],
    "KP": ["كوريا الديمقراطية", "كوريا الشمالية"],
    "KR": ["كوريا الجنوبية"],
    "PS": ["فلسطين"],
    "RU": ["روسيا الاتحادية"],
    "OM": ["سلطنة عمان"],
    "NL": ["هولندا"],
    "CN": ["الصين"],
}

# Adjectives the suffix rule gets wrong (the rule covers most of the rest).
IRREGULAR_ADJECTIVES: dict[str, list[str]] = {
    "US": ["أمريكي", "أميركي"],
    "GB": ["بريطاني"],
    "AE": ["إماراتي"],
    "SA": ["سعودي"],
    "AT": ["نمساوي"],
    "AZ": ["أذري", "أذربيجاني"],
    "AF": ["أفغاني"],
    "TJ": ["طاجيكي"],
    "UZ": ["أوزبكي"],
    "KZ": ["كازاخستاني", "كازاخي"],
    "PS": ["فلسطيني"],
    "KP": ["كوري شمالي"],
    "KR": ["كوري جنوبي"],
    "SY": ["سوري"],
}

# Seats of government and capitals that news uses for the state itself («أجرت موسكو مشاورات»).
SEATS: dict[str, str] = {
    "موسكو": "RU", "الكرملين": "RU", "أوسلو": "NO", "دمشق": "SY", "أنقرة": "TR", "طهران": "IR",
    "باريس": "FR", "الإليزيه": "FR", "برلين": "DE", "لندن": "GB", "واشنطن": "US",
    "البيت الأبيض": "US", "البنتاغون": "US", "الرياض": "SA", "القاهرة": "EG", "بكين": "CN",
    "بيروت": "LB", "بغداد": "IQ", "الدوحة": "QA", "أبوظبي": "AE", "أبو ظبي": "AE",
}

# Venues and cities where meetings happen: (Arabic, English, ISO country).
PLACES: list[tuple[str, str, str]] = [
    ("سوتشي", "Sochi", "RU"), ("جنيف", "Geneva", "CH"), ("أستانا", "Astana", "KZ"),
    ("أستانة", "Astana", "KZ"), ("الآستانة", "Astana", "KZ"), ("عمان", "Amman", "JO"),
    ("فيينا", "Vienna", "AT"), ("نيويورك", "New York", "US"), ("ميونخ", "Munich", "DE"),
    ("دافوس", "Davos", "CH"), ("إسطنبول", "Istanbul", "TR"), ("اسطنبول", "Istanbul", "TR"),
    ("جدة", "Jeddah", "SA"), ("شرم الشيخ", "Sharm el-Sheikh", "EG"), ("بروكسل", "Brussels", "BE"),
    ("الظهران", "Dhahran", "SA"), ("سنغافورة", "Singapore", "SG"), ("هلسنكي", "Helsinki", "FI"),
]

ORGANIZATIONS: list[tuple[str, str, list[str]]] = [
    ("الأمم المتحدة", "United Nations", ["منظمة الأمم المتحدة"]),
    ("مجلس الأمن", "UN Security Council", ["مجلس الأمن الدولي"]),
    ("جامعة الدول العربية", "Arab League", ["الجامعة العربية"]),
    ("الاتحاد الأوروبي", "European Union", []),
    ("حلف شمال الأطلسي", "NATO", ["الناتو", "حلف الناتو"]),
    ("الاتحاد الأفريقي", "African Union", ["الاتحاد الإفريقي"]),
    ("مجلس التعاون الخليجي", "Gulf Cooperation Council", ["مجلس التعاون لدول الخليج العربية"]),
    ("منظمة التعاون الإسلامي", "Organisation of Islamic Cooperation", []),
]


@dataclass(frozen=True)
class LexiconEntry:
    entity_id: str
    kind: str  # "name" (the entity itself), "adjective" (nationality), "seat" (capital used for the state)


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

    def __post_init__(self) -> None:
        self.first_words = frozenset(key[0] for key in self.phrases)

    def lookup(self, key: tuple[str, ...]) -> LexiconEntry | None:
        return self.phrases.get(key)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def nisba(name: str) -> str | None:
    """Masculine nationality adjective from a one-word country name (روسيا → روسي)."""
    stem = name[2:] if name.startswith("ال") else name
    if " " in stem:
        return None
    if stem.endswith("يا") or stem.endswith("ية"):
        return stem[:-1]
    if stem.endswith("ا") or stem.endswith("ة"):
        return stem[:-1] + "ي"
    if stem.endswith("ي"):
        return stem
    return stem + "ي"


def adjective_forms(masculine: str) -> Iterator[str]:
    """Singular forms seen in news: روسي، روسية، الروسي، الروسية."""
    parts = masculine.split()
    for definite in (False, True):
        for feminine in (False, True):
            words = [("ال" if definite else "") + word + ("ة" if feminine else "") for word in parts]
            yield " ".join(words)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    records: dict[str, EntityRecord] = {}
    phrases: dict[tuple[str, ...], LexiconEntry] = {}

    def add(text: str, entity_id: str, kind: str) -> None:
        key = phrase_key(text)
        if key and key not in phrases:  # first (most specific) writer wins
            phrases[key] = LexiconEntry(entity_id, kind)

    english = Locale("en").territories
    for code, name in Locale("ar").territories.items():
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
            continue
        entity_id = f"country:{code}"
        records[entity_id] = EntityRecord(entity_id, "Country", name, english.get(code), code,
                                          list(COUNTRY_ALIASES.get(code, [])))
    for entity_id, record in records.items():
        code = record.country or ""
        if _AMBIGUOUS_NAMES.get(code) != record.name:
            add(record.name, entity_id, "name")
        for alias in COUNTRY_ALIASES.get(code, []):
            add(alias, entity_id, "name")
        adjectives = IRREGULAR_ADJECTIVES.get(code) or [a for a in [nisba(record.name)] if a]
        if code in _AMBIGUOUS_NAMES:
            adjectives = IRREGULAR_ADJECTIVES.get(code, [])
        for adjective in adjectives:
            for form in adjective_forms(adjective):
                add(form, entity_id, "adjective")
    for seat, code in SEATS.items():
        add(seat, f"country:{code}", "seat")

    for arabic, name_en, code in PLACES:
        entity_id = f"place:{slug(name_en)}"
        record = records.setdefault(entity_id, EntityRecord(entity_id, "Place", arabic, name_en, code))
        if arabic != record.name:
            record.aliases.append(arabic)
        add(arabic, entity_id, "name")

    for arabic, name_en, aliases in ORGANIZATIONS:
        entity_id = f"org:{slug(name_en)}"
        records[entity_id] = EntityRecord(entity_id, "Organization", arabic, name_en, None, list(aliases))
        for form in [arabic, *aliases]:
            add(form, entity_id, "name")

    for person in json.loads((DATA / "people.json").read_text(encoding="utf-8")):
        entity_id = f"person:{slug(person['en'])}"
        variants = person["variants"] + person["short"]
        records[entity_id] = EntityRecord(entity_id, "Person", person["ar"], person["en"],
                                          person["country"], list(person["variants"]))
        for form in [person["ar"], *variants]:
            add(form, entity_id, "name")

    return Gazetteer(records, phrases, max(len(key) for key in phrases))
