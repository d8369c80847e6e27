"""Arabic date expressions in news sentences, resolved against the publication date.

`find_dates(text, published)` returns every date expression of a sentence with its character
offsets in the original text:

* relative days: «أمس», «اليوم», «أول من أمس», «غدا», «بعد غد», «الليلة الماضية», «صباح أمس»,
  «يوم الخميس», «الخميس الماضي», «الأحد المقبل»; weeks, months and years: «الأسبوع الماضي»,
  «الشهر المقبل», «العام الماضي», «شباط الماضي», «رمضان المقبل»;
* absolute dates: «الثاني من شباط», «2 شباط/فبراير 2018», «14 يونيو (حزيران)», «2018-02-03»,
  «3/2/2018», «في مارس 2018», «عام 2018», Hijri «15 رمضان 1436 هـ» and «1436هـ».

Gregorian month names come from Babel's CLDR tables for every ``ar_*`` locale (Levantine, Egyptian/Gulf,
Maghreb and Moroccan names); Hijri months are listed by hand and converted with `hijridate`
(Umm al-Qura calendar). Matching works on a folded copy of the text (camel-tools normalisation:
NFKC, no diacritics or tatweel, one alef, ى→ي, ة→ه, Arabic-Indic digits → ASCII) whose characters
map back to the original, so offsets always point into the text as given.

A day and month without a year take the year that puts the date closest to the publication date
(or the latest earlier / earliest later one with «الماضي» / «المقبل»); like every expression that
needs the publication date to resolve, such a match has ``relative=True`` and is omitted when the
publication date is unknown.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from babel import Locale, localedata
from hijridate import Gregorian, Hijri

from loader.extract.text import FOLD_TABLE, fold, strip_conjunction

__all__ = ["DateMatch", "find_dates"]

Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class DateMatch:
    value: datetime.date  # the resolved day (first day of the month / year for coarser precisions)
    start: int  # character offsets of the expression inside the given text
    end: int
    text: str  # text[start:end]
    precision: Precision
    relative: bool  # resolved against the publication date (أمس, الخميس, شباط الماضي, 2 فبراير without a year…)
    # A weekday alone («الاثنين»), resolved to the latest such day up to publication; of a plan it means the next.
    bare_weekday: bool = False

    def planned_day(self, published: datetime.date | None) -> datetime.date:
        """The day meant when the sentence tells a plan: for a bare weekday before publication, the next one
        («من المقرر أن يلتقيا الاثنين»)."""
        if self.bare_weekday and published is not None and self.value < published:
            return self.value + datetime.timedelta(days=7)
        return self.value


# ---------------------------------------------------------------------------------------------
# Folding: a per-character map built once from camel-tools' normalisers, so that offsets in the
# folded key map back to the original text.

# The text layer's fold table; here only: which characters change length when folded (offsets shift).
_FOLD = FOLD_TABLE
_RESIZING = re.compile("[" + re.escape("".join(sorted(
    chr(code) for code, folded in FOLD_TABLE.items() if len(folded) != 1))) + "]")
_fold = fold


def _fold_words(phrase: str) -> tuple[str, ...]:
    return tuple(_fold(phrase).split())


def _positions(text: str) -> list[int]:
    """Original index of each folded character, plus len(text) at the end."""
    positions: list[int] = []
    done = 0
    for match in _RESIZING.finditer(text):
        index = match.start()
        positions.extend(range(done, index))
        positions.extend([index] * len(_FOLD[ord(match.group())]))
        done = index + 1
    positions.extend(range(done, len(text) + 1))
    return positions


# ---------------------------------------------------------------------------------------------
# Lexicon

GREGORIAN, HIJRI = "g", "h"

# Month spellings that CLDR lacks: Egyptian يونيه/يوليه, Iraqi مايس.
_EXTRA_GREGORIAN_MONTHS = {"يونيه": 6, "يوليه": 7, "مايس": 5}
_HIJRI_MONTHS = {
    "محرم": 1, "المحرم": 1, "صفر": 2,
    "ربيع الأول": 3, "ربيع أول": 3, "ربيع الآخر": 4, "ربيع الثاني": 4, "ربيع ثاني": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5,
    "جمادى الآخرة": 6, "جمادى الثانية": 6, "جمادى الآخر": 6, "جمادى الثاني": 6,
    "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}
# Month names that are also common words or names («أب» father, «ماي», «صفر» zero, «رجب طيب
# أردوغان»): months only next to a day number/ordinal or a year («ماي» only after a day).
_WEAK_MONTHS = {"آب", "ماي", "محرم", "المحرم", "صفر", "رجب", "شعبان"}
_WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
             "السبت": 5, "الأحد": 6}
_ORDINALS = {  # word → (day when alone, unit in «… عشر» / «… والعشرين» / «… والثلاثين»)
    "الأول": (1, None), "الحادي": (None, 1), "الواحد": (None, 1), "الثاني": (2, 2), "الثالث": (3, 3),
    "الرابع": (4, 4), "الخامس": (5, 5), "السادس": (6, 6), "السابع": (7, 7), "الثامن": (8, 8),
    "التاسع": (9, 9), "العاشر": (10, None), "العشرين": (20, None), "الثلاثين": (30, None),
    "العشرون": (20, None), "الثلاثون": (30, None),
}
_TENS = {"عشر": 10, "والعشرين": 20, "والثلاثين": 30, "والعشرون": 20, "والثلاثون": 30}
_MODIFIERS = {
    # Not «السابق»: «الشهر السابق» is usually the month before another date, not before the report.
    "past": ["الماضي", "الماضية", "الفائت", "الفائتة", "المنصرم", "المنصرمة"],
    "next": ["المقبل", "المقبلة", "القادم", "القادمة"],
    "current": ["الجاري", "الجارية", "الحالي", "الحالية"],
}
_RELATIVE_WORDS = {"أمس": "yesterday", "الأمس": "yesterday", "اليوم": "today", "غدا": "tomorrow",
                   "غد": "ghad", "الغد": "ghad", "الليلة": "tonight"}
_UNITS = {"الأسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year"}
_YEAR_CUES = ["عام", "العام", "سنة", "السنة"]
_TIMES_OF_DAY = ["صباح", "صبيحة", "مساء", "ظهر", "ظهيرة", "عصر", "فجر", "ليل", "ليلة", "ضحى"]
_HIJRI_MARKS = {"ه", "هجري", "هجرية", "للهجرة"}
_GREGORIAN_MARKS = {"ميلادي", "ميلادية", "للميلاد"}
# «اليوم» that is not today: a name («روسيا اليوم», «المصري اليوم», «صحيفة اليوم»), «ذلك اليوم», or
# a day described by what follows («اليوم التالي», «اليوم الوطني», «اليوم الذي»).
_NOT_TODAY_BEFORE = ["روسيا", "المصري", "أخبار", "صحيفة", "جريدة", "ذلك", "تلك", "نفس"]
_NOT_TODAY_AFTER = ["التالي", "السابق", "الأخير", "نفسه", "ذاته", "الذي", "الموعود", "الوطني", "العالمي",
                    "الدولي", "المفتوح", "السابع", *_ORDINALS]
# Definite words after which an ordinal is still a day: «اليوم الأول من», «الموافق الثاني من».
_BEFORE_ORDINAL_DAY = ["اليوم", "الموافق"]
# «قوى 14 آذار», «ثورة 25 يناير», «حركة 6 أبريل»: names of movements, not dates of the report.
_NAMED_EVENT_BEFORE = ["قوى", "تيار", "ثورة", "حركة", "تحالف", "انتفاضة", "شباب", "حراك", "فريق"]
# Words that may take the proclitics و/ف/ب/ل (with ل+ال written لل).
_PROCLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
_CLITIC_KINDS = {"rel", "wd", "mon", "mhead", "ord", "unit", "ycue", "tod", "yawm", "shahr", "baad", "awwal", "this"}
_TRIGGER_KINDS = {"rel", "wd", "mon", "mhead", "unit", "ycue"}


@lru_cache(maxsize=1)
def _gregorian_months() -> dict[tuple[str, ...], int]:
    """Folded month name (as words) → month number, from every Arabic locale in CLDR."""
    months: dict[tuple[str, ...], int] = {}
    for identifier in localedata.locale_identifiers():
        if identifier != "ar" and not identifier.startswith("ar_"):
            continue
        table = Locale.parse(identifier).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in table[context][width].items():
                    months.setdefault(_fold_words(name), number)
    for name, number in _EXTRA_GREGORIAN_MONTHS.items():
        months.setdefault(_fold_words(name), number)
    return months


class _Lexicon(NamedTuple):
    words: dict[str, tuple]  # folded word → (kind, value)
    weak_months: frozenset[str]
    modifiers: dict[str, str]
    tens: dict[str, int]
    not_today_before: frozenset[str]
    not_today_after: frozenset[str]
    named_event_before: frozenset[str]
    before_ordinal_day: frozenset[str]
    hijri_marks: frozenset[str]
    gregorian_marks: frozenset[str]


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(_fold(word) for word in words)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    words: dict[str, tuple] = {}
    heads: dict[str, dict[str, tuple[str, int]]] = {}
    months = [(GREGORIAN, key, number) for key, number in _gregorian_months().items()]
    months += [(HIJRI, _fold_words(name), number) for name, number in _HIJRI_MONTHS.items()]
    for calendar, key, number in months:
        if len(key) == 1:
            words.setdefault(key[0], ("mon", (calendar, number)))
        elif len(key) == 2:
            heads.setdefault(key[0], {})[key[1]] = (calendar, number)
    for head, tails in heads.items():
        words.setdefault(head, ("mhead", tails))
    for name, weekday in _WEEKDAYS.items():
        words[_fold(name)] = ("wd", weekday)
    for name, ordinal in _ORDINALS.items():
        words[_fold(name)] = ("ord", ordinal)
    for name, kind in _RELATIVE_WORDS.items():
        words[_fold(name)] = ("rel", kind)
    for name in _YEAR_CUES:
        words[_fold(name)] = ("ycue", None)
    for name, unit in _UNITS.items():  # «العام» is both a unit and a year cue: units check for a year
        words[_fold(name)] = ("unit", unit)
    for name in _TIMES_OF_DAY:
        words[_fold(name)] = ("tod", None)
    words.update({"يوم": ("yawm", None), "شهر": ("shahr", None), "بعد": ("baad", None),
                  "اول": ("awwal", None), "هذا": ("this", None), "هذه": ("this", None)})
    return _Lexicon(
        words=words,
        weak_months=_keys(_WEAK_MONTHS),
        modifiers={_fold(word): kind for kind, forms in _MODIFIERS.items() for word in forms},
        tens={_fold(word): tens for word, tens in _TENS.items()},
        not_today_before=_keys(_NOT_TODAY_BEFORE),
        not_today_after=_keys(_NOT_TODAY_AFTER),
        named_event_before=_keys(_NAMED_EVENT_BEFORE),
        before_ordinal_day=_keys(_BEFORE_ORDINAL_DAY),
        hijri_marks=_keys(_HIJRI_MARKS),
        gregorian_marks=_keys(_GREGORIAN_MARKS),
    )


_LEX = _lexicon()
_WORDS = _LEX.words
_NUMBER = ("num", None)


@lru_cache(maxsize=1)
def _surface_forms() -> dict[str, tuple]:
    """Every written form of the lexicon's words, proclitics included → (kind, value).

    The whole word comes first; a proclitic split is kept only for kinds that take proclitics and
    when at least three letters remain («باب» is not ب + آب)."""
    forms = dict(_WORDS)
    for word, found in _WORDS.items():
        if found[0] not in _CLITIC_KINDS:
            continue
        if len(word) >= 3:
            for prefix in _PROCLITICS:
                forms.setdefault(prefix + word, found)
        if word.startswith("ال"):  # ل + ال is written لل
            for prefix in ("لل", "ولل", "فلل"):
                forms.setdefault(prefix + word[2:], found)
    return forms


_SURFACE = _surface_forms()


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly `words`, factored as a trie (fast to scan with `re`)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


# Any word that can anchor a date expression, proclitics included: sentences without one (and
# without a date-like number) are dismissed by this one scan.
_TRIGGER_SCAN = re.compile(
    r"\b(?:" + _trie_pattern(word for word, found in _SURFACE.items() if found[0] in _TRIGGER_KINDS) + r")\b")


_strip = strip_conjunction


# ---------------------------------------------------------------------------------------------
# Calendars

_GREGORIAN_YEARS = range(1900, 2101)
_HIJRI_YEARS = range(1343, 1501)  # what hijridate's Umm al-Qura tables cover


def _make_date(calendar: str, year: int, month: int, day: int) -> datetime.date | None:
    try:
        if calendar == GREGORIAN:
            return datetime.date(year, month, day)
        converted = Hijri(year, month, day).to_gregorian()
        return datetime.date(converted.year, converted.month, converted.day)
    except (ValueError, OverflowError):
        return None


def _calendar_year_month(calendar: str, published: datetime.date) -> tuple[int, int]:
    """Year and month of the publication date in `calendar` (OverflowError outside hijridate's range)."""
    if calendar == GREGORIAN:
        return published.year, published.month
    hijri = Gregorian(published.year, published.month, published.day).to_hijri()
    return hijri.year, hijri.month


def _infer_day(calendar: str, month: int, day: int, modifier: str | None,
               published: datetime.date) -> datetime.date | None:
    """The day/month in the year closest to the publication (or before/after it with a modifier)."""
    year, _ = _calendar_year_month(calendar, published)
    candidates = [d for y in (year - 1, year, year + 1) if (d := _make_date(calendar, y, month, day))]
    if modifier == "past":
        earlier = [d for d in candidates if d < published]
        return max(earlier) if earlier else None
    if modifier == "next":
        later = [d for d in candidates if d > published]
        return min(later) if later else None
    if not candidates:
        return None
    return min(candidates, key=lambda d: (abs((d - published).days), d > published))


def _infer_month(calendar: str, month: int, modifier: str, published: datetime.date) -> datetime.date | None:
    year, current = _calendar_year_month(calendar, published)
    if modifier == "past":
        year = year if month < current else year - 1
    elif modifier == "next":
        year = year if month > current else year + 1
    return _make_date(calendar, year, month, 1)


def _shift_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


# ---------------------------------------------------------------------------------------------
# Parsing over tokens of the folded sentence

# Arabic letters first: an explicit range is much faster for `re` than the Unicode class.
_TOKEN = re.compile(r"[\u0621-\u064a\u066e-\u06d3]+|\d+|[^\W\d_]+|[^\w\s]")
_DIGIT = re.compile(r"[0-9]")
# Numbers that can be dates without any date word: «2018-02-03», «3/2/2018», «1436هـ», «2018م».
_NUMERIC_SCAN = re.compile(r"[0-9](?: ?[-–—/.] ?[0-9]|[0-9]{3} ?(?:ه|م(?![^\W\d_])|هجري|ميلادي))")
_NUMERIC_SEPARATORS = {"-": "-", "–": "-", "—": "-", "/": "/", ".": "."}


class _Hit(NamedTuple):
    start: int  # token indices, end exclusive
    end: int
    value: datetime.date | None  # None: a date that cannot be resolved (no publication date)
    precision: Precision
    relative: bool
    bare_weekday: bool = False


class _Parser:
    def __init__(self, text: str, key: str, published: datetime.date | None) -> None:
        self.text = text
        self.key_text = key
        self.keys = keys = _TOKEN.findall(key)
        self.count = len(keys)
        self.kinds = kinds = list(map(_SURFACE.get, keys))
        if _DIGIT.search(key) is not None:
            for i, token in enumerate(keys):
                if token.isdecimal():
                    kinds[i] = _NUMBER
        self.published = published
        self.starts: list[int] = []  # offsets of the tokens in `key`, found when first needed
        self.cursor = 0
        self.resized = _RESIZING.search(text) is not None  # folded offsets differ from the text's
        self.positions: list[int] | None = None

    # -- small helpers -----------------------------------------------------------------------
    def key(self, i: int) -> str:
        return self.keys[i] if 0 <= i < self.count else ""

    def kind(self, i: int) -> tuple | None:
        return self.kinds[i] if 0 <= i < self.count else None

    def is_kind(self, i: int, *kinds: str) -> bool:
        found = self.kind(i)
        return found is not None and found[0] in kinds

    def start(self, i: int) -> int:
        """Offset of token i in the folded text."""
        starts = self.starts
        if len(starts) <= i:
            find, cursor, append = self.key_text.find, self.cursor, starts.append
            for token in self.keys[len(starts):i + 1]:
                cursor = find(token, cursor)
                append(cursor)
                cursor += len(token)
            self.cursor = cursor
        return starts[i]

    def end(self, i: int) -> int:
        return self.start(i) + len(self.keys[i])

    def adjacent(self, i: int) -> bool:
        """Token i+1 follows token i with nothing in between."""
        return i + 1 < self.count and self.end(i) == self.start(i + 1)

    def offsets(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the folded characters start…end-1."""
        if not self.resized:
            return start, end
        if self.positions is None:
            self.positions = _positions(self.text)
        return self.positions[start], self.positions[end]

    def original(self, i: int) -> str:
        start, end = self.offsets(self.start(i), self.end(i))
        return self.text[start:end]

    def modifier(self, i: int) -> str | None:
        return _LEX.modifiers.get(self.key(i))

    def modifier_phrase(self, i: int) -> tuple[str | None, int, int]:
        """(modifier, extra steps, index after it): «الماضي» (past, 0), «قبل الماضي» (past, 1),
        «بعد المقبل» (next, 1)."""
        modifier = self.modifier(i)
        if modifier is not None:
            return modifier, 0, i + 1
        further = self.modifier(i + 1)
        if (self.key(i), further) in (("قبل", "past"), ("بعد", "next")):
            return further, 1, i + 2
        return None, 0, i

    def relative(self, start: int, end: int, compute, precision: Precision = "day") -> _Hit:
        """A match resolved by `compute(published)`; unresolved (but consumed) without a publication date."""
        value = None
        if self.published is not None:
            try:
                value = compute(self.published)
            except (ValueError, OverflowError):  # beyond the calendars' ranges
                value = None
        return _Hit(start, end, value, precision, True)

    # -- entry point -------------------------------------------------------------------------
    def run(self) -> list[_Hit]:
        hits = []
        kinds = self.kinds
        i, count = 0, self.count
        while i < count:
            kind = kinds[i]
            hit = None if kind is None else self.at(i, kind[0])
            if hit is None:
                i += 1
            else:
                hits.append(hit)
                i = hit.end
        return hits

    def at(self, i: int, kind: str) -> _Hit | None:
        if kind == "num":
            return self.numeric(i)
        if kind in ("tod", "yawm"):
            return self.anchored(i)
        if kind == "shahr":
            hit = self.month_only(i + 1)
            return hit._replace(start=i) if hit else None
        if kind in ("mon", "mhead"):
            return self.month_only(i)
        if kind == "unit":
            return self.unit(i)
        if kind == "ycue":
            return self.year_cue(i)
        if kind == "this":
            return self.this(i)
        return self.day_like(i, anchored=False)

    def day_like(self, i: int, anchored: bool) -> _Hit | None:
        """Expressions naming one day (what «يوم» or «صباح» may precede)."""
        found = self.kind(i)
        if found is None:
            return None
        kind, value = found
        if kind == "num":
            return self.numeric(i)
        if kind == "rel":
            return self.relative_word(i, value, anchored)
        if kind == "wd":
            return self.weekday(i, value)
        if kind == "ord":
            return self.ordinal_date(i)
        if kind == "awwal":  # أول أمس، أول من أمس
            j = i + 2 if self.key(i + 1) == "من" else i + 1
            if self.is_kind(j, "rel") and self.kind(j)[1] == "yesterday":
                return self.relative(i, j + 1, lambda p: p - datetime.timedelta(days=2))
            return None
        if kind == "baad" and self.is_kind(i + 1, "rel") and self.kind(i + 1)[1] in ("ghad", "tomorrow"):
            return self.relative(i, i + 2, lambda p: p + datetime.timedelta(days=2))
        return None

    def anchored(self, i: int) -> _Hit | None:
        """«صباح أمس», «مساء يوم الخميس», «يوم 2 فبراير»: the anchor joins the day expression."""
        j = i + 1
        if self.is_kind(i, "tod") and self.is_kind(j, "yawm"):
            j += 1
        hit = self.day_like(j, anchored=True)
        if hit is None or hit.precision != "day" or hit.start != j:
            return None
        return hit._replace(start=i)

    # -- relative days -----------------------------------------------------------------------
    def relative_word(self, i: int, word: str, anchored: bool) -> _Hit | None:
        days = datetime.timedelta
        if word == "yesterday":
            if self.key(i + 1) == "الاول":  # أمس الأول
                return self.relative(i, self.named_day(i + 2), lambda p: p - days(2))
            return self.relative(i, self.named_day(i + 1), lambda p: p - days(1))
        if word == "today":
            if _strip(self.key(i - 1)) in _LEX.not_today_before or self.key(i + 1) in _LEX.not_today_after:
                return None
            return self.relative(i, self.named_day(i + 1), lambda p: p)
        if word == "tomorrow":
            return self.relative(i, self.named_day(i + 1), lambda p: p + days(1))
        if word == "ghad":  # bare «غد»/«الغد» is also "the future" and a newspaper's name
            return self.relative(i, self.named_day(i + 1), lambda p: p + days(1)) if anchored else None
        if word == "tonight":
            if self.modifier(i + 1) == "past":  # الليلة الماضية
                return self.relative(i, i + 2, lambda p: p - days(1))
            # Alone, «الليلة» is as often "the night" («طيلة الليلة») as "tonight": only «الليلة الاثنين».
            if self.named_day(i + 1) == i + 2:
                return self.relative(i, i + 2, lambda p: p)
        return None

    def named_day(self, j: int) -> int:
        """End of «أمس»/«اليوم»/«غدا» including the weekday naming it: «أمس الأربعاء», «غدا الأحد»."""
        found = self.kind(j)
        return j + 1 if found is not None and found[0] == "wd" and self.keys[j].startswith("ال") else j

    def weekday(self, i: int, weekday: int) -> _Hit | None:
        # «الخميس 1 فبراير 2018», «الخميس الأول من فبراير», «الجمعة الموافق 23/9/1436هـ»: the date wins.
        j = i + 2 if self.key(i + 1) == "الموافق" else i + 1
        hit = self.numeric(j) if self.key(j).isdecimal() else (
            self.ordinal_date(j) if self.is_kind(j, "ord") else None)
        if hit is not None and hit.precision == "day":
            return hit._replace(start=i)
        if _strip(self.key(i - 1)) == "كلا":  # «كلا الاثنين»: both
            return None
        modifier, extra, end = self.modifier_phrase(i + 1)
        days = datetime.timedelta

        def resolve(published: datetime.date) -> datetime.date:
            if modifier == "next":
                return published + days(((weekday - published.weekday()) % 7 or 7) + 7 * extra)
            back = (published.weekday() - weekday) % 7
            if modifier == "past":
                back = (back or 7) + 7 * extra
            return published - days(back)

        return self.relative(i, end, resolve)._replace(bare_weekday=modifier is None)

    def unit(self, i: int) -> _Hit | None:
        """«الأسبوع الماضي», «الشهر المقبل», «العام الماضي», «العام الجاري»; «العام 2018»."""
        unit = self.kinds[i][1]
        if unit == "year" and self.key(i + 1).isdecimal():
            return self.year_cue(i)
        modifier, extra, end = self.modifier_phrase(i + 1)
        if modifier is None:
            return None
        # «الأمين العام الماضي»-like phrases: «العام» after a definite noun is "general".
        if self.keys[i] in ("العام", "والعام") and _strip(self.key(i - 1)).startswith(("ال", "بال", "لل")):
            return None
        return self.unit_hit(i, end, unit, modifier, extra)

    def this(self, i: int) -> _Hit | None:
        """«هذا الأسبوع», «هذا الشهر», «هذا العام», «هذه السنة»."""
        if not self.is_kind(i + 1, "unit"):
            return None
        return self.unit_hit(i, i + 2, self.kinds[i + 1][1], "current")

    def unit_hit(self, start: int, end: int, unit: str, modifier: str, extra: int = 0) -> _Hit:
        step = {"past": -1, "next": 1, "current": 0}[modifier] * (1 + extra)
        if unit == "week":  # no week precision: the same weekday one week away
            return self.relative(start, end, lambda p: p + datetime.timedelta(days=7 * step))
        if unit == "month":
            return self.relative(start, end, lambda p: _shift_month(p, step), "month")
        return self.relative(start, end, lambda p: datetime.date(p.year + step, 1, 1), "year")

    # -- absolute dates ----------------------------------------------------------------------
    def month(self, i: int) -> tuple[str, int, str, int] | None:
        """(calendar, month, folded name, index after the name) of a month name at token i."""
        found = self.kind(i)
        if found is None:
            return None
        if found[0] == "mon":
            return found[1][0], found[1][1], self.keys[i], i + 1
        if found[0] == "mhead":
            tail = found[1].get(self.key(i + 1))
            if tail is not None:
                return tail[0], tail[1], self.keys[i] + " " + self.keys[i + 1], i + 2
        return None

    def alternative_month(self, j: int, month: int) -> int:
        """Skip «/فبراير», «(حزيران)» or « آب» naming the same month again."""
        other = self.month(j)
        if other is not None and other[1] == month:
            return other[3]
        if self.key(j) == "/":
            other = self.month(j + 1)
            if other is not None and other[1] == month:
                return other[3]
        if self.key(j) == "(":
            other = self.month(j + 1)
            if other is not None and other[1] == month and self.key(other[3]) == ")":
                return other[3] + 1
        return j

    def year(self, j: int, calendar: str | None) -> tuple[str, int, int] | None:
        """(calendar, year, index after it) for a year number at token j, with its era marks."""
        key = self.key(j)
        if not (key.isdecimal() and len(key) == 4):
            return None
        year = int(key)
        after = self.key(j + 1)
        if after in _LEX.hijri_marks:
            if calendar in (None, HIJRI) and year in _HIJRI_YEARS:
                return HIJRI, year, j + 2
            return None
        if calendar == HIJRI:
            return (HIJRI, year, j + 1) if year in _HIJRI_YEARS else None
        if year not in _GREGORIAN_YEARS:
            return None
        if (after == "م" and self.adjacent(j)) or after in _LEX.gregorian_marks:
            return GREGORIAN, year, j + 2
        return GREGORIAN, year, j + 1

    def year_phrase(self, j: int, calendar: str) -> tuple[str, int, int] | None:
        """A year after a month: «2018», «عام 2018», «من عام 2018», «من العام 2018»."""
        found = self.year(j, calendar)
        if found is None and self.key(j) in ("من", "عام", "العام"):
            k = j + 1 if self.key(j) == "من" else j
            if self.key(k) in ("عام", "العام"):
                found = self.year(k + 1, calendar)
        return found

    def numeric(self, i: int) -> _Hit | None:
        numeric = self.numeric_date(i)
        if numeric is not None:
            return numeric
        key = self.keys[i]
        if len(key) <= 2 and 1 <= int(key) <= 31:
            j = i + 2 if self.key(i + 1) == "من" else i + 1
            if _strip(self.key(i - 1)) not in _LEX.named_event_before:
                hit = self.day_month(i, int(key), j)
                if hit is not None:
                    return hit
        # A year alone only with its era mark: «1436هـ», «1436 هجرية», «2018م».
        year = self.year(i, None)
        if year is not None and year[2] == i + 2:
            calendar, number, end = year
            return _Hit(i, end, _make_date(calendar, number, 1, 1), "year", False)
        return None

    def numeric_date(self, i: int) -> _Hit | None:
        """«2018-02-03», «3/2/2018» (day/month/year), «03.02.2018», Saudi «23/ 9/ 1436هـ»."""
        if i + 4 >= self.count:
            return None
        keys = self.keys
        separator = _NUMERIC_SEPARATORS.get(keys[i + 1])
        if (separator is None or _NUMERIC_SEPARATORS.get(keys[i + 3]) != separator
                or not (keys[i + 2].isdecimal() and keys[i + 4].isdecimal())):
            return None
        if separator == "." and not all(self.adjacent(k) for k in range(i, i + 4)):
            return None  # «… 3. 2. …»: sentence ends, not a date
        if _NUMERIC_SEPARATORS.get(self.key(i + 5)) == separator and self.key(i + 6).isdecimal():
            return None  # 1/2/2018/5: a code, not a date
        first, middle, last = keys[i], keys[i + 2], keys[i + 4]
        if len(first) == 4 and len(middle) <= 2 and len(last) <= 2:
            year, month, day = int(first), int(middle), int(last)
        elif len(last) == 4 and len(first) <= 2 and len(middle) <= 2:
            day, month, year = int(first), int(middle), int(last)
        else:
            return None
        calendar = GREGORIAN if year in _GREGORIAN_YEARS else HIJRI if year in _HIJRI_YEARS else None
        value = _make_date(calendar, year, month, day) if calendar else None
        if value is None:
            return None
        end = i + 5
        after = self.key(end)
        if calendar == HIJRI:
            marked = after in _LEX.hijri_marks
        else:
            marked = (after == "م" and self.adjacent(i + 4)) or after in _LEX.gregorian_marks
        end += marked
        return _Hit(i, end, value, "day", False)

    def ordinal(self, i: int) -> tuple[int, int] | None:
        """(day, index after it) for «الثاني», «الحادي عشر», «الخامس والعشرين», «الثلاثين»."""
        alone, unit = self.kinds[i][1]
        tens = _LEX.tens.get(self.key(i + 1))
        if unit is not None and tens is not None:
            return unit + tens, i + 2
        if alone is not None:
            return alone, i + 1
        return None

    def ordinal_date(self, i: int) -> _Hit | None:
        previous = self.key(i - 1)
        # «الأسبوع الثاني من شباط», «النصف الأول من آذار»: an ordinal after a definite noun is its adjective.
        if (_strip(previous).startswith(("ال", "بال", "لل")) and not self.is_kind(i - 1, "wd")
                and _strip(previous) not in _LEX.before_ordinal_day):
            return None
        found = self.ordinal(i)
        if found is None:
            return None
        day, j = found
        if self.key(j) == "من":
            j += 1
        return self.day_month(i, day, j)

    def day_month(self, i: int, day: int, j: int) -> _Hit | None:
        """Day (tokens i…j-1) + month name at j + optional second name, year or modifier."""
        if self.is_kind(j, "shahr"):  # «التاسع من شهر رمضان»
            j += 1
        month = self.month(j)
        if month is None:
            return None
        calendar, number, _, j = month
        j = self.alternative_month(j, number)
        year = self.year_phrase(j, calendar)
        if year is not None and year[0] == calendar:
            value = _make_date(calendar, year[1], number, day)
            return _Hit(i, year[2], value, "day", False) if value else None
        modifier = self.modifier(j)
        end = j + 1 if modifier else j
        hit = self.relative(i, end, lambda p: _infer_day(calendar, number, day, modifier, p))
        return hit if hit.value is not None or self.published is None else None  # «30 شباط»: no such day

    def month_only(self, i: int) -> _Hit | None:
        """«مارس 2018», «رمضان 1436 هـ» (precision month); «شباط الماضي», «رمضان المقبل» (relative)."""
        month = self.month(i)
        if month is None:
            return None
        calendar, number, name, j = month
        if name == "ماي":  # «تيريزا ماي 2017»: «ماي» is a month only after a day number
            return None
        j = self.alternative_month(j, number)
        year = self.year_phrase(j, calendar)
        if year is not None and year[0] == calendar:
            value = _make_date(calendar, year[1], number, 1)
            return _Hit(i, year[2], value, "month", False) if value else None
        modifier = self.modifier(j)
        if modifier is None:
            return None
        # A weak name is a month here only when spelt unambiguously: «آب الماضي» (not «أب»).
        if name in _LEX.weak_months and not (name == "اب" and "آ" in self.original(i)):
            return None
        return self.relative(i, j + 1, lambda p: _infer_month(calendar, number, modifier, p), "month")

    def year_cue(self, i: int) -> _Hit | None:
        """«عام 2018», «العام 2018», «لعام 1436 هـ»."""
        year = self.year(i + 1, None)
        if year is None:
            return None
        calendar, number, end = year
        value = _make_date(calendar, number, 1, 1)
        return _Hit(i, end, value, "year", False) if value else None


def find_dates(text: str, published: datetime.date | None) -> list[DateMatch]:
    """All date expressions in `text` (a sentence), in order. Relative ones are resolved against
    `published` and omitted when published is None; absolute ones always resolve."""
    key = _fold(text)
    if _TRIGGER_SCAN.search(key) is None and _NUMERIC_SCAN.search(key) is None:
        return []
    if isinstance(published, datetime.datetime):
        published = published.date()
    parser = _Parser(text, key, published)
    found = []
    for hit in parser.run():
        if hit.value is None:
            continue
        start, end = parser.offsets(parser.start(hit.start), parser.end(hit.end - 1))
        found.append(DateMatch(hit.value, start, end, text[start:end], hit.precision, hit.relative,
                               hit.bare_weekday))
    return found
