"""Benchmark: how large the site's pages and files are, and how long ``write_site`` takes, per
corpus size (issue 15: every page at most 2 MB, site time linear in the corpus).

For each size, a synthetic corpus (``testkit.synthetic_corpus``, the same as
``benchmarks/scale.py``: made-up work reports, no sentence of a real document) is written once
under ``--folder`` and built once with ``chainkg build`` (``--folder``/out-N, kept for the next
run); then the site is written again from that build's graph (snapshot loaded and frozen, as in
``chainkg build``) into a fresh folder, ``--rounds`` times, and measured. Printed per size:
``write_site`` seconds, wall and CPU of this process and of the process that makes the files
(:mod:`chainkg.file_writer`, a child: ``os.times``'s children) (each round; CPU is steadier on
a shared machine, though the kernel's part of making files varies with what was deleted lately),
``index.html`` and the largest file of each kind of page
and data file (index files, entity pages and their ``more/`` files, chain maps, whole-graph
files), and every file over the 2 MB target.

Run: ``python benchmarks/site_pages.py --sizes 1000 3000`` (``--folder /tmp/site-pages``,
``--rounds 1``, ``--jobs 2``). An earlier commit's code runs the same script with its export
(``benchmarks/testkit/base_commit.py``) first on ``PYTHONPATH``, from the export's folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from chainkg.collector import frozen
from chainkg.graph.snapshot import read_graph_fast
from chainkg.views.site import write_site

TARGET_BYTES = 2_000_000
"""Issue 15: no page of the site larger than this."""


def built(n: int, folder: Path, jobs: int) -> Path:
    """The graph file of a ``chainkg build`` of ``n`` synthetic documents (made when missing)."""
    from testkit.synthetic_corpus import write_synthetic_corpus

    corpus = folder / f"corpus-{n}-seed1"
    if not (corpus / ".complete").exists():
        write_synthetic_corpus(corpus, n, seed=1)
        (corpus / ".complete").write_text("")
    out = folder / f"out-{n}"
    if not (out / "graph.json").exists():
        subprocess.run([sys.executable, "-m", "chainkg", "build", "--corpus", str(corpus), "--out", str(out),
                        "--jobs", str(jobs)], check=True)
    return out / "graph.json"


def kind_of(path: Path) -> str:
    """What a site file is, for the table: ``index.html``, ``index/projects``, ``product``,
    ``product/more`` …"""
    parts = path.parts
    if len(parts) == 1:
        return parts[0]
    if parts[0] == "index":
        return "index/" + parts[1].split("-")[0]
    return "/".join(parts[:-1])


def measure(site: Path) -> dict[str, tuple[int, str, int]]:
    """Per kind of file: (largest size, its path, how many)."""
    largest: dict[str, tuple[int, str, int]] = defaultdict(lambda: (0, "", 0))
    for path in site.rglob("*"):
        if path.is_file():
            rel = path.relative_to(site)
            size, name, count = largest[kind_of(rel)]
            largest[kind_of(rel)] = max((path.stat().st_size, str(rel)), (size, name)) + (count + 1,)
    return dict(largest)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "site-pages")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    for n in args.sizes:
        G = read_graph_fast(built(n, args.folder, args.jobs), freeze=True)
        times = []
        site = args.folder / f"site-{n}"
        for _ in range(args.rounds):
            shutil.rmtree(site, ignore_errors=True)
            with frozen():
                t0, c0, k0 = time.perf_counter(), time.process_time(), os.times()
                write_site(G, site)
                k1 = os.times()
                times.append((time.perf_counter() - t0, time.process_time() - c0,
                              k1.children_user + k1.children_system - k0.children_user - k0.children_system))
        sizes = measure(site)
        print(f"\n{n:,} documents: {G.number_of_nodes():,} nodes; write_site "
              + ", ".join(f"{wall:.1f} s ({cpu:.1f} s CPU, files' process {files:.1f} s CPU)"
                          for wall, cpu, files in times), flush=True)
        print(f"{'file kind':<22}{'files':>8}{'largest MB':>12}  largest file")
        for kind in sorted(sizes):
            size, name, count = sizes[kind]
            print(f"{kind:<22}{count:>8,}{size / 1e6:>12.3f}  {name}")
        over = sorted((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*")
                      if p.is_file() and p.stat().st_size > TARGET_BYTES)
        print(f"files over {TARGET_BYTES / 1e6:.0f} MB: {len(over)}"
              + "".join(f"\n  {name} {size / 1e6:.2f} MB" for size, name in over), flush=True)
        del G
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
