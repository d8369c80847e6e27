"""Resolution across articles: which reports are one real-world meeting, and which person nodes are one person.

Meetings: the one rule of loader.extract.events decides everywhere (inside an article, inside a batch, against
the graph): same class of encounter, same parties, days that can be the same day. group_meetings applies it
to a batch, given the graph's candidate events, so that whether two reports merge never depends on whether
they were loaded together. Each event's span of possible days narrows as reports arrive.

People: ids are resolution keys (ISO codes for countries, slugs for known people, places and organisations,
the spelling-insensitive name skeleton for people found by pattern); a person found under a longer or
shorter form of a name already in the graph joins that node (resolve_people).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from loader.document import Entity, Extraction, Meeting
from loader.extract.events import RESOLUTION_CLASS, When, distance, gap, narrowed, plausible_days, same_event
from loader.extract.identity import compatible, name_words
from loader.extract.lexicon import NAME_CONNECTORS


@dataclass
class Report:
    article: str
    meeting: Meeting
    when: When


@dataclass
class MeetingGroup:
    """One real-world meeting as this batch sees it, with every report of it the batch holds; `existing` when
    it is an event already in the graph."""

    id: str
    kind_class: str
    parties_key: str
    when: When
    reports: list[Report] = field(default_factory=list)
    existing: bool = False

    @property
    def first(self) -> Meeting:
        return self.reports[0].meeting

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(self.parties_key.split(","))

    @property
    def type(self) -> str:
        """The word most reports use for the encounter (the first report's on a tie)."""
        counts = Counter(r.meeting.type for r in self.reports)
        return max(self.reports, key=lambda r: (counts[r.meeting.type], -self.reports.index(r))).meeting.type


@dataclass(frozen=True)
class GraphEvent:
    """A Meeting node the batch may report again."""

    id: str
    kind_class: str
    parties_key: str
    when: When


def parties_key(meeting: Meeting) -> str:
    if meeting.participants:
        return ",".join(sorted(set(meeting.participants)))
    return "event:" + (meeting.name or "")


def period_of(meeting: Meeting) -> tuple[date, str] | None:
    if not meeting.period:
        return None
    parts = [int(p) for p in meeting.period.split("-")]
    return (date(parts[0], parts[1], 1), "month") if len(parts) == 2 else (date(parts[0], 1, 1), "year")


def report_when(meeting: Meeting, published: date | None) -> When:
    return plausible_days(meeting.date, period_of(meeting), meeting.status, published, meeting.recalled)


def meeting_id(kind_class: str, key: str, when: When, article: str) -> str:
    span = f"{when.lo.isoformat()}..{when.hi.isoformat()}" if when.known and when.lo and when.hi else \
        "undated:" + article
    return "meeting:" + hashlib.sha1(f"{kind_class}|{key}|{span}".encode()).hexdigest()[:16]


def group_meetings(extractions: list[Extraction], graph: list[GraphEvent] = ()) -> list[MeetingGroup]:  # type: ignore[assignment]
    """Groups the batch's meetings, in article order so that every run groups them the same way. A report joins
    the closest event (of the graph or of the batch) it is the same event as; events of the graph come back
    as groups with `existing` set when the batch reports them."""
    groups: list[MeetingGroup] = []
    index: dict[tuple[str, str], list[MeetingGroup]] = {}
    for event in graph:
        index.setdefault((event.kind_class, event.parties_key), []).append(
            MeetingGroup(event.id, event.kind_class, event.parties_key, event.when, existing=True))
    for extraction in extractions:
        article = extraction.article
        for meeting in extraction.meetings:
            kind_class = RESOLUTION_CLASS[meeting.type]
            key = parties_key(meeting)
            when = report_when(meeting, article.published)
            parties = frozenset(key.split(","))
            fits = [g for g in index.get((kind_class, key), [])
                    if same_event(meeting.type, parties, when, g.first.type if g.reports else meeting.type,
                                  g.parties, g.when)]
            if fits:
                match = min(fits, key=lambda g: (gap(g.when, when), distance(g.when, when), not g.existing, g.id))
            else:
                match = MeetingGroup(meeting_id(kind_class, key, when, article.id), kind_class, key, when)
                index.setdefault((kind_class, key), []).append(match)
            if not match.reports:
                groups.append(match)
            match.reports.append(Report(article.id, meeting, when))
            match.when = narrowed(match.when, when)
    return groups


# -- people ------------------------------------------------------------------------------------


@dataclass
class KnownPerson:
    """A person as resolution sees it: an existing node or a person of the batch being written."""

    id: str
    names: list[tuple[str, ...]]  # name_words of its full names (a node's display name; a batch person's names)
    keys: list[str]
    curated: bool
    in_graph: bool
    articles: int = 0  # how many articles name this person (the graph's count, or the batch's)

    @property
    def length(self) -> int:
        return max((len([w for w in n if w not in NAME_CONNECTORS]) for n in self.names), default=0)


# A name that fits several different people joins the best known of them only when that one is named in at least
# POPULAR_ENOUGH articles and POPULARITY_RATIO times as many as any other.
POPULAR_ENOUGH = 20
POPULARITY_RATIO = 10


def resolve_people(batch: list[KnownPerson], graph: list[KnownPerson]
                   ) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """Which persons of a batch are another node under a longer or shorter form of the name:
    {id: (id of the node it joins, the name forms that matched)}; and the persons whose name fits several
    different people with none far better known (each stays its article's own: see scope_people).

    Only a person not yet in the graph moves, and only to a node whose name is compatible with its own
    (loader.extract.identity.compatible); when compatible nodes disagree with each other («خالد العتيبي» fits
    «خالد محمد العتيبي» and «خالد سعد العتيبي») it stays where it is. Curated people never move. Longer names
    are placed first, so that a short form joins the full name and not the other way round; a node already in
    the graph is preferred to one the batch would create. When the compatible nodes are different people, an
    overwhelmingly better-known one may still be chosen (POPULARITY_RATIO)."""
    pool: dict[str, KnownPerson] = {p.id: p for p in graph}
    for person in batch:
        pool.setdefault(person.id, person)
    by_key: dict[str, list[KnownPerson]] = {}
    for person in pool.values():
        for key in person.keys:
            by_key.setdefault(key, []).append(person)
    joined: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()

    def target(person_id: str) -> str:
        while person_id in joined:
            person_id = joined[person_id][0]
        return person_id

    movable = [p for p in batch if not p.curated and not pool[p.id].in_graph and p.keys]
    for person in sorted(movable, key=lambda p: (-p.length, -p.articles, p.id)):
        fits: dict[str, str] = {}
        for key in person.keys:
            for other in by_key.get(key, []):
                if other.id == person.id or target(other.id) == person.id:
                    continue
                if not (other.in_graph or other.curated or (other.length, other.articles) >= (person.length,
                                                                                           person.articles)):
                    continue  # a name of the batch itself: the shorter or rarer form joins, never the reverse
                match = next((f"{' '.join(a)} ~ {' '.join(b)}" for a in person.names for b in other.names
                              if compatible(a, b)), None)
                if match is not None:
                    fits.setdefault(target(other.id), match)
        if not fits:
            continue
        anchors = [pool[i] for i in fits]
        if len(anchors) > 1 and not all(any(compatible(a, b) for a in x.names for b in y.names)
                                        for x in anchors for y in anchors if x.id < y.id):
            # The name fits people who are not each other («كيم جونغ»: Kim Jong-un or his brother Kim Jong-nam).
            # Only an overwhelmingly better-known one is chosen; otherwise it stays where it is.
            ranked = sorted(anchors, key=lambda p: -p.articles)
            if ranked[0].articles < POPULAR_ENOUGH or ranked[0].articles < POPULARITY_RATIO * ranked[1].articles:
                ambiguous.add(person.id)
                continue
            anchors = ranked[:1]
        chosen = max(anchors, key=lambda p: (p.curated, p.in_graph, p.length, p.id))
        joined[person.id] = (chosen.id, fits[chosen.id])
    moves = {person_id: (target(person_id), reason) for person_id, (_, reason) in joined.items()}
    return moves, ambiguous


def scope_people(extraction: Extraction, ambiguous: set[str]) -> Extraction:
    """A name that could be several people («كيم جونغ»: Kim Jong-un or Kim Jong-nam) becomes the article's own
    person, so that it never gathers the meetings of all of them."""
    moves = {e.id: f"{e.id}@{extraction.article.id}" for e in extraction.entities if e.id in ambiguous}
    moved = move_people(extraction, moves)
    for entity in moved.entities:
        if entity.id.endswith(f"@{extraction.article.id}") and entity.id.split("@")[0] in ambiguous:
            entity.keys = []
    return moved


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


def drop_entities(extraction: Extraction, rejected: set[str]) -> Extraction:
    """The extraction without entities an analyst rejected (loader.corrections): their mentions go, and meetings
    lose them as parties, place or initiator (a meeting left with fewer than two parties goes too)."""
    if not any(entity.id in rejected for entity in extraction.entities):
        return extraction
    meetings = [replace(m, participants=[p for p in m.participants if p not in rejected],
                        initiator=None if m.initiator in rejected else m.initiator,
                        place=None if m.place in rejected else m.place)
                for m in extraction.meetings]
    return Extraction(extraction.article, [e for e in extraction.entities if e.id not in rejected],
                      [m for m in meetings if len(m.participants) >= 2 or (m.name is not None and m.participants)])


def split_names(extraction: Extraction, splits: list[tuple[str, str, frozenset[tuple[str, ...]]]]) -> Extraction:
    """The extraction with the names an analyst split off a node given to the new node (loader.corrections):
    (old id, new id, name_words of its names). The new node is curated: resolution never moves it back."""
    moves: dict[str, str] = {}
    for entity in extraction.entities:
        prefix = entity.id.split(":", 1)[0]
        for _old, new_id, names in splits:
            if new_id.split(":", 1)[0] == prefix and name_words(entity.name) in names:
                moves[entity.id] = new_id
    if not moves:
        return extraction
    moved = move_people(extraction, moves)
    for entity in moved.entities:
        if entity.id in moves.values():
            entity.curated, entity.keys = True, []
    return moved


def retype_entities(extraction: Extraction, retyped: dict[str, tuple[str, str]]) -> Extraction:
    """The extraction with entities an analyst gave another kind under their new id and kind: {id: (new id,
    kind)}. A meeting keeps the entity only where its new kind fits (a party, or the place it was held)."""
    if not any(entity.id in retyped for entity in extraction.entities):
        return extraction
    entities = []
    for entity in extraction.entities:
        if entity.id in retyped:
            new_id, kind = retyped[entity.id]
            entity = replace(entity, id=new_id, type=kind,  # type: ignore[arg-type]
                             keys=entity.keys if kind == "Person" else [], title=entity.title if kind == "Person"
                             else None)
        entities.append(entity)
    kinds = {e.id: e.type for e in entities}

    def renamed(entity_id: str | None) -> str | None:
        return retyped[entity_id][0] if entity_id in retyped else entity_id

    meetings = []
    for meeting in extraction.meetings:
        parties = [p for p in (renamed(p) for p in meeting.participants) if kinds.get(p) != "Place"]
        place = renamed(meeting.place)
        meetings.append(replace(meeting, participants=parties,
                                initiator=renamed(meeting.initiator) if renamed(meeting.initiator) in parties
                                else None,
                                place=place if kinds.get(place or "") in ("Place", "Organization") else None))
    return Extraction(extraction.article, entities, [m for m in meetings if len(m.participants) >= 2
                                                     or (m.name is not None and m.participants)])
