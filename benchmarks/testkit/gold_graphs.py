"""The gold documents of some sets, each with its set's built graph: what the extraction benchmarks walk.

Every benchmark that judges extraction against the gold strictly (firm causes, rule precision, the learned
linker, company gain) extracts each set once, builds its graph the way ``chainkg build`` does, then reads each
gold document's part of it. Pages that are absent or came back with other bytes are left out and named on stderr
(:func:`chainkg.gold.load_golds`).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


def gold_graphs(sets: Sequence[str], templates: Any, prefix: str) -> Iterator[tuple[dict[str, Any], Any, Any, Any]]:
    """``(gold, document, graph, extraction)`` for every gold document of ``sets``, set by set; the graph and the
    extraction are the whole set's (one build per set), ``document`` the reader's Document of the gold's file.
    An untouched holdout (``chainkg.gold.UNTOUCHED``) is refused: these benchmarks are analysis, done on spent sets."""
    from chainkg.gold import gold_paths, load_golds, refuse_untouched
    from chainkg.graph.build import build_graph
    from chainkg.ingest.evaluate import extracted_sets

    refuse_untouched(sets, prefix.rstrip("-"))

    golds, left_out = load_golds(gold_paths(None, list(sets)), skip_unavailable_pages=True)
    for line in left_out:
        print(line, file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        for wanted, by_file, extraction, documents in extracted_sets(golds, templates, Path(tmp), only_gold_files=True):
            G = build_graph(documents, extraction, templates)
            for gold in wanted:
                yield gold, by_file[gold["file"]], G, extraction


def sets_parser(description: str, details: str) -> argparse.ArgumentParser:
    """The command line of a benchmark over gold sets: ``--set`` (repeat, at least one) and ``--details``
    (``details`` says what it prints)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--set", action="append", required=True, help="a gold set (repeat)")
    parser.add_argument("--details", action="store_true", help=details)
    return parser
