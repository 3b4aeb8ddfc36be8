"""A trained decider for figure-less projects (issue 16 item 6, prototype): spaCy ``textcat`` on char tokens.

Two fifths of the strict misses on the spent pages sets are gold rows with no figure and no Project node: a
firm's work named without a capacity. A rule (firm, a few letters, 项目, a status) gained one row for 25 false
nodes. This module asks whether a small trained classifier can tell which of the rules' own marks are such a
project:

- a **candidate** is a product the extraction pipeline marks in a sentence for which the sentence's rules made
  no project mention, with the nearest company marked before it in the sentence, else after it, else the last
  one the document named (:func:`sentence_candidates`);
- its **text** is the sentence around the pair, the firm's name replaced by one placeholder letter (so a
  decision is made on the words around it, not on which firm it is) and the product wrapped in brackets
  (:func:`marked_text`);
- its **label** (made by ``benchmarks/figless_decider.py``) is whether a gold row without a figure has that
  company and that product, by the strict scorer's name matching;
- a ``textcat`` (settings in ``data/figless_decider.cfg``) says yes or no; a yes becomes a figure-less
  :class:`~chainkg.ingest.facts.ProjectMention` with rule ``figless_decider`` (:func:`project_mention`), handed to
  resolution beside the rules' mentions.

Not part of extraction: ``benchmarks/figless_decider.py`` measures it leave-one-set-out on the spent sets; the
untouched pages holdout is never read nor trained on (it refuses it, as
:func:`chainkg.ingest.company_tagger.training_sets` does).

>>> marked_text("据悉，甲乙公司碳酸锂项目开工。", (3, 7), (7, 10))
'据悉，Ｃ〖碳酸锂〗项目开工。'
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, load_model_from_config, minibatch
from thinc.api import Config

import chainkg.ingest.char_tokenizer  # noqa: F401  (registers the tokenizer the config names)
from chainkg.errors import ChainkgError
from chainkg.ingest import company_tagger
from chainkg.ingest.extract import SentenceReader, read_documents
from chainkg.ingest.facts import Evidence, Mentions, ProjectMention
from chainkg.ingest.mentions import span_text
from chainkg.reading.document import Document

#: the rule a decided project records
RULE = "figless_decider"
#: the textcat label of a real figure-less project
YES = "PROJECT"
NO = "OTHER"
#: the letter that stands for the firm's name in a candidate's text
FIRM = "Ｃ"
#: characters of the sentence kept before the firm and after the product
BEFORE, AFTER = 20, 30


@dataclass(frozen=True)
class Candidate:
    """One (firm, product) pair of a sentence the rules made no project of, with what a mention needs."""

    file: str
    company: str
    product: str
    product_text: str
    text: str
    evidence: Evidence


def marked_text(sentence: str, company: tuple[int, int] | None, product: tuple[int, int],
                before: int = BEFORE, after: int = AFTER) -> str:
    """The sentence from ``before`` letters ahead of the firm (or the product) to ``after`` letters past the
    product, the firm's name as :data:`FIRM` and the product in 〖〗. A firm after the product stands where it
    is written; a firm not in the sentence (``company`` None) is :data:`FIRM` and ｜ before the text."""
    ps, pe = product
    if company is None:
        start, end = max(0, ps - before), min(len(sentence), pe + after)
        return FIRM + "｜" + sentence[start:ps] + "〖" + sentence[ps:pe] + "〗" + sentence[pe:end]
    cs, ce = company
    start, end = max(0, min(cs, ps) - before), min(len(sentence), max(ce, pe) + after)
    pieces = sorted([(cs, ce, FIRM), (ps, pe, "〖" + sentence[ps:pe] + "〗")])
    out, at = [], start
    for a, b, text in pieces:
        out += [sentence[at:a], text]
        at = b
    return "".join(out) + sentence[at:end]


def sentence_candidates(reader: SentenceReader, projected: set[str], previous: str | None) -> list[Candidate]:
    """The candidates of one sentence: each product it marks (outside a chain's name) whose name is not in
    ``projected`` (the products of the sentence's project mentions), with the nearest firm marked before it,
    else the first after it, else ``previous`` (the last firm the document named before the sentence)."""
    out = []
    mode = reader.mode
    for p in reader.products:
        key = p.id_ or span_text(p)
        if key in projected or any(c.start_char <= p.start_char < c.end_char for c in reader.chains):
            continue
        firm = (next((c for c in reversed(reader.companies) if c.end_char <= p.start_char), None)
                or next((c for c in reader.companies if c.start_char >= p.end_char), None))
        if firm is None and previous is None:
            continue
        spans = sorted([reader.span("product", p)] + ([reader.span("company", firm)] if firm is not None else []),
                       key=lambda m: m.start)
        where = (firm.start_char, firm.end_char) if firm is not None else None
        out.append(Candidate(file=Path(reader.document.file).name,
                             company=reader.name_of(firm) if firm is not None else str(previous), product=key,
                             product_text=span_text(p), text=marked_text(reader.text, where, (p.start_char, p.end_char)),
                             evidence=reader.evidence(spans, None, mode, RULE)))
    return out


def candidates(docs: Sequence[Document], nlp: Language, mentions: Mentions) -> list[Candidate]:
    """Every candidate of ``docs`` (:func:`sentence_candidates`), ``mentions`` being their extraction's."""
    projected: dict[tuple[str, int], set[str]] = {}
    for m in mentions.projects:
        projected.setdefault((m.evidence.doc_id, m.evidence.sentence_index), set()).add(m.product)
    out: list[Candidate] = []
    for readers, _dropped, _announcer in read_documents(docs, nlp):
        previous = None
        for reader in readers:
            out += sentence_candidates(reader, projected.get((reader.document.id, reader.sentence.index), set()),
                                       previous)
            previous = next((reader.name_of(c) for c in reversed(reader.companies)), previous)
    return out


def rule_example(mention: ProjectMention, file: str) -> Candidate:
    """A project mention the rules made without a figure, as a candidate's text (its firm and product where its
    evidence marks them): training data from the rules, labelled like a candidate (its firm and product a gold
    row's or not)."""
    ev = mention.evidence
    where = {s.kind: (s.start - ev.sentence_start, s.end - ev.sentence_start) for s in reversed(ev.spans)}
    return Candidate(file=file, company=str(mention.company), product=mention.product,
                     product_text=mention.product_text, text=marked_text(ev.sentence, where.get("company"), where["product"]),
                     evidence=ev)


def project_mention(candidate: Candidate) -> ProjectMention:
    """The figure-less project mention of a candidate the decider said yes to (no status, no phase, no place)."""
    return ProjectMention(company=candidate.company, product=candidate.product, product_text=candidate.product_text,
                          capacity=None, phase=None, status=None, status_rank=0, status_text=None,
                          mode=candidate.evidence.mode, place=None, evidence=candidate.evidence, rule=RULE)


def config_path() -> Path:
    """``data/figless_decider.cfg`` of this checkout."""
    import chainkg.data

    return Path(chainkg.data.__file__).resolve().parent / "figless_decider.cfg"


def read_config(path: Path | None = None) -> Config:
    """The decider's config (``data/figless_decider.cfg`` when None); a clear error naming the file."""
    return company_tagger.read_config(path or config_path())


def train(texts: Sequence[str], labels: Sequence[bool], config: Config | None = None) -> Language:
    """A decider trained on candidate ``texts`` with their ``labels``, with ``config``'s settings."""
    if len(texts) != len(labels) or not any(labels) or all(labels):
        raise ChainkgError(f"decider training needs both labels: {sum(labels)} yes of {len(labels)} texts")
    config = config or read_config()
    fix_random_seed(config["training"]["seed"])
    nlp = load_model_from_config(config, auto_fill=True, validate=True)
    copies = config["training"]["positive_copies"]  # the few real projects seen as often as the many others
    examples = [Example.from_dict(nlp.make_doc(t), {"cats": {YES: float(y), NO: float(not y)}})
                for t, y in zip(texts, labels) for _ in range(copies if y else 1)]
    optimizer = nlp.initialize(lambda: examples)
    optimizer.learn_rate = config["training"]["optimizer"]["learn_rate"]
    rng = random.Random(config["training"]["seed"])
    for _epoch in range(config["training"]["max_epochs"]):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=compounding(8.0, 64.0, 1.001)):
            nlp.update(batch, drop=config["training"]["dropout"], sgd=optimizer)
    return nlp


def scores(nlp: Language, texts: Sequence[str]) -> list[float]:
    """The decider's probability that each text's pair is a figure-less project."""
    return [doc.cats[YES] for doc in nlp.pipe(texts, batch_size=256)]
