"""Statistical named-entity tagger for Arabic news: a linear-chain CRF (python-crfsuite) for PERS, LOC and ORG.

The model is trained by ``scripts/train_ner.py`` on ANERcorp and shipped as ``data/ner/crf.model``. Training and
tagging share one feature function, :func:`sentence_features`, so the two can never drift apart. Per-word feature
views are memoised (``lru_cache``): in news the vocabulary is Zipfian, so after the first few hundred articles
almost every token is a cache hit and tagging costs little more than the CRF's Viterbi pass.

Features of a token: its normalised form (alef, alef maksura, teh marbuta, diacritics and tatweel), prefixes and
suffixes of 1-4 letters, the form with proclitics (و ف ب ل ك ال) stripped, digit/punctuation/Latin shape, length,
gazetteer flags (title head, nationality adjective, country or region, capital city, verb of speech or meeting,
function word, person-name token), the normalised forms and flags of the words up to two positions away, and the
flags of the word three positions back (titles often stand three words before a name: وزير الخارجية الأمريكي ريكس).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from loader.extract import lexicon
from loader.extract.gazetteer import generated
from loader.extract.text import match_key, proclitic_splits, readings, strip_article
from loader.extract.wordstats import load_word_stats

MODEL_DIR = Path(__file__).parent / "data" / "ner"
DEFAULT_MODEL = MODEL_DIR / "crf.model"
# Person-name tokens (normalised, one per line) from arabnamer's name dictionary (CC-BY-4.0, see README.md there).
PERSON_NAMES = MODEL_DIR / "person_names.txt"

# Bump when the features change: a model trained with other features must be retrained.
FEATURE_VERSION = 3

def normalize(word: str) -> str:
    """The spelling-insensitive key of a word (the text layer's matching key)."""
    return match_key(word)


# --------------------------------------------------------------------------------------------------
# Proclitics (splits come from the text layer; here: the article-bearing and bare readings the features use)
# --------------------------------------------------------------------------------------------------

def split_article(norm: str) -> tuple[str, str]:
    """Split off a proclitic group that contains the article (ال وال بال لل وبال ...), which is reliable; the
    stem must keep at least two letters. Returns (proclitic, stem); ("", norm) when there is none."""
    for form, _ in readings(norm):
        stem = strip_article(form)
        if stem is not form and len(stem) >= 2:
            return norm[: len(norm) - len(stem)], stem
    return "", norm


def split_bare(norm: str) -> tuple[str, str]:
    """Split off an article-less proclitic group (و ف ب ل ك وب ...), which is often part of the word itself
    (وزير، بوتين، فلاديمير): only a candidate, for a feature whose weight the CRF learns."""
    for rest, stripped in proclitic_splits(norm):
        if not rest.startswith("ال") and len(rest) >= 3 and rest == norm[stripped:]:
            return norm[:stripped], rest
    return "", norm


# --------------------------------------------------------------------------------------------------
# Word lists behind the gazetteer flags: the lexicon's, the generated gazetteer's, and arabnamer's names
# --------------------------------------------------------------------------------------------------

def _bare(word: str) -> str:
    return strip_article(match_key(word))


def _bare_words(phrases: Iterable[str], min_length: int = 3) -> set[str]:
    return {_bare(word) for phrase in phrases for word in phrase.split() if len(word) >= min_length}


@lru_cache(maxsize=1)
def gazetteers() -> dict[str, frozenset[str]]:
    """Folded, article-free word lists behind the CRF's gazetteer flags (built once): titles and role nouns,
    verbs and function words from the lexicon; countries, nationality adjectives and cities from the generated
    gazetteer; given and family names from arabnamer."""
    countries = generated("countries.json")
    cities = generated("cities.json")
    function = frozenset(lexicon.FUNCTION_WORDS)
    country_single = {_bare(name) for c in countries.values() for name in [c["name"], *c["aliases"]]
                      if " " not in name}
    country_part = _bare_words(name for c in countries.values() for name in [c["name"], *c["aliases"]]
                               if " " in name)
    adjectives = {_bare(form) for c in countries.values() for form in c["adjectives"] if " " not in form}
    nationality = {a + suffix for a in adjectives if len(a) >= 3 for suffix in ("", "ه", "ون", "ين", "ات")}
    nationality |= {_bare(plural) for c in countries.values() for plural in c["demonym_plurals"]}
    city_words = _bare_words(name for c in cities.values() for name in [c["name"], *c["aliases"]])
    names: set[str] = set()
    if PERSON_NAMES.is_file():
        names = {ln.strip() for ln in PERSON_NAMES.read_text(encoding="utf-8").splitlines() if ln.strip()}
    titles = {strip_article(w) for w in lexicon.TITLE_HEADS | lexicon.PERSON_NOUNS}
    return {
        "title": frozenset(titles),
        "verb": frozenset(lexicon.SPEECH_VERBS | lexicon.VERBS),
        "func": function,
        "country": frozenset(country_single - function),
        "country_part": frozenset(country_part - country_single - function),
        "city": frozenset(city_words - function - country_single),
        "nat": frozenset(nationality - function),
        "name": frozenset(names - function),
    }


# --------------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------------

def _is_punct(word: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in word)


def _gazetteer_flags(norm: str) -> list[str]:
    flags = []
    gaz = gazetteers()
    # Verbs and function words: whole word (or conjunction + word) only.
    if norm in gaz["verb"] or (len(norm) > 2 and norm[0] in "وف" and norm[1:] in gaz["verb"]):
        flags.append("VERB")
    if norm in gaz["func"]:
        flags.append("FUNC")
    # The word itself or any proclitic reading of it, each with and without the article.
    candidates = [variant for form, _ in readings(norm) for variant in (form, strip_article(form))]
    for key, flag in _FLAG_LISTS:
        lexicon = gaz[key]
        if any(c in lexicon for c in candidates):
            flags.append(flag)
    return flags


_FLAG_LISTS = (("title", "TITLE"), ("nat", "NAT"), ("country", "CTY"), ("country_part", "CTYP"), ("city", "CITY"),
               ("name", "NAME"))


def _bin(value: float | None, edges: tuple[float, ...]) -> str:
    if value is None:
        return "na"
    return str(sum(value >= edge for edge in edges))


def _corpus_flags(norm: str) -> list[str]:
    """How the word behaves in 50k news articles (loader.extract.wordstats): common-word morphology (takes
    «ال» or pronoun suffixes), proclitic + frequent word, and frequency. Names score low on the first two."""
    stats = load_word_stats()
    if not stats.counts or not any("\u0621" <= ch <= "\u064a" for ch in norm):
        return []
    count = stats.count(norm)
    return [f"cm={_bin(stats.commonness(norm), (0.05, 0.2, 0.5))}",
            f"cl={_bin(stats.clitic_share(norm), (0.2, 0.6))}",
            f"fq={_bin(float(count), (1, 10, 100, 1000))}"]


def _shape(word: str, norm: str) -> list[str]:
    out = []
    if any(c.isdigit() for c in word):
        out.append("DIGIT" if all(c.isdigit() or c in ".,/-:" for c in word) else "HASDIGIT")
    if _is_punct(word):
        out.append("PUNCT")
    if any("a" <= c.lower() <= "z" for c in word):
        out.append("LATIN")
    n = len(norm)
    out.append("len=" + ("1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6+"))
    return out


_SHARED: dict[str, str] = {}


def _shared(feature: str) -> str:
    """One copy of a feature string many words share (flags, shapes): the per-word caches stay small."""
    found = _SHARED.get(feature)
    if found is None:
        found = _SHARED[feature] = sys.intern(feature)
    return found


_OFFSETS = ("-2", "-1", "+1", "+2")


@lru_cache(maxsize=1 << 16)
def word_views(word: str) -> tuple[tuple[str, ...], ...]:
    """Feature strings contributed by ``word`` to its own position and to positions -2, -1, +1, +2 from it.

    Element 0 holds the word's own features; elements 1..4 hold what a token sees of this word when the word is at
    offset -2, -1, +1, +2 from it; element 5 its gazetteer flags as seen from three positions on.
    """
    norm = normalize(word)
    proc, stem = split_article(norm)
    bare_proc, bare_stem = ("", norm) if proc else split_bare(norm)
    flags = [_shared(f) for f in _gazetteer_flags(norm) + _corpus_flags(norm)]
    shape = [_shared(f) for f in _shape(word, norm)]
    own = [f"w={norm}", f"st={stem}", _shared(f"pc={proc}")]
    if bare_proc:
        own += [f"bst={bare_stem}", _shared(f"bpc={bare_proc}")]
    for k in (1, 2, 3, 4):
        if len(stem) >= k:
            own.append(f"p{k}={stem[:k]}")
            own.append(f"s{k}={stem[-k:]}")
    own += shape
    own += flags
    views = [tuple(own)]
    shape_near = [s for s in shape if not s.startswith("len=")]
    for off in _OFFSETS:
        near = [f"{off}w={norm}"]
        if off in ("-1", "+1"):
            near.append(f"{off}st={stem}")
            near.append(f"{off}s2={stem[-2:]}")
            near += [_shared(off + s) for s in shape_near]
        near += [_shared(off + f) for f in flags]
        views.append(tuple(near))
    views.append(tuple(_shared("-3" + f) for f in flags))
    return tuple(views)


_BOS2 = ("-2BOS",)
_BOS1 = ("-1BOS",)
_EOS1 = ("+1EOS",)
_EOS2 = ("+2EOS",)

Views = tuple[tuple[str, ...], ...]


def sentence_features(words: Sequence[str], views: Callable[[str], Views] = word_views) -> list[tuple[str, ...]]:
    """CRF features (binary attribute names) for every token of one sentence. Used for training and tagging.

    ``views`` maps a word to its :func:`word_views`; a tagger passes a cached copy restricted to the attributes its
    model knows, which gives the same tags faster (attributes without weights contribute nothing).
    """
    vs = [views(w) for w in words]
    own = [v[0] for v in vs]
    at_m3 = [(), (), ()] + [v[5] for v in vs[:-3]]
    at_m2 = [_BOS2, _BOS2] + [v[1] for v in vs[:-2]]  # what position i sees of word i-2
    at_m1 = [_BOS1] + [v[2] for v in vs[:-1]]
    at_p1 = [v[3] for v in vs[1:]] + [_EOS1]
    at_p2 = [v[4] for v in vs[2:]] + [_EOS2, _EOS2]
    # zip stops at len(own); the padded lists are at least that long.
    return [a + b + c + d + e + g for a, b, c, d, e, g in zip(own, at_m2, at_m1, at_p1, at_p2, at_m3, strict=False)]


# --------------------------------------------------------------------------------------------------
# Spans
# --------------------------------------------------------------------------------------------------

def iob_spans(tags: Iterable[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) spans of an IOB tag sequence, end exclusive, CoNLL-style: an I- tag that does not continue
    a span of its own type starts a new one."""
    spans: list[tuple[str, int, int]] = []
    cur: str | None = None
    start = 0
    i = -1
    for i, tag in enumerate(tags):
        if tag == "O" or not tag:
            kind, typ = "O", None
        else:
            kind, _, typ = tag.partition("-")
        if cur is not None and (kind != "I" or typ != cur):
            spans.append((cur, start, i))
            cur = None
        if kind in ("B", "I") and cur is None:
            cur, start = typ, i
    if cur is not None:
        spans.append((cur, start, i + 1))
    return spans


# --------------------------------------------------------------------------------------------------
# Tagger
# --------------------------------------------------------------------------------------------------

class PersonTagger:
    """CRF tagger for PERS, LOC and ORG in IOB. Not thread-safe: use one instance per thread."""

    def __init__(self, model_path: Path | None = None, cache_size: int = 1 << 17) -> None:
        path = Path(model_path) if model_path is not None else DEFAULT_MODEL
        if not path.is_file():
            raise FileNotFoundError(f"CRF model not found: {path} (run scripts/train_ner.py)")
        self.model_path = path
        meta = path.with_suffix(".json")
        if meta.is_file():
            version = json.loads(meta.read_text(encoding="utf-8")).get("feature_version")
            if version != FEATURE_VERSION:
                raise ValueError(f"{path} was trained with feature version {version}, this code computes version "
                                 f"{FEATURE_VERSION}: retrain it with scripts/train_ner.py")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.labels: list[str] = list(self._tagger.labels())
        self._pers_labels = [lab for lab in self.labels if lab in ("B-PERS", "I-PERS")]
        known = frozenset(attr for attr, _label in self._tagger.info().state_features)
        raw_views = word_views.__wrapped__

        @lru_cache(maxsize=cache_size)
        def views(word: str) -> Views:
            return tuple(tuple(f for f in slot if f in known) for slot in raw_views(word))

        self._views = views

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB tags (B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG or O) for one sentence, one per word."""
        if not words:
            return []
        return self._tagger.tag(sentence_features(words, self._views))

    def marginals(self, words: Sequence[str]) -> list[float]:
        """P(token is part of a PERS entity) for each word of one sentence (sum of the B-PERS and I-PERS marginals)."""
        if not words:
            return []
        t = self._tagger
        t.set(sentence_features(words, self._views))
        out = []
        for i in range(len(words)):
            p = sum(t.marginal(lab, i) for lab in self._pers_labels)
            out.append(min(1.0, max(0.0, p)))
        return out

    def clear_cache(self) -> None:
        """Forget the per-word feature cache (for measurements; it refills as words are seen)."""
        self._views.cache_clear()

    def persons(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) word spans tagged PERS, end exclusive."""
        return [(s, e) for typ, s, e in iob_spans(self.tag(words)) if typ == "PERS"]
