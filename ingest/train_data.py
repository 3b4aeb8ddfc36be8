"""Training data for a company tagger: gold company spans as ORG entities on char-token Docs.

Issue 16 item 6 asks whether a trained tagger finds companies on unseen pages better than the
named rules. Its examples come from the gold files (``data/eval/gold``): each company mention's
span is an offset into the ORIGINAL file text, while extraction reads the normalized text of
:mod:`chainkg.reading` (layout spaces dropped, traditional characters mapped). This module maps
each gold span onto the normalized text through the document's ``char_map``, cuts the text into
windows of at most :data:`MAX_WINDOW` characters (the reader's sentences, long ones cut where no
name is crossed) and makes one Doc per window with an ``ORG`` entity per company mention, over
the pipeline's one-token-per-character tokens (:func:`chainkg.ingest.nlp.blank_char_zh`). Plain
data in, plain data out; reading the files is :func:`gold_document`'s one side effect.

>>> w = windows("甲乙公司建厂。丙丁集团投产。", [(0, 7), (7, 14)], [(0, 4), (7, 11)], max_len=200)
>>> [(x.start, x.text, x.companies) for x in w]
[(0, '甲乙公司建厂。', ((0, 4),)), (7, '丙丁集团投产。', ((0, 4),))]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from chainkg.gold import load_gold
from chainkg.reading.charmap import to_runs
from chainkg.reading.document import Document
from chainkg.reading.normalize import normalize
from chainkg.reading.sentences import split_sentences

#: the entity label of a company mention
LABEL = "ORG"
#: the longest window (characters) a Doc is made of: a sentence, or a piece of a long one
MAX_WINDOW = 200


@dataclass(frozen=True)
class Window:
    """A piece of a document's normalized text and the company mentions in it.

    ``start`` is the window's offset in the document's text; ``companies`` are ``(start, end)``
    offsets into ``text``."""

    text: str
    start: int
    companies: tuple[tuple[int, int], ...]


def normalized_spans(document: Document, spans: Iterable[Sequence[int]]) -> list[tuple[int, int]]:
    """Spans of the original text mapped onto ``document.text``: the first and last normalized
    character that came from inside each span (a span none of whose characters survived is dropped).

    >>> doc = Document("0", "a.txt", {}, "utf-8", "0", "甲乙公司", char_map=((0, 0, 2), (2, 3, 2)))
    >>> normalized_spans(doc, [[0, 5], [2, 3]])
    [(0, 4)]
    """
    origin = [document.orig_index(i) for i in range(len(document.text))]
    out = []
    for a, b in spans:
        first = bisect_left(origin, a)
        last = bisect_left(origin, b) - 1
        if first <= last:
            out.append((first, last + 1))
    return out


def _cut(start: int, end: int, names: Sequence[tuple[int, int]], max_len: int) -> list[tuple[int, int]]:
    """``start:end`` cut into pieces of at most ``max_len`` characters, a cut moved back to the
    start of a name it would cross (a name longer than ``max_len`` is cut anyway)."""
    pieces = []
    while end - start > max_len:
        cut = start + max_len
        crossing = [a for a, b in names if a < cut < b and a > start]
        cut = min(crossing, default=cut)
        pieces.append((start, cut))
        start = cut
    return pieces + [(start, end)]


def windows(text: str, bounds: Sequence[tuple[int, int]], companies: Iterable[tuple[int, int]],
            max_len: int = MAX_WINDOW) -> list[Window]:
    """The windows of ``text``: each of ``bounds`` (sentence offsets), cut to ``max_len``, with the
    ``companies`` (offsets into ``text``) that lie wholly inside it, overlapping ones reduced to
    the longest. Text between sentences is not used.

    >>> [(w.text, w.companies) for w in windows("甲乙公司建厂并投产", [(0, 9)], [(0, 4), (2, 4)], max_len=5)]
    [('甲乙公司建', ((0, 4),)), ('厂并投产', ())]
    """
    names = sorted(set(companies))
    out = []
    for s, e in bounds:
        for a, b in _cut(s, e, names, max_len):
            inside = [(x - a, y - a) for x, y in names if a <= x and y <= b]
            out.append(Window(text[a:b], a, tuple(longest_spans(inside))))
    return out


def longest_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans reduced to the longest of each group, in text order."""
    kept: list[tuple[int, int]] = []
    for a, b in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(b <= x or a >= y for x, y in kept):
            kept.append((a, b))
    return sorted(kept)


def to_doc(nlp: Language, window: Window) -> Doc:
    """A Doc of the window's text (``nlp``'s tokenizer) with an ``ORG`` entity per company;
    a span off the token edges grows to them.

    >>> from chainkg.ingest.nlp import blank_char_zh
    >>> doc = to_doc(blank_char_zh(), Window("由甲乙公司建", 0, ((1, 5),)))
    >>> [(e.text, e.label_) for e in doc.ents]
    [('甲乙公司', 'ORG')]
    """
    doc = nlp.make_doc(window.text)
    spans = [doc.char_span(a, b, label=LABEL, alignment_mode="expand") for a, b in window.companies]
    doc.ents = filter_spans([s for s in spans if s is not None])
    return doc


def gold_document(path: Path, dirs: dict[str, Path] | None = None) -> tuple[dict, Document, list[tuple[int, int]]]:
    """One gold file: (its gold, its document as the reader makes it, its company mentions as
    offsets into the document's normalized text). ``dirs``: where each corpus's texts are
    (:func:`chainkg.gold.corpus_dirs` when None)."""
    gold, text = load_gold(path, dirs)
    document = ingest_text(text, str(gold["file"]))
    spans = [span for company in gold.get("companies") or [] for span in company.get("spans") or []]
    return gold, document, normalized_spans(document, spans)


def ingest_text(text: str, name: str) -> Document:
    """The reader's :class:`Document` of a text already loaded (and checked) by :func:`load_gold`:
    normalized and split as :func:`chainkg.reading.corpus.ingest_file` does (no id, no metadata).

    >>> [s.text for s in ingest_text("甲乙公司建厂。丙丁集团投产。", "a.txt").sentences]
    ['甲乙公司建厂。', '丙丁集团投产。']
    """
    norm = normalize(text)
    return Document("", name, {}, "utf-8", "", norm.text, tuple(split_sentences(norm, text)), to_runs(norm.offsets))


def document_windows(document: Document, companies: Iterable[tuple[int, int]],
                     max_len: int = MAX_WINDOW) -> list[Window]:
    """:func:`windows` over the reader's sentences of ``document``."""
    return windows(document.text, [(s.start, s.end) for s in document.sentences], companies, max_len)
