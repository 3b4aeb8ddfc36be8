"""Section headings in Chinese documents, and the heading path above each sentence.

Kinds of heading, outermost first (a lower rank is further out):

- rank 0, the title: the document's first paragraph when it is a standalone or marked heading;
- ranks 1-6, Markdown ``#`` … ``######`` lines (HTML ``<h1>``-``<h6>`` and Word heading
  styles are read as these);
- rank 7, a standalone line: short, no sentence punctuation (an article sub-heading such as a
  news feature's section titles), or a line wholly in bold ``**…**``;
- ranks 8-11, numbered: ``一、…``, ``(一)…``/``（一）…``, ``1、…``/``1.…``, ``(1)…``; the heading is the
  paragraph's first sentence, the rest of the paragraph is its first body text;
- rank 12, a run-in heading: a paragraph whose first sentence is a short phrase ending in
  "。" with no inner punctuation ("壮大某某产业。" followed by the body).

>>> heading_rank("(一)推动产业发展。", "(一)推动产业发展。紧盯首要任务,狠抓改造升级。")
9
>>> heading_rank("壮大储能产业。", "壮大储能产业。围绕电池材料需求,开展联合攻关。")
12
>>> heading_rank("全州生产总值增长5%,好于预期。", "全州生产总值增长5%,好于预期。")
>>> label("(一)推动产业发展。")
'(一)推动产业发展'
"""

from __future__ import annotations

import re

from chainkg.lexicon import char_class, counting_numerals

TITLE = 0
STANDALONE = 7
RUN_IN = 12
NUMBERED: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^{char_class(counting_numerals(100))}+、"), 8),
    (re.compile(rf"^[(（]{char_class(counting_numerals(100))}+[)）]"), 9),
    (re.compile(r"^\d{1,2}(?:、|[.．](?![\d\s]))"), 10),
    (re.compile(r"^[(（]\d{1,2}[)）]"), 11),
)
SENTENCE_END = "。!?！？;；"
SENTENCE_PUNCT = SENTENCE_END + ",，:：、"
FIRST_SENTENCE = re.compile(rf"[^{SENTENCE_END}]*[{SENTENCE_END}]*")
STANDALONE_MAX = 30
RUN_IN_MAX = 16
BRACKETED = re.compile(r"^[(（【\[].*[)）】\]]$")


def first_sentence(paragraph: str) -> str:
    """The paragraph up to and including its first sentence-ending mark.

    >>> first_sentence("壮大储能产业。围绕电池、材料")
    '壮大储能产业。'
    """
    match = FIRST_SENTENCE.match(paragraph)
    return match.group() if match else paragraph


def numbered_rank(text: str) -> int | None:
    """The rank of a numbered heading ("一、", "(一)", "1、", "(1)") at the start of ``text``."""
    for pattern, rank in NUMBERED:
        if pattern.match(text):
            return rank
    return None


def is_standalone(text: str) -> bool:
    """A short line without sentence punctuation that is not a bracketed note nor a table
    row (cells cut by tabs): a heading.

    >>> is_standalone("小城光伏产业迎来新机遇"), is_standalone("(本版图片由某部门提供)"), is_standalone("序号\\t名称")
    (True, False, False)
    """
    return (
        0 < len(text) <= STANDALONE_MAX
        and not any(c in SENTENCE_PUNCT or c == "\t" for c in text)
        and not BRACKETED.match(text)
        and any(c.isalpha() for c in text)
    )


def is_heading_line(text: str) -> bool:
    """A whole paragraph that is a heading: standalone, or a number plus a standalone line.

    >>> is_heading_line("二、2023年主要目标"), is_heading_line("(二)扩大有效需求,促进经")
    (True, False)
    """
    for pattern, _ in NUMBERED:
        match = pattern.match(text)
        if match:
            return is_standalone(text[match.end() :])
    return is_standalone(text)


def is_run_in(first: str, paragraph: str) -> bool:
    """``first`` is a run-in heading: a short phrase closed by "。" with more text after it."""
    return (
        len(paragraph) > len(first)
        and first.endswith("。")
        and len(first) <= RUN_IN_MAX
        and not any(c in SENTENCE_PUNCT for c in first[:-1])
    )


def heading_rank(first: str, paragraph: str, markup: int = 0, is_first: bool = False) -> int | None:
    """The heading rank of a paragraph whose first sentence is ``first``, or None.

    ``markup`` is the Markdown level (1-6) or :data:`STANDALONE` for a bold line, 0 if none;
    ``is_first`` says the paragraph opens the document (a heading there is the title).
    """
    if markup:
        rank: int | None = markup
    else:
        rank = numbered_rank(paragraph)
        if rank is None and first == paragraph and is_standalone(paragraph):
            rank = STANDALONE
        elif rank is None and is_run_in(first, paragraph):
            rank = RUN_IN
    if is_first and rank is not None and rank <= STANDALONE:
        return TITLE
    return rank


def label(heading: str) -> str:
    """The heading's text as it appears in heading paths: without closing sentence marks."""
    return heading.rstrip(SENTENCE_END)


def push(path: tuple[tuple[int, str], ...], rank: int, text: str) -> tuple[tuple[int, str], ...]:
    """The heading path after a heading of ``rank``: deeper or equal headings closed, it opened.

    >>> push(((8, "二、目标"), (9, "(一)产业")), 9, "(二)需求")
    ((8, '二、目标'), (9, '(二)需求'))
    """
    kept = tuple(h for h in path if h[0] < rank)
    return kept + ((rank, text),)
