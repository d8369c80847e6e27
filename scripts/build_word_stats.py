"""Count how often each folded word form occurs in an unlabelled Arabic news corpus.

    uv run python scripts/build_word_stats.py [PATH ...] [--min-count 3] [--out FILE]

Default input: ../shared/data/news (ANT and SaudiNewsNet, 50k articles). The output is a gzipped TSV of
`form<TAB>count<TAB>commonness<TAB>clitic share` (forms folded by the text layer's match key, proclitics left
attached), sorted by form,
written deterministically, with two shares per form computed from all the counts (see wordstats.py). No text
is kept, only word forms seen at least `--min-count` times and their counts; `loader/extract/wordstats.py`
reads it.

Why: names and common words behave differently in running text. A common noun also occurs with the article
«ال» and with pronoun suffixes («فكرة»: «الفكرة», «فكرته»), a name almost never does («بوتين»: no
«البوتين», no «بوتينه»); a word that starts with و/ف is a conjunction + word only when the rest also stands
alone («وترامب» / «ترامب»), not when it never does («فيكتور» / «يكتور»).
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.extract.text import match_key  # noqa: E402
from loader.extract.wordstats import WORD_COUNTS, WordStats, format_share  # noqa: E402
from loader.read import ArticleFormatError, read_articles  # noqa: E402

DEFAULT_INPUT = ROOT.parent / "shared" / "data" / "news"
_WORD_CHARS = frozenset("ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي")


def arabic_words(text: str) -> list[str]:
    """Folded Arabic words of a text (tokens with any other character are left out)."""
    words = []
    for raw in text.split():
        token = raw.strip(".,،؛:!؟?\"'«»()[]{}-–—/\\|#*…")
        key = match_key(token)
        if key and len(key) >= 2 and all(ch in _WORD_CHARS for ch in key):
            words.append(key)
    return words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT_INPUT])
    parser.add_argument("--min-count", type=int, default=3)
    parser.add_argument("--out", type=Path, default=WORD_COUNTS)
    args = parser.parse_args()
    started = time.perf_counter()
    counts: Counter[str] = Counter()
    articles = 0
    seen: set[int] = set()
    for item in read_articles(args.paths):
        if isinstance(item, ArticleFormatError):
            continue
        digest = hash(item.text)
        if digest in seen:  # ~930 ANT articles are filed twice
            continue
        seen.add(digest)
        articles += 1
        counts.update(arabic_words(item.title))
        counts.update(arabic_words(item.text))
    kept = sorted((form, n) for form, n in counts.items() if n >= args.min_count)
    full = WordStats(dict(counts))  # shares from every count, before the rare forms are dropped
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as raw:  # mtime 0: the same counts give the same bytes
        raw.write("".join(f"{form}\t{n}\t{format_share(full.commonness(form))}\t"
                          f"{format_share(full.clitic_share(form))}\n" for form, n in kept).encode("utf-8"))
    total = sum(counts.values())
    print(f"{articles} articles, {total:,} words, {len(counts):,} forms; kept {len(kept):,} forms seen "
          f"{args.min_count}+ times → {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
