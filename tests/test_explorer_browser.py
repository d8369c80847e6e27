"""The explorer as an analyst uses it, in real headless Chromium against the real Neo4j with the samples."""

from __future__ import annotations

import csv
import io
import json
import struct
import time
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.view import LAYOUTS
from newsgraph.config import Settings
from tests.test_dashboard_browser import CY, CY_READY, stored_sentences, wait_for_graph

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

ERDOGAN = "person:recep-tayyip-erdogan"
PUTIN = "person:vladimir-putin"
ARABIC = range(0x0600, 0x0700)


def has_arabic(text: str) -> bool:
    return any(ord(ch) in ARABIC for ch in text)


def js(browser: webdriver.Chrome, script: str) -> Any:
    return browser.execute_script(script)


def node_ids(browser: webdriver.Chrome) -> set[str]:
    return set(js(browser, f"return {CY}.nodes().map(n => n.id())"))


def positions(browser: webdriver.Chrome) -> dict[str, tuple[float, float]]:
    return {i: (x, y) for i, x, y in js(browser, f"return {CY}.nodes().map(n => [n.id(), n.position().x, "
                                                 "n.position().y])")}


def settle(browser: webdriver.Chrome, timeout: float = 20) -> set[str]:
    """Wait until the canvas stops changing (same nodes for a moment) and return them."""
    deadline = time.monotonic() + timeout
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        ready = js(browser, f"return !!({CY_READY})")
        current = frozenset(node_ids(browser)) if ready else None
        if current != last:
            last, stable_since = current, time.monotonic()
        elif current and time.monotonic() - stable_since > 0.8:
            return set(current)
        time.sleep(0.15)
    raise AssertionError("the canvas never settled")


def tap(browser: webdriver.Chrome, node_id: str) -> None:
    assert js(browser, f"return {CY}.getElementById('{node_id}').length") == 1, f"{node_id} is not on the canvas"
    js(browser, f"{CY}.getElementById('{node_id}').emit('tap')")


def double_tap(browser: webdriver.Chrome, node_id: str) -> None:
    """A double click, as cytoscape.js reports it: two taps, then a double tap (which expands)."""
    tap(browser, node_id)
    WebDriverWait(browser, 10).until(lambda b: js(b, f"return !!{CY}.ngDoubleTap"), "double click never bound")
    js(browser, f"{CY}.getElementById('{node_id}').emit('tap').emit('dbltap')")


def open_menu(browser: webdriver.Chrome, menu_id: str) -> None:
    """Open a toolbar menu (its controls are hidden until then)."""
    if not browser.find_element(By.ID, menu_id).get_attribute("open"):
        browser.find_element(By.CSS_SELECTOR, f"#{menu_id} > summary").click()
    WebDriverWait(browser, 5).until(lambda b: b.find_element(By.ID, menu_id).get_attribute("open"))


def node_action(browser: webdriver.Chrome, action: str, node_id: str | None = None) -> None:
    """Click a button of the selected node's action bar (re-rendered as the canvas changes: retry if stale)."""
    owner = f"[@data-node='{node_id}']" if node_id else ""
    xpath = f"//div[@id='node-actions-bar']/div{owner}//button[contains(@id, '\"action\":\"{action}\"')]"
    for _ in range(5):
        button = WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable((By.XPATH, xpath)))
        try:
            button.click()
            return
        except StaleElementReferenceException:
            time.sleep(0.3)
    raise AssertionError(f"could not click the {action} button")


def wait_url(browser: webdriver.Chrome, fragment: str, present: bool = True) -> None:
    WebDriverWait(browser, 15).until(lambda b: (fragment in b.current_url) == present)


def search_and_pick(browser: webdriver.Chrome, typed: str, option_text: str) -> None:
    browser.find_element(By.ID, "search").click()
    box = WebDriverWait(browser, 10).until(
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, "input.dash-dropdown-search")))
    box.send_keys(typed)
    WebDriverWait(browser, 15).until(expected_conditions.element_to_be_clickable(
        (By.XPATH, f"//*[@role='option'][contains(., '{option_text}')]"))).click()


def downloads(browser: webdriver.Chrome, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def wait_file(folder: Path, suffix: str, timeout: float = 20) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in folder.iterdir() if p.name.endswith(suffix) and not p.name.endswith(".crdownload")]
        if found and found[0].stat().st_size > 0:
            time.sleep(0.2)
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} file was downloaded into {folder}")


def png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Decode a PNG's header and inflate its image data (proves the file is a whole, valid PNG)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = height = 0
    idat = b""
    offset = 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunk = data[offset + 8:offset + 8 + length]
        crc = struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])[0]
        assert zlib.crc32(kind + chunk) == crc, f"bad CRC in {kind!r}"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        offset += 12 + length
    return width, height, zlib.decompress(idat)


def test_search_expand_evidence_export_and_share(browser: webdriver.Chrome, dashboard_url: str,
                                                 artifacts: Path, tmp_path: Path, driver: Driver,
                                                 neo4j_settings: Settings) -> None:
    """The issue's walk-through: search typed without hamza → expand → evidence → every export → shared URL."""
    wait_for_graph(browser, dashboard_url)
    search_and_pick(browser, "اردوغان", "Erdogan")
    wait_url(browser, f"focus={ERDOGAN}")
    first = settle(browser)
    assert ERDOGAN in first and PUTIN in first
    before = positions(browser)

    double_tap(browser, PUTIN)  # a double click expands a collapsed node
    wait_url(browser, f"expand={PUTIN}")
    grown = settle(browser)
    assert first < grown, "expanding Putin brought no new node"
    after = positions(browser)
    # Positions stay stable when the graph grows: nodes already on screen do not move relative to each other.
    anchor = before[ERDOGAN]
    drift = [abs((after[n][0] - after[ERDOGAN][0]) - (before[n][0] - anchor[0]))
             + abs((after[n][1] - after[ERDOGAN][1]) - (before[n][1] - anchor[1])) for n in first]
    assert max(drift) < 1.0
    WebDriverWait(browser, 15).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "details-title"), "بوتين"))
    assert "طيّ" in browser.find_element(By.ID, "node-actions-bar").text  # expanded: it can collapse
    browser.save_screenshot(str(artifacts / "explorer-expanded.png"))

    # A meeting's details: its evidence sentences, with the parties marked inside them.
    meeting = js(browser, f"const erdogan = {CY}.getElementById('{ERDOGAN}');"
                          f"return {CY}.getElementById('{PUTIN}').neighborhood('node[label = \"Meeting\"]')"
                          ".filter(m => m.edgesWith(erdogan).length > 0)[0].id()")
    tap(browser, meeting)
    WebDriverWait(browser, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#details .ng-evidence mark.ng-party")))
    sentences = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#details .ng-evidence")]
    assert sorted(sentences) == stored_sentences(driver, neo4j_settings, meeting)
    marked = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#details .ng-evidence mark.ng-party")]
    assert any("أردوغان" in text or "بوتين" in text for text in marked), marked
    facts = browser.find_element(By.ID, "meeting-facts").text
    assert "التاريخ" in facts and "المكان" in facts and "التقارير" in facts
    article_link = browser.find_element(By.CSS_SELECTOR, "#details a.ng-article-link").get_attribute("href")
    assert "/article?" in article_link
    js(browser, "document.querySelector('#details .ng-report').scrollIntoView()")
    browser.save_screenshot(str(artifacts / "explorer-meeting-evidence.png"))

    # Every export format, from the same view.
    folder = downloads(browser, tmp_path / "downloads")
    on_screen = node_ids(browser)
    edges_on_screen = js(browser, f"return {CY}.edges().length")
    files: dict[str, Path] = {}
    for kind, suffix in (("png", ".png"), ("jpg", ".jpg"), ("svg", ".svg"), ("json", ".json"),
                         ("graphml", ".graphml"), ("nodes-csv", ".nodes.csv"), ("edges-csv", ".edges.csv")):
        open_menu(browser, "menu-export")
        browser.find_element(By.ID, f"export-{kind}").click()
        files[kind] = wait_file(folder, suffix)
        (artifacts / f"export{suffix}").write_bytes(files[kind].read_bytes())

    width, height, pixels = png_size_and_pixels(files["png"].read_bytes())
    assert width > 200 and height > 200 and len(pixels) > width * height
    jpg = files["jpg"].read_bytes()
    assert jpg[:3] == b"\xff\xd8\xff" and jpg[-2:] == b"\xff\xd9"
    svg = ET.parse(files["svg"]).getroot()
    assert svg.tag.endswith("svg")
    svg_text = " ".join(t.text or "" for t in svg.iter() if t.tag.endswith("text"))
    assert "أردوغان" in svg_text, "the SVG does not carry the Arabic labels as text"
    exported = json.loads(files["json"].read_text(encoding="utf-8"))
    assert {n["id"] for n in exported["nodes"]} == on_screen and len(exported["edges"]) == edges_on_screen
    graphml = ET.parse(files["graphml"]).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert {n.get("id") for n in graphml.findall(".//g:node", ns)} == on_screen
    assert len(graphml.findall(".//g:edge", ns)) == edges_on_screen
    assert any(has_arabic(d.text or "") for d in graphml.findall(".//g:data", ns))
    nodes_csv = list(csv.DictReader(io.StringIO(files["nodes-csv"].read_text(encoding="utf-8-sig"))))
    assert {row["id"] for row in nodes_csv} == on_screen
    edges_csv = list(csv.DictReader(io.StringIO(files["edges-csv"].read_text(encoding="utf-8-sig"))))
    assert len(edges_csv) == edges_on_screen and {"source", "target", "type"} <= set(edges_csv[0])

    # The URL reproduces the view in a fresh page.
    shared = browser.current_url
    assert "password" not in shared.lower() and "neo4j" not in shared.lower()
    browser.get("about:blank")
    browser.get(shared)
    assert settle(browser) == on_screen


def test_show_more_collapse_hide_and_pin(browser: webdriver.Chrome, dashboard_url: str,
                                        artifacts: Path) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={ERDOGAN}")
    settle(browser)
    double_tap(browser, PUTIN)
    wait_url(browser, f"expand={PUTIN}")
    expanded = settle(browser)
    bar = WebDriverWait(browser, 15).until(lambda b: b.find_element(By.ID, "node-actions-bar").text)
    assert "اعرض المزيد" in bar
    more_button = browser.find_element(By.XPATH, "//button[contains(@id, '\"action\":\"more\"')]")
    if more_button.is_enabled():  # Putin has more meetings than one page in the samples
        more_button.click()
        wait_url(browser, f"{PUTIN}~2")
        assert settle(browser) > expanded
    node_action(browser, "collapse")
    wait_url(browser, f"expand={PUTIN}", present=False)
    collapsed = settle(browser)
    assert len(collapsed) < len(expanded)
    assert PUTIN in collapsed

    node_action(browser, "pin")
    wait_url(browser, f"pin={PUTIN}")
    WebDriverWait(browser, 10).until(lambda b: js(b, f"return {CY}.getElementById('{PUTIN}').locked()"))

    node_action(browser, "hide")
    wait_url(browser, f"hide={PUTIN}")
    assert PUTIN not in settle(browser)
    open_menu(browser, "menu-view")
    browser.find_element(By.ID, "unhide").click()
    wait_url(browser, "hide=", present=False)
    assert PUTIN in settle(browser)


def test_path_between_two_nodes_is_highlighted_and_the_rest_dimmed(browser: webdriver.Chrome,
                                                                   dashboard_url: str, artifacts: Path) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={ERDOGAN}")
    settle(browser)
    tap(browser, ERDOGAN)
    node_action(browser, "path_start", ERDOGAN)
    WebDriverWait(browser, 10).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "canvas-message"), "بداية المسار"))
    far = js(browser, f"const e = {CY}.getElementById('{ERDOGAN}');"
                      f"return {CY}.nodes('[label = \"Country\"]').filter(c => c.edgesWith(e).length === 0)[0].id()")
    tap(browser, far)
    node_action(browser, "path_end", far)
    wait_url(browser, f"path={ERDOGAN},{far}")
    settle(browser)
    WebDriverWait(browser, 15).until(lambda b: js(b, f"return {CY}.nodes('.on-path').length") >= 3)
    on_path = js(browser, f"return {CY}.nodes('.on-path').map(n => n.id())")
    assert ERDOGAN in on_path and far in on_path
    assert js(browser, f"return {CY}.edges('.on-path').length") >= len(on_path) - 1
    dimmed = js(browser, f"return {CY}.nodes('.dimmed').length")
    assert dimmed > 0 and js(browser, f"return {CY}.nodes('.dimmed.on-path').length") == 0
    browser.save_screenshot(str(artifacts / "explorer-path.png"))
    open_menu(browser, "menu-path")
    browser.find_element(By.ID, "path-clear").click()
    wait_url(browser, "path=", present=False)
    WebDriverWait(browser, 10).until(lambda b: js(b, f"return {CY}.nodes('.dimmed').length") == 0)


def test_filters_language_layouts_and_back_button(browser: webdriver.Chrome, dashboard_url: str,
                                                  artifacts: Path) -> None:
    wait_for_graph(browser, dashboard_url)
    settle(browser)
    assert js(browser, f"return {CY}.nodes('[type = \"call\"]').length") > 0
    open_menu(browser, "menu-filters")
    browser.find_element(By.XPATH, "//div[@id='filter-types']//input[@value='call']").click()
    wait_url(browser, "types=")
    WebDriverWait(browser, 15).until(lambda b: js(b, f"return {CY}.nodes('[type = \"call\"]').length") == 0)
    assert js(browser, f"return {CY}.nodes('[label = \"Meeting\"]').length") > 0

    browser.find_element(By.XPATH, "//div[@id='filter-labels']//input[@value='Place']").click()
    wait_url(browser, "labels=")
    WebDriverWait(browser, 15).until(lambda b: js(b, f"return {CY}.nodes('[label = \"Place\"]').length") == 0)

    # Latin labels: the canvas shows English names / transliterations.
    open_menu(browser, "menu-view")
    browser.find_element(By.XPATH, "//div[@id='lang']//input[@value='latin']").click()
    wait_url(browser, "lang=latin")
    WebDriverWait(browser, 15).until(lambda b: not has_arabic(
        js(b, f"return {CY}.nodes('[label = \"Person\"]')[0].style('label')")))

    # The browser's Back button undoes the last change.
    browser.back()
    wait_url(browser, "lang=latin", present=False)
    WebDriverWait(browser, 15).until(lambda b: has_arabic(
        js(b, f"return {CY}.nodes('[label = \"Person\"]')[0].style('label')")))
    # …and the controls follow the view they came back to.
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.XPATH, "//div[@id='lang']//input[@value='ar']").is_selected())
    assert not browser.find_element(By.XPATH, "//div[@id='filter-types']//input[@value='call']").is_selected()
    browser.find_element(By.ID, "reset").click()  # "start over" clears the filters, in the view and the controls
    wait_url(browser, "types=", present=False)
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.XPATH, "//div[@id='filter-types']//input[@value='call']").is_selected())

    # The layout menu re-lays the canvas out…
    open_menu(browser, "menu-view")
    browser.find_element(By.ID, "layout-select").click()
    WebDriverWait(browser, 10).until(expected_conditions.element_to_be_clickable(
        (By.XPATH, "//*[contains(@class,'dash-dropdown-options')]//*[@role='option'][contains(., 'دائرة')]"))).click()
    wait_url(browser, "layout=circle")
    settle(browser)
    # …and every layout, restored from a URL, spreads the nodes out without a browser error.
    for name in LAYOUTS:
        browser.get(dashboard_url + f"?layout={name}")
        settle(browser)
        spread = js(browser, f"const b = {CY}.nodes().boundingBox(); return [b.w, b.h]")
        assert spread[0] > 50 and spread[1] > 50, f"{name} left the nodes piled up"
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_timeline_and_canvas_select_each_other(browser: webdriver.Chrome, dashboard_url: str,
                                               artifacts: Path) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={PUTIN}")
    settle(browser)
    points = WebDriverWait(browser, 15).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#timeline .subplot.xy .scatterlayer .point"))
    dated = js(browser, f"return {CY}.nodes('[label = \"Meeting\"][date]').length")
    assert len(points) == dated > 0
    # Undated meetings stand apart, in their own column.
    undated = js(browser, f"return {CY}.nodes('[label = \"Meeting\"][^date]').length")
    assert undated > 0, "the samples put an undated meeting of Putin's on this canvas"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline .subplot.x2y2 .scatterlayer .point")) == undated
    # A click on the timeline (Plotly picks the point under the pointer on hover) selects the meeting on the
    # canvas and shows its details.
    ActionChains(browser).move_to_element(points[0]).pause(0.5).click().perform()
    WebDriverWait(browser, 15).until(lambda b: js(b, f"return {CY}.nodes(':selected').length") == 1)
    assert js(browser, f"return {CY}.nodes(':selected')[0].data('label')") == "Meeting"
    WebDriverWait(browser, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#details .ng-evidence")))
    # …and a meeting tapped on the canvas is highlighted on the timeline.
    other = js(browser, f"return {CY}.nodes('[label = \"Meeting\"][date]').filter(m => !m.selected())[0].id()")
    tap(browser, other)
    WebDriverWait(browser, 15).until(lambda b: js(
        b, "const d = document.getElementById('timeline').querySelector('.js-plotly-plot') || "
           "document.querySelector('#timeline .js-plotly-plot'); "
           "return d && d.data && d.data[0].selectedpoints ? d.data[0].customdata[d.data[0].selectedpoints[0]] : null")
        == other)
    browser.save_screenshot(str(artifacts / "explorer-timeline.png"))


def test_budget_caps_the_canvas_with_a_clear_message(browser: webdriver.Chrome, dashboard_url: str) -> None:
    wait_for_graph(browser, dashboard_url + "?budget=20")
    shown = settle(browser)
    assert len(shown) == 20
    message = browser.find_element(By.ID, "budget-message").text
    assert "20" in message and "حد" in message


def test_article_page_marks_the_evidence_in_the_full_text(browser: webdriver.Chrome, dashboard_url: str,
                                                          driver: Driver, neo4j_settings: Settings) -> None:
    records, _, _ = driver.execute_query(
        "MATCH (m:Meeting)-[r:REPORTED_IN]->(a:Article) RETURN m.id AS meeting, a.id AS article, r.sentences AS s "
        "LIMIT 1", database_=neo4j_settings.database)
    row = records[0]
    browser.get(dashboard_url + "article?" + urlencode({"id": row["article"], "meeting": row["meeting"]}))
    WebDriverWait(browser, 15).until(expected_conditions.presence_of_element_located((By.ID, "article-text")))
    marked = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#article-text .ng-evidence-inline")]
    assert marked == list(row["s"])
    assert browser.find_elements(By.CSS_SELECTOR, "#article-text mark.ng-entity")
