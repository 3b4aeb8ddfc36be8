"""Ingest time grows linearly with a file's size (issue 17, item 3), with a progress bar.

The full benchmark (1 to 50 MB) is ``python benchmarks/ingest_size.py``; here, small sizes: the
work of the rejoin step counted (deterministic), and the time of a whole ingest measured.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from chainkg.ingest import rejoin
from chainkg.ingest.corpus import ingest_file
from chainkg.ingest.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from ingest_size import corpus_text, cut_text  # noqa: E402


def test_the_rejoin_step_does_linear_work_on_cut_paragraphs(monkeypatch) -> None:
    """Every paragraph ends mid-sentence, the worst case: each looks for its continuation. Four
    times the paragraphs must cost at most 4.4 times the word-boundary checks (it was quadratic:
    every cut paragraph tried every later one)."""
    calls = 0
    real = rejoin.bridges

    def counting(tail: str, head: str) -> bool:
        nonlocal calls
        calls += 1
        return real(tail, head)

    monkeypatch.setattr(rejoin, "bridges", counting)
    counts = []
    for size in (40_000, 160_000):
        calls = 0
        normalize(cut_text(size))
        counts.append(calls)
    assert counts[1] <= 4.4 * counts[0], counts


def _best_time(path: Path, rounds: int = 2) -> float:
    """CPU seconds of this process (other processes on the machine do not count), best of ``rounds``."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        ingest_file(path, path.name, None)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("shape", ["text", "cut"])
def test_four_times_the_text_takes_at_most_five_times_as_long(shape: str, seed_corpus: Path, tmp_path: Path) -> None:
    base = corpus_text(seed_corpus)
    paths = []
    for size in (300_000, 1_200_000):
        text = cut_text(size) if shape == "cut" else base * (size // len(base.encode("utf-8")) + 1)
        path = tmp_path / f"{shape}-{size}.txt"
        path.write_bytes(text.encode("utf-8")[:size].decode("utf-8", errors="ignore").encode("utf-8"))
        paths.append(path)
    ingest_file(paths[0], "warm-up", None)  # jieba's dictionary, our patterns
    small, large = (_best_time(p) for p in paths)
    assert large <= 5 * small, f"{small:.2f}s for 0.3 MB, {large:.2f}s for 1.2 MB"


def test_a_large_file_shows_progress_on_a_terminal(monkeypatch, tmp_path: Path, capsys) -> None:
    import chainkg.progress

    monkeypatch.setattr(chainkg.progress, "progress_enabled", lambda: True)
    path = tmp_path / "big.txt"
    path.write_text(cut_text(200_000), encoding="utf-8")
    ingest_file(path, path.name, None)
    err = capsys.readouterr().err
    for bar in ("paragraphs", "rejoin", "sentences big.txt"):
        assert bar in err
