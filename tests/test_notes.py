"""Analysts' notes against the real Neo4j: written on a node, listed newest first, deleted by their author only,
found by the explorer's search; and in real headless Chromium: added from the details panel and found by the
search box."""

from __future__ import annotations

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.i18n import language
from dashboard.queries import search_entities
from newsgraph.config import Settings
from newsgraph.notes import MAX_NOTE_CHARS, NoteError, add_note, delete_note, notes_about, search_notes
from tests.test_dashboard_browser import wait_for_graph
from tests.test_explorer_browser import node_ids, tap

pytestmark = pytest.mark.neo4j

PUTIN = "person:vladimir-putin"


@pytest.fixture
def graph(samples_graph: Driver, neo4j_settings: Settings) -> Driver:
    """The samples without any note left by another test."""
    samples_graph.execute_query("MATCH (n:Note) DETACH DELETE n", database_=neo4j_settings.database)
    return samples_graph


def a_meeting(driver: Driver, database: str) -> str:
    return driver.execute_query("MATCH (m:Meeting) RETURN m.id AS id ORDER BY m.id LIMIT 1",
                                database_=database).records[0]["id"]


def test_a_note_on_a_person_is_found_by_the_explorer_search_by_one_of_its_words(
        graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    note = add_note(graph, db, PUTIN, "يرجّح أن المكالمة تناولت خط أنابيب السيل التركي", "amal")
    assert note.id.startswith("note:") and len(note.id) == len("note:") + 12
    for typed in ("أنابيب", "انابيب"):  # hamza or none: the same Arabic analyzer as names
        hits = search_entities(graph, db, typed)
        found = [hit for hit in hits if hit["id"] == PUTIN]
        assert found, f"{typed!r} did not find the note's person: {hits}"
        assert found[0]["note"] == note.text and found[0]["label"] == "Person" and found[0]["name"]
    assert search_notes(graph, db, "السيل") == [PUTIN]
    # Names still come first, and a node found by its name is not listed twice.
    by_name = search_entities(graph, db, "بوتين")
    assert by_name[0]["id"] == PUTIN and "note" not in by_name[0]
    assert [hit["id"] for hit in by_name].count(PUTIN) == 1


def test_notes_on_a_meeting_are_listed_newest_first_with_user_and_time(graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    meeting = a_meeting(graph, db)
    first = add_note(graph, db, meeting, "الملاحظة الأولى", "amal")
    second = add_note(graph, db, meeting, "الملاحظة الثانية\nفي سطرين", "omar")
    listed = notes_about(graph, db, meeting)
    assert [n.id for n in listed] == [second.id, first.id]
    assert (listed[0].text, listed[0].user, listed[0].about) == ("الملاحظة الثانية\nفي سطرين", "omar", meeting)
    assert listed[1].at < listed[0].at and listed[0].at.endswith("+00:00")
    assert search_notes(graph, db, "الثانية") == [meeting]


def test_only_the_author_deletes_a_note(graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    note = add_note(graph, db, PUTIN, "ملاحظة لا يحذفها إلا كاتبها", "amal")
    with pytest.raises(NoteError, match="Only its author") as refused:
        delete_note(graph, db, note.id, "stranger")
    assert "كاتبها" in language("ar").error(refused.value)  # as the Arabic interface shows it
    assert [n.id for n in notes_about(graph, db, PUTIN)] == [note.id]
    delete_note(graph, db, note.id, "amal")
    assert notes_about(graph, db, PUTIN) == []
    assert search_notes(graph, db, "كاتبها") == []
    with pytest.raises(NoteError, match="There is no note"):
        delete_note(graph, db, note.id, "amal")


@pytest.mark.parametrize("node_id", ["article:001", "note:abc", "Person:vladimir-putin", "person:", "", "putin",
                                     "person:nobody-by-this-name", "person:x}) DETACH DELETE (n"])
def test_a_note_on_anything_but_a_known_node_is_refused(graph: Driver, neo4j_settings: Settings,
                                                        node_id: str) -> None:
    with pytest.raises(NoteError):
        add_note(graph, neo4j_settings.database, node_id, "نص", "amal")
    assert graph.execute_query("MATCH (n:Note) RETURN count(n) AS n",
                               database_=neo4j_settings.database).records[0]["n"] == 0


def test_empty_and_over_long_notes_are_refused(graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    for text in ("", "   \n ", "ن" * (MAX_NOTE_CHARS + 1)):
        with pytest.raises(NoteError):
            add_note(graph, db, PUTIN, text, "amal")
    assert len(add_note(graph, db, PUTIN, "ن" * MAX_NOTE_CHARS, "amal").text) == MAX_NOTE_CHARS


def test_lucene_syntax_in_a_search_is_text(graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    add_note(graph, db, PUTIN, "سعر (النفط) ارتفع: 70+ دولارا", "amal")
    for typed in ("(النفط", "70+", "ارتفع:", 'النفط" OR *', "AND"):
        search_entities(graph, db, typed)  # no Lucene parse error
    assert search_notes(graph, db, "(النفط)") == [PUTIN]


@pytest.mark.browser
def test_a_note_added_in_the_details_panel_is_shown_and_found_by_the_search_box(
        browser: webdriver.Chrome, dashboard_url: str, graph: Driver, neo4j_settings: Settings) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={PUTIN}")
    WebDriverWait(browser, 20).until(lambda b: PUTIN in node_ids(b))
    tap(browser, PUTIN)
    add = (By.XPATH, f"//div[@id='notes-panel']/div[@data-node='{PUTIN}']//button[@id='note-add']")
    WebDriverWait(browser, 20).until(expected_conditions.element_to_be_clickable(add))
    browser.find_element(By.ID, "note-text").send_keys("اتفاق مبدئي على توريد منظومات الدفاع الجوي")
    browser.find_element(*add).click()
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "notes-list"), "توريد منظومات"))
    [stored] = notes_about(graph, neo4j_settings.database, PUTIN)
    assert stored.user == "dashboard"  # sign-in is off in the test dashboard
    delete = (By.XPATH, f"//li[@data-note='{stored.id}']//*[contains(@class, 'ng-note-delete')]")
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.XPATH, f"//li[@data-note='{stored.id}']"),
                                                          "dashboard"))
    assert browser.find_element(By.ID, "note-text").get_attribute("value") == ""

    browser.find_element(By.ID, "search").click()
    box = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "input.dash-dropdown-search")))
    box.send_keys("منظومات")
    option = WebDriverWait(browser, 15).until(expected_conditions.visibility_of_element_located(
        (By.XPATH, "//*[@role='option'][contains(., 'من ملاحظة')]")))
    assert "توريد منظومات" in option.text and "بوتين" in option.text

    # The author deletes it from the panel.
    browser.find_element(By.TAG_NAME, "body").click()
    # The panel may have been drawn again meanwhile (the canvas settles): the button is looked up afresh.
    for _ in range(5):
        try:
            WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable(delete)).click()
            break
        except StaleElementReferenceException:
            continue
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "notes-list"), "لا ملاحظات"))
    assert notes_about(graph, neo4j_settings.database, PUTIN) == []
