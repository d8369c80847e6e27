"""Entity components: gazetteer look-up, people found by title patterns, and document memory that
resolves a later bare surname («بوتين») to the person introduced earlier."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from loader.extract.doc import Doc, Mention
from loader.extract.gazetteer import EntityRecord, Gazetteer, LexiconEntry, slug
from loader.extract.lexicon import (
    NAME_CONNECTORS,
    NAMED_AFTER,
    OFFICE_HEADS,
    ON_BEHALF,
    ROYAL_HEADS,
    STOP_WORDS,
    TITLE_BODY,
    TITLE_HEADS,
    TRIGGER_KEYS,
    VERBS,
    keys,
)
from loader.extract.namegate import NameGate, Proposal, name_like_word
from loader.extract.ner import PersonTagger
from loader.extract.text import (
    ARABIC_WORD,
    VERB_SHAPE,
    Token,
    name_skeleton,
    phrase_key,
    proclitic_splits,
    readings,
    skeleton,
)
from loader.extract.translit import transliterate
from loader.extract.wordstats import load_word_stats

_MAX_NAME_TOKENS = 4
_GROUP_HEADS = keys("الرئيسين الرئيسان رئيسا الوزيرين الوزيران وزيرا الزعيمين الزعيمان الرؤساء الوزراء القادة")
# «نور الدين», «عبد الله», «صلاح الدين»: a definite word that completes a first name.
_COMPOUND_FIRST = keys("نور صلاح عز سيف بهاء محي محيي علاء شمس جمال ضياء تاج فخر زين نصر سعد خير حسام عماد")
_COMPOUND_SECOND = keys("الدين الله الإسلام الرحمن الرحيم العزيز الحق الدولة")
# What may stand right before a name that is followed by its title.
_NAME_BOUNDARY = keys("""أمس اليوم مع استقبل استقبلت التقى التقت يستقبل يلتقي بحث وبحث ناقش هاتف هاتفيا اتصالا
مساء صباح الليلة ظهر قال وقال أكد وأكد أعلن وأعلن أوضح وأوضح كشف وكشف ذكر وذكر أشار وأشار""")
_TOWARDS = keys("إلى الى لدى في")
_REGION_WORDS = keys("جمهورية إقليم ولاية مقاطعة منطقة")
_ORDINALS = keys("الأول الثاني الثالث الرابع الخامس السادس الأولى الثانية الثالثة")
_FIRSTVERB_SHAPE = re.compile(r"^(يت|يؤ|تؤ|تت)..")
# Pronoun suffixes («ارتياحهما», «بلادهم») never end a personal name.
_PRONOUN_SUFFIX = re.compile(r"(هما|هم|هن|كما|كم|نا|ها)$")


def person_skeletons(gazetteer: Gazetteer) -> dict[str, str]:
    """Skeleton of every full name and variant of the curated people → their id (see Doc.known_people).
    Skeletons two people share are left out: the spelling could be either."""
    owners: dict[str, set[str]] = {}
    for record in gazetteer.records.values():
        if record.type == "Person":
            for form in (record.name, *record.aliases):
                key = name_skeleton(phrase_key(form))
                if " " in key:  # full names only: a lone surname is the document memory's business
                    owners.setdefault(key, set()).add(record.id)
    return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}


def _given_names() -> frozenset[str]:
    from loader.extract.ner import gazetteers

    return gazetteers().get("name", frozenset())


def named_after(tokens: tuple[Token, ...], first: int) -> bool:
    """Whether a name at `first` names something else after the person («مركز الملك سلمان», «جامعة الملك
    عبدالعزيز»), or an office held on another's behalf («نائب خادم الحرمين الشريفين»)."""
    if first == 0:
        return False
    before = tokens[first - 1].key
    return any(form in NAMED_AFTER or form in ON_BEHALF for form, _ in readings(before))


def part_of_longer_name(tokens: tuple[Token, ...], first: int, last: int) -> bool:
    """Whether the words first..last are hemmed in by more name («عمر الحريري», «شكري بلعيد»), so that a bare
    surname there belongs to somebody else: a given name just before, or a name-like word just after."""
    before = tokens[first - 1].key if first > 0 else ""
    after = tokens[last + 1].key if last + 1 < len(tokens) else ""
    function_word = before in STOP_WORDS or (len(before) > 2 and before[0] in "وفبلك" and before[1:] in STOP_WORDS)
    given_before = bool(before) and before in _given_names() and not function_word and \
        _name_shaped(before, False)  # «بأن» is ب + «أن», not the name «بان»
    return given_before or (bool(after) and _name_shaped(after, True) and name_like_word(after))


class GazetteerMatcher:
    """Longest match of known names (countries, adjectives, seats, places, organisations, people).

    A capital that stands for its state («قالت موسكو») is a Country mention; after a locative
    («في موسكو», «بموسكو», «إلى موسكو») it is the city, a Place.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._heads: dict[str, tuple[tuple[str, int], ...]] = {}

    def heads(self, key: str) -> tuple[tuple[str, int], ...]:
        """The token's readings (whole, or proclitic + rest) that can open a gazetteer name."""
        found = self._heads.get(key)
        if found is None:
            found = tuple((h, p) for h, p in readings(key) if h in self.gazetteer.first_words)
            if len(self._heads) < 500_000:
                self._heads[key] = found
        return found

    def __call__(self, doc: Doc) -> None:
        for s_index, sentence in enumerate(doc.sentences):
            tokens = sentence.tokens
            i = 0
            while i < len(tokens):
                match = self.match_at(tokens, i) if self.heads(tokens[i].key) else None
                if match is None:
                    i += 1
                    continue
                entry, length, prefix = match
                entity_id, kind = entry.entity_id, entry.kind
                if entity_id.startswith("person:") and (
                        (length == 1 and part_of_longer_name(tokens, i, i)) or named_after(tokens, i)):
                    i += length  # «شكري بلعيد» is not Sameh Shoukry; «مركز الملك سلمان» is not the King
                    continue
                if entry.place is not None and _locative(tokens, i, prefix):
                    entity_id, kind = entry.place, "name"
                doc.add(Mention(entity_id, kind, s_index, i, i + length - 1,
                                tokens[i].start + prefix, tokens[i + length - 1].end))
                i += length

    def match_at(self, tokens: tuple[Token, ...], i: int) -> tuple[LexiconEntry, int, int] | None:
        heads = self.heads(tokens[i].key)
        if not heads:
            return None
        remaining = len(tokens) - i
        lengths = sorted({n for head, _ in heads for n in self.gazetteer.lengths[head] if n <= remaining},
                         reverse=True)
        for length in lengths:
            rest = tuple(token.key for token in tokens[i + 1: i + length])
            for head, prefix in heads:
                entry = self.gazetteer.lookup((head, *rest))
                if entry is not None:
                    return entry, length, prefix
        return None


_LOCATIVES = keys("في إلى الى من بمدينة مدينة العاصمة بالعاصمة عاصمة وصل يصل ووصل")


def _locative(tokens: tuple[Token, ...], i: int, prefix: int) -> bool:
    if prefix and tokens[i].key[prefix - 1] == "ب":
        return True
    return i > 0 and tokens[i - 1].key in _LOCATIVES


def _strip_proclitic(key: str, lexicon: frozenset[str]) -> str | None:
    for head, _ in readings(key):
        if head in lexicon:
            return head
    return None


def is_title_head(token: Token) -> bool:
    return _strip_proclitic(token.key, TITLE_HEADS) is not None


def _is_name_token(token: Token, position: int) -> bool:
    return _name_shaped(token.key, position > 0)


@lru_cache(maxsize=300_000)
def _name_shaped(key: str, inside: bool) -> bool:
    """Whether a word can be part of a personal name, at its start (inside=False) or further on."""
    position = 1 if inside else 0
    if not ARABIC_WORD.match(key) or len(key) < 2:
        return False
    if key in STOP_WORDS or key in VERBS or key in TITLE_HEADS or key in TITLE_BODY:
        return False
    if position > 0 and key.startswith("و"):
        return False  # «… ووزير» / «… وأردوغان»: a coordinated new phrase, not the rest of this name
    if (len(key) > 5 and _PRONOUN_SUFFIX.search(key)) or (len(key) > 4 and key.endswith(("ته", "تها", "اته"))):
        return False  # «ارتياحهما», «زيارته»: a pronoun suffix ends no personal name
    if position > 0 and (VERB_SHAPE.match(key) or (key[0] in "اأ" and key.endswith("ت") and 4 <= len(key) <= 6)):
        return False  # «يتطلع», «أقامت»: verbs follow the name, they are not part of it
    if position > 0 and key.startswith(("لل", "بال", "وال", "فال", "كال")):
        return False  # «… للصحفيين»: a preposition phrase follows the name
    if position == 0 and (_FIRSTVERB_SHAPE.match(key) or (key.endswith("ات") and len(key) >= 5)):
        return False  # «يؤدي», «ملفات»: a verb or a plural noun does not open a name
    if position > 0 and key.startswith("ال") and key.endswith(("ات", "ون", "ين")) and key not in _COMPOUND_SECOND:
        return False  # «… هادي المليشيات»: a plural noun, not a family name
    stripped = key[1:] if key[0] in "وف" else key
    return not (stripped in STOP_WORDS or stripped in VERBS or stripped in TITLE_HEADS)


# Nouns that open the rest of an office's name after a title, never a person's name.
_INSTITUTION_HEADS = keys("""منطقة حقوق شؤون مجلس هيئة لجنة جامعة مدينة محافظة إدارة دائرة مؤسسة اتحاد قطاع""")


def _institution_phrase(tokens: list[Token], name: list[int]) -> bool:
    """Whether the tokens after a title continue the office rather than name its holder: an institution noun
    («منطقة عسير»), or ل + noun + definite noun («لكرة القدم», «لرعاية الشباب») unless the first word, with
    or without the ل, is a known name word («لويس», «لعلي»)."""
    first = tokens[name[0]].key
    if first in _INSTITUTION_HEADS:
        return True
    if len(name) < 2 or not first.startswith("ل") or first.startswith("لل") or len(first) < 4:
        return False
    from loader.extract.ner import gazetteers

    names = gazetteers().get("name", frozenset())
    # «لعلي الحجار» is ل + a name: left alone, unlike «لكرة القدم».
    return tokens[name[1]].key.startswith("ال") and first not in names and first[1:] not in names


# A proclitic is read off the front of a name only when the rest is far more frequent on its own.
CLITIC_RATIO = 10
CLITIC_MIN_COUNT = 20


def name_proclitic(key: str) -> int:
    """How many letters at the front of a name's first word are a proclitic, not the name: «وفيصل», «لدونالد»,
    «وترامب» → 1. «فيكتور», «فادي», «فراس», «لبنى», «وليد» keep theirs: a known given name is never split, and
    otherwise the rest must be a known given name or far more frequent than the whole word in the corpus."""
    from loader.extract.ner import gazetteers

    names = gazetteers().get("name", frozenset())
    if key in names:
        return 0
    stats = load_word_stats()
    whole = stats.count(key)
    for rest, stripped in proclitic_splits(key):
        if len(rest) < 3 or rest.startswith("ال"):
            continue
        alone = stats.count(rest)
        if rest in names or (alone >= CLITIC_MIN_COUNT and alone >= CLITIC_RATIO * max(1, whole)):
            return stripped
    return 0


class PersonFinder:
    """People introduced by a title phrase: head (+ portfolio, body, nationality) + 1–4 name tokens.

    «الرئيس اليمني، عبدربه منصور هادي»; «وزير خارجية روسيا سيرغي لافروف»; «نظيره التركي …»; and the
    coordinated dual «الرئيسين الروسي … والكازاخستاني …» where each adjective opens the next name.
    A title phrase without a name («ولي العهد السعودي») then refers to the one person the article
    introduced with the same office and state.

    With a `gate` (loader.extract.namegate), every name a rule proposes is confirmed, trimmed or extended
    before it becomes a person.
    """

    def __init__(self, gate: NameGate | None = None) -> None:
        self.gate = gate

    def _checked(self, doc: Doc, s_index: int, name: list[int], via: str, country: str | None,
                 royal: bool = False) -> list[int]:
        if self.gate is None or not name:
            return name
        tokens = doc.sentences[s_index].tokens
        if name_skeleton([tokens[t].key for t in name]) in doc.known_people:
            return name  # a curated person's name under another spelling needs no second opinion
        return self.gate(Proposal(tokens, tuple(name), via, country is not None, royal))

    def __call__(self, doc: Doc) -> None:
        offices: dict[tuple[str, str, str], set[str]] = {}
        unnamed: list[tuple[int, int, int, tuple[str, str, str]]] = []
        by_sentence = doc.mentions_by_sentence()
        for s_index, sentence in enumerate(doc.sentences):
            tokens = sentence.tokens
            covered = {t: m for m in by_sentence.get(s_index, []) for t in range(m.first, m.last + 1)}
            i = 0
            while i < len(tokens):
                if doc.taken(s_index, i) or not is_title_head(tokens[i]) or named_after(tokens, i):
                    i += 1
                    continue
                end, person, office = self._title_phrase(doc, s_index, i, covered)
                if office is not None and person is not None:
                    offices.setdefault(office, set()).add(person)
                elif office is not None and end > i:
                    unnamed.append((s_index, i, end - 1, office))
                i = max(end, i + 1)
        for s_index, first, last, office in unnamed:
            people = offices.get(office, set())
            if len(people) == 1 and not any(doc.taken(s_index, t) for t in (first,)):
                tokens = doc.sentences[s_index].tokens
                start = tokens[first].start + _proclitic_length(tokens[first].key)
                doc.add(Mention(next(iter(people)), "office", s_index, first, last, start, tokens[last].end))

    def _title_phrase(self, doc: Doc, s_index: int, head: int,
                      covered: dict[int, Mention]) -> tuple[int, str | None, tuple[str, str, str] | None]:
        """Returns (first token after the phrase, the person named, the office as (title, state))."""
        tokens = doc.sentences[s_index].tokens
        country: str | None = None
        royal = _strip_proclitic(tokens[head].key, ROYAL_HEADS) is not None
        j = head + 1
        while j < len(tokens) and j - head <= 7:
            mention = covered.get(j)
            if mention is not None and doc.type_of(mention.entity_id) in {"Country", "Organization"}:
                if doc.type_of(mention.entity_id) == "Country":
                    country = country or doc.records[mention.entity_id].country
                j = mention.last + 1
                continue
            key = tokens[j].key
            previous = tokens[j - 1].key
            following = covered.get(j + 1)
            if key in _TOWARDS and following is not None and doc.type_of(following.entity_id) == "Country":
                j = following.last + 1  # «المبعوث إلى اليمن …»: the state is the posting, not the envoy's own
                continue
            if (key == "الله" and previous == "ايه") or previous in _REGION_WORDS:
                j += 1  # «آية الله», «رئيس جمهورية الشيشان»
                continue
            if key in TITLE_BODY or key in TITLE_HEADS or tokens[j].text == "،":
                royal = royal or key in ROYAL_HEADS
                j += 1
                continue
            break
        portfolio = tokens[head + 1].key if head + 1 < j and tokens[head + 1].key in TITLE_BODY else ""
        office = _office(tokens[head].key, portfolio, country)
        title_end = j - 1
        while title_end > head and tokens[title_end].text == "،":
            title_end -= 1
        title = (tokens[head].start + _proclitic_length(tokens[head].key), tokens[title_end].end)
        if country is not None or portfolio:
            before = self._checked(doc, s_index, self._name_before(doc, s_index, head), "apposition", country)
            if len(before) >= 2:  # «آشتون كارتر وزير الدفاع الأميركي»: the name stands before its title
                entity_id = self._register(doc, s_index, before, country, via="apposition")
                doc.titles.setdefault(entity_id, title)
                return j, entity_id, office
        person = covered.get(j)
        if person is not None and doc.type_of(person.entity_id) == "Person":
            record = doc.records[person.entity_id]
            if record.country is None and country is not None:
                doc.records[person.entity_id] = replace(record, country=country)  # never mutate the gazetteer
            doc.titles.setdefault(person.entity_id, title)
            return self._coordinated(doc, s_index, person.last + 1, covered, title), person.entity_id, office
        if country is None and tokens[head].key in _GROUP_HEADS:
            return j, None, None  # «الرئيسين أبديا …»: a dual or plural title names people only with states
        name = self._checked(doc, s_index, self._name_tokens(doc, s_index, j), "title", country, royal)
        if royal and name and name[-1] + 1 < len(tokens) and tokens[name[-1] + 1].key in _ORDINALS:
            name.append(name[-1] + 1)  # «الملكة إليزابيث الثانية»
        if len(name) == 1 and not self._lone_name_ok(tokens, name[0], country, royal):
            name = []
        if len(name) >= 2 and all(tokens[t].key.endswith("ا") for t in name):
            name = []  # «هجوما لاذعا»: indefinite accusative nouns, not a name
        if name and _institution_phrase(tokens, name):
            name = []  # «رئيس الاتحاد السعودي لكرة القدم», «أمير منطقة عسير»: the rest of the office
        if not name:
            while j > head + 1 and tokens[j - 1].text == "،":
                j -= 1
            return j, None, office
        known = covered.get(name[-1] + 1)
        if known is not None and doc.type_of(known.entity_id) == "Person":
            # «عادل بن أحمد» + known «الجبير»: one longer form of the person already known.
            self._extend(doc, known, name[0], tokens)
            doc.titles.setdefault(known.entity_id, title)
            return known.last + 1, known.entity_id, office
        entity_id = self._register(doc, s_index, name, country)
        doc.titles.setdefault(entity_id, title)
        end = self._coordinated(doc, s_index, name[-1] + 1, covered, title)
        return end, entity_id, office

    def _coordinated(self, doc: Doc, s_index: int, end: int, covered: dict[int, Mention],
                     title: tuple[int, int]) -> int:
        """«الرئيسين الروسي X والكازاخستاني Y»: a coordinated adjective opens the next person."""
        tokens = doc.sentences[s_index].tokens
        adjective = covered.get(end)
        if adjective is None or adjective.kind != "adjective" or not tokens[end].key.startswith("و"):
            return end
        country = doc.records[adjective.entity_id].country
        known = covered.get(adjective.last + 1)
        if known is not None and doc.type_of(known.entity_id) == "Person":
            doc.titles.setdefault(known.entity_id, (title[0], adjective.end))
            return known.last + 1
        second = self._checked(doc, s_index, self._name_tokens(doc, s_index, adjective.last + 1), "coordinated",
                               country)
        if not second:
            return end
        other = self._register(doc, s_index, second, country)
        doc.titles.setdefault(other, (title[0], adjective.end))
        return second[-1] + 1

    def _name_before(self, doc: Doc, s_index: int, head: int) -> list[int]:
        tokens = doc.sentences[s_index].tokens
        if head > 0 and tokens[head].key[:1] in {"و", "ف"} and tokens[head].key[1:] in TITLE_HEADS:
            return []  # «… ووزير الخارجية»: a new coordinated title, not an apposition
        name: list[int] = []
        k = head - 1
        if k > 0 and tokens[k].text == "،":
            k -= 1  # «زيجمار جابريل، وزير الاقتصاد الألماني»
        while k >= 0 and len(name) < 3 and not doc.taken(s_index, k):
            token = tokens[k]
            if not (_is_name_token(token, 1) or token.key in NAME_CONNECTORS):
                break
            name.insert(0, k)
            k -= 1
        while name and tokens[name[0]].key in NAME_CONNECTORS:
            name.pop(0)
        if len(name) < 2:
            return []
        boundary = tokens[k] if k >= 0 else None
        if boundary is not None:
            key = boundary.key[1:] if boundary.key[:1] in {"و", "ف"} else boundary.key
            if not (doc.taken(s_index, k) or not boundary.key.isalpha() or key in _NAME_BOUNDARY
                    or key in VERBS or (key,) in TRIGGER_KEYS):
                return []
        return name

    @staticmethod
    def _extend(doc: Doc, known: Mention, first: int, tokens: tuple[Token, ...]) -> None:
        known.start = tokens[first].start
        for token in range(first, known.first):
            doc.take(known.sentence, token)
        known.first = first

    @staticmethod
    def _lone_name_ok(tokens: tuple[Token, ...], index: int, country: str | None, royal: bool) -> bool:
        """One word is a name after a royal title («الأمير تشارلز») or a title with a state
        («الرئيس الروسي بوتين»), unless it looks like a preposition phrase («نظيره الروسي بنجاح»)."""
        if tokens[index].key[0] in "بلكوف" or tokens[index].key.startswith("ال"):
            return False
        if royal:
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            return following is None or not following.key.isalpha() or following.key in TITLE_HEADS \
                or following.key.startswith("و") or following.key in STOP_WORDS or following.key in VERBS
        return country is not None

    def _name_tokens(self, doc: Doc, s_index: int, start: int) -> list[int]:
        tokens = doc.sentences[s_index].tokens
        name: list[int] = []
        j = start
        words = 0
        while j < len(tokens) and words < _MAX_NAME_TOKENS:
            if doc.taken(s_index, j):
                break
            token = tokens[j]
            if token.key in NAME_CONNECTORS and name:
                name.append(j)
                j += 1
                if j < len(tokens) and tokens[j].key.isalpha() and tokens[j].key in TITLE_HEADS:
                    name.append(j)  # «إسماعيل ولد الشيخ»: after a connector even a title word is the name
                    words += 1
                    j += 1
                continue
            if not _is_name_token(token, len(name)):
                break
            name.append(j)
            words += 1
            j += 1
            previous = tokens[name[-2]].key if len(name) >= 2 else ""
            compound = previous in NAME_CONNECTORS or previous in _COMPOUND_FIRST or token.key in _COMPOUND_SECOND
            if token.key.startswith("ال") and len(name) >= 2 and not compound:
                break  # «سعد الحريري»: a definite surname closes the name, «نور الدين …» does not
        while name and tokens[name[-1]].key in NAME_CONNECTORS:
            name.pop()
        return name

    def _register(self, doc: Doc, s_index: int, name: list[int], country: str | None, via: str = "title") -> str:
        tokens = doc.sentences[s_index].tokens
        first, last = name[0], name[-1]
        clitic = name_proclitic(tokens[first].key)  # «ورونالد لويس», «لدونالد روب»: not part of the name
        start = tokens[first].start + clitic
        text = doc.article.text[start:tokens[last].end]
        key = name_skeleton([tokens[first].key[clitic:], *(tokens[t].key for t in name[1:])])
        known = doc.known_people.get(key)
        if known is not None:  # a curated person under a spelling the list lacks: an alias, never a new node
            record = doc.records[known]
            doc.records[known] = replace(  # a copy: the gazetteer's record is shared by every article
                record, country=record.country or country,
                aliases=record.aliases + ([text] if text != record.name and text not in record.aliases else []))
            doc.add(Mention(known, via, s_index, first, last, start, tokens[last].end))
            return known
        # The id is the spelling-insensitive skeleton of the full name, so «نزارباييف» and «نزاربايف»,
        # in this article or any other, are one person.
        entity_id = f"person:{slug(transliterate(key)) or key}"
        record = doc.records.get(entity_id)
        if record is None:
            doc.records[entity_id] = EntityRecord(entity_id, "Person", text, None, country,
                                                  translit=transliterate(text), skeleton=key)
        else:
            if country and not record.country:
                record.country = country
            if len(text) > len(record.name):
                record.aliases.append(record.name)
                record.name = text
        doc.add(Mention(entity_id, via, s_index, first, last, start, tokens[last].end))
        return entity_id


# Words that open a compound given name with the word after them («عبد اللطيف», «أبو بكر»).
_COMPOUND_OPENERS = keys("عبد أبو ابو")
# A word seen fewer times than this in the 50k-article corpus is rare enough to be a foreign name worth
# showing to the tagger (common words are far more frequent).
RARE_WORD_COUNT = 5
# Below this commonness (wordstats) a word may be part of a name for the purpose of choosing windows.
NAME_COMMONNESS = 0.5


class StatisticalPersons:
    """People the title patterns miss («قال جاريد كوشنر …»), from the CRF tagger trained on ANERcorp.

    Only spans of two or more name-shaped words that no other component has claimed are taken; a lone
    word or a span overlapping a known name is left to the rules and the document memory.
    """

    def __init__(self, tagger: PersonTagger | None = None, gate: NameGate | None = None) -> None:
        from loader.extract.ner import gazetteers

        self.tagger = tagger or PersonTagger()
        self.gate = gate
        self.stats = load_word_stats()
        self.given_names = gazetteers().get("name", frozenset())

    def _known_name(self, token: Token) -> bool:
        """A known given name, or a word the corpus has (almost) never seen, as foreign names are."""
        key = token.key[2:] if token.key.startswith("ال") else token.key
        if key in self.given_names or (key[:1] in "وفبل" and key[1:] in self.given_names):
            return True
        return len(token.key) >= 3 and self.stats.count(token.key) < RARE_WORD_COUNT

    def _name_word(self, token: Token) -> bool:
        """A word whose corpus behaviour allows a name: rare, or seldom with «ال» or a pronoun suffix."""
        commonness = self.stats.commonness(token.key)
        return commonness is None or commonness < NAME_COMMONNESS

    def _promising(self, stretch: tuple[Token, ...]) -> bool:
        """Two neighbouring words of which one is a known given name or a rare word and the other behaves like
        a name in the corpus: worth the tagger's time."""
        return any((self._known_name(a) and self._name_word(b)) or (self._name_word(a) and self._known_name(b))
                   for a, b in itertools.pairwise(stretch))

    def _windows(self, doc: Doc, s_index: int, tokens: tuple[Token, ...]) -> list[tuple[int, int]]:
        """Stretches around two or more neighbouring name-shaped words no other component has claimed,
        one of them a known personal name, with the three words before and two after that the tagger's
        features look at."""
        runs: list[tuple[int, int]] = []
        run_start = None
        for index in range(len(tokens) + 1):
            free = index < len(tokens) and not doc.taken(s_index, index) and _is_name_token(tokens[index], 1)
            if free and run_start is None:
                run_start = index
            elif not free and run_start is not None:
                if index - run_start >= 2 and self._promising(tokens[run_start:index]):
                    runs.append((max(0, run_start - 3), min(len(tokens), index + 2)))
                run_start = None
        merged: list[tuple[int, int]] = []
        for low, high in runs:
            if merged and low <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
            else:
                merged.append((low, high))
        return merged

    def __call__(self, doc: Doc) -> None:
        finder = PersonFinder()
        for s_index, sentence in enumerate(doc.sentences):
            tokens = sentence.tokens
            if len(tokens) < 3:
                continue
            for low, high in self._windows(doc, s_index, tokens):
                for start, end in self.tagger.persons([t.text for t in tokens[low:high]]):
                    span = list(range(low + start, low + end))
                    while span[0] > 0 and tokens[span[0] - 1].key in _COMPOUND_OPENERS and \
                            not doc.taken(s_index, span[0] - 1):
                        span.insert(0, span[0] - 1)  # «عبد اللطيف الزياني»: the tagger often leaves «عبد» out
                    if len(span) < 2 or any(doc.taken(s_index, t) for t in span) or named_after(tokens, span[0]) or \
                            tokens[span[0]].key in NAME_CONNECTORS:
                        continue  # «بن سلمان» is a known name's tail, not a new person
                    if not all(_is_name_token(tokens[t], i) or tokens[t].key in NAME_CONNECTORS
                               for i, t in enumerate(span)):
                        continue
                    if self.gate is not None:  # the tagger's spans pass the same precision gate as the rules'
                        span = self.gate(Proposal(tokens, tuple(span), "crf", False, False))
                        if len(span) < 2 or any(doc.taken(s_index, t) for t in span):
                            continue
                    finder._register(doc, s_index, span, None, via="crf")


def _office(head_key: str, portfolio: str, country: str | None) -> tuple[str, str, str] | None:
    """(title, portfolio, state): «وزير الخارجية القطري» → ("وزير", "الخارجيه", "QA")."""
    bare = _strip_proclitic(head_key, OFFICE_HEADS)
    if bare is None or (country is None and not portfolio):
        return None
    return (bare[2:] if bare.startswith("ال") else bare, portfolio, country or "")


def _proclitic_length(key: str) -> int:
    for head, stripped in readings(key):
        if head in TITLE_HEADS:
            return stripped
    return 0


@lru_cache(maxsize=300_000)
def _memory_key(key: str) -> str:
    shape = skeleton(key)
    return shape if len(shape) >= 3 else "=" + key  # a two-letter skeleton matches too much


# Mention kinds of people found in this article's text (not from the gazetteer): by a title before the name,
# by a title after it, by the statistical tagger.
FOUND_NAME_KINDS = frozenset({"title", "apposition", "crf"})


class DocumentMemory:
    """Later bare mentions of a person found by pattern: the surname, or first + last name."""

    def __call__(self, doc: Doc) -> None:
        surnames: dict[str, str] = {}
        for mention in doc.mentions:
            if mention.kind not in FOUND_NAME_KINDS:
                continue
            tokens = doc.sentences[mention.sentence].tokens
            last = tokens[mention.last].key
            if len(last) >= 3 and last not in STOP_WORDS and mention.last > mention.first:
                surnames.setdefault(_memory_key(last), mention.entity_id)
        if not surnames:
            return
        for s_index, sentence in enumerate(doc.sentences):
            for t_index, token in enumerate(sentence.tokens):
                if doc.taken(s_index, t_index) or not ARABIC_WORD.match(token.key):
                    continue
                for head, prefix in readings(token.key):
                    entity_id = surnames.get(_memory_key(head)) if len(head) >= 3 else None
                    if entity_id is not None and not part_of_longer_name(sentence.tokens, t_index, t_index):
                        doc.add(Mention(entity_id, "memory", s_index, t_index, t_index,
                                        token.start + prefix, token.end))
                        break
