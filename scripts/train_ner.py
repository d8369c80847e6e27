"""Train the CRF named-entity tagger shipped as loader/extract/data/ner/crf.model.

Data: the four public gold corpora in ../shared/data/ner (never copied into the repository), each split into a
train and a held-out test part:

- ANERcorp (news, PERS/LOC/ORG; MISC → O): the last 20% of sentences are held out;
- NewsFANE Gold (news, 50 fine classes mapped to PERS/LOC/ORG): only the sentences whose text is not ANERcorp's
  (about 80% of NewsFANE re-annotates ANERcorp), the last 20% of them held out;
- AQMAR (Arabic Wikipedia, PER/LOC/ORG; MIS* → O): the last 20% of each article's sentences held out;
- Wojood sample (nested, 21 types; PERS, GPE/LOC and ORG kept, a person inside another entity wins): its own
  train/val files for training, its test file held out.

A small grid over L1/L2 weights is trained on the train parts and scored on the held-out parts (mean PERS/LOC F1
over the corpora); the chosen setting is then retrained on every sentence and written in python-crfsuite's
format, with a JSON of metadata (per-corpus held-out scores included) beside it.

    uv run python scripts/train_ner.py [--grid quick|none]
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
NEWSFANE = SHARED / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt"
AQMAR = SHARED / "aqmar"
WOJOOD = SHARED / "wojood_sample" / "data"
KEEP = ("PERS", "LOC", "ORG")
DEV_FRACTION = 0.2

# NewsFANE fine class → coarse type: individual people → PERS; geo-political entities and natural locations →
# LOC (ANERcorp's LOC covers both); organisations → ORG. Groups (peoples), facilities, works, vehicles → O.
NEWSFANE_PERS = ("Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist", "Businessperson",
                 "Lawyer", "Engineer", "Police")
NEWSFANE_LOC = ("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent",
                "Water-Body", "Land-Region-Natural", "Land")
NEWSFANE_ORG = ("Non-Governmental", "Sports", "Government", "Media", "Commercial", "Educational", "Religious_ORG",
                "Medical-Science", "Entertainment")
NEWSFANE_MAP = {**dict.fromkeys(NEWSFANE_PERS, "PERS"), **dict.fromkeys(NEWSFANE_LOC, "LOC"),
                **dict.fromkeys(NEWSFANE_ORG, "ORG")}
AQMAR_MAP = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG"}
WOJOOD_MAP = {"PERS": "PERS", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}

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


def _fit_and_score(args: tuple[list[Sentence], dict, dict[str, float], str]) -> tuple[dict, dict, float]:
    train_sents, corpora, params, path = args
    secs = train(train_sents, Path(path), params)
    return params, score_corpora(Path(path), corpora), secs


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


_LETTERS_ONLY = "".join(chr(c) for c in range(0x0621, 0x064B))
SHINGLE = 12


def _letters(words: list[str]) -> str:
    return "".join(ch for ch in normalize("".join(words)) if ch in _LETTERS_ONLY)


def unseen_sentences(sents: list[Sentence], reference: list[Sentence], threshold: float = 0.5) -> list[Sentence]:
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


def read_wojood(path: Path) -> list[Sentence]:
    """Wojood's nested layout: ``token TAG [TAG …]`` per line. A token keeps its PERS tag when it has one
    (a person named inside an organisation's name is still a person), else its first kept type."""
    sents: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        if parts[0] == "$#$":
            continue
        mapped = [(t.split("-", 1)[0], WOJOOD_MAP.get(t.split("-", 1)[1])) for t in parts[1:] if "-" in t]
        mapped = [(k, typ) for k, typ in mapped if typ]
        mapped.sort(key=lambda kt: kt[1] != "PERS")
        words.append(parts[0])
        tags.append(f"{mapped[0][0]}-{mapped[0][1]}" if mapped else "O")
    if words:
        sents.append((words, tags))
    return sents


def load_corpora() -> dict[str, tuple[list[Sentence], list[Sentence]]]:
    """{corpus: (train sentences, held-out sentences)} for every corpus present under ../shared/data/ner."""
    out: dict[str, tuple[list[Sentence], list[Sentence]]] = {}
    ane = load_anercorp() if ANERCORP.is_file() else []
    if ane:
        out["ANERcorp"] = split_dev(ane)
    if NEWSFANE.is_file():
        fane = [(w, map_tags(t, NEWSFANE_MAP)) for w, t in read_iob(NEWSFANE, sep="\t")]
        out["NewsFANE (not in ANERcorp)"] = split_dev(unseen_sentences(fane, ane) if ane else fane)
    if AQMAR.is_dir():
        train, test = [], []
        for path in sorted(AQMAR.glob("*.txt")):
            a, b = split_dev([(w, map_tags(t, AQMAR_MAP)) for w, t in read_iob(path)])
            train += a
            test += b
        out["AQMAR"] = (train, test)
    if (WOJOOD / "test.txt").is_file():
        out["Wojood sample"] = (read_wojood(WOJOOD / "train.txt") + read_wojood(WOJOOD / "val.txt"),
                                read_wojood(WOJOOD / "test.txt"))
    return out


def score_corpora(model_path: Path, corpora: dict[str, tuple[list[Sentence], list[Sentence]]]) -> dict[str, dict]:
    return {name: evaluate(model_path, test) for name, (_, test) in corpora.items()}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
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

    t_start = time.perf_counter()
    corpora = load_corpora()
    if not corpora:
        print(f"no NER corpora under {SHARED}; nothing to train.", file=sys.stderr)
        return 1
    train_sents = [s for part, _ in corpora.values() for s in part]
    all_sents = [s for part, held in corpora.values() for s in (*part, *held)]
    for name, (part, held) in corpora.items():
        print(f"{name}: train {len(part)} sentences ({sum(len(w) for w, _ in part)} tokens), "
              f"held out {len(held)}")

    grid = GRID if args.grid == "quick" else GRID[:1]
    # Dev models go to a system temporary folder, never into the model folder (which is committed).
    with tempfile.TemporaryDirectory(prefix="train_ner_") as tmp:
        jobs = [(train_sents, corpora, p, str(Path(tmp) / f"dev{i}.model")) for i, p in enumerate(grid)]
        workers = min(len(jobs), max(1, (os.cpu_count() or 1)))
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_fit_and_score, jobs))
    best = None
    for params, scores, secs in results:
        key = sum(s["PERS"][2] + s["LOC"][2] for s in scores.values()) / (2 * len(scores))
        print(f"\nc1 {params['c1']} c2 {params['c2']} (trained in {secs:.0f} s): mean PERS/LOC F1 {key:.3f}")
        for name, s in scores.items():
            print(f"  {name:28} PERS {s['PERS'][2]:.3f}  LOC {s['LOC'][2]:.3f}  ORG {s['ORG'][2]:.3f}")
        if best is None or key > best[0]:
            best = (key, params, scores)
    assert best is not None
    _, params, dev_scores = best
    print(f"\nchosen (best mean PERS/LOC F1 on the held-out parts): {params}")

    model_path = args.out / "crf.model"
    meta_path = args.out / "crf.json"
    meta_path.unlink(missing_ok=True)  # stale metadata (feature version) must not outlive the model it describes
    secs = train(all_sents, model_path, params)
    size = model_path.stat().st_size
    meta = {
        "model": "crf.model",
        "format": "python-crfsuite (CRFsuite 1st-order linear-chain CRF, L-BFGS)",
        "feature_version": FEATURE_VERSION,
        "labels": sorted(PersonTagger(model_path).labels),  # also checks that the new model loads
        "params": {**BASE_PARAMS, **params},
        "trained_on": {name: len(part) + len(held) for name, (part, held) in corpora.items()},
        "held_out_scores": {name: {t: dict(zip(("P", "R", "F1", "gold"), v, strict=True)) for t, v in s.items()}
                            for name, s in dev_scores.items()},
        "train_seconds_final": round(secs, 1),
        "size_bytes": size,
    }
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nfinal model on all {len(all_sents)} sentences: {secs:.1f} s → {model_path} ({size / 1e6:.2f} MB)")
    print(f"total time {time.perf_counter() - t_start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
