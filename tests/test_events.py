"""One real-world encounter, one meeting node: the single rule (loader.extract.events) inside an article, in a
batch and against the graph."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from loader.extract.events import When, narrowed, plausible_days, same_event
from loader.pipeline import load
from newsgraph.config import Settings

PARTIES = frozenset({"person:donald-trump", "person:vladimir-putin"})


def days(day: date | None = None, period: tuple[date, str] | None = None, status: str = "happened",
         published: date | None = date(2018, 7, 17)) -> When:
    return plausible_days(day, period, status, published)


def test_an_announcement_and_the_report_after_the_fact_are_one_event() -> None:
    announced = days(status="planned", published=date(2018, 6, 28))
    held = days(date(2018, 7, 16))
    assert same_event("summit", PARTIES, announced, "meeting", PARTIES, held)  # summit and meeting: one class
    assert narrowed(announced, held).day == date(2018, 7, 16)


def test_an_encounter_recalled_with_its_month_is_another_event() -> None:
    recalled = days(period=(date(2017, 11, 1), "month"))
    assert not same_event("meeting", PARTIES, recalled, "meeting", PARTIES, days(date(2018, 7, 16)))


def test_reports_a_day_apart_are_one_event_a_week_apart_two() -> None:
    assert same_event("talks", PARTIES, days(date(2018, 7, 16)), "meeting", PARTIES, days(date(2018, 7, 17)))
    assert not same_event("talks", PARTIES, days(date(2018, 7, 9)), "meeting", PARTIES, days(date(2018, 7, 16)))


def test_a_call_is_never_the_same_event_as_a_meeting() -> None:
    assert not same_event("call", PARTIES, days(date(2018, 7, 16)), "meeting", PARTIES, days(date(2018, 7, 16)))


@pytest.mark.neo4j
def test_announced_then_held_summit_is_one_node_dated_on_its_day(empty_graph: Driver, neo4j_settings: Settings,
                                                                 tmp_path: Path) -> None:
    files = {
        "a.txt": ("2018-07-10", "ومن المقرر أن يلتقي الرئيس الأمريكي دونالد ترامب نظيره الروسي فلاديمير بوتين في "
                                "هلسنكي."),
        "b.txt": ("2018-07-17", "عقد الرئيس الأمريكي دونالد ترامب قمة مع نظيره الروسي فلاديمير بوتين في هلسنكي أمس "
                                "الاثنين."),
        "c.txt": ("2018-07-18", "وكان ترامب قد التقى بوتين في فيتنام في نوفمبر 2017 على هامش قمة آسيا والمحيط "
                                "الهادئ."),
    }
    for name, (published, body) in files.items():
        (tmp_path / name).write_text(f"---\npublished: {published}\n---\nعنوان\n\n{body}\n", encoding="utf-8")
    load([tmp_path / name for name in files], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        """MATCH (:Person {id: 'person:donald-trump'})-[:PARTICIPATED_IN]->(m:Meeting)
                 <-[:PARTICIPATED_IN]-(:Person {id: 'person:vladimir-putin'})
           RETURN m.status AS status, m.date AS date, m.period AS period, m.article_count AS articles
           ORDER BY m.article_count DESC""", database_=neo4j_settings.database)
    assert len(records) == 2, [r.data() for r in records]
    helsinki, vietnam = records
    assert (helsinki["status"], helsinki["date"].to_native(), helsinki["articles"]) == \
        ("happened", date(2018, 7, 16), 2)
    assert vietnam["date"] is None and vietnam["period"] == "2017-11"


@pytest.mark.neo4j
def test_an_early_preview_and_a_later_look_back_join_the_summit(empty_graph: Driver, neo4j_settings: Settings,
                                                                 tmp_path: Path) -> None:
    files = {  # announced three months ahead; held; recalled two weeks later as «لقائه الأخير»
        "a.txt": ("2018-04-20", "ومن المقرر أن يلتقي الرئيس الأمريكي دونالد ترامب نظيره الروسي فلاديمير بوتين."),
        "b.txt": ("2018-07-17", "عقد الرئيس الأمريكي دونالد ترامب قمة مع نظيره الروسي فلاديمير بوتين في هلسنكي أمس "
                                "الاثنين."),
        "c.txt": ("2018-08-02", "وأشاد الرئيس الأمريكي دونالد ترامب بلقائه الأخير مع الرئيس الروسي فلاديمير بوتين."),
    }
    for name, (published, body) in files.items():
        (tmp_path / name).write_text(f"---\npublished: {published}\n---\nعنوان\n\n{body}\n", encoding="utf-8")
    load([tmp_path / name for name in files], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        """MATCH (:Person {id: 'person:donald-trump'})-[:PARTICIPATED_IN]->(m:Meeting)
                 <-[:PARTICIPATED_IN]-(:Person {id: 'person:vladimir-putin'})
           RETURN m.status AS status, m.date AS date, m.article_count AS articles""",
        database_=neo4j_settings.database)
    assert [(r["status"], r["date"].to_native() if r["date"] else None, r["articles"]) for r in records] == \
        [("happened", date(2018, 7, 16), 3)]
