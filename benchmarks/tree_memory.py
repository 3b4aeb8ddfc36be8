"""The memory a command takes on the machine, its child processes counted: run it and sample its
process tree (Linux ``/proc``) every ``--every`` seconds.

``/usr/bin/time -v`` reports the largest resident set of any one process; a build whose stages
run in processes of their own (``chainkg build``: ingest, extraction and resolution in a child,
the extraction workers under it) holds several at once. Printed, each the largest over the run:

- ``largest process``: the largest resident set of one process (what ``time -v`` reports);
- ``tree RSS``: the resident sets of every process of the tree added up at one sample (pages a
  forked child shares with its parent counted in each);
- ``tree PSS``: the proportional set sizes added up (``smaps_rollup``: a page shared by k
  processes counted 1/k in each): what the tree takes of the machine's memory.

    python benchmarks/tree_memory.py [--every 0.2] -- python -m chainkg build --corpus C --out O --jobs 2

Exits with the command's exit code. Sampling misses a peak shorter than ``--every``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except OSError:
        return []


def tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += _children(p)
    return out


def _kib(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=0.2, help="seconds between samples")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given (put it after --)")
    started = time.perf_counter()
    child = subprocess.Popen(command)
    largest = rss_sum = pss_sum = processes = 0
    while child.poll() is None:
        pids = tree(child.pid)
        rss = [_kib(f"/proc/{p}/status", "VmRSS") for p in pids]
        pss = sum(_kib(f"/proc/{p}/smaps_rollup", "Pss") for p in pids)
        largest, rss_sum, pss_sum = max(largest, *rss), max(rss_sum, sum(rss)), max(pss_sum, pss)
        processes = max(processes, len(pids))
        time.sleep(args.every)
    print(f"wall {time.perf_counter() - started:.1f} s, up to {processes} processes; MiB: largest process "
          f"{largest / 1024:,.0f}, tree RSS {rss_sum / 1024:,.0f}, tree PSS {pss_sum / 1024:,.0f}", file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
