"""Loading and writing the snapshots of a built graph in-process: CPU seconds, memory held, the
writing's transient peak; with ``--parts`` (format 2), the objects each part's pickler memoizes.

For an output folder of ``chainkg build`` (or of ``benchmarks/scale.py``): ``--rounds`` loads of
the whole snapshot (``graph.pickle``) and of the facts snapshot (``graph.facts.pickle``) through
:func:`chainkg.graph.snapshot.read_graph_fast`, as ``chainkg query`` loads them (CPU seconds,
best and median), and the CPU seconds of each part of the adjacency index made after a load (as
its first reader makes it); then, once each under ``tracemalloc``, the memory the loaded graph holds and
the writing of its snapshots again into a temporary folder (``write_snapshot``: CPU seconds, and
the traced peak over what is held before and after: the pickler's memo and whatever else the
writing holds only while it runs). The snapshots must be current (written from the folder's
graph.json), else the JSON is parsed and the numbers are not the snapshot's.

    python benchmarks/snapshot_load.py OUT [--rounds 5] [--parts]
    python benchmarks/snapshot_load.py OUT --query coverage_summary [--param K=V ...] [--base DIR] [--rounds 3]

With ``--query``, instead: ``--rounds`` runs of the process ``python -m chainkg query NAME --out
OUT`` (its output discarded), each timed from outside (wall seconds, and the CPU seconds of the
process), with the 1-minute load average before each run; with ``--base DIR`` (an export's
layout, ``benchmarks/testkit/base_commit.py``) the runs alternate between that code (first on
``PYTHONPATH``) and this one, and the medians of both are printed.

It imports ``chainkg`` from wherever Python finds it: put an exported commit first on
``PYTHONPATH`` (``benchmarks/testkit/base_commit.py``) to measure another version's format.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import chainkg
from chainkg.graph.adjacency import labelled, outgoing
from chainkg.graph.snapshot import read_graph_fast, snapshot_is_current, write_snapshot
from chainkg.graph.store import GRAPH_FILE


def _cpu(call: Callable[[], Any]) -> tuple[float, Any]:
    started = time.process_time()
    value = call()
    return time.process_time() - started, value


def _traced(call: Callable[[], Any]) -> tuple[int, int, Any]:
    """(bytes held after ``call`` over before, traced peak over the larger of both, its value)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        value = call()
        after, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return after - before, peak - max(before, after), value


def _part_objects(G: Any, evidence: bool) -> list[int]:
    """How many objects the pickler of each part of ``G``'s snapshot memoizes (format 2)."""
    from chainkg.graph.snapshot import _parts

    ids = list(G._node)
    index = {node: i for i, node in enumerate(ids)}
    counts = []
    with open(os.devnull, "wb") as sink:
        for part in _parts(G, ids, index, evidence):
            pickler = pickle.Pickler(sink, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dump(part)
            counts.append(len(pickler.memo.copy()))
    return counts


def _query_process(out: Path, name: str, params: list[str], base: Path | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one ``chainkg query`` process, with ``base`` first on its path."""
    env = dict(os.environ)
    if base is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(base), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    command = [sys.executable, "-m", "chainkg", "query", name, "--out", str(out)]
    command += [arg for param in params for arg in ("--param", param)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # run in OUT: from the repository's root, `-m chainkg` would import its chainkg/ before PYTHONPATH's
    subprocess.run(command, check=True, env=env, cwd=out, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _time_query(out: Path, name: str, params: list[str], base: Path | None, rounds: int) -> None:
    """Print the wall and CPU seconds of ``rounds`` query processes (alternating with ``base``'s)."""
    versions = {"this": None} if base is None else {"base": base, "this": None}
    runs: dict[str, list[tuple[float, float, float]]] = {version: [] for version in versions}
    for round_ in range(rounds):
        for version, path in versions.items():
            load = os.getloadavg()[0]
            wall, cpu = _query_process(out, name, params, path)
            runs[version].append((wall, cpu, load))
            print(f"{name} {version} round {round_ + 1}: wall {wall:.2f} s, CPU {cpu:.2f} s (load {load:.1f})",
                  flush=True)
    for version, timed in runs.items():
        walls, cpus, loads = zip(*timed)
        print(f"{name} {version}: median wall {statistics.median(walls):.2f} s, median CPU "
              f"{statistics.median(cpus):.2f} s ({rounds} runs, load {min(loads):.1f}-{max(loads):.1f})")


def main() -> None:
    """Print the measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="an output folder holding graph.json and its snapshots")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--parts", action="store_true", help="count the objects memoized per part (format 2)")
    parser.add_argument("--query", metavar="NAME", help="time `chainkg query NAME` processes instead")
    parser.add_argument("--param", action="append", default=[], metavar="K=V", help="with --query: its parameter")
    parser.add_argument("--base", type=Path, metavar="DIR",
                        help="with --query: alternate with the code of this export's layout (on PYTHONPATH)")
    args = parser.parse_args()
    graph_path = args.out / GRAPH_FILE
    if not snapshot_is_current(graph_path):
        parser.error(f"{graph_path}: its snapshot is not current (load it once to write it, or rebuild)")
    if args.base is not None and not (args.base / "chainkg").is_dir():
        parser.error(f"--base {args.base}: no chainkg package there (an export's layout from base_commit.py)")
    if args.query:
        _time_query(args.out, args.query, args.param, args.base, args.rounds)
        return
    print(f"chainkg from {Path(chainkg.__file__).parent}")
    MiB = 2**20
    for evidence in (True, False):
        name = "whole graph.pickle" if evidence else "facts graph.facts.pickle"
        times = []
        for _ in range(args.rounds):
            gc.collect()
            seconds, G = _cpu(lambda: read_graph_fast(graph_path, evidence=evidence))
            times.append(seconds)
            del G
        held, _, G = _traced(lambda: read_graph_fast(graph_path, evidence=evidence))
        print(f"load {name}: CPU best {min(times):.2f} s, median {statistics.median(times):.2f} s "
              f"({args.rounds} rounds); held {held / MiB:.1f} MiB (traced); "
              f"{G.number_of_nodes():,} nodes, {G.number_of_edges():,} relationships")
        del G
        G = read_graph_fast(graph_path, evidence=evidence)
        made = [(part.__name__, _cpu(lambda: part(G))[0]) for part in (labelled, outgoing)]
        print("  adjacency index made after it, by its first readers: "
              + ", ".join(f"{part} {seconds:.3f} s" for part, seconds in made))
        del G
    G = read_graph_fast(graph_path)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / GRAPH_FILE
        seconds, _ = _cpu(lambda: write_snapshot(G, target, "0" * 64))
        held, peak, _ = _traced(lambda: write_snapshot(G, target, "0" * 64))
        sizes = ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in sorted(Path(folder).iterdir()))
    print(f"write both snapshots: CPU {seconds:.2f} s; traced peak {peak / MiB:.1f} MiB over what is held "
          f"(held after: +{held / MiB:.1f} MiB); {sizes}")
    if args.parts:
        for evidence in (True, False):
            counts = _part_objects(G, evidence)
            print(f"{'whole' if evidence else 'facts'}: {len(counts)} parts, objects memoized per part: largest "
                  f"{max(counts):,}, median {statistics.median(counts):,.0f}, all parts {sum(counts):,}")


if __name__ == "__main__":
    main()
