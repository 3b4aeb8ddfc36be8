"""A trained company tagger (issue 16 item 6, prototype): spaCy ``ner`` on char tokens.

The named rules of :mod:`chainkg.ingest.mentions` find companies by shape (a suffix, a place
before it, a known name). This module trains a small CPU tagger from the gold company spans
(:mod:`chainkg.ingest.train_data`) so the two can be compared on pages neither was written
from (``benchmarks/company_tagger.py``). The model is not part of extraction: it is written to
a folder outside the repo (``out/``, ``.cache/``) and read back with ``spacy.load``.

Settings (features, CNN, parser, seed, epochs, learning rate) are in ``data/company_tagger.cfg``.
Training is deterministic for a given seed and data on one thread.

Train on every gold set except those named (the untouched holdouts, :data:`chainkg.gold.UNTOUCHED`, are always left out)::

    CHAINKG_PAGES=/work/realpages python -m chainkg.ingest.company_tagger train --out out/tagger \\
        --leave-out pages-holdout2
"""

from __future__ import annotations

import argparse
import logging
import random
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_config, load_model_from_config, minibatch
from thinc.api import Config

import chainkg.ingest.char_tokenizer  # noqa: F401  (registers the tokenizer the config names)
from chainkg.errors import ChainkgError
from chainkg.gold import CORPORA, UNTOUCHED, gold_paths, refuse_untouched
from chainkg.ingest.nlp import blank_char_zh
from chainkg.ingest.train_data import Window, document_windows, gold_document, to_doc

log = logging.getLogger(__name__)


def config_path() -> Path:
    """``data/company_tagger.cfg`` of this checkout."""
    import chainkg.data

    return Path(chainkg.data.__file__).resolve().parent / "company_tagger.cfg"


def read_config(path: Path | None = None) -> Config:
    """A spaCy training config: the tagger's (``data/company_tagger.cfg``) when None; a clear error naming the file."""
    path = path or config_path()
    try:
        return load_config(path)
    except (OSError, ValueError) as e:
        raise ChainkgError(f"model config {path}: cannot read it: {e}") from e


def training_sets(leave_out: Iterable[str]) -> list[str]:
    """The gold sets a tagger trains on: all but ``leave_out`` and the untouched holdouts.

    >>> UNTOUCHED[0] in training_sets([]), "pages" in training_sets(["pages"]), "pages-holdout9" in training_sets([])
    (False, False, True)
    """
    unknown = sorted(set(leave_out) - set(CORPORA))
    if unknown:
        raise ChainkgError(f"--leave-out {unknown[0]}: not a gold set (one of {', '.join(CORPORA)})")
    return [c for c in CORPORA if c not in {*leave_out, *UNTOUCHED}]


def gold_windows(sets: Sequence[str]) -> list[Window]:
    """The windows (with their gold company spans) of every gold file of ``sets``."""
    refuse_untouched(sets, "the company tagger's training")
    out: list[Window] = []
    for path in gold_paths(corpora=sets):
        _, document, spans = gold_document(path)
        out += document_windows(document, spans)
    return out


def train(docs: Sequence[Doc], config: Config | None = None) -> Language:
    """A tagger trained on ``docs`` (their ``ents`` are the answers) with ``config``'s settings."""
    config = config or read_config()
    fix_random_seed(config["training"]["seed"])
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = config["training"]["optimizer"]["learn_rate"]
    rng = random.Random(config["training"]["seed"])
    for epoch in range(config["training"]["max_epochs"]):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=compounding(8.0, 64.0, 1.001)):
            nlp.update(batch, drop=config["training"]["dropout"], sgd=optimizer, losses=losses)
        log.info("epoch %d: ner loss %.1f", epoch, losses.get("ner", 0.0))
    return nlp


def tag(nlp: Language, windows: Sequence[Window]) -> list[list[tuple[int, int]]]:
    """The company spans the tagger finds in each window (offsets into the window's text)."""
    return [[(e.start_char, e.end_char) for e in doc.ents]
            for doc in nlp.pipe((w.text for w in windows), batch_size=256)]


def main(argv: Sequence[str] | None = None) -> int:
    """``train --out DIR [--leave-out SET ...]``: train on the gold sets and save the model."""
    parser = argparse.ArgumentParser(prog="python -m chainkg.ingest.company_tagger")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="train the tagger on the gold sets and write it to --out")
    p.add_argument("--out", type=Path, required=True, help="folder for the model (outside the repo's tracked files)")
    p.add_argument("--leave-out", action="append", default=[], help="a gold set not to train on (repeatable)")
    p.add_argument("--config", type=Path, default=None, help="tagger config (default data/company_tagger.cfg)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sets = training_sets(args.leave_out)
    started = time.perf_counter()
    base = blank_char_zh()
    docs = [to_doc(base, w) for w in gold_windows(sets)]
    nlp = train(docs, read_config(args.config))
    nlp.to_disk(args.out)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"trained on {', '.join(sets)}: {len(docs)} windows, {sum(len(d.ents) for d in docs)} companies, "
          f"{time.perf_counter() - started:.0f} s; model {args.out} {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
