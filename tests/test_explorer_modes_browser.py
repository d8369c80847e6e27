"""The explorer's modes in real headless Chromium against the sample corpus: meetings as links (edge mode),
the map, the interface language, the undated toggle with undo/redo, and incremental drawing (an expansion
sends a delta, and the canvas it leaves is the one a fresh load of the same view draws).
"""

from __future__ import annotations

import json

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.test_dashboard_browser import CY, wait_for_graph
from tests.test_explorer_browser import PUTIN, double_tap, js, node_action, settle, tap, wait_url

pytestmark = [pytest.mark.neo4j, pytest.mark.browser]

ERDOGAN = "person:recep-tayyip-erdogan"

# Records, per Dash callback response, whether the canvas's elements came as a patch or a whole list.
RECORD_ELEMENTS = r"""
window.__elements = [];
const originalFetch = window.fetch.bind(window);
window.fetch = function(resource, init) {
  const url = typeof resource === 'string' ? resource : (resource && resource.url) || '';
  const promise = originalFetch(resource, init);
  if (url.indexOf('_dash-update-component') < 0) { return promise; }
  return promise.then((response) => {
    response.clone().json().then((body) => {
      const change = ((body.response || {})['canvas-change'] || {}).data;
      if (change && change.delta) {
        window.__elements.push(change.delta.full ? 'full:' + change.delta.upsert.length
                               : 'delta:' + change.delta.upsert.length + '-' + change.delta.remove.length);
      }
    }).catch(() => {});
    return response;
  });
};
"""

CANVAS_STATE = f"""
return {CY}.elements().map(e => [e.id(), e.classes().filter(c => !c.startsWith('cy-')).sort().join(' '),
                                   JSON.stringify(e.data())]).sort();
"""


def test_edge_mode_draws_meetings_as_links_and_one_comes_back_as_a_node(browser: webdriver.Chrome,
                                                                         dashboard_url: str) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={PUTIN}&mode=edges")
    settle(browser)
    links = js(browser, f"return {CY}.edges('[type = \"MET\"]').map(e => [e.id(), e.data('meetings')])")
    assert links, "Putin's calls are drawn as links between the parties"
    # No two-party meeting stays a node: each became a link between its parties.
    small = js(browser, f"return {CY}.nodes('[label = \"Meeting\"]').filter(m => "
                        "m.incomers('node').length === 2).length")
    assert small == 0
    assert browser.find_element(By.XPATH, "//div[@id='mode']//input[@value='edges']").is_selected()
    # A click on a link opens its meeting (with its evidence) and offers to draw it as a node.
    edge_id, meetings = links[0]
    js(browser, f"{CY}.getElementById('{edge_id}').emit('tap')")
    WebDriverWait(browser, 15).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#details .ng-evidence")))
    node_action(browser, "unfold")
    wait_url(browser, meetings[0])
    WebDriverWait(browser, 15).until(lambda b: js(b, f"return {CY}.getElementById('{meetings[0]}').length") == 1)


def test_undated_toggle_with_undo_and_redo(browser: webdriver.Chrome, dashboard_url: str) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={PUTIN}")
    settle(browser)
    undated = f"return {CY}.nodes('[label = \"Meeting\"][^date]').length"
    assert js(browser, undated) > 0
    label = browser.find_element(By.ID, "undated").text
    assert "(12)" in label, label  # the sample graph's undated meetings, counted where the toggle is
    browser.find_element(By.XPATH, "//div[@id='undated']//input").click()
    wait_url(browser, "undated=0")
    WebDriverWait(browser, 15).until(lambda b: js(b, undated) == 0)
    browser.find_element(By.ID, "undo").click()
    wait_url(browser, "undated=0", present=False)
    WebDriverWait(browser, 15).until(lambda b: js(b, undated) > 0)
    WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.XPATH, "//div[@id='undated']//input").is_selected())  # the control follows
    browser.find_element(By.ID, "redo").click()
    wait_url(browser, "undated=0")
    WebDriverWait(browser, 15).until(lambda b: js(b, undated) == 0)
    assert browser.find_element(By.ID, "redo").get_attribute("disabled")


def test_an_expansion_sends_a_patch_and_leaves_the_canvas_a_fresh_load_draws(browser: webdriver.Chrome,
                                                                             dashboard_url: str) -> None:
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_ELEMENTS})
    wait_for_graph(browser, dashboard_url + f"?focus={ERDOGAN}")
    settle(browser)
    double_tap(browser, PUTIN)
    wait_url(browser, f"expand={PUTIN}")
    settle(browser)
    tap(browser, PUTIN)
    node_action(browser, "collapse", PUTIN)
    wait_url(browser, f"expand={PUTIN}", present=False)
    settle(browser)
    double_tap(browser, PUTIN)
    wait_url(browser, f"expand={PUTIN}")
    settle(browser)
    sent = js(browser, "return window.__elements")
    on_screen = js(browser, f"return {CY}.elements().length")
    # After the first draw, changes only: each expansion sends what it adds, far less than the canvas.
    assert sent[0].startswith("full:") and len(sent) >= 4, sent
    deltas = [item for item in sent[1:] if item.startswith("delta:")]
    assert len(deltas) >= 2, sent
    assert all(int(item.split(":")[1].split("-")[0]) < on_screen for item in deltas), (sent, on_screen)
    url = browser.current_url
    incremental = js(browser, CANVAS_STATE)
    browser.get("about:blank")
    wait_for_graph(browser, url)
    settle(browser)
    fresh = js(browser, CANVAS_STATE)
    assert [row[:2] for row in incremental] == [row[:2] for row in fresh]  # same elements, same classes
    assert [json.loads(row[2]) for row in incremental] == [json.loads(row[2]) for row in fresh]


def test_english_interface_and_the_map_selects_a_meeting(browser: webdriver.Chrome, dashboard_url: str,
                                                         artifacts: object) -> None:
    wait_for_graph(browser, dashboard_url + f"?focus={PUTIN}&ui=en")
    settle(browser)
    page = browser.find_element(By.CSS_SELECTOR, ".ng-explorer")
    assert page.get_attribute("dir") == "ltr" and page.get_attribute("lang") == "en"
    assert browser.find_element(By.CSS_SELECTOR, "#menu-filters > summary").text == "Filters"
    assert "nodes" in browser.find_element(By.ID, "node-count").text
    label = js(browser, f"return {CY}.getElementById('{PUTIN}').style('label')")
    assert label and not any("\u0600" <= ch <= "\u06ff" for ch in label)  # names in Latin script
    switch = browser.find_element(By.ID, "lang-switch")
    assert switch.text == "العربية" and f"focus={PUTIN}" in switch.get_attribute("href")

    # The map shows the meetings on the canvas; a click on a marker selects that meeting.
    WebDriverWait(browser, 30).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#map .scattergeo.trace path.point"))
    marker = browser.find_elements(By.CSS_SELECTOR, "#map .scattergeo.trace path.point")[0]
    ActionChains(browser).move_to_element(marker).perform()
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#map .hoverlayer .hovertext"))
    ActionChains(browser).click().perform()
    WebDriverWait(browser, 15).until(lambda b: js(b, f"return {CY}.nodes(':selected').length") == 1)
    assert js(browser, f"return {CY}.nodes(':selected')[0].data('label')") == "Meeting"

    switch = browser.find_element(By.ID, "lang-switch")
    switch.click()
    WebDriverWait(browser, 30).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".ng-explorer").get_attribute("dir") == "rtl")
    assert "ui=en" not in browser.current_url and f"focus={PUTIN}" in browser.current_url
    assert browser.find_element(By.CSS_SELECTOR, "#menu-filters > summary").text == "المرشحات"
