"""When an encounter took place, as its sentence tells it: a plan, the news of the day, or background recalled.

A preview filed as a meeting that happened on the report's day, or a look-back dated with it, is how one real
event ends up as several Meeting nodes; these tests pin the sentence-level evidence that prevents it."""

from __future__ import annotations

from datetime import date

import pytest

from loader.document import Article, Meeting
from loader.extract import Extractor

TUESDAY = date(2018, 7, 10)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def meetings(extractor: Extractor, text: str, published: date = TUESDAY) -> list[Meeting]:
    return extractor(Article(id="t", title="عنوان", text=text, published=published)).meetings


def only(found: list[Meeting], kind: str) -> Meeting:
    chosen = [m for m in found if m.type == kind]
    assert len(chosen) == 1, [(m.type, m.participants, m.status) for m in found]
    return chosen[0]


def test_a_verb_in_the_future_makes_a_plan_even_when_no_list_names_it(extractor: Extractor) -> None:
    # «سيترأس» is in no word list: the future prefix is told by corpus counts («يترأس» stands alone).
    found = meetings(extractor, "وسيترأس الرئيس الفرنسي إيمانويل ماكرون لقاء مع رئيس الوزراء الهندي ناريندرا "
                                "مودي.")
    assert only(found, "meeting").status == "planned"


def test_an_announced_intention_is_a_plan(extractor: Extractor) -> None:
    found = meetings(extractor, "أعلن وزير الخارجية النمساوي سباستيان كورتس عزمه زيارة إيران.")
    visit = only(found, "visit")
    assert visit.status == "planned" and visit.date is None


def test_a_past_time_word_after_the_encounter_keeps_it_a_fact(extractor: Extractor) -> None:
    # «دعا» (invited) is an intention word, but «لقائه أمس» is yesterday's meeting.
    found = meetings(extractor, "ودعا الرئيس الأمريكي دونالد ترامب خلال لقائه أمس الرئيس الروسي فلاديمير بوتين إلى "
                                "زيارة واشنطن.", published=date(2018, 7, 17))
    meeting = only(found, "meeting")
    assert meeting.status == "happened" and meeting.date == date(2018, 7, 16)


def test_a_weekday_in_a_plan_is_the_next_such_day(extractor: Extractor) -> None:
    found = meetings(extractor, "ومن المقرر أن يلتقي الرئيس الأمريكي دونالد ترامب مع الرئيس الروسي فلاديمير بوتين "
                                "في هلسنكي يوم الاثنين.")
    meeting = only(found, "meeting")
    assert (meeting.status, meeting.date) == ("planned", date(2018, 7, 16))


def test_a_weekday_in_the_news_of_the_day_is_the_last_such_day(extractor: Extractor) -> None:
    found = meetings(extractor, "التقى الرئيس الأمريكي دونالد ترامب مع الرئيس الروسي فلاديمير بوتين في هلسنكي "
                                "يوم الاثنين.", published=date(2018, 7, 17))
    assert only(found, "meeting").date == date(2018, 7, 16)


def test_a_pluperfect_look_back_is_not_dated_with_the_day_of_the_news(extractor: Extractor) -> None:
    text = ("استقبل الرئيس الروسي فلاديمير بوتين رئيس الوزراء الإسرائيلي بنيامين نتنياهو أمس في موسكو. "
            "وكان ترامب قد زار بريطانيا والتقى رئيسة الوزراء تيريزا ماي.")
    found = meetings(extractor, text)
    today = [m for m in found if "person:benjamin-netanyahu" in m.participants]
    assert today and today[0].date == date(2018, 7, 9) and not today[0].recalled
    earlier = [m for m in found if m.recalled]
    assert earlier, [(m.type, m.participants, m.date) for m in found]
    assert all(m.date is None and m.status == "happened" for m in earlier)


def test_the_latest_meeting_is_background(extractor: Extractor) -> None:
    found = meetings(extractor, "وأشاد ترامب بلقائه الأخير مع الرئيس الروسي فلاديمير بوتين.",
                     published=date(2018, 8, 2))
    meeting = only(found, "meeting")
    assert meeting.recalled and meeting.date is None


def test_an_agreement_to_meet_is_a_plan_an_agreement_in_a_meeting_is_not(extractor: Extractor) -> None:
    plan = meetings(extractor, "وافق الرئيس الأمريكي دونالد ترامب على لقاء الرئيس الروسي فلاديمير بوتين.")
    assert only(plan, "meeting").status == "planned"
    held = meetings(extractor, "التقى الرئيس الأمريكي دونالد ترامب الرئيس الروسي فلاديمير بوتين أمس ووافق خلال "
                               "اللقاء على تمديد الاتفاق.", published=date(2018, 7, 17))
    assert only(held, "meeting").status == "happened"
