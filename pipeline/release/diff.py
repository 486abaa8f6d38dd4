"""Differences between two releases, keyed by stable event_id, and the SemVer bump they imply."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from pipeline.release.catalog import ReleaseContent, load_release
from pipeline.tables import EVENTS

(EVENT_ID,) = EVENTS.key
SUMMARY_COLUMNS = ("country", "event_type")
LISTED_IDS = 200  # CHANGES.md lists at most this many ids per section; changes.json has all



@dataclass
class ReleaseDiff:
    """Event-level and schema-level changes from `old_version` to `new_version`."""

    old_version: str | None
    new_version: str | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # event_id → changed fields
    summary: list[dict[str, Any]] = field(default_factory=list)  # per country and event_type
    schema_changes: list[str] = field(default_factory=list)
    table_changes: dict[str, str] = field(default_factory=dict)  # other tables that differ
    bump: str = "none"  # "initial" | "major" | "minor" | "patch" | "none"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _schema_changes(old: ReleaseContent, new: ReleaseContent) -> tuple[list[str], bool]:
    """Readable schema differences and whether any is incompatible (MAJOR)."""
    notes, incompatible = [], False
    for name in sorted(old.fields.keys() | new.fields.keys()):
        if name not in new.fields:
            notes.append(f"resource {name} removed")
            incompatible = True
        elif name not in old.fields:
            notes.append(f"resource {name} added")
        elif old.fields[name] != new.fields[name]:
            before, after = dict(old.fields[name]), dict(new.fields[name])
            for column in sorted(before.keys() - after.keys()):
                notes.append(f"{name}.{column} removed")
            for column in sorted(after.keys() - before.keys()):
                notes.append(f"{name}.{column} added")
            for column in sorted(before.keys() & after.keys()):
                if before[column] != after[column]:
                    notes.append(f"{name}.{column} type {before[column]} → {after[column]}")
            if [c for c, _ in old.fields[name] if c in after] != [
                c for c, _ in new.fields[name] if c in before
            ]:
                notes.append(f"{name} fields re-ordered")
            incompatible = True
    return notes, incompatible


def _changed_fields(old: pl.DataFrame, new: pl.DataFrame) -> dict[str, list[str]]:
    """event_id → fields whose values differ, for events present in both frames."""
    compared = [c for c in new.columns if c in old.columns and c != EVENT_ID]
    if not compared:
        return {}
    joined = old.select(EVENT_ID, *compared).join(
        new.select(EVENT_ID, *compared), on=EVENT_ID, how="inner", suffix="__new"
    )
    differs = []
    for column in compared:
        before, after = pl.col(column), pl.col(f"{column}__new")
        if joined.schema[column] != joined.schema[f"{column}__new"]:
            before, after = before.cast(pl.String), after.cast(pl.String)
        differs.append(before.ne_missing(after).alias(column))
    flags = joined.select(pl.col(EVENT_ID), *differs).filter(pl.any_horizontal(compared))
    return {
        row[EVENT_ID]: [column for column in compared if row[column]]
        for row in flags.sort(EVENT_ID).iter_rows(named=True)
    }


def _summary(
    old: pl.DataFrame, new: pl.DataFrame, added: list[str], removed: list[str], changed: list[str]
) -> list[dict[str, Any]]:
    """Counts of added/removed/changed events per country and event_type."""

    def labelled(frame: pl.DataFrame, ids: list[str], kind: str) -> pl.DataFrame:
        present = [c for c in SUMMARY_COLUMNS if c in frame.columns]
        rows = frame.filter(pl.col(EVENT_ID).is_in(ids)).select(present)
        missing = [pl.lit(None, dtype=pl.String).alias(c) for c in SUMMARY_COLUMNS if c not in present]
        return rows.with_columns(missing, kind=pl.lit(kind)).select(
            [pl.col(c).cast(pl.String) for c in SUMMARY_COLUMNS] + [pl.col("kind")]
        )

    stacked = pl.concat(
        [labelled(new, added, "added"), labelled(old, removed, "removed"), labelled(new, changed, "changed")]
    )
    if stacked.is_empty():
        return []
    counts = (
        stacked.group_by(*SUMMARY_COLUMNS)
        .agg((pl.col("kind") == kind).sum().alias(kind) for kind in ("added", "removed", "changed"))
        .sort(*SUMMARY_COLUMNS, nulls_last=True)
    )
    return counts.to_dicts()


def _table_changes(old: ReleaseContent, new: ReleaseContent) -> tuple[dict[str, str], bool]:
    """Non-event tables whose content differs, and whether any gained rows (new data → MINOR)."""
    notes, grew = {}, False
    for name in sorted(old.tables.keys() & new.tables.keys() - {"events"}):
        before, after = old.tables[name], new.tables[name]
        if before.schema == after.schema and before.equals(after):
            continue
        notes[name] = f"{before.height} → {after.height} rows, content changed"
        grew = grew or after.height > before.height
    return notes, grew


def compare_releases(old: ReleaseContent | None, new: ReleaseContent) -> ReleaseDiff:
    """Diff `new` against `old` (None: first release) and classify it per the Data Package Version recipe.

    MAJOR: a resource removed, fields added/removed/re-ordered/retyped, or event ids withdrawn.
    MINOR: new resources, new events, or more rows in another table.  PATCH: corrections only.
    """
    new_events = new.tables.get("events", pl.DataFrame({EVENT_ID: []}, schema={EVENT_ID: pl.String}))
    if old is None:
        added = sorted(new_events[EVENT_ID])
        summary = _summary(new_events.clear(), new_events, added, [], [])
        return ReleaseDiff(None, new.version, added=added, summary=summary, bump="initial")
    old_events = old.tables.get("events", new_events.clear())
    old_ids, new_ids = set(old_events[EVENT_ID]), set(new_events[EVENT_ID])
    added, removed = sorted(new_ids - old_ids), sorted(old_ids - new_ids)
    changed = _changed_fields(old_events, new_events)
    schema_notes, incompatible = _schema_changes(old, new)
    table_notes, grew = _table_changes(old, new)
    events_equal = old_events.schema == new_events.schema and old_events.equals(new_events)
    if incompatible or removed:
        bump = "major"
    elif added or grew or schema_notes:
        bump = "minor"
    elif changed or table_notes or not events_equal:
        bump = "patch"
    else:
        bump = "none"
    return ReleaseDiff(
        old_version=old.version,
        new_version=new.version,
        added=added,
        removed=removed,
        changed=changed,
        summary=_summary(old_events, new_events, added, removed, list(changed)),
        schema_changes=schema_notes,
        table_changes=table_notes,
        bump=bump,
    )


def next_version(previous: str | None, bump: str) -> str:
    """SemVer following `previous` for a bump of the given kind; 1.0.0 for the first release."""
    if previous is None:
        return "1.0.0"
    major, minor, patch = (int(part) for part in previous.split("."))
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def diff_releases(old: Path, new: Path) -> ReleaseDiff:
    """Diff two published release folders."""
    return compare_releases(load_release(old), load_release(new))


def _id_list(ids: list[str]) -> list[str]:
    lines = [f"- `{event_id}`" for event_id in ids[:LISTED_IDS]]
    if len(ids) > LISTED_IDS:
        lines.append(f"- … and {len(ids) - LISTED_IDS} more (see changes.json)")
    return lines


def format_diff(diff: ReleaseDiff) -> str:
    """Markdown change log for a diff (the CHANGES.md of a release)."""
    title = f"# Changes in {diff.new_version or 'new release'}"
    added = f"{len(diff.added)} event{'' if len(diff.added) == 1 else 's'}"
    if diff.bump == "initial":
        lines = [title, "", f"Initial release: {added}."]
    elif diff.bump == "none":
        lines = [title, "", f"Compared with {diff.old_version}: no changes, the content is the same."]
    else:
        lines = [
            title,
            "",
            f"Compared with {diff.old_version}: {diff.bump} release. {added} added, "
            f"{len(diff.removed)} removed, {len(diff.changed)} changed.",
        ]
    if diff.schema_changes:
        lines += ["", "## Schema changes", ""] + [f"- {note}" for note in diff.schema_changes]
    if diff.table_changes:
        lines += ["", "## Other tables", ""]
        lines += [f"- {name}: {note}" for name, note in diff.table_changes.items()]
    if diff.summary:
        lines += ["", "## By country and event type", ""]
        lines += ["| country | event_type | added | removed | changed |", "|---|---|---|---|---|"]
        for row in diff.summary:
            lines.append(
                f"| {row['country'] or ''} | {row['event_type'] or ''} | "
                f"{row['added']} | {row['removed']} | {row['changed']} |"
            )
    if diff.added and diff.bump != "initial":
        lines += ["", "## Added events", "", *_id_list(diff.added)]
    if diff.removed:
        lines += ["", "## Removed events", "", *_id_list(diff.removed)]
    if diff.changed:
        lines += ["", "## Changed events", ""]
        changed_ids = list(diff.changed)
        for event_id in changed_ids[:LISTED_IDS]:
            lines.append(f"- `{event_id}`: {', '.join(diff.changed[event_id])}")
        if len(changed_ids) > LISTED_IDS:
            lines.append(f"- … and {len(changed_ids) - LISTED_IDS} more (see changes.json)")
    return "\n".join(lines) + "\n"
