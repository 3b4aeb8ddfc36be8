"""Build the knowledge graph (a ``networkx.MultiDiGraph`` in our model) from plain inputs.

Four layers, each a plain function adding to a fresh graph: the chain templates (Chain,
Segment, Product, PART_OF, IN_SEGMENT, SUPPLIES), the documents (Document), the resolved
facts (Company, Project, Product, Place, BUILDS, PRODUCES, LOCATED_IN, MENTIONED_IN), and the
curated national leaders of each segment (``data/industry_firms.yaml``: Company ``curated``,
LEADS_IN). The model
is ``docs/graph-model.md``; ids come from :func:`chainkg.graph.model.node_id`, so a rebuild of
the same corpus gives the same graph.

Properties with no value are left out rather than stored as null, because Neo4j cannot hold a
null property; lists are lists (never tuples) so the graph survives a JSON round trip as is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import groupby
from typing import Any

import networkx as nx

from chainkg.graph.model import (
    ABOUT,
    AT,
    BUILDS,
    BY,
    CHAIN,
    COMPANY,
    DOCUMENT,
    IN_SEGMENT,
    LEADS_IN,
    LOCATED_IN,
    MENTIONED_IN,
    PART_OF,
    PLACE,
    PRODUCES,
    PRODUCT,
    PROJECT,
    SEGMENT,
    STATEMENT,
    SUPPLIES,
    edge_key,
    node_id,
)
from chainkg.collector import collector_paused
from chainkg.graph.gaps import annotate_coverage
from chainkg.graph.evidence import MentionProps
from chainkg.graph.sharing import SharedValues, shared_present_props
from chainkg.reading.document import Document
from chainkg.ingest.facts import Capacity, Evidence, Extraction, ProjectEntity, Statement
from chainkg.ingest.heads import product_head
from chainkg.ingest.vocab import ProductVocabulary, vocabulary
from chainkg.status import status_of
from chainkg.industry_firms import IndustryFirms, read_industry_firms
from chainkg.rules import rule_text
from chainkg.templates import SegmentRef, Templates, segment_for_product


def _props(**values: Any) -> dict[str, Any]:
    """Drop None values and turn tuples into lists (see the module docstring)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items() if v is not None}


def _add_edge(G: nx.MultiDiGraph, rel_type: str, source: str, target: str, *extra: str, **props: Any) -> None:
    key = edge_key(rel_type, source, target, *extra)
    G.add_edge(source, target, key=key, **_props(type=rel_type, **props))


def add_templates(G: nx.MultiDiGraph, templates: Templates) -> None:
    """Chains, their segments and products, and the SUPPLIES links between segments."""
    for chain in templates.chains:
        G.add_node(chain.id, **_props(label=CHAIN, name=chain.name, slug=chain.slug, order=chain.order,
                                      official=chain.official, branches=chain.branches,
                                      notes=chain.notes or None, template=True, docs=[]))
        for seg in chain.segments:
            G.add_node(seg.id, **_props(label=SEGMENT, name=seg.name, chain=chain.id, stage=seg.stage,
                                        order=seg.order, branch=seg.branch or None, notes=seg.notes or None,
                                        template=True, docs=[]))
            _add_edge(G, PART_OF, seg.id, chain.id, template=True)
            for prod in seg.products:
                G.add_node(prod.id, **_props(label=PRODUCT, name=prod.name, synonyms=prod.synonyms,
                                             segment=seg.id, template=True, docs=[]))
                _add_edge(G, IN_SEGMENT, prod.id, seg.id, template=True, rule="template")
    for link in templates.links:
        _add_edge(G, SUPPLIES, link.source, link.target, template=True, cross_chain=link.cross_chain,
                  via=link.via)


def add_documents(G: nx.MultiDiGraph, documents: Iterable[Document]) -> None:
    """One Document node per source file, with its metadata."""
    for doc in documents:
        meta = doc.meta
        title = str(meta.get("title") or doc.file)
        G.add_node(node_id(DOCUMENT, doc.id), **_props(
            label=DOCUMENT, name=title, title=title, doc_id=doc.id, file=doc.file, sha256=doc.sha256,
            kind=_text(meta.get("kind")), issuer=_text(meta.get("issuer")),
            published=_text(meta.get("published")), covers=_text(meta.get("covers")),
            date=_text(meta.get("date")), date_source=_text(meta.get("date_source")), docs=[doc.id]))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _docs(evidence: Iterable[Evidence]) -> list[str]:
    return sorted({e.doc_id for e in evidence})


def _capacity_props(cap: Capacity | None) -> dict[str, Any]:
    if cap is None:
        return {}
    props = {
        "capacity_value": cap.value, "capacity_unit": cap.unit, "capacity_base_value": cap.base_value,
        "capacity_base_unit": cap.base_unit, "capacity_per_year": cap.per_year, "capacity_period": cap.period,
        "capacity_text": cap.text, "capacity_value_max": cap.value_max,
        "capacity_base_value_max": cap.base_value_max,
    }
    if cap.secondary is not None:
        props.update(capacity_secondary_value=cap.secondary.value, capacity_secondary_unit=cap.secondary.unit,
                     capacity_secondary_base_value=cap.secondary.base_value,
                     capacity_secondary_base_unit=cap.secondary.base_unit)
    return _props(**props)


def _add_mentions(G: nx.MultiDiGraph, node: str, evidence: Iterable[Evidence], kinds: Sequence[str],
                  shared: SharedValues) -> None:
    """One MENTIONED_IN per (node, document, sentence, span): the first span of ``kinds`` in
    the sentence, else the whole sentence; with the rule that read the fact there (``rule``,
    and its meaning ``rule_zh``) when the evidence names one. Two facts read at the same span
    (a total and its phase, or two statements of one firm) share the MENTIONED_IN; the last in
    a total order of the evidence (rule, then status and mode as written, then spans) is kept,
    so the graph does not depend on the order the evidence came in. Equal values are one
    object (``shared``, :mod:`chainkg.graph.sharing`): there is one MENTIONED_IN per mention."""
    for ev in _in_evidence_order(evidence):
        span = next((s for k in kinds for s in ev.spans if s.kind == k), None)
        start, end = (span.start, span.end) if span else (ev.sentence_start, ev.sentence_end)
        orig = (span.orig_start, span.orig_end) if span and span.orig_start is not None else (ev.orig_start, ev.orig_end)
        doc = shared(_document_node(ev.doc_id))  # one id object per document, not one per mention
        status = status_of(ev.status_text) if ev.status_text else None
        props = dict(type=MENTIONED_IN, sentence=ev.sentence, sentence_index=ev.sentence_index, start=start,
                     end=end, orig_start=orig[0], orig_end=orig[1], headings=ev.headings,
                     status_text=ev.status_text, status=status[0] if status else None, mode=ev.mode, date=ev.date,
                     sheet=ev.sheet, row=ev.row, rule=ev.rule, rule_zh=_rule_zh(ev.rule), docs=[ev.doc_id])
        _add_mention(G, node, doc, edge_key(MENTIONED_IN, node, doc, str(ev.sentence_index), f"{start}-{end}"),
                     shared_present_props(props, shared))


@lru_cache(maxsize=1 << 16)
def _document_node(doc_id: str) -> str:
    """``node_id(DOCUMENT, doc_id)``, made once per document rather than once per mention."""
    return node_id(DOCUMENT, doc_id)


@lru_cache(maxsize=4096)
def _rule_zh(rule: str | None) -> str | None:
    """A recorded rule's meaning (:func:`~chainkg.rules.rule_text`), None for none."""
    return rule_text(rule) or None


def _add_mention(G: nx.MultiDiGraph, node: str, doc: str, key: str, props: dict[str, Any]) -> None:
    """The MENTIONED_IN ``key`` with ``props`` held as one :class:`MentionProps` (a third of a
    dict's size); a second mention at the same key updates the first, as ``add_edge`` does."""
    G.add_edge(node, doc, key=key)
    keyed = G._succ[node][doc]  # the same dict as G._pred[doc][node]
    held = keyed[key]
    if isinstance(held, MentionProps):
        held.update(props)
    else:
        keyed[key] = MentionProps(props)


def _evidence_order(ev: Evidence) -> tuple[str, int, str, str, str, str, str]:
    """A total order of evidence: two pieces of one sentence differ in rule, status or mode as
    written, date, or spans, so no tie is left to the order they arrived in."""
    return (*_evidence_order_head(ev), repr(ev.spans))


def _evidence_order_head(ev: Evidence) -> tuple[str, int, str, str, str, str]:
    """:func:`_evidence_order` without its last field, the ``repr`` of the spans."""
    return (ev.doc_id, ev.sentence_index, ev.rule or "", ev.status_text or "", ev.mode or "", ev.date or "")


def _in_evidence_order(evidence: Iterable[Evidence]) -> list[Evidence]:
    """``sorted(evidence, key=_evidence_order)``, the ``repr`` of the spans made only for the
    pieces whose other fields tie (rarely: it was a tenth of the graph stage).

    >>> from chainkg.ingest.facts import Evidence, MentionSpan
    >>> def ev(i, start, rule=None):
    ...     span = MentionSpan("company", "甲", start, start + 1, None, None)
    ...     return Evidence("d", i, "甲。", 0, 2, 0, 2, (span,), (), None, "", rule=rule)
    >>> pieces = [ev(1, 1), ev(0, 1, "b"), ev(1, 0), ev(0, 0, "a"), ev(1, 1)]
    >>> _in_evidence_order(pieces) == sorted(pieces, key=_evidence_order)
    True
    """
    items = sorted(evidence, key=_evidence_order_head)
    if len(items) < 2:
        return items
    out: list[Evidence] = []
    for _head, tied in groupby(items, key=_evidence_order_head):
        group = list(tied)
        out += sorted(group, key=lambda e: repr(e.spans)) if len(group) > 1 else group
    return out


def product_name(templates: Templates, name: str) -> str:
    """The product a product name is a node of: the name itself when the templates know it (by name
    or synonym), else its head among the template products (rules ``trailing_word``,
    ``head_product``: 锂离子电池负极材料 is 负极材料), else the name as written.

    >>> from chainkg.templates import load_templates
    >>> product_name(load_templates(), "锂离子电池负极材料"), product_name(load_templates(), "某某新料")
    ('负极材料', '某某新料')
    """
    hit = segment_for_product(templates, name)
    if hit is not None and hit.rule in ("name", "synonym"):
        return name
    return product_head(name, vocabulary(templates).terms).product


def product_node_id(templates: Templates, name: str) -> str:
    """The id of the Product node a product name becomes (a gold row's too, so the strict scorer
    maps gold and extraction alike): the template product's when :func:`product_name` is known
    (光伏 is 光伏电站's), else a Product of its own name.

    >>> from chainkg.templates import load_templates
    >>> product_node_id(load_templates(), "某某新料"), product_node_id(load_templates(), "石墨化负极材料")
    ('product:某某新料', 'product:负极材料')
    """
    name = product_name(templates, name)
    hit = segment_for_product(templates, name)
    if hit is not None and hit.rule in ("name", "synonym") and hit.product is not None:
        return hit.product.id
    return node_id(PRODUCT, name)


def _product_node(G: nx.MultiDiGraph, templates: Templates, name: str) -> str:
    """The Product node for an extracted product name (by its head, :func:`product_name`): the
    template product when the name or a synonym is known, else a new Product mapped to a segment by
    its head (or left unmapped). Its documents, which its segment link carries too, are gathered
    once all facts are added (:func:`_merge_fact_docs`), not per fact: a product named in thousands
    of documents would otherwise make a list of its documents, and keep each, for every fact."""
    name, pid, hit = _product_ref(templates, name)
    if not (hit is not None and hit.rule in ("name", "synonym") and hit.product is not None):
        if pid not in G:
            G.add_node(pid, **_props(label=PRODUCT, name=name, segment=hit.segment.id if hit else None, docs=[],
                                     **(_general_props(vocabulary(templates), name) if hit is None else {})))
            if hit is not None:
                _add_edge(G, IN_SEGMENT, pid, hit.segment.id, rule=hit.rule, matched=hit.matched, docs=[])
    return pid  # its documents, and its segment link's, are set once every fact is in (_merge_fact_docs)


@lru_cache(maxsize=1 << 16)
def _product_ref(templates: Templates, name: str) -> tuple[str, str, SegmentRef | None]:
    """The product an extracted product name is a node of: its name (:func:`product_name`), its
    node's id (:func:`product_node_id`) and its segment (exact name or synonym, then heads, not
    over a lexicon product); worked out once per name (a build names a few thousand products in
    hundreds of thousands of facts), the templates compared by identity."""
    name = product_name(templates, name)
    return name, product_node_id(templates, name), vocabulary(templates).segment_ref(name)


def _general_props(vocab: ProductVocabulary, name: str) -> dict[str, str]:
    """A product in no chain that the general lexicon knows: its GB/T 4754 major group as its
    ``sector`` and the class it is listed under as ``classification`` (no property otherwise).

    >>> from chainkg.templates import load_templates
    >>> _general_props(vocabulary(load_templates()), "婴幼儿配方奶粉")["sector"]
    '食品制造业'
    >>> _general_props(vocabulary(load_templates()), "某某新料")
    {}
    """
    known = vocab.general(name)
    return {"sector": known.sector, "classification": known.source} if known is not None else {}


def _project_name(p: ProjectEntity) -> str:
    parts = [p.company or "", p.phase or "", p.capacity.text if p.capacity else "", p.product]
    return "".join(parts)


def _named_node(G: nx.MultiDiGraph, label: str, name: str, docs: list[str]) -> str:
    """The Company or Place node of ``name``, added bare when extraction did not list it."""
    node = node_id(label, name)
    if node not in G:
        extra = {"aliases": [name], "merge_rules": []} if label == COMPANY else {}
        G.add_node(node, **_props(label=label, name=name, docs=docs, **extra))
    return node


def add_project(G: nx.MultiDiGraph, templates: Templates, p: ProjectEntity, shared: SharedValues | None = None) -> str:
    """A Project node with its company, product and place, and every piece of its evidence
    (equal evidence values one object through ``shared``, a table of its own by default)."""
    shared = shared if shared is not None else SharedValues()
    docs = _docs(p.evidence)
    pid = p.id  # resolution's id: unique, deterministic, built with node_id(PROJECT, …)
    product = _product_node(G, templates, p.product)
    G.add_node(pid, **_props(
        label=PROJECT, name=_project_name(p), company=p.company, product=p.product,
        product_id=product, phase=p.phase, status=p.status, status_rank=p.status_rank,
        status_text=p.status_text, mode=p.mode, place=p.place, chain=p.chain, segment=p.segment,
        conflicts=p.conflicts, rules=p.rules, product_qualifier=p.product_qualifier, docs=docs,
        **_capacity_props(p.capacity)))
    _add_edge(G, PRODUCES, pid, product, docs=docs, **_capacity_props(p.capacity))
    if p.company:
        _add_edge(G, BUILDS, _named_node(G, COMPANY, p.company, docs), pid, docs=docs)
    if p.place:
        _add_edge(G, LOCATED_IN, pid, _named_node(G, PLACE, p.place, docs), docs=docs)
    _add_mentions(G, pid, p.evidence, ("company", "product", "capacity"), shared)
    _add_mentions(G, product, p.evidence, ("product",), shared)
    return pid


def add_extraction(G: nx.MultiDiGraph, templates: Templates, extraction: Extraction | Iterable[Extraction]) -> None:
    """Companies, places and chains named in the text, then the projects tying them together;
    equal values of their evidence are one object (one :class:`SharedValues` for all of it).
    ``extraction`` may come in parts (:func:`fact_parts`): each is added, then let go, so the
    caller that reads them one at a time never holds all the facts beside the graph."""
    shared = SharedValues()
    for part in [extraction] if isinstance(extraction, Extraction) else extraction:
        _add_part(G, templates, part, shared)
        del part  # the part's facts go as soon as the graph holds what it keeps of them
    _merge_fact_docs(G)


def _add_part(G: nx.MultiDiGraph, templates: Templates, extraction: Extraction, shared: SharedValues) -> None:
    """The facts of one part of an extraction, in the order :func:`add_extraction` adds them."""
    for c in extraction.companies:
        cid = node_id(COMPANY, c.name)
        G.add_node(cid, **_props(label=COMPANY, name=c.name, aliases=sorted(set(c.aliases)),
                                 merge_rules=c.merge_rules, docs=_docs(c.evidence)))
        _add_mentions(G, cid, c.evidence, ("company",), shared)
    for place in extraction.places:
        plid = node_id(PLACE, place.name)
        G.add_node(plid, **_props(label=PLACE, name=place.name, kind=place.kind, docs=_docs(place.evidence)))
        _add_mentions(G, plid, place.evidence, ("place",), shared)
    for chain in extraction.chains:
        chid = node_id(CHAIN, chain.name)
        if chid in G:
            _add_mentions(G, chid, chain.evidence, ("chain",), shared)
    for project in extraction.projects:
        add_project(G, templates, project, shared)
    for statement in extraction.statements:
        add_statement(G, templates, statement, shared)


PART_EVIDENCE = 16_384
"""About how many pieces of evidence a part of :func:`fact_parts` holds (an entity is never split)."""


def fact_parts(extraction: Extraction, evidence: int = PART_EVIDENCE) -> Iterator[Extraction]:
    """``extraction`` as the graph reads it, in parts: the companies, places, chains, projects and
    statements in the order :func:`add_extraction` adds them, a new part once one holds about
    ``evidence`` pieces of evidence. The graph made from the parts is the one made from the
    whole. Only what the graph reads is carried: the project mentions and production figures
    (what ``chainkg eval`` compares) stay behind, as do the unmapped products (the graph
    finds them on its own Product nodes).

    >>> from chainkg.ingest.facts import ChainEntity
    >>> whole = Extraction((), (), (), tuple(ChainEntity(f"链{i}", ()) for i in range(3)), (), ())
    >>> [len(p.chains) for p in fact_parts(whole, evidence=0)]
    [1, 1, 1]
    >>> [len(p.chains) for p in fact_parts(whole)]
    [3]
    """
    kinds = ("companies", "places", "chains", "projects", "statements")
    taken: dict[str, list[Any]] = {kind: [] for kind in kinds}
    held = 0
    for kind in kinds:
        for entity in getattr(extraction, kind):
            taken[kind].append(entity)
            held += len(entity.evidence)
            if held >= evidence:
                yield _part(taken)
                taken, held = {k: [] for k in kinds}, 0
    if any(taken.values()):
        yield _part(taken)


def _part(taken: dict[str, list[Any]]) -> Extraction:
    return Extraction(companies=tuple(taken["companies"]), projects=tuple(taken["projects"]),
                      places=tuple(taken["places"]), chains=tuple(taken["chains"]), mentions=(),
                      unmapped_products=(), statements=tuple(taken["statements"]))


STATEMENT_KINDS: dict[str, str] = {
    "output": "产出", "capacity": "产能", "operating": "在产", "base": "基地", "strength": "优势产业",
    "filled": "填补空白", "lacking": "短板", "plan": "规划",
}
"""Statement kinds (:class:`chainkg.ingest.facts.Statement`) and how pages name them."""


def statement_id(st: Statement) -> str:
    """The Statement node's id: kind, standing, product, subject and document (see resolve_statements)."""
    return node_id(STATEMENT, st.kind, st.standing, st.product, st.company or st.place or "", st.evidence[0].doc_id)


def add_statement(G: nx.MultiDiGraph, templates: Templates, st: Statement, shared: SharedValues | None = None) -> str:
    """A Statement node ABOUT its product, BY its firm and AT its place, with its evidence
    (equal evidence values one object through ``shared``, a table of its own by default)."""
    shared = shared if shared is not None else SharedValues()
    docs = _docs(st.evidence)
    sid = statement_id(st)
    product = _product_node(G, templates, st.product)
    figure = st.capacity.text if st.capacity else ""
    name = f"{st.company or st.place or ''}{st.product}{STATEMENT_KINDS[st.kind]}{figure}"
    G.add_node(sid, **_props(
        label=STATEMENT, name=name, kind=st.kind, kind_zh=STATEMENT_KINDS[st.kind], standing=st.standing,
        product=st.product, product_id=product, company=st.company, place=st.place, rule=st.rule, cue=st.cue,
        date=st.evidence[0].date, docs=docs, **_capacity_props(st.capacity)))
    _add_edge(G, ABOUT, sid, product, docs=docs)
    if st.company:
        _add_edge(G, BY, sid, _named_node(G, COMPANY, st.company, docs), docs=docs)
    if st.place:
        _add_edge(G, AT, sid, _named_node(G, PLACE, st.place, docs), docs=docs)
    _add_mentions(G, sid, st.evidence, ("cue", "product"), shared)
    _add_mentions(G, product, st.evidence, ("product",), shared)
    return sid


def _merge_fact_docs(G: nx.MultiDiGraph) -> None:
    """A fact node's ``docs`` is every document that mentions it (template nodes keep ``[]``
    on the node: the template is not a document's fact); a product's links other than its
    mentions (its segment link) carry the same list, one object, as each of its mentions
    carries only its own document."""
    for node, data in G._node.items():
        if data.get("template") or data.get("label") == DOCUMENT:
            continue
        links = [link for keyed in G._succ[node].values() for link in keyed.values()]  # its out-edges' properties
        mentioned = {d for e in links if e["type"] == MENTIONED_IN for d in e["docs"]}
        data["docs"] = sorted(set(data.get("docs", [])) | mentioned)
        if data.get("label") == PRODUCT:
            for link in links:
                if link["type"] != MENTIONED_IN:
                    link["docs"] = data["docs"]


CURATED_PROPS: tuple[str, ...] = ("full_name", "province", "listed", "in_haixi")
"""What a curated firm's Company node carries from ``data/industry_firms.yaml``."""


def add_industry_firms(G: nx.MultiDiGraph, firms: IndustryFirms) -> None:
    """The national leaders of each segment: ``(Company {curated: true})-[:LEADS_IN]->(Segment)``.

    A firm is one Company node whatever the number of segments it leads in: ``node_id`` of its
    short name, so a firm the documents name too (赣锋锂业) is that same node, which keeps its
    evidence and gains ``curated`` and the file's fields; a firm only the file names is
    template-like (``docs: []``, ``template: true``), shared by every document in Neo4j. What it
    makes in the segment, its rank there (1 = first listed) and the public source are on
    LEADS_IN. A segment with fewer than three leaders keeps the file's reason as ``leaders_niche``
    (and any remark as ``leaders_note``).
    """
    for seg_id, listed in sorted(firms.firms.items()):
        if seg_id not in G:
            continue
        segment = G.nodes[seg_id]
        segment.update(_props(leaders_niche=firms.niche.get(seg_id), leaders_note=firms.notes.get(seg_id)))
        for rank, firm in enumerate(listed, start=1):
            cid = node_id(COMPANY, firm["name"])
            if cid not in G:
                G.add_node(cid, **_props(label=COMPANY, name=firm["name"], aliases=[firm["name"]], merge_rules=[],
                                         template=True, docs=[]))
            node = G.nodes[cid]
            node["curated"] = True
            node.update(_props(**{k: firm.get(k) for k in CURATED_PROPS}))
            source = firm["source"]
            _add_edge(G, LEADS_IN, cid, seg_id, template=True, rank=rank, makes=firm["makes"],
                      source_title=source["title"], source_publisher=source["publisher"],
                      source_year=source["year"], source_url=source.get("url"))


def build_graph(documents: Sequence[Document], extraction: Extraction | Iterable[Extraction], templates: Templates,
                firms: IndustryFirms | None = None) -> nx.MultiDiGraph:
    """The whole knowledge graph of a corpus: templates, documents, facts (an :class:`Extraction`,
    or its parts from :func:`fact_parts`, each let go once added), then the curated national
    leaders (``firms``, default: the packaged ``data/industry_firms.yaml``).

    >>> from chainkg.templates import load_templates
    >>> G = build_graph([], Extraction((), (), (), (), (), ()), load_templates())
    >>> sorted({d["label"] for _, d in G.nodes(data=True)})
    ['Chain', 'Company', 'Product', 'Segment']
    >>> all(d.get("curated") for _, d in G.nodes(data=True) if d["label"] == "Company")
    True
    """
    G = nx.MultiDiGraph()
    with collector_paused():  # millions of fresh containers: see chainkg.collector
        add_templates(G, templates)
        add_documents(G, documents)
        add_extraction(G, templates, extraction)
        add_industry_firms(G, firms if firms is not None else read_industry_firms(templates=templates))
        annotate_coverage(G)
    return G
