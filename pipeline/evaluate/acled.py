"""Score extraction against an ACLED export: analysts' notes (artefacts removed) in, gold fields out."""

from __future__ import annotations

import csv
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl
from unidecode import unidecode

from pipeline.evaluate.split import Split, in_split
from pipeline.events.pairs import distance_km
from pipeline.events.reports import reportable_mentions
from pipeline.extract.mentions import EventMention
from pipeline.places.names import name_key, tokens
from pipeline.records import Article
from pipeline.text.sentences import sentence_spans

SAMPLE_SEED = 1
REPORT_WINDOW_DAYS = 60
COORDINATE_TOLERANCE_KM = 25.0
GEO_CHECKS = ("country", "admin1", "admin1_by_name", "coordinates_25km")  # admin1 by gazetteer identity, by name
_SIZE_TAG = re.compile(r"\s*\[size=[^\]]*\]", re.IGNORECASE)
_CODED_TO = re.compile(r"\s*\((?:[^()]*\b)?coded (?:to|as)\b[^()]*\)", re.IGNORECASE)
_CODING_SENTENCE = re.compile(r"\b(?:coded as|coded to|split (?:up )?between|spread (?:across|between|over))\b",
                              re.IGNORECASE)
_YEAR_RANGE = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_DATE_FORMATS = ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d/%m/%Y")


@dataclass(frozen=True)
class GoldEvent:
    """The gold coding of one ACLED row, with its notes turned into an article."""

    article: Article
    event_date: date
    event_type: str
    sub_event_type: str
    country: str
    admin1: str
    latitude: float | None
    longitude: float | None
    fatalities: int
    actors: tuple[str, ...]
    admin2: str = ""
    location: str = ""

    @property
    def names_place(self) -> bool:
        """Whether the text itself names the gold place (its location, admin2 or admin1), so the answer is there."""
        words = f" {' '.join(tokens(self.article.text))} "
        return any(f" {' '.join(tokens(name))} " in words for name in (self.location, self.admin2, self.admin1)
                   if tokens(name))


def clean_notes(notes: str, sub_event_types: Iterable[str] = ()) -> str:
    """Notes without the analysts' coding artefacts that real articles never contain."""
    text = _CODED_TO.sub("", _SIZE_TAG.sub("", notes)).strip()
    for label in sub_event_types:
        if text.lower().startswith(label.lower() + ":"):
            text = text[len(label) + 1:].lstrip()
    kept = [text[start:end] for start, end in sentence_spans(text) if not _CODING_SENTENCE.search(text[start:end])]
    return " ".join(kept).strip()


def parse_acled_date(value: str) -> date:
    """ACLED export dates in any of the formats its exports have used."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised ACLED date {value!r}")


def report_date(event_date: date, timestamp: str | None) -> date:
    """The row's upload date when it is a plausible report date (0-60 days after the event), else the event date."""
    if timestamp and timestamp.strip().isdigit():
        uploaded = datetime.fromtimestamp(int(timestamp), tz=UTC).date()
        if timedelta(0) <= uploaded - event_date <= timedelta(days=REPORT_WINDOW_DAYS):
            return uploaded
    return event_date


def normalize_actor(name: str | None) -> str:
    """Actor name compared without year ranges such as "(2014-)" and without case."""
    return _YEAR_RANGE.sub("", name or "").strip().casefold()


def gold_row_id(row: dict[str, str]) -> str:
    """The id of an ACLED row (event_id_cnty, else data_id): what the tune/report split hashes."""
    return row.get("event_id_cnty") or row.get("data_id") or ""


def load_gold(path: Path, sub_event_types: Iterable[str], limit: int | None = None,
              split: Split = "all") -> list[GoldEvent]:
    """Gold events from an ACLED CSV, restricted to one part of the fixed tune/report split; with a limit, a fixed
    random sample (seed 1) of that many rows of it."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = in_split(csv.DictReader(handle), split, gold_row_id)
    if limit is not None:
        random.Random(SAMPLE_SEED).shuffle(rows)
        rows = rows[:limit]
    labels = list(sub_event_types)
    gold = []
    for row in rows:
        event_day = parse_acled_date(row["event_date"])
        published = report_date(event_day, row.get("timestamp"))
        article = Article(
            article_id=gold_row_id(row) or str(len(gold)),
            text=clean_notes(row.get("notes") or "", labels),
            published_at=datetime(published.year, published.month, published.day, tzinfo=UTC),
            source=row.get("source"),
            language="en",
        )
        gold.append(GoldEvent(
            article=article, event_date=event_day, event_type=row["event_type"],
            sub_event_type=row["sub_event_type"], country=row["country"], admin1=row.get("admin1") or "",
            latitude=float(row["latitude"]) if row.get("latitude") else None,
            longitude=float(row["longitude"]) if row.get("longitude") else None,
            fatalities=int(row.get("fatalities") or 0),
            actors=tuple(a for a in (row.get("actor1"), row.get("actor2")) if a),
            admin2=row.get("admin2") or "", location=row.get("location") or "",
        ))
    return gold


def main_mention(mentions: Sequence[EventMention]) -> EventMention | None:
    """The article's main event: the most confident coded mention, preferring reported over background ones."""
    coded = [m for m in mentions if m.event_type is not None]
    return max(coded, key=lambda m: (not m.is_background, m.confidence, -m.sentence_start), default=None)


def macro_f1(pairs: Sequence[tuple[str, str]]) -> float:
    """Macro-averaged F1 over the labels present in gold or prediction."""
    labels = {g for g, _ in pairs} | {p for _, p in pairs if p}
    scores = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


@dataclass
class Scores:
    """Per-field agreement of main mentions with gold rows, and the event-type confusion counts."""

    rows: int = 0
    fields: dict[str, float] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)
    details: list[dict] = field(default_factory=list)


def score(gold: Sequence[GoldEvent], mentions_by_article: dict[str, list[EventMention]],
          same_admin1: Callable[..., bool] | None = None) -> Scores:
    """Compare each gold row with its article's main mention; `same_admin1(ours, gold, country_iso=…)` decides
    whether two admin1 names denote one unit (default: equal match keys)."""
    same_admin1 = same_admin1 or (lambda ours, theirs, country_iso=None: name_key(ours or "") == name_key(theirs))
    hits: Counter = Counter()
    actor_total = actor_found = 0
    sub_type_pairs: list[tuple[str, str]] = []
    result = Scores(rows=len(gold))
    for event in gold:
        main = main_mention(mentions_by_article.get(event.article.article_id, []))
        predicted_type = main.event_type if main else ""
        sub_type_pairs.append((event.sub_event_type, main.sub_event_type if main else ""))
        result.confusion[(event.event_type, predicted_type or "(none)")] += 1
        predicted_actors = {normalize_actor(a) for a in ((main.actor1, main.actor2) if main else ()) if a}
        found = [normalize_actor(a) in predicted_actors for a in event.actors]
        actor_total += len(found)
        actor_found += sum(found)
        near = bool(main and main.latitude is not None and event.latitude is not None and distance_km(
            main.latitude, main.longitude, event.latitude, event.longitude) <= COORDINATE_TOLERANCE_KM)
        checks = {
            "event_detected": main is not None,
            "event_type": predicted_type == event.event_type,
            "country": bool(main) and main.country == event.country,
            "admin1": bool(main) and same_admin1(main.admin1, event.admin1, country_iso=main.iso),
            "admin1_by_name": bool(main) and acled_spelling(main.admin1) == acled_spelling(event.admin1),
            "coordinates_25km": near,
            "event_date": bool(main) and main.event_date == event.event_date,
            "fatalities": bool(main) and main.fatalities == event.fatalities,
        }
        hits.update(name for name, ok in checks.items() if ok)
        result.details.append(_detail_row(event, main, checks))
    total = max(len(gold), 1)
    result.fields = {
        "event_detected": hits["event_detected"] / total,
        "event_type": hits["event_type"] / total,
        "sub_event_type_macro_f1": macro_f1(sub_type_pairs),
        "country": hits["country"] / total,
        "admin1": hits["admin1"] / total,
        "admin1_by_name": hits["admin1_by_name"] / total,
        "coordinates_25km": hits["coordinates_25km"] / total,
        "event_date": hits["event_date"] / total,
        "fatalities": hits["fatalities"] / total,
        "actors": actor_found / actor_total if actor_total else 0.0,
    }
    named = [row for row in result.details if row["names_place"]]
    result.fields |= {f"named_{check}": sum(row[f"ok_{check}"] for row in named) / max(len(named), 1)
                      for check in GEO_CHECKS}
    return result


def _detail_row(event: GoldEvent, main: EventMention | None, checks: dict[str, bool]) -> dict:
    """Gold and predicted values of one row, with its checks, for `--details`."""
    return {
        "article_id": event.article.article_id, **{f"ok_{k}": v for k, v in checks.items()},
        "gold_type": event.sub_event_type, "pred_type": main.sub_event_type if main else None,
        "gold_country": event.country, "pred_country": main.country if main else None,
        "gold_admin1": event.admin1, "pred_admin1": main.admin1 if main else None,
        "gold_location": event.location, "pred_location": main.location if main else None,
        "names_place": event.names_place,
        "gold_date": event.event_date, "pred_date": main.event_date if main else None,
        "gold_fatalities": event.fatalities, "pred_fatalities": main.fatalities if main else None,
        "gold_actors": " | ".join(event.actors),
        "pred_actors": " | ".join(a or "" for a in ((main.actor1, main.actor2) if main else ())),
        "text": event.article.text,
    }


def acled_spelling(name: str | None) -> str:
    """A name as ACLED spells it, accents, case and spacing aside ("Extrême-Nord" = "extreme-nord")."""
    return " ".join(unidecode(name or "").replace("’", "'").casefold().split())


def geocoding_table(details: Sequence[dict], by_country: bool = False) -> list[tuple[str, int, dict, int, dict]]:
    """Rows (label, rows, end-to-end shares, rows whose text names the gold place, shares on those) for all rows
    and, with by_country, per gold country (most rows first)."""
    groups: dict[str, list[dict]] = {"all": list(details)}
    if by_country:
        for row in sorted(details, key=lambda r: r["gold_country"]):
            groups.setdefault(row["gold_country"], []).append(row)

    def shares(rows: list[dict]) -> dict[str, float]:
        return {check: sum(row[f"ok_{check}"] for row in rows) / max(len(rows), 1) for check in GEO_CHECKS}

    table = []
    for label, rows in sorted(groups.items(), key=lambda item: (item[0] != "all", -len(item[1]), item[0])):
        named = [row for row in rows if row["names_place"]]
        table.append((label, len(rows), shares(rows), len(named), shares(named)))
    return table


def format_scores(scores: Scores, by_country: bool = False) -> str:
    """Plain-text report: per-field scores, geocoding (per country with by_country), then the event-type
    confusion summary."""
    lines = [f"rows scored: {scores.rows}", "", f"{'field':<26}score"]
    lines += [f"{name:<26}{value:.3f}" for name, value in scores.fields.items()]
    lines += ["", "geocoding: end to end | rows whose text names the gold place (location, admin2 or admin1)",
              f"{'country':<28}{'rows':>5}{'ctry':>6}{'adm1':>6}{'name':>6}{'25km':>6} |{'rows':>5}"
              f"{'ctry':>6}{'adm1':>6}{'name':>6}{'25km':>6}"]
    for label, rows, overall, named_rows, named in geocoding_table(scores.details, by_country):
        lines.append(f"{label[:27]:<28}{rows:>5}" + "".join(f"{overall[c]:>6.2f}" for c in GEO_CHECKS)
                     + f" |{named_rows:>5}" + "".join(f"{named[c]:>6.2f}" for c in GEO_CHECKS))
    gold_types = sorted({g for g, _ in scores.confusion})
    predicted_types = sorted({p for _, p in scores.confusion})
    short = {t: t.split("/")[0].split(" ")[0][:10] for t in predicted_types}
    lines += ["", "event_type confusion (rows: gold, columns: predicted)",
              f"{'':<28}" + "".join(f"{short[p]:>11}" for p in predicted_types)]
    for gold_type in gold_types:
        lines.append(f"{gold_type[:27]:<28}" + "".join(
            f"{scores.confusion.get((gold_type, p), 0):>11}" for p in predicted_types))
    return "\n".join(lines)


def type_calibration_pairs(gold: Sequence[GoldEvent], mentions: pl.DataFrame) -> list[tuple[float, bool]]:
    """(confidence, event type matches the row's) for every mention that becomes an event at any confidence."""
    gold_types = {g.article.article_id: g.event_type for g in gold}
    counted = reportable_mentions(mentions, 0.0)
    return [(confidence, gold_types.get(article_id) == event_type)
            for article_id, event_type, confidence in counted.select("article_id", "event_type", "confidence")
            .iter_rows()]
