"""One writer per warehouse: an OS-level lock (fcntl.flock) on `<warehouse>/.writer.lock`.

Every command or run that writes the warehouse holds it exclusively, so two runs never interleave. A run of one
partition of a partitioned asset, which writes only that partition's own files, holds it shared: partitions run
in parallel with each other, never with an exclusive writer. The lock is re-entrant within a process (the
`run` command takes it, then the Dagster run it starts takes it again), and the kernel drops it when the holder
dies, so a killed run never leaves the warehouse locked. The first exclusive holder sweeps what killed writers
left behind.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import sweep_leftovers

LOCK_FILE = ".writer.lock"
POLL_SECONDS = 0.5


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse's writer lock (and the caller chose not to wait)."""


@dataclass
class _Held:
    descriptor: int
    exclusive: bool
    depth: int


_held: dict[Path, _Held] = {}
_registry = threading.Lock()


def lock_path(warehouse: Path) -> Path:
    return Path(warehouse).resolve() / LOCK_FILE


def holder(warehouse: Path) -> str:
    """Who holds (or last held) the exclusive lock, as written in the lock file, for messages."""
    try:
        return lock_path(warehouse).read_text(encoding="utf-8").strip() or "another process"
    except OSError:
        return "another process"


def _try_flock(descriptor: int, exclusive: bool) -> bool:
    try:
        fcntl.flock(descriptor, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _acquire(path: Path, exclusive: bool, wait: bool, on_wait: Callable[[str], None] | None) -> _Held:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_flock(descriptor, exclusive):
            message = f"the warehouse {path.parent} is being written by {holder(path.parent)}"
            if not wait:
                raise WarehouseBusyError(message)
            if on_wait:
                on_wait(f"{message}; waiting for it to finish")
            while not _try_flock(descriptor, exclusive):
                time.sleep(POLL_SECONDS)
        if exclusive:
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
            sweep_leftovers(path.parent)
    except BaseException:
        os.close(descriptor)
        raise
    return _Held(descriptor, exclusive, 0)


@contextmanager
def writer_lock(warehouse: Path, *, shared: bool = False, wait: bool = True,
                on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the warehouse's writer lock (exclusive unless ``shared``) for the block.

    Blocks while another process holds it (calling ``on_wait`` once with a message), or raises
    WarehouseBusyError when ``wait`` is false. Re-entrant within a process; an exclusive hold covers shared
    requests, but a shared hold cannot be upgraded (RuntimeError).
    """
    path = lock_path(warehouse)
    with _registry:
        held = _held.get(path)
        if held is not None and not shared and not held.exclusive:
            raise RuntimeError(f"{path} is held shared by this process; it cannot be upgraded to exclusive")
        if held is None:
            held = _held[path] = _acquire(path, not shared, wait, on_wait)
        held.depth += 1
    try:
        yield
    finally:
        with _registry:
            held.depth -= 1
            if held.depth == 0:
                del _held[path]
                if held.exclusive:
                    os.ftruncate(held.descriptor, 0)
                os.close(held.descriptor)  # closing the last descriptor releases the flock
