"""Arabic date expressions resolved against the publication date (loader.extract.dates).

Every expected date below was worked out by hand. The reference publication day is Saturday
3 February 2018 (the seed article's date).
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from loader.extract.dates import DateMatch, find_dates

SATURDAY = date(2018, 2, 3)


def only(text: str, published: date | None = SATURDAY) -> DateMatch:
    """The single date expression of `text`, checked to slice back to its own text."""
    found = find_dates(text, published)
    assert len(found) == 1, found
    match = found[0]
    assert text[match.start:match.end] == match.text
    return match


def resolved(text: str, published: date | None = SATURDAY) -> list[tuple[str, date]]:
    return [(m.text, m.value) for m in find_dates(text, published)]


# -- the cases named in the brief -------------------------------------------------------------

def test_seed_ordinal_day_of_levantine_month() -> None:
    match = only("وأجرى الرئيس اتصالا هاتفيا في الثاني من شباط مع نظيره", SATURDAY)
    assert match.text == "الثاني من شباط"
    assert match.value == date(2018, 2, 2)
    assert match.precision == "day"
    assert match.relative  # the year comes from the publication date


@pytest.mark.parametrize(("text", "expected", "matched"), [
    ("التقى الوزير نظيره الثلاثاء الماضي في موسكو", date(2018, 1, 30), "الثلاثاء الماضي"),
    ("وقال المتحدث الأربعاء إن الوفد سيصل", date(2018, 1, 31), "الأربعاء"),
    ("وكان الاتصال قد جرى أول من أمس", date(2018, 2, 1), "أول من أمس"),
    ("وأعلن الكرملين «يوم الخميس» أن الرئيسين اتفقا", date(2018, 2, 1), "يوم الخميس"),
    ("ومن المقرر أن يصل الوفد الأحد المقبل", date(2018, 2, 4), "الأحد المقبل"),
])
def test_brief_relative_examples(text: str, expected: date, matched: str) -> None:
    match = only(text)
    assert (match.text, match.value, match.precision, match.relative) == (matched, expected, "day", True)


# -- relative days ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("اليوم", date(2018, 2, 3)),
    ("أمس", date(2018, 2, 2)),
    ("امس", date(2018, 2, 2)),
    ("الأمس", date(2018, 2, 2)),
    ("أمس الأول", date(2018, 2, 1)),
    ("أول أمس", date(2018, 2, 1)),
    ("أول من أمس", date(2018, 2, 1)),
    ("غدا", date(2018, 2, 4)),
    ("غداً", date(2018, 2, 4)),
    ("بعد غد", date(2018, 2, 5)),
    ("بعد الغد", date(2018, 2, 5)),
    ("الليلة الماضية", date(2018, 2, 2)),
    ("صباح أمس", date(2018, 2, 2)),
    ("مساء أمس", date(2018, 2, 2)),
    ("صباح اليوم", date(2018, 2, 3)),
    ("مساء اليوم", date(2018, 2, 3)),
    ("مساء يوم الخميس", date(2018, 2, 1)),
    ("صباح الغد", date(2018, 2, 4)),
    ("أمس الجمعة", date(2018, 2, 2)),
    ("غدا الأحد", date(2018, 2, 4)),
])
def test_relative_day_words(text: str, expected: date) -> None:
    match = only(f"وقال المسؤول {text} إن المحادثات مستمرة")
    assert match.text == text
    assert (match.value, match.precision, match.relative) == (expected, "day", True)


@pytest.mark.parametrize(("text", "matched"), [
    ("وقال أمسِ", "أمسِ"),  # diacritics
    ("وقال أمـــس", "أمـــس"),  # tatweel
    ("وقال وأمس", "وأمس"),  # proclitics
    ("فأمس", "فأمس"),
    ("وقال بالأمس", "بالأمس"),
    ("أَمْسِ الأَوَّلِ", "أَمْسِ الأَوَّلِ"),
])
def test_spelling_variants_and_proclitics(text: str, matched: str) -> None:
    match = only(text)
    assert match.text == matched
    assert match.value in (date(2018, 2, 2), date(2018, 2, 1))


def test_weekday_alone_is_the_most_recent_one_or_the_publication_day_itself() -> None:
    assert only("الخميس").value == date(2018, 2, 1)
    assert only("الأحد").value == date(2018, 1, 28)
    assert only("الإثنين").value == date(2018, 1, 29)
    assert only("الاثنين").value == date(2018, 1, 29)
    assert only("الاربعاء").value == date(2018, 1, 31)
    assert only("السبت").value == date(2018, 2, 3)  # published on a Saturday: that same day
    assert only("والخميس").text == "والخميس"
    assert only("فالجمعة").value == date(2018, 2, 2)


def test_weekday_with_past_or_next_is_strictly_before_or_after() -> None:
    assert only("السبت الماضي").value == date(2018, 1, 27)
    assert only("الجمعة الفائتة").value == date(2018, 2, 2)
    assert only("الخميس المنصرم").value == date(2018, 2, 1)
    assert only("السبت المقبل").value == date(2018, 2, 10)
    assert only("الاثنين القادم").value == date(2018, 2, 5)
    assert only("الجمعة المقبلة").value == date(2018, 2, 9)
    assert only("السبت قبل الماضي").value == date(2018, 1, 20)
    assert only("الأحد بعد المقبل").value == date(2018, 2, 11)


def test_weeks_months_and_years() -> None:
    week = only("وكان الوفد قد زار دمشق الأسبوع الماضي")
    assert (week.text, week.value, week.precision) == ("الأسبوع الماضي", date(2018, 1, 27), "day")
    assert only("الأسبوع المقبل").value == date(2018, 2, 10)
    month = only("وعقد الاجتماع الشهر الماضي")
    assert (month.value, month.precision, month.relative) == (date(2018, 1, 1), "month", True)
    assert only("الشهر المقبل").value == date(2018, 3, 1)
    year = only("كما حدث في العام الماضي")
    assert (year.text, year.value, year.precision, year.relative) == ("العام الماضي", date(2017, 1, 1), "year", True)
    assert only("السنة المقبلة").value == date(2019, 1, 1)
    assert only("هذا العام").value == date(2018, 1, 1)
    assert only("العام الجاري").value == date(2018, 1, 1)


def test_month_name_with_past_or_next_is_relative_with_month_precision() -> None:
    match = only("وكان قد زار أنقرة في شباط الماضي")
    assert (match.text, match.value, match.precision, match.relative) == (
        "شباط الماضي", date(2017, 2, 1), "month", True)
    assert only("ديسمبر الماضي").value == date(2017, 12, 1)
    assert only("أيار المقبل").value == date(2018, 5, 1)
    assert only("في شهر مارس القادم").text == "شهر مارس القادم"
    assert only("وشباط الماضي").value == date(2017, 2, 1)


# -- absolute dates ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("الثلاثين من كانون الثاني", date(2018, 1, 30)),
    ("الأول من آذار", date(2018, 3, 1)),
    ("العاشر من كانون الثاني", date(2018, 1, 10)),
    ("الحادي عشر من شباط", date(2018, 2, 11)),
    ("التاسع عشر من كانون الثاني", date(2018, 1, 19)),
    ("العشرين من شباط", date(2018, 2, 20)),
    ("الحادي والعشرين من كانون الثاني", date(2018, 1, 21)),
    ("الخامس والعشرين من أبريل", date(2018, 4, 25)),  # 81 days after, not 284 before
    ("الحادي والثلاثين من كانون الأول", date(2017, 12, 31)),
    ("2 فبراير", date(2018, 2, 2)),
    ("14 يونيو (حزيران)", date(2018, 6, 14)),  # 131 days after, not 234 before
    ("3 مارس الماضي", date(2017, 3, 3)),
    ("9 مايو", date(2018, 5, 9)),
    ("10 آب", date(2017, 8, 10)),  # 177 days before, not 188 after
    ("10 ماي", date(2018, 5, 10)),
    ("1 جانفي", date(2018, 1, 1)),
    ("الأحد الموافق 4 شباط", date(2018, 2, 4)),
])
def test_day_and_month_without_year_take_the_year_nearest_publication(text: str, expected: date) -> None:
    match = only(f"وقال البيان إن الاجتماع عقد في {text} بحضور الوزراء")
    assert match.text == text
    assert (match.value, match.precision, match.relative) == (expected, "day", True)


def test_year_choice_across_new_year() -> None:
    assert only("في 28 ديسمبر", date(2018, 1, 3)).value == date(2017, 12, 28)
    assert only("في 25 دجنبر", date(2018, 1, 3)).value == date(2017, 12, 25)
    assert only("في 3 يناير", date(2017, 12, 20)).value == date(2018, 1, 3)


@pytest.mark.parametrize(("text", "expected"), [
    ("2 شباط/فبراير 2018", date(2018, 2, 2)),
    ("2 فبراير 2018", date(2018, 2, 2)),
    ("الحادي عشر من أيلول 2001", date(2001, 9, 11)),
    ("الأول من تشرين الأول/أكتوبر 1999", date(1999, 10, 1)),
    ("13 يناير من عام 2013", date(2013, 1, 13)),
    ("٢ فبراير ٢٠١٨", date(2018, 2, 2)),
    ("2018-02-03", date(2018, 2, 3)),
    ("3/2/2018", date(2018, 2, 3)),
    ("٢٠١٨-٠٢-٠٣", date(2018, 2, 3)),
    ("6 جوان 2017", date(2017, 6, 6)),
    ("12 غشت 2016", date(2016, 8, 12)),
    ("5 يونيه 1967", date(1967, 6, 5)),
    ("الخميس 1 فبراير 2018", date(2018, 2, 1)),
])
def test_absolute_days(text: str, expected: date) -> None:
    match = only(f"ووقع الحادث في {text} قرب الحدود")
    assert match.text == text
    assert (match.value, match.precision, match.relative) == (expected, "day", False)
    assert only(f"ووقع الحادث في {text} قرب الحدود", None).value == expected


def test_month_and_year() -> None:
    match = only("وبدأت العملية في مارس 2018")
    assert (match.text, match.value, match.precision, match.relative) == ("مارس 2018", date(2018, 3, 1), "month", False)
    assert only("في كانون الأول/ديسمبر 2013").value == date(2013, 12, 1)
    assert only("في آب 2017").value == date(2017, 8, 1)


def test_year_with_a_cue_word() -> None:
    match = only("منذ استقلال البلاد عام 1991")
    assert (match.text, match.value, match.precision, match.relative) == ("عام 1991", date(1991, 1, 1), "year", False)
    assert only("خلال العام 2012").value == date(2012, 1, 1)
    assert only("للعام 2017").text == "للعام 2017"


# -- Hijri --------------------------------------------------------------------------------------

def test_hijri_day_month_year() -> None:
    match = only("وصدر القرار في 15 رمضان 1436 هـ بالرياض")
    assert match.text == "15 رمضان 1436 هـ"
    # Ramadan 1436 began on 18 June 2015 (Umm al-Qura): its 15th day is 2 July 2015.
    assert (match.value, match.precision, match.relative) == (date(2015, 7, 2), "day", False)
    assert only("10 ذي الحجة 1438 هـ").value == date(2017, 9, 1)  # Eid al-Adha 2017
    assert only("التاسع من شهر رمضان 1436هـ").value == date(2015, 6, 26)


def test_hijri_year_alone_and_numeric_hijri_dates() -> None:
    match = only("تأسست الجمعية 1436هـ")
    assert (match.text, match.value, match.precision) == ("1436هـ", date(2014, 10, 25), "year")  # 1 Muharram 1436
    saudi = only("بدأت يوم الجمعة الموافق 23/ 9/ 1436هـ.")
    assert saudi.text == "يوم الجمعة الموافق 23/ 9/ 1436هـ"
    assert saudi.value == date(2015, 7, 10)


def test_hijri_month_relative() -> None:
    match = only("كما حدث في رمضان الماضي")
    # Published in Jumada al-Awwal 1439, so last Ramadan is Ramadan 1438, which began 27 May 2017.
    assert (match.value, match.precision, match.relative) == (date(2017, 5, 27), "month", True)


# -- pitfalls -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وقالت قناة روسيا اليوم إن الجيش تقدم",
    "وصوت المجلس على القرار 2254 بالإجماع",
    "ووفق القرار 2254 لعام 2254",
    "وبلغ عدد السكان 2018 نسمة",
    "وحل الفريق في المركز الأول",
    "وحضر الأب جنازة ابنه",
    "وقالت رئيسة الوزراء تيريزا ماي إن",
    "وتظاهر أنصار قوى 14 آذار في بيروت",
    "في الأسبوع الأول من شباط",
    "وعاد في اليوم التالي",
    "وقال الأمين العام السابق",
    "كانت أحداث الليلة مؤلمة",
    "وقال إن الغد سيكون أفضل",
    "مارس الرياضة سنوات",
])
def test_non_dates(text: str) -> None:
    assert find_dates(text, SATURDAY) == []


def test_weak_month_names_need_a_day_or_a_year() -> None:
    assert resolved("وقال الأب في 10 آب") == [("10 آب", date(2017, 8, 10))]
    assert resolved("آب الماضي") == [("آب الماضي", date(2017, 8, 1))]  # written with madda: August
    assert resolved("أب الماضي") == []
    assert resolved("ماي الماضي") == []
    assert resolved("حكومة تيريزا ماي 2017") == []
    assert resolved("وصلت تيريزا ماي في 10 ماي") == [("10 ماي", date(2018, 5, 10))]


def test_published_none_drops_relative_matches_only() -> None:
    text = "التقى الرئيس أمس نظيره الذي زار البلاد في 2 شباط/فبراير 2018 وسيلتقيه الخميس المقبل"
    with_date = resolved(text)
    assert with_date == [("أمس", date(2018, 2, 2)), ("2 شباط/فبراير 2018", date(2018, 2, 2)),
                         ("الخميس المقبل", date(2018, 2, 8))]
    assert resolved(text, None) == [("2 شباط/فبراير 2018", date(2018, 2, 2))]
    assert find_dates("في 28 ديسمبر", None) == []
    assert find_dates("شباط الماضي والعام الماضي واليوم", None) == []


def test_offsets_point_into_the_original_text() -> None:
    text = "قَالَ الرَّئِيسُ الـــروسي أمـس إن «الاجتماع» سيعقد في ٢ فبراير ٢٠١٨، وكان الوفد قد وصل يومَ الخَمِيسِ."
    found = find_dates(text, SATURDAY)
    assert [m.text for m in found] == ["أمـس", "٢ فبراير ٢٠١٨", "يومَ الخَمِيسِ"]
    assert [m.value for m in found] == [date(2018, 2, 2), date(2018, 2, 2), date(2018, 2, 1)]
    for match in found:
        assert text[match.start:match.end] == match.text
    assert found[0].start == text.index("أمـس")
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_several_dates_in_order() -> None:
    text = "وزار الوزير موسكو الشهر الماضي، ثم التقى نظيره أمس، على أن يعود في 14 يونيو (حزيران) عام 2018"
    found = find_dates(text, SATURDAY)
    assert [(m.text, m.value, m.precision) for m in found] == [
        ("الشهر الماضي", date(2018, 1, 1), "month"),
        ("أمس", date(2018, 2, 2), "day"),
        ("14 يونيو (حزيران) عام 2018", date(2018, 6, 14), "day"),
    ]


@pytest.mark.parametrize(("name", "month"), [
    # Levantine and Iraqi
    ("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6),
    ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11), ("كانون الأول", 12),
    # Egyptian and Gulf
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4), ("مايو", 5), ("يونيو", 6),
    ("يوليو", 7), ("أغسطس", 8), ("سبتمبر", 9), ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
    # Tunisian and Algerian
    ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7), ("أوت", 8),
    # Moroccan
    ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    # Hijri
    ("محرم", 1), ("صفر", 2), ("ربيع الأول", 3), ("ربيع الآخر", 4), ("ربيع الثاني", 4), ("جمادى الأولى", 5),
    ("جمادى الآخرة", 6), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10), ("ذو القعدة", 11),
    ("ذو الحجة", 12),
])
def test_every_month_name(name: str, month: int) -> None:
    hijri = name in {"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة",
                     "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"}
    match = only(f"في 1 {name} {1439 if hijri else 2018}")
    assert match.precision == "day"
    if not hijri:
        assert match.value == date(2018, month, 1)
    else:  # 1439 AH began on 21 September 2017 and its last month began in August 2018
        assert date(2017, 9, 21) <= match.value <= date(2018, 8, 31)
        assert only(f"في 1 {name} 1439 هـ").value == match.value


def test_hijri_months_follow_each_other() -> None:
    names = ["محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان",
             "شوال", "ذو القعدة", "ذو الحجة"]
    starts = [only(f"في 1 {name} 1439 هـ").value for name in names]
    assert starts[0] == date(2017, 9, 21)  # Islamic new year 1439
    gaps = [(later - earlier).days for earlier, later in pairwise(starts)]
    assert all(gap in (29, 30) for gap in gaps), gaps
