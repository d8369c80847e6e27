"""Meeting component: triggers per sentence, their parties, date, place, status, topic and initiator;
mentions of one event inside an article (headline aside) become one meeting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from loader.extract.dates import DateMatch, find_dates
from loader.extract.doc import Doc, MeetingDraft, Mention
from loader.extract.events import plausible_days, same_event
from loader.extract.lexicon import (
    ALREADY,
    ANAPHORIC,
    EARLIER,
    FUTURE,
    INITIATIVE,
    INTENT,
    NOMINAL_TRIGGERS,
    PAST_DEICTIC,
    PAST_TIME,
    PLANNED_ADJECTIVES,
    PLUPERFECT,
    PLUPERFECT_AUX,
    RECEIVED,
    REPORTING_VERBS,
    STOP_WORDS,
    TOPIC_CUES,
    TRIGGER_KEYS,
    TRIGGER_LONGEST,
    VERBS,
    keys,
)
from loader.extract.logistic import LogisticModel
from loader.extract.participation import (
    Candidate,
    candidates,
    choose_parties,
    load_participation_model,
    pair_features,
)
from loader.extract.text import Token, match_key, readings
from loader.extract.wordstats import WordStats, load_word_stats

# Meeting kinds that compare as one class when merging («التقى … وبحث معه» is one encounter).
KIND_CLASS = {"meeting": "meet", "talks": "meet", "call": "call", "visit": "visit", "summit": "summit",
              "conference": "conference"}
_PRIORITY = ["call", "summit", "conference", "visit", "talks", "meeting"]

# Words between a person and a trigger that put them in different clauses («قال X إن Y التقى Z»).
_CLAUSE_BREAKS = keys("أن إن بأن وأن لأن ان بينما فيما وفيما حين كما الذي التي الذين") | {":", "؛", "«"}
# A statement's source right before a name («قال البيان», «وأكد …»): the reporting verbs, and «بيان».
_STATEMENT_WORDS = REPORTING_VERBS | keys("بيان")
_NOT_EVENTS = keys("صحفي صحفيا الصحفي صحافي صحافيا الصحافي")  # «مؤتمر صحفي»: a press conference
_DESTINATION = keys("إلى الى")
_VISIT_BREAKS = keys("أن إن بأن وأن لأن ان بينما فيما وفيما حين كما") | {":", "؛", "«", "."}
# A conference or summit is an event here only after words that hold or attend it; elsewhere
# («تنفيذ اتفاقات مؤتمر سوتشي») the phrase refers to an event, it does not report one.
_EVENT_CONTEXT = keys("""عقد عقدت وعقد وعقدت انعقد انعقدت يعقد تعقد سيعقد ستعقد افتتح افتتحت اختتم اختتمت
شارك شاركت يشارك تشارك سيشارك ستشارك استضاف استضافت تستضيف يستضيف انطلق انطلقت تنطلق أعمال هامش خلال في
أمام حضر حضرت يحضر حضور افتتاح اختتام انطلاق انعقاد عقد ترأس ترأست يترأس ختام نهاية بداية مستهل""")
_NAME_ENDS = keys("الذي التي في على الى إلى من حول بشأن")
_RELATIVES = keys("التي الذي")
_GATHER = keys("جمع جمعه جمعها جمعهما جمعت جمعني عقد عقدت جرى جرت قام قامت يقوم تقوم أجراها أجراه")
_EVENT_VERBS = _EVENT_CONTEXT - keys("في خلال أمام هامش أعمال")
_DISCUSS_VERBS = keys("بحث بحثا بحثت يبحث تبحث سيبحث يبحثان ناقش ناقشا تباحث تباحثا")
_LOCATIVE = keys("في بمدينة مدينة بالعاصمة العاصمة")
_PARTY_WINDOW = 3
_HOLDING_REACH = 10  # words a holding verb («عقد») may stand before the event noun it holds
PERIOD_REACH = 60  # characters a month or year may stand from the trigger to date the encounter
_PERSON_WINDOW = 18
_PERSON_WINDOW_AFTER = 30  # «التقى [subject with a long title] في جدة أمس [object]»


@dataclass(frozen=True)
class Trigger:
    kind: str
    index: int
    length: int
    anaphoric: bool
    nominal: bool


@lru_cache(maxsize=300_000)
def _may_open_trigger(key: str) -> bool:
    return any(h in _TRIGGER_FIRST for h, _ in readings(key))


def find_triggers(tokens: tuple[Token, ...]) -> list[Trigger]:
    found = []
    keys_ = [token.key for token in tokens]
    i = 0
    while i < len(keys_):
        hit = None
        if not _may_open_trigger(keys_[i]):
            i += 1
            continue
        for length in range(min(TRIGGER_LONGEST, len(keys_) - i), 0, -1):
            for head, _ in readings(keys_[i]):
                phrase = (head, *keys_[i + 1: i + length])
                kind = TRIGGER_KEYS.get(phrase)
                if kind:
                    hit = Trigger(kind, i, length, False, head in NOMINAL_TRIGGERS)
                    break
            if hit:
                break
        if hit is None:
            for head, _ in readings(keys_[i]):
                if head in ANAPHORIC:
                    kind = _anaphoric_kind(head)
                    hit = Trigger(kind, i, 1, True, True)
                    break
        if hit is not None:
            following = keys_[i + hit.length] if i + hit.length < len(keys_) else ""
            if not (hit.kind == "conference" and following in _NOT_EVENTS):
                found.append(hit)
            i += hit.length
        else:
            i += 1
    return found


def _introduced(tokens: tuple[Token, ...], trigger: Trigger) -> bool:
    """«اللقاء الذي جمع الرئيس … بالوزير …»: a definite noun that is then described is a new event."""
    following = [t.key for t in tokens[trigger.index + 1: trigger.index + 5]]
    for offset, key in enumerate(following[:2]):  # «الزيارة الأخيرة التي قام بها …»
        if key in _RELATIVES:
            return any(k in _GATHER for k in following[offset + 1: offset + 3])
    return False


def _reference(tokens: tuple[Token, ...], trigger: Trigger) -> bool:
    if trigger.kind not in {"conference", "summit"} or trigger.index == 0:
        return False
    if tokens[trigger.index - 1].key in _EVENT_CONTEXT:
        return False
    following = [t.key for t in tokens[trigger.index + trigger.length: trigger.index + trigger.length + 4]]
    if any(k in _RELATIVES for k in following[:3]) and any(k in _EVENT_VERBS for k in following):
        return False  # «قمتهم التي عقدت أمس»
    # «وعقد الثلاثاء مؤتمر …», «عقد الرئيس الأمريكي دونالد ترامب قمة مع …»: the holding verb may stand a date
    # or the whole subject before the noun, in the same clause.
    before = tokens[max(0, trigger.index - _HOLDING_REACH): trigger.index - 1]
    for token in reversed(before):
        if token.key in _CLAUSE_BREAKS or token.text in _CLAUSE_BREAKS:
            break
        if token.key in _EVENT_VERBS:
            return False
    return True


_TRIGGER_FIRST = frozenset(key[0] for key in TRIGGER_KEYS) | ANAPHORIC

_ANAPHORIC_KIND = {
    "الاتصال": "call", "المكالمه": "call", "القمه": "summit", "المؤتمر": "conference", "المنتدى": "conference",
    "الملتقى": "conference", "الزياره": "visit", "المشاورات": "talks", "المحادثات": "talks",
    "المباحثات": "talks", "المفاوضات": "talks", "اللقاء": "meeting", "الاجتماع": "meeting",
}
_ANAPHORIC_KINDS = {match_key(k): v for k, v in _ANAPHORIC_KIND.items()}


def _statement_date(tokens: tuple[Token, ...], at: int | None, triggers: list[Trigger], trigger: Trigger) -> bool:
    """Whether the date expression starting at token `at` dates a statement about the encounter, not the encounter:
    it follows a reporting verb and its subject, and the encounter comes after it («أكد البيت الأبيض الخميس أن
    ترامب وافق على لقاء كيم», «وصف ترامب اليوم السبت اجتماعه المرتقب»)."""
    if at is None or trigger.index < at:
        return False
    for i in range(at - 1, max(-1, at - STATEMENT_REACH - 1), -1):
        if any(t.index == i for t in triggers):
            return False
        if any(head in REPORTING_VERBS for head, _ in readings(tokens[i].key)):
            return True
    return False


# A statement's date follows its verb and subject («أعلن المكتب الرئاسي في كوريا الجنوبية، الجمعة، أن»).
STATEMENT_REACH = 7
# How far before an encounter an intention word may stand («دعا الرئيس الأمريكي دونالد ترامب نظيره إلى زيارة»).
INTENT_REACH = 10


def _recalled(tokens: tuple[Token, ...], at: int) -> bool:
    """Whether the sentence tells the encounter at token `at` as background: the pluperfect or «سبق أن» just
    before it («وكان قد زار», «سبق له أن التقى»), or a past time word just after it («زيارته السابقة»,
    «القمة الأخيرة», «لقاؤهما الشهر الماضي»)."""
    if at + 1 < len(tokens) and tokens[at + 1].key in EARLIER:
        return True
    if any(t.key in PAST_TIME for t in tokens[at + 1: at + 4]):
        return True
    before = tokens[max(0, at - 6): at]
    heads = [{head for head, _ in readings(t.key)} for t in before]
    if any(h & ALREADY for h in heads):
        return True
    return any(h & PLUPERFECT_AUX and any(later & PLUPERFECT for later in heads[i + 1:]) for i, h in enumerate(heads))


def _anaphoric_kind(head: str) -> str:
    return _ANAPHORIC_KINDS.get(head, "meeting")


Observer = Callable[[Doc, int, "Trigger", list[tuple[Candidate, dict[str, float]]]], None]


class MeetingFinder:
    """Meetings of one article. With a participation model (the default when its file is shipped) the parties
    of each encounter are chosen by it; without one, by the window rules. An `observer` sees every trigger's
    candidates and their features (to collect training data)."""

    def __init__(self, participation: LogisticModel | None = None, use_model: bool = True,
                 observer: Observer | None = None) -> None:
        self.participation = participation or (load_participation_model() if use_model else None)
        self.observer = observer
        self.stats: WordStats = load_word_stats()
        self._first_named: tuple[Doc, str | None] | None = None  # the document's first person, found once

    def __call__(self, doc: Doc) -> None:
        by_sentence = doc.mentions_by_sentence()
        published = doc.article.published
        for s_index, sentence in enumerate(doc.sentences):
            triggers = find_triggers(sentence.tokens)
            if not triggers:
                continue
            mentions = by_sentence.get(s_index, [])
            found = find_dates(sentence.text, published)
            # A meeting happens on a day: «في ديسمبر 2017» or «عام 2003» place it in the past, not on a date.
            dates = [d for d in found if d.precision == "day"]
            vague_time = len(found) > len(dates)
            if any(t.kind == "call" for t in triggers):  # «بحث … خلال اتصال هاتفي»: discussed during the call
                triggers = [t for t in triggers if sentence.tokens[t.index].key not in _DISCUSS_VERBS]
            fresh = [t for t in triggers if (not t.anaphoric or _introduced(sentence.tokens, t))
                     and not _reference(sentence.tokens, t)]
            self._anaphora(doc, s_index, [t for t in triggers if t.anaphoric], mentions)
            used_classes: set[str] = set()
            for trigger in sorted(fresh, key=lambda t: _PRIORITY.index(t.kind)):
                klass = KIND_CLASS[trigger.kind]
                if klass in used_classes:
                    continue
                draft = self._draft(doc, s_index, trigger, triggers, mentions, dates, published)
                if draft is not None:
                    if vague_time and draft.date is None:
                        draft.undatable = True
                        at = sentence.tokens[trigger.index].start - sentence.start
                        vague = min((d for d in found if d.precision != "day"), key=lambda d: abs(d.start - at))
                        if abs(vague.start - at) <= PERIOD_REACH:  # «عام 1979» far off dates something else
                            draft.period = (vague.value, vague.precision)
                    used_classes.add(klass)
                    for part in self._pairs(doc, draft, trigger, mentions):
                        self._merge(doc, part)
        self._inherit_dates(doc)

    # -- one trigger -----------------------------------------------------------------------------

    def _draft(self, doc: Doc, s_index: int, trigger: Trigger, triggers: list[Trigger], mentions: list[Mention],
               dates: list, published: date | None) -> MeetingDraft | None:
        sentence = doc.sentences[s_index]
        tokens = sentence.tokens
        rules = self._rule_parties(doc, tokens, trigger, mentions)
        if self.participation is not None or self.observer is not None:
            learned = self._learned_parties(doc, s_index, trigger, mentions, rules)
        participants = learned if self.participation is not None else rules
        if len(participants) < 2 and trigger.kind != "visit":
            # «مشاورات روسية نرويجية»: states named beside a consultation noun are its parties whatever else
            # the sentence says (a construction too rare in the training data for the model to learn).
            states = self._states(doc, tokens, trigger, mentions)
            if len(states) >= 2:
                participants = states
        if trigger.kind == "visit" and not participants:
            return None
        name = None
        place = self._place(doc, tokens, trigger, mentions)
        if len(participants) < 2:
            # An event without named parties counts only when the sentence says it was held.
            held = any(t.key in _EVENT_VERBS for t in tokens[max(0, trigger.index - 4): trigger.index])
            if trigger.kind not in {"conference", "summit"} or not held:
                return None
            name = self._event_name(tokens, trigger)
            if name is None or (place is None and not dates):
                return None
        match = self._date(trigger, sentence.start, tokens, dates, triggers)
        planned = self._planned(tokens, trigger.index, [t.index for t in triggers])
        when = None if match is None else match.planned_day(published) if planned else match.value
        if planned and when is not None and published is not None and when < published:
            when = None  # a plan is not on a past day: that date is another encounter's («خلال لقائه أمس»)
        when_text = None if match is None else match.text
        recalled = not planned and _recalled(tokens, trigger.index)
        if when is not None and published is not None and when > published:
            planned = True
        topic = self._topic(doc, tokens, mentions, participants)
        initiator = self._initiator(doc, tokens, trigger, mentions, participants)
        return MeetingDraft(
            type=trigger.kind, participants=participants, evidence=[(sentence.start, sentence.end)],
            date=when, date_text=when_text, place=place if trigger.kind != "call" else None,
            status="planned" if planned else "happened", topic=topic, initiator=initiator, name=name,
            sentence=s_index, recalled=recalled, undatable=recalled,
        )

    def _planned(self, tokens: tuple[Token, ...], at: int, trigger_positions: list[int]) -> bool:
        """Whether the sentence tells the encounter at token `at` as a plan: a future word or a verb in the
        future («سيترأس») near it; an intention before it with no other encounter between («دعا ترامب بوتين
        إلى زيارة», «أعلن عزمه زيارة») or right after it («زيارات محتملة»); unless a time word right after it
        places it in the past («لقائه أمس»)."""
        if any(t.key in PAST_DEICTIC for t in tokens[at + 1: at + 4]):
            return False
        if any(t.key in FUTURE or any(self.stats.future_verb(head) for head, _ in readings(t.key))
               for t in tokens[max(0, at - 6): at + 8]):
            return True
        if any(t.key in PLANNED_ADJECTIVES for t in tokens[at + 1: at + 3]):
            return True
        start = max([0, at - INTENT_REACH, *(p + 1 for p in trigger_positions if p < at)])
        return any(head in INTENT or head in PLANNED_ADJECTIVES  # «من المتوقع أن يزور»
                   for t in tokens[start: at] for head, _ in readings(t.key))

    def _rule_parties(self, doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention]
                      ) -> list[str]:
        """The parties the window rules choose (the model's strongest single piece of evidence)."""
        if trigger.kind == "visit":
            return self._visit(doc, tokens, trigger, mentions)
        participants = self._people(doc, tokens, trigger, mentions)
        focus = self._focus(doc)
        with_someone = any(t.key == "مع" for t in tokens[trigger.index + 1: trigger.index + 4])
        if len(participants) == 1 and (not trigger.nominal or with_someone) and \
                focus not in (None, participants[0]) and \
                not any(doc.type_of(m.entity_id) == "Person" and m.last < trigger.index for m in mentions):
            # «والتقى … الرئيس الأفغاني أشرف غني»: the verb's subject is the story's protagonist.
            participants = [focus, participants[0]]
        if len(participants) < 2:
            states = self._states(doc, tokens, trigger, mentions)
            if len(participants) == 1:
                own = doc.records[participants[0]].country
                participants += [s for s in states if doc.records[s].country != own][:1]
            elif len(states) >= 2:
                participants = states
        return participants

    def _learned_parties(self, doc: Doc, s_index: int, trigger: Trigger, mentions: list[Mention],
                         rules: list[str]) -> list[str]:
        tokens = doc.sentences[s_index].tokens
        found = candidates(doc, tokens, trigger.index, mentions, self._focus(doc), trigger.kind == "visit")
        ruled = {p.split(":", 1)[1] if p.startswith("country:") else p for p in rules}
        featured = [(c, pair_features(doc, tokens, trigger.index, trigger.kind, trigger.nominal, c, found,
                                      c.entity in ruled or (c.label == "Place" and c.country in ruled)))
                    for c in found]
        if self.observer is not None:
            self.observer(doc, s_index, trigger, featured)
        if self.participation is None:
            return []
        # Two clause boundaries between a name and the trigger («… شددا خلال اتصال على أن تنفيذ القرارات التي
        # اتخذت خلال مؤتمر سوتشي»): another clause's encounter, whatever the model would say.
        scored = [(self.participation.probability(values), c) for c, values in featured
                  if values.get("clause_breaks", 0.0) < 2]
        return choose_parties(scored, trigger.kind, self.participation.threshold)

    def _focus(self, doc: Doc) -> str | None:
        """The person the story follows: the first party of the latest meeting, else the first named."""
        for meeting in reversed(doc.meetings):
            people = [p for p in meeting.participants if doc.type_of(p) == "Person"]
            if people:
                return people[0]
        if self._first_named is None or self._first_named[0] is not doc:
            first = min((m for m in doc.mentions if doc.type_of(m.entity_id) == "Person"),
                        key=lambda m: m.start, default=None)
            self._first_named = (doc, first.entity_id if first is not None else None)
        return self._first_named[1]

    def _people(self, doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention]) -> list[str]:
        found: list[str] = []
        for mention in mentions:
            if doc.type_of(mention.entity_id) != "Person":
                continue
            distance = mention.first - trigger.index
            if distance > _PERSON_WINDOW_AFTER or -distance > _PERSON_WINDOW:
                continue
            low, high = sorted((mention.last, trigger.index))
            if any(t.key in _CLAUSE_BREAKS or t.text in _CLAUSE_BREAKS for t in tokens[low + 1: high]):
                continue
            if mention.entity_id not in found:
                found.append(mention.entity_id)
        return found

    def _states(self, doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention]) -> list[str]:
        """States as the parties: «مشاورات روسية نرويجية», «أجرت موسكو مشاورات مع أوسلو»."""
        states: list[str] = []
        for mention in mentions:
            if doc.type_of(mention.entity_id) != "Country":
                continue
            distance = mention.first - trigger.index
            if mention.kind == "adjective":
                ok = trigger.nominal and 1 <= distance <= _PARTY_WINDOW
            else:
                ok = abs(distance) <= _PARTY_WINDOW and not self._speaker(tokens, mention)
                if ok and distance < 0 and any(t.key in TOPIC_CUES for t in tokens[max(0, mention.first - 2):
                                                                                   mention.first]):
                    ok = False
            if ok and mention.entity_id not in states:
                states.append(mention.entity_id)
        return states

    @staticmethod
    def _speaker(tokens: tuple[Token, ...], mention: Mention) -> bool:
        """«وقال الكرملين»: the state speaks about the event; it is not a party to it."""
        if mention.first == 0:
            return False
        return any(head in _STATEMENT_WORDS for head, _ in readings(tokens[mention.first - 1].key))

    def _visit(self, doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention]) -> list[str]:
        """Visitor and host state: «وصل وزير الخارجية الأمريكي ريكس تيلرسون إلى القاهرة» → [Tillerson, EG]."""
        people = [m for m in mentions if doc.type_of(m.entity_id) == "Person"]
        after = [m for m in people if 0 < m.first - trigger.index <= 8]
        before = [m for m in people if 0 < trigger.index - m.last <= 12 and not any(
            t.key in _VISIT_BREAKS or t.text in _VISIT_BREAKS for t in tokens[m.last + 1: trigger.index])]
        pronoun = tokens[trigger.index].key.endswith(("ه", "ها", "هم"))  # «زيارته»: the visitor came before
        visitor = (before[-1] if before else None) if pronoun or not after else after[0]
        visitor_id = visitor.entity_id if visitor is not None else self._focus(doc)
        if visitor_id is None:
            return []
        own = doc.records[visitor_id].country
        host = self._destination(doc, tokens, trigger, mentions, visitor, own)
        return [visitor_id, f"country:{host}"] if host else []

    def _destination(self, doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention],
                     visitor: Mention | None, own: str | None) -> str | None:
        candidates = []
        for mention in mentions:
            distance = mention.first - trigger.index
            record = doc.records[mention.entity_id]
            if not 0 < distance <= 20 or mention.kind == "adjective" or record.type not in {"Country", "Place"}:
                continue
            if record.country is None or record.country == own:
                continue
            if visitor is not None and mention.first <= visitor.last < trigger.index:
                continue
            before = tokens[mention.first - 1].key
            prefixed = mention.start > tokens[mention.first].start  # «لروسيا», «بموسكو»
            directed = before in _DESTINATION or prefixed or before in keys("زياره جوله") or distance == 1 \
                or (visitor is not None and mention.first == visitor.last + 1)
            candidates.append((not directed, distance, record.country))
        return min(candidates)[2] if candidates else None

    def _place(self, doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention]) -> str | None:
        best: tuple[int, str] | None = None
        for mention in mentions:
            record = doc.records[mention.entity_id]
            if record.type not in {"Place", "Organization"}:
                continue
            if record.type == "Organization" and not record.name.startswith("وزارة"):
                continue
            before = tokens[mention.first - 1].key if mention.first > 0 else ""
            prefixed = mention.start > tokens[mention.first].start and tokens[mention.first].key[0] == "ب"
            if before not in _LOCATIVE and before not in _DESTINATION and not prefixed:
                continue
            distance = abs(mention.first - trigger.index)
            if distance <= 14 and (best is None or distance < best[0]):
                best = (distance, mention.entity_id)
        return best[1] if best else None

    @staticmethod
    def _event_name(tokens: tuple[Token, ...], trigger: Trigger) -> str | None:
        words = []
        for token in tokens[trigger.index + trigger.length: trigger.index + trigger.length + 5]:
            if token.key in _NAME_ENDS or token.key in STOP_WORDS or token.key in VERBS or not token.key.isalpha():
                break
            words.append(token.text)
        if not words:
            return None
        return " ".join([tokens[trigger.index].text, *words])

    @staticmethod
    def _date(trigger: Trigger, offset: int, tokens: tuple[Token, ...], dates: list[DateMatch],
              triggers: list[Trigger]) -> DateMatch | None:
        """The day expression of the encounter at `trigger` (`dates` hold offsets into the sentence, which
        starts at `offset` in the text)."""
        if not dates:
            return None
        position = {token.start - offset: i for i, token in enumerate(tokens)}
        dates = [m for m in dates if not _statement_date(tokens, position.get(m.start), triggers, trigger)]
        anchor = tokens[trigger.index].start - offset
        # A date belongs to the trigger it is closest to; another event's date is not ours.
        def owner(match) -> Trigger:  # type: ignore[no-untyped-def]
            return min(triggers, key=lambda t: abs(tokens[t.index].start - offset - match.start))

        mine = [m for m in dates if owner(m) is trigger or KIND_CLASS[owner(m).kind] == KIND_CLASS[trigger.kind]]
        if not mine:  # one sentence, one occasion: «استقبلت … الأربعاء … في بداية زيارته»
            mine = [m for m in dates if not owner(m).anaphoric and not _reference(tokens, owner(m))]
        if not mine:
            return None
        return min(mine, key=lambda m: abs(m.start - anchor))

    @staticmethod
    def _topic(doc: Doc, tokens: tuple[Token, ...], mentions: list[Mention], participants: list[str]) -> str | None:
        for mention in mentions:
            record = doc.records[mention.entity_id]
            if record.type != "Country" or mention.entity_id in participants:
                continue
            window = tokens[max(0, mention.first - 3): mention.first]
            if any(head in TOPIC_CUES for t in window for head, _ in readings(t.key)):
                return record.country
        return None

    @staticmethod
    def _initiator(doc: Doc, tokens: tuple[Token, ...], trigger: Trigger, mentions: list[Mention],
                   participants: list[str]) -> str | None:
        if trigger.kind != "call":
            return None
        received = any(t.key in RECEIVED for t in tokens[max(0, trigger.index - 8): trigger.index])
        if received:
            after = [m.entity_id for m in mentions if m.first > trigger.index and m.entity_id in participants]
            return after[0] if after else None
        return None

    @staticmethod
    def _pairs(doc: Doc, draft: MeetingDraft, trigger: Trigger, mentions: list[Mention]) -> list[MeetingDraft]:
        """«التقى X مع A، والأمير B، والأمير C»: one subject meeting several people, one at a time."""
        people = [p for p in draft.participants if doc.type_of(p) == "Person"]
        if draft.type in {"summit", "conference", "visit"} or len(people) < 3:
            return [draft]
        first_seen = {}
        for mention in mentions:
            first_seen.setdefault(mention.entity_id, mention.first)
        before = [p for p in people if first_seen.get(p, 0) < trigger.index]
        after = [p for p in people if first_seen.get(p, 0) > trigger.index]
        if len(before) == 1 and len(after) >= 2:
            subject, others = before[0], after
        elif not before and len(after) >= 3:  # «التقى [subject] … مع A و B»
            subject, others = after[0], after[1:]
        else:
            return [draft]
        return [replace(draft, participants=[subject, other], evidence=list(draft.evidence)) for other in others]

    @staticmethod
    def _inherit_dates(doc: Doc) -> None:
        """An encounter the article tells without a date of its own happened on the article's occasion:
        the nearest dated encounter before it (or else after it)."""
        dated = [m for m in doc.meetings if m.date is not None and m.status == "happened"]
        for meeting in doc.meetings:
            if meeting.date is not None or meeting.status != "happened" or not dated or meeting.undatable:
                continue
            earlier = [m for m in dated if m.sentence <= meeting.sentence]
            source = earlier[-1] if earlier else min(dated, key=lambda m: m.sentence)
            meeting.date = source.date

    # -- anaphora and merging ----------------------------------------------------------------------

    def _anaphora(self, doc: Doc, s_index: int, triggers: list[Trigger], mentions: list[Mention]) -> None:
        """«وأشار البيان إلى أن الاتصال تم بمبادرة من الجانب الكازاخي»: adds to the last such event."""
        tokens = doc.sentences[s_index].tokens
        for trigger in triggers:
            target = next((m for m in reversed(doc.meetings)
                           if KIND_CLASS[m.type] == KIND_CLASS[trigger.kind]), None)
            if target is None:
                continue
            cue = next((i for i, t in enumerate(tokens) if any(h in INITIATIVE for h, _ in readings(t.key))),
                       None)
            if cue is None or trigger.kind != "call":
                continue
            for mention in mentions:
                if mention.first > cue and doc.type_of(mention.entity_id) == "Country":
                    side = doc.records[mention.entity_id].country
                    initiator = next((p for p in target.participants if doc.records[p].country == side), None)
                    if initiator:
                        target.initiator = initiator
                        span = (doc.sentences[s_index].start, doc.sentences[s_index].end)
                        if span not in target.evidence:
                            target.evidence.append(span)
                    break

    @staticmethod
    def _merge(doc: Doc, draft: MeetingDraft) -> None:
        """A draft joins the article's meeting it is the same event as (loader.extract.events, the rule used
        across articles too), or becomes a meeting of its own."""
        published = doc.article.published
        when = plausible_days(draft.date, draft.period, draft.status, published, draft.recalled)
        for existing in doc.meetings:
            named = draft.name is not None and existing.name is not None and draft.name == existing.name
            if not named and not (draft.participants and same_event(
                    existing.type, frozenset(existing.participants),
                    plausible_days(existing.date, existing.period, existing.status, published, existing.recalled),
                    draft.type, frozenset(draft.participants), when)):
                continue
            existing.evidence.extend(span for span in draft.evidence if span not in existing.evidence)
            existing.date = existing.date or draft.date
            existing.date_text = existing.date_text or draft.date_text
            existing.period = existing.period or draft.period
            existing.place = existing.place or draft.place
            existing.topic = existing.topic or draft.topic
            existing.initiator = existing.initiator or draft.initiator
            if draft.status == "happened":
                existing.status = "happened"
            existing.recalled = existing.recalled and draft.recalled  # one report of it as news: not background
            return
        doc.meetings.append(draft)
