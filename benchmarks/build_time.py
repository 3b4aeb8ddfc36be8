"""Wall time of a whole ``chainkg build`` as a user runs it: a fresh process (imports, the spaCy
pipeline, ingest, extraction, coverage, graph.json and the site), on the seeds alone and on the
seeds plus corpus-haixi, against the targets of issues 12 and 16 (seeds < 5 s, seeds + haixi < 15 s).

    python benchmarks/build_time.py [--rounds N] [--shared DIR] [--base REV] [--cache DIR]

Prints each corpus's best, median and worst wall time of N rounds (default 3), whether the median
meets its target, and the median CPU seconds (user and system of the build and its child processes:
what a build costs whatever else the machine runs). With ``--base REV`` each round builds with that
commit too (exported once into ``--cache`` by :mod:`testkit.base_commit` and run from there), base and
this tree one after the other, which of them first alternating from round to round, so the machine's
other load falls on both alike; the base's figures are printed above this tree's. The load average is
printed before and after: the machine's other load shows in the wall times, so run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from testkit.base_commit import export_commit, run_chainkg

REPO = Path(__file__).resolve().parents[1]
CASES: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("seeds", ("corpus",), 5.0),
    ("seeds + corpus-haixi", ("corpus", "corpus-haixi"), 15.0),
)


def time_build(folders: list[Path], layout: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python -m chainkg build`` of ``folders`` into a fresh OUT, on the
    code of the base commit exported to ``layout`` when given (:func:`~testkit.base_commit.run_chainkg`)."""
    with tempfile.TemporaryDirectory(prefix="chainkg-bench-") as out:
        args = ["build", "--out", out]
        for folder in folders:
            args += ["--corpus", str(folder)]
        cpu0, t0 = cpu_of_children(), time.perf_counter()
        done = run_chainkg(args, layout, cwd=REPO)  # this tree from its own root, not the caller's folder
        elapsed, cpu = time.perf_counter() - t0, cpu_of_children() - cpu0
    if done.returncode not in (0, 1):
        raise SystemExit(f"build failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    return elapsed, cpu


def cpu_of_children() -> float:
    """User and system seconds of this process's ended children (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def describe(times: list[tuple[float, float]]) -> str:
    """Best, median and worst wall seconds of ``times`` (wall, CPU), and the median CPU seconds."""
    wall = [w for w, _ in times]
    return (f"best {min(wall):5.2f} s  median {statistics.median(wall):5.2f} s  worst {max(wall):5.2f} s  "
            f"(CPU median {statistics.median(c for _, c in times):5.2f} s)")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="builds per corpus (default 3)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default ../shared)")
    parser.add_argument("--base", help="a commit to time in alternation with this tree")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "chainkg-build-time",
                        help="where the base commit is exported")
    args = parser.parse_args(argv)
    layout = export_commit(args.base, args.cache)[2] if args.base else None
    print(f"load average {load_average()}")
    failed = False
    for name, folders, target in CASES:
        paths = [args.shared.resolve() / f for f in folders]
        missing = [str(p) for p in paths if not p.is_dir()]
        if missing:
            raise SystemExit(f"corpus folder(s) missing: {', '.join(missing)}")
        times: list[tuple[float, float]] = []
        base_times: list[tuple[float, float]] = []
        for round_ in range(args.rounds):
            if layout is None:
                times.append(time_build(paths))
                continue
            for which in ("base", "tree") if round_ % 2 == 0 else ("tree", "base"):
                if which == "base":
                    base_times.append(time_build(paths, layout))
                else:
                    times.append(time_build(paths))
        if base_times:
            print(f"{name:<22} {args.base:<10} {describe(base_times)}")
        median = statistics.median(w for w, _ in times)
        ok = median < target
        failed |= not ok
        print(f"{name:<22} {'this tree' if base_times else '':<10} {describe(times)}  target < {target:g} s  "
              f"{'met' if ok else 'NOT met'}")
    print(f"load average {load_average()}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
