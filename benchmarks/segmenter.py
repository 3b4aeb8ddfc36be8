"""Measure how often each spaCy Chinese segmenter cuts a name we must match.

Reads the corpus (default: the seeds), takes every product, chain, place and known-company
phrase of the pipeline's span ruler plus the company names extraction finds, and counts the
occurrences whose first or last character is not at a token edge. The pipeline uses the
segmenter that cuts none (``chainkg.ingest.nlp.SEGMENTER``).

    python benchmarks/segmenter.py [CORPUS_DIR]

jieba and pkuseg are measured only when installed (jieba is in the ``test`` extra).
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

from chainkg.reading.corpus import ingest_corpus
from chainkg.ingest.extract import extract
from chainkg.ingest.nlp import blank_zh, build_pipeline, names_cut, term_patterns
from chainkg.ingest.vocab import vocabulary
from chainkg.settings import corpus_dir


def main(argv: list[str]) -> int:
    corpus = corpus_dir(argv[0] if argv else None)
    with tempfile.TemporaryDirectory() as tmp:
        docs = ingest_corpus(corpus, Path(tmp)).documents
    texts = [s.text for d in docs for s in d.sentences]
    names = {row["pattern"] for row in term_patterns(vocabulary(None))}
    names |= {name for name, _rule, _ev in extract(docs, build_pipeline(None)).companies}
    present = {n for n in names if any(n in t for t in texts)}
    print(f"corpus {corpus}: {len(texts)} sentences, {len(present)} distinct names present")
    for segmenter in ("char", "jieba", "pkuseg"):
        module = {"char": None, "jieba": "jieba", "pkuseg": "spacy_pkuseg"}[segmenter]
        if module and importlib.util.find_spec(module) is None:
            print(f"{segmenter:>7}: not installed, skipped")
            continue
        total, cut, which = names_cut(blank_zh(segmenter), texts, present)
        print(f"{segmenter:>7}: {cut}/{total} name occurrences cut ({cut / max(total, 1):.1%})"
              + (f", e.g. {', '.join(which[:8])}" if which else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
