"""Corrections from the explorer's details panel, in real headless Chromium against the real Neo4j: reject a node,
merge one into another, undo — each recorded with its note and user, and the canvas redrawn without the node."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.style import LABEL_STYLES
from loader.corrections import log
from newsgraph.config import Settings
from tests.test_dashboard_browser import CY, wait_for_graph
from tests.test_explorer_browser import node_ids, settle, tap

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

PUTIN = "person:vladimir-putin"
LABEL_TITLES = {label: style["title"] for label, style in LABEL_STYLES.items()}


def people_on_canvas(browser: webdriver.Chrome) -> list[str]:
    return sorted(node for node in node_ids(browser) if node.startswith("person:") and node != PUTIN)


def select(browser: webdriver.Chrome, node_id: str) -> None:
    """Tap a node and wait for the corrections panel of that very node (not the one before it)."""
    tap(browser, node_id)
    WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable(
        (By.XPATH, f"//div[@id='corrections-panel']/div[@data-node='{node_id}']//button[@id='correct-reject']")))


def note(browser: webdriver.Chrome, text: str) -> None:
    box = browser.find_element(By.ID, "correct-note")
    box.clear()
    box.send_keys(text)


def name_of(driver: Driver, settings: Settings, node_id: str) -> str:
    return driver.execute_query("MATCH (p:Person {id: $id}) RETURN p.name AS name", id=node_id,
                                database_=settings.database).records[0]["name"]


def test_reject_merge_and_undo_from_the_details_panel(browser: webdriver.Chrome, dashboard_url: str,
                                                      samples_graph: Driver, neo4j_settings: Settings,
                                                      artifacts: Path) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={PUTIN}")
    settle(browser)
    junk, absorbed, kept = people_on_canvas(browser)[:3]

    # Reject: the node leaves the canvas; the record has the note and the user.
    select(browser, junk)
    note(browser, "ليس شخصا")
    browser.find_element(By.ID, "correct-reject").click()
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "correction-message"), "رُفضت"))
    WebDriverWait(browser, 20).until(lambda b: junk not in node_ids(b))
    [rejected] = log(samples_graph, neo4j_settings.database)
    assert (rejected.kind, rejected.targets, rejected.note, rejected.user) == ("reject", [junk], "ليس شخصا",
                                                                              "dashboard")

    # Merge: search the kept person in the panel's box, merge; the absorbed node is gone, the kept one selected.
    settle(browser)
    select(browser, absorbed)
    open_section(browser, absorbed, "correct-merge-section")
    browser.find_element(By.ID, "correct-merge-target").click()
    box = WebDriverWait(browser, 10).until(expected_conditions.visibility_of_element_located(
        (By.CSS_SELECTOR, "input.dash-dropdown-search")))
    box.send_keys(name_of(samples_graph, neo4j_settings, kept)[:5])
    WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable(
        (By.XPATH, f"//*[@role='option'][contains(., '{kept}')]"))).click()
    note(browser, "شخص واحد")
    browser.save_screenshot(str(artifacts / "corrections-panel.png"))
    browser.find_element(By.ID, "correct-merge").click()
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "correction-message"), "دُمجت"))
    WebDriverWait(browser, 20).until(lambda b: absorbed not in node_ids(b) and kept in node_ids(b))
    merged = log(samples_graph, neo4j_settings.database)[-1]
    assert (merged.kind, merged.keep, merged.note) == ("merge", kept, "شخص واحد")

    # Undo from the kept node's history: the absorbed person is back in the graph.
    WebDriverWait(browser, 20).until(
        lambda b: merged.id in b.find_element(By.ID, "correction-history").get_attribute("innerHTML"))
    button = f"//li[@data-correction='{merged.id}']//button"
    WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable((By.XPATH, button))).click()
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "correction-message"), "أُلغي"))
    back = samples_graph.execute_query("MATCH (p:Person {id: $id}) RETURN count(p) AS n", id=absorbed,
                                       database_=neo4j_settings.database).records[0]["n"]
    assert back == 1 and log(samples_graph, neo4j_settings.database)[-1].undone
    assert browser.execute_script(f"return {CY}.nodes().length") > 0


def open_section(browser: webdriver.Chrome, node_id: str, section: str) -> None:
    """Open one folded section of the selected node's corrections panel."""
    summary = WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable(
        (By.XPATH, f"//div[@id='corrections-panel']/div[@data-node='{node_id}']//details[@id='{section}']/summary")))
    summary.click()


def choose(browser: webdriver.Chrome, dropdown: str, option_text: str, typed: str | None = None) -> None:
    """Pick an option of a panel dropdown (typing into its search box first when given)."""
    browser.find_element(By.ID, dropdown).click()
    if typed:  # the open dropdown's search box is the only one shown
        WebDriverWait(browser, 10).until(expected_conditions.visibility_of_element_located(
            (By.CSS_SELECTOR, "input.dash-dropdown-search"))).send_keys(typed)
    # Only the open dropdown's menu (checklists elsewhere on the page have options too).
    WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable(
        (By.XPATH, f"//*[contains(@class, 'dash-dropdown-options')]//*[@role='option'][contains(., '{option_text}')]"
         ))).click()


def message_says(browser: webdriver.Chrome, text: str) -> None:
    try:
        WebDriverWait(browser, 20).until(
            expected_conditions.text_to_be_present_in_element((By.ID, "correction-message"), text))
    except TimeoutException:
        shown = browser.find_element(By.ID, "correction-message").text
        raise AssertionError(f"the panel said {shown!r}, not {text!r}") from None


def test_meeting_merge_participants_and_kind_from_the_details_panel(
        browser: webdriver.Chrome, dashboard_url: str, samples_graph: Driver, neo4j_settings: Settings,
        artifacts: Path) -> None:
    from tests.test_corrections_kinds import lavrov_de_mistura, parties

    db = neo4j_settings.database
    kept, absorbed = lavrov_de_mistura(samples_graph, db)
    wait_for_graph(browser, dashboard_url + "?focus=person:sergey-lavrov")
    settle(browser)
    assert {kept, absorbed} <= node_ids(browser)

    # Two reports of one encounter: merged from the absorbed one's panel, offered as a nearby meeting.
    tap(browser, absorbed)
    open_section(browser, absorbed, "correct-merge-meeting-section")
    choose(browser, "correct-merge-meeting", "ستافان دي ميستورا")
    browser.find_element(By.ID, "correct-merge-meeting-go").click()
    message_says(browser, "دُمجت")
    WebDriverWait(browser, 20).until(lambda b: absorbed not in node_ids(b))
    assert lavrov_de_mistura(samples_graph, db) == [kept]

    # The kept meeting is selected: a participant added (found by search), recorded as an analyst's link.
    open_section(browser, kept, "correct-parties-section")
    choose(browser, "correct-add-party", "org:united-nations", typed="الأمم المتحدة")
    browser.find_element(By.ID, "correct-note").send_keys("مبعوث الأمم المتحدة")
    browser.find_element(By.ID, "correct-add-party-go").click()
    message_says(browser, "أضيف")
    assert "org:united-nations" in parties(samples_graph, db, kept)
    added = log(samples_graph, db)[-1]
    assert (added.kind, added.targets, added.note) == ("add_participant", [kept, "org:united-nations"],
                                                       "مبعوث الأمم المتحدة")
    # The analyst's link is told apart on the canvas.
    link = f"org:united-nations>PARTICIPATED_IN>{kept}"
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script(f"return {CY}.getElementById('{link}').hasClass('analyst')"))
    browser.save_screenshot(str(artifacts / "corrections-participant.png"))

    # A person given another kind: it comes back on the canvas as an organization, under its new id.
    settle(browser)
    person = "person:staffan-de-mistura"
    tap(browser, person)
    open_section(browser, person, "correct-edit-section")
    choose(browser, "correct-kind", LABEL_TITLES["Organization"])
    browser.find_element(By.ID, "correct-edit").click()
    message_says(browser, "عُدّلت")
    WebDriverWait(browser, 20).until(lambda b: "org:staffan-de-mistura" in node_ids(b) and person not in node_ids(b))


def test_rejected_nodes_are_shown_on_request_and_can_be_taken_back(
        browser: webdriver.Chrome, dashboard_url: str, samples_graph: Driver, neo4j_settings: Settings,
        artifacts: Path) -> None:
    from loader.corrections import reject

    db = neo4j_settings.database
    junk = "person:shkr-rhn"  # «شكر روحاني»: the verb «thanked» taken for a first name
    correction = reject(samples_graph, db, junk, note="ليس اسمًا", user="amal")
    browser.get(dashboard_url.rstrip("/") + "/corrections")
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located(
        (By.XPATH, f"//tr[@data-correction='{correction.id}'][contains(., 'amal')][contains(., 'ليس اسمًا')]")))
    assert not browser.find_elements(By.ID, "rejected-nodes")  # hidden unless asked for
    browser.find_element(By.ID, "toggle-rejected").click()
    row = (By.XPATH, f"//div[@id='rejected-nodes']//li[@data-node='{junk}']")
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located(row))
    assert "شكر روحاني" in browser.find_element(*row).text
    browser.save_screenshot(str(artifacts / "corrections-page.png"))
    assert browser.find_element(*row).find_elements(By.XPATH, ".//a[starts-with(@href, '/article?id=')]")
    browser.find_element(*row).find_element(By.TAG_NAME, "button").click()
    WebDriverWait(browser, 20).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "corrections-page-message"), "أُلغي"))
    assert samples_graph.execute_query("MATCH (p:Person {id: $id}) RETURN count(p) AS n", id=junk,
                                       database_=db).records[0]["n"] == 1


def test_names_split_off_from_the_details_panel_make_a_new_node_on_the_canvas(
        browser: webdriver.Chrome, dashboard_url: str, samples_graph: Driver, neo4j_settings: Settings) -> None:
    erdogan = "person:recep-tayyip-erdogan"
    wait_for_graph(browser, dashboard_url + f"?focus={erdogan}")
    settle(browser)
    tap(browser, erdogan)
    open_section(browser, erdogan, "correct-split-section")
    for name in ("رجب طيب أردوجان", "أردوجان"):
        browser.find_element(By.XPATH, f"//div[@id='correct-split-names']//label[normalize-space(.)='{name}']"
                                       "//input").click()
    browser.find_element(By.ID, "correct-split").click()
    message_says(browser, "فُصلت")
    correction = log(samples_graph, neo4j_settings.database)[-1]
    assert (correction.kind, sorted(correction.changes["aliases"])) == ("split", ["أردوجان", "رجب طيب أردوجان"])
    WebDriverWait(browser, 20).until(lambda b: correction.changes["id"] in node_ids(b) and erdogan in node_ids(b))
