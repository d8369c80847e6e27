"""One real-world encounter, one meeting: the single rule that decides whether two reports describe the same
event, used inside an article (loader.extract.meetings), inside a batch and against the graph (loader.resolve,
loader.write).

Two reports are one event when they are of the same class (a meeting, talks or a summit between the same
parties is one encounter, whatever word each outlet used), name the same parties, and the days on which each
report lets the event have taken place overlap:

- a report that gives the day: that day (one day of slack between two such reports);
- a report that gives only a month or a year («في نوفمبر 2017»): that month or year, so an earlier encounter
  recalled as background never joins this week's;
- an undated report of an encounter that happened: the REPORT_DELAY days up to its publication; one told as
  background («كان قد التقى», «زيارته السابقة»): the RECALL_WINDOW days before it;
- an undated announcement («من المقرر أن يلتقي»): the PLAN_HORIZON days after its publication, so that the
  announcement and the reports after the fact end in one event, dated on the day it took place.

Among the events a report fits, the one nearest in time wins (`distance`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# Encounters that are one event whatever word a report uses for them.
RESOLUTION_CLASS = {"meeting": "meet", "talks": "meet", "summit": "meet", "call": "call", "visit": "visit",
                    "conference": "conference"}
DAY_SLACK = 1
# An undated report of an encounter that happened («التقى …» in a look-back, a statement days later) may be up to
# REPORT_DELAY days late; an undated announcement may precede its encounter by up to PLAN_HORIZON days. Wide
# spans join previews and look-backs to the event they are about; among the events a report fits, the nearest in
# time is chosen (loader.resolve), so two calls a week apart each keep their dated reports.
REPORT_DELAY = 14
PLAN_HORIZON = 120
# A recalled encounter («القمة الأخيرة بينهما») lies further back, but most look-backs are to recent news.
RECALL_WINDOW = 120


@dataclass(frozen=True)
class When:
    """The days on which an event may have taken place, as far as its reports tell (None: they do not)."""

    lo: date | None
    hi: date | None

    @property
    def known(self) -> bool:
        return self.lo is not None and self.hi is not None

    @property
    def day(self) -> date | None:
        return self.lo if self.known and self.lo == self.hi else None


def period_bounds(start: date, precision: str) -> When:
    if precision == "month":
        return When(start.replace(day=1), start.replace(day=calendar.monthrange(start.year, start.month)[1]))
    if precision == "year":
        return When(date(start.year, 1, 1), date(start.year, 12, 31))
    return When(start, start)


def plausible_days(day: date | None, period: tuple[date, str] | None, status: str,
                   published: date | None, recalled: bool = False) -> When:
    """The days an event may have taken place on, from one report (see the module's rules)."""
    if day is not None:
        return When(day, day)
    if period is not None:
        return period_bounds(*period)
    if published is None:
        return When(None, None)
    if status == "planned":
        return When(published, published + timedelta(days=PLAN_HORIZON))
    if recalled:
        return When(published - timedelta(days=RECALL_WINDOW), published - timedelta(days=1))
    return When(published - timedelta(days=REPORT_DELAY), published)


def overlap(a: When, b: When) -> bool:
    """Whether two reports' days can be the same day; a report that tells nothing contradicts nothing."""
    if not a.known or not b.known:
        return True
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    slack = timedelta(days=DAY_SLACK)
    return a.lo <= b.hi + slack and b.lo <= a.hi + slack


def gap(a: When, b: When) -> int:
    """Days between two reports' spans (0 when they overlap): the closest existing event is chosen."""
    if not a.known or not b.known:
        return 0
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    return max(0, (a.lo - b.hi).days, (b.lo - a.hi).days)


def distance(a: When, b: When) -> int:
    """Days between the middles of two spans: which of several fitting events a report is nearest to."""
    if not a.known or not b.known:
        return 0
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    middle_a = a.lo.toordinal() + (a.hi - a.lo).days / 2
    middle_b = b.lo.toordinal() + (b.hi - b.lo).days / 2
    return round(abs(middle_a - middle_b))


def narrowed(a: When, b: When) -> When:
    """What an event's days become when another report of it arrives: the days both allow (with one day of
    slack between two days, the earlier report's day stands); the better-known span if they do not meet."""
    if not a.known:
        return b
    if not b.known:
        return a
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo <= hi:
        return When(lo, hi)
    return a if (a.hi - a.lo) <= (b.hi - b.lo) else b


def same_event(kind_a: str, parties_a: frozenset[str], when_a: When,
               kind_b: str, parties_b: frozenset[str], when_b: When) -> bool:
    """The one rule: same class of encounter, same parties, days that can be the same day."""
    return RESOLUTION_CLASS[kind_a] == RESOLUTION_CLASS[kind_b] and parties_a == parties_b and \
        overlap(when_a, when_b)
