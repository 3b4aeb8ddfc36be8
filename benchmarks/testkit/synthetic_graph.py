"""A synthetic graph shaped like ours, as large as asked, for benchmarks (loader, views).

Same labels, relationship types, ids, keys and properties as a built graph (see
``docs/graph-model.md``): template chains, segments, products and their ``PART_OF`` /
``IN_SEGMENT`` / ``SUPPLIES`` links; documents; companies building projects that produce a
product in a place, each fact supported by one document (a tenth by two), with
``MENTIONED_IN`` evidence. About three relationships per node. Same ``seed``, same graph.

>>> G = synthetic_graph(2_000, seed=7)
>>> G.number_of_nodes(), G.number_of_edges() >= 3 * G.number_of_nodes()
(2000, True)
>>> sorted({d["label"] for _, d in G.nodes(data=True)})
['Chain', 'Company', 'Document', 'Place', 'Product', 'Project', 'Segment']
>>> synthetic_graph(2_000, seed=7).edges(keys=True) == G.edges(keys=True)
True
"""

from __future__ import annotations

import random

import networkx as nx

from chainkg.graph.gaps import annotate_coverage
from chainkg.graph.model import (
    BUILDS, CHAIN, COMPANY, DOCUMENT, IN_SEGMENT, LOCATED_IN, MENTIONED_IN, PART_OF, PLACE, PRODUCES,
    PRODUCT, PROJECT, SEGMENT, SUPPLIES, edge_key, node_id,
)

_SYLLABLES = "锂钾镁硅光伏盐湖新能源材料化工青海柴达木格尔木德令哈昆仑西部金阳泰华源宏达"
_STAGES = ("upstream", "midstream", "downstream")
_STATUSES = (("投产", 4, "reported"), ("在建", 3, "reported"), ("签约", 2, "planned"), ("洽谈", 1, "planned"))
_CHAINS = 13
_SEGMENTS_PER_CHAIN = 9
_PRODUCTS_PER_SEGMENT = 4
_PLACES = 60


def _word(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(length))


def _templates(G: nx.MultiDiGraph, rng: random.Random) -> list[str]:
    """Chains, segments, products and their template links; return the product ids."""
    products: list[str] = []
    for c in range(_CHAINS):
        chain_name = f"{_word(rng, 3)}产业链{c}"
        chain = node_id(CHAIN, chain_name)
        G.add_node(chain, label=CHAIN, name=chain_name, order=c, official=c < 12, branches=[], docs=[],
                   template=True)
        previous = None
        for s in range(_SEGMENTS_PER_CHAIN):
            seg_name = f"{_word(rng, 2)}环节{s}"
            seg = node_id(SEGMENT, chain_name, seg_name)
            G.add_node(seg, label=SEGMENT, name=seg_name, chain=chain, stage=_STAGES[s * 3 // _SEGMENTS_PER_CHAIN],
                       order=s, docs=[], template=True)
            G.add_edge(seg, chain, key=edge_key(PART_OF, seg, chain), type=PART_OF, template=True)
            if previous is not None:
                G.add_edge(previous, seg, key=edge_key(SUPPLIES, previous, seg), type=SUPPLIES,
                           cross_chain=False, template=True)
            previous = seg
            for p in range(_PRODUCTS_PER_SEGMENT):
                prod_name = f"{_word(rng, 3)}{c}.{s}.{p}"
                prod = node_id(PRODUCT, prod_name)
                G.add_node(prod, label=PRODUCT, name=prod_name, synonyms=[], segment=seg, docs=[], template=True)
                G.add_edge(prod, seg, key=edge_key(IN_SEGMENT, prod, seg), type=IN_SEGMENT, template=True)
                products.append(prod)
    return products


def _add_docs(G: nx.MultiDiGraph, node: str, docs: list[str]) -> None:
    G.nodes[node]["docs"] = sorted(set(G.nodes[node]["docs"]) | set(docs))


def _evidence(G: nx.MultiDiGraph, rng: random.Random, node: str, docs: list[str]) -> None:
    for doc in docs:
        start = rng.randrange(0, 20_000)
        target = node_id(DOCUMENT, doc)
        G.add_edge(node, target, key=edge_key(MENTIONED_IN, node, target, str(start)), type=MENTIONED_IN,
                   sentence=f"{G.nodes[node]['name']}{_word(rng, 12)}。", sentence_index=start // 40,
                   start=start, end=start + 30, orig_start=start, orig_end=start + 34,
                   headings=[f"一、{_word(rng, 4)}"], status_text=rng.choice(_STATUSES)[0], docs=[doc])


def synthetic_graph(n_nodes: int, seed: int = 0) -> nx.MultiDiGraph:
    """A graph of exactly ``n_nodes`` nodes (at least 1,000) and about three times as many relationships."""
    if n_nodes < 1_000:
        raise ValueError(f"n_nodes={n_nodes}: need at least 1000 for the templates and a few projects")
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    products = _templates(G, rng)
    n_docs = max(2, n_nodes // 500)
    docs = [f"{rng.getrandbits(48):012x}" for _ in range(n_docs)]
    for doc in docs:
        G.add_node(node_id(DOCUMENT, doc), label=DOCUMENT, name=f"{_word(rng, 6)}报告", title=f"{_word(rng, 6)}报告",
                   kind="report", issuer=_word(rng, 4), published="2024-01-01", date="2024-01-01", file=f"{doc}.txt",
                   sha256=doc * 5, docs=[doc])
    places = []
    for i in range(_PLACES):
        name = f"{_word(rng, 3)}{i}区"
        places.append(node_id(PLACE, name))
        G.add_node(places[-1], label=PLACE, name=name, kind="district", docs=[])
    remaining = n_nodes - G.number_of_nodes()
    n_companies = remaining // 3
    companies = []
    for i in range(n_companies):
        name = f"{_word(rng, 4)}有限公司{i}"
        companies.append(node_id(COMPANY, name))
        G.add_node(companies[-1], label=COMPANY, name=name, aliases=[name[:4]], merge_rules=[], docs=[])
    for i in range(remaining - n_companies):
        company = companies[i % n_companies]
        product, place = rng.choice(products), rng.choice(places)
        status, rank, mode = rng.choice(_STATUSES)
        value = rng.randrange(1, 100)
        phase = f"{i}期"
        project = node_id(PROJECT, G.nodes[company]["name"], G.nodes[product]["name"], phase)
        support = sorted(rng.sample(docs, 2 if rng.random() < 0.1 else 1))
        capacity = {"capacity_value": float(value), "capacity_unit": "万吨", "capacity_base_value": value * 1e4,
                    "capacity_base_unit": "吨", "capacity_per_year": True, "capacity_text": f"年产{value}万吨"}
        G.add_node(project, label=PROJECT, name=f"{G.nodes[company]['name']}{value}万吨{G.nodes[product]['name']}",
                   company=company, product=product, phase=phase, status=status, status_rank=rank,
                   status_text=status, mode=mode, place=place, chain=G.nodes[G.nodes[product]["segment"]]["chain"],
                   segment=G.nodes[product]["segment"], conflicts=[], docs=support, **capacity)
        G.add_edge(company, project, key=edge_key(BUILDS, company, project), type=BUILDS, docs=support)
        G.add_edge(project, product, key=edge_key(PRODUCES, project, product), type=PRODUCES, docs=support, **capacity)
        G.add_edge(project, place, key=edge_key(LOCATED_IN, project, place), type=LOCATED_IN, docs=support)
        for node in (company, place):
            _add_docs(G, node, support)
        _evidence(G, rng, project, support)
        _evidence(G, rng, project, support[:1])
        _evidence(G, rng, company, support[:1])
    annotate_coverage(G)  # as a build does: the coverage every store reads
    return G
