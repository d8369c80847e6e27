"""The precision gate for people: whether a stretch of words a rule proposes is a person's name, and exactly
which words of it.

A rule (a title before the words, a title after them, a coordinated adjective) proposes a stretch; the gate
scores every sub-stretch of it (and the stretch extended by up to two words the tagger reads as name) with a
logistic model over evidence a rule cannot weigh by itself:

- the CRF's P(person) of each word in context (loader.extract.ner),
- how the words behave in 50k news articles (loader.extract.wordstats: common-word morphology, proclitic +
  frequent word, frequency),
- name lists (given names), word shapes (verbs, pronoun suffixes), and how the stretch was proposed.

The best-scoring sub-stretch is kept if its probability reaches the model's threshold; otherwise the proposal
is no one. The weights are trained on the dev gold by `scripts/train_name_gate.py` and shipped as plain
numbers (data/ner/name_gate.json): no learning library is needed at run time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from loader.extract.lexicon import NAME_CONNECTORS, STOP_WORDS, TITLE_BODY, TITLE_HEADS, VERBS
from loader.extract.logistic import LogisticModel, load_logistic
from loader.extract.ner import PersonTagger, gazetteers
from loader.extract.text import ARABIC_WORD, VERB_SHAPE, Token, readings
from loader.extract.wordstats import load_word_stats

GATE_MODEL = Path(__file__).parent / "data" / "ner" / "name_gate.json"
# Words of context the tagger sees on each side of a proposal (its features look up to three words back).
CONTEXT_BEFORE = 4
CONTEXT_AFTER = 4
# How far a proposal may be extended by words the tagger reads as part of the name («روبرت وود»).
MAX_EXTENSION = 2
MAX_NAME_WORDS = 5
# A word may extend a proposal only if it seldom takes common-word morphology (wordstats.commonness).
EXTENSION_COMMONNESS = 0.2

_PRONOUN_SUFFIX = re.compile(r"(ه|ها|هم|هما|هن|كما|كم|نا)$")


# Below this commonness a word may continue a name (see name_like_word).
NAME_LIKE_COMMONNESS = 0.05


def name_like_word(key: str, commonness_below: float = NAME_LIKE_COMMONNESS) -> bool:
    """A folded word that reads as part of a personal name: a known given name, or a word that seldom shows
    common-word morphology in the corpus, and no function word, verb, title or proclitic + such a word."""
    if not ARABIC_WORD.match(key):
        return False
    for form, _ in readings(key):  # «بنظيره» is ب + a title word
        if form in STOP_WORDS or form in VERBS or form in TITLE_HEADS or form in TITLE_BODY:
            return False
    if key in gazetteers()["name"]:
        return True
    stats = load_word_stats()
    if (stats.clitic_share(key) or 0.0) >= 0.5:
        return False
    commonness = stats.commonness(key)
    return commonness is not None and commonness < commonness_below


@dataclass(frozen=True)
class Proposal:
    """A stretch of words of one sentence that a rule reads as a name, and how it came to propose it."""

    tokens: tuple[Token, ...]  # the sentence
    span: tuple[int, ...]  # token indices of the proposed name
    via: str  # title | apposition | coordinated | crf (the statistical tagger's own span)
    country: bool  # the title named a state («الرئيس الروسي …»)
    royal: bool  # a royal or religious title («الأمير …»)


def _word_features(key: str) -> tuple[float, float, float, float, float, float]:
    """(commonness, commonness unknown, clitic share, log frequency, given name, lexicon word) of a word."""
    stats = load_word_stats()
    commonness = stats.commonness(key)
    clitic = stats.clitic_share(key)
    lexical = key in STOP_WORDS or key in VERBS or key in TITLE_HEADS or key in TITLE_BODY
    given = key in gazetteers()["name"] or (key.startswith("ال") and key[2:] in gazetteers()["name"])
    return (commonness if commonness is not None else 0.0, float(commonness is None), clitic or 0.0,
            math.log10(1 + stats.count(key)), float(given), float(lexical))


def span_features(proposal: Proposal, span: Sequence[int], marginal: dict[int, float]) -> dict[str, float]:
    """Evidence about one candidate sub-stretch (token indices) of a proposal."""
    tokens = proposal.tokens
    keys = [tokens[t].key for t in span]
    words = [_word_features(k) for k in keys]
    probabilities = [marginal.get(t, 0.0) for t in span]
    before, after = span[0] - 1, span[-1] + 1
    proposed = proposal.span
    n = len(span)
    return {
        "bias": 1.0,
        "one_word": float(n == 1), "two_words": float(n == 2), "three_words": float(n == 3),
        "four_plus_words": float(n >= 4),
        "p_mean": sum(probabilities) / n, "p_min": min(probabilities), "p_first": probabilities[0],
        "p_last": probabilities[-1],
        "p_before": marginal.get(before, 0.0), "p_after": marginal.get(after, 0.0),
        "trimmed_front": float(span[0] > proposed[0]), "trimmed_back": float(span[-1] < proposed[-1]),
        "extended": float(span[-1] > proposed[-1]),
        "common_max": max(w[0] for w in words), "common_mean": sum(w[0] for w in words) / n,
        "unseen_any": max(w[1] for w in words), "clitic_max": max(w[2] for w in words),
        "freq_min": min(w[3] for w in words), "freq_max": max(w[3] for w in words),
        "given_first": words[0][4], "given_any": max(w[4] for w in words),
        "lexicon_any": max(w[5] for w in words),
        "definite_last": float(keys[-1].startswith("ال")), "definite_first": float(keys[0].startswith("ال")),
        "connector_inside": float(any(k in NAME_CONNECTORS for k in keys)),
        "verb_shape_any": float(any(VERB_SHAPE.match(k) for k in keys)),
        "pronoun_suffix_any": float(any(len(k) > 4 and _PRONOUN_SUFFIX.search(k) for k in keys)),
        "preposition_first": float(keys[0][:1] in "بل" and len(keys[0]) > 3),
        "via_title": float(proposal.via == "title"), "via_apposition": float(proposal.via == "apposition"),
        "via_coordinated": float(proposal.via == "coordinated"), "via_crf": float(proposal.via == "crf"),
        "with_country": float(proposal.country), "royal": float(proposal.royal),
    }


def candidate_spans(proposal: Proposal, marginal: dict[int, float]) -> list[tuple[int, ...]]:
    """Every contiguous sub-stretch of the proposal that neither starts nor ends on a connector, and the whole
    proposal extended by up to MAX_EXTENSION following Arabic words."""
    span = proposal.span
    tokens = proposal.tokens
    found: list[tuple[int, ...]] = []
    for i in range(len(span)):
        for j in range(i, len(span)):
            sub = span[i:j + 1]
            if tokens[sub[0]].key in NAME_CONNECTORS or tokens[sub[-1]].key in NAME_CONNECTORS:
                continue
            found.append(tuple(sub))
    extended = list(span)
    for _ in range(MAX_EXTENSION):
        following = extended[-1] + 1
        if following >= len(tokens) or len(extended) >= MAX_NAME_WORDS or following not in marginal:
            break
        key = tokens[following].key
        if key not in NAME_CONNECTORS and (key[:1] == "و" or not name_like_word(key, EXTENSION_COMMONNESS)):
            break  # «اشتون كارتر الجمعة», «جاريد كوشنير يقفان»: a day, a verb or a common word ends the name
        extended.append(following)
        if tokens[following].key not in NAME_CONNECTORS:
            found.append(tuple(extended))
    return found


@lru_cache(maxsize=1)
def load_gate_model(path: Path = GATE_MODEL) -> LogisticModel | None:
    return load_logistic(path)


class NameGate:
    """Decides, for a rule's proposal, which words (if any) are a person's name."""

    def __init__(self, tagger: PersonTagger, model: LogisticModel | None = None) -> None:
        self.tagger = tagger
        self.model = model or load_gate_model()

    def marginals(self, proposal: Proposal) -> dict[int, float]:
        """P(person) of the words around the proposal, from the tagger run on a window around it."""
        tokens = proposal.tokens
        low = max(0, proposal.span[0] - CONTEXT_BEFORE)
        high = min(len(tokens), proposal.span[-1] + 1 + CONTEXT_AFTER)
        values = self.tagger.marginals([t.text for t in tokens[low:high]])
        return {low + i: p for i, p in enumerate(values)}

    def scored(self, proposal: Proposal) -> list[tuple[float, tuple[int, ...], dict[str, float]]]:
        marginal = self.marginals(proposal)
        out = []
        for span in candidate_spans(proposal, marginal):
            values = span_features(proposal, span, marginal)
            out.append((self.model.probability(values) if self.model else values["p_mean"], span, values))
        return out

    def __call__(self, proposal: Proposal) -> list[int]:
        scored = self.scored(proposal)
        if not scored:
            return []
        best, span, _ = max(scored, key=lambda item: (item[0], len(item[1])))
        threshold = self.model.threshold if self.model else 0.5
        return list(span) if best >= threshold else []
