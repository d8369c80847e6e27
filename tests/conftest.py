"""Shared fixtures: a real Neo4j server for the test session (never a mock), and data locations.

By default the tests run their own managed Neo4j in `.neo4j-test` on ports 17687/17474, so they never
touch the demo database. Set NEWSGRAPH_TEST_NEO4J_URI (plus NEO4J_USER/NEO4J_PASSWORD) to use another
server instead: its database is wiped by the tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import Driver
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from newsgraph.config import PROJECT_ROOT, Settings, load_settings
from newsgraph.db import apply_schema, connect

SHARED = PROJECT_ROOT.parent / "shared"
SEED_ARTICLE = SHARED / "seed" / "000_be413b0a37d101ca.txt"
SAMPLES = PROJECT_ROOT / "samples" / "articles"
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data folder is not next to this checkout)")
    return path


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    external = os.environ.get("NEWSGRAPH_TEST_NEO4J_URI")
    base = load_settings()
    if external:
        yield replace(base, uri=external, managed=False)
        return
    from newsgraph.server import ManagedNeo4j

    settings = replace(
        base,
        uri="bolt://127.0.0.1:17687",
        password="newsgraph-test",
        managed=True,
        home=PROJECT_ROOT / ".neo4j-test",
        bolt_port=17687,
        http_port=17474,
        heap="768m",
        pagecache="256m",
    )
    server = ManagedNeo4j(settings)
    already_running = server.pid() is not None
    server.start(timeout=240)
    yield settings
    if not already_running and not os.environ.get("NEWSGRAPH_TEST_KEEP_SERVER"):
        server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    with connect(neo4j_settings) as session_driver:
        yield session_driver


@pytest.fixture
def empty_graph(driver: Driver, neo4j_settings: Settings) -> Driver:
    """The test database emptied, with the project's schema applied."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    apply_schema(driver, neo4j_settings.database)
    return driver


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# ---- The dashboard in real headless Chromium (browser tests) ----

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def samples_graph(driver: Driver, neo4j_settings: Settings) -> Iterator[Driver]:
    """The test database holding exactly the sample corpus (loaded once per test module)."""
    from loader.pipeline import load

    driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_settings.database)
    apply_schema(driver, neo4j_settings.database)
    load([SAMPLES], driver, neo4j_settings.database)
    yield driver


@pytest.fixture(scope="module")
def dashboard_url(samples_graph: Driver, neo4j_settings: Settings) -> Iterator[str]:
    """The dashboard served on a free port against the samples."""
    port = free_port()
    env = {**os.environ, "NEO4J_URI": neo4j_settings.uri, "NEO4J_USER": neo4j_settings.user,
           "NEO4J_PASSWORD": neo4j_settings.password, "NEO4J_DATABASE": neo4j_settings.database}
    # The server's output goes to a file, never to a pipe nobody reads: a full pipe would block the server.
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"dashboard-{port}.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "dashboard", "--port", str(port)],
                                  cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"dashboard did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    chrome = start_chrome()
    yield chrome
    chrome.quit()


def start_chrome() -> webdriver.Chrome:
    """A new headless Chromium session (its own profile: no cookies, storage or history from another)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Debian chromium and chromium-driver are not installed (.ci/run installs them)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
