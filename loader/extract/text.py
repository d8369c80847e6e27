"""Arabic text handling with camel-tools: matching keys, tokens and sentences with character offsets.

Matching keys fold spelling variation (diacritics, tatweel, alef/hamza forms, alef maqsura, ta
marbuta) so that «أردوغان» and «اردوغان» compare equal; the original text and offsets are kept for
evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex
from camel_tools.tokenizers.word import simple_word_tokenize
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)

TATWEEL = "\u0640"
_SENTENCE_END = re.compile(r"[.!?؟\n]+")


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


@lru_cache(maxsize=200_000)
def match_key(text: str) -> str:
    """The spelling-insensitive form of `text` used for dictionary look-ups (never shown)."""
    folded = normalize_unicode(text).replace(TATWEEL, "")
    folded = dediac_ar(folded)
    folded = normalize_alef_ar(folded)
    folded = normalize_alef_maksura_ar(folded)
    folded = normalize_teh_marbuta_ar(folded)
    return folded.lower()


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(match_key(token) for token in simple_word_tokenize(text))


# camel-tools' simple_word_tokenize splits words at its punctuation-and-symbol character set; it walks
# each word character by character and returns no offsets. One compiled pattern over the same character
# set gives the same tokens with their offsets, several times faster (tests/test_extract.py compares them).
# UNICODE_PUNCT_SYMBOL_CHARSET is Unicode's P and S categories, which `regex` matches natively.
_TOKEN = regex.compile(r"[\p{P}\p{S}]|[^\s\p{P}\p{S}]+")


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Word tokens as camel-tools splits them, each with offsets into the original text."""
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
