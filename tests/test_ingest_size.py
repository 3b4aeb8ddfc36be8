"""Ingest time grows linearly with a file's size (issue 17, item 3), with a progress bar.

The time is measured by the benchmark (``python benchmarks/ingest_size.py``, 1 to 50 MB), never
in a test; here the work of the rejoin step is counted (deterministic) and the progress bars shown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chainkg.reading import rejoin
from chainkg.reading.corpus import ingest_file
from chainkg.reading.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from ingest_size import cut_text  # noqa: E402


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


def test_a_large_file_shows_progress_on_a_terminal(monkeypatch, tmp_path: Path, capsys) -> None:
    import chainkg.progress

    monkeypatch.setattr(chainkg.progress, "progress_enabled", lambda: True)
    path = tmp_path / "big.txt"
    path.write_text(cut_text(200_000), encoding="utf-8")
    ingest_file(path, path.name, None)
    err = capsys.readouterr().err
    for bar in ("paragraphs", "rejoin", "sentences big.txt"):
        assert bar in err
