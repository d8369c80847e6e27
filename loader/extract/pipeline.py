"""The extraction pipeline: an ordered list of components, each reading and enriching one Doc.

    gazetteer → ministries → people by title (gated) → statistical people → document memory →
    person identity in the article → meetings → Extraction
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from loader.document import Article, Entity, Extraction, Meeting, Span
from loader.extract.doc import Doc, Mention
from loader.extract.entities import (
    DocumentMemory,
    GazetteerMatcher,
    PersonFinder,
    StatisticalPersons,
    person_skeletons,
)
from loader.extract.gazetteer import EntityRecord, Gazetteer, load_gazetteer, slug
from loader.extract.identity import PersonIdentity, name_words, resolution_keys
from loader.extract.lexicon import TITLE_BODY, keys
from loader.extract.meetings import MeetingFinder
from loader.extract.namegate import NameGate
from loader.extract.ner import PersonTagger
from loader.extract.translit import transliterate

Component = Callable[[Doc], None]

_MINISTRY = keys("وزارة الوزارة")


class MinistryFinder:
    """«وزارة الدفاع الروسية»: a ministry with its portfolio and state, used as a venue and an actor."""

    def __call__(self, doc: Doc) -> None:
        by_sentence = doc.mentions_by_sentence()
        for s_index, sentence in enumerate(doc.sentences):
            tokens = sentence.tokens
            adjectives = {m.first: m for m in by_sentence.get(s_index, []) if m.kind == "adjective"}
            for i, token in enumerate(tokens[:-1]):
                head = token.key if token.key in _MINISTRY else token.key[1:]
                if head not in _MINISTRY or doc.taken(s_index, i) or tokens[i + 1].key not in TITLE_BODY:
                    continue
                adjective = adjectives.get(i + 2)
                if adjective is None:
                    continue
                country = doc.records[adjective.entity_id].country
                start = token.start + (len(token.key) - len(head))
                entity_id = f"org:ministry-{slug(transliterate(tokens[i + 1].text))}-{(country or '').lower()}"
                full = doc.article.text[start:tokens[i + 2].end]
                if entity_id not in doc.records:
                    doc.records[entity_id] = EntityRecord(entity_id, "Organization", full, None, country,
                                                          translit=transliterate(full))
                doc.add(Mention(entity_id, "pattern", s_index, i, i + 1, start, tokens[i + 1].end))


class Extractor:
    """Callable: Article → Extraction. Built once, used for many articles (and worker processes)."""

    def __init__(self, gazetteer: Gazetteer | None = None, components: Sequence[Component] | None = None,
                 statistical: bool = True) -> None:
        """`statistical=False` leaves out the CRF person tagger: about 1.5x faster, fewer people found."""
        self.gazetteer = gazetteer or load_gazetteer()
        self.known_people = person_skeletons(self.gazetteer)
        tagger = PersonTagger() if statistical else None
        gate = NameGate(tagger) if tagger is not None else None
        self.components: list[Component] = list(components) if components is not None else [
            GazetteerMatcher(self.gazetteer),
            MinistryFinder(),
            PersonFinder(gate),
            *([StatisticalPersons(tagger, gate)] if tagger is not None else []),
            DocumentMemory(),
            PersonIdentity(),
            MeetingFinder(),
        ]

    def __call__(self, article: Article) -> Extraction:
        doc = Doc(article, dict(self.gazetteer.records), known_people=self.known_people)
        for component in self.components:
            component(doc)
        return to_extraction(doc)


def _period_text(period: tuple[date, str] | None) -> str | None:
    if period is None:
        return None
    start, precision = period
    return f"{start.year:04d}-{start.month:02d}" if precision == "month" else f"{start.year:04d}"


def _person_keys(record: EntityRecord) -> list[str]:
    if record.type != "Person" or "@" in record.id:  # an article's own person («الأمير خالد») joins nobody
        return []
    return [key for key in resolution_keys(name_words(record.name)) if key and not key.endswith("|")]


def to_extraction(doc: Doc) -> Extraction:
    text = doc.article.text
    spans: dict[str, list[Span]] = defaultdict(list)
    for mention in sorted(doc.mentions, key=lambda m: m.start):
        spans[mention.entity_id].append(Span(mention.start, mention.end, text[mention.start:mention.end]))
    # A state can be a party without being named: a visit to Brussels is a visit to Belgium.
    for draft in doc.meetings:
        for entity_id in [*draft.participants, draft.place]:
            if entity_id is not None:
                spans.setdefault(entity_id, [])
    entities = []
    for entity_id, mentions in spans.items():
        record = doc.records[entity_id]
        seen = {span.text for span in mentions} - {record.name}
        entities.append(Entity(
            id=entity_id, type=record.type, name=record.name, name_en=record.name_en,  # type: ignore[arg-type]
            aliases=sorted(set(record.aliases) | seen), translit=record.translit or transliterate(record.name),
            country=record.country, mentions=mentions,
            title=Span(*doc.titles[entity_id], text[slice(*doc.titles[entity_id])]) if entity_id in doc.titles
            else None,
            keys=_person_keys(record), curated=record.type == "Person" and record.skeleton is None,
        ))
    meetings = []
    for draft in doc.meetings:
        basis = f"{doc.article.id}|{draft.type}|{','.join(sorted(draft.participants))}|{draft.name or ''}"
        meetings.append(Meeting(
            id=f"{doc.article.id}#{hashlib.sha1(basis.encode()).hexdigest()[:8]}",
            type=draft.type,  # type: ignore[arg-type]
            participants=draft.participants,
            evidence=[Span(start, end, text[start:end]) for start, end in sorted(draft.evidence)],
            date=draft.date, date_text=draft.date_text, place=draft.place,
            status=draft.status,  # type: ignore[arg-type]
            topic=draft.topic, initiator=draft.initiator, name=draft.name,
            period=_period_text(draft.period), recalled=draft.recalled,
        ))
    return Extraction(doc.article, entities, meetings)
