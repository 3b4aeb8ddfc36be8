"""What the extraction benchmarks (``extract_speed.py``, ``component_time.py``) share: their arguments (a corpus,
rounds, the Docs a pipeline component takes at a time) and the corpus read as extraction reads it."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Sequence
from pathlib import Path

from chainkg.reading.corpus import ingest_corpus
from chainkg.reading.document import Document
from chainkg.settings import corpus_dir


def extraction_arguments(description: str, argv: Sequence[str], rounds: int) -> argparse.Namespace:
    """``corpus`` (None: the seeds), ``rounds`` (default ``rounds``) and ``batch_size`` (default 64) from ``argv``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("corpus", nargs="?", help="corpus folder (default: the seeds)")
    parser.add_argument("--rounds", type=int, default=rounds, help=f"timed rounds (default {rounds})")
    parser.add_argument("--batch-size", type=int, default=64, help="Docs a component takes at a time (default 64)")
    return parser.parse_args(argv)


def corpus_documents(corpus: str | None) -> tuple[Path, tuple[Document, ...]]:
    """The corpus folder (None: the seeds) and its documents, ingested into a folder dropped after."""
    folder = corpus_dir(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        return folder, ingest_corpus(folder, Path(tmp)).documents
