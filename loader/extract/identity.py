"""Person identity: when two names found in text are one person, and when they must not be.

One name is another person's name at a different length or spelling when their words line up: the same
given name (a short form of it allowed: «جيم» / «جيمس»), the same family name, and every word of the shorter
name found in order in the longer one («عمر البشير» / «عمر حسن البشير»; «محمد بن نايف» / «محمد بن نايف بن
عبد العزيز آل سعود»; «كيم جونغ» / «كيم جونغ أون»). Words compare by their consonant skeleton with the /g/
and initial ي/ج spellings of foreign names folded («كيم يونغ أون» / «كيم جونغ أون»). A different father in a
«بن» chain, or a different word where both names have one, keeps two people apart: «عبد الله بن عبد العزيز» is
not «عبد الله بن مساعد», and «تميم بن حمد» is not «حمد بن خليفة».

Used twice: inside an article (PersonIdentity, below: the short forms an article uses join the full name it
gives) and across articles when a batch is written (loader/resolve.py: a later load joins the existing node).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from loader.extract.doc import Doc
from loader.extract.lexicon import NAME_CONNECTORS
from loader.extract.text import match_key, skeleton

_PATRONYMIC = frozenset(match_key(w) for w in ("بن", "بنت", "ابن"))


@lru_cache(maxsize=100_000)
def name_words(name: str) -> tuple[str, ...]:
    """Folded words of a name, «عبد X» joined into one word and hyphens dropped («جونغ-أون»)."""
    words = match_key(name.replace("-", " ").replace("_", " ")).split()
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] == "عبد" and word not in NAME_CONNECTORS:
            joined[-1] = "عبد" + word
        else:
            joined.append(word)
    return tuple(joined)


@lru_cache(maxsize=200_000)
def loose(word: str) -> str:
    """A word's skeleton with the spellings foreign names vary in folded: initial ي/ج («يونغ» / «جونغ»)."""
    shape = skeleton(word)
    return "ج" + shape[1:] if shape.startswith("ي") and len(word) > 3 else shape


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in NAME_CONNECTORS]


def _father(words: Sequence[str]) -> str | None:
    """The word after the first «بن» («محمد بن نايف …» → «نايف»)."""
    for i, word in enumerate(words[:-1]):
        if word in _PATRONYMIC:
            return loose(words[i + 1])
    return None


def _same_given(a: str, b: str) -> bool:
    la, lb = loose(a), loose(b)
    if la == lb:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short)  # «جيم» / «جيمس», «مايك» / «مايكل»


def compatible(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether names `a` and `b` (name_words) can be one person: see the module's rules."""
    ca, cb = _content(a), _content(b)
    if not ca or not cb or not _same_given(ca[0], cb[0]):
        return False
    fa, fb = _father(a), _father(b)
    if fa is not None and fb is not None and fa != fb:
        return False  # «عبد الله بن عبد العزيز» / «عبد الله بن مساعد»
    short, long_ = sorted((ca, cb), key=len)
    if len(short) == 1:
        return False  # a lone given name is anybody's: the article decides, not the string
    # Every later word of the shorter name, in order, among the later words of the longer one: «خالد محمد
    # العتيبي» and «خالد سعد العتيبي» share given and family name and still are two people.
    rest = [loose(w) for w in long_[1:]]
    position = 0
    for word in (loose(w) for w in short[1:]):
        try:
            position = rest.index(word, position) + 1
        except ValueError:
            return False
    return True


def display_name(counts: dict[str, int]) -> str:
    """A person's display name from the forms articles gave it and how many articles gave each: the most common
    form of two words or more (a lone surname never wins), the fuller form on a tie. A name that swallowed a
    word in one article («باراك أوباما الجدل») never outweighs the form most articles use."""
    def rank(form: str) -> tuple[bool, int, int, str]:
        words = len(_content(name_words(form)))
        return words >= 2, counts[form], words, form

    return max(counts, key=rank)


def resolution_keys(words: Sequence[str]) -> tuple[str, str]:
    """Two look-up keys under which a name's other forms are found across articles: the first three letters of
    the given name with the last name word, and with the second («عبداللطيف بن راشد الزياني» is found by
    «عبداللطيف الزياني»'s first key, «محمد بن نايف بن عبد العزيز آل سعود» by «محمد بن نايف»'s second)."""
    content = _content(words)
    if not content:
        return "", ""
    given = content[0][:3]
    last = loose(content[-1])
    second = loose(content[1]) if len(content) > 1 else ""
    return f"{given}|{last}", f"{given}|{second}"


class PersonIdentity:
    """Inside one article: a person named by a shorter form («كيم جونغ», «الأمير خالد») is the person the
    article names in full, when exactly one full name fits; their mentions and titles move there and the short
    form becomes an alias. A lone given name with no full form in the article stays this article's own
    person (its id carries the article), so that it never gathers the meetings of every namesake."""

    def __call__(self, doc: Doc) -> None:
        mentioned = list(dict.fromkeys(m.entity_id for m in doc.mentions))
        people = [entity for entity in mentioned if doc.records[entity].type == "Person"]
        found = [entity for entity in people if doc.records[entity].skeleton is not None]
        words = {entity: name_words(doc.records[entity].name) for entity in found}
        everyone = {entity: name_words(doc.records[entity].name) for entity in people}
        merged: dict[str, str] = {}
        for short in sorted(found, key=lambda e: len(_content(words[e]))):
            fits = [long_ for long_ in people if long_ != short and long_ not in merged
                    and len(_content(everyone[long_])) > len(_content(words[short]))
                    and self._fits(words[short], everyone[long_])]
            if len(fits) == 1:
                merged[short] = fits[0]
        for short, long_ in merged.items():
            while long_ in merged:
                long_ = merged[long_]
            self._move(doc, short, long_)
        for entity in found:
            if entity not in merged and len(_content(words[entity])) == 1:
                self._own(doc, entity)

    @staticmethod
    def _fits(short: Sequence[str], long_: Sequence[str]) -> bool:
        content = _content(short)
        if len(content) == 1:  # «خالد» → «خالد الفيصل»; the given name must open the full name
            return _same_given(content[0], _content(long_)[0])
        return compatible(short, long_)

    @staticmethod
    def _move(doc: Doc, short: str, long_: str) -> None:
        for mention in doc.mentions:
            if mention.entity_id == short:
                mention.entity_id = long_
        record, target = doc.records[short], doc.records[long_]
        doc.records[long_] = replace(target, aliases=[*target.aliases, *(
            n for n in (record.name, *record.aliases) if n != target.name and n not in target.aliases)],
            country=target.country or record.country)
        if short in doc.titles and long_ not in doc.titles:
            doc.titles[long_] = doc.titles.pop(short)

    @staticmethod
    def _own(doc: Doc, entity: str) -> None:
        own = f"{entity}@{doc.article.id}"
        doc.records[own] = replace(doc.records[entity], id=own)
        for mention in doc.mentions:
            if mention.entity_id == entity:
                mention.entity_id = own
        if entity in doc.titles:
            doc.titles[own] = doc.titles.pop(entity)
