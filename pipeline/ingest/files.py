"""The files of an articles source, why an entry cannot be read, and change detection by fingerprint.

A fingerprint is `SIZE:MTIME_NS:SHA256` for a readable file and `!REASON` for an entry that is not read (a
dangling or looping symlink, a link out of the corpus or to a folder, a special file). Change detection looks at
size and modification time first and hashes only files whose stat changed, so a re-run or a sensor tick does not
read an unchanged corpus (nor a huge quarantined file) again; a file touched but not edited keeps its content
digest and counts as unchanged.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time
from collections.abc import Mapping
from pathlib import Path

RACY_NANOSECONDS = 2_000_000_000  # a file modified this recently may change again within its mtime tick
UNREADABLE = "!"


def source_files(source: str | Path) -> list[Path]:
    """The file itself, or every non-hidden entry under the folder that is not a real folder (files, symlinks
    and special files), in sorted relative-path order. Symlinked folders are listed, never descended into."""
    root = Path(source)
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise FileNotFoundError(f"no such file or folder: {root}")
    found = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        base = Path(folder)
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        links_to_folders = [name for name in subfolders if (base / name).is_symlink()]
        found += [base / name for name in [*files, *links_to_folders] if not name.startswith(".")]
    return sorted(found, key=lambda path: path.relative_to(root).as_posix())


def unreadable_reason(path: Path, root: Path | None = None) -> str | None:
    """Why a corpus entry is not read, or None for a regular file (or a symlink to one inside ``root``)."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return "symbolic link loop"
        except OSError as error:
            if error.errno == errno.ELOOP:
                return "symbolic link loop"
            return f"dangling symbolic link (target {os.readlink(path)} does not exist)"
        if target.is_dir():
            return f"symbolic link to a folder is not followed (target {target})"
        if root is not None and root.is_dir() and not target.is_relative_to(root.resolve()):
            return f"symbolic link to a file outside the articles folder is not followed (target {target})"
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"cannot read file: {error.strerror or error}"
    return None if stat.S_ISREG(mode) else "not a regular file (device, socket or pipe)"


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def file_fingerprint(path: str | Path, previous: str | None = None, root: Path | None = None) -> str:
    """The entry's fingerprint; ``previous`` (its last fingerprint) is reused when size and mtime are unchanged."""
    path = Path(path)
    if reason := unreadable_reason(path, root):
        return UNREADABLE + reason
    try:
        status = path.stat()
        prefix = f"{status.st_size}:{status.st_mtime_ns}:"
        if previous and previous.startswith(prefix):
            return previous
        digest = _sha256(path)
    except OSError as error:
        return f"{UNREADABLE}cannot read file: {error.strerror or error}"
    racy = time.time_ns() - status.st_mtime_ns < RACY_NANOSECONDS
    return f"::{digest}" if racy else prefix + digest  # a racy entry is hashed again next time


def file_fingerprints(source: str | Path, previous: Mapping[str, str] | None = None) -> dict[str, str]:
    """Fingerprint of every entry iter_articles would read from ``source``, keyed like Article.source_path;
    ``previous`` fingerprints are reused for entries whose size and mtime did not change."""
    root, known = Path(source), previous or {}
    return {str(path): file_fingerprint(path, known.get(str(path)), root) for path in source_files(source)}


def content_of(fingerprint: str) -> str:
    """The part of a fingerprint that says what the file holds (its digest, or why it is not read)."""
    return fingerprint if fingerprint.startswith(UNREADABLE) else fingerprint.rsplit(":", 1)[-1]


def same_content(first: str | None, second: str | None) -> bool:
    """Whether two fingerprints of one path describe the same content."""
    return first is not None and second is not None and content_of(first) == content_of(second)
