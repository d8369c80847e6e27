"""How words behave in running Arabic news: the evidence that tells a name from a common word.

Built by `scripts/build_word_stats.py` from 50k unlabelled articles (counts of folded word forms, no text).
Three signals, each a share between 0 and 1, computed on demand from the counts:

- `commonness(word)`: how often the word takes the article «ال» or a pronoun suffix, or (for a word that
  already has the article) also occurs without it. Common nouns and adjectives do («فكرة»: «الفكرة»,
  «فكرته»; «الإقامة»: «إقامة»), names do not («بوتين», «الحريري»).
- `clitic_share(word)`: for a word that starts with و ف ب ل ك, how much of its use is proclitic + another
  word: «وترامب» is و + «ترامب» (the rest is frequent on its own), «فيكتور» is a name («يكتور» never
  stands alone).
- `count(word)`: raw frequency, so that rare words (too little evidence) are told apart.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from loader.extract.text import PREFIXES

WORD_COUNTS = Path(__file__).parent / "data" / "stats" / "word_counts.tsv.gz"

# Pronoun suffixes a noun takes («فكرته», «بلادهم»); a name in news almost never does.
PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
# Prefix groups that contain the article: the definite forms of a word as they occur in text.
_DEFINITE = ("ال", "وال", "فال", "بال", "كال", "وبال", "فبال")
_DEFINITE_L = ("لل", "ولل", "فلل")  # ل + ال is written لل
# Below this many occurrences of all its forms, a word's behaviour says nothing.
MIN_EVIDENCE = 5


_UNKNOWN: tuple[None, None] = (None, None)


class WordStats:
    """Counts of word forms, and the two shares computed from them. With the shipped table the shares were
    computed by the build script from the full counts and are only looked up; without it (the build script's
    own instance) they are computed from the counts."""

    def __init__(self, counts: dict[str, int], shares: dict[str, tuple[float | None, float | None]] | None = None
                 ) -> None:
        self.counts = counts
        self.shares = shares or {}

    def count(self, form: str) -> int:
        return self.counts.get(form, 0)

    def _indefinite(self, stem: str) -> int:
        return self.count(stem) + sum(self.count(prefix + stem) for prefix in PREFIXES)

    def _definite(self, stem: str) -> int:
        return sum(self.count(prefix + stem) for prefix in _DEFINITE) + \
            sum(self.count(prefix + stem) for prefix in _DEFINITE_L)

    def _suffixed(self, stem: str) -> int:
        base = stem[:-1] + "ت" if stem.endswith("ه") else stem  # ta marbuta is written ت before a suffix
        return sum(self.count(base + suffix) for suffix in PRONOUN_SUFFIXES if base + suffix != stem)

    def commonness(self, word: str) -> float | None:
        """Share of the word's uses that show common-word morphology; None when there is too little evidence
        (with the shipped table: a word too rare to be in it)."""
        if self.shares:
            return self.shares.get(word, _UNKNOWN)[0]
        return self._commonness(word)

    def clitic_share(self, word: str) -> float | None:
        """For a word opening with a proclitic letter: the share of (word, rest) uses that are the rest alone,
        with its longest proclitic reading; None when the word cannot start with a proclitic (or, with the
        shipped table, is too rare to be in it)."""
        if self.shares:
            return self.shares.get(word, _UNKNOWN)[1]
        return self._clitic_share(word)

    @lru_cache(maxsize=200_000)  # noqa: B019  (one instance per process, built once)
    def _commonness(self, word: str) -> float | None:
        if word.startswith("ال") and len(word) > 4:
            stem = word[2:]
            marked = self._indefinite(stem) + self._suffixed(stem)
            total = marked + self._definite(stem)
        else:
            stem = word
            marked = self._definite(stem) + self._suffixed(stem)
            total = marked + self._indefinite(stem)
        if total < MIN_EVIDENCE:
            return None
        return marked / total

    @lru_cache(maxsize=200_000)  # noqa: B019
    def _clitic_share(self, word: str) -> float | None:
        best = None
        for prefix in PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                rest = word[len(prefix):]
                whole, alone = self.count(word), self.count(rest)
                if whole + alone == 0:
                    continue
                share = alone / (whole + alone)
                best = share if best is None else max(best, share)
        return best


    def conjunction_prefixed(self, word: str) -> bool | None:
        """Whether a word opening with و/ف is the conjunction + another word («وترامب») rather than a word of
        its own («فيكتور», «وليد»): the rest must be the more frequent form. None without evidence."""
        if len(word) < 4 or word[0] not in "وف":
            return None
        whole, alone = self.count(word), self.count(word[1:])
        if whole + alone < MIN_EVIDENCE:
            return None
        return alone >= whole

    def future_verb(self, word: str) -> bool:
        """Whether a folded word is the future prefix س on an imperfect verb («سيلتقي», «ستعقد», «سيكون»): the
        verb without it must be a word of at least three letters, at least twice as frequent («سيارة», «سنوات»,
        «سيرغي», «سيدي» are not)."""
        if len(word) < 4 or word[0] != "س" or word[1] not in "يتن":  # not «سا»: «سالمان» is no «ألمان»
            return False
        alone = self.count(word[1:])
        return alone >= FUTURE_EVIDENCE and alone >= 2 * self.count(word)


# A future form needs its imperfect verb this often on its own.
FUTURE_EVIDENCE = 20


def _share(text: str) -> float | None:
    return float(text) if text else None


def format_share(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=1)
def load_word_stats(path: Path = WORD_COUNTS) -> WordStats:
    """The shipped table: `form<TAB>count<TAB>commonness<TAB>clitic share` (a share is empty when unknown)."""
    counts: dict[str, int] = {}
    shares: dict[str, tuple[float | None, float | None]] = {}
    if path.is_file():
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                form, number, commonness, clitic = line.rstrip("\n").split("\t")
                counts[form] = int(number)
                shares[form] = (_share(commonness), _share(clitic))
    return WordStats(counts, shares)
