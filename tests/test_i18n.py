"""The interface language: every message the code shows has its Arabic in the catalogue, with the same fields;
Arabic plural forms; the saved queries in both languages, parsed once; the page header's links."""

from __future__ import annotations

import os
from pathlib import Path
from string import Formatter
from typing import Any

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from dashboard import query_page
from dashboard.i18n import LOCALE_DIR, language, language_of, with_language
from dashboard.page_header import header
from newsgraph import saved_queries
from newsgraph.config import PROJECT_ROOT
from newsgraph.saved_queries import QueryFileError, cached_library, load_library, parse_query

# The keywords the README's `pybabel extract` uses, plus Babel's defaults (N_ marks tables of messages).
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None, "n": (1, 2)}
CATALOGUE = LOCALE_DIR / "ar" / "LC_MESSAGES" / "messages.po"


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def code_messages() -> dict[str | tuple[str, str], list[str]]:
    """Every message the code marks (t, n, N_) in the files babel.cfg lists → where it is used."""
    with (PROJECT_ROOT / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, line, message, _, _ in extract_from_dir(
            PROJECT_ROOT, method_map, options_map, keywords=KEYWORDS,
            directory_filter=lambda path: os.path.relpath(path, PROJECT_ROOT).split(os.sep)[0] in (
                ".", "dashboard", "newsgraph")):
        key = message if isinstance(message, str) else tuple(message[:2])
        found.setdefault(key, []).append(f"{filename}:{line}")
    return found


def fields(text: str) -> set[str]:
    """The `{field}` names of a format string ("{n}", "{value!r}", "{limit:,}" → n, value, limit)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in Formatter().parse(text) if name}


def test_every_message_of_the_interface_has_its_arabic_with_the_same_fields() -> None:
    messages = code_messages()
    assert len(messages) > 150  # the extraction found the pages' messages (not an empty run passing vacuously)
    assert "Saved queries" in messages and ("{n} row", "{n} rows") in messages
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="ar")
    missing, wrong_fields = [], []
    for key, places in sorted(messages.items(), key=str):
        entry = catalogue.get(key if isinstance(key, str) else key[0])
        forms = ([entry.string] if isinstance(entry.string, str) else list(entry.string)) if entry else []
        if not forms or not all(form.strip() for form in forms):
            missing.append(f"{key!r} ({places[0]})")
            continue
        if isinstance(key, str):
            if fields(forms[0]) != fields(key):
                wrong_fields.append(f"{key!r} → {forms[0]!r}")
            continue
        # Plurals: the zero, one and two forms may spell the count out («صف واحد»); the others show {n}.
        needed = fields(key[0]) | fields(key[1])
        for number, form in enumerate(forms):
            expected = needed if number >= 3 else needed - {"n"}
            if not expected <= fields(form) or not fields(form) <= needed:
                wrong_fields.append(f"{key!r} form {number} → {form!r}")
    if missing:
        pytest.fail(f"{len(missing)} messages have no Arabic in {CATALOGUE.relative_to(PROJECT_ROOT)} (see babel.cfg "
                    "to merge them in):\n" + "\n".join(missing), pytrace=False)
    if wrong_fields:
        pytest.fail("translations whose {fields} differ from their msgid's:\n" + "\n".join(wrong_fields),
                    pytrace=False)


@pytest.mark.parametrize(("count", "expected"), [(0, "لا صفوف"), (1, "صف واحد"), (2, "صفان"), (3, "3 صفوف"),
                                                 (11, "11 صفًا"), (100, "100 صف")])
def test_arabic_has_six_plural_forms(count: int, expected: str) -> None:
    assert language("ar").n("{n} row", "{n} rows", count) == expected


def test_english_has_two_plural_forms() -> None:
    english = language("en")
    assert [english.n("{n} row", "{n} rows", k) for k in (0, 1, 2, 11)] == ["0 rows", "1 row", "2 rows", "11 rows"]


def test_the_language_comes_from_the_url_and_arabic_is_the_default() -> None:
    assert (language_of("").code, language_of("?ui=en").code, language_of("?ui=xx").code) == ("ar", "en", "ar")
    assert (language("ar").dir, language("en").dir) == ("rtl", "ltr")
    assert with_language("?name=q&ui=en&type=call", "ar") == "?name=q&type=call"
    assert with_language("?name=q&type=call", "en") == "?name=q&type=call&ui=en"


def test_errors_with_a_template_are_shown_in_the_interface_language() -> None:
    saved = cached_library()["person_contacts"]
    with pytest.raises(ValueError) as error:
        saved.bind({"from": "yesterday"})
    assert str(error.value) == "parameter 'from': 'yesterday' is not a date (YYYY-MM-DD)"
    assert language("en").error(error.value) == str(error.value)
    shown = language("ar").error(error.value)
    assert arabic(shown) and "'from'" in shown and "'yesterday'" in shown
    assert language("ar").error(RuntimeError("as raised")) == "as raised"


def test_names_per_language_and_the_arabic_constants_keep_their_wording() -> None:
    """The explorer still reads the Arabic constants; one msgid shared by two meanings would change them."""
    from dashboard.corrections_panel import KIND_TITLES, kind_title
    from dashboard.style import (
        EDGE_TITLES,
        LABEL_STYLES,
        MEETING_TYPE_TITLES,
        edge_title,
        label_title,
        meeting_type_title,
    )

    assert {label: style["title"] for label, style in LABEL_STYLES.items()} == {
        "Person": "شخص", "Country": "دولة", "Organization": "منظمة", "Place": "مكان", "Meeting": "لقاء"}
    assert MEETING_TYPE_TITLES == {"call": "اتصال هاتفي", "meeting": "لقاء", "visit": "زيارة", "talks": "مباحثات",
                                   "summit": "قمة", "conference": "مؤتمر"}
    assert EDGE_TITLES == {"PARTICIPATED_IN": "شارك في", "REPRESENTS": "يمثل", "HELD_IN": "عُقد في",
                           "LOCATED_IN": "يقع في", "CONCERNS": "بشأن"}
    assert KIND_TITLES["merge"] == "دمج" and kind_title("merge", "en") == "Merge"
    assert (label_title("Place", "en"), meeting_type_title("call", "en"), edge_title("HELD_IN", "en")) == (
        "Place", "Phone call", "held in")
    assert (label_title("Place"), meeting_type_title("call", "ar"), edge_title("HELD_IN", "ar")) == (
        "مكان", "اتصال هاتفي", "عُقد في")
    assert (label_title("Unknown", "en"), meeting_type_title("lunch", "ar")) == ("Unknown", "lunch")


# -- the page header ---------------------------------------------------------------------------------


def props(component: Any) -> list[Any]:
    """A component and everything inside it, depth first."""
    found = [component]
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        found += props(child)
    return found


def test_the_header_keeps_the_language_in_its_links_and_switches_to_the_same_page() -> None:
    english = header("Saved queries", "/queries", "?name=person_contacts&type=call&ui=en", language("en"))
    links = {getattr(c, "id", None) or c.children: c for c in props(english) if type(c).__name__ == "A"}
    assert links["lang-switch"].href == "/queries?name=person_contacts&type=call"
    assert links["lang-switch"].children == "العربية"
    assert links["Explorer"].href == "/?ui=en" and links["Corrections"].href == "/corrections?ui=en"
    arabic_header = header("x", "/corrections", "?rejected=1", language("ar"))
    switch = next(c for c in props(arabic_header) if getattr(c, "id", None) == "lang-switch")
    assert (switch.href, switch.children) == ("/corrections?rejected=1&ui=en", "English")
    assert all(c.href in ("/", "/queries", "/investigations") for c in props(arabic_header)
               if type(c).__name__ == "A" and getattr(c, "id", None) != "lang-switch")


# -- saved queries in both languages --------------------------------------------------------------------


def test_every_saved_query_has_its_title_description_and_parameters_in_both_languages() -> None:
    library = load_library()
    assert len(library) >= 12
    for name, saved in library.items():
        assert saved.title and not arabic(saved.title), name
        assert saved.description and not arabic(saved.description), name
        assert arabic(saved.title_in("ar")) and arabic(saved.description_in("ar")), name
        assert saved.title_in("en") == saved.title
        for param in saved.params:
            assert param.description and arabic(param.description_in("ar")), f"{name}: {param.name}"


def test_translated_header_lines_are_checked(tmp_path: Path) -> None:
    saved = parse_query("// title: T\n// title@ar: ع\n// description: one\n// two\n// description@ar: واحد\n"
                        "// اثنان\n// param x: integer = 1 -- how many\n// param@ar x: كم\nRETURN $x", "q")
    assert (saved.title, saved.title_in("ar"), saved.description, saved.description_in("ar")) == (
        "T", "ع", "one two", "واحد اثنان")
    assert (saved.params[0].description, saved.params[0].description_in("ar")) == ("how many", "كم")
    assert parse_query("// title: T\nRETURN 1", "q").title_in("ar") == "T"  # English when there is no Arabic
    for text, message in [("// title: T\n// title@fr: F\nRETURN 1", "unknown header key 'title@fr'"),
                          ("// title: T\n// returns@ar: table\nRETURN 1", "unknown header key 'returns@ar'"),
                          ("// title: T\n// param@ar x: كم\n// param x: integer = 1\nRETURN $x",
                           "comes after the 'param NAME: TYPE' line"),
                          ("// title: T\n// title@ar: ع\n// title@ar: غ\nRETURN 1", "'title@ar' is given twice")]:
        with pytest.raises(QueryFileError, match=message):
            parse_query(text, "q")


def counting_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = saved_queries.parse_query

    def counted(text: str, name: str, path: Path | None = None) -> Any:
        parsed.append(name)
        return real(text, name, path)

    monkeypatch.setattr(saved_queries, "parse_query", counted)
    saved_queries._parsed_library.cache_clear()
    return parsed


def test_the_library_is_parsed_once_across_page_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = counting_parses(monkeypatch)
    first = query_page.layout(None, "neo4j", "?ui=en")  # type: ignore[arg-type]  # the layout reads no database
    second = query_page.layout(None, "neo4j", "")  # type: ignore[arg-type]
    assert sorted(parsed) == sorted(path.stem for path in saved_queries.QUERIES_DIR.glob("*.cypher"))
    titles = [str(c.children) for page in (first, second) for c in props(page) if type(c).__name__ == "H1"]
    assert titles == ["Saved queries", "الاستعلامات المحفوظة"]


def test_the_library_is_parsed_again_when_a_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = counting_parses(monkeypatch)
    query = tmp_path / "q.cypher"
    query.write_text("// title: T\nRETURN 1", encoding="utf-8")
    assert cached_library(tmp_path)["q"].title == "T" and cached_library(tmp_path)["q"].title == "T"
    assert parsed == ["q"]
    query.write_text("// title: Changed\nRETURN 1", encoding="utf-8")
    os.utime(query, ns=(query.stat().st_mtime_ns + 10**9,) * 2)  # a later time even on coarse file systems
    assert cached_library(tmp_path)["q"].title == "Changed" and parsed == ["q", "q"]


# -- the server's first HTML and the short URLs ---------------------------------------------------------


@pytest.mark.neo4j
def test_the_first_html_and_short_urls_are_in_the_language_asked_for(empty_graph: Any, neo4j_settings: Any) -> None:
    from dashboard.serve import build_server
    from newsgraph import investigations

    client = build_server(neo4j_settings, ["localhost"], None).test_client()
    english = client.get("/queries?ui=en").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in english and "<title>newsgraph — the meetings network</title>" in english
    assert "Updating..." not in english and "Loading…" in english  # Dash's own English words are not shown
    arabic_page = client.get("/queries").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in arabic_page and "<title>newsgraph — شبكة اللقاءات</title>" in arabic_page
    saved = investigations.save(empty_graph, neo4j_settings.database, "t", "?focus=person:vladimir-putin", "", "amal")
    assert client.get(f"/i/{saved.id}").headers["Location"] == "/" + saved.search
    assert client.get(f"/i/{saved.id}?ui=en").headers["Location"] == "/" + saved.search + "&ui=en"
