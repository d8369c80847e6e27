"""Person identity: which names are one person, inside an article and across articles (loader.extract.identity,
loader.resolve.resolve_people); and the people precision gate on phrases that are not names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from loader.document import Article
from loader.extract import Extractor
from loader.extract.identity import compatible, name_words, resolution_keys
from loader.pipeline import load
from loader.resolve import KnownPerson, resolve_people
from newsgraph.config import Settings


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def words(name: str) -> tuple[str, ...]:
    return name_words(name)


@pytest.mark.parametrize(("a", "b"), [
    ("عمر البشير", "عمر حسن البشير"),
    ("محمد بن نايف", "محمد بن نايف بن عبد العزيز آل سعود"),
    ("كيم جونغ", "كيم جونغ أون"),
    ("كيم يونغ أون", "كيم جونغ أون"),
    ("جيم ماتيس", "جيمس ماتيس"),
    ("عبد ربه منصور هادي", "عبدربه منصور هادي"),
])
def test_forms_of_one_name_are_one_person(a: str, b: str) -> None:
    assert compatible(words(a), words(b)) and compatible(words(b), words(a))


@pytest.mark.parametrize(("a", "b"), [
    ("عبد الله بن عبد العزيز", "عبد الله بن مساعد"),  # different fathers
    ("تميم بن حمد", "حمد بن خليفة"),  # son and father
    ("خالد محمد العتيبي", "خالد سعد العتيبي"),  # same given and family name, different middle name
    ("محمد بن سلمان", "سلمان بن عبد العزيز"),
    ("خالد", "خالد الفيصل"),  # a lone given name is decided by the article, never by the string
])
def test_people_who_share_part_of_a_name_stay_apart(a: str, b: str) -> None:
    assert not compatible(words(a), words(b))


def known(person_id: str, name: str, in_graph: bool = False, curated: bool = False) -> KnownPerson:
    w = words(name)
    return KnownPerson(person_id, [w], [k for k in resolution_keys(w) if k], curated, in_graph)


def test_a_new_form_joins_the_node_already_in_the_graph() -> None:
    moves, _ = resolve_people([known("new", "عمر حسن البشير")], [known("old", "عمر البشير", in_graph=True)])
    assert moves["new"][0] == "old"


def test_in_a_batch_the_short_form_joins_the_full_name() -> None:
    moves, _ = resolve_people([known("short", "كيم جونغ"), known("full", "كيم جونغ أون")], [])
    assert moves == {"short": ("full", "كيم جونغ ~ كيم جونغ اون")}


def test_a_name_that_fits_two_different_people_joins_neither_and_stays_its_article_s() -> None:
    graph = [known("a", "خالد محمد العتيبي", in_graph=True), known("b", "خالد سعد العتيبي", in_graph=True)]
    assert resolve_people([known("new", "خالد العتيبي")], graph) == ({}, {"new"})


def test_a_name_that_fits_two_people_joins_one_far_better_known() -> None:
    un, nam = known("un", "كيم جونغ أون", in_graph=True), known("nam", "كيم جونغ نام", in_graph=True)
    un.articles, nam.articles = 400, 3
    moves, ambiguous = resolve_people([known("short", "كيم جونغ")], [un, nam])
    assert moves["short"][0] == "un" and not ambiguous


def test_an_alias_never_bridges_two_people() -> None:
    # Kim Yong-chol is not Kim Jong-un, although both «fit» the short form «كيم يونغ».
    node = known("un", "كيم يونغ أون", in_graph=True)
    assert resolve_people([known("chol", "كيم يونغ شول")], [node]) == ({}, set())


def test_a_person_already_in_the_graph_or_curated_never_moves() -> None:
    graph = [known("full", "عمر حسن البشير", in_graph=True)]
    assert resolve_people([known("short", "عمر البشير", in_graph=True)], graph) == ({}, set())
    assert resolve_people([known("putin", "فلاديمير بوتين", curated=True)],
                          [known("x", "فلاديمير فلاديميروفيتش بوتين", in_graph=True)]) == ({}, set())


def article(text: str) -> Article:
    return Article(id="t", title="عنوان", text=text, published=date(2018, 2, 3))


def test_an_article_s_short_form_of_a_name_is_the_full_name(extractor: Extractor) -> None:
    result = extractor(article("التقى الزعيم الكوري الشمالي كيم جونغ أون أمس الرئيس الصيني. وقال الزعيم الكوري "
                               "الشمالي كيم جونغ إن اللقاء كان مثمرا."))
    people = [e for e in result.entities if e.type == "Person"]
    assert [p.name for p in people] == ["كيم جونغ أون"]
    assert "كيم جونغ" in people[0].aliases


def test_a_lone_given_name_stays_the_article_s_own(extractor: Extractor) -> None:
    result = extractor(article("وصل الأمير خالد إلى جدة أمس في زيارة رسمية."))
    (person,) = [e for e in result.entities if e.type == "Person"]
    assert person.id.endswith("@t") and person.keys == []


@pytest.mark.parametrize("text", [
    "وأكد الوزير التركي مدافعاً عما أسماه الحق في الدفاع عن النفس.",
    "أدى الفريق الأول بنادي الهلال تدريباته اليومية.",
    "وشكر لمحافظ ضباء مساعد السديري اهتمامه الكبير لاستضافة الجولة.",
])
def test_phrases_after_a_title_are_not_people(extractor: Extractor, text: str) -> None:
    names = [e.name for e in extractor(article(text)).entities if e.type == "Person"]
    assert not any(word in name for name in names for word in ("مدافعا", "بنادي", "اهتمامه", "الكبير")), names


@pytest.mark.neo4j
def test_a_later_load_joins_the_existing_node(empty_graph: Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text("---\npublished: 2018-02-03\n---\nعنوان\n\n"
                     "استقبل الرئيس السوداني عمر البشير أمس في الخرطوم وزير الخارجية الإثيوبي.\n")
    second.write_text("---\npublished: 2018-03-03\n---\nعنوان آخر\n\n"
                      "قال الرئيس السوداني عمر حسن البشير اليوم إن بلاده تدعم الحوار.\n")
    load([first], empty_graph, neo4j_settings.database)
    load([second], empty_graph, neo4j_settings.database)
    records, _, _ = empty_graph.execute_query(
        "MATCH (p:Person) WHERE any(a IN p.aliases WHERE a CONTAINS 'البشير') RETURN p.name AS name, "
        "p.aliases AS aliases, p.joined AS joined", database_=neo4j_settings.database)
    assert len(records) == 1, [r.data() for r in records]
    assert records[0]["name"] == "عمر حسن البشير"  # the fullest form becomes the display name
    assert {"عمر البشير", "عمر حسن البشير"} <= set(records[0]["aliases"])
    assert records[0]["joined"]  # and why the other form joined it
