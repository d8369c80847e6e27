"""Saved and ad-hoc Cypher queries against the real Neo4j loaded with the sample corpus: the library, typed
parameters, read-only transactions, the timeout, the CLI and the /queries page."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from neo4j import Driver

from newsgraph.config import Settings
from newsgraph.saved_queries import (
    QUERIES_DIR,
    WRITE_MESSAGE,
    QueryError,
    QueryFileError,
    load_library,
    parse_query,
    run_cypher,
    run_saved,
)
from tests.test_cli import newsgraph

pytestmark = pytest.mark.neo4j

LIBRARY = load_library()


def node_count(driver: Driver, database: str) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"]


def cli_env(settings: Settings) -> dict[str, str]:
    return {"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password,
            "NEO4J_DATABASE": settings.database}


# -- the library ----------------------------------------------------------------------------------


def test_the_library_has_at_least_twelve_documented_queries() -> None:
    assert len(LIBRARY) >= 12
    for name, saved in LIBRARY.items():
        assert saved.path == QUERIES_DIR / f"{name}.cypher"
        assert saved.title and saved.description and saved.returns in ("graph", "table")
        saved.bind({})  # every parameter has a valid default


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_saved_query_runs_with_its_defaults_and_returns_what_its_header_promises(
        samples_graph: Driver, neo4j_settings: Settings, name: str) -> None:
    saved = LIBRARY[name]
    result = run_saved(samples_graph, neo4j_settings.database, saved)
    assert result.rows, f"{name} returned no rows on the sample corpus"
    assert all(len(row) == len(result.columns) for row in result.rows)
    json.dumps(result.rows)  # plain Python values only
    if saved.returns == "graph":
        assert result.nodes, f"{name} promises a graph but returned no nodes"
        assert result.relationships, f"{name} promises a graph but returned no relationships"
        for rel in result.relationships.values():
            assert rel["start"] in result.nodes and rel["end"] in result.nodes
        for node in result.nodes.values():
            assert {"id", "labels", "properties"} <= set(node)
    else:
        assert not result.nodes, f"{name} promises a table but returned nodes"


def test_specific_results_match_the_sample_corpus(samples_graph: Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.database
    common = run_saved(samples_graph, db, LIBRARY["common_contacts"])
    people = {row[4]["id"] for row in common.rows}
    assert {"person:donald-trump", "person:hassan-rouhani"} <= people
    calls = run_saved(samples_graph, db, LIBRARY["person_contacts"], {"type": "call"})
    assert {row[2]["properties"]["type"] for row in calls.rows} == {"call"}
    reports = run_saved(samples_graph, db, LIBRARY["meeting_reports"])
    published = [row[0] for row in reports.rows]
    assert published == sorted(published)
    paths = run_saved(samples_graph, db, LIBRARY["shortest_paths"], {"max_length": "2"})
    assert paths.rows == []  # Erdoğan and Xi are four steps apart in the samples


# -- parameters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "params", "message"), [
    ("person_contacts", {"from": "2018-13-01"}, "parameter 'from': '2018-13-01' is not a date (YYYY-MM-DD)"),
    ("person_contacts", {"from": "yesterday"}, "parameter 'from': 'yesterday' is not a date (YYYY-MM-DD)"),
    ("person_contacts", {"limit": "ten"}, "parameter 'limit': 'ten' is not a whole number"),
    ("person_contacts", {"type": "lunch"}, "parameter 'type': 'lunch' is not one of any, call"),
    ("person_contacts", {"person": "country:RU"}, "parameter 'person': 'country:RU' is not a Person id"),
    ("person_contacts", {"colour": "red"}, "query 'person_contacts' has no parameter 'colour'"),
    ("co_mentions", {"x": "putin"}, "parameter 'x': 'putin' is not an entity id"),
])
def test_invalid_parameters_give_clear_errors(name: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError) as error:
        LIBRARY[name].bind(params)
    assert message in str(error.value)


@pytest.mark.parametrize(("text", "message"), [
    ("// description: no title\nRETURN 1", "bad.cypher:1: the header has no '// title: …' line"),
    ("// title: T\n// param n: number = 1\nRETURN $n", "bad.cypher:2: parameter 'n' has unknown type 'number'"),
    ("// title: T\n// param d: date = 2018-02-30\nRETURN $d", "bad.cypher:2: bad default: parameter 'd'"),
    ("// title: T\n// colour: red\nRETURN 1", "bad.cypher:2: unknown header key 'colour'"),
    ("// title: T\nMATCH (n)\nRETURN $missing", "bad.cypher:3: $missing is not a declared parameter"),
    ("// title: T\n", "the query has no Cypher body"),
])
def test_a_bad_header_names_the_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "bad.cypher").write_text(text, encoding="utf-8")
    with pytest.raises(QueryFileError) as error:
        load_library(tmp_path)
    assert message in str(error.value)
    assert str(tmp_path / "bad.cypher") in str(error.value)


def test_a_required_parameter_without_default_must_be_given() -> None:
    saved = parse_query("// title: T\n// param who: entity Person\nMATCH (p {id: $who}) RETURN p", "t")
    with pytest.raises(ValueError, match="parameter 'who' is required"):
        saved.bind({})
    assert saved.bind({"who": "person:vladimir-putin"}) == {"who": "person:vladimir-putin"}


# -- safety ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("cypher", [
    "CREATE (n:Intruder {id: 'x'}) RETURN n",
    "MATCH (n:Article) DETACH DELETE n",
    "MERGE (n:Person {id: 'person:nobody'}) RETURN n",
    "MATCH (p:Person) SET p.name = 'x' RETURN count(p)",
])
def test_ad_hoc_writes_are_rejected_and_the_database_is_unchanged(
        samples_graph: Driver, neo4j_settings: Settings, cypher: str) -> None:
    before = node_count(samples_graph, neo4j_settings.database)
    with pytest.raises(QueryError) as error:
        run_cypher(samples_graph, neo4j_settings.database, cypher)
    assert str(error.value) == WRITE_MESSAGE
    assert node_count(samples_graph, neo4j_settings.database) == before
    changed = samples_graph.execute_query("MATCH (p:Person {name: 'x'}) RETURN count(p) AS n",
                                          database_=neo4j_settings.database).records[0]["n"]
    assert changed == 0


def test_a_saved_query_file_that_writes_is_rejected(samples_graph: Driver, neo4j_settings: Settings,
                                                    tmp_path: Path) -> None:
    (tmp_path / "sneaky.cypher").write_text(
        "// title: Looks harmless\n// description: but deletes\n// param id: entity Article = 001_x\n"
        "// returns: table\nMATCH (a:Article) DETACH DELETE a RETURN count(*) AS n\n", encoding="utf-8")
    (tmp_path / "creates.cypher").write_text(
        "// title: Creates\n// param name: string = x\nCREATE (n:Intruder {name: $name}) RETURN n\n", encoding="utf-8")
    library = load_library(tmp_path)
    before = node_count(samples_graph, neo4j_settings.database)
    for saved in library.values():
        with pytest.raises(QueryError) as error:
            run_saved(samples_graph, neo4j_settings.database, saved)
        assert str(error.value) == WRITE_MESSAGE
    assert node_count(samples_graph, neo4j_settings.database) == before


def test_a_slow_query_is_stopped_by_the_timeout(samples_graph: Driver, neo4j_settings: Settings) -> None:
    with pytest.raises(QueryError) as error:
        run_cypher(samples_graph, neo4j_settings.database,
                   "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x)", timeout=1)
    assert "stopped after 1 s" in str(error.value)


def test_the_timeout_comes_from_the_environment(samples_graph: Driver, neo4j_settings: Settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_QUERY_TIMEOUT", "1")
    with pytest.raises(QueryError, match="stopped after 1 s"):
        run_cypher(samples_graph, neo4j_settings.database,
                   "UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 99 RETURN count(x)")


def test_syntax_errors_are_shown_plainly_and_rows_are_capped(samples_graph: Driver,
                                                             neo4j_settings: Settings) -> None:
    with pytest.raises(QueryError, match="Invalid input"):
        run_cypher(samples_graph, neo4j_settings.database, "MATCH (n RETURN n")
    result = run_cypher(samples_graph, neo4j_settings.database, "UNWIND range(1, 50) AS x RETURN x", max_rows=10)
    assert len(result.rows) == 10 and result.truncated


def test_paths_are_expanded_into_graph_elements(samples_graph: Driver, neo4j_settings: Settings) -> None:
    result = run_cypher(samples_graph, neo4j_settings.database,
                        "MATCH path = (:Person {id: $id})-[:PARTICIPATED_IN]->(:Meeting) RETURN path LIMIT 1",
                        {"id": "person:vladimir-putin"})
    assert "person:vladimir-putin" in result.nodes and len(result.relationships) == 1
    assert result.rows[0][0]["nodes"][0]["id"] == "person:vladimir-putin"


# -- CLI ------------------------------------------------------------------------------------------


def test_cli_lists_shows_and_runs_queries(samples_graph: Driver, neo4j_settings: Settings) -> None:
    env = cli_env(neo4j_settings)
    listed = newsgraph("query", "list", env=env)
    assert listed.returncode == 0, listed.stderr
    for name in LIBRARY:
        assert name in listed.stdout
    shown = newsgraph("query", "show", "person_contacts", env=env)
    assert shown.returncode == 0, shown.stderr
    assert "person: entity Person = person:vladimir-putin" in shown.stdout and "MATCH" in shown.stdout
    ran = newsgraph("query", "run", "country_pair_meetings", "--param", "country_b=country:TR", "--format", "csv",
                    env=env)
    assert ran.returncode == 0, ran.stderr
    rows = list(csv.reader(io.StringIO(ran.stdout)))
    assert rows[0] == ["date", "type", "meeting", "side_a", "side_b", "articles", "id"]
    assert len(rows) > 1 and all(row[6].startswith("meeting:") for row in rows[1:])
    as_json = newsgraph("query", "run", "meetings_per_month", "--format", "json", env=env)
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["rows"][0]["month"].startswith("2018-")


def test_cli_reports_bad_parameters_writes_and_unknown_queries(samples_graph: Driver,
                                                               neo4j_settings: Settings) -> None:
    env = cli_env(neo4j_settings)
    bad = newsgraph("query", "run", "person_contacts", "--param", "from=2018-13-01", env=env)
    assert bad.returncode == 2 and "parameter 'from': '2018-13-01' is not a date (YYYY-MM-DD)" in bad.stderr
    write = newsgraph("query", "run-cypher", "CREATE (n:Intruder) RETURN n", env=env)
    assert write.returncode == 1 and WRITE_MESSAGE in write.stderr
    unknown = newsgraph("query", "run", "no_such_query", env=env)
    assert unknown.returncode == 1 and "no saved query named 'no_such_query'" in unknown.stderr


# -- the /queries page in headless Chromium -------------------------------------------------------


@pytest.mark.browser
def test_the_queries_page_runs_a_query_from_its_url_and_from_the_form(browser, dashboard_url: str,
                                                                      artifacts: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    from dashboard.i18n import language

    browser.get(dashboard_url + "queries?name=person_contacts&type=call")
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#qp-table td")))
    cy = "document.getElementById('qp-graph')._cyreg.cy"
    WebDriverWait(browser, 30).until(lambda b: b.execute_script(f"return {cy} && {cy}.nodes().length") > 0)
    assert browser.execute_script(f"return {cy}.edges().length") > 0
    assert browser.find_elements(By.CSS_SELECTOR, "#qp-table tr")
    assert browser.find_element(By.ID, "qp-share").get_attribute("href").endswith(
        "/queries?name=person_contacts&type=call")
    assert "MATCH" in browser.find_element(By.ID, "qp-cypher").get_attribute("textContent")
    # The table's CSV export downloads the rows shown.
    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    browser.find_element(By.CSS_SELECTOR, "button.export").click()
    WebDriverWait(browser, 20).until(lambda _: [p for p in folder.iterdir() if p.suffix == ".csv"])
    time.sleep(0.5)
    exported = next(p for p in folder.iterdir() if p.suffix == ".csv")
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    shown_rows = browser.find_elements(By.CSS_SELECTOR, "#qp-table tr")
    assert len(rows) == len(shown_rows)  # header + one line per row on screen
    assert any("\u0600" <= ch <= "\u06ff" for row in rows for cell in row for ch in cell)
    browser.save_screenshot(str(artifacts / "queries-page.png"))
    # The result goes to the explorer canvas: the same nodes, with the links among them.
    result_nodes = set(browser.execute_script(f"return {cy}.nodes().map(n => n.id())"))
    browser.get(browser.find_element(By.ID, "qp-to-explorer").get_attribute("href"))
    explorer = "document.getElementById('graph')._cyreg.cy"
    WebDriverWait(browser, 30).until(lambda b: b.execute_script(
        f"return ((document.getElementById('graph') || {{}})._cyreg && {explorer}.nodes().length) || 0") > 0)
    assert set(browser.execute_script(f"return {explorer}.nodes().map(n => n.id())")) == result_nodes
    assert browser.execute_script(f"return {explorer}.edges().length") > 0
    browser.get(dashboard_url + "queries?name=person_contacts&type=call")
    WebDriverWait(browser, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "#qp-table td")))
    # The ad-hoc console refuses writes.
    browser.find_element(By.CSS_SELECTOR, "#qp-adhoc-box summary").click()
    browser.find_element(By.ID, "qp-adhoc").send_keys("CREATE (n:Intruder) RETURN n")
    browser.find_element(By.ID, "qp-adhoc-run").click()
    WebDriverWait(browser, 15).until(
        expected_conditions.text_to_be_present_in_element((By.ID, "qp-error"), language("ar").t(WRITE_MESSAGE)))


def test_load_csv_is_refused_even_though_the_server_counts_it_as_a_read(
        samples_graph: Driver, neo4j_settings: Settings) -> None:
    with pytest.raises(QueryError, match="LOAD CSV reads files"):
        run_cypher(samples_graph, neo4j_settings.database, "load  csv FROM 'file:///etc/passwd' AS row RETURN row")
