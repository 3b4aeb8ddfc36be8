"""The CSV files of `chainkg load --bulk` written alone (no server): this tree against a base commit.

Each round writes the files of ``OUT/graph.json`` into a scratch folder, once with the base's code
and once with this tree's (the first of the pair alternating), each in a process of its own, and
prints the CPU seconds of that process and of the processes it waited for, its wall seconds, and
whether the files hold the same bytes as the base's (files and rows in the same order).

    python benchmarks/bulk_csv.py OUT [--base REV] [--rounds N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from testkit.base_commit import export_commit, run_python  # noqa: E402

CHILD = """
import resource, sys, time
from pathlib import Path
from chainkg.graph.json_rows import GraphStream
from chainkg.graph.neo4j_bulk import stream_import_files
started = time.perf_counter()
stream_import_files(GraphStream(Path(sys.argv[1]), share=False), Path(sys.argv[2]))
me, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print("RESULT", time.perf_counter() - started, me.ru_utime + me.ru_stime, waited.ru_utime + waited.ru_stime)
"""


def _digest(folder: Path) -> str:
    """One digest of every CSV file below ``folder``, in the order of their names."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def one_write(graph: Path, layout: Path | None) -> dict[str, object]:
    """The files of ``graph`` written by the export at ``layout`` (None: this tree)."""
    with tempfile.TemporaryDirectory(prefix="bulk-csv-") as tmp:
        done = run_python(["-c", CHILD, str(graph.resolve()), tmp], layout)
        if done.returncode != 0 or not done.stdout.startswith("RESULT"):
            raise SystemExit(f"writing the files failed:\n{done.stdout}\n{done.stderr[-3000:]}")
        wall, cpu, waited = (float(v) for v in done.stdout.split()[1:4])
        return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "children_cpu_s": round(waited, 2),
                "files": _digest(Path(tmp))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="a build's output folder (graph.json)")
    parser.add_argument("--base", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    layout = export_commit(args.base, Path("/tmp/chainkg-bases"))[2]
    pair = [("base", layout), ("tree", None)]
    for round_ in range(args.rounds):
        for name, where in pair if round_ % 2 == 0 else reversed(pair):
            print(json.dumps({"round": round_, "code": name, "load": f"{os.getloadavg()[0]:.2f}", **one_write(args.out / "graph.json", where)}),
                  flush=True)


if __name__ == "__main__":
    main()
