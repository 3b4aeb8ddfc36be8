"""CPU microseconds per sentence of each extraction pipeline component, alone and together.

Ingests a corpus (default: the seeds), builds the pipeline, makes every sentence's Doc as extraction does, then per
round times: making the Docs, each component over all of them in turn (one component at a time), and the whole
``nlp.pipe`` over the same sentences with the components taking ``--batch-size`` Docs at a time and one at a time
(each sentence through every component in turn, as spaCy's own ``Pipe.pipe`` hands them on). The best of
``--rounds``; the collector is off while timing (its pauses land on whichever line allocates).

    python benchmarks/component_time.py [CORPUS_DIR] [--rounds N] [--batch-size B]
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from testkit.extraction_run import corpus_documents, extraction_arguments

from chainkg.ingest.extract import _sentences
from chainkg.ingest.mentions import drop_groups
from chainkg.ingest.nlp import shared_pipeline
from chainkg.reading.document import Document


def _cpu(work: Callable[[], list[Doc]]) -> tuple[float, list[Doc]]:
    """CPU seconds of ``work`` and the Docs it gave."""
    start = time.process_time()
    made = work()
    return time.process_time() - start, made


def one_round(docs: Sequence[Document], nlp: Language, batch_size: int) -> dict[str, float]:
    """CPU seconds of making the Docs, of each component alone over all of them, and of ``nlp.pipe`` whole."""
    times: dict[str, float] = {}
    times["making the Docs"], made = _cpu(lambda: [doc for doc, _ in _sentences(docs, nlp)])
    for name, component in nlp.pipeline:
        times[name], _ = _cpu(lambda: list(component.pipe(made, batch_size=1)))  # one component over every Doc
    times["the above, summed"] = sum(times.values())
    for size in (batch_size, 1):
        times[f"nlp.pipe, batches of {size}"], piped = _cpu(
            lambda: [doc for doc, _ in nlp.pipe(_sentences(docs, nlp), as_tuples=True, batch_size=size)])
        for doc in [*made, *piped]:
            drop_groups(doc)
    return times


def main(argv: list[str]) -> int:
    args = extraction_arguments(__doc__.splitlines()[0], argv, rounds=3)
    _corpus, docs = corpus_documents(args.corpus)
    nlp = shared_pipeline()
    sentences = sum(1 for _ in _sentences(docs, nlp))
    best: dict[str, float] = {}
    for _ in range(max(1, args.rounds)):
        gc.disable()
        times = one_round(docs, nlp, args.batch_size)
        gc.enable()
        gc.collect()
        best = {key: min(seconds, best.get(key, seconds)) for key, seconds in times.items()}
    print(f"{len(docs)} documents, {sentences} sentences; best of {max(1, args.rounds)} rounds, CPU µs per sentence:")
    for key, seconds in best.items():
        print(f"  {key:<28} {seconds / sentences * 1e6:7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
