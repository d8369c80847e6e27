"""The working document the extraction components share (in the manner of a spaCy Doc): the article,
its sentences and tokens, the entity mentions found so far, and the meetings being assembled."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from loader.document import Article
from loader.extract.gazetteer import EntityRecord
from loader.extract.text import Sentence, split_sentences


@dataclass
class Mention:
    entity_id: str
    kind: str  # name | adjective | seat | title | apposition | crf | office | pattern (ministries) | memory
    sentence: int
    first: int  # token indices inside the sentence, inclusive
    last: int
    start: int  # character offsets into Article.text
    end: int


@dataclass
class MeetingDraft:
    type: str
    participants: list[str]
    evidence: list[tuple[int, int]]  # sentence spans (start, end)
    date: date | None = None
    date_text: str | None = None
    place: str | None = None
    status: str = "happened"
    topic: str | None = None
    initiator: str | None = None
    name: str | None = None
    sentence: int = 0
    undatable: bool = False  # its sentence gives only a month or year: do not borrow another day
    period: tuple[date, str] | None = None  # that month or year: (its first day, "month" | "year")
    recalled: bool = False  # told as background («كان قد زار», «زيارته السابقة»): some time before the report


@dataclass
class Doc:
    article: Article
    records: dict[str, EntityRecord]
    sentences: list[Sentence] = field(init=False)
    mentions: list[Mention] = field(default_factory=list)
    meetings: list[MeetingDraft] = field(default_factory=list)
    titles: dict[str, tuple[int, int]] = field(default_factory=dict)  # person → first title phrase (offsets)
    # Name skeleton of a curated person → their id, so a spelling the list lacks («دونالد ترمب») still
    # resolves to the known person rather than to a new one.
    known_people: dict[str, str] = field(default_factory=dict)
    _taken: set[tuple[int, int]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.sentences = split_sentences(self.article.text)

    def taken(self, sentence: int, token: int) -> bool:
        return (sentence, token) in self._taken

    def take(self, sentence: int, token: int) -> None:
        self._taken.add((sentence, token))

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for token in range(mention.first, mention.last + 1):
            self._taken.add((mention.sentence, token))

    def mentions_by_sentence(self) -> dict[int, list[Mention]]:
        grouped: dict[int, list[Mention]] = defaultdict(list)
        for mention in sorted(self.mentions, key=lambda m: (m.sentence, m.first)):
            grouped[mention.sentence].append(mention)
        return grouped

    def type_of(self, entity_id: str) -> str:
        return self.records[entity_id].type
