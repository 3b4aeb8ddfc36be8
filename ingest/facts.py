"""The facts extraction hands to the graph: typed, frozen, each carrying its evidence.

Mentions (:class:`ProjectMention`) are what one sentence says; entities
(:class:`CompanyEntity`, :class:`ProjectEntity`, :class:`PlaceEntity`, :class:`ChainEntity`)
are what the corpus says once mentions are resolved (:mod:`chainkg.ingest.resolve`).
:class:`Extraction` bundles them for ``graph/build.py``. All are plain frozen dataclasses
(``dataclasses.asdict`` turns any of them into JSON-ready data) with ``__slots__``: a corpus of
ten thousand documents makes millions of them, and a slotted instance has no ``__dict__``
(an :class:`Evidence` takes 160 bytes instead of 216 on CPython 3.11).

>>> c = Capacity(value=2.0, unit="万吨", base_value=20000.0, base_unit="t", per_year=True,
...              period="year", text="年产2万吨")
>>> c.describe()
'年产2万吨 (20000 t/year)'
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Capacity:
    """One capacity figure: as written (``value`` ``unit``, ``text``) and in a base unit.

    ``period`` is ``"year"`` (年产), ``"day"`` (日产) or None (not stated, or a power figure);
    ``per_year`` is True only for a stated yearly output. ``value_max`` is the upper end of
    a range (30-50GWh); ``secondary`` is the second figure of a pair (100MW/200MWh).
    """

    value: float
    unit: str
    base_value: float
    base_unit: str
    per_year: bool
    period: str | None
    text: str
    value_max: float | None = None
    base_value_max: float | None = None
    secondary: "Capacity | None" = None

    def times(self, count: int) -> "Capacity":
        """This figure for ``count`` equal units (2×66万千瓦 is 132万千瓦)."""
        def scaled(v: float | None) -> float | None:
            return v * count if v is not None else None
        return replace(self, value=self.value * count, base_value=self.base_value * count,
                       value_max=scaled(self.value_max), base_value_max=scaled(self.base_value_max))

    def with_secondary(self, other: "Capacity") -> "Capacity":
        """This figure with ``other`` attached as its pair (power/energy)."""
        return replace(self, secondary=other)

    def same_amount(self, other: "Capacity") -> bool:
        """True when both state the same amount in the same base unit (period ignored)."""
        return (self.base_unit == other.base_unit
                and abs(self.base_value - other.base_value) <= 1e-9 * max(1.0, abs(self.base_value)))

    def describe(self) -> str:
        """Short human text: as written, then the base amount."""
        per = "/year" if self.per_year else "/day" if self.period == "day" else ""
        return f"{self.text} ({self.base_value:g} {self.base_unit}{per})"


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """Where one mention sits: ``start``/``end`` in the normalized document text,
    ``orig_start``/``orig_end`` in the original file's text (through the document's
    ``char_map``; None for a document without one). The original span may hold layout
    spaces or line breaks the normalized text dropped."""

    kind: str
    text: str
    start: int
    end: int
    orig_start: int | None
    orig_end: int | None


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence (or one ledger row) that supports a fact, with the spans of the mentions in it.

    ``date`` is the date of the source (the document's, or the row's own date in a ledger), so
    that facts of different dates can be ordered; ``sheet`` and ``row`` locate a ledger row
    (``sentence`` then holds the row as "header: value" text). ``rule`` names the rule that
    read the fact from it (see :mod:`chainkg.rules`; None for a bare mention of a name).
    """

    doc_id: str
    sentence_index: int
    sentence: str
    sentence_start: int
    sentence_end: int
    orig_start: int
    orig_end: int
    spans: tuple[MentionSpan, ...]
    headings: tuple[str, ...]
    status_text: str | None
    mode: str
    sheet: str | None = None
    row: int | None = None
    date: str | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement of presence or absence that is not a project, with its evidence.

    ``kind`` says what the text states (``output``: 生产钾肥856万吨; ``capacity``: a standing
    total, 已形成…产能, 装机; ``operating``: a firm or a finished work that makes the product;
    ``base``: a base, park or cluster of the product; ``strength``: a strong or leading
    industry of the place; ``filled``: 填补…空白; ``lacking``: 短板, 空白, 亟需引进 …; ``plan``:
    谋划, 打造, a plan's task), and ``standing`` what it says of the link: ``present``,
    ``building`` (a base being built), ``planned`` or ``lacking``. ``rule`` names the rule that read it, ``cue`` the word it keyed on.
    ``product`` is the canonical product name; ``company``/``place`` the subject, if any.
    Statements are per document: the same words in two documents are two statements, so
    that their dates can be compared.
    """

    kind: str
    standing: str
    product: str
    product_text: str
    company: str | None
    place: str | None
    capacity: Capacity | None
    rule: str
    cue: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ProjectMention:
    """A project as one sentence (or ledger row) states it, before resolution; ``rule`` names
    the rules that read it (:func:`chainkg.rules.project_rule`, or ``ledger_row``)."""

    company: str | None
    product: str
    product_text: str
    capacity: Capacity | None
    phase: str | None
    status: str | None
    status_rank: int
    status_text: str | None
    mode: str
    place: str | None
    evidence: Evidence
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Mentions:
    """What the sentences of a set of documents say, before resolution.

    ``companies``: (name as written, rule that found it, evidence) for every company name;
    ``places``: (canonical place, kind, evidence); ``chains``: (chain, evidence);
    ``production``: the same for products stated with a figure that is not a project
    (生产钾肥856万吨, 全市形成多晶硅产能87万吨); ``aliases``: (short name, the full name a
    document defined it for, evidence of the definition): 某某锂电材料有限公司(以下简称"海西某某");
    ``subsidiaries``: (subsidiary, parent), two names as written a document states to be two firms
    (甲为乙的全资子公司: rule ``stated_subsidiary``).
    """

    projects: tuple[ProjectMention, ...]
    companies: tuple[tuple[str, str, Evidence], ...]
    places: tuple[tuple[str, str, Evidence], ...]
    chains: tuple[tuple[str, Evidence], ...]
    production: tuple[tuple[str, str, Evidence], ...]
    aliases: tuple[tuple[str, str, Evidence], ...] = ()
    statements: tuple[Statement, ...] = ()
    subsidiaries: tuple[tuple[str, str], ...] = ()

    def merged(self, other: "Mentions | None") -> "Mentions":
        """These mentions followed by ``other``'s (the rows of ledgers after the sentences of
        texts), to be resolved together; ``other`` None: these alone."""
        if other is None:
            return self
        return Mentions(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(Mentions)))


@dataclass(frozen=True, slots=True)
class CompanyEntity:
    """One real company: canonical ``name``, every ``aliases`` form seen, and for each merge
    the rule that made it (``merge_rules``: "alias-table: 赣锋锂电 -> 赣锋锂业" …)."""

    name: str
    aliases: tuple[str, ...]
    merge_rules: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ProjectEntity:
    """One real project, with every sentence that mentions it.

    ``status`` is the status the latest-dated source reports (the most advanced one among
    sources of that date; its key on the scale of :mod:`chainkg.status`): a project signed
    in one report and started in a later one is under construction. Every reported status stays
    on its evidence (``status_text``, ``date``), the project's history. ``conflicts`` lists figures two sources state differently.
    ``rules`` names every rule that produced its mentions (each once, in source order; see :mod:`chainkg.rules`).
    ``chain``/``segment`` are None when the product maps to no template segment. ``product_qualifier`` is what
    the first source that writes one says before the product's name (grade, use, route: 锂离子电池 of
    锂离子电池负极材料; :func:`chainkg.ingest.heads.qualifier_of`), None when none does.
    """

    id: str
    name: str
    company: str | None
    product: str
    chain: str | None
    segment: str | None
    capacity: Capacity | None
    phase: str | None
    status: str | None
    status_rank: int
    status_text: str | None
    mode: str
    place: str | None
    evidence: tuple[Evidence, ...]
    conflicts: tuple[str, ...]
    rules: tuple[str, ...] = ()
    product_qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceEntity:
    """A place of the prefecture (city, county, town, industrial park) and where it is named."""

    name: str
    kind: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ChainEntity:
    """An industrial chain (sector of the chain-leader system) named in the text."""

    name: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extraction found in a set of documents, resolved."""

    companies: tuple[CompanyEntity, ...]
    projects: tuple[ProjectEntity, ...]
    places: tuple[PlaceEntity, ...]
    chains: tuple[ChainEntity, ...]
    mentions: tuple[ProjectMention, ...]
    unmapped_products: tuple[str, ...]
    production: tuple[tuple[str, str, Evidence], ...] = ()
    statements: tuple[Statement, ...] = ()
