"""CPU seconds of the graph and save stages of ``chainkg build`` alone, over facts extracted once:
the stages after the extraction child, timed without paying for ingest and extraction on every run.

The first run ingests and extracts ``CORPUS`` (``--jobs`` processes) and pickles the documents'
headers and the extraction into ``--facts``; every run then loads them, builds the graph from the
facts in parts (:func:`chainkg.graph.build.fact_parts`, as the build reads them from its spool)
and writes ``OUT/graph.json`` and its snapshot with the graph frozen, as the build does. Printed:
CPU seconds of ``build_graph``, ``write_graph_json`` and ``write_snapshot``. To compare with a base
commit, run this same script with the base's export first on ``PYTHONPATH``
(:mod:`testkit.base_commit`) on the same ``--facts`` file, alternating base and tree runs.

With ``--saved BUILD`` (a build's output folder whose graph.pickle is current) the graph is loaded
from that snapshot instead, and only the save is timed: at 10,000 documents, where extracting
the facts once takes most of an hour on a shared machine, ``benchmarks/scale.py``'s own build
folder serves (``CORPUS`` is then not read; nothing is written into ``BUILD``).

    python benchmarks/graph_save_cpu.py CORPUS OUT --facts FACTS.pickle [--jobs 2]
    python benchmarks/graph_save_cpu.py - OUT --saved BUILD
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path
from typing import Any

from chainkg.collector import frozen
from chainkg.graph.build import build_graph, fact_parts
from chainkg.graph.snapshot import read_graph_fast, snapshot_is_current, write_snapshot
from chainkg.graph.store import GRAPH_FILE, write_graph_json
from chainkg.ingest.extract import run_extraction
from chainkg.ingest.vocab import vocabulary
from chainkg.reading.corpus import ingest_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--facts", type=Path, help="the pickled facts, made by the first run")
    parser.add_argument("--saved", type=Path, help="time the save only, of the graph of this build's snapshot")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.saved:
        graph_path = args.saved / GRAPH_FILE
        if not snapshot_is_current(graph_path):  # else read_graph_fast would write one into BUILD
            parser.error(f"{args.saved}: no current snapshot")
        save(read_graph_fast(graph_path), args.out, "")
        return
    if args.facts is None:
        parser.error("--facts or --saved is needed")
    templates = vocabulary(None).templates  # the packaged templates, as the build holds them
    if not args.facts.exists():
        ingested = ingest_corpus(args.corpus, args.out)
        extraction = run_extraction(ingested.documents, templates, jobs=args.jobs)
        with open(args.facts, "wb") as fh:
            pickle.dump((tuple(d.header() for d in ingested.documents), extraction), fh, protocol=5)
        del ingested, extraction
    with open(args.facts, "rb") as fh:
        documents, extraction = pickle.load(fh)
    started = time.process_time()
    G = build_graph(documents, fact_parts(extraction), templates)
    graph = time.process_time() - started
    del extraction
    save(G, args.out, f"graph {graph:.2f} ")


def save(G: Any, out: Path, before: str) -> None:
    """Write graph.json and the snapshot of ``G`` into ``out`` with the graph frozen, as the build
    does, and print their CPU seconds after ``before``."""
    with frozen():
        started = time.process_time()
        digest = write_graph_json(G, out / GRAPH_FILE)
        json_s = time.process_time() - started
        started = time.process_time()
        write_snapshot(G, out / GRAPH_FILE, digest)
        snapshot = time.process_time() - started
    print(f"{before}json {json_s:.2f} snapshot {snapshot:.2f} CPU s")


if __name__ == "__main__":
    main()
