"""Time `conflict-events extract` against a bare `nlp.pipe` of the same model over the same articles.

Both run as whole processes (start-up and model loading included), alternated (bare, extract, bare, extract, …) so
that both see the same machine load; the figure is the median over the repeats of bare time / extract time (> 1
means extract is faster than just parsing everything). Each run's CPU seconds (user + sys of the child, from wait4)
are reported beside: on a shared machine their ratio moves far less than the wall-time one. Corpora: `news-bench`
(real full articles of riot coverage, ../shared/data/news-bench), `glocon` (real wire stories,
../shared/data/glocon-dev) and `synthetic` (generated full-length articles); the real ones are licensed, read in
place and never copied into the project.

    uv run --frozen python -m bench.extract_benchmark --corpus news-bench --repeats 3
    uv run --frozen python -m bench.extract_benchmark --corpus synthetic --articles 300
    uv run --frozen python -m bench.extract_benchmark --corpus news-bench --articles 150 --scaling 2
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from bench.corpus import write_corpus

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
REAL_CORPORA = {"news-bench": SHARED_DATA / "news-bench" / "india_riots_2002.jsonl",
                "glocon": SHARED_DATA / "glocon-dev" / "sapa_protest_docs.jsonl"}

_EXTRACTION_SECONDS = re.compile(r"\d+ articles in ([\d.]+) s")  # extract's own timing: start-up left out
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
    cpu_seconds: float  # user + sys of the process
    peak_rss_mb: float
    articles_per_second: float
    words_per_second: float


def measure(name: str, command: list[str], articles: int, words: int, env: dict[str, str],
            stderr: TextIO | None = None) -> Measurement:
    """Run a command to completion; wall time and the child's own peak RSS (from wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{name} failed with exit code {os.waitstatus_to_exitcode(status)}")
    return Measurement(name, round(seconds, 2), round(usage.ru_utime + usage.ru_stime, 2),
                       round(usage.ru_maxrss / 1024, 1), round(articles / seconds, 2), round(words / seconds, 1))


def corpus_file(corpus: str, articles: int | None, workdir: Path) -> Path:
    """The JSON-lines corpus to time: the first `articles` of a real one (all by default), or generated ones."""
    if corpus == "synthetic":
        return write_corpus(workdir / "corpus.jsonl", articles or 300)
    source = REAL_CORPORA[corpus]
    if not source.exists():
        raise SystemExit(f"{source} is absent (licensed data, read from ../shared only)")
    if articles is None:
        return source
    target = workdir / "corpus.jsonl"
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        out.writelines(islice(lines, articles))
    return target


def run(corpus: str, articles: int | None, repeats: int, workdir: Path) -> dict:
    """Time both commands `repeats` times, alternated, on the corpus; return the report."""
    path = corpus_file(corpus, articles, workdir)
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    count, words = len(texts), sum(len(text.split()) for text in texts)
    env = dict(os.environ)  # the shared cache holds the gazetteer index, built once per machine
    runs, ratios, cpu_ratios = [], [], []
    for _ in range(repeats):
        bare = measure("bare nlp.pipe", [sys.executable, "-c", BARE_PARSE, str(path)], count, words, env)
        extract = measure("conflict-events extract",
                          [sys.executable, "-m", "pipeline.cli", "extract", "--input", str(path),
                           "--output", str(workdir / "mentions.parquet")], count, words, env)
        runs += [asdict(bare), asdict(extract)]
        ratios.append(round(bare.seconds / extract.seconds, 3))
        cpu_ratios.append(round(bare.cpu_seconds / extract.cpu_seconds, 3))
    return {"corpus": corpus, "articles": count, "words": words, "cpu_count": os.cpu_count(),
            "load_average": os.getloadavg(), "runs": runs, "ratios": ratios,
            "ratio_bare_over_extract": statistics.median(ratios), "cpu_ratios": cpu_ratios,
            "cpu_ratio_bare_over_extract": statistics.median(cpu_ratios)}


def scaling(corpus: str, articles: int | None, repeats: int, workdir: Path, processes: int) -> dict:
    """Time `conflict-events extract` with one worker and with ``processes`` workers (spacy_n_process),
    alternated; the figure is the median of one-process seconds / n-process seconds (throughput ratio)."""
    path = corpus_file(corpus, articles, workdir)
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    count, words = len(texts), sum(len(text.split()) for text in texts)
    command = [sys.executable, "-m", "pipeline.cli", "extract", "--input", str(path),
               "--output", str(workdir / "mentions.parquet")]
    runs, ratios, extraction_ratios, loads = [], [], [], []
    for _ in range(repeats):
        timed, extracting = {}, {}
        for n in (1, processes):
            loads.append(os.getloadavg()[0])
            env = {**os.environ, "CONFLICT_EVENTS_SPACY_N_PROCESS": str(n)}
            with (workdir / "stderr.txt").open("w+", encoding="utf-8") as stderr:
                timed[n] = measure(f"extract, {n} process{'es' if n > 1 else ''}", command, count, words, env,
                                   stderr)
                stderr.seek(0)
                extracting[n] = float(_EXTRACTION_SECONDS.search(stderr.read()).group(1))
            runs.append({**asdict(timed[n]), "extraction_seconds": extracting[n]})
        ratios.append(round(timed[1].seconds / timed[processes].seconds, 3))
        extraction_ratios.append(round(extracting[1] / extracting[processes], 3))
    return {"corpus": corpus, "articles": count, "words": words, "cpu_count": os.cpu_count(),
            "load_average": os.getloadavg(), "load_before_each_run": loads, "runs": runs, "ratios": ratios,
            "ratio_one_over_n_processes": statistics.median(ratios), "extraction_ratios": extraction_ratios,
            "extraction_ratio_one_over_n_processes": statistics.median(extraction_ratios)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=["news-bench", "glocon", "synthetic"], default="news-bench")
    parser.add_argument("--articles", type=int, help="first N articles (default: all; synthetic: 300)")
    parser.add_argument("--repeats", type=int, default=3, help="alternated bare/extract pairs (default 3)")
    parser.add_argument("--workdir", type=Path, help="where the corpus and outputs go (default: a temp folder)")
    parser.add_argument("--scaling", type=int, metavar="N",
                        help="instead: extract with 1 and with N worker processes, ratio of their times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = args.workdir or Path(temporary)
        report = (scaling(args.corpus, args.articles, args.repeats, workdir, args.scaling) if args.scaling
                  else run(args.corpus, args.articles, args.repeats, workdir))
    # without bytecode written, every run compiles the project's own modules afresh (the venv's are compiled at sync)
    report["dont_write_bytecode"] = os.environ.get("PYTHONDONTWRITEBYTECODE", "")
    print(f"{report['corpus']}: {report['articles']} articles, {report['words']} words, {report['cpu_count']} cores, "
          f"load average {', '.join(f'{x:.1f}' for x in report['load_average'])} (at the end), "
          f"PYTHONDONTWRITEBYTECODE={report['dont_write_bytecode'] or '(unset)'}")
    print(f"{'run':<26}{'seconds':>9}{'CPU s':>8}{'peak RSS MB':>13}{'articles/s':>12}{'words/s':>10}")
    for row in report["runs"]:
        print(f"{row['name']:<26}{row['seconds']:>9}{row['cpu_seconds']:>8}{row['peak_rss_mb']:>13}"
              f"{row['articles_per_second']:>12}{row['words_per_second']:>10}")
    figure, meaning = (("ratio_one_over_n_processes", "1-process / N-process") if args.scaling
                       else ("ratio_bare_over_extract", "bare / extract"))
    print(f"ratios ({meaning} seconds): {report['ratios']}, median {report[figure]:.3f}")
    if not args.scaling:
        print(f"CPU seconds ratios (bare / extract): {report['cpu_ratios']}, "
              f"median {report['cpu_ratio_bare_over_extract']:.3f}")
    if args.scaling:
        print(f"extraction alone (start-up left out): ratios {report['extraction_ratios']}, "
              f"median {report['extraction_ratio_one_over_n_processes']:.3f}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
