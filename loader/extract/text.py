"""The Arabic text layer: the one owner of spelling folding, proclitic splitting, name skeletons,
nationality adjectives, and sentences and tokens with character offsets. Every other module (the
gazetteer and its build script, the rules, the CRF features, the date resolver, evaluation) imports
these primitives instead of keeping its own.

Folding («matching keys») removes spelling variation that carries no meaning for look-ups: diacritics,
tatweel, bidi marks, alef/hamza forms, alef maqsura, ta marbuta, presentation forms and Arabic-Indic
digits, so that «أردوغان» and «اردوغان» compare equal. It works character by character from camel-tools'
normalisers, so a folded string can always be mapped back to the original offsets (see dates.py); the
original text and offsets are kept for evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

# ---------------------------------------------------------------------------------------------
# Folding

TATWEEL = "\u0640"
# Bidi marks, joiners, BOM and combining hamza carry no letter of their own for matching.
DROPPED = (
    "\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    "\u0654\u0655"
)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Code points whose folded form can differ from themselves: Arabic blocks, presentation forms, spaces.
_FOLDED_RANGES = (
    (0x00A0, 0x00A1), (0x0600, 0x0700), (0x0750, 0x0780), (0x08A0, 0x0900), (0x2000, 0x200B),
    (0x202F, 0x2030), (0x205F, 0x2060), (0xFB50, 0xFE00), (0xFE70, 0xFF00),
)


def fold_char(char: str) -> str:
    """The folded form of one character ('' when it is dropped); the single folding rule."""
    if char in DROPPED:
        return ""
    folded = normalize_unicode(char).replace(TATWEEL, "")
    folded = dediac_ar(folded)
    folded = normalize_alef_ar(folded)
    folded = normalize_alef_maksura_ar(folded)
    folded = normalize_teh_marbuta_ar(folded)
    return folded.translate(_DIGITS)


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for char in [*(chr(code) for low, high in _FOLDED_RANGES for code in range(low, high)), *DROPPED]:
        folded = fold_char(char)
        if folded != char:
            table[ord(char)] = folded
    return table


FOLD_TABLE: dict[int, str] = _fold_table()
# The folds ordinary news text needs; any other folded character sends a string down the full table.
COMMON_FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("\xa0", " "))
assert all(FOLD_TABLE[ord(char)] == folded for char, folded in COMMON_FOLDS)
_RARE = re.compile("[" + re.escape("".join(sorted(
    chr(code) for code, folded in FOLD_TABLE.items() if folded and chr(code) not in dict(COMMON_FOLDS)))) + "]")
_DROPPED_CHARS = re.compile("[" + re.escape("".join(sorted(
    chr(code) for code, folded in FOLD_TABLE.items() if not folded))) + "]")


def fold(text: str) -> str:
    """`text` with every character folded (fold_char), fast on ordinary news text."""
    if _RARE.search(text) is not None:
        return text.translate(FOLD_TABLE)
    if _DROPPED_CHARS.search(text) is not None:
        text = _DROPPED_CHARS.sub("", text)
    for char, folded in COMMON_FOLDS:
        text = text.replace(char, folded)
    return text


@lru_cache(maxsize=300_000)
def match_key(text: str) -> str:
    """The spelling-insensitive form of `text` used for dictionary look-ups (never shown)."""
    return fold(text).lower()


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(match_key(token) for token in _WORD.findall(text))


# ---------------------------------------------------------------------------------------------
# Proclitics: [و|ف] [ب|ل|ك] before a word; the article ال is part of the word's own form here (the
# gazetteer lists «الرئيس», «الروسي»), and strip_article removes it where a bare stem is wanted.

CONJUNCTIONS = "وف"
PREPOSITIONS = "بلك"
# Conjunction and/or preposition, longest first.
PREFIXES: tuple[str, ...] = tuple(sorted(
    {c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)} - {""}, key=lambda s: (-len(s), s)))
# After ب or ك, a short remainder is usually part of the word itself: «كسول» is not ك + «سول» (Seoul).
MIN_REST = 2
MIN_REST_AFTER_B_K = 4


@lru_cache(maxsize=300_000)
def proclitic_splits(key: str) -> tuple[tuple[str, int], ...]:
    """(remainder, characters stripped) for each proclitic reading of a folded word, longest prefix first.

    ل before the article drops the article's alef («للرئيس» = ل + «الرئيس»): that reading restores it.
    The whole word is not included (see readings)."""
    found = []
    for prefix in PREFIXES:
        if not key.startswith(prefix):
            continue
        rest = key[len(prefix):]
        if len(rest) < MIN_REST or (prefix[-1] in "بك" and len(rest) < MIN_REST_AFTER_B_K):
            continue
        found.append((rest, len(prefix)))
        if prefix.endswith("ل") and rest.startswith("ل") and len(rest) > 2:
            found.append(("ا" + rest, len(prefix)))
    return tuple(found)


@lru_cache(maxsize=300_000)
def readings(key: str) -> tuple[tuple[str, int], ...]:
    """The word itself, then its proclitic readings: (form, characters stripped)."""
    return ((key, 0), *proclitic_splits(key))


def strip_article(word: str) -> str:
    """«الرئيس» → «رئيس»; a word that is only the article and one letter stays as it is."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def strip_conjunction(key: str) -> str:
    """A folded word without a leading و/ف when at least three letters remain (for small guard lists)."""
    return key[1:] if len(key) > 3 and key[0] in CONJUNCTIONS else key


# ---------------------------------------------------------------------------------------------
# Word shapes (on folded words)

ARABIC_WORD = re.compile(r"^[\u0621-\u064a]+$")
# Imperfect-verb prefixes («يتطلع», «سيلتقي»): a word of this shape inside a name is usually the verb after it.
VERB_SHAPE = re.compile(r"^(يت|يس|ين|تت|تس|يؤ|تؤ|سي|ست)..")

# ---------------------------------------------------------------------------------------------
# Names

_SKELETON_DROPPED = re.compile(r"[اويىءئؤه]")
# Letters foreign names spell /g/ with: غ, ج or ق («أردوغان» / «أردوجان»). ك is left alone: «كمال» and
# «جمال» are two different Arabic names.
_G_LETTERS = str.maketrans({"غ": "ج", "ق": "ج"})


def consonants(key: str) -> str:
    """A folded string without its long vowels, glides and hamza carriers (ا و ي ى ء ئ ؤ ه): the spelling
    core two transliterations of one name share («كازاخستان» / «كزاخستان»)."""
    return _SKELETON_DROPPED.sub("", key)


@lru_cache(maxsize=300_000)
def skeleton(key: str) -> str:
    """Consonant skeleton of one folded name word: long vowels and glides after the first letter dropped,
    /g/ letters folded, so that «نزارباييف» / «نزاربايف», «أردوغان» / «أردوجان», «بوتين» / «بوتن»
    compare equal. Words of three letters or fewer are kept whole: their skeleton says too little."""
    if len(key) <= 3:
        return key
    return (key[0] + consonants(key[1:])).translate(_G_LETTERS)


def name_skeleton(words: tuple[str, ...] | list[str]) -> str:
    """Skeleton of a multi-word name, word by word («عبد ربه» and «عبدربه» join first)."""
    joined = " ".join(words).replace("عبد ال", "عبدال")
    joined = re.sub(r"\bعبد (?=\S)", "عبد", joined)
    return " ".join(skeleton(word) for word in joined.split())


def nisba(country: str) -> str | None:
    """Masculine nationality adjective of a one-word country name by the suffix rule, without the article:
    روسيا → روسي، تركيا → تركي، فرنسا → فرنسي، مصر → مصري، النرويج → نرويجي. None for several words."""
    stem = country[2:] if country.startswith("ال") else country
    if " " in stem or len(stem) < 2:
        return None
    if stem.endswith(("يا", "ية", "يه")):
        return stem[:-1]
    if stem.endswith(("ا", "ة", "ه")):
        return stem[:-1] + "ي"
    if stem.endswith("ي"):
        return stem
    return stem + "ي"


# ---------------------------------------------------------------------------------------------
# Tokens and sentences

_SENTENCE_END = re.compile(r"[.!?؟\n]+")
# camel-tools' simple_word_tokenize splits words at its punctuation-and-symbol character set (Unicode's P
# and S categories); it walks each word character by character and returns no offsets. One compiled
# pattern over the same character set gives the same tokens with their offsets, several times faster
# (tests/test_extract.py compares them).
_TOKEN = regex.compile(r"[\p{P}\p{S}]|[^\s\p{P}\p{S}]+")
_WORD = _TOKEN


class Token(NamedTuple):  # a NamedTuple: articles make hundreds of these, and it builds fastest
    text: str
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word tokens as camel-tools splits them, each with offsets into the original text."""
    keys = fold(text).lower()
    if len(keys) == len(text):  # folding is per character: each token's key is its slice of the folded text
        return tuple(Token(m.group(), offset + m.start(), offset + m.end(), keys[m.start():m.end()])
                     for m in _TOKEN.finditer(text))
    return tuple(Token(m.group(), offset + m.start(), offset + m.end(), match_key(m.group()))
                 for m in _TOKEN.finditer(text))


def split_sentences(text: str) -> list[Sentence]:
    sentences = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        _append_sentence(sentences, text, start, end)
        start = end
    _append_sentence(sentences, text, start, len(text))
    return sentences


def _append_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped_start = start + (len(chunk) - len(chunk.lstrip()))
    stripped_end = start + len(chunk.rstrip())
    if stripped_end <= stripped_start:
        return
    body = text[stripped_start:stripped_end]
    sentences.append(Sentence(stripped_start, stripped_end, body, tokenize(body, stripped_start)))
