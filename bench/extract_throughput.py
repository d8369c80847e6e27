"""Extraction throughput on one core, cold: every run is a fresh process whose caches start empty, and
extracts articles it has never seen (a first pass, as a load of new articles is).

    uv run python bench/extract_throughput.py [--articles 2000] [--runs 5] [--corpus PATH] [--no-crf]

Each run takes the next slice of `--articles` articles from the corpus (ANT by default), builds the
extractor (timed apart: model and gazetteer loading), then extracts every article once. Prints the median
articles/s with min–max over the runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "ant_multisource"


def one_run(corpus: Path, offset: int, count: int, statistical: bool) -> dict[str, float]:
    """Runs inside the child process: read the slice, build the extractor, extract each article once."""
    from loader.document import Article
    from loader.extract import Extractor
    from loader.read import read_articles

    articles: list[Article] = []
    seen = 0
    for item in read_articles([corpus]):
        if not isinstance(item, Article):
            continue
        seen += 1
        if seen > offset:
            articles.append(item)
        if len(articles) >= count:
            break
    started = time.perf_counter()
    extractor = Extractor(statistical=statistical)
    built = time.perf_counter() - started
    started = time.perf_counter()
    meetings = sum(len(extractor(article).meetings) for article in articles)
    seconds = time.perf_counter() - started
    return {"articles": len(articles), "seconds": seconds, "startup": built, "meetings": meetings,
            "characters": sum(len(a.text) for a in articles)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--no-crf", action="store_true", help="leave out the statistical person tagger")
    parser.add_argument("--child", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(one_run(args.corpus, args.child[0], args.child[1], not args.no_crf)))
        return 0
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent")
        return 0
    results = []
    for run in range(args.runs):
        command = [sys.executable, __file__, "--corpus", str(args.corpus), "--child", str(run * args.articles),
                   str(args.articles), *(["--no-crf"] if args.no_crf else [])]
        output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    rates = [r["articles"] / r["seconds"] for r in results]
    startups = [r["startup"] for r in results]
    characters = sum(r["characters"] for r in results) / sum(r["articles"] for r in results)
    print(f"{args.runs} cold runs of {args.articles} unseen articles each ({characters:.0f} characters on average)"
          f"{', without the CRF' if args.no_crf else ''}")
    print(f"extraction, one core, first pass: median {statistics.median(rates):.0f} articles/s "
          f"(min {min(rates):.0f}, max {max(rates):.0f}; runs: {', '.join(f'{r:.0f}' for r in rates)})")
    print(f"start-up (gazetteer, word statistics, CRF model): median {statistics.median(startups):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
