"""Reading plain-text articles in the seed's layout, and clear per-file errors for bad input."""

from __future__ import annotations

import csv
import io
import json
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


TREC = """<DOC>
<DOCNO>BB-middleEast-7-20180301</DOCNO>
<URL>https://example.org/7</URL>
<SRC>bbc</SRC>
<CAT>middleEast</CAT>
<TITLE>عنوان &amp; خبر</TITLE>
<TIME>Thu, 01 Mar 2018 22:36:50 +0400</TIME>
<AUTHOR>مراسل</AUTHOR>
<ABSTRACT>
ملخص
</ABSTRACT>
<TEXT>
السطر الأول.
  السطر الثاني.
</TEXT>
</DOC>
"""


def test_trec_documents_keep_their_docno_date_and_text(tmp_path: Path) -> None:
    (article,) = read_articles([write(tmp_path, "x.txt", TREC)])
    assert isinstance(article, Article)
    assert article.id == "BB-middleEast-7-20180301"
    assert article.title == "عنوان & خبر"
    assert article.published == date(2018, 3, 1)
    assert article.source == "bbc"
    assert article.url == "https://example.org/7"
    assert article.text == "السطر الأول.\nالسطر الثاني."


def test_trec_date_falls_back_to_the_docno_suffix_in_either_order(tmp_path: Path) -> None:
    no_time = TREC.replace("<TIME>Thu, 01 Mar 2018 22:36:50 +0400</TIME>", "<TIME></TIME>")
    (article,) = read_articles([write(tmp_path, "a.txt", no_time)])
    assert article.published == date(2018, 3, 1)
    dmy = no_time.replace("20180301", "27122016")
    (article,) = read_articles([write(tmp_path, "b.txt", dmy)])
    assert article.published == date(2016, 12, 27)
    slashed = TREC.replace("Thu, 01 Mar 2018 22:36:50 +0400", "05/06/2017")
    (article,) = read_articles([write(tmp_path, "c.txt", slashed)])
    assert article.published == date(2017, 6, 5)


def test_json_array_records_without_id_get_one_from_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "2015-07-21.json", json.dumps([
        {"source": "was", "url": "https://example.org/1", "date_extracted": "2015-07-21 02:51:32",
         "title": "عنوان", "author": "واس", "content": "نص الخبر الأول."},
        {"source": "was", "url": "https://example.org/2", "title": "بلا نص", "content": ""},
        {"id": "own-id", "title": "عنوان ثالث", "text": "نص ثالث.", "published": "2015-07-22"},
    ], ensure_ascii=False))
    first, bad, third = read_articles([path])
    assert isinstance(first, Article) and first.id == "2015-07-21#0"
    assert first.published == date(2015, 7, 21) and first.source == "was"
    assert isinstance(bad, ArticleFormatError) and "record 1: no text" in str(bad)
    assert isinstance(third, Article) and third.id == "own-id" and third.published == date(2015, 7, 22)


def test_jsonl_and_csv_records(tmp_path: Path) -> None:
    jsonl = write(tmp_path, "a.jsonl", "\n".join([
        json.dumps({"id": "j1", "title": "ع", "text": "نص.", "published": "2018-01-02", "source": "s",
                    "url": "https://example.org/j1"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "j3", "title": "ع", "text": "نص.", "published": "2 January"}, ensure_ascii=False),
    ]))
    good, broken, bad_date = read_articles([jsonl])
    assert isinstance(good, Article) and good.id == "j1" and good.published == date(2018, 1, 2)
    assert isinstance(broken, ArticleFormatError) and "line 2: malformed JSON" in str(broken)
    assert isinstance(bad_date, ArticleFormatError) and "is not a date" in str(bad_date)
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["id", "title", "text", "published", "source", "url"])
    writer.writerow(["c1", "عنوان", "نص، بفاصلة.\nوسطر ثان.", "2018-05-06", "مصدر", ""])
    (article,) = read_articles([write(tmp_path, "a.csv", rows.getvalue())])
    assert isinstance(article, Article)
    assert (article.id, article.published, article.text) == ("c1", date(2018, 5, 6), "نص، بفاصلة.\nوسطر ثان.")


def test_malformed_json_and_csv_without_text_are_reported(tmp_path: Path) -> None:
    (error,) = read_articles([write(tmp_path, "x.json", '[{"title": "a",')])
    assert isinstance(error, ArticleFormatError) and "malformed JSON at line 1" in str(error)
    (error,) = read_articles([write(tmp_path, "y.csv", "id,title\n1,a\n")])
    assert isinstance(error, ArticleFormatError) and "no text column" in str(error)


def test_folders_are_read_recursively_and_globs_expand(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    write(tmp_path / "sub", "a.txt", ARTICLE)
    write(tmp_path / "sub" / "deeper", "b.txt", TREC)
    write(tmp_path / "sub", "README.md", "# not an article")
    assert [a.id for a in read_articles([tmp_path])] == ["a", "BB-middleEast-7-20180301"]
    assert [a.id for a in read_articles([str(tmp_path / "sub" / "*.txt")])] == ["a"]


def test_errors_and_articles_come_back_in_order_from_worker_processes(tmp_path: Path) -> None:
    from loader.pipeline import extract_all

    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", b"\x00binary")
    write(tmp_path, "c.txt", ARTICLE.replace("2018-03-05", "2018-03-06"))
    results = list(extract_all([tmp_path], workers=2))
    assert [type(r).__name__ for r in results] == ["Extraction", "ArticleFormatError", "Extraction"]
    assert "b.txt: binary file" in str(results[1])
