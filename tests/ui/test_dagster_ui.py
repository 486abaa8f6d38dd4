"""`conflict-events ui` starts the Dagster UI (`dg dev`) on the instance a `conflict-events run` wrote: its GraphQL
API shows that run, the design card's chain with every DuckDB table and its check, table previews; the graph
renders in Chromium."""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

STARTUP_TIMEOUT_S = 300  # dg dev starts a webserver, a daemon and a code server: slow on a busy 2-core machine
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
TABLES = {"articles", "quarantine", "event_mentions", "normalized_mentions", "events", "event_sources", "daily_counts",
          "monthly_admin1"}
VIEWS = {"events_with_sources", "actor_dyads", "fatalities_by_admin1", "events_by_country_month", "events_by_type",
         "quarantine_reasons"}
ASSETS = {"raw_articles", "quarantine", "event_mentions", "normalized_mentions", "events", "event_sources", "release",
          *(f"warehouse/{name}" for name in TABLES | VIEWS)}
# each feeds the next
CHAIN = ["raw_articles", "event_mentions", "normalized_mentions", "events", "warehouse/events", "release"]
GROUPS = ("ingest", "extract", "events", "warehouse", "release")
ARTICLE = """---
title: Gunmen kill four villagers near Maiduguri
source: Test Wire (written for the conflict-events tests)
published_at: 2021-03-09T10:00:00+01:00
---
Gunmen killed four villagers in an attack on a farming village near Maiduguri in Borno State, Nigeria, on Monday.
"""

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM the whole group (dagster dev, webserver, daemon, code servers), then SIGKILL what is left."""
    for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                return
            process.poll()
            time.sleep(0.5)


@pytest.fixture(scope="module")
def dagster_ui(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The UI of `conflict-events ui` on a free local port, after a `conflict-events run` into the same warehouse."""
    warehouse = tmp_path_factory.mktemp("ui_warehouse")
    articles = warehouse / "articles"
    articles.mkdir()
    (articles / "2021-03-09_borno_attack.txt").write_text(ARTICLE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pipeline.cli", "run", "--articles", str(articles), "--warehouse",
                    str(warehouse)], check=True, capture_output=True, timeout=900)
    port = free_port()
    log = (warehouse / "ui.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "ui", "--host", "127.0.0.1", "--port", str(port),
         "--articles", str(articles), "--warehouse", str(warehouse)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=warehouse,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"the UI exited with {process.returncode}:\n{(warehouse / 'ui.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/server_info", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the UI did not answer within {STARTUP_TIMEOUT_S} s:\n"
                            f"{(warehouse / 'ui.log').read_text()[-3000:]}")
            time.sleep(1)
        yield url, warehouse
    finally:
        stop_process_group(process)
        log.close()


def graphql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/graphql", data=json.dumps({"query": query}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        payload = json.load(response)
    assert "errors" not in payload, payload
    return payload["data"]


def test_ui_writes_its_dagster_home_and_runs_dg_dev(dagster_ui):
    _, warehouse = dagster_ui
    config = (warehouse / ".dagster_home" / "dagster.yaml").read_text(encoding="utf-8")
    assert "telemetry:\n  enabled: false" in config and "nux:\n  enabled: false" in config
    assert "default_limit: 1" in config
    log = (warehouse / "ui.log").read_text(encoding="utf-8")
    assert "supersede" not in log and "deprecat" not in log.lower()


def test_the_cli_run_is_in_the_run_list(dagster_ui):
    url, _ = dagster_ui
    data = graphql(url, """{ runsOrError { ... on Runs { results { jobName status tags { key value } } } } }""")
    (run,) = data["runsOrError"]["results"]
    assert (run["jobName"], run["status"]) == ("materialize_all", "SUCCESS")
    assert {"key": "conflict_events/command", "value": "run"} in run["tags"]


def test_graph_shows_the_chain_every_table_with_its_blocking_check_and_automation(dagster_ui):
    url, _ = dagster_ui
    data = graphql(url, """{ assetNodes { assetKey { path } groupName description
        dependencyKeys { path } assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } }""")
    nodes = {"/".join(node["assetKey"]["path"]): node for node in data["assetNodes"]}
    assert set(nodes) == ASSETS
    assert {node["groupName"] for node in nodes.values()} == set(GROUPS)
    for upstream, downstream in itertools.pairwise(CHAIN):
        assert upstream.split("/") in [key["path"] for key in nodes[downstream]["dependencyKeys"]]
    checks = {name: [(c["name"], c["blocking"]) for c in node["assetChecksOrError"].get("checks", [])]
              for name, node in nodes.items()}
    assert {name for name, found in checks.items() if found} == {f"warehouse/{name}" for name in TABLES}
    assert all(found == [("great_expectations", True)] for name, found in checks.items() if found)
    assert "`warehouse/releases/<version>/`" in nodes["release"]["description"]  # a code span: <version> shows

    data = graphql(url, """{ repositoriesOrError { ... on RepositoryConnection { nodes {
        location { name } jobs { name } sensors { name sensorState { status } } schedules { name } } } } }""")
    (repository,) = data["repositoriesOrError"]["nodes"]
    assert repository["location"]["name"] == "conflict-events"
    assert {"materialize_all", "ingest"} <= {job["name"] for job in repository["jobs"]}
    assert {s["name"]: s["sensorState"]["status"] for s in repository["sensors"]} == {
        "new_articles_sensor": "STOPPED", "automation": "STOPPED"}
    assert repository["schedules"] == []


def test_materializations_preview_rows_as_tables(dagster_ui):
    url, _ = dagster_ui
    data = graphql(url, """{ assetOrError(assetKey: {path: ["warehouse", "events"]}) { ... on Asset {
        assetMaterializations(limit: 1) { metadataEntries { label __typename
            ... on TableMetadataEntry { table { records schema { columns { name } } } } } } } } }""")
    (materialization,) = data["assetOrError"]["assetMaterializations"]
    entries = {entry["label"]: entry for entry in materialization["metadataEntries"]}
    assert entries["preview"]["__typename"] == "TableMetadataEntry"
    table = entries["preview"]["table"]
    assert "event_date" in {column["name"] for column in table["schema"]["columns"]} and table["records"]


def test_asset_graph_renders_in_chromium(dagster_ui, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from matplotlib.image import imread
    from playwright.sync_api import sync_playwright

    url, _ = dagster_ui
    screenshot = tmp_path / "asset_graph.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{url}/asset-groups", wait_until="networkidle", timeout=60_000)
            for group in GROUPS:  # the global lineage shows one collapsed node per asset group
                page.locator("svg foreignObject").filter(has_text=group).first.wait_for(timeout=90_000)
            assert page.get_by_text("community", exact=False).count() == 0  # nux is off: no invitation pop-up
            page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = imread(screenshot)
    assert pixels.shape[:2] == (900, 1400)
    assert len({tuple(p) for p in pixels[::7, ::7].reshape(-1, pixels.shape[2]).round(2)}) > 20
