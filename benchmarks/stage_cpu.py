"""CPU seconds of each stage of ``chainkg build``, with the garbage collector's share: the figure
a machine shared with other jobs changes least (wall time there measures the load).

The stages are the calls of :func:`chainkg.pipeline.build` one by one (ingest, and extraction with
resolution, on ``--jobs`` processes, graph, save, site), the graph frozen for the save and the
site as the build freezes it. Per stage: CPU seconds of this process and of the extraction
workers it waited for (``getrusage``), wall seconds, and the collector's CPU seconds and
collections (``gc.callbacks``; this process only).

    python benchmarks/stage_cpu.py CORPUS_DIR OUT_DIR [--jobs 2]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chainkg.collector import frozen
from chainkg.graph.build import build_graph
from chainkg.graph.snapshot import write_snapshot
from chainkg.graph.store import GRAPH_FILE, write_graph_json
from chainkg.ingest.extract import run_extraction
from chainkg.ingest.ledger import read_ledgers
from chainkg.outputs import new_build
from chainkg.reading.corpus import ingest_corpus
from chainkg.templates import load_templates
from chainkg.views.site import write_site

COLLECTOR = {"seconds": 0.0, "runs": 0, "started": 0.0}


def _collector_timer(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        COLLECTOR["started"] = time.process_time()
    else:
        COLLECTOR["seconds"] += time.process_time() - COLLECTOR["started"]
        COLLECTOR["runs"] += 1


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@contextmanager
def stage(results: dict[str, dict[str, float]], name: str) -> Iterator[None]:
    """Record the block's CPU, wall and collector seconds as ``results[name]``."""
    cpu, wall, collector, runs = _cpu(), time.perf_counter(), COLLECTOR["seconds"], COLLECTOR["runs"]
    yield
    results[name] = {"cpu_s": round(_cpu() - cpu, 2), "wall_s": round(time.perf_counter() - wall, 1),
                     "collector_s": round(COLLECTOR["seconds"] - collector, 2), "collections": COLLECTOR["runs"] - runs}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    gc.callbacks.append(_collector_timer)
    results: dict[str, dict[str, float]] = {}
    templates = load_templates()
    with new_build(args.out, "benchmarks/stage_cpu.py") as folder:
        with stage(results, "ingest"):
            ingested = ingest_corpus([args.corpus], folder, args.jobs)
            ledgers = read_ledgers(args.corpus, templates=templates)
        with stage(results, "extraction"):
            extraction = run_extraction(ingested.documents, templates, extra=ledgers.mentions(), jobs=args.jobs)
        with stage(results, "graph"):
            G = build_graph(ingested.documents + ledgers.documents, extraction, templates)
        del ingested, extraction
        with frozen():
            with stage(results, "save"):
                write_snapshot(G, folder / GRAPH_FILE, write_graph_json(G, folder / GRAPH_FILE))
            with stage(results, "site"):
                write_site(G, folder / "site")
    for name, row in results.items():
        print(f"{name:<11} {json.dumps(row)}")
    print(f"CPU in all {sum(r['cpu_s'] for r in results.values()):.1f} s; peak RSS of this process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
