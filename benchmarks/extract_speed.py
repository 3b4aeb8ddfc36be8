"""Characters per second of extraction, after the pipeline is loaded.

Ingests a corpus (default: the seeds), builds the pipeline once (not timed), then times
:func:`chainkg.ingest.extract.extract` + :func:`chainkg.ingest.resolve.resolve` over all its
documents, several rounds, and prints the best and the median rate: per second of wall time, and
per second of this process's CPU time (``time.process_time``), which holds on a busy machine where
wall time measures the other jobs too. The first round is also printed alone: a build makes one pass, and what is
cached per name or per run of letters (a firm name's cut by jieba, its HMM route) is warm in every later round; how
many names the first round cut by jieba is printed too. ``--batch-size`` is the Docs each pipeline component takes
at a time (1: each sentence through every component in turn, as spaCy's own ``Pipe.pipe`` hands them on).

    python benchmarks/extract_speed.py [CORPUS_DIR] [--rounds N] [--batch-size B]
"""

from __future__ import annotations

import statistics
import sys
import time

from testkit.extraction_run import corpus_documents, extraction_arguments

from chainkg.ingest.extract import extract
from chainkg.ingest.firm_evidence import _words
from chainkg.ingest.nlp import shared_pipeline
from chainkg.ingest.resolve import resolve
from chainkg.ingest.vocab import vocabulary


def main(argv: list[str]) -> int:
    args = extraction_arguments(__doc__.splitlines()[0], argv, rounds=5)
    corpus, docs = corpus_documents(args.corpus)
    chars = sum(len(s.text) for d in docs for s in d.sentences)
    t0 = time.perf_counter()
    nlp = shared_pipeline()
    vocab = vocabulary(None)
    load = time.perf_counter() - t0
    rates, cpu_rates = [], []
    projects, cut = 0, []
    for _ in range(max(1, args.rounds)):
        t0, c0 = time.perf_counter(), time.process_time()
        projects = len(resolve(extract(docs, nlp, args.batch_size), vocab).projects)
        rates.append(chars / (time.perf_counter() - t0))
        cpu_rates.append(chars / (time.process_time() - c0))
        cut.append(_words.cache_info().misses)  # names cut by jieba so far (each once: cached)
    print(f"corpus {corpus}: {len(docs)} documents, {chars} characters in sentences, {projects} projects")
    print(f"pipeline load: {load:.2f} s")
    print(f"extraction: best {max(rates):,.0f} chars/s, median {statistics.median(rates):,.0f} chars/s "
          f"over {len(rates)} rounds")
    print(f"extraction per CPU second: best {max(cpu_rates):,.0f} chars/s, median {statistics.median(cpu_rates):,.0f} chars/s")
    print(f"first round (caches cold, as in a build's one pass): {rates[0]:,.0f} chars/s, {cpu_rates[0]:,.0f} per CPU second, "
          f"{cut[0]:,} names cut by jieba")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
