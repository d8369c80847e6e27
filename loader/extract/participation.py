"""Meeting participation as a learned decision: for a meeting trigger («التقى», «اتصال هاتفي», «زيارة») and
each person or state the sentence names, whether that entity is a party to the encounter.

The rules still find the triggers and the candidates (every Person and Country mention of the sentence, a
Place standing for its state as a visit's destination, and the story's protagonist when the verb has no
subject of its own). A logistic model weighs the evidence for each (trigger, candidate) pair: distance and
direction, clause breaks between them, the word before the candidate («مع», «بـ», «إلى», «حول», «قال»),
whether the candidate is what the talks are about («مقتل», «قضية», «الإفراج عن»), whether a state only
qualifies somebody's title, and the trigger's kind. It is trained on the dev gold by
`scripts/train_participation.py` and shipped as plain numbers (data/meetings/participation.json).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loader.extract.doc import Doc, Mention
from loader.extract.lexicon import TITLE_HEADS, keys
from loader.extract.logistic import LogisticModel, load_logistic
from loader.extract.text import Token, readings, strip_conjunction

PARTICIPATION_MODEL = Path(__file__).parent / "data" / "meetings" / "participation.json"

# Words between a trigger and a candidate that open another clause.
CLAUSE_BREAKS = keys("أن إن بأن وأن لأن ان بينما فيما وفيما حين كما الذي التي الذين حيث بعد قبل") | {":", "؛", "«"}
SPEECH = keys("قال قالت وقال وقالت أعلن أعلنت وأعلن ذكر ذكرت أفاد أفادت أكد أكدت وأكد وأكدت أوضح أوضحت بيان "
              "صرح وصرح أشار وأشار اعتبر واعتبر")
# Words saying that what follows is the subject matter, not a party («بحث قضية مقتل خاشقجي»).
# (Nouns and prepositions only: «بحث بوتين …» has the discussing verb before its subject.)
SUBJECT_MATTER = keys("حول بشأن الأزمة أزمة الشأن الوضع الأوضاع ملف الملف قضية القضية تسوية ازمة مقتل اغتيال "
                      "اعتقال احتجاز اختفاء الإفراج الافراج مصير وفاة إعدام اعدام محاكمة ترحيل تسليم")
WITH = keys("مع ومع")
BETWEEN = keys("بين وبين")
TOWARDS = keys("إلى الى لدى")
FROM = keys("من عن")
ON = keys("على")
IN = keys("في")


@dataclass(frozen=True)
class Candidate:
    """One entity a trigger's sentence names, at its mention nearest the trigger (or the story's protagonist)."""

    entity: str
    label: str  # Person | Country | Place
    mention: Mention | None  # None for the protagonist carried over from earlier sentences
    country: str | None  # a Place's state, a Country's own code, a Person's state


def candidates(doc: Doc, tokens: tuple[Token, ...], trigger_index: int, mentions: list[Mention],
               focus: str | None, visit: bool) -> list[Candidate]:
    nearest: dict[str, Mention] = {}
    for mention in mentions:
        label = doc.type_of(mention.entity_id)
        if label not in {"Person", "Country"} and not (visit and label == "Place"):
            continue
        current = nearest.get(mention.entity_id)
        if current is None or abs(mention.first - trigger_index) < abs(current.first - trigger_index):
            nearest[mention.entity_id] = mention
    found = [Candidate(entity, doc.type_of(entity), mention, doc.records[entity].country)
             for entity, mention in sorted(nearest.items(), key=lambda item: item[1].first)]
    people_before = any(c.label == "Person" and c.mention is not None and c.mention.last < trigger_index
                        for c in found)
    if focus is not None and focus not in nearest and not people_before:
        found.append(Candidate(focus, "Person", None, doc.records[focus].country))
    return found


def _before(tokens: tuple[Token, ...], mention: Mention) -> tuple[str, str]:
    """The word right before a mention, and the proclitic attached to the mention itself («بوزير» → ب)."""
    previous = tokens[mention.first - 1].key if mention.first > 0 else ""
    attached = tokens[mention.first].key[: mention.start - tokens[mention.first].start]
    return previous, attached


def pair_features(doc: Doc, tokens: tuple[Token, ...], trigger_index: int, trigger_kind: str, nominal: bool,
                  candidate: Candidate, others: Sequence[Candidate], by_rule: bool = False) -> dict[str, float]:
    """Evidence that one candidate is a party to the encounter a trigger reports; `by_rule`: the window rules
    chose it."""
    mention = candidate.mention
    kind = trigger_kind
    values: dict[str, float] = {
        "bias": 1.0,
        "person": float(candidate.label == "Person"), "country": float(candidate.label == "Country"),
        "place": float(candidate.label == "Place"), "focus": float(mention is None),
        "call": float(kind == "call"), "meeting": float(kind == "meeting"), "talks": float(kind == "talks"),
        "visit": float(kind == "visit"), "summit": float(kind == "summit"),
        "conference": float(kind == "conference"), "nominal": float(nominal), "rule": float(by_rule),
    }
    if mention is None:
        return _with_interactions(values)
    distance = mention.first - trigger_index if mention.first > trigger_index else mention.last - trigger_index
    low, high = sorted((mention.last, trigger_index))
    between = tokens[low + 1:high]
    between_keys = [t.key for t in between]
    previous, attached = _before(tokens, mention)
    window = [t.key for t in tokens[max(0, mention.first - 3):mention.first]]
    persons_in_sentence = sum(1 for c in others if c.label == "Person" and c.mention is not None)
    # «وزير الخارجية الإثيوبي» with no name after it: the office stands for its state, a party in its own right;
    # «الرئيس السوداني عمر البشير»: the adjective only qualifies a named person's title.
    title_before = any(head in TITLE_HEADS for k in window for head, _ in readings(k))
    named_after = any(c.label == "Person" and c.mention is not None and
                      0 <= c.mention.first - mention.last <= 2 for c in others)
    own_of_person = candidate.label == "Country" and any(
        c.label == "Person" and c.country == candidate.country for c in others if c.entity != candidate.entity)
    values.update({
        "after": float(distance > 0), "before": float(distance < 0),
        "near_1_2": float(abs(distance) <= 2), "near_3_5": float(3 <= abs(distance) <= 5),
        "near_6_10": float(6 <= abs(distance) <= 10), "near_11_20": float(11 <= abs(distance) <= 20),
        "far": float(abs(distance) > 20),
        "clause_breaks": float(min(2, sum(k in CLAUSE_BREAKS or t.text in CLAUSE_BREAKS
                                           for k, t in zip(between_keys, between, strict=True)))),
        "commas": float(min(3, sum(t.text in {"،", ","} for t in between))),
        "with_before": float(previous in WITH or strip_conjunction(previous) in WITH),
        "between_before": float(previous in BETWEEN or any(k in BETWEEN for k in window)),
        "bi_attached": float(attached.endswith("ب")), "li_attached": float(attached.endswith("ل")),
        "towards_before": float(previous in TOWARDS), "from_before": float(previous in FROM),
        "on_before": float(previous in ON), "in_before": float(previous in IN),
        "and_attached": float(attached[:1] in {"و"}),
        "subject_matter": float(any(head in SUBJECT_MATTER for k in window for head, _ in readings(k))),
        "speech_before": float(previous in SPEECH or any(k in SPEECH for k in window[-2:])),
        "adjective": float(mention.kind == "adjective"), "seat": float(mention.kind == "seat"),
        "title_before": float(title_before),
        "office_without_name": float(mention.kind == "adjective" and title_before and not named_after),
        "qualifies_a_name": float(mention.kind == "adjective" and named_after),
        "own_state_of_a_person": float(own_of_person),
        "first_person": float(candidate.label == "Person" and not any(
            c.label == "Person" and c.mention is not None and c.mention.first < mention.first for c in others)),
        "many_people": float(persons_in_sentence >= 3),
    })
    return _with_interactions(values)


def _with_interactions(values: dict[str, float]) -> dict[str, float]:
    """Visits choose a visitor and a destination; the same cues mean other things there."""
    visit = values["visit"]
    for name in ("rule", "person", "country", "place", "focus", "after", "before", "towards_before", "li_attached",
                 "bi_attached", "near_1_2", "own_state_of_a_person", "adjective", "subject_matter",
                 "office_without_name"):
        values[f"visit_x_{name}"] = visit * values.get(name, 0.0)
    return values


def choose_parties(scored: list[tuple[float, Candidate]], kind: str, threshold: float) -> list[str]:
    """The parties of one encounter from its scored candidates. A visit is its most likely visitor and the
    most likely destination state other than the visitor's own; any other encounter is every candidate
    above the threshold, a state left out when a chosen person already represents it."""
    chosen = [(p, c) for p, c in scored if p >= threshold]
    if kind == "visit":
        visitors = sorted(((p, c) for p, c in chosen if c.label == "Person"), key=lambda pc: -pc[0])
        if not visitors:
            return []
        visitor = visitors[0][1]
        hosts = sorted(((p, c) for p, c in chosen if c.label in {"Country", "Place"} and c.country
                        and c.country != visitor.country), key=lambda pc: -pc[0])
        return [visitor.entity, f"country:{hosts[0][1].country}"] if hosts else []
    people = [c for _, c in chosen if c.label == "Person"]
    states = [c for _, c in chosen if c.label == "Country" and not any(p.country == c.country for p in people)]
    ordered = sorted(people + states, key=lambda c: c.mention.first if c.mention is not None else -1)
    return list(dict.fromkeys(c.entity for c in ordered))


@lru_cache(maxsize=1)
def load_participation_model(path: Path = PARTICIPATION_MODEL) -> LogisticModel | None:
    return load_logistic(path)
