"""Corrections from the explorer's details panel, in real headless Chromium against the real Neo4j: reject a node,
merge one into another, undo — each recorded with its note and user, and the canvas redrawn without the node."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from loader.corrections import log
from newsgraph.config import Settings
from tests.test_dashboard_browser import CY, wait_for_graph
from tests.test_explorer_browser import node_ids, settle, tap

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

PUTIN = "person:vladimir-putin"


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
