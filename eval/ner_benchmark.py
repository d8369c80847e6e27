"""Benchmark of the CRF named-entity tagger (loader/extract/ner.py) on public gold data in ../shared/data/ner.

Span-level, exact-match precision/recall/F1 (CoNLL style) for PERS and LOC:
  (a) ANERcorp dev split (last 20% of the train part), model trained on the other 80% with the shipped model's
      hyperparameters (trained here, in a temporary folder, unless --dev-model is given);
  (b) NewsFANE Gold, shipped model (trained on all of the ANERcorp train part), fine classes mapped to PERS/LOC
      as in NEWSFANE_MAP below. NewsFANE Gold is largely ANERcorp re-annotated (clitic-segmented, hamza-less):
      about 80% of its sentences are sentences of the ANERcorp train part. The main row therefore keeps only the
      sentences whose text is not in that train part (fewer than half of their 12-letter shingles occur in it);
      a second row gives the whole corpus, which is inflated by that overlap;
  (c) AQMAR (Arabic Wikipedia, PER → PERS, LOC → LOC), shipped model: out-of-domain, for information.
Then tagging speed of PersonTagger.tag on one core: on NewsFANE from an empty feature cache and warm, and on a
stream of real news articles (ANT corpus, first --stream articles, tokenised with camel_tools'
simple_word_tokenize and split at sentence punctuation) from an empty cache, as the product runs.

    uv run python eval/ner_benchmark.py [--dev-model PATH] [--skip-dev] [--stream N]

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
TYPES = ("PERS", "LOC")

# NewsFANE fine class → coarse type. Person classes (individual people) → PERS; geo-political entities and natural
# locations → LOC (ANERcorp's LOC covers both). Not mapped (→ O): Group (peoples such as العرب، الإسرائيليين),
# organisations (Government, Non-Governmental, Commercial, Media, Sports, Educational, ...), facilities
# (Building-Grounds, Airport, Path, Subarea-Facility), vehicles, weapons, works and products, Celestial.
NEWSFANE_PERS = ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
                 "Lawyer", "Engineer", "Police")
NEWSFANE_LOC = ("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
                "Water-Body", "Land-Region-Natural")
NEWSFANE_MAP = {**dict.fromkeys(NEWSFANE_PERS, "PERS"), **dict.fromkeys(NEWSFANE_LOC, "LOC")}
AQMAR_MAP = {"PER": "PERS", "LOC": "LOC"}


def _train_module():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_LETTERS = re.compile(r"[^\u0621-\u064a]")
SHINGLE = 12


def _letters(words: list[str]) -> str:
    return _LETTERS.sub("", ner.normalize("".join(words)))


def unseen_sentences(sents: list, reference: list, threshold: float = 0.5) -> list:
    """Sentences of ``sents`` whose text is not in ``reference``: fewer than ``threshold`` of their 12-letter
    shingles (normalised letters only, so clitic segmentation and hamza spelling do not matter) occur there."""
    ref = _letters([w for words, _ in reference for w in words])
    seen = {ref[i:i + SHINGLE] for i in range(len(ref) - SHINGLE + 1)}
    out = []
    for words, tags in sents:
        text = _letters(words)
        grams = [text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)]
        if grams and sum(g in seen for g in grams) / len(grams) < threshold:
            out.append((words, tags))
    return out


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
    ap.add_argument("--dev-model", type=Path, help="model trained on the first 80%% of ANERcorp (else trained now)")
    ap.add_argument("--skip-dev", action="store_true", help="skip (a), which trains a model (about a minute)")
    ap.add_argument("--stream", type=int, default=3000, metavar="N", help="ANT articles for the stream speed")
    ap.add_argument("--model", type=Path, default=ner.DEFAULT_MODEL, help="shipped model for (b), (c) and speed")
    args = ap.parse_args(argv)

    anercorp = SHARED / "anercorp" / "train.txt"
    newsfane = SHARED / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt"
    if not SHARED.is_dir():
        print(f"skipped: gold NER data not found at {SHARED} (../shared/data/ner relative to the project root)")
        return 0
    if not args.model.is_file():
        print(f"model {args.model} missing: run `uv run python scripts/train_ner.py` first", file=sys.stderr)
        return 1
    tr = _train_module()
    meta_path = args.model.with_suffix(".json")
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    params = {k: v for k, v in meta.get("params", {}).items() if k in ("c1", "c2")} or tr.GRID[0]

    rows: list[tuple[str, dict]] = []
    train_secs = None
    ane = tr.load_anercorp(anercorp) if anercorp.is_file() else []
    if ane and not args.skip_dev:
        train_sents, dev_sents = tr.split_dev(ane)
        with tempfile.TemporaryDirectory() as tmp:
            dev_model = args.dev_model
            if dev_model is None:
                dev_model = Path(tmp) / "dev.model"
                train_secs = tr.train(train_sents, dev_model, params)
            rows.append((f"(a) ANERcorp dev, {len(dev_sents)} sents", tr.evaluate(dev_model, dev_sents, TYPES)))
    elif not anercorp.is_file():
        print(f"note: {anercorp} missing, (a) skipped")

    tagger = ner.PersonTagger(args.model)
    speed_sents: list[list[str]] = []
    if newsfane.is_file():
        gold = [(w, tr.map_tags(t, NEWSFANE_MAP, TYPES)) for w, t in tr.read_iob(newsfane, sep="\t")]
        if ane:
            unseen = unseen_sentences(gold, ane)
            rows.append((f"(b) NewsFANE unseen part, {len(unseen)} sents", tr.evaluate(args.model, unseen, TYPES)))
        rows.append((f"(b*) NewsFANE all (inflated), {len(gold)} sents", tr.evaluate(args.model, gold, TYPES)))
        speed_sents = [w for w, _ in gold]
    else:
        print(f"note: {newsfane} missing, (b) skipped")
    aqmar_files = sorted((SHARED / "aqmar").glob("*.txt"))
    if aqmar_files:
        gold = [(w, tr.map_tags(t, AQMAR_MAP, TYPES)) for f in aqmar_files for w, t in tr.read_iob(f)]
        rows.append((f"(c) AQMAR (Wikipedia), {len(gold)} sents", tr.evaluate(args.model, gold, TYPES)))

    print(f"\nCRF NER, span-level exact match (CoNLL style); model params {params}")
    print("NewsFANE mapping: PERS = " + ", ".join(NEWSFANE_PERS))
    print("                  LOC  = " + ", ".join(NEWSFANE_LOC) + "; all other classes = O")
    print("AQMAR mapping: PER → PERS, LOC → LOC, others O\n")
    head = f"{'data':44} {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"
    print(head)
    print("-" * len(head))
    for name, scores in rows:
        for t in (*TYPES, "micro"):
            p, r, f, n = scores[t]
            label = t if t != "micro" else "both"
            print(f"{name:44} {label:5} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    if train_secs is not None:
        print(f"\n(a) dev model trained in {train_secs:.1f} s")

    if not speed_sents:
        speed_sents = [w for w, _ in ane]
    print("\ntagging speed, PersonTagger.tag, one core:")
    if speed_sents:
        cold, warm, n = _speed(tagger, speed_sents)
        print(f"  NewsFANE, {n} tokens in {len(speed_sents)} sentences: {cold:,.0f} tokens/s from an empty "
              f"feature cache, {warm:,.0f} tokens/s warm")
    if args.stream > 0 and (SHARED.parent / "news" / "ant_multisource").is_dir():
        stream = news_stream(args.stream)
        n = sum(len(s) for s in stream)
        print(f"  news stream, first {args.stream} ANT articles, {n} tokens in {len(stream)} sentences, new tagger "
              f"(empty cache): {_stream_speed(args.model, stream):,.0f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
