"""Train the meeting participation model (loader/extract/participation.py) on the dev gold and write
loader/extract/data/meetings/participation.json.

    uv run python scripts/train_participation.py [--gold eval/gold/dev.jsonl ...] [--folds 5]

The extractor runs over every dev article with the window rules choosing parties (so that the meetings
found, and the protagonist carried from one to the next, are as without a model) while every trigger's
candidates and their features are recorded. A trigger is aligned with the gold meetings of its kind whose
evidence sentence is its sentence; a candidate is a positive example when it is a party of an aligned gold
meeting (a person by the evaluation's name matching, a state or a place's state by its code). A trigger
aligned with no gold meeting is a negative example for all its candidates, unless two of them are parties
of one gold meeting of that kind in the article (a later sentence about an annotated encounter: left out).
A logistic regression is cross-validated over folds of whole articles, then trained on all of them. It learns
from the dev gold (adding our samples, whose people are English names, made both worse); the test gold is never
read.
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

from loader.evaluate import _forms, _longer_form, load_gold, locate  # noqa: E402
from loader.extract import Extractor  # noqa: E402
from loader.extract.doc import Doc  # noqa: E402
from loader.extract.logistic import save_logistic  # noqa: E402
from loader.extract.meetings import KIND_CLASS, MeetingFinder  # noqa: E402
from loader.extract.participation import PARTICIPATION_MODEL, Candidate  # noqa: E402
from loader.extract.text import match_key  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def words(text: str) -> list[str]:
    return [match_key(w) for w in text.replace("#", " ").replace("_", " ").split()]


def same_sentence(sentence: str, evidence: str) -> bool:
    a, b = " ".join(words(sentence)), " ".join(words(evidence))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    sa, sb = set(a.split()), set(b.split())
    return len(sa & sb) / max(1, min(len(sa), len(sb))) >= 0.6


def entity_forms(doc: Doc, entity: str) -> set[str]:
    record = doc.records[entity]
    texts = [record.name, *record.aliases]
    texts += [doc.article.text[m.start:m.end] for m in doc.mentions if m.entity_id == entity]
    return _forms(*texts)


def party_codes(doc: Doc, candidate: Candidate, gold_people: dict[str, set[str]]) -> set[str]:
    """What a candidate is called in gold participants: a state's code, or the gold name of a matching person
    (an Arabic name by its forms; the samples' English names by the curated person's English name)."""
    if candidate.label in {"Country", "Place"}:
        return {candidate.country} if candidate.country else set()
    forms = entity_forms(doc, candidate.entity)
    english = (doc.records[candidate.entity].name_en or "").lower()
    return {name for name, gold in gold_people.items()
            if forms & gold or _longer_form(forms, gold) or (english and name.lower() == english)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, nargs="+",
                        default=[ROOT / "eval" / "gold" / "dev.jsonl"])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.5)
    parser.add_argument("--out", type=Path, default=PARTICIPATION_MODEL)
    args = parser.parse_args()
    if any("test" in path.name for path in args.gold):
        parser.error("the model is tuned on the dev gold (and our own samples) only")
    records: list = []

    def observe(doc, s_index, trigger, featured):  # type: ignore[no-untyped-def]
        records.append((doc, s_index, trigger, featured))

    extractor = Extractor()
    extractor.components = [MeetingFinder(use_model=False, observer=observe) if isinstance(c, MeetingFinder) else c
                            for c in extractor.components]
    rows, labels, groups = [], [], []
    names: list[str] = []
    skipped = aligned_triggers = 0
    items = [(path, item) for path in args.gold for item in load_gold(path)]
    for number, (gold_path, item) in enumerate(items):
        article = locate(item, gold_path, DATA)
        records.clear()
        extractor(article)
        gold_people = {p: set() for p in item.get("people", []) if isinstance(p, str)}  # the samples: English
        gold_people |= {p["name"]: _forms(p["name"], *p.get("variants", [])) for p in item.get("people", [])
                        if isinstance(p, dict)}
        gold_meetings = item.get("meetings", [])
        for doc, s_index, trigger, featured in records:
            klass = KIND_CLASS[trigger.kind]
            sentence = doc.sentences[s_index].text
            aligned = [g for g in gold_meetings if KIND_CLASS.get(g["type"]) == klass
                       and same_sentence(sentence, g.get("evidence") or "")]
            codes = {c.entity: party_codes(doc, c, gold_people) for c, _ in featured}
            if aligned:
                aligned_triggers += 1
                parties = {p for g in aligned for p in g["participants"]}
                verdicts = {c.entity: bool(codes[c.entity] & parties) for c, _ in featured}
            else:
                same_kind = [set(g["participants"]) for g in gold_meetings if KIND_CLASS.get(g["type"]) == klass]
                if any(sum(bool(codes[c.entity] & parties) for c, _ in featured) >= 2 for parties in same_kind):
                    skipped += 1
                    continue
                verdicts = dict.fromkeys(codes, False)
            for candidate, values in featured:
                if not names:
                    names = sorted(values)
                rows.append([values.get(f, 0.0) for f in names])
                labels.append(int(verdicts[candidate.entity]))
                groups.append(number)
    x, y, g = np.array(rows), np.array(labels), np.array(groups)
    print(f"{len(y)} (trigger, candidate) pairs, {int(y.sum())} parties; {aligned_triggers} triggers aligned with "
          f"gold meetings, {skipped} left out as later reports of an annotated encounter")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    held_out = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=args.folds).split(z, y, g):
        model = LogisticRegression(C=args.c, max_iter=3000)
        model.fit(z[train], y[train])
        held_out[test] = model.predict_proba(z[test])[:, 1]
    scores = {}
    for t in [i / 100 for i in range(20, 81, 5)]:
        chosen = held_out >= t
        tp, fp = int((chosen & (y == 1)).sum()), int((chosen & (y == 0)).sum())
        fn = int((~chosen & (y == 1)).sum())
        scores[t] = (2 * tp / (2 * tp + fp + fn) if tp else 0.0, tp / max(1, tp + fp), tp / max(1, tp + fn))
    threshold = max(scores, key=lambda t: (scores[t][0], t))
    print("cross-validated pair F1 (P/R) by threshold: " +
          ", ".join(f"{t:.2f}: {f:.3f} ({p:.2f}/{r:.2f})" for t, (f, p, r) in scores.items()))
    model = LogisticRegression(C=args.c, max_iter=3000).fit(z, y)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_logistic(args.out, names, mean, scale, model.coef_[0], model.intercept_[0], threshold,
                  {"pairs": len(y), "parties": int(y.sum()), "articles": len(set(groups)), "folds": args.folds,
                     "C": args.c, "cross_validated_pair_f1": round(scores[threshold][0], 4)}, shown=14)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
