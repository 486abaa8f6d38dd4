"""The one way this project writes files: into a hidden temporary sibling, fsync, then an atomic rename.

A reader sees the old content or the new, never a part. A killed writer leaves only hidden temporaries
(`.NAME.PID.RANDOM.tmp`, `.staging-NAME-RANDOM/`), which `sweep_leftovers` removes at the next start.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Hidden leftovers of a killed writer: temporary files and folders of this module, and older layouts of them
# (the DuckDB `.building` file with its write-ahead log, the `latest` pointer's staging link).
LEFTOVER = re.compile(r"^\..+\.tmp(?:\.wal)?$|^\..+\.building(?:\.wal)?$|^\.staging-.+|^\.latest-\d+$")
NOT_SWEPT = {".dagster_home"}  # Dagster's own storage manages its files


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's content (a folder: its entries) to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            fsync_path(path)
    fsync_path(folder)


def _temporary_name(target: Path) -> Path:
    """A fresh hidden name beside ``target``; not created, so the writer creates it with the usual permissions."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")


@contextmanager
def atomic_path(target: Path, *, directory: bool = False) -> Iterator[Path]:
    """A temporary path beside ``target`` to write (a file, which the caller creates, or with ``directory`` a
    folder); on success it is fsynced and renamed over ``target``, on failure removed.

    A folder never replaces an existing one (releases are never overwritten): FileExistsError.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if directory:
        if target.exists():
            raise FileExistsError(f"{target} already exists; it is never overwritten")
        temporary = Path(tempfile.mkdtemp(prefix=f".staging-{target.name}-", dir=target.parent))
    else:
        temporary = _temporary_name(target)
    try:
        yield temporary
        if directory:
            os.chmod(temporary, 0o755)
            _fsync_tree(temporary)
            os.rename(temporary, target)  # fails if a folder appeared meanwhile: never replaces one
        else:
            fsync_path(temporary)
            os.replace(temporary, target)
        fsync_path(target.parent)
    finally:
        if temporary.is_dir():
            shutil.rmtree(temporary, ignore_errors=True)
        else:
            temporary.unlink(missing_ok=True)
        temporary.with_name(temporary.name + ".wal").unlink(missing_ok=True)


@contextmanager
def scratch_path(beside: Path) -> Iterator[Path]:
    """A hidden temporary file name next to ``beside`` for intermediate data; always removed afterwards."""
    beside.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(beside)
    try:
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return path


def write_text_atomic(path: Path, text: str) -> Path:
    """Replace ``path`` with UTF-8 ``text`` atomically."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def replace_atomic(source: Path, target: Path) -> Path:
    """Move a finished file (in the same file system) over ``target`` atomically, flushed to disk."""
    fsync_path(source)
    os.replace(source, target)
    fsync_path(target.parent)
    return target


def sweep_leftovers(root: Path) -> list[Path]:
    """Remove the hidden temporaries killed writers left under ``root``; returns what was removed.

    Only safe while holding the warehouse's exclusive writer lock (no writer can be mid-write).
    """
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    for folder, subfolders, files in os.walk(root):
        base = Path(folder)
        for name in [*subfolders]:
            if name in NOT_SWEPT:
                subfolders.remove(name)
            elif LEFTOVER.match(name):
                shutil.rmtree(base / name, ignore_errors=True)
                subfolders.remove(name)
                removed.append(base / name)
        for name in files:
            if LEFTOVER.match(name):
                (base / name).unlink(missing_ok=True)
                removed.append(base / name)
    return sorted(removed)
