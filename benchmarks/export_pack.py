"""How long ``chainkg export pack`` takes: the lists and workbooks alone, and with the PDF.

Reads ``OUT/graph.json`` (run ``chainkg build`` first) and writes the pack to a temporary
folder, ``--runs`` times each way; prints the best and the median seconds. The PDF step is one
chromium print of the whole booklet, running while the workbooks are written.

    python benchmarks/export_pack.py --out /tmp/pack-out --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from chainkg.export.pack import export_pack
from chainkg.graph.store import GRAPH_FILE, read_graph_json


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("out"), help="folder holding graph.json")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    G = read_graph_json(args.out / GRAPH_FILE)
    for pdf in (False, True):
        times = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                started = time.perf_counter()
                pack = export_pack(G, Path(tmp), pdf=pdf)
                times.append(time.perf_counter() - started)
        pages = sum(f.pages or 0 for f in pack.chains)
        print(f"pack {'with' if pdf else 'without'} PDF: {len(pack.chains)} chains, {pages} PDF pages; "
              f"best {min(times):.2f}s, median {statistics.median(times):.2f}s over {args.runs} runs")


if __name__ == "__main__":
    main()
