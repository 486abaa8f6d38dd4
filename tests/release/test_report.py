"""report.html and validation.html: offline, deterministic, and rendered by headless Chromium."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from pipeline.release import publish_release
from pipeline.release.validation import summarize_validation
from tests.release.release_fixtures import PROVENANCE, build_tables

CHROMIUM = Path("/usr/bin/chromium")

CHECKPOINT_RESULT = {
    "success": False,
    "run_results": {
        "events_run": {
            "validation_result": {
                "success": False,
                "suite_name": "events_suite",
                "results": [
                    {
                        "success": True,
                        "expectation_config": {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "event_id"}},
                        "result": {"unexpected_count": 0},
                    },
                    {
                        "success": False,
                        "expectation_config": {"type": "expect_column_values_to_be_between", "kwargs": {"column": "latitude"}},
                        "result": {"unexpected_count": 3},
                    },
                    {
                        "success": True,
                        "expectation_config": {"type": "expect_table_row_count_to_be_between", "kwargs": {}},
                        "result": {"observed_value": 4},
                    },
                ],
            }
        }
    },
}


def test_summarize_validation_finds_nested_suite_results():
    summary = summarize_validation(CHECKPOINT_RESULT)

    assert (summary.success, summary.evaluated, summary.successful) == (False, 3, 2)
    failed = [o for o in summary.outcomes if not o.success]
    assert [(o.suite, o.expectation, o.column, o.detail) for o in failed] == [
        ("events_suite", "expect_column_values_to_be_between", "latitude", "3 unexpected")
    ]
    assert summary.outcomes[2].detail == "observed 4"
    assert summarize_validation({}).evaluated == 0


@pytest.fixture
def release(tmp_path):
    return publish_release(
        build_tables(), tmp_path / "releases", provenance=PROVENANCE, validation=CHECKPOINT_RESULT
    )


def test_report_is_offline_and_has_every_section(release):
    html = (release.path / "report.html").read_text()

    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html
    for heading in ("Events per week by event type", "Fatalities by admin1", "Event locations", "Top actors"):
        assert heading in html
    assert html.count("<svg") == 3
    assert "Military Forces of Ruritania (2015-)" in html  # top actors table
    assert "2 of 3 expectations passed" in html and "expect_column_values_to_be_between" in html
    validation_html = (release.path / "validation.html").read_text()
    assert "expect_table_row_count_to_be_between" in validation_html and "FAIL" in validation_html


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.timeout(120)
@pytest.mark.slow  # a browser
def test_report_renders_in_headless_chromium(release, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    console_errors, page_errors, requests = [], [], []

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: page_errors.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto((release.path / "report.html").as_uri(), wait_until="load")
            svg_boxes = [svg.bounding_box() for svg in page.locator("figure svg").all()]
            screenshot = tmp_path / "report.png"
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()

    assert console_errors == [] and page_errors == []
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
    assert len(svg_boxes) == 3 and all(box["width"] > 300 and box["height"] > 150 for box in svg_boxes)
    data = screenshot.read_bytes()
    width, height = png_size(data)
    assert width >= 1000 and height > 1500 and len(data) > 50_000
