"""Extraction on several processes gives exactly what one process gives: the same mentions in the
same order, the same resolved facts and the same graph (`chainkg build --jobs N`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from chainkg import processes
from chainkg.errors import ChainkgError
from chainkg.ingest import parallel
from chainkg.reading.corpus import ingest_corpus
from chainkg.ingest.extract import run_extraction
from chainkg.ingest.parallel import effective_jobs, extract_mentions
from testkit.synthetic_corpus import write_synthetic_corpus


@pytest.fixture(scope="module")
def documents(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    """The seeds and 24 synthetic documents, ingested."""
    folder = tmp_path_factory.mktemp("parallel")
    corpus = write_synthetic_corpus(folder / "corpus", 24, seed=4)
    for seed in sorted(seed_corpus.iterdir()):
        if seed.is_file():
            (corpus / seed.name).write_bytes(seed.read_bytes())
    return ingest_corpus(corpus, folder / "out").documents


def test_several_processes_give_the_mentions_and_facts_of_one(documents, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "MIN_CHARS_PER_JOB", 1)  # small corpus: cut it anyway
    assert effective_jobs(documents, 3) == 3
    one = extract_mentions(documents, jobs=1)
    several = extract_mentions(documents, jobs=3)
    assert several == one
    assert len(one.projects) > 100 and len(one.companies) > 100
    assert run_extraction(documents, jobs=3) == run_extraction(documents, jobs=1)


def test_the_work_really_runs_in_other_processes(documents, monkeypatch) -> None:
    from concurrent.futures import ProcessPoolExecutor

    workers: set[int] = set()

    class Recording(ProcessPoolExecutor):
        def map(self, fn, *iterables, **kwargs):
            results = list(super().map(fn, *iterables, **kwargs))
            workers.update(self._processes)  # pid -> process of the pool's workers
            return iter(results)

    monkeypatch.setattr(parallel, "MIN_CHARS_PER_JOB", 1)
    monkeypatch.setattr(processes, "ProcessPoolExecutor", Recording)
    extract_mentions(documents, jobs=2)
    assert len(workers) == 2 and os.getpid() not in workers


def test_a_small_corpus_stays_in_one_process(documents) -> None:
    assert effective_jobs(documents[:2], 8) == 1
    assert effective_jobs(documents, 1) == 1


def test_jobs_must_be_positive(documents) -> None:
    with pytest.raises(ChainkgError, match="--jobs 0: must be at least 1"):
        effective_jobs(documents, 0)


def test_build_jobs_gives_the_same_graph(seed_corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from chainkg.cli import main

    monkeypatch.setattr(parallel, "MIN_CHARS_PER_JOB", 1)
    corpus = write_synthetic_corpus(tmp_path / "corpus", 12, seed=8)
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "one"), "--jobs", "1"]) == 0
    assert main(["build", "--corpus", str(corpus), "--out", str(tmp_path / "two"), "--jobs", "2"]) == 0
    assert (tmp_path / "one" / "graph.json").read_bytes() == (tmp_path / "two" / "graph.json").read_bytes()


def test_mentions_come_back_with_equal_values_one_object(documents, monkeypatch) -> None:
    """Worker results are re-shared in the parent: the same mentions, but an equal name, span or
    evidence of two facts (or of two shares) is one object, so they take less memory."""
    import pickle

    from chainkg.ingest.extract import extract
    from chainkg.ingest.nlp import shared_pipeline
    from chainkg.ingest.parallel import ValueSharing

    def distinct(values: list) -> tuple[int, int, int]:
        return len({id(v) for v in values}), len(set(values)), len(values)

    monkeypatch.setattr(parallel, "MIN_CHARS_PER_JOB", 1)
    raw = pickle.loads(pickle.dumps(extract(documents, shared_pipeline(None))))  # as a worker's result arrives
    objects, values, _ = distinct([m.company for m in raw.projects if m.company])
    assert objects > values
    one = extract_mentions(documents, jobs=1)
    several = extract_mentions(documents, jobs=3)
    assert several == one == raw
    for mentions in (one, several):
        objects, values, count = distinct([m.company for m in mentions.projects if m.company])
        assert objects == values < count
        objects, values, count = distinct([s for m in mentions.projects for s in m.evidence.spans])
        assert objects == values < count
    shared = ValueSharing().mentions(raw)
    assert shared == raw and len(pickle.dumps(shared)) < len(pickle.dumps(raw))
