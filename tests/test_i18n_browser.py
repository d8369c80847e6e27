"""The interface in English and in Arabic, in real headless Chromium against the real Neo4j (the sample corpus):
the direction and text of the saved-queries and corrections pages, and the language switch."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from newsgraph.config import Settings
from newsgraph.saved_queries import cached_library

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

QUERY = cached_library()["person_contacts"]
# The interface's own words: headings, buttons, labels, table headings (not the data, not the switch's «العربية»).
INTERFACE_TEXT = ("h1, h2, h3, button, summary, .qp-field > label, th, .ng-header a:not(#lang-switch), #qp-summary, "
                  "#qp-link")


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def wait_for_text(browser: webdriver.Chrome, element_id: str, text: str, seconds: float = 30) -> None:
    try:
        WebDriverWait(browser, seconds).until(
            expected_conditions.text_to_be_present_in_element((By.ID, element_id), text))
    except TimeoutException:
        shown = browser.find_element(By.TAG_NAME, "body").text[:1500]
        raise AssertionError(f"#{element_id} never said {text!r}; the page shows:\n{shown}") from None


def directions(browser: webdriver.Chrome) -> tuple[str, str, str]:
    """The document's language and direction, and the page's own root's direction."""
    return tuple(browser.execute_script(  # type: ignore[return-value]
        "const root = document.querySelector('#page > div');"
        "return [document.documentElement.lang, document.documentElement.dir, root && root.dir];"))


def interface_texts(browser: webdriver.Chrome) -> list[str]:
    """The interface's words on screen, leaving out dropdowns (their values are data: an Arabic name is chosen)."""
    return browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".filter(e => !e.closest('[class*=dash-dropdown]') && e.innerText.trim()).map(e => e.innerText);",
        INTERFACE_TEXT)


def test_the_queries_page_in_english_then_switched_to_arabic(browser: webdriver.Chrome, dashboard_url: str,
                                                             artifacts: Path) -> None:
    browser.get(dashboard_url + "queries?name=person_contacts&type=call&ui=en")
    wait_for_text(browser, "qp-title", QUERY.title)
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#qp-table td")))
    wait_for_text(browser, "qp-summary", "rows")
    assert directions(browser) == ("en", "ltr", "ltr")
    assert browser.find_element(By.ID, "qp-description").text == QUERY.description
    # The library lists every query by its English title, and the form labels its parameters in English.
    listed = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".qp-option-title")]
    assert QUERY.title in listed and not any(arabic(title) for title in listed)
    shown = interface_texts(browser)
    assert "Run" in shown and "Saved queries" in shown and "whose meetings" in " ".join(shown)
    assert not [text for text in shown if arabic(text)], f"Arabic in the English interface: {shown}"
    assert browser.find_element(By.ID, "qp-share").get_attribute("href").endswith(
        "/queries?name=person_contacts&type=call&ui=en")
    browser.save_screenshot(str(artifacts / "queries-page-english.png"))

    switch = browser.find_element(By.ID, "lang-switch")
    assert switch.text == "العربية"
    switch.click()
    wait_for_text(browser, "qp-title", QUERY.title_in("ar"))
    assert directions(browser) == ("ar", "rtl", "rtl")
    # The same page and query, only the language changed.
    address = urlsplit(browser.current_url)
    assert (address.path, parse_qs(address.query)) == ("/queries", {"name": ["person_contacts"], "type": ["call"]})
    assert browser.find_element(By.ID, "qp-description").text == QUERY.description_in("ar")
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#qp-table td")))
    wait_for_text(browser, "qp-summary", "ث")
    assert browser.find_element(By.ID, "lang-switch").text == "English"
    assert browser.find_element(By.CSS_SELECTOR, "#qp-run").text == "تشغيل"
    browser.save_screenshot(str(artifacts / "queries-page-arabic.png"))


def test_the_corrections_page_in_english(browser: webdriver.Chrome, dashboard_url: str, samples_graph: Driver,
                                         neo4j_settings: Settings, artifacts: Path) -> None:
    from loader.corrections import reject

    junk = "person:shkr-rhn"  # «شكر روحاني»: the verb «thanked» taken for a first name
    correction = reject(samples_graph, neo4j_settings.database, junk, note="ليس اسمًا", user="amal")
    browser.get(dashboard_url + "corrections?ui=en")
    row = (By.XPATH, f"//tr[@data-correction='{correction.id}']")
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located(row))
    assert directions(browser) == ("en", "ltr", "ltr")
    headings = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#corrections-table th")]
    assert headings == ["Time", "Analyst", "Correction", "Nodes", "Reason", "State"]
    assert "Rejection" in browser.find_element(*row).text and "ليس اسمًا" in browser.find_element(*row).text
    toggle = browser.find_element(By.ID, "toggle-rejected")
    assert toggle.text == "Show the rejected nodes" and "ui=en" in toggle.get_attribute("href")
    toggle.click()
    item = (By.XPATH, f"//div[@id='rejected-nodes']//li[@data-node='{junk}']")
    WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located(item))
    assert "rejected by amal" in browser.find_element(*item).text
    shown = interface_texts(browser)
    assert not [text for text in shown if arabic(text)], f"Arabic in the English interface: {shown}"
    browser.save_screenshot(str(artifacts / "corrections-page-english.png"))
    browser.find_element(*item).find_element(By.TAG_NAME, "button").click()  # «Restore»: the undo, in English
    wait_for_text(browser, "corrections-page-message", f"Correction {correction.id} undone.")
