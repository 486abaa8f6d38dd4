"""Extraction over several processes: the articles are shared out, a few at a time, to forked workers that each run
the whole extraction (prefilter, parse and coding) with the parent's loaded extractor.

spaCy's own `nlp.pipe(n_process=...)` parallelises only the parse, and sends every Doc back to the parent, which
then codes them alone; here only articles go out and mentions come back, so the coding is shared too. Workers are
forked (copy-on-write: the model and gazetteer are not loaded again).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any, Literal, TypeVar

from pipeline.records import Article, QuarantineRecord

ARTICLES_PER_TASK = 4  # small tasks keep both workers busy to the end of a batch
AUTO = "auto"
NProcess = int | Literal["auto"]  # a number of workers, or "auto": chosen by corpus size (worker_count)
Extract = Callable[[list[Article], list[QuarantineRecord] | None], Iterable[Any]]
_extract_in_worker: Extract | None = None  # set in the parent before the fork; workers inherit it
Result = TypeVar("Result")


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def worker_count(n_process: NProcess, articles: int, min_articles_per_process: int, cpus: int | None = None) -> int:
    """The workers to extract ``articles`` with: ``n_process`` itself if it is a number; for "auto", one per
    ``min_articles_per_process`` articles, at most one per usable CPU (a small corpus does not pay for a fork)."""
    if n_process != AUTO:
        return n_process
    if cpus is None:
        cpus = usable_cpus()
    return max(1, min(cpus, articles // min_articles_per_process))


def _run_task(task: tuple[list[Article], bool]) -> tuple[list[Any], list[QuarantineRecord]]:
    articles, keep_failures = task
    failures: list[QuarantineRecord] = []
    mentions = list(_extract_in_worker(articles, failures if keep_failures else None))
    return mentions, failures


def _tasks(articles: Iterable[Article], keep_failures: bool) -> Iterator[tuple[list[Article], bool]]:
    pending = iter(articles)
    while share := list(islice(pending, ARTICLES_PER_TASK)):
        yield share, keep_failures


def extract_in_processes(extract: Extract, articles: Iterable[Article], n_process: int,
                         failures: list[QuarantineRecord] | None) -> Iterator[Any]:
    """Mentions of every article, in article order, from ``n_process`` forked workers running ``extract`` (which
    codes a list of articles, appending failed ones to the list it is given or raising without one)."""
    global _extract_in_worker
    _extract_in_worker = extract
    gc.freeze()  # the garbage collector of a worker must not touch (and so copy) every page it inherited
    try:
        with multiprocessing.get_context("fork").Pool(n_process) as pool:
            for mentions, failed in pool.imap(_run_task, _tasks(articles, failures is not None)):
                if failures is not None:
                    failures.extend(failed)
                yield from mentions
    finally:
        gc.unfreeze()


def started_beside(function: Callable[..., Result], *args: Any, cpus: int | None = None) -> Callable[[], Result]:
    """Start ``function(*args)`` in a forked process while this one goes on (start-up work that needs nothing the
    other does: reading the articles while the models load), when there are two usable CPUs; return what waits for
    and gives its result (raising what it raised). With one CPU it runs when its result is asked for."""
    if (cpus or usable_cpus()) < 2:
        return lambda: function(*args)
    executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = executor.submit(function, *args)

    def result() -> Result:
        try:
            return future.result()
        finally:
            executor.shutdown()

    return result
