"""Train the CRF named-entity tagger shipped as loader/extract/data/ner/crf.model.

Data: ANERcorp train part (``token tag`` per line, IOB, blank line between sentences) from ../shared/data/ner,
never copied into the repository. The last 20% of its sentences are held out to choose the regularisation (a small
grid over L1/L2 weights, trained two at a time); the chosen setting is then retrained on all sentences and written
in python-crfsuite's format, with a small JSON of metadata beside it.

Labels kept: PERS, LOC, ORG (MISC is mapped to O).

    uv run python scripts/train_ner.py [--data PATH] [--out DIR] [--grid quick|none]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.extract.ner import (  # noqa: E402
    FEATURE_VERSION,
    MODEL_DIR,
    PERSON_NAMES,
    PersonTagger,
    gazetteers,
    iob_spans,
    normalize,
    sentence_features,
)

SHARED = ROOT.parent / "shared" / "data" / "ner"
ANERCORP = SHARED / "anercorp" / "train.txt"
KEEP = ("PERS", "LOC", "ORG")
DEV_FRACTION = 0.2

Sentence = tuple[list[str], list[str]]

# Regularisation grid tried on the dev split (L-BFGS). The first entry is the fallback when --grid none.
GRID: list[dict[str, float]] = [
    {"c1": 0.1, "c2": 0.05},
    {"c1": 0.05, "c2": 0.01},
    {"c1": 0.2, "c2": 0.05},
    {"c1": 0.1, "c2": 0.2},
]
BASE_PARAMS = {"max_iterations": 200, "feature.possible_transitions": True}


def read_iob(path: Path, sep: str | None = None) -> list[Sentence]:
    """Sentences of a ``token<sep>tag`` file (blank line or an empty token = sentence boundary)."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            parts = line.rsplit(sep, 1) if sep else line.strip().rsplit(None, 1)
            if len(parts) < 2 or not parts[0].strip():
                if words:
                    sents.append((words, tags))
                    words, tags = [], []
                continue
            words.append(parts[0].strip())
            tags.append(parts[1].strip() or "O")
    if words:
        sents.append((words, tags))
    return sents


def map_tags(tags: Iterable[str], mapping: dict[str, str] | None = None, keep: Sequence[str] = KEEP) -> list[str]:
    """Map entity types (``mapping``: fine type → coarse type) and turn types outside ``keep`` into O."""
    out = []
    for tag in tags:
        if tag == "O" or "-" not in tag:
            out.append("O")
            continue
        kind, typ = tag.split("-", 1)
        typ = mapping.get(typ, typ) if mapping is not None else typ
        out.append(f"{kind}-{typ}" if typ in keep else "O")
    return out


def split_dev(sents: list[Sentence], fraction: float = DEV_FRACTION) -> tuple[list[Sentence], list[Sentence]]:
    cut = round(len(sents) * (1 - fraction))
    return sents[:cut], sents[cut:]


def train(sents: list[Sentence], model_path: Path, params: dict[str, float], verbose: bool = False) -> float:
    """Train a CRF on ``sents`` and write it to ``model_path``; returns the training time in seconds."""
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for words, tags in sents:
        trainer.append(sentence_features(words), tags)
    trainer.set_params({**BASE_PARAMS, **params})
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return time.perf_counter() - t0


def span_counts(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]], types: Sequence[str]):
    """Exact-match span counts per type: {type: [tp, fp, fn]} (CoNLL style)."""
    counts = {t: [0, 0, 0] for t in types}
    for g, p in zip(gold, pred, strict=True):
        gs = {s for s in iob_spans(g) if s[0] in counts}
        ps = {s for s in iob_spans(p) if s[0] in counts}
        for s in gs & ps:
            counts[s[0]][0] += 1
        for s in ps - gs:
            counts[s[0]][1] += 1
        for s in gs - ps:
            counts[s[0]][2] += 1
    return counts


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(model_path: Path, sents: list[Sentence], types: Sequence[str] = KEEP) -> dict[str, tuple]:
    """{type: (P, R, F1, n_gold)} of the model on ``sents``, plus "micro" over ``types``."""
    tagger = PersonTagger(model_path)
    pred = [tagger.tag(w) for w, _ in sents]
    counts = span_counts([t for _, t in sents], pred, types)
    out = {t: (*prf(*c), c[0] + c[2]) for t, c in counts.items()}
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    out["micro"] = (*prf(*tot), tot[0] + tot[2])
    return out


def _fit_and_score(args: tuple[list[Sentence], list[Sentence], dict[str, float], str]) -> tuple[dict, dict, float]:
    train_sents, dev_sents, params, path = args
    secs = train(train_sents, Path(path), params)
    return params, evaluate(Path(path), dev_sents), secs


def build_person_names(source: Path, out: Path = PERSON_NAMES) -> int:
    """Write the person-name token list from arabnamer's ``dict_FINAL.json`` (English → Arabic name pairs,
    CC-BY-4.0), given as the JSON file itself or the arabnamer wheel. Returns the number of tokens written."""
    if source.suffix == ".whl":
        import zipfile

        with zipfile.ZipFile(source) as zf:
            data = json.loads(zf.read("arabnamer/data/dict_FINAL.json"))
    else:
        data = json.loads(source.read_text(encoding="utf-8"))
    function = gazetteers()["func"]
    tokens = {
        n for value in data.values() for t in value.split()
        if len(n := normalize(t)) >= 2 and n.isalpha() and n not in function
    }
    out.write_text("".join(t + "\n" for t in sorted(tokens)), encoding="utf-8")
    gazetteers.cache_clear()
    return len(tokens)


def load_anercorp(path: Path = ANERCORP) -> list[Sentence]:
    return [(w, map_tags(t)) for w, t in read_iob(path)]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ANERCORP, help="ANERcorp train.txt")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="folder for crf.model and crf.json")
    ap.add_argument("--grid", choices=("quick", "none"), default="quick", help="search regularisation on dev")
    ap.add_argument("--names-from", type=Path, metavar="WHEEL_OR_JSON",
                    help="rebuild person_names.txt from an arabnamer wheel (pip download --no-deps arabnamer==0.1.3) "
                         "or its arabnamer/data/dict_FINAL.json before training")
    args = ap.parse_args(argv)
    if args.names_from:
        print(f"person_names.txt: {build_person_names(args.names_from)} tokens from {args.names_from}")
    if not PERSON_NAMES.is_file():
        print(f"warning: {PERSON_NAMES} missing; the NAME feature will never fire", file=sys.stderr)
    if not args.data.is_file():
        print(f"ANERcorp not found at {args.data}; nothing to train.", file=sys.stderr)
        return 1

    t_start = time.perf_counter()
    sents = load_anercorp(args.data)
    train_sents, dev_sents = split_dev(sents)
    n_tok = sum(len(w) for w, _ in sents)
    print(f"ANERcorp: {len(sents)} sentences, {n_tok} tokens; train {len(train_sents)}, dev {len(dev_sents)} "
          f"(last {DEV_FRACTION:.0%})")

    grid = GRID if args.grid == "quick" else GRID[:1]
    # Dev models go to a system temporary folder, never into the model folder (which is committed).
    with tempfile.TemporaryDirectory(prefix="train_ner_") as tmp:
        jobs = [(train_sents, dev_sents, p, str(Path(tmp) / f"dev{i}.model")) for i, p in enumerate(grid)]
        workers = min(len(jobs), max(1, (os.cpu_count() or 1)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_fit_and_score, jobs))
    print(f"\n{'c1':>5} {'c2':>5} | {'PERS F1':>7} {'LOC F1':>7} {'ORG F1':>7} {'micro':>7} | train s")
    best = None
    for params, scores, secs in results:
        key = (scores["PERS"][2] + scores["LOC"][2]) / 2
        print(f"{params['c1']:>5} {params['c2']:>5} | {scores['PERS'][2]:7.3f} {scores['LOC'][2]:7.3f} "
              f"{scores['ORG'][2]:7.3f} {scores['micro'][2]:7.3f} | {secs:6.1f}")
        if best is None or key > best[0]:
            best = (key, params, scores)
    assert best is not None
    _, params, dev_scores = best
    print(f"\nchosen (best mean PERS/LOC F1 on dev): {params}")
    for t in (*KEEP, "micro"):
        p, r, f, n = dev_scores[t]
        print(f"  dev {t:5}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (gold spans {n})")

    model_path = args.out / "crf.model"
    meta_path = args.out / "crf.json"
    meta_path.unlink(missing_ok=True)  # stale metadata (feature version) must not outlive the model it describes
    secs = train(sents, model_path, params)
    size = model_path.stat().st_size
    meta = {
        "model": "crf.model",
        "format": "python-crfsuite (CRFsuite 1st-order linear-chain CRF, L-BFGS)",
        "feature_version": FEATURE_VERSION,
        "labels": sorted(PersonTagger(model_path).labels),  # also checks that the new model loads
        "params": {**BASE_PARAMS, **params},
        "trained_on": f"ANERcorp train part (Benajiba et al. 2007), {len(sents)} sentences, {n_tok} tokens; "
                      "MISC mapped to O",
        "dev_split": f"last {DEV_FRACTION:.0%} of sentences ({len(dev_sents)})",
        "dev_scores": {t: dict(zip(("P", "R", "F1", "gold"), v, strict=True)) for t, v in dev_scores.items()},
        "train_seconds_final": round(secs, 1),
        "size_bytes": size,
    }
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nfinal model on all {len(sents)} sentences: {secs:.1f} s → {model_path} ({size / 1e6:.2f} MB)")
    print(f"total time {time.perf_counter() - t_start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
