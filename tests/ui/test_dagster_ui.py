"""`conflict-events ui` starts the Dagster UI: its GraphQL API lists every asset and check; the graph renders."""

from __future__ import annotations

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

STARTUP_TIMEOUT_S = 120
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
ASSETS = {"raw_articles", "quarantine", "event_mentions", "events", "event_sources", "warehouse", "release"}
CHECKS = {"great_expectations_article_events", "great_expectations_counts", "great_expectations_event_mentions",
          "great_expectations_events"}
GROUPS = ("ingest", "extract", "events", "warehouse", "release")


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
    """The UI of `conflict-events ui` on a free local port, with its DAGSTER_HOME in a temporary warehouse."""
    warehouse = tmp_path_factory.mktemp("ui_warehouse")
    port = free_port()
    log = (warehouse / "ui.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "ui", "--host", "127.0.0.1", "--port", str(port),
         "--warehouse", str(warehouse)],
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


def test_ui_writes_its_dagster_home(dagster_ui):
    _, warehouse = dagster_ui
    config = (warehouse / ".dagster_home" / "dagster.yaml").read_text(encoding="utf-8")
    assert "telemetry:\n  enabled: false" in config
    assert "default_limit: 1" in config


def test_graphql_lists_every_asset_check_sensor_and_schedule(dagster_ui):
    url, _ = dagster_ui
    data = graphql(url, """{ assetNodes { assetKey { path } groupName
        assetChecksOrError { ... on AssetChecks { checks { name blocking } } } } }""")
    nodes = {"/".join(node["assetKey"]["path"]): node for node in data["assetNodes"]}
    assert set(nodes) == ASSETS
    assert {nodes[name]["groupName"] for name in ASSETS} == set(GROUPS)
    checks = {check["name"]: check["blocking"] for node in nodes.values()
              for check in node["assetChecksOrError"].get("checks", [])}
    assert checks == dict.fromkeys(CHECKS, True)

    data = graphql(url, """{ repositoriesOrError { ... on RepositoryConnection { nodes {
        jobs { name } sensors { name sensorState { status } } schedules { name scheduleState { status } } } } } }""")
    (repository,) = data["repositoriesOrError"]["nodes"]
    assert "materialize_all" in {job["name"] for job in repository["jobs"]}
    assert repository["sensors"] == [{"name": "new_articles_sensor", "sensorState": {"status": "STOPPED"}}]
    assert repository["schedules"] == [{"name": "daily_refresh", "scheduleState": {"status": "STOPPED"}}]


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
            skip_invitation = page.get_by_role("button", name="Skip")
            if skip_invitation.count():
                skip_invitation.click()
            page.screenshot(path=str(screenshot))
        finally:
            browser.close()
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    pixels = imread(screenshot)
    assert pixels.shape[:2] == (900, 1400)
    assert len({tuple(p) for p in pixels[::7, ::7].reshape(-1, pixels.shape[2]).round(2)}) > 20
