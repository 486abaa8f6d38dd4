"""Time `conflict-events extract` against a bare `nlp.pipe` of the same model over the same articles.

Both run as whole processes (start-up and model loading included) on one generated corpus of full-length
articles; the report gives articles/s, words/s, wall time, peak RSS and the ratio bare time / extract time
(> 1 means extract is faster than just parsing everything).

    uv run --frozen python -m bench.extract_benchmark --articles 300
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.corpus import write_corpus

BARE_PARSE = """
import json, sys, spacy
from pipeline.settings import Settings
nlp = spacy.load(Settings().spacy_model)
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
for doc in nlp.pipe(texts, batch_size=32):
    pass
"""


@dataclass(frozen=True)
class Measurement:
    """One whole-process run."""

    name: str
    seconds: float
    peak_rss_mb: float
    articles_per_second: float
    words_per_second: float


def measure(name: str, command: list[str], articles: int, words: int, env: dict[str, str]) -> Measurement:
    """Run a command to completion; wall time and the child's own peak RSS (from wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{name} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return Measurement(name, round(seconds, 2), round(usage.ru_maxrss / 1024, 1), round(articles / seconds, 2),
                       round(words / seconds, 1))


def run(articles: int, workdir: Path) -> dict:
    """Generate the corpus, time both commands, return the report."""
    corpus = write_corpus(workdir / "corpus.jsonl", articles)
    words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
    env = dict(os.environ)  # the shared cache holds the gazetteer index, built once per machine
    bare = measure("bare nlp.pipe", [sys.executable, "-c", BARE_PARSE, str(corpus)], articles, words, env)
    extract = measure("conflict-events extract",
                      [sys.executable, "-m", "pipeline.cli", "extract", "--input", str(corpus),
                       "--output", str(workdir / "mentions.parquet")], articles, words, env)
    return {"articles": articles, "words": words, "cpu_count": os.cpu_count(),
            "runs": [asdict(bare), asdict(extract)],
            "ratio_bare_over_extract": round(bare.seconds / extract.seconds, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workdir", type=Path, help="where the corpus and outputs go (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        report = run(args.articles, args.workdir or Path(temporary))
    print(f"{report['articles']} articles, {report['words']} words, {report['cpu_count']} cores")
    print(f"{'run':<26}{'seconds':>9}{'peak RSS MB':>13}{'articles/s':>12}{'words/s':>10}")
    for row in report["runs"]:
        print(f"{row['name']:<26}{row['seconds']:>9}{row['peak_rss_mb']:>13}{row['articles_per_second']:>12}"
              f"{row['words_per_second']:>10}")
    print(f"ratio (bare seconds / extract seconds): {report['ratio_bare_over_extract']}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
