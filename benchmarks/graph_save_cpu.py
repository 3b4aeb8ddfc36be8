"""CPU seconds of the graph and save stages of ``chainkg build`` alone, over facts extracted once:
the stages after the extraction child, timed without paying for ingest and extraction on every run.

The first run ingests and extracts ``CORPUS`` (``--jobs`` processes) and pickles the documents'
headers and the extraction into ``--facts``; every run then loads them, builds the graph from the
facts in parts (:func:`chainkg.graph.build.fact_parts`, as the build reads them from its spool)
and writes ``OUT/graph.json`` and its snapshot with the graph frozen, as the build does. Printed:
CPU seconds of ``build_graph``, ``write_graph_json`` and ``write_snapshot``. To compare with a base
commit, run this same script with the base's export first on ``PYTHONPATH``
(:mod:`testkit.base_commit`) on the same ``--facts`` file, alternating base and tree runs.

    python benchmarks/graph_save_cpu.py CORPUS OUT --facts FACTS.pickle [--jobs 2]
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

from chainkg.collector import frozen
from chainkg.graph.build import build_graph, fact_parts
from chainkg.graph.snapshot import write_snapshot
from chainkg.graph.store import GRAPH_FILE, write_graph_json
from chainkg.ingest.extract import run_extraction
from chainkg.ingest.vocab import vocabulary
from chainkg.reading.corpus import ingest_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--facts", type=Path, required=True, help="the pickled facts, made by the first run")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    templates = vocabulary(None).templates  # the packaged templates, as the build holds them
    if not args.facts.exists():
        ingested = ingest_corpus(args.corpus, args.out)
        extraction = run_extraction(ingested.documents, templates, jobs=args.jobs)
        with open(args.facts, "wb") as fh:
            pickle.dump((tuple(d.header() for d in ingested.documents), extraction), fh, protocol=5)
        del ingested, extraction
    with open(args.facts, "rb") as fh:
        documents, extraction = pickle.load(fh)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.process_time()
    G = build_graph(documents, fact_parts(extraction), templates)
    graph = time.process_time() - started
    del extraction
    with frozen():
        started = time.process_time()
        digest = write_graph_json(G, args.out / GRAPH_FILE)
        json_s = time.process_time() - started
        started = time.process_time()
        write_snapshot(G, args.out / GRAPH_FILE, digest)
        snapshot = time.process_time() - started
    print(f"graph {graph:.2f} json {json_s:.2f} snapshot {snapshot:.2f} CPU s")


if __name__ == "__main__":
    main()
