"""Where a sentence goes on past a line break or a paragraph break (newspaper columns).

Newspaper text comes wrapped at the column width, and a paragraph that reaches the foot of
a column is cut there and resumed in the next paragraph, or further down when the columns
were read out of order ("…人才资" … "源不足…"). These rules decide, from the text alone,
which paragraphs go on in which; a cut whose continuation cannot be told is left and
reported so the sentence can be flagged.

A paragraph is *cut* when it ends without a sentence end ("。!?;" or a closing quote or bracket
after one). Its continuation is:

1. the next paragraph, unless that one is a heading or visibly opens anew: a run-in heading,
   a short lead-in such as "同时," "过去一年," "各位代表!" (a conjunction, time word, pronoun
   or adverb, tagged by jieba, before the first comma), a date ("2023年,"), a field's label
   ("在建项目:") or a transcript's tag ("【主持人】"); a paragraph
   cut one or two characters into a clause ("…不知难,成") goes on in the next one anyway;
2. otherwise the first later paragraph that does not open anew and is *bridged*: a word runs
   across the cut ("推动循" + "环经济" makes 循环);
3. otherwise, for a *stray* paragraph (one short complete sentence set apart, e.g. a single
   column line left between two sections), the nearest cut paragraph before it.

>>> ends_complete("建设任务。"), ends_complete("人力资"), ends_complete('他说:"好。"')
(True, False, True)
>>> bridges("在海西州推动循", "环经济沿着")
True
>>> bridges("园区道路建设取得了新", "同时,物流园区")
False
>>> opens("同时,物流园区加快建设"), opens("解惑,企业发展信心更足"), opens("在建项目:年产5000吨某某项目")
(True, False, True)
>>> opens("9月28日晚间,某某股份发布公告"), opens("3月,某某")
(True, True)

A paragraph that is *whole* is never cut and never goes on from another: a table row (cells
cut by tabs, see :mod:`chainkg.reading.normalize`), a short labelled field ("注册资本:3亿元",
"1.实施主体:某某公司") and a bulleted item ("●投资金额:…"): each stands on its own line by design.

>>> is_whole("1\\t某某公司\\t开工"), is_whole("2.实施主体:某某公司"), is_whole("●相关提示:尚需审批")
(True, True, True)
>>> is_whole("在海西州推动循"), is_whole("记者:今年以来,全州各地纷纷开展")
(False, False)
"""

from __future__ import annotations

import logging
import marshal
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import jieba.posseg

from chainkg.lexicon import cues, one_of
from chainkg.reading.headings import BRACKETED, SENTENCE_END, first_sentence, is_run_in, numbered_rank
from chainkg.progress import progress
from chainkg.reading.pos_hmm import PosTokenizer, jieba_viterbi

log = logging.getLogger(__name__)

CLOSERS = "”’」』)）》】\"'"
LEAD_IN_MAX = 4
LEAD_IN_TAGS = ("c", "t", "r", "d")
LEAD_IN = re.compile(r"^([^,，!！:：。]{1,%d})[,，!！:：]" % LEAD_IN_MAX)
# a date opening a paragraph ("2023年,", "9月28日晚间,", "2024年3月1日上午,"): a news story's first
# sentence, never the rest of a title line above it
_YEAR, _MONTH, _DAY = cues()["date_marks"]
DATE_LEAD_IN = re.compile(rf"^(?:\d{{2,4}}{_YEAR}(?:\d{{1,2}}{_MONTH})?|\d{{1,2}}{_MONTH})(?:\d{{1,2}}{_DAY})?"
                          rf"{one_of(cues()['day_times'])}?{one_of(cues()['date_since'])}?[,，]")
STRAY_MAX = 24
BRIDGE_CONTEXT = 6
WRAP_FILL = 0.8
BULLETS = "●○◆◇■□▲△▶►★☆•"
SPEAKER_TAGS = ("【", "[")  # a transcript's line opens with its speaker or caption tag: 【主持人】, 【字幕】
FIELD_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}[:：]")  # a line that opens with its label (在建项目:…)
FIELD = re.compile(r"^(?:\d{1,2}[.、．])?[\u4e00-\u9fff]{2,8}[:：][^,，。;；!！?？]{1,30}$")
CLAUSE_TAIL = re.compile(r"[,，、;；:：!！?？。][^,，、;；:：!！?？。]{1,2}$")
REACH = 40  # paragraphs searched for a continuation; the farthest in our corpora is 16


@dataclass(frozen=True)
class Para:
    """What the rules need to know of one paragraph."""

    text: str
    heading: bool = False
    continued: bool = False


@dataclass(frozen=True)
class Group:
    """Paragraphs that form one paragraph, in reading order, and what is still cut about it."""

    members: tuple[int, ...]
    cut_start: bool
    cut_end: bool


def is_field(text: str) -> bool:
    """A short labelled field ("注册资本:3亿元"), or a speaker's short line of the same shape."""
    return bool(FIELD.match(text))


def is_whole(text: str) -> bool:
    """A table row, a short labelled field or a bulleted item (see the module docstring)."""
    return "\t" in text or text.startswith(tuple(BULLETS)) or is_field(text)


def ends_complete(text: str) -> bool:
    """The text ends at a sentence end (possibly inside closing quotes) or with a bracketed note."""
    body = text.rstrip(CLOSERS)
    if body != text and text[-1] in ")）】》":
        return True
    return bool(body) and body[-1] in SENTENCE_END + "…:："


@cache
def segmenter() -> jieba.posseg.POSTokenizer:
    """jieba's default word segmenter with part-of-speech tags, loaded once, quietly, its dictionary
    read from jieba's cache file when there is one (:func:`read_cached_dictionary`) and its HMM search
    for unknown runs in numpy (:mod:`chainkg.reading.pos_hmm`: the same cut, without most of its cost)."""
    jieba.setLogLevel(logging.WARNING)
    read_cached_dictionary(jieba.posseg.dt.tokenizer)
    return PosTokenizer(jieba.posseg.dt)


@cache
def word_tokenizer() -> jieba.Tokenizer:
    """The dictionary tokenizer :func:`segmenter` tags with (jieba's default), its dictionary
    loaded: for cutting without tags and for word frequencies (``FREQ``)."""
    tokenizer = segmenter().tokenizer
    read_cached_dictionary(tokenizer)  # again after release_dictionary
    tokenizer.check_initialized()
    return tokenizer


def read_cached_dictionary(tokenizer: jieba.Tokenizer) -> None:
    """Load the default dictionary of ``tokenizer`` (not loaded yet) from the cache file jieba
    keeps of it (``jieba.cache`` in its temporary folder), read whole and unmarshalled from the
    bytes: jieba's own ``initialize`` unmarshals it from the open file, a few bytes a read, three
    times slower (0.6 s against 0.2 of a seeds build). The same words and frequencies, in the same
    order. A tokenizer with another dictionary or cache file, no cache yet or one that cannot be
    read is left to ``initialize``, which makes the cache."""
    if tokenizer.dictionary is not jieba.DEFAULT_DICT or tokenizer.cache_file:
        return
    with tokenizer.lock:
        if tokenizer.initialized:
            return
        try:
            freq, total = marshal.loads(Path(tokenizer.tmp_dir or tempfile.gettempdir(), "jieba.cache").read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True


def release_dictionary() -> None:
    """Let the dictionary of :func:`word_tokenizer` go (``FREQ``: half a million words, about 67
    MiB), for a process done cutting words for a while: ``chainkg build``'s once the graph is made
    (the graph names products by their heads with it, :mod:`chainkg.ingest.heads`), so the save
    and the site have that memory. The next :func:`word_tokenizer` loads it again
    (from jieba's cache file, a fifth of a second); the part-of-speech table stays. The HMM search's
    remembered characters and runs go too (:meth:`~chainkg.reading.pos_hmm.PosViterbi.clear`)."""
    tokenizer = segmenter().tokenizer
    with tokenizer.lock:
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, 0, False
    word_tokenizer.cache_clear()
    jieba_viterbi().clear()


def bridges(tail: str, head: str) -> bool:
    """A dictionary word runs across the join of ``tail`` and ``head``."""
    left, right = tail[-BRIDGE_CONTEXT:], head[:BRIDGE_CONTEXT]
    pos = 0
    for word in segmenter().tokenizer.cut(left + right, HMM=False):
        if pos < len(left) < pos + len(word):
            return True
        pos += len(word)
    return False


def opens(text: str) -> bool:
    """The paragraph visibly starts anew (heading, run-in heading, lead-in, date)."""
    if numbered_rank(text) is not None or is_run_in(first_sentence(text), text):
        return True
    if DATE_LEAD_IN.match(text) or FIELD_LABEL.match(text) or text.startswith(SPEAKER_TAGS):
        return True
    lead = LEAD_IN.match(text)
    if not lead:
        return False
    first = next(iter(segmenter().cut(lead.group(1), HMM=False)), None)
    return first is not None and first.flag in LEAD_IN_TAGS


def is_stray(text: str) -> bool:
    """One short complete sentence standing alone, e.g. a column's single leftover line."""
    return (
        len(text) <= STRAY_MAX
        and ends_complete(text)
        and first_sentence(text) == text
        and not BRACKETED.match(text)
    )


def wraps(line: str, following: str, width: int, length: int | None = None) -> bool:
    """``line`` was wrapped at the column width and ``following`` goes on with its sentence.

    ``width`` is the longest line of the block; a line well short of it ended its paragraph
    (or is a heading). ``length``: the length of the paragraph ``line`` ends, when ``line`` is
    only its end.
    """
    return (
        (len(line) if length is None else length) >= WRAP_FILL * width
        and not ends_complete(line)
        and numbered_rank(following) is None
    )


def plan(paras: Sequence[Para]) -> tuple[Group, ...]:
    """Group paragraphs into whole paragraphs, following every cut whose continuation is clear.

    A continuation is looked for at most :data:`REACH` paragraphs away (ahead for a cut, back
    for a stray), so the time grows linearly with the number of paragraphs.
    """
    n = len(paras)

    @cache
    def cut(i: int) -> bool:
        text = paras[i].text
        if ends_complete(text):
            return False
        if paras[i].heading:  # a numbered item wrapped inside a word ("(一)某某电池科" | "技有限公司…")
            return (numbered_rank(text) is not None and i + 1 < n and not paras[i + 1].heading
                    and bridges(text, paras[i + 1].text))
        # a speaker's line ("某某:我们将推进某某光") is shaped like a field, but a word running on
        # into the next line (光|电科技) says it was wrapped
        return not is_whole(text) or (is_field(text) and i + 1 < n and bridges(text, paras[i + 1].text))

    def may_follow(j: int) -> bool:
        return not paras[j].heading and not paras[j].continued and not is_whole(paras[j].text)

    @cache
    def candidate(j: int) -> bool:
        return may_follow(j) and not opens(paras[j].text)

    following: dict[int, int] = {}
    taken: set[int] = set()

    def follow(i: int, j: int) -> None:
        following[i] = j
        taken.add(j)

    for i in progress(range(n - 1), desc="rejoin", total=max(n - 1, 0), unit="paragraph"):
        if cut(i) and may_follow(i + 1) and (
            candidate(i + 1)
            or bridges(paras[i].text, paras[i + 1].text)
            or (CLAUSE_TAIL.search(paras[i].text) and numbered_rank(paras[i + 1].text) is None)
        ):
            follow(i, i + 1)
    for i in range(n):
        if cut(i) and i not in following:
            j = next((j for j in range(i + 2, min(n, i + 2 + REACH)) if j not in taken and candidate(j)
                      and bridges(paras[i].text, paras[j].text)), None)
            if j is not None:
                follow(i, j)
    for j in range(n):
        if j not in taken and candidate(j) and is_stray(paras[j].text):
            i = next((i for i in range(j - 2, max(-1, j - 2 - REACH), -1) if cut(i) and i not in following), None)
            if i is not None:
                follow(i, j)
    log.debug("paragraphs going on in others: %s", following)
    starts = sorted(set(range(n)) - taken)
    groups = []
    for start in starts:
        members = [start]
        while members[-1] in following:
            members.append(following[members[-1]])
        groups.append(Group(tuple(members), paras[start].continued, cut(members[-1])))
    return tuple(groups)
