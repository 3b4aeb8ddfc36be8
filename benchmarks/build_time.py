"""Wall time of a whole ``chainkg build`` as a user runs it: a fresh process (imports, the spaCy
pipeline, ingest, extraction, coverage, graph.json and the site), on the seeds alone and on the
seeds plus corpus-haixi, against the targets of issue 12 (seeds < 5 s, seeds + haixi < 15 s).

    python benchmarks/build_time.py [--rounds N] [--shared DIR]

Prints each corpus's best and median of N rounds (default 3) and whether the median meets its
target. The machine's other load shows in the figures: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("seeds", ("corpus",), 5.0),
    ("seeds + corpus-haixi", ("corpus", "corpus-haixi"), 15.0),
)


def time_build(folders: list[Path]) -> float:
    """Seconds of one ``python -m chainkg build`` of ``folders`` into a fresh OUT."""
    with tempfile.TemporaryDirectory(prefix="chainkg-bench-") as out:
        args = [sys.executable, "-m", "chainkg", "build", "--out", out]
        for folder in folders:
            args += ["--corpus", str(folder)]
        t0 = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - t0
    if done.returncode not in (0, 1):
        raise SystemExit(f"build failed ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    return elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="builds per corpus (default 3)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default ../shared)")
    args = parser.parse_args(argv)
    failed = False
    for name, folders, target in CASES:
        paths = [args.shared / f for f in folders]
        missing = [str(p) for p in paths if not p.is_dir()]
        if missing:
            raise SystemExit(f"corpus folder(s) missing: {', '.join(missing)}")
        times = [time_build(paths) for _ in range(args.rounds)]
        median = statistics.median(times)
        ok = median < target
        failed |= not ok
        print(f"{name:<22} best {min(times):5.2f} s  median {median:5.2f} s  target < {target:g} s  "
              f"{'met' if ok else 'NOT met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
