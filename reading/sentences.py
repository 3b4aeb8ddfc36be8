"""Chinese sentences of a normalized document, each with its headings and both spans.

A sentence ends at "。" "!" "?" ";" (full- or half-width), together with any further such
marks and the closing quotes or brackets right after them ("…好。”" is one sentence).
A "." ends a sentence only in English text (". " before a capital letter), never inside a
number like "4.5万吨". Every paragraph end is a sentence end.

Flags on a sentence: ``"heading"`` (it is a heading; its own heading path ends with it),
``"joined"`` (it runs across a column break that normalization rejoined; its ``orig_spans``
then has one piece per column part), ``"cut"`` (it is part of a sentence whose other part
could not be found: its paragraph ends mid-sentence, or began with "(上接…)").

>>> sentence_bounds('他说:"年产4.5万吨。"随后投产!对吗?')
[(0, 13), (13, 18), (18, 21)]
>>> sentence_bounds("It works. Next one; and 3.5 tons")
[(0, 9), (10, 19), (20, 32)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from chainkg.reading.charmap import orig_spans
from chainkg.reading.document import Sentence
from chainkg.reading.headings import SENTENCE_END, heading_rank, label, push
from chainkg.reading.normalize import Normalized

CLOSERS = "”’」』)）》】"


def _english_stop(text: str, i: int) -> bool:
    """``text[i]`` is "." ending an English sentence: after a letter, before a space and a capital."""
    return text[i] == "." and 0 < i and text[i - 1].isalpha() and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isupper()


_CANDIDATE = re.compile("[" + re.escape(SENTENCE_END + ".") + "]")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of one paragraph, without surrounding whitespace."""
    cuts: list[int] = []
    quotes = 0
    i = 0
    while i < len(text):
        # only a sentence end or a "." can stop a sentence: jump to the next one, counting the quotes passed
        m = _CANDIDATE.search(text, i)
        if m is None:
            break
        quotes += text.count('"', i, m.start())
        i = m.start()
        if text[i] in SENTENCE_END or _english_stop(text, i):
            end = i + 1
            while end < len(text) and text[end] in SENTENCE_END:
                end += 1
            while end < len(text) and (text[end] in CLOSERS or (text[end] == '"' and quotes % 2)):
                quotes += text[end] == '"'
                end += 1
            cuts.append(end)
            i = end
        else:
            i += 1
    bounds = []
    for start, end in zip([0, *cuts], [*cuts, len(text)]):
        piece = text[start:end]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            bounds.append((left, left + len(piece.strip())))
    return bounds


def split_sentences(norm: Normalized, original: str) -> Iterator[Sentence]:
    """The sentences of a normalized document, in order, with heading paths and flags.

    ``original`` is the decoded text ``norm`` was made from; ``orig_spans`` index it.
    """
    path: tuple[tuple[int, str], ...] = ()
    index = 0
    for k, para in enumerate(norm.paragraphs):
        text = norm.text[para.start : para.end]
        bounds = sentence_bounds(text)
        first = text[bounds[0][0] : bounds[0][1]]
        rank = None if para.cut_start else heading_rank(first, text, para.markup, is_first=k == 0)
        for m, (s, e) in enumerate(bounds):
            start, end = para.start + s, para.start + e
            flags = []
            if rank is not None and m == 0:
                path = push(path, rank, label(first))
                flags.append("heading")
            if bisect.bisect_right(para.joins, start) < bisect.bisect_left(para.joins, end):  # a join inside
                flags.append("joined")
            if (para.cut_start and m == 0) or (para.cut_end and m == len(bounds) - 1):
                flags.append("cut")
            spans = orig_spans(norm.offsets, original, start, end)
            yield Sentence(
                index=index,
                text=norm.text[start:end],
                start=start,
                end=end,
                orig_start=min(a for a, _ in spans),
                orig_end=max(b for _, b in spans),
                headings=tuple(h for _, h in path),
                flags=tuple(flags),
                orig_spans=spans,
            )
            index += 1
