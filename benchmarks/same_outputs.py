"""Whether ``chainkg build`` still writes the same bytes as a base commit: graph.json and
documents.jsonl of the seeds, corpus-haixi, corpus-dev and a synthetic corpus, built by this
tree and by ``--base``, compared byte for byte.

A change that only makes extraction cheaper (an index instead of a scan, a pattern compiled
once) must leave every output as it was; this is the check to run after each such change.

The base commit is exported (``git archive``) once into ``--cache`` and run from there (its
folders laid out as the installed ``chainkg`` package, put first on ``PYTHONPATH``); its outputs
are kept in the cache, so later runs build only this tree. The synthetic corpus
(:mod:`testkit.synthetic_corpus`, ``--synthetic`` documents, seed 1) is written once into the
cache too. Each corpus is built with ``--jobs``, and the synthetic one also with ``--jobs 2``
at ``--parallel-synthetic`` documents, so the multi-process path (``chainkg.ingest.parallel``)
is compared as well.

    python benchmarks/same_outputs.py [--base REV] [--shared DIR] [--synthetic 100]
                                      [--parallel-synthetic 300] [--cache DIR]

Prints one line per corpus and output file, and exits 1 when any differ.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUTPUTS = ("graph.json", "documents.jsonl")
PACKAGES = {"chainkg": "chainkg", "reading": "reading", "ingest": "ingest", "graph": "graph", "queries": "queries",
            "views": "views", "server": "server", "data": "data", "export": "export"}
"""The installed ``chainkg`` package's subpackages and the repository folders they come from (pyproject.toml)."""


def export_base(rev: str, cache: Path) -> tuple[str, Path]:
    """The full commit id of ``rev`` and a folder to put on ``PYTHONPATH`` to import its ``chainkg``."""
    commit = subprocess.run(["git", "rev-parse", rev], cwd=REPO, check=True, capture_output=True,
                            text=True).stdout.strip()
    root = cache / commit[:12]
    layout = root / "import"
    if not layout.exists():
        source = root / "source"
        source.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=REPO, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
        package = layout / "chainkg"
        package.mkdir(parents=True)
        for entry in (source / "chainkg").iterdir():
            (package / entry.name).symlink_to(entry)
        for name, folder in PACKAGES.items():
            if name != "chainkg":
                (package / name).symlink_to(source / folder)
    return commit, layout


def build(corpus: Path, out: Path, jobs: int, pythonpath: Path | None) -> None:
    """``python -m chainkg build --corpus CORPUS --out OUT --jobs JOBS``, with ``pythonpath`` first on the path."""
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "chainkg", "build", "--corpus", str(corpus), "--out", str(out),
                           "--jobs", str(jobs)], cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"build of {corpus} into {out} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def first_difference(a: bytes, b: bytes) -> int:
    """The offset of the first byte where ``a`` and ``b`` differ (the shorter length if one is a prefix)."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def synthetic(cache: Path, count: int) -> Path:
    """A synthetic corpus of ``count`` documents (seed 1), written once under ``cache``."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from testkit.synthetic_corpus import write_synthetic_corpus

    folder = cache / f"synthetic-{count}"
    if not (folder / "done").exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_synthetic_corpus(folder / "corpus", count, seed=1)
        (folder / "done").write_text("")
    return folder / "corpus"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="the commit to compare with (default HEAD)")
    parser.add_argument("--shared", default=str(REPO.parent / "shared"), help="folder holding corpus, corpus-haixi, corpus-dev")
    parser.add_argument("--synthetic", type=int, default=100, help="synthetic documents built on --jobs (0: none)")
    parser.add_argument("--parallel-synthetic", type=int, default=300,
                        help="synthetic documents built on 2 processes (0: none)")
    parser.add_argument("--jobs", type=int, default=1, help="processes for every other build (default 1)")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "chainkg-same-outputs"),
                        help="where the base commit, its outputs and the synthetic corpora are kept")
    args = parser.parse_args(argv)
    cache = Path(args.cache)
    commit, layout = export_base(args.base, cache)
    shared = Path(args.shared)
    cases: list[tuple[str, Path, int]] = [(name, shared / name, args.jobs)
                                          for name in ("corpus", "corpus-haixi", "corpus-dev")]
    if args.synthetic:
        cases.append((f"synthetic-{args.synthetic}", synthetic(cache, args.synthetic), args.jobs))
    if args.parallel_synthetic:
        cases.append((f"synthetic-{args.parallel_synthetic}", synthetic(cache, args.parallel_synthetic), 2))
    different = 0
    with tempfile.TemporaryDirectory(prefix="chainkg-same-") as tmp:
        for name, corpus, jobs in cases:
            base_out = cache / commit[:12] / "out" / f"{name}-jobs{jobs}"
            if not (base_out / OUTPUTS[0]).exists():
                build(corpus, base_out, jobs, layout)
            ours = Path(tmp) / f"{name}-jobs{jobs}"
            build(corpus, ours, jobs, None)
            for output in OUTPUTS:
                a, b = (base_out / output).read_bytes(), (ours / output).read_bytes()
                if a == b:
                    print(f"{name} (jobs {jobs}) {output}: identical ({len(a):,} bytes)")
                else:
                    different += 1
                    print(f"{name} (jobs {jobs}) {output}: DIFFERENT from {commit[:12]} "
                          f"({len(a):,} against {len(b):,} bytes, first difference at byte {first_difference(a, b):,})")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
