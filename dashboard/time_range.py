"""The explorer's date range: a month slider over the bulk of the meeting dates, with open ends.

News extraction yields a few meetings with historical dates (a 1902 treaty recalled in a 2017 article); a slider
spanning all of them would make every month of the news unreadably thin. So the slider runs over the months
holding the central 90 % of dated meetings (dashboard.queries.meeting_date_span), and each end of it means "no
limit": at its left end the range reaches back to the earliest meeting, at its right end forward to the latest.
A URL may still name any month; the slider then shows it at its end.
"""

from __future__ import annotations

from typing import Any

View = dict[str, Any]
MAX_MARKS = 4


def months_between(first: str | None, last: str | None) -> list[str]:
    """Every month (YYYY-MM) from the first date's to the last's: the slider's steps."""
    if not first or not last:
        return []
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def slider_months(span: dict[str, Any]) -> list[str]:
    """The slider's months: the bulk of the dated meetings (at least one month when any meeting is dated)."""
    return months_between(span.get("low"), span.get("high"))


def marks(months: list[str]) -> dict[int, dict[str, Any]]:
    """At most MAX_MARKS labels, the last month always among them, so labels never overlap."""
    if not months:
        return {}
    step = max(1, -(-len(months) // MAX_MARKS))
    shown = list(range(0, len(months), step))
    if shown[-1] != len(months) - 1:
        if len(months) - 1 - shown[-1] < step:
            shown.pop()
        shown.append(len(months) - 1)
    return {i: {"label": months[i], "style": {"fontSize": ".7rem", "whiteSpace": "nowrap"}} for i in shown}


def slider_value(view: View, months: list[str]) -> list[int]:
    """Where the slider's handles sit for a view; a month off the scale sits at the nearer end."""
    if not months:
        return [0, 0]

    def index(value: str | None, default: int) -> int:
        if not value:
            return default
        month = value[:7]
        if month in months:
            return months.index(month)
        return 0 if month < months[0] else len(months) - 1

    return [index(view.get("from"), 0), index(view.get("to"), len(months) - 1)]


def slider_range(value: list[int] | None, months: list[str]) -> tuple[str | None, str | None]:
    """The view's from/to for a slider position: None at either end means "no limit"."""
    if not months or not value:
        return None, None
    start, end = int(value[0]), int(value[1])
    return (months[start] if start > 0 else None, months[end] if end < len(months) - 1 else None)


def range_text(view: View, span: dict[str, Any]) -> str:
    """The range in force, with the real extremes at open ends (so outliers are visible, not hidden)."""
    if not span.get("first"):
        return "—"
    start = view.get("from") or str(span["first"])[:7]
    end = view.get("to") or str(span["last"])[:7]
    return f"{start} – {end}"
