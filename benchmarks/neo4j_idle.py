"""How long an incremental load leaves the server idle: the client's time between its transactions.

Loads a build's graph.json (read as ``chainkg load`` reads it) into the emptied own server with
:func:`chainkg.graph.neo4j_store.load_graph` and splits the load's wall time into the time inside
its transactions (``Session.execute_write``, timed by wrapping it) and the time between them, when
the client plans and builds the next unit and the server waits. Prints the client's CPU seconds too.
It imports whichever ``chainkg`` comes first on the path, so a base exported with
:mod:`testkit.base_commit` runs it through ``PYTHONPATH`` (from a folder without ``chainkg/``).

The database is emptied before and after, so this runs only against the project's own local server
(``chainkg neo4j start``; ``CHAINKG_NEO4J_DIR`` / ``CHAINKG_NEO4J_PORT`` say which), never NEO4J_URI.

    python benchmarks/neo4j_idle.py OUT [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import neo4j

from chainkg.graph import neo4j_store
from chainkg.graph.json_rows import read_graph_rows
from chainkg.graph.store import GRAPH_FILE
from chainkg.server import launcher


def timed_transactions(marks: list[float]) -> Any:
    """A stand-in for ``neo4j.Session.execute_write`` that appends its start and end times to ``marks``."""
    write = neo4j.Session.execute_write

    def execute_write(self: neo4j.Session, *args: Any, **kwargs: Any) -> Any:
        marks.append(time.perf_counter())
        try:
            return write(self, *args, **kwargs)
        finally:
            marks.append(time.perf_counter())

    return execute_write


def main() -> None:
    """Load ``OUT`` ``--rounds`` times and print, each time, the load's wall time inside and between transactions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a build's output folder (its graph.json)")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    if os.environ.get("NEO4J_URI"):
        raise SystemExit("neo4j_idle.py empties the database: only against the project's own server (unset NEO4J_URI)")
    launcher.start()
    settings = neo4j_store.connection_settings({})
    rows = read_graph_rows(args.out / GRAPH_FILE)
    marks: list[float] = []
    neo4j.Session.execute_write = timed_transactions(marks)
    with neo4j_store.connect(settings) as driver:
        for _ in range(args.rounds):
            neo4j_store.delete_everything(driver, settings.database)
            marks.clear()
            cpu = time.process_time()
            stats = neo4j_store.load_graph(driver, settings.database, rows)
            cpu = time.process_time() - cpu
            inside = sum(end - start for start, end in zip(marks[::2], marks[1::2]))
            between = sum(start - end for end, start in zip(marks[1:-1:2], marks[2::2]))
            print(f"{neo4j_store.__file__}: load {stats.seconds:.1f} s, {stats.transactions} transactions: "
                  f"inside them {inside:.1f} s, between them {between:.1f} s; client CPU {cpu:.1f} s", flush=True)
        neo4j_store.delete_everything(driver, settings.database)


if __name__ == "__main__":
    sys.exit(main())
