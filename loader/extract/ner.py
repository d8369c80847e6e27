"""Statistical named-entity tagger for Arabic news: a linear-chain CRF (python-crfsuite) for PERS, LOC and ORG.

The model is trained by ``scripts/train_ner.py`` on ANERcorp and shipped as ``data/ner/crf.model``. Training and
tagging share one feature function, :func:`sentence_features`, so the two can never drift apart. Per-word feature
views are memoised (``lru_cache``): in news the vocabulary is Zipfian, so after the first few hundred articles
almost every token is a cache hit and tagging costs little more than the CRF's Viterbi pass.

Features of a token: its normalised form (alef, alef maksura, teh marbuta, diacritics and tatweel), prefixes and
suffixes of 1-4 letters, the form with proclitics (و ف ب ل ك ال) stripped, digit/punctuation/Latin shape, length,
gazetteer flags (title head, nationality adjective, country or region, capital city, verb of speech or meeting,
function word, person-name token), the normalised forms and flags of the words up to two positions away, and the
flags of the word three positions back (titles often stand three words before a name: وزير الخارجية الأمريكي ريكس).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pycrfsuite
from babel import Locale

from loader.extract.text import match_key, nisba, proclitic_splits, readings, strip_article

MODEL_DIR = Path(__file__).parent / "data" / "ner"
DEFAULT_MODEL = MODEL_DIR / "crf.model"
# Person-name tokens (normalised, one per line) from arabnamer's name dictionary (CC-BY-4.0, see README.md there).
PERSON_NAMES = MODEL_DIR / "person_names.txt"

# Bump when the features change: a model trained with other features must be retrained.
FEATURE_VERSION = 2

def normalize(word: str) -> str:
    """The spelling-insensitive key of a word (the text layer's matching key)."""
    return match_key(word)


# --------------------------------------------------------------------------------------------------
# Proclitics (splits come from the text layer; here: the article-bearing and bare readings the features use)
# --------------------------------------------------------------------------------------------------

def split_article(norm: str) -> tuple[str, str]:
    """Split off a proclitic group that contains the article (ال وال بال لل وبال ...), which is reliable; the
    stem must keep at least two letters. Returns (proclitic, stem); ("", norm) when there is none."""
    for form, _ in readings(norm):
        stem = strip_article(form)
        if stem is not form and len(stem) >= 2:
            return norm[: len(norm) - len(stem)], stem
    return "", norm


def split_bare(norm: str) -> tuple[str, str]:
    """Split off an article-less proclitic group (و ف ب ل ك وب ...), which is often part of the word itself
    (وزير، بوتين، فلاديمير): only a candidate, for a feature whose weight the CRF learns."""
    for rest, stripped in proclitic_splits(norm):
        if not rest.startswith("ال") and len(rest) >= 3 and rest == norm[stripped:]:
            return norm[:stripped], rest
    return "", norm


# --------------------------------------------------------------------------------------------------
# Gazetteers (all stored in normalised spelling, without the article)
# --------------------------------------------------------------------------------------------------

_TITLE_WORDS = """
رئيس رئيسة الرئيس الرئيسة وزير وزيرة الوزير الوزيرة وزيري وزراء ملك ملكة الملك الملكة العاهل عاهل أمير أميرة الأمير
الأميرة شيخ شيخة الشيخ الشيخة السيد السيدة سيد السادة نظير نظيره نظيرته نظيريه نظيرها نظيرهم نظراؤه نظرائه نائب
النائب نواب مستشار مستشارة المستشار المستشارة سلطان السلطان ولي إمام الإمام جنرال الجنرال لواء اللواء عميد العميد
عقيد العقيد مشير المشير الفريق الرائد المقدم النقيب الدكتور الدكتورة دكتور البروفيسور الأستاذ الأستاذة مبعوث المبعوث
المبعوثة مندوب المندوب المندوبة سفير السفير السفيرة الأمين أمين المتحدث المتحدثة الناطق الناطقة زعيم الزعيم زعيمة قائد
القائد رئيسا مدير المدير مديرة المديرة المدرب مدرب اللاعب لاعب النجم المهاجم الحارس البابا الحاخام الكاردينال الأسقف
المطران البطريرك القس آية المرشد مرشد السناتور السيناتور عضو النائبة القاضي القاضية المحامي المحامية
الكاتب الكاتبة الصحفي الصحافي الصحفية الشاعر الشاعرة الفنان الفنانة المطرب المطربة المغني المغنية الممثل الممثلة المخرج
المخرجة الروائي المفكر المؤرخ الباحث الخبير المحلل المراسل المعلق حاكم الحاكم محافظ المحافظ عمدة العمدة رئيسي
المرشح المرشحة مرشح خادم الحرمين الجنرالات المدعي المبعوثين الموفد موفد الرئيسين الوزيرين نظيريهما
"""

_SPEECH_MEETING_VERBS = """
قال يقول تقول قالت قالا أكد يؤكد تؤكد أكدت أكدا أعلن يعلن تعلن أعلنت بحث يبحث تبحث بحثت بحثا التقى يلتقي تلتقي التقت
التقيا استقبل يستقبل تستقبل استقبلت أضاف يضيف تضيف أضافت أوضح يوضح توضح أوضحت صرح يصرح تصرح صرحت أشار يشير تشير
أشارت ذكر يذكر تذكر ذكرت اعتبر يعتبر تعتبر اعتبرت رأى يرى ترى رأت دعا يدعو تدعو دعت شدد يشدد تشدد شددت شددا طالب
يطالب تطالب طالبت نفى ينفي تنفي نفت زار يزور تزور زارت اجتمع يجتمع تجتمع اجتمعت اجتمعا وصل يصل تصل وصلت غادر يغادر
تغادر غادرت ترأس يترأس ترأست تلقى يتلقى تتلقى تلقت أجرى يجري تجري أجرت أجريا ناقش يناقش تناقش ناقشت أبلغ يبلغ أبلغت هنأ
يهنئ هنأت أعرب يعرب تعرب أعربت عبر يعبر عبرت أفاد يفيد أفادت كشف يكشف كشفت حذر يحذر تحذر حذرت أدان يدين تدين أدانت
وقع يوقع وقعت اتفق يتفق اتفقا اتصل يتصل اتصلت هاتف يهاتف أجاب أبدى يبدي أبدت تابع يتابع أكمل استعرض يستعرض
استعرضت استعرضا تناول يتناول تناولت تطرق يتطرق أشاد يشيد أشادت رحب يرحب رحبت نقل ينقل نقلت أبلغت أفادت قالوا أكدوا
"""

_FUNCTION_WORDS = """
في من إلى الى على عن مع بين إن أن ان لن لم لا ما هذا هذه ذلك تلك الذي التي الذين هو هي هم كان كانت قد وقد كما حيث بعد
قبل خلال منذ حتى عند لدى أو أم ثم بل كل بعض غير أي إذا إذ لكن لكن وفي ومن وإلى وعلى وعن ومع وإن وأن فإن فقد وكان وهو وهي
"""

# Capitals and big cities news uses often (the country list alone misses them).
_CITIES = """
موسكو واشنطن باريس لندن برلين روما مدريد بكين طوكيو أنقرة إسطنبول اسطنبول طهران دمشق بغداد بيروت عمان القاهرة الرياض
جدة مكة الدوحة أبوظبي دبي الكويت المنامة مسقط صنعاء عدن الخرطوم طرابلس تونس الجزائر الرباط نواكشوط القدس غزة
رام الخليل نابلس جنين حلب حمص حماة اللاذقية إدلب الرقة الزور درعا الموصل البصرة أربيل كركوك النجف كربلاء
الفلوجة سوتشي أستانا أستانة الآستانة جنيف فيينا بروكسل لاهاي أوسلو ستوكهولم كوبنهاغن هلسنكي وارسو براغ بودابست أثينا
كييف مينسك بلغراد صوفيا بوخارست لشبونة أمستردام نيويورك كابول آباد نيودلهي مومباي كراتشي بغداد كاراكاس هافانا
سيول بيونغ يانغ هانوي بانكوك جاكرتا كوالالمبور مانيلا سيدني أوتاوا تورونتو مكسيكو برازيليا بوينس آيرس نيروبي أديس
أبابا لاغوس جوهانسبرغ الإسكندرية أسوان الأقصر بنغازي مصراتة سرت تعز الحديدة مأرب حضرموت الفاشر نيقوسيا
يريفان باكو تبليسي طشقند دوشنبه بيشكيك الظهران الخبر الطائف أبها تبوك الشارقة حيفا يافا عكا الناصرة
"""

# Adjectives the nisba rule gets wrong, keyed by ISO code.
_IRREGULAR_NISBA: dict[str, tuple[str, ...]] = {
    "US": ("أمريكي", "أميركي"),
    "GB": ("بريطاني", "إنجليزي", "انكليزي"),
    "AE": ("إماراتي",),
    "SA": ("سعودي",),
    "AT": ("نمساوي",),
    "AZ": ("أذري", "أذربيجاني"),
    "AF": ("أفغاني",),
    "TJ": ("طاجيكي",),
    "UZ": ("أوزبكي",),
    "KZ": ("كازاخستاني", "كازاخي"),
    "KG": ("قرغيزي", "قيرغيزي"),
    "TM": ("تركماني",),
    "PK": ("باكستاني",),
    "PS": ("فلسطيني",),
    "KP": ("كوري",),
    "KR": ("كوري",),
    "SY": ("سوري",),
    "IQ": ("عراقي",),
    "YE": ("يمني",),
    "MA": ("مغربي",),
    "DZ": ("جزائري",),
    "TN": ("تونسي",),
    "LY": ("ليبي",),
    "SD": ("سوداني",),
    "EG": ("مصري",),
    "IL": ("إسرائيلي",),
    "NZ": ("نيوزيلندي",),
    "CN": ("صيني",),
    "IN": ("هندي",),
    "DE": ("ألماني",),
    "GR": ("يوناني",),
    "NL": ("هولندي",),
    "CH": ("سويسري",),
    "BE": ("بلجيكي",),
    "JP": ("ياباني",),
    "IR": ("إيراني",),
    "LB": ("لبناني",),
    "JO": ("أردني",),
    "QA": ("قطري",),
    "KW": ("كويتي",),
    "BH": ("بحريني",),
    "OM": ("عماني",),
    "MR": ("موريتاني",),
}

_COUNTRY_ALIASES = ("سورية", "بريطانيا", "أمريكا", "أميركا", "الإمارات", "السعودية", "فلسطين", "هولندا", "الصين",
                    "إسرائيل", "أوروبا", "أفريقيا", "إفريقيا", "آسيا", "أوربا", "الخليج", "الشام")
_NOT_COUNTRIES = {"001", "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def _norm_bare(word: str) -> str:
    n = normalize(word)
    return n[2:] if n.startswith("ال") and len(n) > 3 else n


def _words(block: str) -> set[str]:
    return {_norm_bare(w) for w in block.split()}


@lru_cache(maxsize=1)
def gazetteers() -> dict[str, frozenset[str]]:
    """Normalised, article-free word lists behind the gazetteer flags (built once; Babel's CLDR Arabic names)."""
    territories = Locale("ar").territories
    country_single: set[str] = set()
    country_part: set[str] = set()
    adjectives: set[str] = set()
    names = [name for code, name in territories.items() if code not in _NOT_COUNTRIES]
    names += list(_COUNTRY_ALIASES)
    for name in names:
        toks = name.split()
        if len(toks) == 1:
            country_single.add(_norm_bare(name))
        else:
            country_part.update(_norm_bare(t) for t in toks if len(t) > 2 and t.isalpha())
    for code, name in territories.items():
        if len(code) == 2 and code not in _NOT_COUNTRIES and len(name.split()) == 1:
            adjectives.add(normalize(nisba(_norm_bare(name))))
    for forms in _IRREGULAR_NISBA.values():
        adjectives.update(_norm_bare(f) for f in forms)
    # Inflected forms: feminine (-ية → normalised -يه), plurals (-يون, -يين) and feminine plural (-يات).
    nat = set()
    for a in adjectives:
        if len(a) < 3:
            continue
        nat.update({a, a + "ه", a + "ون", a + "ين", a + "ات"})
    function = {normalize(w) for w in _FUNCTION_WORDS.split()}
    names: set[str] = set()
    if PERSON_NAMES.is_file():
        names = {ln.strip() for ln in PERSON_NAMES.read_text(encoding="utf-8").splitlines() if ln.strip()}
    country_part -= function
    return {
        "title": frozenset(_words(_TITLE_WORDS)),
        "verb": frozenset(normalize(w) for w in _SPEECH_MEETING_VERBS.split()),
        "func": frozenset(function),
        "country": frozenset(country_single),
        "country_part": frozenset(country_part - country_single),
        "city": frozenset(_words(_CITIES)),
        "nat": frozenset(nat),
        "name": frozenset(names - function),
    }


# --------------------------------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------------------------------

def _is_punct(word: str) -> bool:
    return all(unicodedata.category(c)[0] in "PS" for c in word)


def _gazetteer_flags(norm: str) -> list[str]:
    flags = []
    gaz = gazetteers()
    # Verbs and function words: whole word (or conjunction + word) only.
    if norm in gaz["verb"] or (len(norm) > 2 and norm[0] in "وف" and norm[1:] in gaz["verb"]):
        flags.append("VERB")
    if norm in gaz["func"]:
        flags.append("FUNC")
    # The word itself or any proclitic split of it (same test as strip_in, computed once for all lists).
    candidates = [variant for form, _ in readings(norm) for variant in (form, strip_article(form))]
    for key, flag in _FLAG_LISTS:
        lexicon = gaz[key]
        if any(c in lexicon for c in candidates):
            flags.append(flag)
    return flags


_FLAG_LISTS = (("title", "TITLE"), ("nat", "NAT"), ("country", "CTY"), ("country_part", "CTYP"), ("city", "CITY"),
               ("name", "NAME"))


def _shape(word: str, norm: str) -> list[str]:
    out = []
    if any(c.isdigit() for c in word):
        out.append("DIGIT" if all(c.isdigit() or c in ".,/-:" for c in word) else "HASDIGIT")
    if _is_punct(word):
        out.append("PUNCT")
    if any("a" <= c.lower() <= "z" for c in word):
        out.append("LATIN")
    n = len(norm)
    out.append("len=" + ("1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-5" if n <= 5 else "6+"))
    return out


@lru_cache(maxsize=1 << 16)
def word_views(word: str) -> tuple[tuple[str, ...], ...]:
    """Feature strings contributed by ``word`` to its own position and to positions -2, -1, +1, +2 from it.

    Element 0 holds the word's own features; elements 1..4 hold what a token sees of this word when the word is at
    offset -2, -1, +1, +2 from it; element 5 its gazetteer flags as seen from three positions on.
    """
    intern = sys.intern
    norm = normalize(word)
    proc, stem = split_article(norm)
    bare_proc, bare_stem = ("", norm) if proc else split_bare(norm)
    flags = _gazetteer_flags(norm)
    shape = _shape(word, norm)
    own = [f"w={norm}", f"st={stem}", f"pc={proc}"]
    if bare_proc:
        own += [f"bst={bare_stem}", f"bpc={bare_proc}"]
    for k in (1, 2, 3, 4):
        if len(stem) >= k:
            own.append(f"p{k}={stem[:k]}")
            own.append(f"s{k}={stem[-k:]}")
    own += shape
    own += flags
    views = [tuple(intern(f) for f in own)]
    for off in ("-2", "-1", "+1", "+2"):
        near = [f"{off}w={norm}"]
        if off in ("-1", "+1"):
            near.append(f"{off}st={stem}")
            near.append(f"{off}s2={stem[-2:]}")
            near += [f"{off}{s}" for s in shape if s != "len=" and not s.startswith("len=")]
        near += [f"{off}{f}" for f in flags]
        views.append(tuple(intern(f) for f in near))
    views.append(tuple(intern(f"-3{f}") for f in flags))
    return tuple(views)


_BOS2 = ("-2BOS",)
_BOS1 = ("-1BOS",)
_EOS1 = ("+1EOS",)
_EOS2 = ("+2EOS",)

Views = tuple[tuple[str, ...], ...]


def sentence_features(words: Sequence[str], views: Callable[[str], Views] = word_views) -> list[tuple[str, ...]]:
    """CRF features (binary attribute names) for every token of one sentence. Used for training and tagging.

    ``views`` maps a word to its :func:`word_views`; a tagger passes a cached copy restricted to the attributes its
    model knows, which gives the same tags faster (attributes without weights contribute nothing).
    """
    vs = [views(w) for w in words]
    own = [v[0] for v in vs]
    at_m3 = [(), (), ()] + [v[5] for v in vs[:-3]]
    at_m2 = [_BOS2, _BOS2] + [v[1] for v in vs[:-2]]  # what position i sees of word i-2
    at_m1 = [_BOS1] + [v[2] for v in vs[:-1]]
    at_p1 = [v[3] for v in vs[1:]] + [_EOS1]
    at_p2 = [v[4] for v in vs[2:]] + [_EOS2, _EOS2]
    # zip stops at len(own); the padded lists are at least that long.
    return [a + b + c + d + e + g for a, b, c, d, e, g in zip(own, at_m2, at_m1, at_p1, at_p2, at_m3, strict=False)]


# --------------------------------------------------------------------------------------------------
# Spans
# --------------------------------------------------------------------------------------------------

def iob_spans(tags: Iterable[str]) -> list[tuple[str, int, int]]:
    """(type, start, end) spans of an IOB tag sequence, end exclusive, CoNLL-style: an I- tag that does not continue
    a span of its own type starts a new one."""
    spans: list[tuple[str, int, int]] = []
    cur: str | None = None
    start = 0
    i = -1
    for i, tag in enumerate(tags):
        if tag == "O" or not tag:
            kind, typ = "O", None
        else:
            kind, _, typ = tag.partition("-")
        if cur is not None and (kind != "I" or typ != cur):
            spans.append((cur, start, i))
            cur = None
        if kind in ("B", "I") and cur is None:
            cur, start = typ, i
    if cur is not None:
        spans.append((cur, start, i + 1))
    return spans


# --------------------------------------------------------------------------------------------------
# Tagger
# --------------------------------------------------------------------------------------------------

class PersonTagger:
    """CRF tagger for PERS, LOC and ORG in IOB. Not thread-safe: use one instance per thread."""

    def __init__(self, model_path: Path | None = None, cache_size: int = 1 << 17) -> None:
        path = Path(model_path) if model_path is not None else DEFAULT_MODEL
        if not path.is_file():
            raise FileNotFoundError(f"CRF model not found: {path} (run scripts/train_ner.py)")
        self.model_path = path
        meta = path.with_suffix(".json")
        if meta.is_file():
            version = json.loads(meta.read_text(encoding="utf-8")).get("feature_version")
            if version != FEATURE_VERSION:
                raise ValueError(f"{path} was trained with feature version {version}, this code computes version "
                                 f"{FEATURE_VERSION}: retrain it with scripts/train_ner.py")
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self.labels: list[str] = list(self._tagger.labels())
        self._pers_labels = [lab for lab in self.labels if lab in ("B-PERS", "I-PERS")]
        known = frozenset(attr for attr, _label in self._tagger.info().state_features)
        raw_views = word_views.__wrapped__

        @lru_cache(maxsize=cache_size)
        def views(word: str) -> Views:
            return tuple(tuple(f for f in slot if f in known) for slot in raw_views(word))

        self._views = views

    def tag(self, words: Sequence[str]) -> list[str]:
        """IOB tags (B-PERS, I-PERS, B-LOC, I-LOC, B-ORG, I-ORG or O) for one sentence, one per word."""
        if not words:
            return []
        return self._tagger.tag(sentence_features(words, self._views))

    def marginals(self, words: Sequence[str]) -> list[float]:
        """P(token is part of a PERS entity) for each word of one sentence (sum of the B-PERS and I-PERS marginals)."""
        if not words:
            return []
        t = self._tagger
        t.set(sentence_features(words, self._views))
        out = []
        for i in range(len(words)):
            p = sum(t.marginal(lab, i) for lab in self._pers_labels)
            out.append(min(1.0, max(0.0, p)))
        return out

    def clear_cache(self) -> None:
        """Forget the per-word feature cache (for measurements; it refills as words are seen)."""
        self._views.cache_clear()

    def persons(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) word spans tagged PERS, end exclusive."""
        return [(s, e) for typ, s, e in iob_spans(self.tag(words)) if typ == "PERS"]
