"""The dashboard re-checks whatever the browser sends: a crafted request can ask for no more than a link can."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

import pytest

from dashboard.view import (
    MAX_BUDGET,
    MAX_EXPANDED,
    MAX_IDS,
    MAX_LISTED_IDS,
    decode,
    default_view,
    node_positions,
    validated,
)

MANY_IDS = [f"person:someone-{i}" for i in range(5000)]


def test_a_link_with_an_absurd_budget_opens_the_explorer_with_the_largest_budget() -> None:
    assert decode("?budget=" + "9" * 5000)["budget"] == MAX_BUDGET


def test_a_link_naming_thousands_of_nodes_is_cut_to_the_cap() -> None:
    view = decode("?focus=" + ",".join(MANY_IDS) + "&expand=" + ",".join(f"{i}~99999" for i in MANY_IDS))
    assert len(view["focus"]) == MAX_IDS
    assert len(view["expand"]) == MAX_EXPANDED and max(view["expand"].values()) == 1
    assert len(decode("?ids=" + ",".join(MANY_IDS))["ids"]) == MAX_LISTED_IDS


def test_a_saved_query_result_of_300_nodes_reaches_the_explorer_whole() -> None:
    from dashboard.queries import MAX_SENT_NODES

    sent = [f"person:p{i:04d}" for i in range(MAX_SENT_NODES)]
    view = decode("?ids=" + ",".join(sent))
    assert view["ids"] == sent
    assert validated(view)["ids"] == sent  # and survives the browser round trip


@pytest.mark.parametrize("raw", [None, "view", 42, [], {"focus": "person:x"}, {"budget": True, "labels": 7}])
def test_a_malformed_view_from_the_browser_becomes_a_valid_one(raw: Any) -> None:
    view = validated(raw)
    assert set(view) == set(default_view())
    assert view["budget"] <= MAX_BUDGET and isinstance(view["focus"], list)


def test_a_crafted_view_is_held_to_the_caps_of_a_url() -> None:
    raw = {**default_view(), "budget": 10 ** 9, "focus": MANY_IDS, "pin": MANY_IDS,
           "expand": {node: 10 ** 6 for node in MANY_IDS}, "layout": "<script>", "lang": "xx",
           "from": "2018-13-45", "layout_run": "again"}
    view = validated(raw)
    assert view["budget"] == MAX_BUDGET
    assert len(view["focus"]) <= MAX_IDS and len(view["pin"]) <= MAX_IDS
    assert view["expand"] == {}  # no page count within range
    assert (view["layout"], view["lang"], view["from"], view["layout_run"]) == ("fcose", "ar", None, 0)


def test_a_legitimate_view_survives_validation_unchanged() -> None:
    view = {**default_view(), "focus": ["person:vladimir-putin"], "expand": {"person:vladimir-putin": 2},
            "hide": ["country:RU"], "from": "2018-01", "budget": 500, "reveal": True, "layout_run": 3}
    assert validated(view) == view


def test_node_positions_keep_only_finite_points_of_real_node_ids() -> None:
    raw = {"person:a": [1, 2], "person:b": ["x", 2], "bogus": [1, 1], "person:c": [1e300, 0], "person:d": [3.5, -1]}
    assert node_positions(raw) == {"person:a": (1.0, 2.0), "person:d": (3.5, -1.0)}


@pytest.mark.neo4j
def test_a_crafted_post_to_the_canvas_callback_is_answered_quickly_within_the_caps(dashboard_url: str) -> None:
    dependencies = json.loads(urllib.request.urlopen(dashboard_url + "_dash-dependencies", timeout=10).read())
    draw = next(d for d in dependencies if any(i["id"] == "snapshot" for i in d["inputs"]))
    crafted = {**default_view(), "budget": 10 ** 9, "focus": MANY_IDS, "expand": {n: 99 for n in MANY_IDS}}
    body = {"output": draw["output"], "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                                                   for o in draw["output"].strip(".").split("...")],
            "inputs": [{"id": "snapshot", "property": "data",
                        "value": {"view": crafted, "positions": {"person:x": ["a", None]}, "at": "soon"}}],
            "state": [{"id": s["id"], "property": s["property"], "value": None} for s in draw["state"]],
            "changedPropIds": ["snapshot.data"]}
    request = urllib.request.Request(dashboard_url + "_dash-update-component", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    started = time.monotonic()
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    assert time.monotonic() - started < 20
    elements = answer["response"]["canvas-change"]["data"]["delta"]["upsert"]
    assert len([e for e in elements if "source" not in e["data"]]) <= MAX_BUDGET


def test_csv_exports_defuse_spreadsheet_formulas_and_keep_numbers() -> None:
    import csv
    import io

    from dashboard import export

    elements = [{"data": {"id": "person:a", "label": "Person", "caption": "=HYPERLINK(\"http://x\",\"y\")",
                          "note": "@SUM(A1)", "count": -3}},
                {"data": {"id": "e1", "source": "person:a", "target": "person:a", "type": "+cmd"}}]
    nodes = list(csv.DictReader(io.StringIO(export.nodes_csv(elements).lstrip("\ufeff"))))
    assert nodes[0]["caption"].startswith("'=") and nodes[0]["note"] == "'@SUM(A1)"
    assert nodes[0]["count"] == "-3"  # a number is not a formula
    edges = list(csv.DictReader(io.StringIO(export.edges_csv(elements).lstrip("\ufeff"))))
    assert edges[0]["type"] == "'+cmd"


def test_graphml_is_valid_xml_whatever_control_characters_a_name_holds() -> None:
    import xml.etree.ElementTree as ET

    from dashboard import export

    elements = [{"data": {"id": "person:a", "label": "Person", "caption": "بوتين\x00\x01\x0b\ufffe end"}},
                {"data": {"id": "person:b\x07", "label": "Person", "caption": "ب"}},
                {"data": {"id": "e1", "source": "person:a", "target": "person:b\x07", "type": "MET\x1f"}}]
    root = ET.fromstring(export.to_graphml(elements).encode("utf-8"))
    texts = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert "بوتين end" in texts


# ---- Serving for a team: gunicorn, trusted Host names, sign-in ----

def _status(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> int:
    import urllib.error

    request = urllib.request.Request(url, headers=headers or {}, data=data,
                                     method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _basic(name: str, password: str) -> dict[str, str]:
    import base64

    return {"Authorization": "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode()}


@pytest.fixture(scope="module")
def signed_in_dashboard(samples_graph, neo4j_settings, tmp_path_factory):  # type: ignore[no-untyped-def]
    """The dashboard under gunicorn with a users file of one analyst."""
    import os
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT, free_port

    users = tmp_path_factory.mktemp("users") / "users"
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database,
           "NEWSGRAPH_USERS_FILE": str(users)}
    added = subprocess.run([sys.executable, "-m", "newsgraph.cli", "users", "add", "analyst", "--password-stdin"],
                           input="correct-horse-battery\n", env=env, cwd=PROJECT_ROOT, capture_output=True,
                           text=True, timeout=60)
    assert added.returncode == 0, added.stderr
    assert users.stat().st_mode & 0o077 == 0 and "correct-horse" not in users.read_text()
    port = free_port()
    log_path = tmp_path_factory.mktemp("logs") / "dashboard.log"
    with log_path.open("wb") as log:  # a file, not a pipe nobody reads (a full pipe blocks the server)
        server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "dashboard", "--port", str(port),
                                   "--workers", "2"], env=env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while _status_or_none(url) is None:
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail("dashboard did not start:\n" + log_path.read_text(errors="replace")[-3000:])
        time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)


def _status_or_none(url: str) -> int | None:
    try:
        return _status(url)
    except OSError:
        return None


@pytest.mark.neo4j
def test_sign_in_is_required_and_checked_against_the_hashed_password(signed_in_dashboard: str) -> None:
    assert _status(signed_in_dashboard) == 401
    assert _status(signed_in_dashboard, _basic("analyst", "wrong-password")) == 401
    assert _status(signed_in_dashboard, {"Authorization": "Basic %%%not-base64"}) == 401
    assert _status(signed_in_dashboard, _basic("analyst", "correct-horse-battery")) == 200
    assert _status(signed_in_dashboard + "queries", _basic("analyst", "correct-horse-battery")) == 200


@pytest.mark.neo4j
def test_an_unknown_host_name_is_refused(signed_in_dashboard: str) -> None:
    """DNS rebinding needs the server to answer any Host: it answers only its own names."""
    headers = {**_basic("analyst", "correct-horse-battery"), "Host": "attacker.example"}
    assert _status(signed_in_dashboard, headers) == 400
    assert _status(signed_in_dashboard, {**headers, "Host": "localhost"}) == 200


@pytest.mark.neo4j
def test_a_malformed_callback_request_is_a_bad_request_not_a_crash(signed_in_dashboard: str) -> None:
    url = signed_in_dashboard + "_dash-update-component"
    for body in (b"[]", b"{\"output\": \"nothing..here\", \"inputs\": []}", b"not json"):
        assert _status(url, {"Content-Type": "application/json"}, body) == 400
        assert _status(url, {**_basic("analyst", "correct-horse-battery"), "Content-Type": "application/json"},
                       body) == 400


def test_serving_beyond_loopback_without_sign_in_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    from tests.conftest import PROJECT_ROOT

    env = {**os.environ, "NEWSGRAPH_USERS_FILE": str(tmp_path / "none"), "NEO4J_URI": "bolt://127.0.0.1:1"}
    result = subprocess.run([sys.executable, "-m", "newsgraph.cli", "dashboard", "--host", "0.0.0.0"], env=env,
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "newsgraph users add" in result.stderr and "--anonymous" in result.stderr


@pytest.mark.neo4j
def test_a_cold_dashboard_serves_its_scripts_to_many_first_requests_at_once(neo4j_settings: Any) -> None:
    """The first page of a freshly started dashboard never stalls at "Loading...": its scripts load even when
    the browser asks for all of them at once, on several threads, before anything else was served."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.serve import build_server

    host = "http://127.0.0.1"
    index = build_server(neo4j_settings, ["127.0.0.1"], None).test_client().get("/", base_url=host)
    scripts = re.findall(r'src="(/_dash-component-suites/[^"]+)"', index.get_data(as_text=True))
    assert len(scripts) > 5
    for _ in range(6):  # a race: several cold servers, every script asked for by many threads at once
        client = build_server(neo4j_settings, ["127.0.0.1"], None).test_client
        with ThreadPoolExecutor(16) as pool:
            codes = list(pool.map(lambda path, client=client: client().get(path, base_url=host).status_code,
                                  scripts * 3))
        assert set(codes) == {200}
