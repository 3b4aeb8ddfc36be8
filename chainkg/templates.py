"""The curated chain templates: chains, their segments upstream to downstream, the products
in each segment, the SUPPLIES links between segments, and product-name heads.

The data is ``data/chains.yaml`` (written by us, see ``docs/chains.md``). :func:`load_templates`
reads and validates it into frozen dataclasses; every problem is a :class:`ChainkgError`
naming the file and the bad entry. The lookups are plain functions over the result.

Examples
--------
>>> t = load_templates()
>>> c = chain_counts(t)
>>> (c.stated, c.named, c.mismatch)
(12, 13, True)
>>> chain_names(t)[:3]
['盐湖化工', '油气化工', '金属冶金']
>>> ref = product_index(t)["电池级碳酸锂"]
>>> (ref.product.name, ref.segment.id)
('碳酸锂', 'segment:盐湖化工/基础锂盐')
>>> hit = segment_for_product(t, "高纯氟化锂")
>>> (hit.segment.name, hit.rule, hit.matched)
('锂盐深加工', 'product-suffix', '氟化锂')
>>> segment_for_product(t, "枸杞原浆").segment.chain
'绿色有机农畜产品'
>>> segment_for_product(t, "某某服务") is None
True
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

import networkx as nx
import yaml

from chainkg.errors import ChainkgError
from chainkg.model import CHAIN, PRODUCT, SEGMENT, node_id, normalize_key

STAGES: tuple[str, ...] = ("upstream", "midstream", "downstream")
"""Segment stages, upstream first; a chain's stages never go back as its order grows."""

MatchRule = Literal["name", "synonym", "product-suffix", "head", "lexicon"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Product:
    """A template product: canonical name, synonyms, graph id (``product:<name>``)."""

    id: str
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    """A link (环节) of a chain, with its stage, order, optional branch and products."""

    id: str
    name: str
    chain: str
    chain_id: str
    stage: str
    order: int
    branch: str
    notes: str
    products: tuple[Product, ...]


@dataclass(frozen=True)
class Chain:
    """An industrial chain (产业链): ``official`` when the chain-leader text names it."""

    id: str
    name: str
    slug: str
    order: int
    official: bool
    branches: tuple[str, ...]
    notes: str
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Link:
    """A SUPPLIES link between two segments (ids), with the products that flow along it."""

    source: str
    target: str
    via: tuple[str, ...]
    cross_chain: bool


@dataclass(frozen=True)
class Head:
    """A product-name head (suffix) and the segment id a product ending with it defaults to."""

    suffix: str
    segment: str


@dataclass(frozen=True)
class ChainCounts:
    """How many chains the text says there are (``stated``) and how many sectors it names."""

    stated: int
    named: int
    note: str

    @property
    def mismatch(self) -> bool:
        """True when the stated and the named counts differ (they do: 12 against 13)."""
        return self.stated != self.named


@dataclass(frozen=True, eq=False)
class Templates:
    """Everything in a templates file, chains and segments sorted by their ``order``.

    Compared by identity (``eq=False``) so lookups can cache their indexes per loaded file.
    """

    source: str
    counts: ChainCounts
    chains: tuple[Chain, ...]
    links: tuple[Link, ...]
    heads: tuple[Head, ...]


@dataclass(frozen=True)
class ProductRef:
    """Where a product name or synonym points: the canonical product and its segment."""

    product: Product
    segment: Segment


@dataclass(frozen=True)
class SegmentRef:
    """The segment a product name maps to, and why.

    ``rule`` is ``name`` or ``synonym`` (an exact template name), ``product-suffix`` (the
    name ends with a template product name or synonym) or ``head`` (it ends with a head of
    the heads table), or ``lexicon`` (the general product lexicon names the segment:
    :meth:`chainkg.ingest.vocab.ProductVocabulary.segment_ref`); ``matched`` is the string
    that matched, ``product`` the template product for the first three rules.
    """

    segment: Segment
    rule: MatchRule
    matched: str
    product: Product | None


def default_path() -> Traversable:
    """The packaged ``chains.yaml`` (``chainkg.data``)."""
    return importlib.resources.files("chainkg.data") / "chains.yaml"


def load_templates(path: Path | None = None) -> Templates:
    """Read and validate a chain templates file (default: the packaged ``chains.yaml``).

    Raises :class:`ChainkgError` naming the file and the entry for: unreadable file, bad
    YAML or a duplicate key, missing or unknown fields, a duplicate chain or segment, an
    unknown stage or branch, stages out of upstream-to-downstream order, a product name or
    synonym in two places, a link to an unknown segment or product, a link going upstream
    inside a chain, a cycle of SUPPLIES links, a head pointing at an unknown segment or
    contradicting a product, and a named chain count that is not the number of official
    chains.
    """
    source: Path | Traversable = default_path() if path is None else path
    return _Parser(str(source)).templates(read_curated_yaml(source, "chain templates"))


def read_curated_yaml(source: Path | Traversable, what: str) -> Any:
    """The raw data of one of our curated YAML files, refusing duplicate keys; a
    :class:`ChainkgError` names the file and says ``what`` could not be read."""
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChainkgError(f"{source}: cannot read {what} ({exc})") from exc
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise ChainkgError(f"{source}: not valid YAML: {exc}") from exc


def product_index(t: Templates) -> dict[str, ProductRef]:
    """Every product name and synonym, as written, -> its canonical product and segment.

    >>> product_index(load_templates())["晶硅组件"].product.name
    '光伏组件'
    """
    return dict(_indexes(t).by_name)


def segment_for_product(t: Templates, name: str) -> SegmentRef | None:
    """The segment a product name belongs to, or None when nothing matches.

    Exact product name or synonym first; then the longest suffix of ``name`` that is a
    template product name or synonym (``N型单晶硅`` ends with ``单晶硅``) or a head of the
    heads table (``…锂``, ``…电池``). Names are compared after
    :func:`chainkg.model.normalize_key` (NFKC, no spaces, ASCII lower-case).

    >>> t = load_templates()
    >>> segment_for_product(t, "磷酸铁锂").rule
    'name'
    >>> segment_for_product(t, "新型钠盐").segment.name
    '钠盐'
    """
    key = normalize_key(name)
    indexes = _indexes(t)
    exact = indexes.exact.get(key)
    if exact is not None:
        return exact
    for start in range(len(key)):  # longest first; a head may also be the whole name
        hit = indexes.suffixes.get(key[start:])
        if hit is not None:
            return hit
    return None


def chain_names(t: Templates) -> list[str]:
    """Chain names in the order the chain-leader text names them."""
    return [c.name for c in t.chains]


def chain_counts(t: Templates) -> ChainCounts:
    """The stated (twelve) and named (thirteen) chain counts, with the note explaining them."""
    return t.counts


def summary(t: Templates) -> str:
    """One line for ``chainkg build``: chains named against stated, and what the templates hold.

    >>> print(summary(load_templates()))  # doctest: +ELLIPSIS
    13 chains named, the text says 12 (mismatch kept: ...), ... segments, ... products ...
    """
    counts = t.counts
    segments = [s for c in t.chains for s in c.segments]
    products = [p for s in segments for p in s.products]
    names = sum(1 + len(p.synonyms) for p in products)
    kept = "mismatch kept: no chain dropped or merged" if counts.mismatch else "they agree"
    return (f"{counts.named} chains named, the text says {counts.stated} ({kept}), "
            f"{len(segments)} segments, {len(products)} products ({names} names with synonyms), "
            f"{len(t.links)} SUPPLIES links ({sum(k.cross_chain for k in t.links)} across chains), "
            f"{len(t.heads)} heads")


def segment_index(t: Templates) -> dict[str, Segment]:
    """Every segment by its id (``segment:<chain>/<segment>``).

    >>> segment_index(load_templates())["segment:清洁能源/光伏组件"].stage
    'midstream'
    """
    return {s.id: s for c in t.chains for s in c.segments}


# --- lookups' indexes -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Indexes:
    by_name: dict[str, ProductRef]
    exact: dict[str, SegmentRef]
    suffixes: dict[str, SegmentRef]


@functools.lru_cache(maxsize=8)
def _indexes(t: Templates) -> _Indexes:
    by_name: dict[str, ProductRef] = {}
    exact: dict[str, SegmentRef] = {}
    for chain in t.chains:
        for segment in chain.segments:
            for product in segment.products:
                exact[normalize_key(product.name)] = SegmentRef(segment, "name", product.name, product)
                for synonym in product.synonyms:
                    exact[normalize_key(synonym)] = SegmentRef(segment, "synonym", synonym, product)
                for name in (product.name, *product.synonyms):
                    by_name[name] = ProductRef(product, segment)
    segments = segment_index(t)
    suffixes = {h_key: SegmentRef(segments[h.segment], "head", h.suffix, None)
                for h in t.heads if (h_key := normalize_key(h.suffix))}
    # A product name ending a longer name is the more specific match; the loader has checked
    # that a head spelled like a product points at the same segment.
    for key, ref in exact.items():
        suffixes[key] = SegmentRef(ref.segment, "product-suffix", ref.matched, ref.product)
    return _Indexes(by_name, exact, suffixes)


# --- reading and validation -----------------------------------------------------------------


class UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, but a key repeated in one mapping is an error, not an overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        return yaml.constructor.SafeConstructor.construct_mapping(self, node, deep=deep)


class _UniqueKeyCLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """:class:`UniqueKeyLoader` on libyaml's C parser when PyYAML has it: the same data and the same
    refusal of a repeated key, read several times faster (the curated files are read at every start)."""

    construct_mapping = UniqueKeyLoader.construct_mapping


_FAST_LOADER = _UniqueKeyCLoader


_TOP = ({"stated_chain_count", "named_chain_count", "chains", "heads"}, {"chain_count_note"})
_CHAIN = ({"name", "slug", "order", "official", "segments"}, {"branches", "notes"})
_SEGMENT = ({"name", "stage", "order", "products"}, {"branch", "notes", "supplies"})
_PRODUCT = ({"name"}, {"synonyms"})


class YamlChecker:
    """Checks the raw YAML of one curated data file, naming the file and the entry in each error
    (the base of the parsers of ``chains.yaml`` and ``industry_firms.yaml``)."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> ChainkgError:
        return ChainkgError(f"{self.source}: {where}: {problem}")

    def fields(self, value: object, where: str, spec: tuple[set[str], set[str]]) -> Mapping[str, Any]:
        required, optional = spec
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a mapping with {sorted(required)}, got {type(value).__name__}")
        missing = required - value.keys()
        if missing:
            raise self.fail(where, f"missing {', '.join(sorted(missing))}")
        unknown = value.keys() - required - optional
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                                   f"expected {', '.join(sorted(required | optional))}")
        return value


class _Parser(YamlChecker):
    """Turns the raw YAML data of one file into :class:`Templates`, failing on the first problem."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.names: dict[str, tuple[str, str]] = {}  # name key -> (product, segment id)
        self.segments: dict[tuple[str, str], Segment] = {}  # (chain, segment) -> segment
        self.chains: set[str] = set()

    def text(self, value: object, where: str, *, allow_slash: bool = True) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"expected a non-empty text, got {value!r}")
        text = unicodedata.normalize("NFKC", value).strip()
        if not allow_slash and "/" in text:
            raise self.fail(where, f"{text!r} must not contain '/' (it separates chain and segment)")
        return text

    def note(self, value: object, where: str) -> str:
        return "" if value is None else self.text(value, where)

    def integer(self, value: object, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, f"expected a whole number, got {value!r}")
        return value

    def texts(self, value: object, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        return tuple(self.text(v, where) for v in value)

    def templates(self, raw: object) -> Templates:
        top = self.fields(raw, "top level", _TOP)
        stated = self.integer(top["stated_chain_count"], "stated_chain_count")
        named = self.integer(top["named_chain_count"], "named_chain_count")
        if not isinstance(top["chains"], list) or not top["chains"]:
            raise self.fail("chains", "expected a non-empty list of chains")
        raw_chains = [self.fields(c, f"chains[{i}]", _CHAIN) for i, c in enumerate(top["chains"])]
        chains = sorted((self.chain(c, i) for i, c in enumerate(raw_chains)), key=lambda c: c.order)
        self.unique([c.slug for c in chains], "chains", "chain slug")
        self.unique([str(c.order) for c in chains], "chains", "chain order")
        official = sum(c.official for c in chains)
        if named != official:
            raise self.fail("named_chain_count", f"says {named} but {official} chain(s) are official")
        links = self.links(raw_chains)
        note = self.note(top.get("chain_count_note"), "chain_count_note")
        return Templates(self.source, ChainCounts(stated, named, note), tuple(chains), links,
                         self.heads(top["heads"]))

    def unique(self, values: list[str], where: str, what: str) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                raise self.fail(where, f"duplicate {what} {value!r}")
            seen.add(value)

    def chain(self, raw: Mapping[str, Any], index: int) -> Chain:
        name = self.text(raw["name"], f"chains[{index}].name", allow_slash=False)
        where = f"chain {name}"
        if name in self.chains:
            raise self.fail(where, "duplicate chain")
        self.chains.add(name)
        slug = self.text(raw["slug"], f"{where}.slug")
        if not _SLUG.match(slug):
            raise self.fail(f"{where}.slug", f"{slug!r} is not lower-case ASCII words joined by '-'")
        if not isinstance(raw["official"], bool):
            raise self.fail(f"{where}.official", f"expected true or false, got {raw['official']!r}")
        branches = self.texts(raw.get("branches"), f"{where}.branches")
        if not isinstance(raw["segments"], list) or not raw["segments"]:
            raise self.fail(f"{where}.segments", "expected a non-empty list of segments")
        segments = sorted((self.segment(s, name, branches, where, i) for i, s in enumerate(raw["segments"])),
                          key=lambda s: s.order)
        self.unique([str(s.order) for s in segments], where, "segment order")
        for before, after in zip(segments, segments[1:]):
            if STAGES.index(after.stage) < STAGES.index(before.stage):
                raise self.fail(f"{where}, segment {after.name}",
                                f"is {after.stage} but comes after {before.stage} segment {before.name} "
                                f"(order {after.order} > {before.order}); stages must run upstream to downstream")
        return Chain(node_id(CHAIN, name), name, slug, self.integer(raw["order"], f"{where}.order"),
                     raw["official"], branches, self.note(raw.get("notes"), f"{where}.notes"),
                     tuple(segments))

    def segment(self, raw: object, chain: str, branches: tuple[str, ...], chain_where: str, index: int) -> Segment:
        fields = self.fields(raw, f"{chain_where}, segments[{index}]", _SEGMENT)
        name = self.text(fields["name"], f"{chain_where}, segments[{index}].name", allow_slash=False)
        where = f"{chain_where}, segment {name}"
        if (chain, name) in self.segments:
            raise self.fail(where, "duplicate segment")
        stage = fields["stage"]
        if stage not in STAGES:
            raise self.fail(f"{where}.stage", f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
        branch = self.note(fields.get("branch"), f"{where}.branch")
        if branch and branch not in branches:
            raise self.fail(f"{where}.branch", f"unknown branch {branch!r}; chain {chain} has {list(branches)}")
        seg_id = node_id(SEGMENT, chain, name)
        if not isinstance(fields["products"], list) or not fields["products"]:
            raise self.fail(f"{where}.products", "expected a non-empty list of products")
        products = tuple(self.product(p, seg_id, f"{where}, products[{i}]") for i, p in enumerate(fields["products"]))
        segment = Segment(seg_id, name, chain, node_id(CHAIN, chain), stage,
                          self.integer(fields["order"], f"{where}.order"), branch,
                          self.note(fields.get("notes"), f"{where}.notes"), products)
        self.segments[(chain, name)] = segment
        return segment

    def product(self, raw: object, seg_id: str, where: str) -> Product:
        fields = self.fields(raw, where, _PRODUCT)
        name = self.text(fields["name"], f"{where}.name")
        synonyms = self.texts(fields.get("synonyms"), f"{where} ({name}).synonyms")
        for term in (name, *synonyms):
            key = normalize_key(term)
            if key in self.names:
                other, other_seg = self.names[key]
                raise self.fail(f"{where} ({name})", f"{term!r} is already used by product {other} "
                                                     f"in {other_seg}; a name stands in one segment only")
            self.names[key] = (name, seg_id)
        return Product(node_id(PRODUCT, name), name, synonyms)

    def resolve(self, ref: str, chain: str, where: str) -> Segment:
        target_chain, _, target = ref.rpartition("/")
        found = self.segments.get((target_chain or chain, target))
        if found is None:
            raise self.fail(where, f"link to unknown segment {ref!r} (write 'segment' in the same chain "
                                   f"or 'chain/segment')")
        return found

    def links(self, raw_chains: list[Mapping[str, Any]]) -> tuple[Link, ...]:
        links: list[Link] = []
        for raw_chain in raw_chains:
            chain = self.text(raw_chain["name"], "chain")
            for raw_segment in raw_chain["segments"]:
                source = self.segments[(chain, self.text(raw_segment["name"], "segment"))]
                supplies = raw_segment.get("supplies") or {}
                where = f"chain {chain}, segment {source.name}.supplies"
                if not isinstance(supplies, Mapping):
                    raise self.fail(where, "expected a mapping: target segment -> products that flow there")
                for ref, via in supplies.items():
                    target = self.resolve(self.text(ref, where), chain, where)
                    links.append(self.link(source, target, self.texts(via, f"{where}.{ref}"), f"{where}.{ref}"))
        self.acyclic(links)
        return tuple(links)

    def link(self, source: Segment, target: Segment, via: tuple[str, ...], where: str) -> Link:
        if source.id == target.id:
            raise self.fail(where, "a segment cannot supply itself")
        if source.chain == target.chain and target.order <= source.order:
            raise self.fail(where, f"link goes upstream: {target.name} (order {target.order}) is not "
                                   f"after {source.name} (order {source.order})")
        own = {p.name for p in source.products}
        for name in via:
            if name not in own:
                raise self.fail(where, f"product {name!r} is not a product of {source.name} "
                                       f"(has {', '.join(sorted(own))})")
        return Link(source.id, target.id, via, source.chain != target.chain)

    def acyclic(self, links: list[Link]) -> None:
        graph = nx.DiGraph([(link.source, link.target) for link in links])
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return
        path = " -> ".join([edge[0] for edge in cycle] + [cycle[0][0]])
        raise self.fail("supplies", f"SUPPLIES links form a cycle: {path}")

    def heads(self, raw: object) -> tuple[Head, ...]:
        if not isinstance(raw, Mapping):
            raise self.fail("heads", "expected a mapping: head -> 'chain/segment'")
        heads = []
        for suffix, ref in raw.items():
            suffix = self.text(suffix, "heads")
            where = f"heads.{suffix}"
            target_chain, _, target = self.text(ref, where).rpartition("/")
            segment = self.segments.get((target_chain, target))
            if segment is None:
                raise self.fail(where, f"unknown segment {ref!r} (write 'chain/segment')")
            product = self.names.get(normalize_key(suffix))
            if product is not None and product[1] != segment.id:
                raise self.fail(where, f"points at {segment.id} but {suffix!r} is product {product[0]} "
                                       f"of {product[1]}")
            heads.append(Head(suffix, segment.id))
        return tuple(heads)
