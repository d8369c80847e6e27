"""Reading plain-text articles in the seed's layout, and clear per-file errors for bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from loader.document import Article
from loader.read import ArticleFormatError, read_article, read_articles
from tests.conftest import SAMPLES, SEED_ARTICLE, require_shared

ARTICLE = """---
published: 2018-03-05
source: صحيفة الاختبار
url: https://example.org/a/1
---
سياسة

عنوان الخبر: لقاء بين وزيرين

| وكالات

الفقرة الأولى من الخبر.
الفقرة الثانية من الخبر.

زر الذهاب إلى الأعلى
صحيفة الاختبار
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_layout_fields_are_separated_and_boilerplate_dropped(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "a1.txt", ARTICLE))
    assert article.id == "a1"
    assert article.section == "سياسة"
    assert article.title == "عنوان الخبر: لقاء بين وزيرين"
    assert article.byline == "وكالات"
    assert article.published == date(2018, 3, 5)
    assert article.source == "صحيفة الاختبار"
    assert article.url == "https://example.org/a/1"
    assert article.text == "الفقرة الأولى من الخبر.\nالفقرة الثانية من الخبر."
    assert "زر الذهاب" not in article.text


def test_seed_article_without_front_matter_takes_outlet_from_footer_and_date_from_caller() -> None:
    article = read_article(require_shared(SEED_ARTICLE), default_published=date(2018, 2, 3))
    assert article.section == "سورية"
    assert article.title.startswith("مشاورات روسية نرويجية")
    assert article.source == "صحيفة الوطن"
    assert article.published == date(2018, 2, 3)
    assert article.text.startswith("أكدت روسيا وكازاخستان")
    assert article.text.endswith("بين روسيا والنرويج.")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("سياسة\n\nعنوان\n\nنص".encode("cp1256"), "UTF-8"),
        ("---\npublished: 2018-02-30\n---\nعنوان\n\nنص الخبر\n", "not YYYY-MM-DD"),
        ("---\npublished: 2018-02-03\nعنوان\n", "never closed"),
        ("---\nauthor: x\n---\nعنوان\n\nنص\n", "key: value"),
        ("عنوان فقط\n", "no headline and body"),
    ],
)
def test_bad_files_raise_an_error_naming_file_and_problem(tmp_path: Path, content: bytes | str, problem: str) -> None:
    path = write(tmp_path, "bad.txt", content)
    with pytest.raises(ArticleFormatError) as error:
        read_article(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_one_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", b"\xff\xfe\x00garbage")
    write(tmp_path, "c.txt", ARTICLE.replace("2018-03-05", "2018-03-06"))
    results = list(read_articles([tmp_path]))
    assert [type(r) for r in results] == [Article, ArticleFormatError, Article]


def test_every_shipped_sample_parses_with_a_date_and_outlet() -> None:
    files = sorted(SAMPLES.glob("*.txt"))
    assert len(files) >= 30
    for path in files:
        article = read_article(path)
        assert article.published is not None, path
        assert article.source, path
        assert len(article.text) > 200, path
