"""`chainkg load --bulk` timed alone: this tree against a base commit, in alternating order.

Each round runs, for the base and for this tree (the first of the pair alternating), in a process
of its own: the project's own server's database emptied (``CHAINKG_NEO4J_DIR`` /
``CHAINKG_NEO4J_PORT`` name the server; it is started if it is not running), then ``chainkg -v load
--bulk --out OUT``. Printed per run: wall seconds, the CPU seconds of the loading process and of
the processes it waited for (the importer's JVM), its peak memory, and the steps ``bulk_load``
logs; the load average before and after.

    python benchmarks/bulk_load.py OUT [--base REV] [--rounds N]

The CPU seconds compare runs on a shared machine better than the wall seconds; the server's own
start and stop run in the server's JVM, which no process here waits for (wall time only).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from testkit.base_commit import export_commit, run_python  # noqa: E402

CHILD = """
import resource, sys, time
from chainkg.cli import main
started = time.perf_counter()
rc = main(sys.argv[1:])
wall = time.perf_counter() - started
me, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("RESULT", rc, wall, me.ru_utime + me.ru_stime, waited.ru_utime + waited.ru_stime, me.ru_maxrss)
"""


def _empty_database() -> None:
    """Start the own server if needed and delete everything in its database (this tree's code)."""
    from chainkg.graph.neo4j_store import connect, connection_settings, delete_everything
    from chainkg.server import launcher

    if os.environ.get("NEO4J_URI"):
        raise SystemExit("empties the database: only against the project's own server (unset NEO4J_URI)")
    launcher.start()
    settings = connection_settings({})
    with connect(settings) as driver:
        delete_everything(driver, settings.database)


def one_load(out: Path, layout: Path | None) -> dict[str, object]:
    """One `chainkg -v load --bulk` into the emptied server, on the export at ``layout`` or this tree."""
    _empty_database()
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    done = run_python(["-c", CHILD, "-v", "load", "--bulk", "--out", str(out.resolve())], layout, env=env)
    result = re.search(r"^RESULT (\S+) (\S+) (\S+) (\S+) (\S+)$", done.stdout, re.M)
    if result is None or result.group(1) != "0":
        raise SystemExit(f"the load failed:\n{done.stdout}\n{done.stderr[-3000:]}")
    steps = re.search(r"bulk load: (.*)$", done.stderr, re.M)
    _, wall, client, waited, peak = result.groups()
    return {"wall_s": round(float(wall), 1), "client_cpu_s": round(float(client), 1),
            "importer_cpu_s": round(float(waited), 1), "client_peak_mib": int(peak) // 1024,
            "steps": steps.group(1) if steps else ""}


def _load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a build's output folder (graph.json, and its snapshot or not)")
    parser.add_argument("--base", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--tree-only", action="store_true", help="only this tree, no base")
    args = parser.parse_args()
    layout = None if args.tree_only else export_commit(args.base, Path("/tmp/chainkg-bases"))[2]
    for round_ in range(args.rounds):
        pair = [("tree", None)] if layout is None else [("base", layout), ("tree", None)]
        for name, where in pair if round_ % 2 == 0 else reversed(pair):
            before = _load_average()
            result = one_load(args.out, where)
            print(json.dumps({"round": round_, "code": name, "load": f"{before}-{_load_average()}", **result},
                             ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
