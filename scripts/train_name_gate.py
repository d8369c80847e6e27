"""Train the people precision gate (loader/extract/namegate.py) on the dev gold and write
loader/extract/data/ner/name_gate.json.

    uv run python scripts/train_name_gate.py [--gold eval/gold/dev.jsonl] [--folds 5]

Every stretch the title rules or the statistical tagger propose in the dev articles is expanded into its
candidate sub-stretches; a
candidate is a positive example when its text is one of the gold names (or variants) of that article, as
`newsgraph evaluate` compares names. A logistic regression (scikit-learn) is scored first by grouped
cross-validation (folds of whole articles, so no article is scored by a model trained on it), then trained
on all of the dev gold; its standardised weights and the decision threshold are written as JSON. The test
gold is never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from loader.evaluate import _forms, load_gold, locate  # noqa: E402
from loader.extract import Extractor  # noqa: E402
from loader.extract.entities import PersonFinder, StatisticalPersons  # noqa: E402
from loader.extract.logistic import save_logistic  # noqa: E402
from loader.extract.namegate import GATE_MODEL, NameGate, Proposal  # noqa: E402
from loader.extract.ner import PersonTagger  # noqa: E402
from loader.extract.wordstats import load_word_stats  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


class RecordingGate(NameGate):
    """Records every proposal with its scored candidates and lets the proposal through unchanged."""

    def __init__(self, tagger: PersonTagger) -> None:
        super().__init__(tagger, model=None)
        self.records: list[tuple[Proposal, list[tuple[tuple[int, ...], dict[str, float]]]]] = []

    def __call__(self, proposal: Proposal) -> list[int]:
        self.records.append((proposal, [(span, values) for _, span, values in self.scored(proposal)]))
        return list(proposal.span)


def candidate_forms(proposal: Proposal, span: tuple[int, ...], text: str) -> set[str]:
    """Normalised forms of a candidate's text, with a leading conjunction read both ways."""
    tokens = proposal.tokens
    raw = text[tokens[span[0]].start:tokens[span[-1]].end]
    forms = _forms(raw)
    first = tokens[span[0]].key
    if first[:1] in "وف" and load_word_stats().conjunction_prefixed(first) is not False:
        forms |= _forms(raw[1:])
    return forms


def examples(gold_path: Path) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    tagger = PersonTagger()
    gate = RecordingGate(tagger)
    extractor = Extractor()
    extractor.components = [PersonFinder(gate) if isinstance(c, PersonFinder) else
                            StatisticalPersons(tagger, gate) if isinstance(c, StatisticalPersons) else c
                            for c in extractor.components]
    rows, labels, groups = [], [], []
    names: list[str] = []
    for number, item in enumerate(load_gold(gold_path)):
        article = locate(item, gold_path, DATA)
        gold_forms: set[str] = set()
        for person in item.get("people", []):
            gold_forms |= _forms(person["name"], *person.get("variants", []))
        gate.records.clear()
        extractor(article)
        for proposal, candidates in gate.records:
            for span, values in candidates:
                if not names:
                    names = list(values)
                rows.append([values[f] for f in names])
                labels.append(int(bool(candidate_forms(proposal, span, article.text) & gold_forms)))
                groups.append(number)
    return names, np.array(rows), np.array(labels), np.array(groups)


def best_per_proposal_f1(probabilities: np.ndarray, labels: np.ndarray, threshold: float) -> float:
    """Candidate-level F1 at a threshold (a proxy; the product keeps one candidate per proposal)."""
    chosen = probabilities >= threshold
    tp = int((chosen & (labels == 1)).sum())
    fp = int((chosen & (labels == 0)).sum())
    fn = int((~chosen & (labels == 1)).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "eval" / "gold" / "dev.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=GATE_MODEL)
    args = parser.parse_args()
    if "test" in args.gold.name:
        parser.error("the gate is tuned on the dev gold only")
    names, x, y, groups = examples(args.gold)
    print(f"{len(y)} candidates from {len(set(groups))} articles, {int(y.sum())} positive")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    held_out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=args.folds).split(z, y, groups):
        model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced")
        model.fit(z[train], y[train])
        held_out[test] = model.predict_proba(z[test])[:, 1]
    thresholds = [t / 100 for t in range(30, 91, 5)]
    scores = {t: best_per_proposal_f1(held_out, y, t) for t in thresholds}
    threshold = max(scores, key=lambda t: (scores[t], t))
    print("cross-validated candidate F1 by threshold: " + ", ".join(f"{t:.2f}: {s:.3f}" for t, s in scores.items()))
    model = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced").fit(z, y)
    save_logistic(args.out, names, mean, scale, model.coef_[0], model.intercept_[0], threshold,
                  {"candidates": len(y), "positive": int(y.sum()), "articles": len(set(groups)),
                     "cross_validated_f1": round(scores[threshold], 4), "folds": args.folds, "C": args.c}, shown=12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
