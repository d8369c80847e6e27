"""Check gold annotations against the annotation guide's format before they are used.

    uv run python eval/check_gold.py eval/gold/dev.jsonl          # JSON lines
    uv run python eval/check_gold.py /tmp/annot/out/passA/*.json   # or one JSON object per file

Reports, per article: missing fields, unknown types or statuses, malformed dates, participants that are
neither a listed person's `name` nor an ISO code, country codes that are not ISO 3166-1, duplicate people,
and evidence that is not a verbatim substring of the article body. Exits 1 when anything is wrong.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from babel import Locale  # noqa: E402

from loader.evaluate import locate  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
TYPES = {"call", "meeting", "visit", "talks", "summit", "conference"}
STATUSES = {"happened", "planned"}
ISO = {code for code in Locale("en").territories if re.fullmatch(r"[A-Z]{2}", code)} | {"XK", "PS"}


def items(paths: list[Path]) -> list[tuple[str, dict]]:
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            found.append((str(path), json.loads(text)))
        else:
            found += [(f"{path}:{n}", json.loads(line)) for n, line in enumerate(text.splitlines(), 1)
                      if line.strip()]
    return found


def problems(item: dict, gold_path: Path) -> list[str]:
    out = []
    for key in ("path", "id", "published", "people", "countries", "meetings"):
        if key not in item:
            out.append(f"missing field {key!r}")
    if out:
        return out
    try:
        body = locate(item, gold_path, DATA).text
    except (LookupError, OSError) as exc:
        return [f"article not found: {exc}"]
    names = [p.get("name") for p in item["people"]]
    for name in {n for n in names if names.count(n) > 1}:
        out.append(f"person listed twice: {name}")
    for person in item["people"]:
        if not person.get("name"):
            out.append(f"person without a name: {person}")
        elif person["name"] not in body and not any(v in body for v in person.get("variants", [])):
            out.append(f"person {person['name']!r}: neither the name nor a variant occurs in the body")
        if person.get("country") is not None and person["country"] not in ISO:
            out.append(f"person {person.get('name')!r}: country {person['country']!r} is not an ISO code")
    for code in item["countries"]:
        if code not in ISO:
            out.append(f"country {code!r} is not an ISO 3166-1 alpha-2 code")
    for number, meeting in enumerate(item["meetings"], 1):
        where = f"meeting {number}"
        if meeting.get("type") not in TYPES:
            out.append(f"{where}: type {meeting.get('type')!r} is not one of {sorted(TYPES)}")
        if meeting.get("status") not in STATUSES:
            out.append(f"{where}: status {meeting.get('status')!r} is not happened/planned")
        if meeting.get("date") is not None:
            try:
                date.fromisoformat(meeting["date"])
            except (TypeError, ValueError):
                out.append(f"{where}: date {meeting['date']!r} is not YYYY-MM-DD")
        parties = meeting.get("participants") or []
        if len(set(parties)) < 2:
            out.append(f"{where}: needs two or more different participants")
        for party in parties:
            if party not in names and party not in ISO:
                out.append(f"{where}: participant {party!r} is neither a listed person's name nor an ISO code")
        evidence = meeting.get("evidence") or ""
        if not evidence or evidence not in body:
            out.append(f"{where}: evidence is not a verbatim substring of the body: {evidence[:60]!r}")
    return out


def main() -> int:
    paths = [Path(arg) for arg in sys.argv[1:]]
    if not paths:
        print(__doc__)
        return 2
    bad = 0
    for where, item in items(paths):
        gold_path = ROOT / "eval" / "gold" / "dev.jsonl"  # shared-data paths are relative to ../shared/data
        found = problems(item, gold_path)
        for problem in found:
            print(f"{where}: {problem}")
        bad += bool(found)
    print(f"{bad} article(s) with problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
