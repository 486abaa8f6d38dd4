"""What the report shows, as plain rows: the events with their evidence, dyads, changes, what produced nothing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

import polars as pl

from pipeline.extract.languages import none_readable, unreadable_articles
from pipeline.release.diff import ReleaseDiff

MAX_LISTED_EVENTS = 500
MAX_LISTED_CHANGES = 200
TOP_DYADS = 20
HELD_BACK_EXAMPLES = 20
_PRECISION = {2: "week of", 3: "month of"}


def _place(row: Mapping[str, Any]) -> str:
    """ "Afmadow, Jubbada Hoose, Somalia"; a name repeated by the next level is written once ("Nairobi, Kenya")."""
    names = [p for p in (row.get("location"), row.get("admin1"), row.get("country")) if p]
    return ", ".join(n for i, n in enumerate(names) if i == 0 or n != names[i - 1]) or "unknown place"


def _first_reports(tables: Mapping[str, pl.DataFrame]) -> pl.DataFrame | None:
    """Per event: its first report (report_evidence, _outlet, _title, _url, _published) and how many it has."""
    links, articles = tables.get("event_sources"), tables.get("articles")
    if links is None or articles is None or "evidence" not in links.columns:
        return None
    wanted = {"source": "report_outlet", "title": "report_title", "url": "report_url",
              "published_at": "report_published"}
    reports = links.select("event_id", "article_id", pl.col("evidence").alias("report_evidence")).join(
        articles.select("article_id", *[pl.col(c).alias(name) for c, name in wanted.items() if c in articles.columns]),
        on="article_id", how="left")
    order = ["report_published"] if "report_published" in reports.columns else []
    return (reports.sort("event_id", *order, "article_id", nulls_last=True)
            .group_by("event_id", maintain_order=True)
            .agg(pl.all().exclude("article_id").first(), report_count=pl.col("article_id").n_unique()))


def event_rows(tables: Mapping[str, pl.DataFrame], limit: int = MAX_LISTED_EVENTS) -> list[dict[str, Any]]:
    """The newest events first, each with its place, actors, fatalities and first report's evidence sentence."""
    events = tables.get("events", pl.DataFrame())
    if events.is_empty():
        return []
    listed = events.sort(["event_date", "event_id"], descending=[True, False], nulls_last=True).head(limit)
    reports = _first_reports(tables)
    if reports is not None:
        listed = listed.join(reports, on="event_id", how="left", maintain_order="left")
    return [_event_row(row) for row in listed.iter_rows(named=True)]


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    low, high = row.get("fatalities_low"), row.get("fatalities_high")
    spread = f" ({low}–{high} reported)" if low is not None and high is not None and low != high else ""
    return {
        "id": row.get("event_id_cnty") or row["event_id"],
        "date": f"{_PRECISION.get(row.get('time_precision'), '')} {row['event_date']}".strip(),
        "place": _place(row),
        "event_type": row.get("event_type"), "sub_event_type": row.get("sub_event_type"),
        "actor1": row.get("actor1"), "actor2": row.get("actor2"),
        "assoc": "; ".join(a for a in (row.get("assoc_actor_1"), row.get("assoc_actor_2")) if a),
        "fatalities": f"{row.get('fatalities') or 0}{spread}",
        "evidence": row.get("report_evidence"), "outlet": row.get("report_outlet"), "title": row.get("report_title"),
        "url": url if str(url := row.get("report_url") or "").startswith(("http://", "https://")) else None,
        "published": row["report_published"].date() if row.get("report_published") else None,
        "more_reports": max(0, (row.get("report_count") or 1) - 1),
    }


def dyads(events: pl.DataFrame, top: int = TOP_DYADS) -> list[dict[str, Any]]:
    """Who fought whom: actor pairs by number of events, with fatalities and the period."""
    if events.is_empty() or not {"actor1", "actor2"} <= set(events.columns):
        return []
    label = "interaction_label" if "interaction_label" in events.columns else "interaction"
    return (
        events.group_by(pl.col("actor1").fill_null("(unidentified)"), pl.col("actor2").fill_null("—"))
        .agg(events=pl.len(), fatalities=pl.col("fatalities").sum(), first=pl.col("event_date").min(),
             last=pl.col("event_date").max(), interaction=pl.col(label).cast(pl.String).drop_nulls().mode().first())
        .sort(["events", "fatalities", "actor1", "actor2"], descending=[True, True, False, False])
        .head(top).to_dicts()
    )


def change_rows(diff: ReleaseDiff, events: pl.DataFrame, previous: pl.DataFrame | None) -> dict[str, list[dict]]:
    """Added, removed and changed events (at most MAX_LISTED_CHANGES each) as rows to show."""
    def rows(frame: pl.DataFrame | None, ids: list[str]) -> list[dict[str, Any]]:
        if frame is None or not ids:
            return []
        picked = frame.filter(pl.col("event_id").is_in(ids[:MAX_LISTED_CHANGES])).sort("event_date", "event_id")
        return [{"id": r.get("event_id_cnty") or r["event_id"], "date": r["event_date"], "place": _place(r),
                 "event_type": r.get("event_type"), "fatalities": r.get("fatalities"),
                 "fields": ", ".join(diff.changed.get(r["event_id"], []))} for r in picked.iter_rows(named=True)]

    if diff.bump == "initial":
        return {"added": [], "removed": [], "changed": []}
    return {"added": rows(events, diff.added), "removed": rows(previous, diff.removed),
            "changed": rows(events, list(diff.changed))}


@dataclass
class InputOutcomes:
    """How much of the input produced events, and why the rest produced none."""

    articles: int = 0
    duplicates: int = 0
    unreadable: list[dict[str, Any]] = field(default_factory=list)  # article_id, language, title, source
    without_mentions: int = 0  # read, but no sentence reported an event
    only_held_back: int = 0  # read, event mentions found, none became an event
    with_events: int = 0
    mentions: int = 0
    mentions_in_events: int = 0
    held_back: list[tuple[str, int]] = field(default_factory=list)  # (reason, mentions)
    held_back_examples: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)  # file, offset, reason

    @property
    def empty_reason(self) -> str:
        """Why a release has no events."""
        if not self.articles:
            return "no article was loaded" + (" (every input record was quarantined)" if self.quarantined else "")
        readable = self.articles - self.duplicates - len(self.unreadable)
        if readable <= 0 and self.unreadable:
            return none_readable(self.articles, {a["language"] for a in self.unreadable})
        if not self.mentions:
            return "no sentence of the articles read reports a conflict event"
        return "every event mention found was held back (see below why)"


def _held_back_reason() -> pl.Expr:
    """Why a mention made no event: the decide stage's rejection reason (seeds/decision_rules.yaml)."""
    return pl.col("rejection_reason").fill_null("not linked to an event")


def input_outcomes(tables: Mapping[str, pl.DataFrame], languages: list[str] | None) -> InputOutcomes:
    """Articles and mentions followed to events, and what became of the rest."""
    articles = tables.get("articles", pl.DataFrame(schema={"article_id": pl.String}))
    mentions = tables.get("event_mentions")
    links = tables.get("event_sources", pl.DataFrame(schema={"article_id": pl.String, "mention_id": pl.String}))
    outcome = InputOutcomes(articles=articles.height)
    if "duplicate_of" in articles.columns:
        outcome.duplicates = articles["duplicate_of"].is_not_null().sum()
    if languages and "language" in articles.columns:
        outcome.unreadable = unreadable_articles(articles, languages).to_dicts()
    outcome.with_events = links["article_id"].n_unique()
    if mentions is not None:
        outcome.mentions = mentions.height
        held = mentions.filter(~pl.col("mention_id").is_in(links["mention_id"].implode()))
        outcome.mentions_in_events = mentions.height - held.height
        held = held.with_columns(reason=_held_back_reason())
        outcome.held_back = held.group_by("reason").len().sort(["len", "reason"], descending=[True, False]).rows()
        outcome.held_back_examples = held.head(HELD_BACK_EXAMPLES).select("article_id", "evidence", "reason",
                                                                          "event_type").to_dicts()
        with_mentions = mentions["article_id"].n_unique()
        outcome.only_held_back = with_mentions - outcome.with_events
        outcome.without_mentions = max(0, articles.height - outcome.duplicates - len(outcome.unreadable)
                                       - with_mentions)
    quarantine = tables.get("quarantine")
    if quarantine is not None:
        outcome.quarantined = [{"file": PurePath(r["source_path"] or "?").name, "offset": r["record_offset"],
                                "reason": r["reason"]} for r in quarantine.iter_rows(named=True)]
    return outcome


def provenance_view(provenance: Mapping[str, Any]) -> dict[str, Any]:
    """Provenance as a person reads it: code, model, seed files (short hashes) and the inputs."""
    model = provenance.get("spacy_model") or {}
    manifest = provenance.get("input_manifest") or []
    seeds = provenance.get("seed_hashes") or provenance.get("seeds") or {}
    return {
        "code": provenance.get("code_version"),
        "model": " ".join(str(p) for p in (model.get("name"), model.get("version")) if p) or None,
        "languages": ", ".join(model.get("languages") or []) or None,
        "seeds": [(name, str(digest)[:12]) for name, digest in sorted(seeds.items())],
        "inputs": len(manifest),
        "inputs_shown": [(a.get("article_id"), str(a.get("content_hash"))[:12]) for a in manifest[:20]],
        "other": {k: v for k, v in provenance.items()
                  if k not in {"code_version", "spacy_model", "input_manifest", "seed_hashes", "seeds"}},
    }
