"""What the warehouse holds: the tables loaded from staging, and the aggregates and views of sql/, each with
the tables it reads (found in its SQL text) and its description (the script's first comment line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.warehouse.storage import SQL_DIR

# Warehouse table → the staged files it is loaded from (staging/<name>.parquet), each with the asset that writes it;
# the quarantine gathers every stage's rejects.
LOADED_TABLES: dict[str, dict[str, str]] = {
    "articles": {"articles": "raw_articles"},
    "quarantine": {"quarantine": "quarantine", "extract_quarantine": "event_mentions"},
    "event_mentions": {"event_mentions": "event_mentions"},
    "normalized_mentions": {"normalized_mentions": "normalized_mentions"},
    "events": {"events": "events"},
    "event_sources": {"event_sources": "event_sources"},
}
SCRIPT_GROUPS = ("aggregates", "views")  # built in this order, after the loaded tables

_CREATES = re.compile(r"CREATE\s+OR\s+REPLACE\s+(TABLE|VIEW)\s+(\w+)", re.IGNORECASE)
_READS = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)", re.IGNORECASE)


@dataclass(frozen=True)
class SqlObject:
    """A table or view created by one script of sql/aggregates or sql/views."""

    name: str
    kind: str  # "table" or "view"
    description: str
    reads: tuple[str, ...]


def sql_objects() -> list[SqlObject]:
    """Every aggregate and view, in build order."""
    found = []
    for group in SCRIPT_GROUPS:
        for script in sorted((SQL_DIR / group).glob("*.sql")):
            text = script.read_text(encoding="utf-8")
            kind, name = _CREATES.search(text).groups()
            known = {*LOADED_TABLES, *(o.name for o in found)}
            reads = tuple(sorted({table for table in _READS.findall(text) if table in known}))
            description = text.splitlines()[0].removeprefix("--").strip()
            found.append(SqlObject(name, kind.lower(), description, reads))
    return found
