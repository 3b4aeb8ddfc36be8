"""A trained decider for figure-less projects against the rules alone, leave-one-set-out (issue 16 item 6).

Question: can a small text classifier (:mod:`chainkg.ingest.figless_decider`) tell which of the rules' unprojected
(firm, product) pairs are real figure-less projects well enough to gain strict rows at no precision loss?

Each set is read once as ``chainkg eval`` reads it (its gold texts copied into a scratch folder, ingested, their
mentions extracted), then its candidates are made and labelled against its gold (a gold row without a figure
with the candidate's company and product, by the strict scorer's matching). For each held-out set (``--fold``,
repeat; default every spent pages set) a decider is trained on the candidates of every other set read, and the
held-out set is scored strictly (:func:`chainkg.strict.score_document_graph`) three times: the rules' mentions
alone, with a figure-less project mention for every candidate labelled yes (the most this candidate set can give),
and with one for each candidate the decider scores at least ``--threshold`` (repeat). ``--rule-examples`` trains
also on the rules' own figure-less project mentions of the training sets, labelled the same way.
The untouched holdout (:data:`chainkg.gold.UNTOUCHED`) is refused, and our own holdout (``data/eval/holdout``) is not
read. ``--cache FILE`` keeps the read sets (pickle), so that a second run with other settings skips the
extraction. The run of docs/extraction.md ("A trained decider for figure-less projects"), every spent pages set
held out in turn, with the settings chosen on pages-holdout4 and pages-holdout5::

    export CHAINKG_PAGES=/work/realpages OMP_NUM_THREADS=1
    nice python benchmarks/figless_decider.py --cache out/figless.pkl --rule-examples \
        --threshold 0.4 --threshold 0.2 --threshold 0.5

Pages that are absent or came back with other bytes are left out of their set, each named on stderr.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from chainkg.gold import PAGES_CORPORA, corpus_dirs, gold_paths, load_aliases, load_golds, refuse_untouched
from chainkg.ingest.company_tagger import training_sets
from chainkg.ingest.evaluate import Score, GoldMatcher, scratch_corpus
from chainkg.ingest.facts import Mentions
from chainkg.ingest.figless_decider import (Candidate, candidates, project_mention, read_config, rule_example, scores,
                                            train)
from chainkg.templates import Templates

#: the sets read and trained on: every gold set but the untouched pages holdout (refused by ``training_sets``) and
#: our own never-tuned-on holdout (``data/eval/holdout``), which no prototype trains on either
SPENT = tuple(training_sets(["holdout"]))
PAGES_SPENT = tuple(c for c in PAGES_CORPORA if c in SPENT)


@dataclass
class ReadSet:
    """One gold set as extraction read it, with its candidates and their labels."""

    name: str
    golds: list[dict[str, Any]]
    documents: tuple[Any, ...]
    mentions: Mentions
    candidates: list[Candidate]
    labels: list[bool]


def labels_of(found: Sequence[Candidate], gold: dict[str, Any], templates: Templates,
              aliases: dict[str, str]) -> list[bool]:
    """For each candidate of one gold document: a gold row without a figure has its company (the scorer's
    matching through the gold and scoring aliases) and its product (the same Product node)."""
    from chainkg.graph.build import product_node_id
    from chainkg.ingest.vocab import vocabulary

    match = GoldMatcher(gold, aliases, vocabulary(templates))
    rows = {(r["company"], product_node_id(templates, r["product"])) for r in gold["projects"] or [] if not r["capacity"]}
    return [(match.company([c.company]), product_node_id(templates, c.product)) in rows for c in found]


def read_set(name: str, templates: Templates, aliases: dict[str, str], tmp: Path) -> ReadSet:
    """Ingest and extract the gold texts of one set, make and label its candidates."""
    from chainkg.ingest.nlp import shared_pipeline
    from chainkg.ingest.parallel import extract_mentions
    from chainkg.reading.corpus import ingest_corpus

    refuse_untouched([name], "benchmarks/figless_decider.py")
    golds, left_out = load_golds(gold_paths(None, [name]), skip_unavailable_pages=True)
    for line in left_out:
        print(line, file=sys.stderr)
    source = scratch_corpus(corpus_dirs()[name], sorted({str(g["file"]) for g in golds}), tmp / name / "in")
    documents = ingest_corpus(source, tmp / name / "out").documents
    mentions = extract_mentions(documents, templates)
    found = candidates(documents, shared_pipeline(templates), mentions)
    found.sort(key=lambda c: c.file)  # grouped by document, each document's in reading order
    return ReadSet(name, golds, tuple(documents), mentions, found, labels_by_file(found, golds, templates, aliases))


def labels_by_file(found: Sequence[Candidate], golds: Sequence[dict[str, Any]], templates: Templates,
                   aliases: dict[str, str]) -> list[bool]:
    """The labels of ``found`` (sorted by file), each file's candidates against its gold (:func:`labels_of`)."""
    by_file = {str(g["file"]): g for g in golds}
    labels: list[bool] = []
    for file, group in groupby(found, key=lambda c: c.file):
        labels += labels_of(list(group), by_file[file], templates, aliases)
    return labels


def strict_score(read: ReadSet, templates: Templates, aliases: dict[str, str],
                 extra: Sequence[Candidate] = ()) -> Score:
    """The set's strict project score, the rules' mentions with a figure-less mention per ``extra`` candidate."""
    from chainkg.graph.build import build_graph
    from chainkg.ingest.resolve import resolve
    from chainkg.ingest.vocab import vocabulary
    from chainkg.strict import score_document_graph

    mentions = read.mentions.merged(Mentions(tuple(project_mention(c) for c in extra), (), (), (), ()))
    G = build_graph(read.documents, resolve(mentions, vocabulary(templates)), templates)
    by_file = {Path(d.file).name: d for d in read.documents}
    total = Score(0, 0, 0)
    for gold in read.golds:
        total = total + score_document_graph(gold, by_file[str(gold["file"])], G, templates, aliases).score.project
    return total


def rule_examples(read: ReadSet, templates: Templates, aliases: dict[str, str]) -> tuple[list[str], list[bool]]:
    """The set's project mentions the rules made without a figure, with a firm (:func:`rule_example`): their
    texts and labels (a gold row without a figure has their firm and product)."""
    files = {d.id: Path(d.file).name for d in read.documents}
    found = sorted((rule_example(m, files[m.evidence.doc_id]) for m in read.mentions.projects
                    if m.capacity is None and m.company), key=lambda c: c.file)
    return [c.text for c in found], labels_by_file(found, read.golds, templates, aliases)


def read_sets(names: Sequence[str], cache: Path | None) -> dict[str, ReadSet]:
    """The sets read (from ``cache`` when it holds them all; written there after reading)."""
    from chainkg.templates import load_templates

    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            held: dict[str, ReadSet] = pickle.load(f)
        if set(names) <= held.keys():
            return {n: held[n] for n in names}
    templates, aliases = load_templates(), load_aliases()
    out = {}
    with tempfile.TemporaryDirectory(prefix="figless-decider-") as tmp:
        for name in names:
            started = time.perf_counter()
            out[name] = read_set(name, templates, aliases, Path(tmp))
            print(f"read {name}: {len(out[name].golds)} docs, {len(out[name].candidates)} candidates "
                  f"({sum(out[name].labels)} yes), {time.perf_counter() - started:.0f} s", file=sys.stderr)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with cache.open("wb") as f:
            pickle.dump(out, f)
    return out


def _pr(s: Score) -> str:
    return f"{s.tp} / {s.fp} / {s.fn} | {s.precision:.3f} | {s.recall:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Leave-one-set-out: a markdown row per held-out set and threshold, then the totals per threshold."""
    from chainkg.templates import load_templates

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", action="append", default=None, help="a held-out set (repeat; default the spent pages sets)")
    parser.add_argument("--threshold", type=float, action="append", default=None,
                        help="the decider's score from which a candidate is a project (repeat; default 0.5)")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the read sets, reused when it holds them")
    parser.add_argument("--config", type=Path, default=None, help="decider config (default data/figless_decider.cfg)")
    parser.add_argument("--rule-examples", action="store_true",
                        help="train also on the rules' figure-less project mentions of the training sets (labelled by gold)")
    args = parser.parse_args(argv)
    folds = args.fold or list(PAGES_SPENT)
    bad = next((f for f in folds if f not in SPENT), None)
    if bad is not None:
        raise SystemExit(f"--fold {bad}: not a spent gold set (one of {', '.join(SPENT)})")
    thresholds = args.threshold or [0.5]
    config = read_config(args.config)
    sets = read_sets(SPENT, args.cache)
    templates, aliases = load_templates(), load_aliases()
    print("| held-out set | candidates (yes) | trained on (yes) | every yes candidate added: tp / fp / fn | P | R "
          "| rules tp / fp / fn | P | R | threshold | said yes (right) | with decider tp / fp / fn | P | R |")
    print("|---" * 15 + "|")
    zero = Score(0, 0, 0)
    totals = {"oracle": zero, "rules": zero, **{t: zero for t in thresholds}}
    for fold in folds:
        started = time.perf_counter()
        texts = [c.text for n, r in sets.items() if n != fold for c in r.candidates]
        labels = [y for n, r in sets.items() if n != fold for y in r.labels]
        for n in (n for n in sets if n != fold and args.rule_examples):
            more, their = rule_examples(sets[n], templates, aliases)
            texts, labels = texts + more, labels + their
        nlp = train(texts, labels, config)
        held = sets[fold]
        said = scores(nlp, [c.text for c in held.candidates])
        base = strict_score(held, templates, aliases)
        oracle = strict_score(held, templates, aliases, [c for c, y in zip(held.candidates, held.labels) if y])
        totals["rules"], totals["oracle"] = totals["rules"] + base, totals["oracle"] + oracle
        head = (f"| {fold} | {len(held.candidates)} ({sum(held.labels)}) | {len(texts)} ({sum(labels)}) "
                f"| {_pr(oracle)} | {_pr(base)}")
        for t in thresholds:
            chosen = [(c, y) for c, y, s in zip(held.candidates, held.labels, said) if s >= t]
            got = strict_score(held, templates, aliases, [c for c, _ in chosen])
            totals[t] = totals[t] + got
            print(f"{head} | {t} | {len(chosen)} ({sum(y for _, y in chosen)}) | {_pr(got)} |", flush=True)
        print(f"{fold}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    for t in thresholds:
        print(f"| **all** | | | {_pr(totals['oracle'])} | {_pr(totals['rules'])} | {t} | | {_pr(totals[t])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
