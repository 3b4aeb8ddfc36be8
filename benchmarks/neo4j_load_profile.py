"""Where a batched load's time goes: client steps, the queries of each unit, their commits, server CPU.

Runs the steps of :func:`chainkg.graph.neo4j_store.load_graph` one after another, one unit at a time
as the default load does, on :func:`testkit.synthetic_graph.synthetic_graph`, and times each (or on
the graph.json of a build, ``--out``): checking the graph and turning it into rows, reading what the
database holds, planning units, building each unit's queries, running them (sent without waiting,
results read at the end), and the rest of each managed transaction (mostly its commit, where Neo4j
writes the records), with the garbage collector paused as in a load. It also reads the CPU seconds
the local server's process and this client used during the writes (Linux ``/proc``). The final sweep
is left out (nothing to sweep in an empty database).

The database is emptied first, so this only runs against the project's own local server
(``chainkg neo4j start``; started here if it is not running), never against NEO4J_URI.

    python benchmarks/neo4j_load_profile.py [--nodes 100000] [--batch-size 2500] [--seed 1] [--out OUT]
                                                [--client-only ROUNDS]
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections.abc import Sequence
from pathlib import Path

from neo4j import GraphDatabase, ManagedTransaction

from chainkg.graph.neo4j_store import (
    DEFAULT_BATCH_SIZE, GraphRows, StoredOwnership, UnitQuery, delete_everything, ensure_schema, graph_rows,
    plan_units, stored_ownership, unit_queries, write_unit,
)
from chainkg.collector import collector_paused
from chainkg.graph.json_rows import read_graph_rows
from chainkg.graph.store import GRAPH_FILE
from testkit.synthetic_graph import synthetic_graph
from chainkg.server import launcher


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (Linux ``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def client_only(rows: GraphRows, batch_size: int, rounds: int) -> None:
    """The client's own work in a first load, no server: planning the units (each planned when
    taken) and building their queries, CPU seconds with the collector paused as in a load; the
    least of ``rounds``."""
    plan, build = [], []
    with collector_paused():
        for _ in range(rounds):
            built, mark = 0.0, time.process_time()
            phases = plan_units(rows, StoredOwnership({}, {}), batch_size)  # all of it, before this branch
            planned = time.process_time() - mark
            for phase in phases:
                taken = iter(phase)
                while True:
                    mark = time.process_time()
                    unit = next(taken, None)
                    planned += time.process_time() - mark
                    if unit is None:
                        break
                    mark = time.process_time()
                    unit_queries(unit, batch_size)
                    built += time.process_time() - mark
            plan.append(planned)
            build.append(built)
    print(f"{len(rows.nodes):,} nodes, {len(rows.rels):,} relationships, batch size {batch_size}, into an empty "
          f"database: plan {min(plan):.2f} CPU s, build queries {min(build):.2f} CPU s (least of {rounds})")


def main() -> None:
    """Load the synthetic graph step by step into an emptied database and print each step's time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="load this build's graph.json (read as `chainkg load` reads it) "
                        "instead of the synthetic graph")
    parser.add_argument("--client-only", type=int, metavar="ROUNDS",
                        help="no server: plan a first load into an empty database and build every unit's queries "
                             "ROUNDS times; print the least CPU seconds of each")
    args = parser.parse_args()

    G = None if args.out else synthetic_graph(args.nodes, seed=args.seed)
    if args.client_only:
        client_only(read_graph_rows(args.out / GRAPH_FILE) if G is None else graph_rows(G), args.batch_size,
                    args.client_only)
        return
    info = launcher.start()
    database = "neo4j"
    times: dict[str, float] = dict.fromkeys(("rows", "schema", "stored", "plan", "build queries",
                                             "run queries", "rest of transaction"), 0.0)
    with GraphDatabase.driver(info.uri, auth=(info.user, info.password()),
                              notifications_min_severity="OFF") as driver:
        delete_everything(driver, database)
        gc.disable()  # as load_graph does for the whole load
        started = time.perf_counter()
        rows = read_graph_rows(args.out / GRAPH_FILE) if G is None else graph_rows(G)
        times["rows"] = time.perf_counter() - started
        mark = time.perf_counter()
        ensure_schema(driver, database)
        times["schema"] = time.perf_counter() - mark
        mark = time.perf_counter()
        stored = stored_ownership(driver, database)
        times["stored"] = time.perf_counter() - mark
        mark = time.perf_counter()
        phases = plan_units(rows, stored, args.batch_size)
        times["plan"] = time.perf_counter() - mark

        def timed_write(tx: ManagedTransaction, queries: Sequence[UnitQuery]) -> None:
            mark = time.perf_counter()
            write_unit(tx, queries)
            times["run queries"] += time.perf_counter() - mark

        server_cpu, client_cpu = process_cpu_seconds(info.pid), time.process_time()
        units = 0
        with driver.session(database=database) as session:
            for phase in phases:
                taken = iter(phase)
                while True:
                    mark = time.perf_counter()
                    unit = next(taken, None)  # each unit is planned when taken
                    times["plan"] += time.perf_counter() - mark
                    if unit is None:
                        break
                    mark = time.perf_counter()
                    queries = unit_queries(unit, args.batch_size)
                    built = time.perf_counter()
                    times["build queries"] += built - mark
                    session.execute_write(timed_write, queries)
                    times["rest of transaction"] += time.perf_counter() - built
                    units += 1
                    gc.collect(0)  # as load_graph does after each unit
        times["rest of transaction"] -= times["run queries"]
        server_cpu, client_cpu = process_cpu_seconds(info.pid) - server_cpu, time.process_time() - client_cpu
        total = time.perf_counter() - started
        gc.enable()
        delete_everything(driver, database)

    print(f"{args.out or f'synthetic graph (seed {args.seed})'}: {len(rows.nodes):,} nodes, "
          f"{len(rows.rels):,} relationships; "
          f"{units} transactions, batch size {args.batch_size}, one at a time")
    for step, seconds in times.items():
        print(f"  {step:<20} {seconds:6.1f}s  {100 * seconds / total:3.0f}%")
    print(f"  {'total':<20} {total:6.1f}s  = {len(rows.rels) / total:,.0f} rel/s")
    print(f"during the writes: server process {server_cpu:.1f} CPU s, this client {client_cpu:.1f} CPU s")


if __name__ == "__main__":
    main()
