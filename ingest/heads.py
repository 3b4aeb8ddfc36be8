"""The head of a product phrase: the product it names, found by its words.

A product phrase read from a page often carries more than the product: what it is for
(锂电池|负极材料), a route or a process (焦炉煤气制|甲醇, 直拉|单晶硅棒), or a trailing word of the
work (硫酸钾|改, 液态铝|制备). Split into words by jieba (its dictionary, no guessing of unknown
words, so 小苏打 and 聚乙烯 stay whole), the phrase's **head** is the product the chain templates
know that ends it, on a word edge; what stands before the head is its ``qualifier`` (grade, use,
route), kept on the project (``product_qualifier``), not in the product's name. A phrase with no
known head stays as written, less its trailing words.

Two reading rules (:mod:`chainkg.rules`):

- ``trailing_word``: a trailing word of the work or the plant (改, 制备, 项目, 装置 …;
  ``data/cues.yaml`` ``trailing_product_words``), a use written after the product (…用于…) and a word
  cut by the phrase's end (…坩埚以|及) are no part of it;
- ``head_product``: a phrase ending in a known product is that product; a known product right
  before the class it belongs to (磷酸锰铁锂|正极材料) is the known one, unless it says what the
  class is for (锂电池|负极材料: the class is the product), and so is one before a short route
  (碳酸锂|沉淀法).

Extraction reads its products' heads with the known products the sentence holds
(:mod:`chainkg.ingest.mentions`); the graph maps every product name, a gold row's too, to the
node of its head (:func:`chainkg.graph.build.product_node_id`), so two phrases of one product meet.

>>> terms = {"负极材料": "负极材料", "磷酸锰铁锂": "磷酸锰铁锂", "正极材料": "正极材料", "甲醇": "甲醇"}
>>> product_head("锂离子电池负极材料", terms)
Head(product='负极材料', qualifier='锂离子电池', rule='head_product')
>>> product_head("磷酸锰铁锂正极材料", terms).product, product_head("焦炉煤气制甲醇", terms).qualifier
('磷酸锰铁锂', '焦炉煤气制')
>>> product_head("某某新料制备", terms)
Head(product='某某新料', qualifier=None, rule='trailing_word')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from chainkg.lexicon import cue_tables, cues
from chainkg.reading.rejoin import word_tokenizer

# the work's words and the plant words with nothing in their place (项目, 装置 …), longest first; not the work
# of a treatment plant (…回收利用, …综合利用: that work is what the project does, so the phrase has no head)
TRAILING_WORDS: tuple[str, ...] = tuple(sorted(
    [*cues()["trailing_product_words"], *(w for w, left in cue_tables()["plant_word_endings"].items()
                                           if not left and not any(t in w for t in cues()["treatment_words"]))],
    key=len, reverse=True))
USE_OPENERS: tuple[str, ...] = tuple(cues()["use_after_product"])
ROUTE_MARKS: tuple[str, ...] = tuple(cues()["route_marks"])
_ROUTE_MAX = 4  # a route written after a product is a short word and its mark (沉淀法, 吸附法)
CLASS_WORDS: tuple[str, ...] = tuple(sorted(cues()["product_class_words"], key=len, reverse=True))
USE_HEADS: tuple[str, ...] = tuple(cues()["grade_use_heads"])
_MIN_HEAD = 2  # a head, and a phrase left after trailing words, has two characters or more
# ... and so has what stands before a head: one character is part of the name (锂|镁合金, 黑|枸杞原浆)
_MIN_QUALIFIER = 2
_EITHER_OR = "/"  # a known code after a slash is one of two either-or codes (PP/PE, rule code_pair), no head


@dataclass(frozen=True)
class Head:
    """What a product phrase names: its ``product`` (the canonical name of a known head, else the
    phrase), the ``qualifier`` written before the head (None when nothing), and the ``rule`` that
    changed the phrase (None when it stays as written)."""

    product: str
    qualifier: str | None
    rule: str | None


_CROSS = 4  # how far back a dictionary word running across a phrase's end may start


def _crossing_word(text: str, at: int) -> bool:
    """Some dictionary word of ``text`` runs across offset ``at`` (a cheap look-up before cutting)."""
    freq, longest = word_tokenizer().FREQ, _longest_word()
    return any(freq.get(text[i:j]) for i in range(max(0, at - _CROSS), at)
               for j in range(at + 1, min(len(text), i + longest) + 1))  # no longer part is a word


@cache
def _longest_word() -> int:
    """The length of the dictionary's longest entry (``FREQ``, fixed once loaded)."""
    return max(map(len, word_tokenizer().FREQ), default=0)


@cache
def word_edges(phrase: str) -> frozenset[int]:
    """The offsets in ``phrase`` where a jieba word starts or ends (dictionary words only).

    >>> sorted(word_edges("锂电池负极材料"))
    [0, 3, 5, 7]
    """
    edges, pos = {0}, 0
    for word in word_tokenizer().cut(phrase, HMM=False):
        pos += len(word)
        edges.add(pos)
    return frozenset(edges)


_NEXT = 2  # characters after a phrase that show whether its last word goes on past its end


def word_end(text: str, start: int, end: int) -> int:
    """Where the phrase ``text[start:end]`` ends on a word edge (rule ``trailing_word``): a phrase cut inside a
    word that runs on after it (…坩埚以|及: the first character of the next word) ends before that word, when two
    characters or more are left.

    >>> text = "年产30万套再生石墨坩埚以及负极"
    >>> text[6:word_end(text, 6, 13)], word_end("光伏组件", 0, 4)
    ('再生石墨坩埚', 4)
    """
    context = text[start:end + _NEXT]
    if not _crossing_word(context, end - start):
        return end
    edges = word_edges(context)
    if end - start in edges:
        return end
    back = max(e for e in edges if e < end - start)
    return start + back if back >= _MIN_HEAD else end


def _trailing_end(phrase: str, edges: frozenset[int]) -> int:
    """Where ``phrase`` ends without its trailing words and a use written after it (rule ``trailing_word``)."""
    end = len(phrase)
    for pos in sorted(edges):
        if pos >= _MIN_HEAD and phrase.startswith(USE_OPENERS, pos):
            end = pos
            break
    trimmed = True
    while trimmed:
        trimmed = False
        for word in TRAILING_WORDS:
            if phrase.endswith(word, 0, end) and end - len(word) >= _MIN_HEAD and end - len(word) in edges:
                end, trimmed = end - len(word), True
                break
    return end


def _known_ending(stem: str, end: int, edges: frozenset[int], terms: Mapping[str, str]) -> int | None:
    """The start of the longest known product of ``stem`` that ends at ``end``, on word edges, with nothing or
    two characters or more before it, not after a slash."""
    for start in sorted(e for e in edges if e <= end - _MIN_HEAD and (e == 0 or e >= _MIN_QUALIFIER)):
        if stem[start:end] in terms and not stem.endswith(_EITHER_OR, 0, start):
            return start
    return None


def product_head(phrase: str, terms: Mapping[str, str]) -> Head:
    """The head of the product ``phrase`` among the known products ``terms`` (name or synonym ->
    canonical name): rules ``trailing_word`` and ``head_product`` of the module docstring.

    >>> terms = {"负极材料": "负极材料", "锂电池": "锂电池", "磷酸铁": "磷酸铁", "硫酸钾": "硫酸钾"}
    >>> product_head("锂电池负极材料", terms).product, product_head("磷酸铁前驱体", terms).product
    ('负极材料', '磷酸铁')
    >>> product_head("硫酸钾改", terms), product_head("负极材料", terms).rule
    (Head(product='硫酸钾', qualifier=None, rule='trailing_word'), None)
    >>> product_head("碳酸锂母液", {"碳酸锂": "碳酸锂"}).product  # a product made of a known one: no head
    '碳酸锂母液'
    >>> product_head("锂镁合金", {"镁合金": "镁合金"}).product, product_head("PP/PE", {"PE": "聚乙烯"}).product
    ('锂镁合金', 'PP/PE')
    >>> product_head("动力电池回收利用", {"动力电池": "动力电池"}).product  # a work on the product: no head
    '动力电池回收利用'
    >>> product_head("碳酸锂沉淀法", {"碳酸锂": "碳酸锂"})  # a route after it
    Head(product='碳酸锂', qualifier=None, rule='head_product')
    """
    if phrase in terms:
        return Head(terms[phrase], None, None)
    edges = word_edges(phrase)
    end = _trailing_end(phrase, edges)
    trailing = "trailing_word" if end < len(phrase) else None
    stem = phrase[:end]
    start = None
    for word in CLASS_WORDS:  # a known product before its class (磷酸锰铁锂|正极材料), not a use (锂电池|负极材料)
        cut = end - len(word)
        if stem.endswith(word) and cut in edges:
            before = _known_ending(stem, cut, edges, terms)
            if before is not None and not stem[before:cut].endswith(USE_HEADS):
                start, end = before, cut
                break
    if start is None and stem.endswith(ROUTE_MARKS):  # a route after the product (碳酸锂|沉淀法)
        for cut in sorted((e for e in edges if end - _ROUTE_MAX <= e <= end - _MIN_HEAD), reverse=True):
            before = _known_ending(stem, cut, edges, terms)
            if before is not None:
                start, end = before, cut
                break
    if start is None:
        start = _known_ending(stem, end, edges, terms)
    if start is None:
        return Head(stem, None, trailing) if trailing else Head(phrase, None, None)
    return Head(terms[stem[start:end]], stem[:start] or None, "head_product" if start or end < len(stem) else trailing)


def qualifier_of(written: str, product: str) -> str | None:
    """What a product written as ``written`` says before its name ``product`` (grade, use, route):
    the project's ``product_qualifier``; None when the written form does not end in the name.

    >>> qualifier_of("锂离子电池负极材料项目", "负极材料"), qualifier_of("负极材料", "负极材料")
    ('锂离子电池', None)
    >>> qualifier_of("光伏", "光伏电站") is None
    True
    """
    at = written.rfind(product)
    return written[:at].strip() or None if at > 0 else None
