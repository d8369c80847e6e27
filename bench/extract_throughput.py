"""Extraction throughput on the ANT corpus: articles/s on one core (median of runs).

    uv run python bench/extract_throughput.py [--articles 2000] [--runs 5]

Reading is timed apart from extraction; the extractor is built once, as the loader does.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from loader.document import Article
from loader.extract import Extractor
from loader.extract.entities import StatisticalPersons
from loader.read import read_articles

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news" / "ant_multisource"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    started = time.perf_counter()
    articles = []
    for item in read_articles([CORPUS]):
        if isinstance(item, Article):
            articles.append(item)
        if len(articles) >= args.articles:
            break
    read_seconds = time.perf_counter() - started
    extractor = Extractor()
    without_crf = Extractor(components=[c for c in extractor.components if not isinstance(c, StatisticalPersons)])
    for article in articles:  # warm the caches as a long load would
        extractor(article)
    rates, rates_rules = [], []
    for _ in range(args.runs):  # interleaved, so machine noise hits both alike
        started = time.perf_counter()
        meetings = sum(len(extractor(article).meetings) for article in articles)
        rates.append(len(articles) / (time.perf_counter() - started))
        started = time.perf_counter()
        for article in articles:
            without_crf(article)
        rates_rules.append(len(articles) / (time.perf_counter() - started))
    characters = sum(len(a.text) for a in articles)
    print(f"articles: {len(articles)} ({characters / len(articles):.0f} characters on average), "
          f"meetings found per run: {meetings}")
    print(f"reading: {len(articles) / read_seconds:.0f} articles/s")
    print(f"extraction, one core: median {statistics.median(rates):.0f} articles/s "
          f"(runs: {', '.join(f'{r:.0f}' for r in rates)})")
    print(f"without the CRF person tagger: median {statistics.median(rates_rules):.0f} articles/s "
          f"(runs: {', '.join(f'{r:.0f}' for r in rates_rules)}); the tagger costs "
          f"{1 - statistics.median(rates) / statistics.median(rates_rules):.0%} of the rate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
