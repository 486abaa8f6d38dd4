"""Incremental re-runs and memory: `conflict-events run` twice over the same corpus of N generated articles.

The first run parses everything; the second finds the run's fingerprint unchanged (every file by size and mtime,
the settings and the code: pipeline/warehouse/fingerprint.py) and stops before loading spaCy or Dagster. Wall time
and peak RSS of both runs are reported; compare N=10,000 with N=100,000 to see
whether memory stays flat as the corpus grows.

    uv run --frozen python -m bench.rerun_benchmark --articles 10000 --articles-per-file 1000
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from bench.corpus import synthetic_article
from bench.extract_benchmark import measure

SHORT_PARAGRAPHS = 1  # the lead paragraph only: the benchmark is about bookkeeping, not parse speed


def write_short_corpus(folder: Path, articles: int, per_file: int) -> int:
    """JSONL files of one-paragraph articles; returns the number of words."""
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for first in range(0, articles, per_file):
        with (folder / f"batch-{first // per_file:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for index in range(first, min(first + per_file, articles)):
                record = synthetic_article(index)
                record["text"] = "\n\n".join(record["text"].split("\n\n")[:SHORT_PARAGRAPHS])
                words += len(record["text"].split())
                handle.write(json.dumps(record) + "\n")
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--articles-per-file", type=int, default=1_000)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = args.workdir or Path(temporary)
        words = write_short_corpus(workdir / "articles", args.articles, args.articles_per_file)
        command = [sys.executable, "-m", "pipeline.cli", "run", "--articles", str(workdir / "articles"),
                   "--warehouse", str(workdir / "warehouse")]
        env = dict(os.environ)  # the mention cache is the warehouse's; the gazetteer index is the shared one
        runs = [measure(name, command, args.articles, words, env) for name in ("first run", "no-op re-run")]
    print(f"{args.articles} articles, {words} words")
    print(f"{'run':<16}{'seconds':>9}{'peak RSS MB':>13}")
    for run in runs:
        print(f"{run.name:<16}{run.seconds:>9}{run.peak_rss_mb:>13}")
    print(json.dumps({"articles": args.articles, "words": words, "runs": [r.__dict__ for r in runs]}))


if __name__ == "__main__":
    main()
