"""Company spans: the named rules against a trained tagger, on gold sets (issue 16 item 6).

For each gold file of the sets named, the text is read as extraction reads it (normalized,
split into sentences: :mod:`chainkg.ingest.train_data`), and two finders are scored against the
gold company spans mapped onto that text:

- rules: ``doc.spans["company"]`` of the extraction pipeline (:func:`chainkg.ingest.nlp.shared_pipeline`)
  on each sentence, as extraction pipes them;
- model: the entities of a tagger trained by :mod:`chainkg.ingest.company_tagger` on the windows
  (sentences cut to 200 characters) of the same text;
- rules+model: the rules' spans and the model's spans that overlap none of them (would the model
  add what the rules miss without costing their precision?).

Span-level precision and recall: ``exact`` (same start and end), ``overlap`` (a found span counts
when it overlaps a gold span; a gold span is found when a found span overlaps it). Nested gold spans
count once (the longest), as in training.

Cross-validation (never the untouched pages holdout until its one final scoring)::

    export CHAINKG_PAGES=/work/realpages
    python -m chainkg.ingest.company_tagger train --out out/t-h2 --leave-out pages-holdout2
    python benchmarks/company_tagger.py --model out/t-h2 --set pages-holdout2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import spacy

from chainkg.gold import PageUnavailable, gold_paths, refuse_untouched
from chainkg.ingest.company_tagger import tag
from chainkg.ingest.context import place_sentence
from chainkg.ingest.mentions import COMPANY, TEXT_KEY
from chainkg.ingest.nlp import shared_pipeline
from chainkg.ingest.train_data import longest_spans, document_windows, gold_document
from chainkg.reading.document import Document

Spans = list[tuple[int, int]]


def rule_spans(document: Document) -> Spans:
    """The company spans the extraction pipeline marks in each sentence, as document offsets."""
    nlp = shared_pipeline()
    docs = []
    for sentence in document.sentences:
        sdoc = nlp.make_doc(sentence.text)
        sdoc.user_data[TEXT_KEY] = sentence.text
        place_sentence(sdoc, sentence.headings, "heading" in sentence.flags, None)
        docs.append(sdoc)
    out = []
    for sentence, sdoc in zip(document.sentences, nlp.pipe(docs)):
        out += [(sentence.start + s.start_char, sentence.start + s.end_char) for s in sdoc.spans[COMPANY]]
    return sorted(set(out))


def model_spans(nlp: spacy.Language, document: Document) -> Spans:
    """The tagger's company spans over the document's windows, as document offsets."""
    windows = document_windows(document, [])
    return sorted({(w.start + a, w.start + b) for w, found in zip(windows, tag(nlp, windows)) for a, b in found})


def meets(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans share a character."""
    return a[0] < b[1] and b[0] < a[1]


def added(rules: Spans, model: Spans) -> Spans:
    """The rules' spans with the model's that overlap none of them.

    >>> added([(0, 4)], [(1, 4), (6, 8)])
    [(0, 4), (6, 8)]
    """
    return sorted(rules + [m for m in model if not any(meets(m, r) for r in rules)])


def counts(gold: Spans, found: Spans) -> dict[str, int]:
    """Hits for exact and overlap scoring of one document.

    >>> counts([(0, 4), (10, 14)], [(0, 4), (9, 12), (20, 22)])
    {'gold': 2, 'found': 3, 'exact': 1, 'found_overlap': 2, 'gold_overlap': 2}
    """
    return {"gold": len(gold), "found": len(found), "exact": len(set(gold) & set(found)),
            "found_overlap": sum(any(meets(f, g) for g in gold) for f in found),
            "gold_overlap": sum(any(meets(g, f) for f in found) for g in gold)}


def scores(total: dict[str, int]) -> str:
    """P/R exact and P/R overlap of summed :func:`counts`."""
    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    return (f"exact P {ratio(total['exact'], total['found']):.3f} R {ratio(total['exact'], total['gold']):.3f}  "
            f"overlap P {ratio(total['found_overlap'], total['found']):.3f} "
            f"R {ratio(total['gold_overlap'], total['gold']):.3f}  (gold {total['gold']}, found {total['found']})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", required=True, dest="sets", help="gold set to score (repeatable)")
    parser.add_argument("--model", type=Path, help="a tagger trained by chainkg.ingest.company_tagger")
    parser.add_argument("--misses", action="store_true", help="print each document's misses and false finds")
    parser.add_argument("--skip-unavailable-pages", action="store_true",
                        help="leave out real pages absent from $CHAINKG_PAGES (each named on stderr), as chainkg eval does")
    args = parser.parse_args(argv)
    refuse_untouched(args.sets, "benchmarks/company_tagger.py")
    model = spacy.load(args.model) if args.model else None
    names = ["rules", "model", "rules+model"] if model is not None else ["rules"]
    totals = {name: dict.fromkeys(counts([], []), 0) for name in names}
    for path in gold_paths(corpora=args.sets):
        try:
            _, document, spans = gold_document(path)
        except PageUnavailable as err:
            if not args.skip_unavailable_pages:
                raise
            print(f"left out {path.name}: {err}", file=sys.stderr)
            continue
        gold = longest_spans(spans)
        found = {"rules": rule_spans(document)}
        if model is not None:
            found["model"] = model_spans(model, document)
            found["rules+model"] = added(found["rules"], found["model"])
        for name, spans_found in found.items():
            for key, n in counts(gold, spans_found).items():
                totals[name][key] += n
            if args.misses:
                text = document.text
                print(f"{path.stem} {name}: missed {[text[a:b] for a, b in sorted(set(gold) - set(spans_found))]} "
                      f"false {[text[a:b] for a, b in sorted(set(spans_found) - set(gold))]}")
    for name in names:
        print(f"{'+'.join(args.sets)} {name}: {scores(totals[name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
