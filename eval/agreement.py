"""Inter-annotator agreement: one annotation pass scored against another with the matcher of `newsgraph
evaluate` (people by name forms, countries by code, meetings by kind and parties, dates and types on
matched meetings). F1 is symmetric, so it is the agreement figure; P and R say which pass annotated more.

    uv run python eval/agreement.py FIRST_DIR SECOND_DIR          # NNN.json files present in both
    uv run python eval/agreement.py eval/gold/agreement/first.jsonl eval/gold/agreement/second.jsonl
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loader.document import Article, Entity, Extraction, Meeting  # noqa: E402
from loader.evaluate import Report, score_article  # noqa: E402


def as_extraction(item: dict) -> Extraction:
    """A second pass in the shape of system output, so that the evaluation matcher can compare them."""
    entities = [Entity(id=f"person:{p['name']}", type="Person", name=p["name"], aliases=p.get("variants", []))
                for p in item["people"]]
    entities += [Entity(id=f"country:{code}", type="Country", name=code, country=code) for code in item["countries"]]
    names = {p["name"] for p in item["people"]}
    meetings = []
    for number, m in enumerate(item["meetings"]):
        parties = [f"person:{p}" if p in names else f"country:{p}" for p in m["participants"]]
        meetings.append(Meeting(id=str(number), type=m["type"], participants=parties, evidence=[],
                                date=date.fromisoformat(m["date"]) if m.get("date") else None,
                                status=m.get("status", "happened")))
    article = Article(id=item["id"], title="", text="")
    return Extraction(article, entities, meetings)


def pairs(first: Path, second: Path) -> list[tuple[dict, dict]]:
    if first.is_dir():
        names = sorted({p.name for p in first.glob("*.json")} & {p.name for p in second.glob("*.json")})
        return [(json.loads((first / n).read_text(encoding="utf-8")), json.loads((second / n).read_text(
            encoding="utf-8"))) for n in names]
    one = {json.loads(line)["id"]: json.loads(line) for line in first.read_text(encoding="utf-8").splitlines() if line}
    two = {json.loads(line)["id"]: json.loads(line) for line in second.read_text(encoding="utf-8").splitlines() if line}
    return [(one[key], two[key]) for key in one if key in two]


def agreement(first: Path, second: Path) -> Report:
    report = Report()
    for gold, other in pairs(first, second):
        report.add(score_article(gold, as_extraction(other)))
    return report


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    print(agreement(Path(sys.argv[1]), Path(sys.argv[2])).table())
