"""The document's subject firm: the firm a text is about, for the sentences that name none.

Real pages often name their firm once, in the headline or beside a quoted officer, and then
write only 公司, 该项目 or nothing at all (项目计划分三期建设…); a company's own announcement says
公司 throughout. A project stated in such a sentence is the subject's. The subject is, in order:

1. ``headline``: the one firm the document's opening headings name (a title naming a firm);
2. ``quoted``: the one firm whose officer the document quotes (“…”某某有限公司总经理王某说), rule
   ``company_quoted``;
3. ``dominant``: the firm named in the most sentences, in at least two and in more than twice as
   many as any other firm (a firm named once, even alone, may be one the text only mentions).

Only names found by a list, a shape or a known name count (a name found only by its position
before a figure is too often a clause's tail); two names of one firm (legal form and region
dropped: :func:`chainkg.ingest.resolve.company_key`) count as one, and the subject is written
as its longest name. A document of many firms (a government report) has no subject.

The ``chainkg_context`` component (:mod:`chainkg.ingest.context`) reads each document's
sentences through :func:`subject_firm` once all of them have been through the pipeline and sets
``doc._.subject`` on every one; extraction's company rules ``document_subject`` and
``company_document`` read it.

>>> subject_firm([("澜汐锂业年产1万吨碳酸锂项目开工", True, [("澜汐锂业", 0, 4, "shape")]),
...               ("项目分两期建设。", False, [])])
('澜汐锂业', 'headline')
>>> subject_firm([("年产1万吨碳酸锂项目开工。", False, []),
...               ("“项目年底投产。”澜汐锂业有限公司总经理王某说。", False, [("澜汐锂业有限公司", 9, 17, "shape")])])
('澜汐锂业有限公司', 'quoted')
>>> subject_firm([("澜汐锂业与汀澜化工签约。", False, [("澜汐锂业", 0, 4, "shape"), ("汀澜化工", 5, 9, "shape")])]) is None
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from chainkg.ingest.mentions import company_lexicon
from chainkg.ingest.resolve import company_key

Firm = tuple[str, int, int, str]
"""A firm named in a sentence: (name as written, start, end, how it was found: known, shape,
position, …; the ``id_`` of a span of ``doc.spans["company"]``)."""

SentenceFirms = tuple[str, bool, Sequence[Firm]]
"""One sentence of a document: its text, whether it is a heading, the firms it names."""

_OPENING_HEADINGS = 2  # a title and its subtitle
_DOMINANCE = 2  # the subject is named in more than this many times the sentences of any other firm
_QUOTES = "“”「」\""
_BY_POSITION = "position"


@cache
def _officer_after() -> re.Pattern[str]:
    """An officer's title right after a firm's name, perhaps after a department (某某公司|规划部主任)."""
    titles = sorted(company_lexicon().speaker_titles, key=len, reverse=True)
    return re.compile(r"[\u4e00-\u9fff]{0,6}?(?:" + "|".join(map(re.escape, titles)) + ")")


@cache
def _key(name: str) -> str:
    """:func:`company_key` of a name, computed once per name."""
    return company_key(name, company_lexicon())


def _one(names: Sequence[str]) -> str | None:
    """The longest of ``names`` when they are all one firm, else None."""
    keys = {_key(n) for n in names}
    return max(names, key=len) if len(keys) == 1 else None


def quoted_firms(text: str, firms: Sequence[Firm], shift: int = 0) -> list[str]:
    """Rule ``company_quoted``: the firms of a sentence holding a quote whose officer speaks
    (“…”某某有限公司总经理王某说, 某某公司规划部主任李某说:“…”); ``shift``: how many characters of
    the sentence before ``text`` opens with (the end of a quote that closed it), before the
    offsets of ``firms``.

    >>> quoted_firms("“年底投产。”澜汐锂业有限公司总经理王某说。", [("澜汐锂业有限公司", 7, 15, "shape")])
    ['澜汐锂业有限公司']
    >>> quoted_firms("澜汐锂业有限公司总经理王某出席。", [("澜汐锂业有限公司", 0, 8, "shape")])
    []
    """
    if not any(q in text for q in _QUOTES):
        return []
    return [name for name, _, end, _how in firms if _officer_after().match(text, end + shift)]


def subject_firm(sentences: Sequence[SentenceFirms]) -> tuple[str, str] | None:
    """The subject firm of a document given as its sentences in order, and how it was found
    (headline, quoted, dominant; see the module docstring); None when the text has none.

    >>> subject_firm([("澜汐锂业有限公司位于园区。", False, [("澜汐锂业有限公司", 0, 8, "shape")]),
    ...               ("澜汐锂业去年营收增长，汀澜化工也增长。", False, [("澜汐锂业", 0, 4, "shape"), ("汀澜化工", 11, 15, "shape")]),
    ...               ("澜汐锂业开工。", False, [("澜汐锂业", 0, 4, "shape")])])
    ('澜汐锂业有限公司', 'dominant')
    """
    named = [[f for f in firms if f[3] != _BY_POSITION] for _, _, firms in sentences]
    opening = []
    for (_, heading, _), firms in zip(sentences[:_OPENING_HEADINGS], named):
        if not heading:
            break
        opening += [f[0] for f in firms]
    headline = _one(opening) if opening else None
    if headline is not None:
        return headline, "headline"
    quoted = [name for i, ((text, _, _), firms) in enumerate(zip(sentences, named))  # a quote may close the sentence before
              for name in quoted_firms(sentences[i - 1][0][-2:] + text if i else text, firms, 2 if i else 0)]
    speaker = _one(quoted) if quoted else None
    if speaker is not None:
        return _longest(speaker, named), "quoted"
    counts = Counter(key for firms in named for key in {_key(f[0]) for f in firms})
    if not counts:
        return None
    (top, times), *others = counts.most_common()
    if times < 2 or (others and times <= _DOMINANCE * others[0][1]):
        return None
    return _longest(next(f[0] for firms in named for f in firms if _key(f[0]) == top), named), "dominant"


def _longest(name: str, named: Sequence[Sequence[Firm]]) -> str:
    """The longest name the document writes for the firm ``name`` is."""
    key = _key(name)
    return max((f[0] for firms in named for f in firms if _key(f[0]) == key), key=len, default=name)
