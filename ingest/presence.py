"""Presence and absence statements: what a sentence says the region already has or lacks.

Projects are not the only evidence of a chain link. A work report's "生产钾肥856万吨", a
feature's "已建成国家级光热发电示范基地", a firm named as the maker of a product, and a plea
"亟需引进正极材料企业" all say something about a link. Each rule here reads one clause (the
text between ， ； 。 …) with the products, firms, figures and statuses the pipeline marked in
it, and returns :class:`Hit` values: plain data the extractor turns into
:class:`chainkg.ingest.facts.Statement` facts with their evidence.

The rules run in a fixed order and a product takes the first rule that fires in its clause:
:func:`lacking`, :func:`filled`, :func:`output`, :func:`capacity`, :func:`operating`,
:func:`base`, :func:`strength`, :func:`plan`. Products a project anchor of the sentence already stands for
are left to the project. Their cue words live in ``data/presence.yaml``.

>>> marks = Marks(text="生产钾肥856万吨", products=(Mark(2, 4, "钾肥", "钾肥"),),
...               capacities=(Mark(4, 9, "856万吨", ""),))
>>> [(h.rule, h.kind, h.standing, h.product.key, h.capacity.text) for h in read_presence(marks)]
[('output', 'output', 'present', '钾肥', '856万吨')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from chainkg.errors import ChainkgError
from chainkg.lexicon import cue_tables

PRESENT, BUILDING, PLANNED, LACKING = "present", "building", "planned", "lacking"
STANDINGS: tuple[str, ...] = (PRESENT, BUILDING, PLANNED, LACKING)
"""What a statement says of its link."""

OPERATING_STATUSES: frozenset[str] = frozenset({"trial", "operating"})
"""Status scale keys at which a finished work makes its product (试产 included)."""

BUILDING_STATUSES: frozenset[str] = frozenset({"under_construction"})

_CLAUSE = re.compile(r"[^，,；;。！？!?：:]+")


class Mark(NamedTuple):
    """A marked span of the sentence: offsets, the text, and its key (canonical name, status
    scale key, or "" when none)."""

    start: int
    end: int
    text: str
    key: str


@dataclass(frozen=True)
class Marks:
    """One sentence and what the pipeline marked in it (plain data, offsets into ``text``).

    ``anchored``: spans of products a project of the sentence stands for; ``mode``: reported
    or planned (a plan's tasks).
    """

    text: str
    products: tuple[Mark, ...] = ()
    companies: tuple[Mark, ...] = ()
    capacities: tuple[Mark, ...] = ()
    statuses: tuple[Mark, ...] = ()
    places: tuple[Mark, ...] = ()
    anchored: tuple[tuple[int, int], ...] = ()
    mode: str = "reported"


@dataclass(frozen=True)
class Hit:
    """One statement a rule read: its kind and standing, the product, the firm or place it is
    about (if any), the figure (if any), the rule's name and the cue it keyed on."""

    rule: str
    kind: str
    standing: str
    product: Mark
    cue: Mark
    company: Mark | None = None
    place: Mark | None = None
    capacity: Mark | None = None


@dataclass(frozen=True)
class Lexicon:
    """The cue words of ``data/presence.yaml``, compiled: one pattern per rule."""

    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    operator_heads: dict[str, str] = field(default_factory=dict)
    any_cue: re.Pattern[str] | None = None  # the cue words of every rule of RULES, one pattern

    def may_state(self, marks: Marks, clause: tuple[int, int]) -> bool:
        """Whether a rule of :data:`RULES` can read anything in ``clause``: each needs a cue word
        of its own there, or (``operating``) an operating status; most clauses have neither, and
        one search saves trying every rule on them.

        >>> lex = presence_lexicon()
        >>> lex.may_state(Marks("甲地乙丙,持续推动钾肥扩能"), (0, 4)), lex.may_state(Marks("甲地乙丙,持续推动钾肥扩能"), (5, 13))
        (False, True)
        """
        if self.any_cue is None or self.any_cue.search(marks.text, *clause):
            return True
        return any(s.key in OPERATING_STATUSES for s in _in(marks.statuses, clause))

    def find(self, rule: str, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first cue of ``rule`` in ``text[start:end]``."""
        return self.patterns[rule].search(text, start, len(text) if end is None else end)


RULE_WORDS: tuple[str, ...] = ("lacking", "filled", "output", "capacity", "operating", "tentative", "future",
                               "base", "base_building", "base_aim", "base_done", "strength", "plan")


RULE_CUES: tuple[str, ...] = ("lacking", "filled", "output", "capacity", "operating", "base", "strength", "plan")
"""The cue lists whose words the rules of :data:`RULES` need, one of them at least (``Lexicon.may_state``)."""


@functools.cache
def presence_lexicon() -> Lexicon:
    """``data/presence.yaml`` compiled (read once, through :func:`chainkg.lexicon.cue_tables`)."""
    path = "data/presence.yaml"
    data: Any = cue_tables("presence.yaml")
    missing = [k for k in RULE_WORDS if not isinstance(data.get(k), list) or not data[k]]
    if missing:
        raise ChainkgError(f"{path}: needs a non-empty list of cue words for {', '.join(missing)}")
    try:
        patterns = {k: re.compile("|".join(f"(?:{w})" for w in data[k])) for k in RULE_WORDS}
    except re.error as e:
        raise ChainkgError(f"{path}: a cue word is not a valid pattern: {e}") from e
    any_cue = re.compile("|".join(f"(?:{w})" for k in RULE_CUES for w in data[k]))
    return Lexicon(patterns, dict(data.get("operator_heads") or {}), any_cue)


# ----------------------------------------------------------------------------- the rules

Rule = Callable[[Marks, tuple[int, int], Lexicon], list[Hit]]


def _in(marks: Sequence[Mark], clause: tuple[int, int]) -> list[Mark]:
    return [m for m in marks if clause[0] <= m.start and m.end <= clause[1]]


def _free_products(marks: Marks, clause: tuple[int, int]) -> list[Mark]:
    """Products of the clause that no project of the sentence stands for."""
    return [p for p in _in(marks.products, clause)
            if not any(s <= p.start and p.end <= e for s, e in marks.anchored)]


def _cue(match: re.Match[str]) -> Mark:
    return Mark(match.start(), match.end(), match.group(0), "")


def _subject(marks: Marks, clause: tuple[int, int], before: int) -> Mark | None:
    """The firm named in the clause before ``before`` (the last one), if any."""
    firms = [c for c in _in(marks.companies, clause) if c.end <= before]
    return firms[-1] if firms else None


def _figure_for(marks: Marks, product: Mark, clause: tuple[int, int]) -> Mark | None:
    """The figure of the clause nearest after the product (生产钾肥856万吨), else right before it."""
    figures = _in(marks.capacities, clause)
    after = [f for f in figures if f.start >= product.end]
    if after:
        return after[0]
    before = [f for f in figures if f.end <= product.start]
    return before[-1] if before else None


def lacking(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """The clause says a product's link is missing or weak.

    >>> m = Marks("锂电下游短板明显,亟需引进正极材料企业", products=(Mark(13, 17, "正极材料", "正极材料"),))
    >>> [(h.kind, h.product.key, h.cue.text) for h in lacking(m, (9, 19), presence_lexicon())]
    [('lacking', '正极材料', '亟需引进')]
    """
    cue = lex.find("lacking", marks.text, *clause)
    if cue is None or lex.find("filled", marks.text, *clause):
        return []
    return [Hit("lacking", "lacking", LACKING, p, _cue(cue)) for p in _free_products(marks, clause)]


def filled(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """A gap closed (填补…空白, 零的突破): the products of the clause, else of the clauses before
    it in the sentence; present when the sentence has an operating status, building when it says
    the work has started.

    >>> m = Marks("某某大数据中心项目开工,大数据产业实现零的突破", products=(Mark(2, 7, "大数据中心", "大数据中心"),),
    ...           statuses=(Mark(9, 11, "开工", "under_construction"),))
    >>> [(h.kind, h.standing, h.product.key) for h in filled(m, (12, 23), presence_lexicon())]
    [('filled', 'building', '大数据中心')]
    """
    cue = lex.find("filled", marks.text, *clause)
    if cue is None:
        return []
    products = [p for p in marks.products if clause[0] <= p.start and p.end <= clause[1]] \
        or [p for p in marks.products if p.end <= clause[0]]
    keys = {s.key for s in marks.statuses}
    standing = BUILDING if keys & BUILDING_STATUSES and not keys & OPERATING_STATUSES else PRESENT
    return [Hit("filled", "filled", standing, p, _cue(cue)) for p in products]


def output(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """The product is produced now: an output figure or a word of output in its clause
    (生产钾肥856万吨; 稳步提升碳酸锂产量 presupposes that it is produced).

    >>> m = Marks("稳步提升碳酸锂产量", products=(Mark(4, 7, "碳酸锂", "碳酸锂"),))
    >>> [(h.kind, h.product.key, h.cue.text) for h in output(m, (0, 9), presence_lexicon())]
    [('output', '碳酸锂', '产量')]
    """
    cue = lex.find("output", marks.text, *clause)
    if cue is None:
        return []
    return [Hit("output", "output", PRESENT, p, _cue(cue), company=_subject(marks, clause, p.start),
                capacity=_figure_for(marks, p, clause)) for p in _free_products(marks, clause)]


def capacity(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """A standing total in reported text (全市形成多晶硅产能12万吨, 光伏装机…); in a plan's tasks
    such a total is a target and says nothing of today.

    >>> m = Marks("全市形成多晶硅产能12万吨", products=(Mark(4, 7, "多晶硅", "多晶硅"),),
    ...           capacities=(Mark(9, 13, "12万吨", ""),))
    >>> [(h.kind, h.product.key, h.capacity.text) for h in capacity(m, (0, 13), presence_lexicon())]
    [('capacity', '多晶硅', '12万吨')]
    """
    cue = lex.find("capacity", marks.text, *clause)
    if cue is None or marks.mode != "reported" or lex.find("tentative", marks.text, clause[0], cue.start()) \
            or lex.find("future", marks.text, 0, cue.start()):
        return []
    return [Hit("capacity", "capacity", PRESENT, p, _cue(cue), company=_subject(marks, clause, p.start),
                capacity=_figure_for(marks, p, clause)) for p in _free_products(marks, clause)]


def operating(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """A finished work or a firm that makes the product: an operating status (建成投用, 投产,
    并网发电) not put as an aim (推动…建成并网), or a firm named with 运营/主营/生产企业.

    >>> m = Marks("750千伏输变电工程建成投用", products=(Mark(5, 10, "输变电工程", "输变电工程"),),
    ...           statuses=(Mark(10, 14, "建成投用", "operating"),))
    >>> [(h.kind, h.product.key, h.cue.text) for h in operating(m, (0, 14), presence_lexicon())]
    [('operating', '输变电工程', '建成投用')]
    """
    if marks.mode != "reported":
        return []
    status = next((s for s in _in(marks.statuses, clause) if s.key in OPERATING_STATUSES
                   and not lex.find("tentative", marks.text, clause[0], s.start)), None)
    word = lex.find("operating", marks.text, *clause)
    cue = Mark(*status) if status is not None else _cue(word) if word is not None else None
    if cue is None:
        return []
    out = []
    for p in _free_products(marks, clause):
        firm = _subject(marks, clause, max(p.start, cue.start)) if word is not None or status is not None else None
        if status is None and firm is None:
            continue  # 运营 with no firm named says nothing about who makes it
        out.append(Hit("operating", "operating", PRESENT, p, cue, company=firm,
                       capacity=_figure_for(marks, p, clause)))
    return out


def base(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """A base, park or cluster of the product in reported text: present (已建成…基地, …集聚区
    已然崛起), building (正在建设…基地); an aim (打造…基地) is no statement.

    >>> m = Marks("正在建设国家百万千瓦级光伏领跑者基地", products=(Mark(12, 14, "光伏", "光伏电站"),))
    >>> [(h.kind, h.standing, h.product.key) for h in base(m, (0, 19), presence_lexicon())]
    [('base', 'building', '光伏电站')]
    """
    word = lex.find("base", marks.text, *clause)
    if word is None or marks.mode != "reported":
        return []
    products = [p for p in _free_products(marks, clause) if p.end <= word.start()]
    if not products:
        return []
    head = marks.text[clause[0]:products[0].start]
    if lex.find("base_building", head):
        standing = BUILDING
    elif lex.find("base_aim", head) and not lex.find("base_done", head):
        return []
    else:
        standing = PRESENT
    return [Hit("base", "base", standing, p, _cue(word), place=next(iter(_in(marks.places, clause)), None))
            for p in products]


def strength(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """The product is a strong or leading industry (做优做强…优势产业, 钾肥扩能): it exists.

    >>> m = Marks("持续推动钾肥扩能", products=(Mark(4, 6, "钾肥", "钾肥"),))
    >>> [(h.kind, h.product.key) for h in strength(m, (0, 8), presence_lexicon())]
    [('strength', '钾肥')]
    """
    cue = lex.find("strength", marks.text, *clause)
    if cue is None:
        return []
    return [Hit("strength", "strength", PRESENT, p, _cue(cue)) for p in _free_products(marks, clause)]


def plan(marks: Marks, clause: tuple[int, int], lex: Lexicon) -> list[Hit]:
    """The product is aimed at: a plan word in its clause (谋划, 打造, 推进 …), in a plan's tasks
    or in a report. The link is planned, nothing more.

    >>> m = Marks("有序推进风电、光伏规模化开发", products=(Mark(4, 6, "风电", "风电场"), Mark(7, 9, "光伏", "光伏电站")),
    ...           mode="planned")
    >>> [(h.kind, h.standing, h.product.key) for h in plan(m, (0, 15), presence_lexicon())]
    [('plan', 'planned', '风电场'), ('plan', 'planned', '光伏电站')]
    """
    cue = lex.find("plan", marks.text, *clause)
    if cue is None:
        return []
    return [Hit("plan", "plan", PLANNED, p, _cue(cue), company=_subject(marks, clause, p.start))
            for p in _free_products(marks, clause)]


RULES: tuple[Rule, ...] = (lacking, filled, output, capacity, operating, base, strength, plan)
"""The rules in the order they are tried; the first that reads a product in a clause holds."""


def operator_names(marks: Marks, lex: Lexicon | None = None) -> list[Hit]:
    """Firms whose name says what they operate (某某油田 runs an oilfield): one statement each.

    >>> m = Marks("全力推进青海油田油气资源勘探开发", companies=(Mark(4, 8, "青海油田", "青海油田"),))
    >>> [(h.rule, h.product.key, h.company.text) for h in operator_names(m)]
    [('operator-name', '原油', '青海油田')]
    """
    lex = lex or presence_lexicon()
    out = []
    for firm in marks.companies:
        head = next((h for h in lex.operator_heads if firm.key.endswith(h) or firm.text.endswith(h)), None)
        if head is not None:
            product = Mark(firm.start, firm.end, lex.operator_heads[head], lex.operator_heads[head])
            out.append(Hit("operator-name", "operating", PRESENT, product, Mark(firm.end - len(head), firm.end, head, ""),
                           company=firm))
    return out


def clauses(text: str) -> list[tuple[int, int]]:
    """The clauses of a sentence: spans between ， , ； ; 。 ！ ？ ： marks.

    >>> clauses("甲,乙;丙")
    [(0, 1), (2, 3), (4, 5)]
    """
    return [(m.start(), m.end()) for m in _CLAUSE.finditer(text)]


def read_presence(marks: Marks, lex: Lexicon | None = None) -> list[Hit]:
    """Every presence or absence statement of one sentence, clause by clause, rules in
    :data:`RULES` order (a product takes the first rule that reads it), then the operator names."""
    lex = lex or presence_lexicon()
    hits: list[Hit] = []
    # every rule of RULES reads a product of marks.products (a rule that reads none must drop this test)
    for clause in clauses(marks.text) if marks.products else ():
        if not lex.may_state(marks, clause):
            continue
        taken: set[tuple[int, int]] = set()
        for rule in RULES:
            for hit in rule(marks, clause, lex):
                if (hit.product.start, hit.product.end) not in taken:
                    taken.add((hit.product.start, hit.product.end))
                    hits.append(hit)
    return hits + operator_names(marks, lex)
