"""What a run was made from, so that a run of unchanged inputs can stop before loading spaCy or Dagster.

The fingerprint of a run is the content digest of every article file, seed file and project file (code, SQL,
expectations), the effective settings and the versions of the model and libraries that code the articles. It is
kept in `<warehouse>/last_run.json` beside the summary the run printed, written only after a successful run and
removed when a real run starts. Files are fingerprinted by size and mtime first (pipeline/ingest/files.py), so an
unchanged corpus is not read again; a file touched but not edited still counts as unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipeline.atomic import write_text_atomic
from pipeline.ingest.files import content_of, file_fingerprints
from pipeline.project_files import project_folder

FINGERPRINT_FILE = "last_run.json"
_VERSIONED = ("conflict-events", "spacy", "duckdb", "polars", "dagster")
_CODE = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class RunInputs:
    """File fingerprints by group (articles, seeds, code), and the digest of settings and versions."""

    files: dict[str, dict[str, str]]
    configuration: str

    def digest(self) -> str:
        """One digest of the content: file contents (not their mtimes), settings and versions."""
        contents = {group: {path: content_of(print_) for path, print_ in prints.items()}
                    for group, prints in self.files.items()}
        text = json.dumps({"files": contents, "configuration": self.configuration}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def _versions(model: str) -> dict[str, str]:
    found = {}
    for name in (*_VERSIONED, model):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "absent"
    return found


def _source_prints(folder: Path, previous: dict[str, str]) -> dict[str, str]:
    """Fingerprints of a folder's files, without Python's bytecode caches (written by the run itself)."""
    prints = file_fingerprints(folder, previous) if folder.exists() else {}
    return {path: print_ for path, print_ in prints.items() if "__pycache__" not in Path(path).parts}


def run_inputs(settings, previous: RunInputs | None = None) -> RunInputs:
    """The inputs a run of ``settings`` reads; ``previous`` spares hashing files whose size and mtime match."""
    known = previous.files if previous else {}
    folders = {"articles": settings.articles, "seeds": settings.seeds, "code": _CODE,
               "sql": project_folder("sql"), "expectations": project_folder("expectations")}
    files = {group: _source_prints(Path(folder), known.get(group, {})) for group, folder in folders.items()}
    configuration = json.dumps({"settings": settings.model_dump(mode="json"),
                                "versions": _versions(settings.spacy_model)}, sort_keys=True)
    return RunInputs(files, configuration)


def _stat_print(path: Path) -> str | None:
    """Size and mtime of a file the run wrote, so a replaced or removed output is noticed."""
    try:
        status = path.stat()
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}"


@dataclass(frozen=True)
class LastRun:
    """The fingerprint of the last successful run, what it wrote and the summary it printed."""

    inputs: RunInputs
    outputs: dict[str, str | None]
    summary: list[tuple[str, str]]
    notes: list[str]


def _outputs(settings) -> dict[str, str | None]:
    return {"database": _stat_print(settings.database), "event_numbers": _stat_print(settings.event_numbers)}


def remember_run(settings, inputs: RunInputs, summary: list[tuple[str, str]], notes: list[str]) -> None:
    """Record a successful run's fingerprint and summary in the warehouse."""
    record = {"files": inputs.files, "configuration": inputs.configuration, "outputs": _outputs(settings),
              "summary": summary, "notes": notes}
    write_text_atomic(settings.warehouse / FINGERPRINT_FILE, json.dumps(record, indent=1, sort_keys=True))


def forget_run(settings) -> None:
    """Drop the last run's fingerprint: a run has started, and until it succeeds nothing is known to be current."""
    (settings.warehouse / FINGERPRINT_FILE).unlink(missing_ok=True)


def last_run(settings) -> LastRun | None:
    """The last successful run's record, or None when there is none (or it cannot be read)."""
    try:
        record = json.loads((settings.warehouse / FINGERPRINT_FILE).read_text(encoding="utf-8"))
        return LastRun(RunInputs(record["files"], record["configuration"]), record["outputs"],
                       [tuple(row) for row in record["summary"]], list(record["notes"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def unchanged_since(settings, previous: LastRun | None) -> tuple[bool, RunInputs]:
    """Whether inputs and outputs are as the last successful run left them, and the inputs as they are now."""
    inputs = run_inputs(settings, previous.inputs if previous else None)
    same = (previous is not None and previous.outputs["database"] is not None
            and previous.outputs == _outputs(settings) and previous.inputs.digest() == inputs.digest())
    return same, inputs
