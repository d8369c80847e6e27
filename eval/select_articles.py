"""Pick real articles to annotate, reproducibly: a seeded, stratified sample of the shared corpora.

    uv run python eval/select_articles.py --seed 2026 --out /tmp/annot/batch.jsonl --texts /tmp/annot/texts

Strata: each corpus (ANT multisource, ANT JawharaFM, SaudiNewsNet), half drawn at random (local, sport
and economy news, where junk names breed) and half among articles that use a meeting word (so that
meeting annotations are not rare). Articles already in any gold file, byte-identical copies and very short
or very long bodies are skipped. The texts are written outside the repository: the corpora are never
copied into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from loader.read import ArticleFormatError, read_file  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MEETING_WORDS = re.compile(r"التق|استقب|اتصال|زيار|مباحثات|محادثات|مشاورات|قمة|اجتماع|لقاء|مؤتمر|وصل")
# (stratum name, glob under DATA, random count, meeting-word count)
STRATA = [
    ("ant_multisource", "news/ant_multisource/*/*/*.txt", 20, 20),
    ("ant_jawharafm", "news/ant_jawharafm/*/*.txt", 10, 10),
    ("saudinewsnet", "news/saudinewsnet/dataset/*.json", 30, 30),
]
# The second batch: meeting-rich articles only (three or more meeting words), for meeting recall and the
# participation model's training data.
RICH_STRATA = [
    ("ant_multisource", "news/ant_multisource/*/*/*.txt", 0, 20),
    ("ant_jawharafm", "news/ant_jawharafm/*/*.txt", 0, 15),
    ("saudinewsnet", "news/saudinewsnet/dataset/*.json", 0, 25),
]
MIN_CHARS, MAX_CHARS = 300, 4000


def gold_ids() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "eval" / "gold").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                ids.add(item.get("id") or item["path"])
    return ids


def candidates(pattern: str, taken: set[str], seen_hashes: set[str]) -> list[dict]:
    found = []
    for path in sorted(DATA.glob(pattern)):
        for record in read_file(path):
            if isinstance(record, ArticleFormatError):
                continue
            key = record.url if path.suffix == ".json" else record.id  # JSON record indices are not stable
            digest = hashlib.sha1(record.text.encode("utf-8")).hexdigest()
            if key in taken or record.id in taken or digest in seen_hashes:
                continue
            if not MIN_CHARS <= len(record.text) <= MAX_CHARS:
                continue
            seen_hashes.add(digest)
            found.append({"path": str(path.relative_to(DATA)), "id": key,
                          "published": record.published.isoformat() if record.published else None,
                          "source": record.source, "title": record.title, "text": record.text,
                          "meeting_words": len(MEETING_WORDS.findall(record.text))})
    return found


def by_outlet(pool: list[dict], count: int) -> list[dict]:
    """`count` articles taken in turn from each outlet, so that a large outlet does not fill the sample."""
    queues: dict[str, list[dict]] = {}
    for article in pool:
        queues.setdefault(article["source"] or "", []).append(article)
    picked: list[dict] = []
    while len(picked) < count and any(queues.values()):
        for queue in queues.values():
            if queue and len(picked) < count:
                picked.append(queue.pop(0))
    return picked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, required=True, help="JSONL of the chosen articles (no texts)")
    parser.add_argument("--texts", type=Path, required=True, help="folder for one text file per article")
    parser.add_argument("--exclude", type=Path, nargs="*", default=[], help="earlier batch lists to leave out")
    parser.add_argument("--meeting-rich", action="store_true", help="only articles with 3+ meeting words")
    parser.add_argument("--first-number", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    taken = gold_ids()
    for batch in args.exclude:
        taken |= {json.loads(line)["id"] for line in batch.read_text(encoding="utf-8").splitlines() if line.strip()}
    seen: set[str] = set()
    chosen = []
    least = 3 if args.meeting_rich else 1
    for name, pattern, at_random, with_meetings in (RICH_STRATA if args.meeting_rich else STRATA):
        pool = candidates(pattern, taken, seen)
        rng.shuffle(pool)
        picked = by_outlet([a for a in pool if a["meeting_words"] >= least], with_meetings)
        ids = {a["id"] for a in picked}
        picked += by_outlet([a for a in pool if a["id"] not in ids], at_random)
        for article in picked:
            article["stratum"] = name
        chosen += picked
        print(f"{name}: {len(pool)} candidates, {len(picked)} chosen", file=sys.stderr)
    rng.shuffle(chosen)
    args.texts.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for number, article in enumerate(chosen, start=args.first_number):
            article["number"] = number
            text_file = args.texts / f"{number:03d}.txt"
            text_file.write_text(f"published: {article['published']}\nsource: {article['source']}\n"
                                 f"title: {article['title']}\n\n{article['text']}\n", encoding="utf-8")
            row = {k: v for k, v in article.items() if k not in {"text", "title", "meeting_words"}}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
