"""The first extractor on the seed article and on hand-written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from loader.document import Article
from loader.extract import Extractor
from loader.read import read_article
from tests.conftest import SEED_ARTICLE, require_shared


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def article(text: str, published: date | None = date(2018, 2, 3)) -> Article:
    return Article(id="t", title="عنوان", text=text, published=published)


def test_seed_yields_putin_nazarbayev_call_with_its_evidence(extractor: Extractor) -> None:
    seed = read_article(require_shared(SEED_ARTICLE), default_published=date(2018, 2, 3))
    result = extractor(seed)
    entities = {entity.id: entity for entity in result.entities}
    assert {"person:vladimir-putin", "person:nursultan-nazarbayev", "country:RU", "country:KZ"} <= set(entities)
    nazarbayev = entities["person:nursultan-nazarbayev"]
    # Both spellings in the article are kept as aliases of one person.
    assert {"نزارباييف", "نور سلطان نزاربايف"} <= set(nazarbayev.aliases)
    assert nazarbayev.country == "KZ"
    calls = [m for m in result.meetings if m.type == "call"
             and set(m.participants) == {"person:vladimir-putin", "person:nursultan-nazarbayev"}]
    assert len(calls) == 1
    call = calls[0]
    assert call.cameo == "041"
    assert call.date == date(2018, 2, 2)  # «أمس» in an article published on 3 February
    evidence = call.evidence[0]
    assert "اتصال هاتفي" in evidence.text
    assert seed.text[evidence.start:evidence.end] == evidence.text


def test_seed_gives_exactly_its_people_countries_and_four_meetings(extractor: Extractor) -> None:
    seed = read_article(require_shared(SEED_ARTICLE), default_published=date(2018, 2, 3))
    result = extractor(seed)
    people = {e.id: e for e in result.entities if e.type == "Person"}
    assert {(p.name, p.country) for p in people.values()} == {
        ("فلاديمير بوتين", "RU"), ("نور سلطان نزارباييف", "KZ"), ("رجب طيب أردوغان", "TR"),
        ("سيرغي لافروف", "RU")}
    assert "نور سلطان نزاربايف" in people["person:nursultan-nazarbayev"].aliases
    assert {e.country for e in result.entities if e.type == "Country"} == {"RU", "KZ", "NO", "SY", "TR"}
    meetings = {(m.type, frozenset(m.participants)): m for m in result.meetings}
    assert len(result.meetings) == 4
    putin_nazarbayev = meetings["call", frozenset({"person:vladimir-putin", "person:nursultan-nazarbayev"})]
    assert putin_nazarbayev.date == date(2018, 2, 2)
    assert putin_nazarbayev.initiator == "person:nursultan-nazarbayev"  # «بمبادرة من الجانب الكازاخي»
    putin_erdogan = meetings["call", frozenset({"person:vladimir-putin", "person:recep-tayyip-erdogan"})]
    assert putin_erdogan.date == date(2018, 1, 31)
    talks = meetings["talks", frozenset({"country:RU", "country:NO"})]
    assert talks.date == date(2018, 2, 2)
    assert talks.topic == "SY"
    ministry = next(e for e in result.entities if e.id == talks.place)
    assert ministry.name == "وزارة الدفاع الروسية" and ministry.country == "RU"
    (congress,) = [m for m in result.meetings if m.type == "conference"]
    assert congress.date == date(2018, 1, 30)
    assert congress.place == "place:sochi"
    assert congress.name == "مؤتمر الحوار الوطني السوري"
    lavrov = "person:sergey-lavrov"
    assert all(lavrov not in m.participants for m in result.meetings)  # a statement is not a meeting


def test_mention_offsets_point_at_the_original_characters(extractor: Extractor) -> None:
    text = "وبحث الرئيس الفرنسي إيمانويل ماكرون مع المستشارة الألمانية أنجيلا ميركل في برلين أمس."
    result = extractor(article(text))
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    macron = next(e for e in result.entities if e.id == "person:emmanuel-macron")
    assert macron.mentions[0].text == "إيمانويل ماكرون"


def test_proclitics_are_stripped_only_for_known_names(extractor: Extractor) -> None:
    result = extractor(article("التقى لافروف بنظيره في موسكو وللسعودية وفد، ولبنان. وقالت موسكو إن …"))
    found = {e.id for e in result.entities}
    # «في موسكو» is the city; «وقالت موسكو» is the state speaking.
    assert {"person:sergey-lavrov", "country:SA", "country:LB", "place:moscow", "country:RU"} <= found
    saudi = next(e for e in result.entities if e.id == "country:SA")
    assert saudi.mentions[0].text == "لسعودية"  # «وللسعودية» = و + ل + (ا)لسعودية


def test_a_sentence_without_a_meeting_word_gives_no_meeting(extractor: Extractor) -> None:
    result = extractor(article("قال الرئيس الروسي فلاديمير بوتين إن تركيا وإيران شريكان مهمان."))
    assert result.meetings == []


def test_relative_dates_resolve_against_publication_date(extractor: Extractor) -> None:
    text = "أجرى بوتين اتصالا هاتفيا مع أردوغان الثلاثاء الماضي."
    (meeting,) = extractor(article(text, published=date(2018, 2, 3))).meetings  # a Saturday
    assert meeting.date == date(2018, 1, 30)
    (undated,) = extractor(article(text, published=None)).meetings
    assert undated.date is None


def test_tokens_are_camel_tools_tokens_with_offsets() -> None:
    from camel_tools.tokenizers.word import simple_word_tokenize

    from loader.extract.text import tokenize
    from tests.conftest import SAMPLES

    for path in sorted(SAMPLES.glob("*.txt"))[:10]:
        text = read_article(path).text
        tokens = tokenize(text)
        assert [t.text for t in tokens] == simple_word_tokenize(text)
        assert all(text[t.start:t.end] == t.text for t in tokens)


def test_a_known_person_under_an_unlisted_spelling_is_the_known_person(extractor: Extractor) -> None:
    """«دونالد ترمب» and «بينيامين نتانياهو» are not in the curated list (which has «ترامب», «بنيامين
    نتنياهو»); they are those people, with the spelling kept as an alias, not two new nodes."""
    text = ("قال الرئيس الأمريكي دونالد ترمب إنه سيستقبل رئيس الوزراء الإسرائيلي بينيامين نتانياهو "
            "في البيت الأبيض الأسبوع المقبل.")
    people = {e.id: e for e in extractor(article(text)).entities if e.type == "Person"}
    assert set(people) == {"person:donald-trump", "person:benjamin-netanyahu"}
    assert people["person:donald-trump"].name == "دونالد ترامب"
    assert "دونالد ترمب" in people["person:donald-trump"].aliases
    # The curated record is shared by every article: the next one must not inherit this article's alias.
    plain = {e.id: e for e in extractor(article("التقى الرئيس الأمريكي دونالد ترامب نظيره الفرنسي.")).entities}
    assert "دونالد ترمب" not in plain["person:donald-trump"].aliases


def test_the_rest_of_an_office_after_a_title_is_not_a_person(extractor: Extractor) -> None:
    """«رئيس الاتحاد السعودي لكرة القدم» and «أمير منطقة عسير» name offices, not people (on the real corpus
    these had become "people" taking part in dozens of meetings)."""
    text = ("استقبل أمير منطقة عسير وفدا من الاتحاد، وقال رئيس الاتحاد السعودي لكرة القدم إن الرئيس العام "
            "لرعاية الشباب سيحضر. والتقى وزير الخارجية السعودي عادل الجبير نظيره الأردني أيمن الصفدي.")
    names = {e.name for e in extractor(article(text)).entities if e.type == "Person"}
    assert not {"منطقة عسير", "لكرة القدم", "لرعاية الشباب"} & names
    assert {"عادل الجبير", "أيمن الصفدي"} <= names
