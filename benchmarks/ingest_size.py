"""Ingest time against the size of one file, 1 to 50 MB: linear, or how far from it.

Makes one text file per size from a corpus's own texts (default: the seeds), repeated and cut
to the size, or with ``--shape cut`` from paragraphs that all end mid-sentence (the worst case
of the rejoin step: each one looks for its continuation). Times
:func:`chainkg.reading.corpus.ingest_file` (read, decode, normalize, rejoin, split sentences) in
a fresh process per size (after a warm-up on its first 20 kB), best of ``--rounds``, and prints seconds, seconds per MB, the peak
memory and, for each size, the ratio to the size a quarter of it (linear: 4.0). With
``--extract`` the extraction of the document is timed as well.

    python benchmarks/ingest_size.py [--corpus DIR] [--sizes 1,2,4,8,16,32,50] [--shape text|cut]
                                     [--rounds N] [--extract]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chainkg.settings import corpus_dir

CUT_WORDS = "园区企业项目建设推进产业链条延伸锂电光伏储能材料装备生产基地配套设施引进培育发展"


def corpus_text(corpus: Path) -> str:
    """The corpus's text files, UTF-8 or GB18030, joined by blank lines."""
    parts = []
    for path in sorted(corpus.rglob("*")):
        if path.suffix.lower() in (".txt", ".md") and path.is_file():
            data = path.read_bytes()
            try:
                parts.append(data.decode("utf-8-sig"))
            except UnicodeDecodeError:
                parts.append(data.decode("gb18030", errors="replace"))
    if not parts:
        raise SystemExit(f"{corpus}: no .txt or .md file to make the benchmark's text from")
    return "\n\n".join(parts)


def cut_text(size: int, seed: int = 7) -> str:
    """Paragraphs of 20-60 characters that end mid-sentence (no 。), until ``size`` bytes."""
    rng = random.Random(seed)
    paras, total = [], 0
    while total < size:
        para = "".join(rng.choice(CUT_WORDS) for _ in range(rng.randint(20, 60)))
        paras.append(para)
        total += len(para.encode("utf-8")) + 2
    return "\n\n".join(paras)


def make_file(folder: Path, megabytes: float, shape: str, base: str) -> Path:
    size = int(megabytes * 1_000_000)
    if shape == "cut":
        text = cut_text(size)
    else:
        text = base * (size // len(base.encode("utf-8")) + 1)
        text = text.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    path = folder / f"size-{megabytes:g}mb.txt"
    path.write_text(text, encoding="utf-8")
    return path


def run_one(path: Path, extract: bool) -> dict[str, float]:
    """Time one ingest (and extraction) in this process; seconds and peak memory."""
    from chainkg.reading.corpus import ingest_file

    warm = path.with_name("warm-" + path.name)  # load jieba's dictionary and our patterns first
    warm.write_bytes(path.read_bytes()[:20_000].decode("utf-8", errors="ignore").encode("utf-8"))
    ingest_file(warm, warm.name, None)
    warm.unlink()
    started = time.perf_counter()
    doc = ingest_file(path, path.name, None)
    result = {"ingest": time.perf_counter() - started, "sentences": len(doc.sentences)}
    if extract:
        from chainkg.ingest.extract import run_extraction
        from chainkg.templates import load_templates

        templates = load_templates()
        started = time.perf_counter()
        run_extraction((doc,), templates)
        result["extract"] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", help="corpus whose texts make the file (default: the seeds)")
    parser.add_argument("--sizes", default="1,2,4,8,16,32,50", help="megabytes, comma-separated")
    parser.add_argument("--shape", choices=("text", "cut"), default="text")
    parser.add_argument("--rounds", type=int, default=1, help="runs per size, best kept (default 1)")
    parser.add_argument("--extract", action="store_true", help="time extraction too")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(Path(args.one), args.extract)))
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    base = corpus_text(corpus_dir(args.corpus)) if args.shape == "text" else ""
    rows: dict[float, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in sizes:
            path = make_file(Path(tmp), mb, args.shape, base)
            runs = []
            for _ in range(args.rounds):
                cmd = [sys.executable, __file__, "--one", str(path)] + (["--extract"] if args.extract else [])
                runs.append(json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
            rows[mb] = min(runs, key=lambda r: r["ingest"])
            row = rows[mb]
            quarter = rows.get(mb / 4)
            ratio = f"  x{row['ingest'] / quarter['ingest']:.2f} vs {mb / 4:g} MB" if quarter else ""
            extra = f"  extract {row['extract']:.1f}s" if "extract" in row else ""
            print(f"{mb:6g} MB  ingest {row['ingest']:7.1f}s  {row['ingest'] / mb:5.2f} s/MB  "
                  f"{int(row['sentences']):8d} sentences  peak {row['peak_mb']:6.0f} MB{extra}{ratio}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
