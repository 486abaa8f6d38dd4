import os
from dataclasses import replace

import pytest

from pipeline.extract.cache import extractor_version
from pipeline.extract.mentions import Extractor, mentions_frame
from pipeline.extract.processes import started_beside, worker_count
from pipeline.settings import Settings
from tests.extract.test_cache import ARTICLES


@pytest.mark.parametrize(("articles", "cpus", "workers"), [
    (0, 2, 1), (49, 2, 1), (99, 2, 1), (100, 2, 2), (5000, 2, 2), (5000, 8, 8), (150, 8, 3), (5000, 1, 1),
])
def test_auto_gives_one_worker_per_minimum_of_articles_at_most_one_per_cpu(articles, cpus, workers):
    assert worker_count("auto", articles, min_articles_per_process=50, cpus=cpus) == workers


def test_a_number_of_processes_is_kept_whatever_the_corpus():
    assert worker_count(3, 1, min_articles_per_process=50, cpus=2) == 3
    assert worker_count(1, 10_000, min_articles_per_process=50, cpus=8) == 1


def test_auto_uses_the_cpus_this_process_may_run_on():
    assert worker_count("auto", 10**9, min_articles_per_process=1) == len(os.sched_getaffinity(0))


def test_settings_take_auto_or_a_number(monkeypatch):
    monkeypatch.setenv("CONFLICT_EVENTS_SPACY_N_PROCESS", "auto")
    monkeypatch.setenv("CONFLICT_EVENTS_SPACY_MIN_ARTICLES_PER_PROCESS", "20")
    assert (Settings().spacy_n_process, Settings().spacy_min_articles_per_process) == ("auto", 20)
    monkeypatch.setenv("CONFLICT_EVENTS_SPACY_N_PROCESS", "2")
    assert Settings().spacy_n_process == 2


def test_the_choice_of_workers_leaves_the_cache_version_alone(extractor: Extractor):
    version = extractor_version(extractor, Settings().seeds)
    assert extractor_version(replace(extractor, n_process="auto", min_articles_per_process=7),
                             Settings().seeds) == version


@pytest.mark.slow  # two worker processes
def test_auto_on_enough_articles_forks_workers_and_gives_the_same_mentions(extractor: Extractor):
    auto = replace(extractor, n_process="auto", min_articles_per_process=2, batch_size=2)
    assert auto.workers_for(len(ARTICLES) * 4) == min(len(os.sched_getaffinity(0)), len(ARTICLES) * 2)
    assert mentions_frame(auto.extract(ARTICLES * 4)).equals(mentions_frame(extractor.extract(ARTICLES * 4)))



def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value


def _fail() -> None:
    raise ValueError("read failed")


def test_work_started_beside_runs_in_another_process_with_two_cpus_and_here_with_one():
    pid, value = started_beside(_pid_and, 7, cpus=2)()
    assert value == 7 and pid != os.getpid()
    assert started_beside(_pid_and, 7, cpus=1)() == (os.getpid(), 7)


def test_what_the_work_beside_raises_is_raised_when_its_result_is_asked_for():
    result = started_beside(_fail, cpus=2)
    with pytest.raises(ValueError, match="read failed"):
        result()
