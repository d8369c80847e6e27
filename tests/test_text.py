"""The Arabic text layer (loader/extract/text.py): folding, proclitic readings, skeletons, nisba; and the
corpus word statistics that tell names from common words (loader/extract/wordstats.py)."""

from __future__ import annotations

import pytest

from loader.extract import text
from loader.extract.wordstats import load_word_stats


@pytest.mark.parametrize(("a", "b"), [
    ("أردوغان", "اردوغان"), ("أُسامة", "اسامه"), ("مصطفى", "مصطفي"), ("نـزارباييف", "نزارباييف"),
    ("\u200fالاجتماع", "الاجتماع"), ("٢٠١٨", "2018"), ("ﻻ", "لا"),
])
def test_fold_removes_spelling_variation(a: str, b: str) -> None:
    assert text.match_key(a) == text.match_key(b)


def test_fold_keeps_letters_that_carry_meaning() -> None:
    assert text.match_key("جمال") != text.match_key("كمال")
    assert text.match_key("Trump") == "trump"


def test_proclitic_readings() -> None:
    readings = dict(text.readings(text.match_key("وللرئيس")))
    assert readings[text.match_key("وللرئيس")] == 0
    assert readings["الرئيس"] == 2  # و + ل, the article's alef restored
    assert ("سول", 1) not in text.readings("كسول")  # after ك a remainder needs four letters
    assert text.strip_conjunction("ومع") == "ومع" and text.strip_conjunction("والعام") == "العام"


@pytest.mark.parametrize(("a", "b"), [
    ("نزارباييف", "نزاربايف"), ("أردوغان", "أردوجان"), ("بوتين", "بوتن"),
])
def test_spelling_variants_share_a_skeleton(a: str, b: str) -> None:
    assert text.skeleton(text.match_key(a)) == text.skeleton(text.match_key(b))


def test_skeletons_keep_different_names_apart() -> None:
    assert text.skeleton("كمال") != text.skeleton("جمال")
    assert text.name_skeleton(["عبد", "ربه", "منصور"]) == text.name_skeleton(["عبدربه", "منصور"])
    assert text.name_skeleton(["عبد", "الله"]) == text.name_skeleton(["عبدالله"])


@pytest.mark.parametrize(("country", "adjective"), [
    ("روسيا", "روسي"), ("فرنسا", "فرنسي"), ("مصر", "مصري"), ("تركيا", "تركي"), ("النرويج", "نرويجي"),
    ("كازاخستان", "كازاخستاني"), ("تشيلي", "تشيلي"), ("سورية", "سوري"), ("كوريا الشمالية", None),
])
def test_nisba_rule(country: str, adjective: str | None) -> None:
    assert text.nisba(country) == adjective


def test_tokens_keep_offsets() -> None:
    body = "التقى بوتين، نظيره."
    for token in text.tokenize(body):
        assert body[token.start:token.end] == token.text


@pytest.fixture(scope="module")
def stats():  # type: ignore[no-untyped-def]
    loaded = load_word_stats()
    if not loaded.counts:
        pytest.skip("word statistics not built (scripts/build_word_stats.py)")
    return loaded


def test_names_do_not_take_common_word_morphology(stats) -> None:  # type: ignore[no-untyped-def]
    for name in ("بوتين", "الحريري", "السيسي", "الجبير"):
        assert stats.commonness(text.match_key(name)) < 0.1, name
    for common in ("الإقامة", "تعليم", "زوج"):
        assert stats.commonness(text.match_key(common)) > 0.5, common


@pytest.mark.parametrize(("word", "conjunction"), [
    ("وترامب", True), ("ولافروف", True), ("فيكتور", False), ("فلاديمير", False), ("فؤاد", False),
    ("فرانسوا", False), ("وليد", False),
])
def test_a_leading_waw_or_fa_is_a_conjunction_only_when_the_corpus_says_so(stats, word: str,  # type: ignore[no-untyped-def]
                                                                           conjunction: bool) -> None:
    assert stats.conjunction_prefixed(text.match_key(word)) is conjunction
