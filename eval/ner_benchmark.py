"""Benchmark of the CRF named-entity tagger (loader/extract/ner.py) on the public gold data in ../shared/data/ner.

Span-level, exact-match precision/recall/F1 (CoNLL style) for PERS, LOC and ORG on the held-out part of each of
the four corpora (scripts/train_ner.py defines the splits: ANERcorp's last 20%, NewsFANE's sentences that are not
ANERcorp's, AQMAR's last 20% of each article, Wojood's test file). The model scored is trained here, in a
temporary folder, on the train parts only, with the shipped model's hyperparameters (the shipped model itself
has also seen the held-out parts). Then the tagging speed of PersonTagger.tag on one core, from an empty feature
cache and warm, and on a stream of real news articles (ANT corpus).

    uv run python eval/ner_benchmark.py [--stream N]

Prints a message and exits 0 when ../shared/data is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.extract import ner  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "ner"


def _train_module():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def news_stream(n_articles: int) -> list[list[str]]:
    """Sentences of the first ``n_articles`` ANT articles (title + text), tokenised as the product does."""
    from camel_tools.tokenizers.word import simple_word_tokenize

    root = SHARED.parent / "news" / "ant_multisource"
    files = sorted(p for p in root.rglob("*") if p.is_file())[:n_articles]
    sents: list[list[str]] = []
    for path in files:
        raw = path.read_text(encoding="utf-8", errors="replace")
        parts = re.findall(r"<(TITLE|TEXT)>(.*?)</\1>", raw, flags=re.S)
        for _, text in parts:
            for chunk in re.split(r"(?<=[.!?؟])\s+|\n+", text):
                toks = simple_word_tokenize(chunk)
                if toks:
                    sents.append(toks)
    return sents


def _stream_speed(model: Path, sents: list[list[str]]) -> float:
    tagger = ner.PersonTagger(model)
    n = sum(len(s) for s in sents)
    t0 = time.perf_counter()
    for s in sents:
        tagger.tag(s)
    return n / (time.perf_counter() - t0)


def _speed(tagger: ner.PersonTagger, sents: list[list[str]]) -> tuple[float, float, int]:
    n = sum(len(s) for s in sents)
    tagger.clear_cache()
    t0 = time.perf_counter()
    for s in sents:
        tagger.tag(s)
    cold = n / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for s in sents:
        tagger.tag(s)
    warm = n / (time.perf_counter() - t0)
    return cold, warm, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stream", type=int, default=3000, metavar="N", help="ANT articles for the stream speed")
    ap.add_argument("--model", type=Path, default=ner.DEFAULT_MODEL, help="shipped model (for its parameters)")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: gold NER data not found at {SHARED} (../shared/data/ner relative to the project root)")
        return 0
    tr = _train_module()
    meta_path = args.model.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    params = {k: v for k, v in meta.get("params", {}).items() if k in ("c1", "c2")} or tr.GRID[0]
    corpora = tr.load_corpora()
    train_sents = [s for part, _ in corpora.values() for s in part]
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "split.model"
        seconds = tr.train(train_sents, model, params)
        scores = tr.score_corpora(model, corpora)
    print(f"\nCRF NER on held-out parts, span-level exact match; trained on the train parts "
          f"({len(train_sents)} sentences) in {seconds:.0f} s with {params}\n")
    head = f"{'corpus':28} {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"
    print(head)
    print("-" * len(head))
    for name, result in scores.items():
        for t in ("PERS", "LOC", "ORG"):
            p, r, f, n = result[t]
            print(f"{name:28} {t:5} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    tagger = ner.PersonTagger(args.model)
    speed_sents = [w for _, held in corpora.values() for w, _ in held]
    print("\ntagging speed, PersonTagger.tag, one core:")
    cold, warm, n = _speed(tagger, speed_sents)
    print(f"  held-out sentences, {n} tokens: {cold:,.0f} tokens/s from an empty feature cache, {warm:,.0f} warm")
    if args.stream > 0 and (SHARED.parent / "news" / "ant_multisource").is_dir():
        stream = news_stream(args.stream)
        n = sum(len(s) for s in stream)
        print(f"  news stream, first {args.stream} ANT articles, {n} tokens in {len(stream)} sentences, new tagger "
              f"(empty cache): {_stream_speed(args.model, stream):,.0f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
