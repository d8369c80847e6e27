"""Resolution across articles: when two reports describe one real-world meeting.

Entities need no work here: their ids are already resolution keys (ISO codes for countries, slugs for
known people, places and organisations, the spelling-insensitive name skeleton for people found by
pattern). Meetings are the same event when their kind (talks and meetings are one kind), their set of
parties and their day agree; the day may differ by one when both reports give it, and by three when a
report gives none and its publication date stands in for it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from loader.document import Extraction, Meeting
from loader.extract.meetings import KIND_CLASS

DATED_WINDOW = 1
UNDATED_WINDOW = 3


@dataclass
class Report:
    article: str
    meeting: Meeting


@dataclass
class MeetingGroup:
    """One real-world meeting as this batch sees it, with every report of it."""

    id: str
    kind_class: str
    parties_key: str
    anchor: date | None
    window: int
    reports: list[Report] = field(default_factory=list)

    @property
    def first(self) -> Meeting:
        return self.reports[0].meeting


def parties_key(meeting: Meeting) -> str:
    if meeting.participants:
        return ",".join(sorted(set(meeting.participants)))
    return "event:" + (meeting.name or "")


def anchor_of(meeting: Meeting, published: date | None) -> tuple[date | None, int]:
    if meeting.date is not None:
        return meeting.date, DATED_WINDOW
    return published, UNDATED_WINDOW


def meeting_id(kind_class: str, key: str, anchor: date | None, article: str) -> str:
    basis = f"{kind_class}|{key}|{anchor.isoformat() if anchor else 'undated:' + article}"
    return "meeting:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def group_meetings(extractions: list[Extraction]) -> list[MeetingGroup]:
    """Groups the batch's meetings, in article order so that every run groups them the same way."""
    groups: list[MeetingGroup] = []
    index: dict[tuple[str, str], list[MeetingGroup]] = {}
    for extraction in extractions:
        article = extraction.article
        for meeting in extraction.meetings:
            kind_class = KIND_CLASS[meeting.type]
            key = parties_key(meeting)
            anchor, window = anchor_of(meeting, article.published)
            match = None
            if anchor is not None:
                for group in index.get((kind_class, key), []):
                    if group.anchor is not None and abs((group.anchor - anchor).days) <= max(window, group.window):
                        match = group
                        break
            if match is None:
                match = MeetingGroup(meeting_id(kind_class, key, anchor, article.id), kind_class, key, anchor, window)
                groups.append(match)
                index.setdefault((kind_class, key), []).append(match)
            match.reports.append(Report(article.id, meeting))
    return groups
