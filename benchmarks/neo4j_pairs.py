"""The incremental Cypher loader against a plain single-writer ``UNWIND … CREATE`` of the same rows, in pairs.

Issue 15's target: the incremental load (:func:`chainkg.graph.neo4j_store.load_graph`, one
transaction per group of documents) at least 0.8x a plain writer of the same rows (one ``UNWIND
$rows … CREATE`` query per 1,000 rows of a label or a relationship type, each its own transaction).
On a shared two-core machine the ratio of one run moves from 0.4x to 1.0x, so the two run in
alternation (plain, incremental, plain, incremental …), each into an emptied database, and the ratio
of each pair is printed with the median and the spread, of the wall times and of the CPU seconds
(server and client together: steadier when other processes take the cores). For each load: wall
seconds, the server's CPU seconds (``/proc/PID/stat`` of the local server) and this client's
(``time.process_time``). The rows are read once from the graph.json of ``OUT``, as ``chainkg load``
reads them (:func:`chainkg.graph.json_rows.read_graph_rows`).

The database is emptied before each load, so this runs only against the project's own local
server (``chainkg neo4j start``; ``CHAINKG_NEO4J_DIR`` / ``CHAINKG_NEO4J_PORT`` say which), never
against NEO4J_URI. With ``--empty`` it only empties it (before a load measured on its own, e.g.
``/usr/bin/time -v chainkg load --out OUT``).

With several ``--batch-size`` values each pair runs the plain writer once, then the incremental loader at
each size (each against that pair's plain load), which size goes first turning from pair to pair.

    python benchmarks/neo4j_pairs.py OUT [--pairs 3] [--batch-size 2500 [5000 …]] [--empty]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from chainkg.graph.json_rows import read_graph_rows
from chainkg.graph.neo4j_store import (
    DEFAULT_BATCH_SIZE, connect, connection_settings, delete_everything, ensure_schema, load_graph,
)
from chainkg.graph.store import GRAPH_FILE
from chainkg.server import launcher
from neo4j_load_profile import process_cpu_seconds
from testkit.plain_writer import plain_create, plain_queries


def timed(server_pid: int, load: Callable[[], Any]) -> tuple[float, float, float]:
    """(wall, server CPU, client CPU) seconds of ``load()``; the wall time is the one the load
    reports when it returns :class:`~chainkg.graph.neo4j_store.LoadStats` (without its final
    count of the database, as ``benchmarks/scale.py`` reports it)."""
    server, client, wall = process_cpu_seconds(server_pid), time.process_time(), time.perf_counter()
    result = load()
    wall = getattr(result, "seconds", time.perf_counter() - wall)
    return wall, process_cpu_seconds(server_pid) - server, time.process_time() - client


def main() -> None:
    """Run the pairs and print each load, each pair's ratio, the median ratio and the spread."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a build's output folder (its graph.json)")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, nargs="+", default=[DEFAULT_BATCH_SIZE],
                        help="the incremental loader's; several: each pair loads incrementally at each, in turn")
    parser.add_argument("--empty", action="store_true", help="only empty the database")
    args = parser.parse_args()
    if os.environ.get("NEO4J_URI"):
        raise SystemExit("neo4j_pairs.py empties the database: only against the project's own server "
                         "(unset NEO4J_URI)")
    if args.pairs < 1:
        raise SystemExit(f"--pairs {args.pairs}: must be at least 1")
    info = launcher.start()
    settings = connection_settings({})
    with connect(settings) as driver:
        db = settings.database
        delete_everything(driver, db)
        if args.empty:
            return
        rows = read_graph_rows(args.out / GRAPH_FILE)
        print(f"{args.out / GRAPH_FILE}: {len(rows.nodes):,} nodes, {len(rows.rels):,} relationships; "
              f"incremental batch size {' and '.join(map(str, args.batch_size))}", flush=True)
        queries = plain_queries(rows)
        print("pair   plain s (server, client CPU)   incremental s (server, client CPU)   ratio   CPU ratio",
              flush=True)
        ratios: dict[int, list[float]] = {size: [] for size in args.batch_size}
        cpu_ratios: dict[int, list[float]] = {size: [] for size in args.batch_size}
        for pair in range(1, args.pairs + 1):
            ensure_schema(driver, db)
            plain = timed(info.pid, lambda: plain_create(driver, db, queries))
            delete_everything(driver, db)
            turn = pair % len(args.batch_size)  # each size in turn right after the plain load
            for size in args.batch_size[turn:] + args.batch_size[:turn]:
                incremental = timed(info.pid, lambda: load_graph(driver, db, rows, batch_size=size))
                delete_everything(driver, db)
                ratios[size].append(plain[0] / incremental[0])
                cpu_ratios[size].append((plain[1] + plain[2]) / (incremental[1] + incremental[2]))
                which = f" at {size}" if len(args.batch_size) > 1 else ""
                print(f"{pair:>4}   {plain[0]:7.1f} ({plain[1]:5.1f}, {plain[2]:4.1f})           "
                      f"{incremental[0]:7.1f} ({incremental[1]:5.1f}, {incremental[2]:4.1f})              "
                      f"{ratios[size][-1]:.2f}x   {cpu_ratios[size][-1]:.2f}x{which}", flush=True)
    for size in args.batch_size:
        for what, values in (("wall", ratios[size]), ("CPU (server + client)", cpu_ratios[size])):
            print(f"incremental ({size} rows a unit) / plain, {what}: median {statistics.median(values):.2f}x, "
                  f"spread {min(values):.2f}-{max(values):.2f}x over {len(values)} pairs (target >= 0.8x)")


if __name__ == "__main__":
    sys.exit(main())
