"""Readers against hostile and broken input: property-based fuzzing (Hypothesis) of every reader, the worst cases
from the safety review, and a batch Neo4j refuses.

Every reader must turn any input into articles and ArticleFormatErrors, never an exception, in time linear in
its size. NEWSGRAPH_FUZZ_EXAMPLES sets the examples per reader: 1,500 in the everyday suite; the release check
runs 10,000 (`NEWSGRAPH_FUZZ_EXAMPLES=10000 uv run pytest tests/test_read_hostile.py -k fuzzed`)."""

from __future__ import annotations

import codecs
import json
import os
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loader.document import Article, Extraction
from loader.read import ArticleFormatError, expand_paths, read_file
from loader.read.plaintext import parse_plaintext
from loader.read.records import parse_csv, parse_json_array, parse_jsonl
from loader.read.trec import parse_trec

EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES") or 1_500)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
PATH = Path("fuzzed")

# Pieces real inputs are made of, so the fuzzer reaches deep into each format, not only its first check.
TREC_PIECES = st.sampled_from(["<DOC>", "</DOC>", "<doc>", "</doc>", "<DOCNO>", "</DOCNO>", "<TEXT>", "</TEXT>",
                               "<TITLE>", "</TITLE>", "<TIME>", "</TIME>", "<SRC>", "</SRC>", "<URL>", "</URL>",
                               "JA-x-1-20170122", "Thu, 14 Jun 2018 22:36:50 +0400", "2018-02-31", "&amp;",
                               "&#x110000;", "التقى بوتين أردوغان", "\n", " ", "<", ">", "\x00"])
TEXTISH = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
trec_inputs = st.lists(st.one_of(TREC_PIECES, TEXTISH), max_size=40).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXTISH,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "title", "text", "content", "published", "date", "source", "url", "author", "x"]),
        children, max_size=6),
    max_leaves=8)
record_like = st.fixed_dictionaries({}, optional={
    "id": json_values, "title": json_values, "text": json_values, "published": json_values,
    "source": json_values, "url": json_values, "author": json_values})
csv_inputs = st.lists(st.lists(st.one_of(TEXTISH, st.sampled_from(['"', '""', ",", "\n", "\r", "text", "id"])),
                               max_size=6).map(",".join), max_size=8).map("\n".join)


def _only_articles_and_errors(items: list[object]) -> None:
    for item in items:
        assert isinstance(item, Article | ArticleFormatError), item
        if isinstance(item, Article):
            assert item.text.strip() and isinstance(item.id, str)
            assert all(isinstance(v, str | type(None)) for v in (item.source, item.url, item.byline))


@FUZZ
@given(trec_inputs)
def test_fuzzed_trec_never_raises(raw: str) -> None:
    _only_articles_and_errors(list(parse_trec(raw, PATH)))


@FUZZ
@given(st.one_of(json_values.map(json.dumps), st.lists(record_like, max_size=5).map(json.dumps), TEXTISH))
def test_fuzzed_json_arrays_never_raise(raw: str) -> None:
    _only_articles_and_errors(list(parse_json_array(raw, PATH, None)))


@FUZZ
@given(st.lists(st.one_of(record_like.map(json.dumps), json_values.map(json.dumps), TEXTISH), max_size=6)
       .map("\n".join))
def test_fuzzed_jsonl_never_raises(raw: str) -> None:
    _only_articles_and_errors(list(parse_jsonl(raw, PATH, None)))


@FUZZ
@given(st.one_of(csv_inputs, csv_inputs.map(lambda body: "id,title,text,published\n" + body)))
def test_fuzzed_csv_never_raises(raw: str) -> None:
    _only_articles_and_errors(list(parse_csv(raw, PATH, None)))


@FUZZ
@given(st.lists(st.one_of(TEXTISH, st.sampled_from(["---", "published: 2018-02-03", "published: x", "source:",
                                                    "url: http://x", "id: 5", "زر الذهاب إلى الأعلى", "| x",
                                                    ""])), max_size=10).map("\n".join))
def test_fuzzed_plain_text_never_raises(raw: str) -> None:
    try:
        item: object = parse_plaintext(raw, PATH, date(2018, 2, 3))
    except ArticleFormatError:
        return
    _only_articles_and_errors([item])


@FUZZ
@given(st.binary(max_size=200), st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                                                  codecs.BOM_UTF32_LE, b"<DOC>", b"[", b"{"]),
       st.sampled_from([".txt", ".json", ".jsonl", ".csv", ".trec"]))
def test_fuzzed_bytes_in_any_file_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes, head: bytes,
                                              suffix: str) -> None:
    path = tmp_path_factory.getbasetemp() / f"fuzzed{suffix}"
    path.write_bytes(head + data)
    _only_articles_and_errors(list(read_file(path)))


# ---- The worst cases of the safety review ----

def _seconds(function, *args) -> tuple[float, list[object]]:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    items = list(function(*args))
    return time.monotonic() - started, items


def test_ten_megabytes_of_unclosed_trec_documents_read_in_seconds() -> None:
    raw = "<DOC><DOCNO>x</DOCNO><TEXT>نص" * (10_000_000 // 30)
    seconds, items = _seconds(parse_trec, raw, PATH)
    assert seconds < 10
    assert len(items) == 1 and "never closed" in str(items[0])


def test_trec_documents_closed_in_lower_case_are_read_in_linear_time() -> None:
    document = "<doc><docno>JA-x-{}-20170122</docno><text>التقى الرئيس بوتين</text></doc>\n"
    raw = "".join(document.format(i) for i in range(100_000))  # 8 MB
    seconds, items = _seconds(parse_trec, raw, PATH)
    assert seconds < 10
    assert len(items) == 100_000 and all(isinstance(i, Article) for i in items)


def test_ten_megabytes_of_nested_json_are_a_clear_error_in_seconds(tmp_path: Path) -> None:
    path = tmp_path / "nested.json"
    path.write_text("[" * 5_000_000 + "]" * 5_000_000)
    seconds, items = _seconds(read_file, path)
    assert seconds < 10
    assert [type(i) for i in items] == [ArticleFormatError] and "nested too deeply" in str(items[0])


def test_a_huge_jsonl_record_is_refused_before_parsing_and_the_next_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "س" * 20_000_000}) + "\n"
                    + json.dumps({"id": "ok", "title": "t", "text": "نص"}) + "\n", encoding="utf-8")
    seconds, items = _seconds(read_file, path)
    assert seconds < 10
    assert isinstance(items[0], ArticleFormatError) and "NEWSGRAPH_MAX_ARTICLE_CHARS" in str(items[0])
    assert isinstance(items[1], Article) and items[1].id == "ok"


def test_a_csv_field_over_the_csv_module_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_text("id,title,text\nlong,t," + "ن" * 300_000 + "\nshort,t,نص\n", encoding="utf-8")
    items = list(read_file(path))
    assert [i.id for i in items if isinstance(i, Article)] == ["long", "short"]


def test_fields_that_are_maps_or_lists_are_reported_per_record(tmp_path: Path) -> None:
    path = tmp_path / "typed.json"
    path.write_text(json.dumps([{"id": "a", "text": "نص", "source": {"name": "x"}},
                                {"id": "b", "text": "نص", "url": ["http://x"]},
                                {"id": "c", "text": "نص", "author": "كاتب", "source": "وكالة"}]), encoding="utf-8")
    items = list(read_file(path))
    assert [type(i) for i in items] == [ArticleFormatError, ArticleFormatError, Article]
    assert "'source' must be text" in str(items[0]) and "'url' must be text" in str(items[1])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_with_a_byte_order_mark_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "article.json"
    body = json.dumps([{"id": "u", "title": "عنوان", "text": "التقى بوتين أردوغان"}], ensure_ascii=False)
    data = body.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    [article] = list(read_file(path))
    assert isinstance(article, Article) and article.text == "التقى بوتين أردوغان"


def test_nul_and_other_control_characters_never_reach_the_text(tmp_path: Path) -> None:
    path = tmp_path / "controls.jsonl"
    path.write_text("\n" * 3000 + json.dumps({"id": "c", "text": "التقى\x00 بوتين\x1b أردوغان\x07"}) + "\n",
                    encoding="utf-8")
    [article] = list(read_file(path))
    assert isinstance(article, Article) and article.text == "التقى بوتين أردوغان"


def test_symlink_loops_do_not_make_a_walk_or_a_glob_endless(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "again").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "a" / "b" / "x.json").write_text("[]")
    started = time.monotonic()
    walked = list(expand_paths([tmp_path]))
    globbed = list(expand_paths([str(tmp_path / "**" / "*.json")]))
    assert time.monotonic() - started < 5
    assert walked == globbed == [tmp_path / "a" / "b" / "x.json"]


@pytest.mark.neo4j
def test_an_article_neo4j_refuses_is_reported_and_the_rest_of_its_batch_is_written(empty_graph, neo4j_settings,
                                                                                   ) -> None:  # type: ignore[no-untyped-def]
    from loader.write import GraphWriter

    good = [Extraction(Article(id=f"good-{i}", title="t", text="نص", source="وكالة"), [], []) for i in range(3)]
    poisoned = Extraction(Article(id="poisoned", title="t", text="نص", url={"a": 1}), [], [])  # type: ignore[arg-type]
    summary = GraphWriter(empty_graph, neo4j_settings.database).write([good[0], poisoned, *good[1:]])
    assert summary.written == 3
    assert [(e.article.id, "Property values" in reason or "property" in reason.lower())
            for e, reason in summary.refused] == [("poisoned", True)]
    stored = empty_graph.execute_query("MATCH (a:Article) RETURN a.id AS id ORDER BY id",
                                       database_=neo4j_settings.database).records
    assert [r["id"] for r in stored] == ["good-0", "good-1", "good-2"]
