"""Normalize newspaper-layout noise, keeping a character map back to the decoded text.

What changes, and why (so that later matching sees "263.8亿元", not "263.8 亿元"):

- spaces and line breaks go wherever a Chinese character, or a number, is on either side
  ("任 务" → "任务", "106 项" → "106项", "1+ 7" → "1+7"); one space stays between Latin
  words and between a stray English word and the Chinese around it ("支持 and 资金");
- lines wrapped at the column width are joined into their paragraph; paragraphs cut at a
  column break are joined with the paragraph that goes on with them when that can be told
  (:mod:`chainkg.reading.rejoin`), otherwise kept and reported as cut;
- page-jump marks ("(上接一版)", "(下转四版)") and Markdown markup ("**", leading "#") are
  dropped; a paragraph that opened with "(上接…)" is reported as starting mid-sentence;
- a table rendered as text keeps its cell boundaries: within a line, a tab, an ideographic
  space, a run of two or more spaces next to a Chinese character, or a vertical bar drawn
  between cells ("|" or "｜"; a row's outer bars are dropped) is a cell gap and becomes
  one tab ("年产5000吨碳化硼微粉\t完成设备安装", not one run-on word); a line with cell gaps is
  never joined with its neighbours (a table row is its own paragraph), and in a block that
  holds such rows a line whose single spaces cut it into as many cells as a row has is a row
  too (later rows typed with single spaces); a known place opening a line and followed by a
  space is a dateline, cut off by a tab ("◆德令哈 某某公司…"), unless the text after the
  space goes on into a longer place name ("海西 州");
- full-width digits, letters, "％" and "．" become half-width; other wide spaces are spaces;
  invisible characters (zero-width spaces and joiners, soft hyphens, bidirectional marks,
  control characters other than tab and line breaks) are dropped, so they split no name;
- "一" standing for a dash is made "-" only where that is clear: a run of three or more short
  names joined by "一" and standing alone between non-Chinese characters ("甲地一乙地一丙地750千伏").

The normalized text has one paragraph per line. ``offsets[i]`` is the index in the decoded
text of normalized character i; every normalized character comes from exactly one decoded
character (a space or line break kept between words comes from the whitespace it replaces).

>>> n = normalize("海西 州 年产 3 万吨 and 一批项目。")
>>> n.text
'海西州年产3万吨 and 一批项目。'
>>> n.paragraphs
(Paragraph(start=0, end=18, markup=0, cut_start=False, cut_end=False, joins=()),)
>>> normalize("(上接一版)甲地一乙地一丙地750千伏线路建成").text
'甲地-乙地-丙地750千伏线路建成'
>>> normalize("1\\t某某有限公司\\t年产1万吨某粉  完成设备 安装\\n2 某乙有限公司 年产2万吨某板 开工").text
'1\\t某某有限公司\\t年产1万吨某粉\\t完成设备安装\\n2\\t某乙有限公司\\t年产2万吨某板\\t开工'
>>> normalize("｜1｜某丙有限公司｜年产3万吨某盐｜9.6｜\\n2 | 某丁公司 | 续建 | 7.3").text
'1\\t某丙有限公司\\t年产3万吨某盐\\t9.6\\n2\\t某丁公司\\t续建\\t7.3'
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from chainkg.reading.charmap import SPACES, Mapped, join
from chainkg.reading.headings import STANDALONE, is_heading_line
from chainkg.lexicon import char_class, counting_numerals, cues, one_of, place_names
from chainkg.reading.rejoin import Para, is_whole, plan, wraps
from chainkg.progress import progress

HALF_WIDTH = {c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B), 0xFF05, 0xFF0E)}
# invisible characters that would split a word or a name: control characters (not tab, line and
# page breaks), soft hyphen, zero-width spaces and joiners, bidirectional marks, BOM
INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
ODD_CHARS = re.compile(r"\r\n?|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05\uff0e]|[\u3000\u00a0\u2002-\u200a\u202f]|" + INVISIBLE.pattern)
_PAGE, _EDITION = cues()["page_number_marks"]
PAGE_MARK = re.compile(rf"[(（]\s*({one_of(cues()['page_continued_from'] + cues()['page_continued_on'])})\s*{_PAGE}?\s*"
                       rf"[{''.join(counting_numerals())}\d]+\s*{_EDITION}\s*[)）]")
MD_HEADING = re.compile(r"^\s*(#{1,6})\s+")
BOLD_LINE = re.compile(r"^\s*\*\*(?!\*)(.+?)\*\*\s*$")
BOLD = re.compile(r"\*\*")
LATIN_TOKEN = re.compile(r"[A-Za-z0-9]+")
LATIN_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
NUMBERISH = set("0123456789.+-%/")
DASH_LOOKALIKES = char_class(cues()["dash_lookalikes"])
DASH_CHAIN = re.compile(r"(?<![\u4e00-\u9fff])[\u4e01-\u9fff]{2,4}(?:" + DASH_LOOKALIKES + r"[\u4e01-\u9fff]{2,4}){2,}(?![\u4e00-\u9fff])")
WIDE_PUNCT = set("“”‘’…—·")
CELL = "\t"  # what a cell gap (or a dateline's space) becomes in the normalized text
# inside a stripped line: a tab or ideographic space (made a tab by _odd_char), 2+ spaces, or a
# vertical bar drawn between cells (ASCII "|" or full-width "｜", as in "序号｜项目名称｜…")
CELL_GAP = re.compile(r" *\t[ \t]*|(?<=[^\x00-\u2e7f]) {2,}|  +(?=[^\x00-\u2e7f])|[ \t]*[|｜][ \t]*")
EDGE_BARS = re.compile(r"^[|｜][ \t]*|[ \t]*[|｜]$")  # the outer frame of a row: "｜a｜b｜"
DATELINE = re.compile(r"^[◆◇●○■□▲△▶►★☆•·]?([\u4e00-\u9fff]{2,10}) (?=\S)")
# a reading in pinyin copied after a character from a page with ruby text (生產(chǎn)): dropped; it has a tone mark;
# also one the page's end cuts before its closing bracket (…項(xiàn|end: a saved page cut at a byte count)
RUBY = re.compile(r"(?<=[\u4e00-\u9fff])\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}(?:\)|\Z)")
TRADITIONAL_MIN = 20  # ... and at least this many of them
TRADITIONAL_SHARE = 0.03  # a document whose Chinese characters are this share or more traditional-only is read simplified


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the normalized text, ``text[start:end]``.

    ``markup`` is the Markdown heading level (1-6), 7 for a wholly bold line, else 0.
    ``cut_start``: it opened with "(上接…)" (its first sentence began elsewhere);
    ``cut_end``: it ends mid-sentence and its continuation could not be told.
    ``joins``: positions in the text where a continuation paragraph was appended.
    """

    start: int
    end: int
    markup: int = 0
    cut_start: bool = False
    cut_end: bool = False
    joins: tuple[int, ...] = ()


@dataclass(frozen=True)
class Normalized:
    """Normalized text, the decoded-text index of each of its characters, and its paragraphs."""

    text: str
    offsets: tuple[int, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class _Line:
    text: Mapped
    markup: int
    continued: bool


def is_wide(c: str) -> bool:
    """A Chinese character, full-width form or Chinese punctuation mark."""
    return unicodedata.east_asian_width(c) in ("W", "F") or c in WIDE_PUNCT


def _latin_word(text: str, pos: int, forward: bool) -> bool:
    """The run of Latin letters and digits starting at ``pos`` (``forward``) or ending there is
    a word of letters only; reads only that run, whatever the length of ``text``.

    >>> _latin_word("支持 and 资金", 3, True), _latin_word("年产 3 万吨", 2, False)
    (True, False)
    """
    if forward:
        token = LATIN_TOKEN.match(text, pos)
        return bool(token) and token.group().isalpha()
    start = pos
    while start > 0 and text[start - 1] in LATIN_TOKEN_CHARS:
        start -= 1
    return start < pos and text[start:pos].isalpha()


def _space(match: re.Match[str]) -> str:
    """What a whitespace run becomes: one space between words, nothing next to Chinese or in
    numbers, a tab where it holds a cell gap."""
    text, start, end = match.string, match.start(), match.end()
    if start == 0 or end == len(text):
        return ""
    if CELL in match.group():
        return CELL
    left, right = text[start - 1], text[end]
    if is_wide(left) and is_wide(right):
        return ""
    if is_wide(left) or is_wide(right):
        return " " if _latin_word(text, end if is_wide(left) else start, forward=is_wide(left)) else ""
    return "" if left in NUMBERISH and right in NUMBERISH else " "


def clean(m: Mapped) -> Mapped:
    """Whitespace squeezed, and "一" made a dash where it clearly is one."""
    m = m.sub(SPACES, _space)
    return m.sub(DASH_CHAIN, lambda match: re.sub(DASH_LOOKALIKES, "-", match.group()))


def _odd_char(match: re.Match[str]) -> str:
    c = match.group()
    if c.startswith("\r"):
        return "\n"
    if INVISIBLE.fullmatch(c):
        return ""
    if c == "\u3000":
        return CELL
    return chr(HALF_WIDTH[ord(c)]) if ord(c) in HALF_WIDTH else " "


def _is_dateline(word: str, following: str) -> bool:
    """``word`` (opening a line, a space after it) is a known place that the character after
    the space does not continue into a longer one (德令哈 上海… yes; 海西 州… no: 海西州).

    >>> _is_dateline("德令哈", "上"), _is_dateline("海西", "州"), _is_dateline("某某", "上")
    (True, False, False)
    """
    places = place_names()
    return word in places and not any(p.startswith(word + following) for p in places)


def _line(m: Mapped) -> _Line:
    """One line with page-jump marks and Markdown markup taken off."""
    continued = False
    mark = PAGE_MARK.search(m.text)
    if mark and mark.group(1) in cues()["page_continued_from"] and not m.text[: mark.start()].strip():
        continued = True
    m = m.sub(PAGE_MARK, lambda _: "")
    markup = 0
    heading = MD_HEADING.match(m.text)
    if heading:
        markup = len(heading.group(1))
        m = m[heading.end() :]
    elif BOLD_LINE.match(m.text):
        markup = STANDALONE
    m = m.sub(BOLD, lambda _: "").strip().sub(EDGE_BARS, lambda _: "").sub(CELL_GAP, lambda _: CELL)
    dateline = DATELINE.match(m.text)
    if dateline and _is_dateline(dateline.group(1), m.text[dateline.end()]):
        m = m[: dateline.end() - 1] + Mapped(CELL, (m.offsets[dateline.end() - 1],)) + m[dateline.end() :]
    return _Line(m, markup, continued)


def _lines(m: Mapped) -> list[_Line]:
    lines, pos = [], 0
    for part in m.text.split("\n"):
        lines.append(_line(m[pos : pos + len(part)]))
        pos += len(part) + 1
    return lines


def _with_break(m: Mapped) -> Mapped:
    """``m`` followed by the (whitespace) character after it in the decoded text, as a space."""
    return m + Mapped(" ", (m.offsets[-1] + 1,))


def _table_rows(block: list[_Line]) -> list[_Line]:
    """``block`` with the lines typed with single spaces made table rows (spaces -> cell gaps)
    when the block has rows with cell gaps and the line has as many cells as one of them."""
    widths = {line.text.text.count(CELL) for line in block if CELL in line.text.text}
    return [line if CELL in line.text.text or line.text.text.count(" ") not in widths - {0, 1}
            else _Line(line.text.sub(SPACES, lambda _: CELL), line.markup, line.continued) for line in block]


def _block(block: list[_Line]) -> list[_Line]:
    """The paragraphs of one block of non-blank lines: wrapped lines joined, headings alone; a
    table row never goes on into the next line, and no line goes on into a table row, a
    labelled field or a bulleted item (:func:`chainkg.reading.rejoin.is_whole`).

    Each line is cleaned once and a paragraph's lines are joined once at the end, so a block
    costs time in proportion to its length. A paragraph of several lines counts as long as its
    lines cleaned one by one (the spaces kept where they were joined, a few between Latin
    words, are not counted), and ends as its last two lines do.
    """
    block = _table_rows(block)
    cleaned = [clean(line.text).text for line in block]
    width = max(len(text) for text in cleaned)
    groups: list[list[int]] = [[0]]
    length = len(cleaned[0])  # of the last paragraph so far
    for k in range(1, len(block)):
        group = groups[-1]
        alone = len(group) == 1
        if alone:
            tail = cleaned[k - 1]
        else:
            tail = clean(_with_break(block[k - 2].text) + block[k - 1].text).text
        joins = (
            not (alone and CELL in block[k - 1].text.text)
            and not is_whole(cleaned[k])
            and not (alone and block[k - 1].markup) and not block[k].markup
            and wraps(tail, cleaned[k], width, length)
        )
        if joins:
            group.append(k)
            length += len(cleaned[k])
        else:
            groups.append([k])
            length = len(cleaned[k])
    return [block[g[0]] if len(g) == 1 else _joined([block[i] for i in g]) for g in groups]


def _joined(lines: list[_Line]) -> _Line:
    """Lines joined into one paragraph, each line break kept as a space."""
    parts: list[Mapped] = []
    for line in lines[:-1]:
        parts += [line.text, Mapped(" ", (line.text.offsets[-1] + 1,))]
    parts.append(lines[-1].text)
    return _Line(join(parts), 0, lines[0].continued)


def _paragraphs(lines: list[_Line]) -> list[_Line]:
    """Paragraphs of all blocks (blocks are separated by blank lines)."""
    paras: list[_Line] = []
    block: list[_Line] = []
    for line in [*lines, None]:
        if line is not None and line.text.text.strip():
            block.append(line)
        elif block:
            paras.extend(_block(block))
            block = []
    return paras


def _group_body(members: list[_Line]) -> tuple[Mapped, list[int]]:
    """The paragraphs of one group joined and cleaned, and where in it each one after the first
    begins (the cleaned length of what comes before it); in time linear in their length."""
    if len(members) == 1:
        return clean(members[0].text), []
    raw = _joined(members).text
    ends = list(itertools.accumulate(len(m.text) + 1 for m in members[:-1]))  # a break after each
    positions = clean(Mapped.of(raw.text)).offsets  # where each cleaned character was in ``raw``
    return clean(raw), [bisect.bisect_left(positions, end - 1) for end in ends]


@cache
def traditional_chars() -> dict[str, str]:
    """``data/t2s_chars.txt``: traditional-only character -> its simplified form.

    >>> traditional_chars()["鋰"], "锂" in traditional_chars()
    ('锂', False)
    """
    text = resources.files("chainkg.data").joinpath("t2s_chars.txt").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


_CJK_UNIFIED = re.compile(r"[\u4e00-\u9fff]")


@cache
def _traditional_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(traditional_chars()) + "]")


def simplified(m: Mapped) -> Mapped:
    """The text in simplified characters when it is written in traditional script (at least
    :data:`TRADITIONAL_SHARE` of its Chinese characters, and :data:`TRADITIONAL_MIN`, are traditional-only), else as it is; one
    character for one, so every offset stays. Readings in pinyin after characters go.

    >>> simplified(Mapped.of("藍科鋰業(yè)2萬噸碳酸鋰," * 4)).text[:11]
    '蓝科锂业2万吨碳酸锂,'
    >>> simplified(Mapped.of("某某锂业乾坤" * 9)).text[:6]
    '某某锂业乾坤'
    >>> simplified(Mapped.of("藍科鋰業2萬噸碳酸鋰," * 4 + "光熱項(xià")).text[-4:]
    ',光热项'
    """
    m = m.sub(RUBY, lambda _match: "")
    chinese = len(_CJK_UNIFIED.findall(m.text))  # characters U+4E00 to U+9FFF
    pattern = _traditional_re()
    if len(pattern.findall(m.text)) < max(TRADITIONAL_MIN, TRADITIONAL_SHARE * chinese):
        return m
    table = traditional_chars()
    return m.sub(pattern, lambda match: table[match.group()])


def plain_name(name: str) -> str:
    """A name as the simplified text of a traditional copy reads it: pinyin readings dropped,
    traditional-only characters simplified (for comparing names written either way).

    >>> plain_name("藍科鋰業(yè)")
    '蓝科锂业'
    """
    table = traditional_chars()
    return "".join(table.get(c, c) for c in RUBY.sub("", name))


def normalize(text: str) -> Normalized:
    """Normalize ``text`` (decoded file text); see the module docstring for the rules."""
    paras = _paragraphs(_lines(simplified(Mapped.of(text).sub(ODD_CHARS, _odd_char))))
    cleaned = [clean(p.text) for p in progress(paras, desc="paragraphs", unit="paragraph")]
    groups = plan(
        [Para(c.text, bool(p.markup) or is_heading_line(c.text), p.continued) for p, c in zip(paras, cleaned)]
    )
    parts: list[Mapped] = []
    records: list[Paragraph] = []
    start = 0
    for group in groups:
        body, joins = _group_body([paras[i] for i in group.members])
        if parts:
            parts.append(Mapped("\n", (min(parts[-1].offsets[-1] + 1, len(text) - 1),)))
            start += 1
        parts.append(body)
        records.append(
            Paragraph(start, start + len(body), paras[group.members[0]].markup, group.cut_start, group.cut_end,
                      tuple(start + j for j in joins))
        )
        start += len(body)
    whole = join(parts)
    return Normalized(whole.text, whole.offsets, tuple(records))
