"""Evidence for a firm: when a name found only by its position is a company (issue 16, round 3).

A name found by a company ending (…锂业, …有限公司) or in the gazetteer says by itself that it names a
firm. A name found only by its *position* (two to six letters right before a figure or a product,
:meth:`chainkg.ingest.mentions.CompanyMarker.brand_before`) does not: on unseen pages such names were
as often a verb glued to a brand (不断推动…, 根据…, 带动…), a word of the sentence (联产, 智能工厂, 焦油
before their figures) or a placeholder (某某). Closed lists of such words did not carry to new
text, so this module asks the general question instead, from jieba's dictionary and tags and from what
the document and the repository's data already know:

- rule ``pos_opening`` (:func:`opening_length`): a name never opens with a verb, adverb, preposition,
  conjunction or pronoun of the dictionary (tags ``firm_opening_flags`` in ``data/cues.yaml``); such
  words at the left edge of a name by position or by an industry ending are dropped;
- rule ``county_sector`` (:func:`county_sector`): a place the document names as a county or city and a
  sector word (某县 … 某某|储能) is that place's industry, not a firm;
- rule ``firm_evidence`` (:class:`FirmEvidence`): a name by position is a firm only with evidence:
  it is in the gazetteer, the start of a name there or holds one (``data/known_firms.yaml``,
  ``data/aliases.yaml``, ``data/industry_firms.yaml``: 大全 of 大全能源, 某某吉利); the document names
  the same brand with a company ending or a legal form (德方纳米 / 某某德方纳米科技股份有限公司); it opens with a
  province or city (宁夏某某: a registered name's region); it is a coinage, at least one of its words
  a proper name or no dictionary word (丽豪, 瀚|禾, 索通; not 联产, 智能工厂); or it is an item of an
  enumeration beside a firm with evidence (岚峡30万吨…、大全年产…). A placeholder alone
  (``withheld_names``: 某某, 甲方) is never one; opening a name (某某纳米) it stands for the brand.
  Without evidence the name is no firm: the project takes no company, or the firm the text is about.
- rule ``known_firm`` (:func:`known_firms`, :func:`known_firm_kept`): the gazetteer of well-known groups
  and listed firms (``data/known_firms.yaml``: central enterprises, provincial groups, listed firms by
  their 证券简称) gives the names the company finder marks wherever a sentence writes them, unless the
  name is part of a longer dictionary word there (全国能源 holds no 国能) or a place or street ending
  follows it (某某|路); resolution joins all names of one firm (:func:`known_firm_aliases`).

Everything here is plain data in, plain data out; jieba's tokenizer is the one
:func:`chainkg.reading.rejoin.segmenter` loads.

>>> opening_length("不断推动岚峡")
4
>>> coined("岚峡"), coined("智能工厂")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from chainkg.errors import ChainkgError
from chainkg.lexicon import cue_tables, cues
from chainkg.reading.rejoin import segmenter, word_tokenizer

_OPENING_FLAGS = frozenset(cues()["firm_opening_flags"])
_OPENING_MIN_FREQ = int(cue_tables()["firm_opening_min_freq"])
_PROPER_FLAGS = frozenset(cues()["firm_proper_flags"])
_MORPHEME_FLAGS = frozenset(cues()["firm_morpheme_flags"])
_RARE_FREQ = int(cue_tables()["firm_rare_freq"])
_WITHHELD = cues()["withheld_names"]
_TIME_MARKS = frozenset(cues()["firm_time_marks"])
_OPENING_LETTERS = frozenset(cues()["firm_opening_letters"])
_LETTER_OPENING_REST = 4  # letters of the name that must remain after the letter dropped: 就业局 is a word
_LOCALIZER_FLAG = str(cue_tables()["firm_localizer_flag"])
_PLACE_FLAG = str(cue_tables()["firm_place_flag"])


@lru_cache(maxsize=1 << 16)
def _words(name: str) -> tuple[tuple[str, str], ...]:
    """``name`` cut by jieba (unknown words guessed by its HMM, as brands are), with tags."""
    return tuple((p.word, p.flag) for p in segmenter().cut(name))


def _frequency(word: str) -> int:
    """How often jieba's dictionary has seen ``word`` (0: not a word of it)."""
    return word_tokenizer().FREQ.get(word) or 0


def letter_opening(name: str) -> int:
    """Rule ``letter_opening``: 1 when ``name`` opens with a one-letter conjunction or preposition of a clause
    (``firm_opening_letters``: 而, 暨, 就 …) and four letters or more remain, else 0. The dictionary words that
    :func:`opening_length` drops have two letters or more, and jieba often glues one such letter to the
    name's first word (暨常|青绿), so the letter is read alone: …,而|某某石化, 某会议暨|某某汽车制造厂, 就|某某新材料、….
    A name whose first word jieba tags as a place (``firm_place_flag``) keeps its letter: 且末县, 并州 and 暨阳
    open firms' names as places.

    >>> letter_opening("而岚峡石化"), letter_opening("暨澜汐汽车制造厂"), letter_opening("就业局")
    (1, 1, 0)
    >>> letter_opening("和邦化工"), letter_opening("岚峡石化")
    (0, 0)
    >>> letter_opening("且末县鑫源矿业"), letter_opening("并州新材料"), letter_opening("暨阳化工")
    (0, 0, 0)
    """
    if name[:1] not in _OPENING_LETTERS or len(name) - 1 < _LETTER_OPENING_REST:
        return 0
    first, flag = _words(name)[0]
    return 0 if flag == _PLACE_FLAG and len(first) > 1 else 1


def opening_length(name: str) -> int:
    """Rule ``pos_opening``: how many characters at the start of ``name`` are words no name opens with
    (verbs, adverbs, prepositions, pronouns … of ``firm_opening_flags``), dictionary words of two
    characters or more seen at least ``firm_opening_min_freq`` times, dropped while at least two
    characters remain (a name glued after 推动, 根据, 带动: 不断推动|岚峡); a placeholder
    (``withheld_names``: 某某, 某地) stands for a name and is never dropped.

    >>> opening_length("根据澜沣"), opening_length("带动我们岚峡"), opening_length("某某纳米")
    (2, 4, 0)
    >>> opening_length("东方澜沣"), opening_length("突出"), opening_length("岚峡")
    (0, 0, 0)

    Rule ``time_clause``: a verb of any frequency and a word of time right after it (``firm_time_marks``:
    增资|后, 投产|时) are a clause of time, no part of a name: 增资后|岚峡锂业; so is the word of time
    opening a name alone (jieba's localizer, ``firm_localizer_flag``), its verb read before it (投产|后|岚峡).

    >>> opening_length("增资后岚峡锂业"), opening_length("重组后岚峡"), opening_length("后岚峡锂业")
    (3, 3, 1)

    A one-letter conjunction opening the name is dropped first (rule ``letter_opening``, :func:`letter_opening`):

    >>> opening_length("而岚峡石化"), opening_length("暨根据岚峡锂业")
    (1, 3)
    """
    lead = letter_opening(name)
    return lead + _word_opening(name[lead:])


def _word_opening(name: str) -> int:
    """The words of rule ``pos_opening`` and ``time_clause`` at the start of ``name`` (:func:`opening_length`)."""
    if not (any(mark in name for mark in _TIME_MARKS)
            or any(_frequency(name[:n]) >= _OPENING_MIN_FREQ for n in range(2, len(name) - 1))):
        return 0  # no word of time, no frequent word opening it with two characters after (most names): no cut needed
    words = _words(name)
    dropped, at = 0, 0
    while at < len(words):
        word, flag = words[at]
        after = words[at + 1][0] if at + 1 < len(words) else ""
        if flag in _OPENING_FLAGS and after in _TIME_MARKS and len(name) - dropped - len(word) - len(after) >= 2:
            dropped, at = dropped + len(word) + len(after), at + 2  # rule time_clause: 增资|后|…
            continue
        if at == 0 and flag == _LOCALIZER_FLAG and word in _TIME_MARKS and len(name) - len(word) >= 2:
            dropped, at = len(word), 1  # … or the word of time alone, its verb read before the name (投产|后|…)
            continue
        if (flag not in _OPENING_FLAGS or len(word) < 2 or _frequency(word) < _OPENING_MIN_FREQ
                or word.startswith(_WITHHELD) or len(name) - dropped - len(word) < 2):
            break
        dropped, at = dropped + len(word), at + 1
    return dropped


_LIST_LEADS = frozenset(cues()["firm_list_leads"])


def lead_length(name: str) -> int:
    """Rule ``list_lead``: how many characters of ``name`` a verb that leads a list of firms (有, 包括,
    引进: ``firm_list_leads``) and the words before it take, that verb being a word of its own to jieba
    and at least two characters following it (主要有|岚峡昆仑…: the list, not the brand; 有研 is a word
    of a brand, kept).

    >>> lead_length("主要有岚峡昆仑"), lead_length("有研新材"), lead_length("岚峡")
    (3, 0, 0)
    """
    if not any(lead in name[:-2] for lead in _LIST_LEADS):
        return 0  # no lead with two characters after it (most names): no cut by jieba needed
    at, cut = 0, 0
    for word, _ in _words(name):
        at += len(word)
        if word in _LIST_LEADS and len(name) - at >= 2:
            cut = at
    return cut


_QUANTITY_FLAG = str(cue_tables()["firm_quantity_flag"])
_QUANTITY_UNITS = tuple(cues()["firm_quantity_units"])


def quantity_cut(name: str) -> int | None:
    """Rule ``quantity_in_name``: a name never holds a quantity, a numeral word (tag
    ``firm_quantity_flag``) ending in a unit of measure or money (``firm_quantity_units``: 亿元, 百万吨,
    万千瓦). Quantities opening ``name`` are the figure glued before it (投资5|亿元|岚峡化工): how many
    characters to cut, at least two staying; one after a word of the name makes the whole a phrase
    (某省|百万吨|钾肥): None. A numeral word without a unit (一道, 三一) opens brands.

    >>> quantity_cut("亿元岚峡化工"), quantity_cut("青海百万吨钾肥"), quantity_cut("一道新能源"), quantity_cut("岚峡")
    (2, None, 0, 0)
    """
    if not any(unit in name for unit in _QUANTITY_UNITS):
        return 0 if len(name) >= 2 else None  # no unit, no quantity (most names): no cut by jieba needed
    cut, opening = 0, True
    for word, flag in _words(name):
        quantity = flag == _QUANTITY_FLAG and word.endswith(_QUANTITY_UNITS)
        if quantity and not opening:
            return None
        if quantity:
            cut += len(word)
        opening = opening and quantity
    return cut if len(name) - cut >= 2 else None


def coined(name: str, strict: bool = False) -> bool:
    """A name jieba reads as a coinage: a word tagged as a proper name (``firm_proper_flags``), a
    one-character bound morpheme or name character (``firm_morpheme_flags``), or (unless ``strict``) a
    word of two characters or more not in its dictionary or rare there (``firm_rare_freq``); ordinary
    words throughout (联产, 智能工厂, 一车间) are none.

    >>> coined("岫筠"), coined("联产"), coined("一车间"), coined("产线"), coined("产线", strict=True)
    (True, False, False, True, False)
    """
    for word, flag in _words(name):
        if len(word) == 1:
            if flag in _MORPHEME_FLAGS:
                return True
        elif flag in _PROPER_FLAGS or (not strict and _frequency(word) < _RARE_FREQ):
            return True
    return False


def _closes_clause(name: str) -> bool:
    """``name`` ends in a verb, adverb … of the dictionary (``firm_opening_flags``, not rare there:
    ``firm_rare_freq``): a clause (产线|兼容) unless a proper name or a name character
    makes it a coinage (岚|澄希望)."""
    word, flag = _words(name)[-1]
    return flag in _OPENING_FLAGS and len(word) >= 2 and _frequency(word) >= _RARE_FREQ


def withheld(name: str) -> bool:
    """A placeholder for a firm's name alone (``withheld_names``: 某某, 某地, 甲方).

    >>> withheld("某某"), withheld("甲方"), withheld("某某纳米"), withheld("岚峡")
    (True, True, False, False)
    """
    return name in _WITHHELD


_PLACE_MARKS = tuple(dict.fromkeys((*cues()["county_marks"], *cues()["place_endings"])))


def county_sector(name: str, sector_endings: Iterable[str], document: str) -> bool:
    """Rule ``county_sector``: ``name`` is a place and a sector word (``sector_endings``: 储能, 光伏,
    新能源 …), the place's industry, not a firm, when the ``document`` names that place as one (the
    part before the sector word followed by 县, 旗, 市 …), even where no gazetteer holds the place.

    >>> county_sector("岚川储能", ["储能"], "岚川县岚川储能一期项目开工。")
    True
    >>> county_sector("岚峡储能", ["储能"], "岚川县岚峡储能一期项目开工。")
    False
    """
    endings = tuple(sector_endings)
    if not name.endswith(endings):  # one test of every ending first: most names end in none
        return False
    ending = next((w for w in sorted(endings, key=len, reverse=True)
                   if name.endswith(w) and len(name) >= len(w) + 2), None)
    if ending is None:
        return False
    stem = name[:-len(ending)]
    return any(stem + mark in document for mark in _PLACE_MARKS)


@dataclass(frozen=True)
class KnownFirm:
    """One row of ``data/known_firms.yaml``: the canonical ``name``, the ``names`` found bare, the
    ``words`` (ordinary words or places) only joined and used as evidence, the registered name when
    known, and the public ``source`` that shows it."""

    name: str
    names: tuple[str, ...]
    words: tuple[str, ...]
    full_name: str | None
    source: str

    @property
    def bare(self) -> tuple[str, ...]:
        """The names the finder marks wherever they are written: ``name`` and ``names`` but ``words``.

        >>> KnownFirm("岚峡集团", ("岚峡",), ("澄岭",), None, "x").bare
        ('岚峡集团', '岚峡')
        >>> KnownFirm("澄岭", (), ("澄岭",), None, "x").bare
        ()
        """
        return tuple(n for n in dict.fromkeys((self.name, *self.names)) if n not in self.words)

    @property
    def every_name(self) -> tuple[str, ...]:
        """All names of the firm: canonical, bare, words and the registered name."""
        full = (self.full_name,) if self.full_name else ()
        return tuple(dict.fromkeys((self.name, *self.names, *self.words, *full)))


def read_known_firms(rows: Iterable[dict[str, object]], where: str = "data/known_firms.yaml") -> tuple[KnownFirm, ...]:
    """The rows of the known firms' file, checked: each has a name and a source, and a name belongs to
    one firm only (a :class:`ChainkgError` naming the file and the name otherwise).

    >>> [f.name for f in read_known_firms([{"name": "岚峡", "names": ["岚峡集团"], "source": "上交所 600000"}])]
    ['岚峡']
    >>> read_known_firms([{"name": "岚峡", "source": "a"}, {"name": "澄岭", "names": ["岚峡"], "source": "b"}])
    Traceback (most recent call last):
    chainkg.errors.ChainkgError: data/known_firms.yaml: 岚峡 is a name of 岚峡 and of 澄岭
    """
    firms: list[KnownFirm] = []
    owner: dict[str, str] = {}
    for row in rows:
        name, source = row.get("name"), row.get("source")
        if not isinstance(name, str) or not isinstance(source, str) or not source.strip():
            raise ChainkgError(f"{where}: every firm needs a name and a source: {row}")
        firm = KnownFirm(name, tuple(map(str, row.get("names") or ())), tuple(map(str, row.get("words") or ())),
                         str(row["full_name"]) if row.get("full_name") else None, source)
        for n in firm.every_name:
            if owner.setdefault(n, name) != name:
                raise ChainkgError(f"{where}: {n} is a name of {owner[n]} and of {name}")
        firms.append(firm)
    return tuple(firms)


@cache
def known_firms() -> tuple[KnownFirm, ...]:
    """The firms of ``data/known_firms.yaml`` (:func:`read_known_firms`), read once."""
    return read_known_firms(cue_tables("known_firms.yaml")["firms"])


def known_firm_aliases() -> dict[str, str]:
    """Every name of every known firm (bare, words, registered name) -> the firm's canonical name:
    what resolution joins (rule ``known_firm``)."""
    return {n: firm.name for firm in known_firms() for n in firm.every_name}


_GUARDS = cue_tables("known_firms.yaml")["guards"]
_PLACE_AFTER = tuple(sorted(_GUARDS["place_after"], key=len, reverse=True))
_ORG_AFTER = tuple(_GUARDS["org_after"])
_ORG_RUN_RE = re.compile(r"[\u4e00-\u9fff]{0,%d}" % int(_GUARDS["org_run"]))
_DOC_NUMBER = re.compile("(?:" + "|".join(re.escape(b) for b in _GUARDS["doc_number"]) + r")\d{4}")
_JIEBA_MAX = int(_GUARDS["max_jieba_check"])
_JIEBA_MIN_FREQ = int(_GUARDS["min_word_freq"])
_JIEBA_CONTEXT = 4  # characters each side of a name that jieba cuts with it


def known_firm_kept(text: str, start: int, end: int) -> bool:
    """Rule ``known_firm``: whether the known firm's name at ``text[start:end]`` names the firm there:
    not when a place or street ending follows it (``guards.place_after`` of ``data/known_firms.yaml``:
    岚峡|路, 岚峡|县), nor when the run after it holds an association's word (``guards.org_after``:
    岚峡|和某某协会, the body's name) or ends at a bracketed year (``guards.doc_number``: 岚峡发|〔2020〕3号,
    a document number), nor when, for a short name (``guards.max_jieba_check`` characters or fewer),
    a dictionary word of jieba (cut without its HMM, seen ``guards.min_word_freq`` times or more)
    crosses its left or right edge: the name is then part of a longer word (全国|能源 holds 国能).

    >>> known_firm_kept("与国能签约", 1, 3), known_firm_kept("全国能源消费", 1, 3), known_firm_kept("国能路", 0, 2)
    (True, False, False)
    >>> known_firm_kept("岚峡集团和某某工业协会副会长", 0, 4), known_firm_kept("岚峡集团发〔2020〕3号", 0, 4)
    (False, False)
    """
    if text.startswith(_PLACE_AFTER, end):
        return False
    run = _ORG_RUN_RE.match(text, end).group()  # type: ignore[union-attr]  (matches the empty run too)
    if any(w in run for w in _ORG_AFTER) or _DOC_NUMBER.match(text, end + len(run)):
        return False
    if end - start > _JIEBA_MAX:
        return True
    left = max(0, start - _JIEBA_CONTEXT)
    at = left
    for word in word_tokenizer().cut(text[left:end + _JIEBA_CONTEXT], HMM=False):
        s, at = at, at + len(word)
        if (s < start < at or s < end < at) and len(word) >= 2 and _frequency(word) >= _JIEBA_MIN_FREQ:
            return False
    return True


@cache
def gazetteer_names() -> tuple[str, ...]:
    """Every firm's name the repository's data holds: every name of the known firms
    (``data/known_firms.yaml``), both sides of ``data/aliases.yaml`` and the short and full names
    of ``data/industry_firms.yaml`` (the national leaders of every chain segment)."""
    names = [n for firm in known_firms() for n in firm.every_name]
    for canonical, others in cue_tables("aliases.yaml").items():
        names += [canonical, *others]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            names.extend(str(node[k]) for k in ("name", "full_name") if isinstance(node.get(k), str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(cue_tables("industry_firms.yaml")["chains"])
    return tuple(dict.fromkeys(names))


class FirmEvidence:
    """Rule ``firm_evidence``: why a name found only by position names a firm, if it does.

    ``key`` is how two names of one firm compare (legal form and region dropped:
    :func:`chainkg.ingest.resolve.company_key`); ``gazetteer`` the names of :func:`gazetteer_names`.

    >>> ev = FirmEvidence(lambda n: n.removeprefix("宁夏").removesuffix("有限公司"), ["大全能源"])
    >>> ev.of("大全", []), ev.of("宁夏澜沣", []), ev.of("澜沣", ["澜沣储能有限公司"])
    ('gazetteer', 'region', 'document')
    >>> ev.of("岚峡", []), ev.of("联产", []), ev.of("某某", []), ev.of("产线兼容", []), ev.of("某某纳米", [])
    ('coined', None, None, None, 'withheld')
    """

    def __init__(self, key: Callable[[str], str], gazetteer: Iterable[str]) -> None:
        self.key = key
        self.known = frozenset(k for k in (key(n) for n in gazetteer) if len(k) >= 2)
        self._known_starts = frozenset(k[:i] for k in self.known for i in range(2, len(k) + 1))

    def _in_gazetteer(self, core: str) -> bool:
        """A known key starts with ``core`` or is part of it: looked up by ``core``'s parts in sets
        (a key has at least two characters), not by a scan of every key."""
        return core in self._known_starts or any(core[i:j] in self.known for i in range(len(core) - 1)
                                                 for j in range(i + 2, len(core) + 1))

    def of(self, name: str, named: Iterable[str]) -> str | None:
        """The kind of evidence (withheld, gazetteer, document, region, coined, looked for in that
        order) that ``name``, found by position, names a firm, given the names of firms with a company
        ending or a legal form the document holds (``named``); None when there is none. An item of an
        enumeration beside such a firm is told by :meth:`listed`."""
        if withheld(name):
            return None
        if name.startswith(_WITHHELD):
            return "withheld"  # a firm named without its name (某某|纳米)
        core = self.key(name)
        if len(core) < 2:
            return None
        if self._in_gazetteer(core):
            return "gazetteer"  # a known brand, its start (大全 of 大全能源) or a name holding one (某某|吉利)
        if any(core in self.key(other) for other in named if other != name):
            return "document"
        if core != name:
            return "region"
        return "coined" if coined(core, strict=_closes_clause(core)) else None

    @staticmethod
    def listed_works(items: Iterable[tuple[int, int]], start: int, end: int, firms: Iterable[tuple[int, int]]) -> bool:
        """Rule ``listed_works``: the name at ``start``-``end`` stands in one of the ``items`` of an
        enumeration of works (the items of 甲60万吨…、乙20万立方米…等项目, found by position before their figures)
        and another item holds a firm with any evidence, a coinage too (``firms``): the items' names are
        the works' firms, as 乙's is.

        >>> items = [(0, 9), (10, 20)]  # 争取新能60万吨新材料、岚瑞20万立方米液化
        >>> FirmEvidence.listed_works(items, 2, 4, [(10, 12)]), FirmEvidence.listed_works(items, 2, 4, [])
        (True, False)
        """
        items = list(items)
        own = next((i for i, (s, e) in enumerate(items) if s <= start and end <= e), None)
        return own is not None and len(items) >= 2 and any(
            s <= fs and fe <= e for i, (s, e) in enumerate(items) if i != own for fs, fe in firms)

    @staticmethod
    def listed(text: str, start: int, end: int, firms: Iterable[tuple[int, int]]) -> bool:
        """The name at ``text[start:end]`` opens a later item of a 、-enumeration whose clause also holds
        another of ``firms`` (names with evidence other than a coinage): 岚峡30万吨颗粒硅、|大全|年产….
        A name glued inside an item (…氯化锂|联产|…) is none.

        >>> text = "建设岚峡30万吨颗粒硅、大全年产10万吨多晶硅。"
        >>> FirmEvidence.listed(text, 12, 14, [(2, 4)]), FirmEvidence.listed(text, 12, 14, [])
        (True, False)
        """
        if not text.endswith("、", 0, start):
            return False
        stops = "，,；;。：:\n"
        left = max(text.rfind(ch, 0, start) for ch in stops) + 1
        right = min((i for i in (text.find(ch, end) for ch in stops) if i >= 0), default=len(text))
        return any(left <= s and e <= right and (s, e) != (start, end) for s, e in firms)
