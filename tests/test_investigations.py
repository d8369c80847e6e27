"""Saved investigations against the real Neo4j and in real headless Chromium: saved from the explorer, listed on
/investigations, reopened by the short URL in a fresh browser with the same nodes; the bundle holds the data and a
picture of the subgraph with its Arabic names; unknown tokens are 404; sign-in guards the short URLs."""

from __future__ import annotations

import base64
import io
import json
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.security import generate_password_hash

from dashboard.view import decode
from newsgraph import investigations
from newsgraph.config import Settings
from newsgraph.investigations import InvestigationError
from newsgraph.notes import add_note
from tests.conftest import start_chrome
from tests.test_dashboard_browser import wait_for_graph
from tests.test_explorer_browser import png_size_and_pixels, settle

pytestmark = pytest.mark.neo4j

PUTIN = "person:vladimir-putin"
VIEW = f"?focus={PUTIN}&types=call,meeting,talks,visit,summit"


@pytest.fixture
def graph(samples_graph: Driver, neo4j_settings: Settings) -> Driver:
    samples_graph.execute_query("MATCH (n:Investigation|Note) DETACH DELETE n", database_=neo4j_settings.database)
    return samples_graph


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a GET, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_save_list_update_and_delete_by_the_author_only(graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    saved = investigations.save(graph, db, "  بوتين   والمكالمات ", VIEW + "&bogus=1&hide=not-an-id&budget=abc",
                                "ملاحظة\nأولى", "amal")
    assert investigations.is_token(saved.id) and saved.url == f"/i/{saved.id}"
    assert saved.title == "بوتين والمكالمات"
    # Stored as the explorer writes the view: what its parser cannot read is gone, the rest means the same.
    assert saved.search == "?focus=person:vladimir-putin&types=call,meeting,visit,talks,summit"
    assert decode(saved.search) == decode(VIEW)
    assert investigations.get(graph, db, saved.id) == saved
    other = investigations.save(graph, db, "نظرة عامة", "", "", "omar")
    assert other.search == "" and other.explorer_url == "/"
    assert [i.id for i in investigations.list_all(graph, db)] == [other.id, saved.id]

    with pytest.raises(InvestigationError):
        investigations.update(graph, db, saved.id, "omar", title="ليس له")
    with pytest.raises(InvestigationError):
        investigations.delete(graph, db, saved.id, "omar")
    changed = investigations.update(graph, db, saved.id, "amal", notes="ملاحظة معدلة", search="?focus=country:RU")
    assert (changed.title, changed.notes, changed.search, changed.at) == (saved.title, "ملاحظة معدلة",
                                                                         "?focus=country:RU", saved.at)
    assert changed.updated > saved.updated
    assert [i.id for i in investigations.list_all(graph, db)] == [saved.id, other.id]
    investigations.delete(graph, db, saved.id, "amal")
    assert investigations.get(graph, db, saved.id) is None
    for bad in ("", "../../etc", "x" * 9, "abc def!", "' OR 1=1"):
        assert investigations.get(graph, db, bad) is None


@pytest.mark.parametrize(("title", "notes"), [("", ""), ("   ", ""), ("ع" * 201, ""), ("عنوان", "ن" * 5001)])
def test_a_bad_title_or_notes_is_refused(graph: Driver, neo4j_settings: Settings, title: str, notes: str) -> None:
    with pytest.raises(InvestigationError):
        investigations.save(graph, neo4j_settings.database, title, VIEW, notes, "amal")
    assert investigations.list_all(graph, neo4j_settings.database) == []


def test_the_bundle_has_the_view_the_subgraph_the_notes_and_pictures_with_arabic_names(
        graph: Driver, neo4j_settings: Settings, dashboard_url: str, artifacts: Path) -> None:
    db = neo4j_settings.database
    note = add_note(graph, db, PUTIN, "ملاحظة على بوتين تنتقل مع الحزمة", "amal")
    saved = investigations.save(graph, db, "مكالمات بوتين", VIEW, "ما يجمع هذه اللقاءات", "amal")
    status, headers, body = fetch(dashboard_url + f"i/{saved.id}/bundle.zip")
    assert status == 200 and headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert {"investigation.json", "subgraph.svg"} <= set(archive.namelist())
    document = json.loads(archive.read("investigation.json"))
    assert (document["title"], document["notes"], document["user"]) == ("مكالمات بوتين", "ما يجمع هذه اللقاءات",
                                                                         "amal")
    assert document["url"] == dashboard_url + f"i/{saved.id}"
    assert document["explorer_url"] == dashboard_url + saved.search.lstrip("/")
    assert document["view"]["focus"] == [PUTIN] and "call" in document["view"]["types"]
    nodes = {node["id"]: node for node in document["nodes"]}
    assert PUTIN in nodes and len(nodes) > 3 and document["edges"]
    assert all(edge["source"] in nodes and edge["target"] in nodes for edge in document["edges"])
    assert [n["id"] for n in nodes[PUTIN]["notes"]] == [note.id] and nodes[PUTIN]["name"]
    svg = archive.read("subgraph.svg").decode("utf-8")
    (artifacts / "investigation-subgraph.svg").write_text(svg, encoding="utf-8")
    for node in nodes.values():
        if node["label"] != "Meeting":
            assert f">{node['name']}</text>" in svg, f"{node['name']} is not drawn"
    assert 'direction="rtl"' in svg and "Noto Sans Arabic" in svg
    if "subgraph.png" in archive.namelist():  # cairosvg is a project dependency; Cairo is a system library
        png = archive.read("subgraph.png")
        (artifacts / "investigation-subgraph.png").write_bytes(png)
        width, height, _ = png_size_and_pixels(png)
        assert width > 200 and height > 200


def test_unknown_or_malformed_tokens_are_404(dashboard_url: str, graph: Driver) -> None:
    for path in ("i/abcdefgh", "i/abcdefgh/bundle.zip", "i/abc", "i/abcdefghi", "i/%27%20OR%201%3D1"):
        status, _, _ = fetch(dashboard_url + path)
        assert status == 404, path


def test_sign_in_guards_the_short_url_and_the_bundle(graph: Driver, neo4j_settings: Settings) -> None:
    from dashboard.serve import build_server

    saved = investigations.save(graph, neo4j_settings.database, "محمي", VIEW, "", "amal")
    server = build_server(neo4j_settings, ["localhost"], {"amal": generate_password_hash("a-long-password")})
    client = server.test_client()
    for path in (f"/i/{saved.id}", f"/i/{saved.id}/bundle.zip", "/i/abcdefgh", "/investigations"):
        assert client.get(path).status_code == 401, path
    good = {"Authorization": "Basic " + base64.b64encode(b"amal:a-long-password").decode()}
    response = client.get(f"/i/{saved.id}", headers=good)
    assert response.status_code == 302 and response.headers["Location"] == "/" + saved.search


@pytest.mark.browser
def test_an_investigation_saved_is_listed_and_reopens_in_a_fresh_browser(
        browser: webdriver.Chrome, dashboard_url: str, graph: Driver, neo4j_settings: Settings,
        artifacts: Path) -> None:
    wait_for_graph(browser, dashboard_url + VIEW)
    shown = settle(browser)
    browser.find_element(By.CSS_SELECTOR, "#investigation-save-block > summary").click()
    title = WebDriverWait(browser, 10).until(expected_conditions.visibility_of_element_located(
        (By.ID, "investigation-title")))
    title.send_keys("مكالمات بوتين ولقاءاته")
    browser.find_element(By.ID, "investigation-notes").send_keys("ما الذي تغير بعد مؤتمر سوتشي؟")
    browser.find_element(By.ID, "investigation-save").click()
    link = WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located(
        (By.ID, "investigation-link")))
    token = link.get_attribute("data-token")
    assert urlsplit(link.get_attribute("href")).path == f"/i/{token}"
    [stored] = investigations.list_all(graph, neo4j_settings.database)
    assert (stored.id, stored.user, stored.notes) == (token, "dashboard", "ما الذي تغير بعد مؤتمر سوتشي؟")
    assert decode(stored.search) == decode(VIEW)

    browser.get(dashboard_url + "investigations")
    row = WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located(
        (By.XPATH, f"//tr[@data-investigation='{token}']")))
    assert "مكالمات بوتين ولقاءاته" in row.text and "dashboard" in row.text and "سوتشي" in row.text
    assert row.find_element(By.CLASS_NAME, "ng-investigation-link").get_attribute("href").endswith(f"/i/{token}")
    assert row.find_element(By.CLASS_NAME, "ng-bundle-link").get_attribute("href").endswith(
        f"/i/{token}/bundle.zip")
    browser.save_screenshot(str(artifacts / "investigations-page.png"))

    fresh = start_chrome()  # no history, storage or cookies from the browser that saved it
    try:
        wait_for_graph(fresh, dashboard_url + f"i/{token}")
        assert decode(urlsplit(fresh.current_url).query) == decode(VIEW)
        WebDriverWait(fresh, 30).until(lambda b: settle(b) == shown)
        fresh.save_screenshot(str(artifacts / "investigation-reopened.png"))
    finally:
        fresh.quit()
