"""Measuring extraction against hand-written gold annotations (eval/gold/*.jsonl, samples/expected.jsonl).

People match when a name form of the system's person (name, aliases, mentions) equals a gold name or
variant after spelling normalisation; countries by ISO code; meetings when their kinds agree (talks and
meeting count as one kind) and their parties agree: the same set, or at least two shared parties making
up half of the union. Dates are scored on matched meetings (a missing date is right when gold has none).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from loader.document import Article, Extraction
from loader.extract import Extractor
from loader.extract.lexicon import TITLE_HEADS
from loader.extract.meetings import KIND_CLASS
from loader.extract.text import match_key
from loader.read import ArticleFormatError, read_file


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


@dataclass
class Report:
    articles: int = 0
    people: Score = field(default_factory=Score)
    countries: Score = field(default_factory=Score)
    meetings: Score = field(default_factory=Score)
    dates_right: int = 0
    dates_scored: int = 0
    types_right: int = 0
    statuses_right: int = 0
    errors: list[str] = field(default_factory=list)
    details: list[dict[str, Any]] = field(default_factory=list)

    def add(self, result: dict[str, Any]) -> None:
        """Adds one article's score_article result."""
        self.articles += 1
        self.people.add(*result["people"])
        self.countries.add(*result["countries"])
        self.meetings.add(*result["meetings"])
        self.dates_right += result["dates_right"]
        self.dates_scored += result["dates_scored"]
        self.types_right += result["types_right"]
        self.statuses_right += result.get("statuses_right", 0)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / self.dates_scored if self.dates_scored else 1.0

    def table(self) -> str:
        rows = [f"{'':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
        for name, score in (("people", self.people), ("countries", self.countries), ("meetings", self.meetings)):
            rows.append(f"{name:<10} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
                        f"{score.tp:>5} {score.fp:>5} {score.fn:>5}")
        rows.append(f"dates right on matched meetings: {self.dates_right}/{self.dates_scored} "
                    f"= {self.date_accuracy:.3f}; kinds exactly right: {self.types_right}/{self.meetings.tp}; "
                    f"status (happened or planned) right: {self.statuses_right}/{self.meetings.tp}")
        rows.append(f"articles: {self.articles}")
        return "\n".join(rows)


def _forms(*names: str | None) -> set[str]:
    """Normalised name forms, each also without a leading title («الأمير تشارلز» → «تشارلز»)."""
    forms = set()
    for name in names:
        if not name:
            continue
        joined = re.sub(r"\bعبد\s+ال", "عبدال", name.replace("_", " "))  # «عبد العزيز» = «عبدالعزيز»
        words = [match_key(word) for word in joined.split()]
        forms.add(" ".join(words))
        while len(words) > 1 and words[0] in TITLE_HEADS:
            words = words[1:]
            forms.add(" ".join(words))
    return forms


def _longer_form(ours: set[str], theirs: set[str]) -> bool:
    """«محمد بن سلمان» and «محمد بن سلمان بن عبد العزيز»: one name, given at two lengths (two words or more
    besides connectors must agree, from the start of the name)."""
    for a in ours:
        for b in theirs:
            short, long_ = sorted((a.split(), b.split()), key=len)
            content = [w for w in short if w not in {"بن", "بنت", "ابن", "ال", "آل", "ابو"}]
            if len(content) >= 2 and long_[: len(short)] == short:
                return True
    return False


def load_gold(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: malformed JSON ({exc.msg})") from None
    return items


def locate(item: dict[str, Any], gold_path: Path, data_root: Path) -> Article:
    """The article a gold line refers to: shared-data path + record id, or a sample file name."""
    path = gold_path.parent / "articles" / item["file"] if "file" in item else data_root / item["path"]
    published = date.fromisoformat(item["published"]) if item.get("published") else None
    wanted = item.get("id")
    for record in read_file(path, published):
        if isinstance(record, ArticleFormatError):
            continue
        if wanted is None or wanted in (record.id, record.url) or "file" in item:
            if published is not None:
                record.published = published
            return record
    raise LookupError(f"{path}: no article with id {wanted!r}")


def score_article(item: dict[str, Any], extraction: Extraction) -> dict[str, Any]:
    gold_people = []
    for person in item.get("people", []):
        if isinstance(person, str):  # samples/expected.jsonl names people in English
            gold_people.append({"key": person, "forms": set(), "english": person.lower()})
        else:
            gold_people.append({"key": person["name"], "forms": _forms(person["name"], *person.get("variants", [])),
                                "english": (person.get("name_en") or "").lower()})
    system_people = [e for e in extraction.entities if e.type == "Person"]
    person_map: dict[str, str] = {}  # system id → gold key
    unmatched = list(gold_people)
    for entity in system_people:
        forms = _forms(entity.name, *entity.aliases, *(m.text for m in entity.mentions))
        for gold in unmatched:
            if forms & gold["forms"] or _longer_form(forms, gold["forms"]) or \
                    (entity.name_en and entity.name_en.lower() == gold["english"]):
                person_map[entity.id] = gold["key"]
                unmatched.remove(gold)
                break
    people = (len(person_map), len(system_people) - len(person_map), len(unmatched))

    gold_countries = set(item.get("countries", []))
    system_countries = {e.country for e in extraction.entities if e.type == "Country" and e.country}
    countries = (len(gold_countries & system_countries), len(system_countries - gold_countries),
                 len(gold_countries - system_countries))

    def system_party(entity_id: str) -> str:
        if entity_id.startswith("country:"):
            return entity_id.split(":", 1)[1]
        return person_map.get(entity_id, entity_id)

    gold_meetings = list(item.get("meetings", []))
    matches = []
    false_positive = []
    for meeting in extraction.meetings:
        parties = {system_party(p) for p in meeting.participants}
        # Among the gold meetings this one may be, the closest: most parties in common, then the same status,
        # then the same day (an article can tell a planned and an earlier encounter of the same parties).
        best, best_rank = None, None
        day = meeting.date.isoformat() if meeting.date else None
        for gold in gold_meetings:
            if KIND_CLASS.get(gold["type"]) != KIND_CLASS[meeting.type]:
                continue
            gold_parties = set(gold["participants"])
            shared = len(parties & gold_parties)
            union = len(parties | gold_parties)
            if parties == gold_parties or (shared >= 2 and shared / union >= 0.5):
                rank = (shared / union, meeting.status == gold.get("status", "happened"), day == gold.get("date"))
                if best_rank is None or rank > best_rank:
                    best, best_rank = gold, rank
        if best is None:
            false_positive.append(meeting)
            continue
        gold_meetings.remove(best)
        matches.append((meeting, best))
    dates_right = sum(1 for m, g in matches if (m.date.isoformat() if m.date else None) == g.get("date"))
    types_right = sum(1 for m, g in matches if m.type == g["type"])
    statuses_right = sum(1 for m, g in matches if m.status == g.get("status", "happened"))
    return {
        "people": people, "countries": countries,
        "meetings": (len(matches), len(false_positive), len(gold_meetings)),
        "dates_right": dates_right, "dates_scored": len(matches), "types_right": types_right,
        "statuses_right": statuses_right,
        "missed_people": [g["key"] for g in unmatched],
        "extra_people": [e.name for e in system_people if e.id not in person_map],
        "missed_countries": sorted(gold_countries - system_countries),
        "extra_countries": sorted(system_countries - gold_countries),
        "missed_meetings": [(g["type"], g["participants"], g.get("date")) for g in gold_meetings],
        "extra_meetings": [(m.type, sorted(system_party(p) for p in m.participants),
                            m.date.isoformat() if m.date else None) for m in false_positive],
        "wrong_dates": [(m.type, g["participants"], m.date.isoformat() if m.date else None, g.get("date"))
                        for m, g in matches if (m.date.isoformat() if m.date else None) != g.get("date")],
        "wrong_statuses": [(m.type, g["participants"], m.status, g.get("status", "happened"))
                           for m, g in matches if m.status != g.get("status", "happened")],
    }


def evaluate(gold_paths: Iterable[Path], data_root: Path, extractor: Extractor | None = None) -> Report:
    extractor = extractor or Extractor()
    report = Report()
    for gold_path, item in _items(gold_paths):
        try:
            article = locate(item, gold_path, data_root)
        except (LookupError, OSError) as exc:
            report.errors.append(str(exc))
            continue
        result = score_article(item, extractor(article))
        report.add(result)
        report.details.append({"article": article.id, **result})
    return report


def _items(gold_paths: Iterable[Path]) -> Iterator[tuple[Path, dict[str, Any]]]:
    for gold_path in gold_paths:
        for item in load_gold(gold_path):
            yield gold_path, item
