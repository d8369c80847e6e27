"""Resolution across articles: when two reports describe one real-world meeting.

Entities: ids are resolution keys (ISO codes for countries, slugs for known people, places and
organisations, the spelling-insensitive name skeleton for people found by pattern); a person found under a
longer or shorter form of a name already in the graph joins that node (resolve_people).

Meetings are the same event when their kind (talks and meetings are one kind), their set of parties and
their day agree; the day may differ by one when both reports give it, and by three when a
report gives none and its publication date stands in for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

from loader.document import Entity, Extraction, Meeting
from loader.extract.identity import compatible
from loader.extract.lexicon import NAME_CONNECTORS
from loader.extract.meetings import KIND_CLASS

DATED_WINDOW = 1
UNDATED_WINDOW = 3


@dataclass
class Report:
    article: str
    meeting: Meeting


@dataclass
class MeetingGroup:
    """One real-world meeting as this batch sees it, with every report of it."""

    id: str
    kind_class: str
    parties_key: str
    anchor: date | None
    window: int
    reports: list[Report] = field(default_factory=list)

    @property
    def first(self) -> Meeting:
        return self.reports[0].meeting


def parties_key(meeting: Meeting) -> str:
    if meeting.participants:
        return ",".join(sorted(set(meeting.participants)))
    return "event:" + (meeting.name or "")


def anchor_of(meeting: Meeting, published: date | None) -> tuple[date | None, int]:
    if meeting.date is not None:
        return meeting.date, DATED_WINDOW
    return published, UNDATED_WINDOW


def meeting_id(kind_class: str, key: str, anchor: date | None, article: str) -> str:
    basis = f"{kind_class}|{key}|{anchor.isoformat() if anchor else 'undated:' + article}"
    return "meeting:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def group_meetings(extractions: list[Extraction]) -> list[MeetingGroup]:
    """Groups the batch's meetings, in article order so that every run groups them the same way."""
    groups: list[MeetingGroup] = []
    index: dict[tuple[str, str], list[MeetingGroup]] = {}
    for extraction in extractions:
        article = extraction.article
        for meeting in extraction.meetings:
            kind_class = KIND_CLASS[meeting.type]
            key = parties_key(meeting)
            anchor, window = anchor_of(meeting, article.published)
            match = None
            if anchor is not None:
                for group in index.get((kind_class, key), []):
                    if group.anchor is not None and abs((group.anchor - anchor).days) <= max(window, group.window):
                        match = group
                        break
            if match is None:
                match = MeetingGroup(meeting_id(kind_class, key, anchor, article.id), kind_class, key, anchor, window)
                groups.append(match)
                index.setdefault((kind_class, key), []).append(match)
            match.reports.append(Report(article.id, meeting))
    return groups


# -- people ------------------------------------------------------------------------------------


@dataclass
class KnownPerson:
    """A person as resolution sees it: an existing node or a person of the batch being written."""

    id: str
    names: list[tuple[str, ...]]  # name_words of the display name and every alias
    keys: list[str]
    curated: bool
    in_graph: bool

    @property
    def length(self) -> int:
        return max((len([w for w in n if w not in NAME_CONNECTORS]) for n in self.names), default=0)


def resolve_people(batch: list[KnownPerson], graph: list[KnownPerson]) -> dict[str, tuple[str, str]]:
    """Which persons of a batch are another node under a longer or shorter form of the name:
    {id: (id of the node it joins, the name forms that matched)}.

    Only a person not yet in the graph moves, and only to a node whose name is compatible with its own
    (loader.extract.identity.compatible); when compatible nodes disagree with each other («خالد العتيبي» fits
    «خالد محمد العتيبي» and «خالد سعد العتيبي») it stays where it is. Curated people never move. Longer names
    are placed first, so that a short form joins the full name and not the other way round; a node already in
    the graph is preferred to one the batch would create."""
    pool: dict[str, KnownPerson] = {p.id: p for p in graph}
    for person in batch:
        pool.setdefault(person.id, person)
    by_key: dict[str, list[KnownPerson]] = {}
    for person in pool.values():
        for key in person.keys:
            by_key.setdefault(key, []).append(person)
    joined: dict[str, tuple[str, str]] = {}

    def target(person_id: str) -> str:
        while person_id in joined:
            person_id = joined[person_id][0]
        return person_id

    movable = [p for p in batch if not p.curated and not pool[p.id].in_graph and p.keys]
    for person in sorted(movable, key=lambda p: (-p.length, p.id)):
        fits: dict[str, str] = {}
        for key in person.keys:
            for other in by_key.get(key, []):
                if other.id == person.id or target(other.id) == person.id:
                    continue
                if not (other.in_graph or other.curated or other.length >= person.length):
                    continue  # a name of the batch itself: the shorter form joins the longer, never the reverse
                match = next((f"{' '.join(a)} ~ {' '.join(b)}" for a in person.names for b in other.names
                              if compatible(a, b)), None)
                if match is not None:
                    fits.setdefault(target(other.id), match)
        if not fits:
            continue
        anchors = [pool[i] for i in fits]
        if len(anchors) > 1 and not all(any(compatible(a, b) for a in x.names for b in y.names)
                                        for x in anchors for y in anchors if x.id < y.id):
            continue  # the name fits people who are not each other: too little to choose
        chosen = max(anchors, key=lambda p: (p.curated, p.in_graph, p.length, p.id))
        joined[person.id] = (chosen.id, fits[chosen.id])
    return {person_id: (target(person_id), reason) for person_id, (_, reason) in joined.items()}


def move_people(extraction: Extraction, moves: dict[str, str]) -> Extraction:
    """The extraction with people renamed by `moves` (id → id): two that become one are merged (mentions,
    aliases), and meetings name the new ids (a party listed twice once)."""
    if not any(entity.id in moves for entity in extraction.entities):
        return extraction
    merged: dict[str, Entity] = {}
    for entity in extraction.entities:
        new_id = moves.get(entity.id, entity.id)
        if new_id not in merged:
            merged[new_id] = replace(entity, id=new_id, mentions=list(entity.mentions), aliases=list(entity.aliases))
            continue
        kept = merged[new_id]
        kept.mentions = sorted([*kept.mentions, *entity.mentions], key=lambda span: span.start)
        kept.aliases = sorted(set(kept.aliases) | set(entity.aliases) | {entity.name} - {kept.name})
        kept.keys = list(dict.fromkeys([*kept.keys, *entity.keys]))
        kept.title = kept.title or entity.title
        kept.country = kept.country or entity.country
    meetings = [replace(m, participants=list(dict.fromkeys(moves.get(p, p) for p in m.participants)),
                        initiator=moves.get(m.initiator, m.initiator) if m.initiator else None)
                for m in extraction.meetings]
    return Extraction(extraction.article, list(merged.values()), [m for m in meetings if len(m.participants) >= 2
                                                                   or m.name is not None])
