"""Whether ``chainkg build`` still writes the same outputs as a base commit: graph.json,
documents.jsonl and every file of the site of the seeds, corpus-haixi, corpus-dev and a
synthetic corpus, built by this tree and by ``--base``, compared byte for byte; graph.json, when
its bytes differ, also as the JSON it holds (a base before its indent changed from one space to
two: the same data, other bytes).

A change that only makes extraction cheaper (an index instead of a scan, a pattern compiled
once) must leave every output as it was; this is the check to run after each such change.

The base commit is exported once into ``--cache`` (:mod:`testkit.base_commit`) and run from
there; its outputs are kept in the cache, so later runs build only this tree. The synthetic corpus
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
import json
import sys
import tempfile
from pathlib import Path

from testkit.base_commit import REPO, export_commit, run_chainkg
from testkit.synthetic_corpus import write_synthetic_corpus

OUTPUTS = ("graph.json", "documents.jsonl")
PARSED = {"graph.json"}
"""The outputs also compared as the JSON they hold when their bytes differ."""
SITE = "site"


def build(corpus: Path, out: Path, jobs: int, layout: Path | None) -> None:
    """``python -m chainkg build --corpus CORPUS --out OUT --jobs JOBS``, on the code of the base commit
    exported to ``layout`` when given (:func:`~testkit.base_commit.run_chainkg`), else on this tree's."""
    done = run_chainkg(["build", "--corpus", str(corpus), "--out", str(out), "--jobs", str(jobs)], layout, cwd=REPO)
    if done.returncode != 0:
        raise SystemExit(f"build of {corpus} into {out} failed ({done.returncode}):\n{done.stderr[-3000:]}")


def first_difference(a: bytes, b: bytes) -> int:
    """The offset of the first byte where ``a`` and ``b`` differ (the shorter length if one is a prefix)."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def site_files(out: Path) -> dict[str, bytes]:
    """Every file of ``out``'s site: path relative to the site -> its bytes."""
    site = out / SITE
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def compare_sites(a: Path, b: Path) -> str | None:
    """None when the sites of builds ``a`` and ``b`` hold the same files with the same bytes, else what differs."""
    ours, theirs = site_files(a), site_files(b)
    if ours == theirs:
        return None
    missing, extra = sorted(set(ours) - set(theirs)), sorted(set(theirs) - set(ours))
    changed = sorted(p for p in set(ours) & set(theirs) if ours[p] != theirs[p])
    return (f"{len(missing)} files missing (first {missing[:1]}), {len(extra)} extra (first {extra[:1]}), "
            f"{len(changed)} changed (first {changed[:1]})")


def synthetic(cache: Path, count: int) -> Path:
    """A synthetic corpus of ``count`` documents (seed 1), written once under ``cache``."""
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
    cache = Path(args.cache).resolve()
    commit, _source, layout = export_commit(args.base, cache)
    shared = Path(args.shared).resolve()  # the base runs from its export's folder
    cases: list[tuple[str, Path, int]] = [(name, shared / name, args.jobs)
                                          for name in ("corpus", "corpus-haixi", "corpus-dev")]
    if args.synthetic:
        cases.append((f"synthetic-{args.synthetic}", synthetic(cache, args.synthetic), args.jobs))
    if args.parallel_synthetic:
        cases.append((f"synthetic-{args.parallel_synthetic}", synthetic(cache, args.parallel_synthetic), 2))
    different = 0
    with tempfile.TemporaryDirectory(prefix="chainkg-same-") as tmp:
        for name, corpus, jobs in cases:
            # "base-out": what an earlier version of this script kept under "out" was built from the repository
            # root, where `python -m chainkg` imported this tree's code instead of the base's
            base_out = cache / commit[:12] / "base-out" / f"{name}-jobs{jobs}"
            if not (base_out / OUTPUTS[0]).exists():
                build(corpus, base_out, jobs, layout)
            ours = Path(tmp) / f"{name}-jobs{jobs}"
            build(corpus, ours, jobs, None)
            for output in OUTPUTS:
                a, b = (base_out / output).read_bytes(), (ours / output).read_bytes()
                if a == b:
                    print(f"{name} (jobs {jobs}) {output}: identical ({len(a):,} bytes)")
                elif output in PARSED and json.loads(a) == json.loads(b):
                    print(f"{name} (jobs {jobs}) {output}: the same JSON ({len(a):,} against {len(b):,} bytes)")
                else:
                    different += 1
                    print(f"{name} (jobs {jobs}) {output}: DIFFERENT from {commit[:12]} "
                          f"({len(a):,} against {len(b):,} bytes, first difference at byte {first_difference(a, b):,})")
            difference = compare_sites(base_out, ours)
            if difference is None:
                print(f"{name} (jobs {jobs}) {SITE}/: identical ({len(site_files(ours)):,} files)")
            else:
                different += 1
                print(f"{name} (jobs {jobs}) {SITE}/: DIFFERENT from {commit[:12]}: {difference}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
