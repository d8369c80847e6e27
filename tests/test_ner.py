"""The shipped CRF named-entity tagger (loader/extract/ner.py, model in loader/extract/data/ner/)."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from loader.extract import ner
from loader.extract.ner import PersonTagger, iob_spans, sentence_features

SHARED_NER = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ner"


@pytest.fixture(scope="module")
def tagger() -> PersonTagger:
    return PersonTagger()


def split(text: str) -> list[str]:
    return text.split()


def persons(tagger: PersonTagger, text: str) -> list[str]:
    words = text.split()
    return [" ".join(words[s:e]) for s, e in tagger.persons(words)]


def spans_of(tagger: PersonTagger, text: str, typ: str) -> list[str]:
    words = text.split()
    return [" ".join(words[s:e]) for t, s, e in iob_spans(tagger.tag(words)) if t == typ]


def test_shipped_model_loads(tagger: PersonTagger) -> None:
    assert ner.DEFAULT_MODEL.is_file()
    assert ner.DEFAULT_MODEL.stat().st_size < 5_000_000
    assert {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"} <= set(tagger.labels)
    assert PersonTagger(ner.DEFAULT_MODEL).labels == tagger.labels


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="train_ner"):
        PersonTagger(tmp_path / "nope.model")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال الرئيس الروسي فلاديمير بوتين إن بلاده مستعدة لمواصلة الحوار .", ["فلاديمير بوتين"]),
        (
            "التقى وزير الخارجية الأمريكي ريكس تيلرسون نظيره التركي مولود جاويش أوغلو في أنقرة يوم الخميس .",
            ["ريكس تيلرسون", "مولود جاويش أوغلو"],
        ),
        ("وأكد وزير الخارجية الروسي سيرغي لافروف أن المحادثات كانت بناءة .", ["سيرغي لافروف"]),
        ("واستقبل الرئيس المصري عبد الفتاح السيسي في القاهرة أمس وفدا من رجال الأعمال .", ["عبد الفتاح السيسي"]),
        ("واتصلت المستشارة الألمانية أنغيلا ميركل بالرئيس الأمريكي دونالد ترامب .", ["أنغيلا ميركل", "دونالد ترامب"]),
        ("وارتفعت أسعار النفط في الأسواق العالمية اليوم بعد قرار منظمة أوبك .", []),
    ],
)
def test_person_spans(tagger: PersonTagger, text: str, expected: list[str]) -> None:
    assert persons(tagger, text) == expected


def test_model_of_other_feature_version_is_refused(tmp_path: Path) -> None:
    model = tmp_path / "crf.model"
    model.write_bytes(ner.DEFAULT_MODEL.read_bytes())
    (tmp_path / "crf.json").write_text('{"feature_version": -1}', encoding="utf-8")
    with pytest.raises(ValueError, match="feature version"):
        PersonTagger(model)


@pytest.mark.xfail(reason="known misses of the sentence-level CRF (marginals 0.41 for ميركل; a bare surname after و "
                   "needs document memory)", strict=False)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وبحث الرئيس الفرنسي إيمانويل ماكرون مع المستشارة الألمانية أنغيلا ميركل الأزمة السورية .",
         ["إيمانويل ماكرون", "أنغيلا ميركل"]),
        ("وقال الكرملين إن بوتين وترامب سيلتقيان في هلسنكي .", ["بوتين", "وترامب"]),
    ],
)
def test_known_misses(tagger: PersonTagger, text: str, expected: list[str]) -> None:
    assert persons(tagger, text) == expected


def test_locations(tagger: PersonTagger) -> None:
    text = "التقى وزير الخارجية الأمريكي ريكس تيلرسون نظيره التركي مولود جاويش أوغلو في أنقرة يوم الخميس ."
    assert spans_of(tagger, text, "LOC") == ["أنقرة"]
    assert "موسكو" in spans_of(tagger, "وصل الوفد السوري إلى موسكو مساء الاثنين .", "LOC")


@pytest.mark.parametrize(
    "words",
    [
        [],
        ["بوتين"],
        ["."],
        ["قال", "2018", "Trump", "،", "«", "ترامب", "»", "ـ", ""],
        split("وقال الرئيس الروسي فلاديمير بوتين إن") * 40,
    ],
)
def test_one_tag_and_one_marginal_per_word(tagger: PersonTagger, words: list[str]) -> None:
    tags = tagger.tag(words)
    marg = tagger.marginals(words)
    assert len(tags) == len(words) == len(marg)
    assert set(tags) <= set(tagger.labels)
    assert all(0.0 <= p <= 1.0 for p in marg)
    assert isinstance(tagger.tag(tuple(words)), list)


def test_marginals_follow_the_names(tagger: PersonTagger) -> None:
    words = split("وقال الرئيس الروسي فلاديمير بوتين إن بلاده مستعدة للحوار")
    marg = tagger.marginals(words)
    assert marg[3] > 0.5 and marg[4] > 0.5
    assert max(marg[:3]) < 0.5 and max(marg[5:]) < 0.5


def test_cached_features_tag_like_the_raw_model(tagger: PersonTagger) -> None:
    # The tagger drops attributes its model has no weights for and caches per word: the tags must not change.
    raw = pycrfsuite.Tagger()
    raw.open(str(ner.DEFAULT_MODEL))
    sentences = [
        split("وقال الرئيس الروسي فلاديمير بوتين إن بلاده مستعدة للحوار"),
        split("التقى وزير الخارجية الأمريكي ريكس تيلرسون نظيره التركي مولود جاويش أوغلو في أنقرة"),
        split("وذكرت وكالة الأنباء السعودية أن خادم الحرمين الشريفين الملك سلمان استقبل في جدة رئيس وزراء باكستان"),
    ]
    for words in sentences:
        assert tagger.tag(words) == raw.tag(sentence_features(words))


def test_features_share_one_function() -> None:
    words = split("وقال الرئيس الروسي فلاديمير بوتين لروسيا")
    feats = sentence_features(words)
    assert len(feats) == len(words)
    assert "VERB" in feats[0] and "TITLE" in feats[1] and "NAT" in feats[2] and "CTY" in feats[5]
    assert "w=الروسي" in feats[2] and "st=روسي" in feats[2] and "pc=ال" in feats[2]
    assert "-1TITLE" in feats[2] and "+1NAT" in feats[1] and "-2TITLE" in feats[3]
    assert "-1BOS" in feats[0] and "+2EOS" in feats[4] and "+1EOS" in feats[5]
    assert ner.normalize("أُسامة") == ner.normalize("اسامه")
    assert sentence_features([]) == []


def test_gazetteer_flags_see_through_proclitics() -> None:
    gaz = ner.gazetteers()
    assert "رئيس" in gaz["title"] and "امريكيه" in gaz["nat"] and "روسيا" in gaz["country"]
    assert "TITLE" in ner.word_views("وللرئيس")[0]
    assert "NAT" in ner.word_views("والأمريكية")[0]
    assert "CTY" not in ner.word_views("كسول")[0]  # not ك + سول: too short after ك


def test_corpus_behaviour_features() -> None:
    name, common, clitic = (ner.word_views(w)[0] for w in ("بوتين", "الإقامة", "بالمهرجان"))
    assert "cm=0" in name and "cl=0" in name
    assert "cm=3" in common
    assert "cl=2" in clitic


def test_iob_spans_conll_style() -> None:
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC", "I-PERS", "B-ORG"]
    assert iob_spans(tags) == [("PERS", 0, 2), ("LOC", 3, 5), ("LOC", 5, 6), ("PERS", 6, 7), ("ORG", 7, 8)]
    assert iob_spans([]) == []


def test_on_newsfane_gold(tagger: PersonTagger) -> None:
    path = SHARED_NER / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt"
    if not path.is_file():
        pytest.skip(f"gold data absent: {path}")
    person_classes = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                      "Businessperson", "Lawyer", "Engineer", "Police"}
    sents: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines()[:40_000]:
        tok, _, tag = line.partition("\t")
        if not tok.strip():
            if words:
                sents.append((words, tags))
            words, tags = [], []
            continue
        kind, _, fine = tag.strip().partition("-")
        words.append(tok.strip())
        tags.append(f"{kind}-PERS" if fine in person_classes else "O")
    tp = fp = fn = 0
    for w, g in sents:
        gold = {s for s in iob_spans(g) if s[0] == "PERS"}
        pred = {s for s in iob_spans(tagger.tag(w)) if s[0] == "PERS"}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 > 0.65, (tp, fp, fn)
