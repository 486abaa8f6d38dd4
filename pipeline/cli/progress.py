"""Progress bars for commands that extract many articles (`extract`, `evaluate`)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from pipeline.cli.common import console

if TYPE_CHECKING:
    from pipeline.extract.mentions import EventMention, Extractor
    from pipeline.records import Article, QuarantineRecord


class _RateColumn(ProgressColumn):
    """Items per second, e.g. "12.3 articles/s"."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed or (task.completed / task.elapsed if task.elapsed else None)
        return Text("–" if speed is None else f"{speed:.1f} articles/s", style="progress.data.speed")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                    TimeElapsedColumn(), console=console)


def extract_with_progress(extractor: Extractor, articles: Sequence[Article], label: str,
                          failures: list[QuarantineRecord] | None = None) -> list[EventMention]:
    """Mentions of every article, with a progress bar advanced after each spaCy batch; prints the rate. Articles
    whose extraction fails go to ``failures`` (see Extractor.extract)."""
    extractor = replace(extractor, n_process=extractor.workers_for(len(articles)))  # chosen once, by corpus size
    chunk = extractor.batch_size * (8 if extractor.n_process > 1 else 1)  # fewer forks of the workers
    mentions: list[EventMention] = []
    started = time.perf_counter()
    with _progress() as progress:
        task = progress.add_task(label, total=len(articles))
        for start in range(0, len(articles), chunk):
            batch = articles[start:start + chunk]
            mentions.extend(extractor.extract(batch, failures))
            progress.advance(task, len(batch))
    elapsed = time.perf_counter() - started
    console.print(f"{len(articles)} articles in {elapsed:.1f} s ({len(articles) / max(elapsed, 1e-9):.1f} articles/s),"
                  f" {len(mentions)} mentions")
    import polars as pl

    from pipeline.extract.languages import can_read, describe_unreadable

    unread = [a for a in articles if a.duplicate_of is None and not can_read(a.language, extractor.languages)]
    if unread:
        frame = pl.DataFrame({"article_id": [a.article_id for a in unread], "language": [a.language for a in unread]})
        console.print(f"articles not read (language): {describe_unreadable(frame)}")
    return mentions
