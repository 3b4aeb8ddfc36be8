"""The spaCy pipeline of extraction: blank Chinese, character tokens, our components.

Segmenter: spaCy's ``zh`` tokenizer offers ``char`` (one token per character), ``jieba`` and
``pkuseg``. Our rule components match names and products as token sequences; a word segmenter
trained on general text cuts names across token edges (jieba gives 亿纬锂|能, 察尔汗盐湖|股份 and
六|氟|磷酸|锂), so a phrase pattern 六氟磷酸锂 could never match. ``char`` never cuts a name:
every character edge is a token edge. ``benchmarks/segmenter.py`` measures this on the corpus
(names of the templates and gazetteers split by each segmenter) and
``tests/test_extract_pipeline.py`` keeps the measurement honest. The pipeline makes the ``char``
tokens with its own linear tokenizer (:mod:`chainkg.ingest.char_tokenizer`).

Components, in order (see :mod:`chainkg.ingest.mentions`):
``chainkg_capacity`` -> ``span_ruler`` (factory ``chainkg_terms``, spaCy's span ruler for phrases:
products and chains from the templates, places and statuses from ``data/patterns/*.jsonl``, the
known firms' names of ``data/known_firms.yaml``) -> ``chainkg_products`` ->
``chainkg_companies`` -> ``chainkg_context`` (where the sentence stands in its document:
headings, list item, paragraph; :mod:`chainkg.ingest.context`). Each is added by name, its
settings (span group keys, limits, data files) being its factory's ``default_config``, so
``nlp.config`` lists them and ``nlp.to_disk`` + ``spacy.load`` give the same pipeline back
(the span ruler saves its patterns; import :mod:`chainkg.ingest.mentions` and
:mod:`chainkg.ingest.context` first so the factories are registered).

Building it takes a fifth of a second (the span ruler compiles every product and name), so a
run builds it once: :func:`shared_pipeline` gives every caller of a process the same one.

>>> nlp = build_pipeline(None)
>>> nlp.pipe_names
['chainkg_capacity', 'span_ruler', 'chainkg_products', 'chainkg_companies', 'chainkg_context']
>>> shared_pipeline() is shared_pipeline(None)
True
>>> doc = nlp("格尔木某某锂业年产3万吨碳酸锂项目开工建设")
>>> [s.text for s in doc.spans["company"]], [s.text for s in doc.spans["capacity"]]
(['某某锂业'], ['年产3万吨'])
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import spacy
from spacy.language import Language

import chainkg.ingest.context  # noqa: F401  (registers the context factory)
import chainkg.ingest.mentions  # noqa: F401  (registers the factories)
from chainkg.ingest.char_tokenizer import TOKENIZER
from chainkg.ingest.firm_evidence import known_firms
from chainkg.ingest.mentions import TERMS
from chainkg.lexicon import pattern_rows
from chainkg.ingest.vocab import ProductVocabulary, vocabulary
from chainkg.templates import Templates

SEGMENTER = "char"
PATTERN_FILES = ("places.jsonl", "status.jsonl")


def blank_zh(segmenter: str = SEGMENTER) -> Language:
    """A blank Chinese pipeline with spaCy's own tokenizer and the given segmenter (char, jieba
    or pkuseg): what the segmenters are compared on, and the benchmarks' yardstick."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})


def blank_char_zh() -> Language:
    """A blank Chinese pipeline with our linear one-token-per-character tokenizer
    (:mod:`chainkg.ingest.char_tokenizer`): the same tokens as ``blank_zh("char")``, faster."""
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})


def names_cut(nlp: Language, texts: Iterable[str], names: Iterable[str]) -> tuple[int, int, list[str]]:
    """How often a segmenter breaks a name for phrase matching: (occurrences, broken, names).

    An occurrence is broken when its first or last character is not at a token edge, or when
    the tokens over it differ from the tokens of the name on its own: either way a phrase
    pattern built from the name cannot match it there.

    >>> names_cut(blank_zh("char"), ["察尔汗盐湖股份年产"], ["盐湖"])
    (1, 0, [])
    """
    names = sorted(set(names), key=len, reverse=True)
    alone = {name: [t.text for t in nlp.tokenizer(name)] for name in names}
    total, cut, which = 0, 0, set()
    for doc in nlp.tokenizer.pipe(texts):
        for name in names:
            pos = doc.text.find(name)
            while pos >= 0:
                total += 1
                span = doc.char_span(pos, pos + len(name))
                if span is None or [t.text for t in span] != alone[name]:
                    cut += 1
                    which.add(name)
                pos = doc.text.find(name, pos + 1)
    return total, cut, sorted(which)


def term_patterns(vocab: ProductVocabulary) -> list[dict[str, Any]]:
    """Span-ruler patterns: products and chains of the templates, the data files, then the names of the
    known firms found bare (label ORG, ``id`` the firm's canonical name: rule ``known_firm``)."""
    rows: list[dict[str, Any]] = [
        {"label": "PRODUCT", "pattern": term, "id": canonical} for term, canonical in vocab.terms.items()
    ]
    rows += [{"label": "CHAIN", "pattern": term, "id": chain} for term, chain in vocab.chain_terms.items()]
    for name in PATTERN_FILES:
        rows += [{"label": r["label"], "pattern": r["pattern"], "id": r.get("id", r["pattern"])}
                 for r in pattern_rows(name)]
    rows += [{"label": "ORG", "pattern": n, "id": firm.name} for firm in known_firms() for n in firm.bare]
    return rows


def build_pipeline(templates: Templates | None) -> Language:
    """The extraction pipeline for these chain templates (``None``: the templates shipped in
    ``data/chains.yaml``)."""
    vocab = vocabulary(templates)
    nlp = blank_char_zh()
    ruler = nlp.add_pipe("chainkg_terms", name="span_ruler", config={"spans_key": TERMS, "overwrite": False})
    ruler.add_patterns(term_patterns(vocab))  # alone in the pipeline: each phrase is only tokenized
    nlp.add_pipe("chainkg_capacity", before="span_ruler")
    nlp.add_pipe("chainkg_products")
    nlp.add_pipe("chainkg_companies")
    nlp.add_pipe("chainkg_context")
    return nlp


def shared_pipeline(templates: Templates | None = None) -> Language:
    """The pipeline of these templates (None: the packaged ones), built once per process and
    then the same object for every caller (extraction, the process pool's workers, the
    evaluation, the benchmarks)."""
    return _pipeline(templates)


@cache
def _pipeline(templates: Templates | None) -> Language:
    """:func:`build_pipeline`, once per templates object (``None`` once for the packaged ones)."""
    return build_pipeline(templates)
