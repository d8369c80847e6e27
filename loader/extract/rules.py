"""A first, rule-based extractor: gazetteer look-up with proclitic stripping, meeting triggers per
sentence, and relative dates resolved against the publication date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from loader.document import Article, Entity, Extraction, Meeting, Span
from loader.extract.gazetteer import Gazetteer, load_gazetteer
from loader.extract.text import Sentence, Token, match_key, phrase_key, split_sentences

# Proclitic prefixes, longest first; a split is kept only when the remainder is a known name.
_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")

# Trigger phrase → meeting type. Checked longest first on the sentence's matching keys.
TRIGGERS: dict[str, str] = {
    "اتصال هاتفي": "call", "اتصالا هاتفيا": "call", "مكالمة هاتفية": "call", "مكالمه": "call",
    "هاتفيا": "call", "اتصالا": "call",
    # Definite «المؤتمر», «القمة» mostly refer back to an event already reported, so only the
    # indefinite (often construct-state «مؤتمر سوتشي») forms open a meeting.
    "قمة": "summit", "مؤتمر": "conference",
    "زيارة": "visit", "زيارته": "visit", "زار": "visit", "يزور": "visit", "وصل": "visit",
    "مشاورات": "talks", "محادثات": "talks", "مباحثات": "talks",
    "مفاوضات": "talks", "بحث": "talks", "يبحث": "talks",
    "استقبل": "meeting", "التقى": "meeting", "يلتقي": "meeting", "لقاء": "meeting",
    "اجتماع": "meeting", "اجتمع": "meeting",
}
_TRIGGER_KEYS = {phrase_key(text): kind for text, kind in TRIGGERS.items()}
# Nouns that name a consultation between parties placed right beside them; verbs such as «بحث»
# ("discussed", also "to discuss") are too loose to take the nearest states as the parties.
_NOMINAL_TRIGGERS = {phrase_key(text) for text in [
    "مشاورات", "محادثات", "مباحثات", "مفاوضات", "اتصال هاتفي", "اتصالا هاتفيا", "اجتماع", "لقاء"]}
_TRIGGER_LONGEST = max(len(key) for key in _TRIGGER_KEYS)
# When several triggers share a sentence, the most specific kind describes the event.
_KIND_PRIORITY = ["call", "summit", "conference", "visit", "talks", "meeting"]

_PLANNED = {match_key(w) for w in ["سيزور", "يزور", "سيلتقي", "يلتقي", "المقبل", "المقبلة", "المقرر", "سيبحث", "سيعقد"]}
_WEEKDAYS = {match_key(name): index for index, name in enumerate(
    ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"])}
_PARTICIPANT_WINDOW = 3  # tokens either side of a trigger where a state can be a party
_STATE_LEVEL_KINDS = {"talks", "meeting", "call"}


@dataclass
class _Found:
    entity_id: str
    kind: str
    start: int
    end: int
    first_token: int
    last_token: int


class RuleExtractor:
    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()

    def __call__(self, article: Article) -> Extraction:
        mentions: dict[str, list[Span]] = defaultdict(list)
        meetings: dict[tuple[str, frozenset[str]], Meeting] = {}
        for sentence in split_sentences(article.text):
            found = self._find_entities(sentence, article.text)
            for item in found:
                mentions[item.entity_id].append(Span(item.start, item.end, article.text[item.start:item.end]))
            self._find_meeting(sentence, found, article, meetings)
        entities = [self._entity(entity_id, spans) for entity_id, spans in mentions.items()]
        numbered = []
        for index, meeting in enumerate(meetings.values(), start=1):
            meeting.id = f"{article.id}#m{index}"
            numbered.append(meeting)
        return Extraction(article, entities, numbered)

    def _entity(self, entity_id: str, spans: list[Span]) -> Entity:
        record = self.gazetteer.records[entity_id]
        seen = sorted({span.text for span in spans} - {record.name})
        return Entity(
            id=entity_id, type=record.type, name=record.name, name_en=record.name_en,  # type: ignore[arg-type]
            aliases=sorted(set(record.aliases) | set(seen)), translit=None, country=record.country,
            mentions=spans,
        )

    def _find_entities(self, sentence: Sentence, text: str) -> list[_Found]:
        tokens = sentence.tokens
        found: list[_Found] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, i)
            if match is None:
                i += 1
                continue
            entity_id, kind, length, prefix = match
            start = tokens[i].start + prefix
            end = tokens[i + length - 1].end
            found.append(_Found(entity_id, kind, start, end, i, i + length - 1))
            i += length
        return found

    def _match_at(self, tokens: tuple[Token, ...], i: int) -> tuple[str, str, int, int] | None:
        longest = min(self.gazetteer.longest, len(tokens) - i)
        for length in range(longest, 0, -1):
            rest = tuple(token.key for token in tokens[i + 1: i + length])
            for head, prefix in _head_variants(tokens[i].key):
                entry = self.gazetteer.lookup((head, *rest))
                if entry is not None:
                    return entry.entity_id, entry.kind, length, prefix
        return None

    def _participants(self, kind: str, triggers: list[tuple[str, int, bool]], found: list[_Found]) -> list[str]:
        participants = list(dict.fromkeys(f.entity_id for f in found if f.entity_id.startswith("person:")))
        if len(participants) >= 2 or kind not in _STATE_LEVEL_KINDS:
            return participants
        # The states themselves are the parties («مشاورات روسية نرويجية», «موسكو … مع أوسلو»).
        positions = [index for k, index, nominal in triggers if nominal and k == kind]
        states = list(dict.fromkeys(f.entity_id for f in found if f.entity_id.startswith("country:") and any(
            abs(f.first_token - p) <= _PARTICIPANT_WINDOW for p in positions)))
        if len(participants) == 1:
            represented = f"country:{self.gazetteer.records[participants[0]].country}"
            return participants + [s for s in states if s != represented][:1]
        return states

    def _find_meeting(self, sentence: Sentence, found: list[_Found], article: Article,
                      meetings: dict[tuple[str, frozenset[str]], Meeting]) -> None:
        triggers = _find_triggers(sentence.tokens)
        if not triggers:
            return
        for kind in sorted({k for k, _, _ in triggers}, key=_KIND_PRIORITY.index):
            participants = self._participants(kind, triggers, found)
            if len(participants) >= 2:
                break
        else:
            return
        place = None
        if kind != "call":
            place = next((f.entity_id for f in found if f.entity_id.startswith("place:")
                          and _is_locative(sentence.tokens, f)), None)
        evidence = Span(sentence.start, sentence.end, sentence.text)
        key = (kind, frozenset(participants))
        if key in meetings:
            meetings[key].evidence.append(evidence)
            meetings[key].place = meetings[key].place or place
            return
        when, when_text = _resolve_date(sentence.tokens, article.published)
        status = "planned" if any(token.key in _PLANNED for token in sentence.tokens) else "happened"
        meetings[key] = Meeting(id="", type=kind, participants=participants, evidence=[evidence],  # type: ignore[arg-type]
                                date=when, date_text=when_text, place=place, status=status)  # type: ignore[arg-type]


def _head_variants(key: str) -> list[tuple[str, int]]:
    """The token itself, then its proclitic splits: (remainder, characters stripped)."""
    variants = [(key, 0)]
    for prefix in _PROCLITICS:
        if key.startswith(prefix) and len(key) - len(prefix) >= 2:
            rest = key[len(prefix):]
            variants.append((rest, len(prefix)))
            if prefix.endswith("ل") and rest.startswith("ل"):  # لل = ل + ال whose alef is not written
                variants.append(("ا" + rest, len(prefix)))
    return variants


def _is_locative(tokens: tuple[Token, ...], found: _Found) -> bool:
    """«في سوتشي» or «بسوتشي»: the place is where something happens, not a name inside another."""
    head = tokens[found.first_token]
    if head.key.startswith(("ب", "وب", "فب")) and found.start > head.start:
        return True
    return found.first_token > 0 and tokens[found.first_token - 1].key in {"في", "الى", "بمدينه", "مدينه"}


def _find_triggers(tokens: tuple[Token, ...]) -> list[tuple[str, int, bool]]:
    hits = []
    keys = [token.key for token in tokens]
    for i in range(len(keys)):
        for length in range(min(_TRIGGER_LONGEST, len(keys) - i), 0, -1):
            for head, _ in _head_variants(keys[i]):
                phrase = (head, *keys[i + 1: i + length])
                kind = _TRIGGER_KEYS.get(phrase)
                if kind:
                    hits.append((kind, i, phrase in _NOMINAL_TRIGGERS))
                    break
            else:
                continue
            break
    return hits


def _resolve_date(tokens: tuple[Token, ...], published: date | None) -> tuple[date | None, str | None]:
    if published is None:
        return None, None
    keys = [token.key for token in tokens]
    for i, key in enumerate(keys):
        bare = key[1:] if key.startswith(("و", "ف")) and key[1:] in {"امس", "اليوم"} else key
        if bare == "امس":
            if i >= 2 and keys[i - 2] == "اول" and keys[i - 1] == "من":
                return published - timedelta(days=2), "أول من أمس"
            return published - timedelta(days=1), tokens[i].text
        if bare == "اليوم":
            return published, tokens[i].text
        weekday = _WEEKDAYS.get(bare)
        if weekday is not None:
            following = keys[i + 1] if i + 1 < len(keys) else ""
            delta = (published.weekday() - weekday) % 7
            if following in {match_key("المقبل"), match_key("القادم")}:
                return published + timedelta(days=(weekday - published.weekday()) % 7 or 7), tokens[i].text
            return published - timedelta(days=delta or 7), tokens[i].text
    return None, None
