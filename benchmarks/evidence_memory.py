"""Benchmark: how many bytes the evidence (MENTIONED_IN) takes in the graph held in memory, and in what.

Every MENTIONED_IN of the graph is walked once and each object it reaches is counted once
(``sys.getsizeof``; an object shared by several relationships counts for the first only), by
part: the key string, the properties (a :class:`~chainkg.graph.evidence.MentionProps` and its
tuple, or a dict), each property's value (a list with its items), and
networkx's nesting (the ``{key: properties}`` dict of a (source, target) pair, shared by
``G._succ`` and ``G._pred``; its share per relationship). The graph's whole size is the
difference of ``tracemalloc``'s traced memory before and after :func:`build_graph` (with
the collector's garbage gone).

    python benchmarks/evidence_memory.py CORPUS_DIR [--out DIR]

``CORPUS_DIR`` is ingested (documents under ``--out``), extracted and resolved as ``chainkg
build`` does, then the graph is built under tracemalloc (slower than a build).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.graph.evidence import MentionProps
from chainkg.graph.model import MENTIONED_IN
from chainkg.settings import default_out


def evidence_bytes(G: nx.MultiDiGraph) -> tuple[int, Counter[str]]:
    """The number of MENTIONED_IN in ``G`` and the bytes of what they hold, by part (each
    object counted once, for the first relationship reaching it).

    >>> G = nx.MultiDiGraph()
    >>> shared = ["标题"]
    >>> G.add_edge("a", "d", key="k1", type=MENTIONED_IN, headings=shared)
    'k1'
    >>> G.add_edge("b", "d", key="k2", type=MENTIONED_IN, headings=shared)
    'k2'
    >>> n, parts = evidence_bytes(G)
    >>> n, parts["value:headings"] == sys.getsizeof(shared)
    (2, True)
    """
    seen: set[int] = set()
    parts: Counter[str] = Counter()

    def count(obj: Any, part: str) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        parts[part] += sys.getsizeof(obj)
        if isinstance(obj, (list, tuple)):
            for item in obj:
                count(item, part + "[item]")

    n = 0
    for nbrs in G._succ.values():
        for keydict in nbrs.values():
            mentions = [(k, d) for k, d in keydict.items() if d.get("type") == MENTIONED_IN]
            if not mentions:
                continue
            parts["networkx {key: properties} per pair"] += sys.getsizeof(keydict) * len(mentions) // len(keydict)
            for key, props in mentions:
                n += 1
                count(key, "key string")
                if isinstance(props, MentionProps):  # the mapping and the one tuple of its values
                    count(props, "MentionProps")
                    seen.add(id(props._values))
                    parts["MentionProps' tuple of values"] += sys.getsizeof(props._values)
                else:
                    count(props, "property dict")
                for name, value in props.items():
                    count(value, "value:" + name)
    return n, parts


def report(n: int, parts: Counter[str], graph_bytes: int, seconds: float) -> str:
    """The breakdown as a text table."""
    total = sum(parts.values())
    lines = [f"graph held: {graph_bytes / 2**20:,.1f} MiB (tracemalloc; built in {seconds:.1f} s under it)",
             f"MENTIONED_IN: {n:,}, {total / 2**20:,.1f} MiB = {total / max(n, 1):,.0f} B each "
             f"({100 * total / max(graph_bytes, 1):.0f} % of the graph)",
             f"{'part':<40}{'B each':>10}{'MiB':>10}", "-" * 60]
    for part, size in parts.most_common():
        if size:
            lines.append(f"{part:<40}{size / max(n, 1):>10.1f}{size / 2**20:>10.1f}")
    return "\n".join(lines)


def main() -> None:
    from chainkg.graph.build import build_graph
    from chainkg.ingest.parallel import default_jobs, extract_mentions
    from chainkg.ingest.resolve import resolve
    from chainkg.ingest.vocab import vocabulary
    from chainkg.reading.corpus import ingest_corpus
    from chainkg.templates import load_templates

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a corpus folder (e.g. a synthetic one of benchmarks/scale.py)")
    parser.add_argument("--out", type=Path, default=default_out() / "evidence-memory",
                        help="where the ingested documents are written")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    args = parser.parse_args()
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: not a corpus folder")
    templates = load_templates()
    documents = ingest_corpus(args.corpus, args.out).documents
    extraction = resolve(extract_mentions(documents, templates, args.jobs), vocabulary(templates))
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    started = time.perf_counter()
    G = build_graph(documents, extraction, templates)
    seconds = time.perf_counter() - started
    gc.collect()
    graph_bytes = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    print(report(*evidence_bytes(G), graph_bytes, seconds))


if __name__ == "__main__":
    main()
