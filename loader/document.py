"""The document object every pipeline stage reads and enriches (read → extract → resolve → write).

Offsets always index `Article.text`, the article's cleaned body as returned to the user, so every
fact can be traced back to the exact Arabic characters that support it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

EntityType = Literal["Person", "Country", "Organization", "Place"]
MeetingType = Literal["call", "meeting", "visit", "talks", "summit", "conference"]
MeetingStatus = Literal["happened", "planned"]

# Every node id starts with its label's prefix («person:…», «country:RU», «meeting:…»), so a label can
# be told from an id without a database look-up.
ID_PREFIXES = {"Person": "person", "Country": "country", "Organization": "org", "Place": "place",
               "Meeting": "meeting"}

# CAMEO root 04 ("Consult") codes for each meeting type.
CAMEO = {
    "meeting": "040",
    "talks": "040",
    "call": "041",
    "visit": "042",
    "summit": "044",
    "conference": "044",
}


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Article:
    id: str
    title: str
    text: str
    published: date | None = None
    source: str | None = None
    url: str | None = None
    section: str | None = None
    byline: str | None = None
    path: str | None = None

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join([self.title, self.text, str(self.published or ""), self.source or ""])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "text": self.text,
        }


@dataclass
class Entity:
    id: str
    type: EntityType
    name: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    translit: str | None = None
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)
    title: Span | None = None  # for a person: the title phrase that introduced them («وزير الخارجية الروسي»)
    # For a person: keys under which other forms of the name are looked up across articles
    # (loader.extract.identity.resolution_keys); empty when the person must never join another node.
    keys: list[str] = field(default_factory=list)
    curated: bool = False  # a person of the shipped list, whose id is authoritative

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Meeting:
    id: str
    type: MeetingType
    participants: list[str]
    evidence: list[Span]
    date: date | None = None
    date_text: str | None = None
    place: str | None = None
    status: MeetingStatus = "happened"
    topic: str | None = None
    initiator: str | None = None
    name: str | None = None  # the event's own name, e.g. «مؤتمر الحوار الوطني السوري»
    # When the report gives only a month or a year («في نوفمبر 2017»): "2017-11" or "2017" (date stays None).
    period: str | None = None
    # Told as background («كان قد زار», «زيارته السابقة»): it happened some time before the report, not on its day.
    recalled: bool = False

    @property
    def cameo(self) -> str:
        return CAMEO[self.type]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "cameo": self.cameo,
            "participants": self.participants,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "place": self.place,
            "status": self.status,
            "topic": self.topic,
            "initiator": self.initiator,
            "name": self.name,
            "period": self.period,
            "recalled": self.recalled,
            "evidence": [asdict(span) for span in self.evidence],
        }


@dataclass
class Extraction:
    article: Article
    entities: list[Entity]
    meetings: list[Meeting]

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article.to_json(),
            "entities": [entity.to_json() for entity in self.entities],
            "meetings": [meeting.to_json() for meeting in self.meetings],
        }
