"""A synthetic view graph of any size, shaped like the real whole-graph view, for benchmarks and tests.

Chains with upstream-to-downstream segments, products in segments, companies building
projects that produce products in places, and documents as evidence; every name and sentence
is made up (``企业0042`` …). Seeded, so the same size gives the same graph.

>>> g = synthetic_view_graph(500, seed=1)
>>> g.number_of_nodes()
500
>>> from chainkg.views.viewgraph import check_view_graph
>>> check_view_graph(g)
"""

from __future__ import annotations

import random

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.graph.gaps import BUILDING_STATE, LACKING_STATE, PLANNED, PRESENT_STATE, STRONG, UNKNOWN

SEGMENTS_PER_CHAIN = 6
STAGES = ("upstream", "upstream", "midstream", "midstream", "downstream", "downstream")


def synthetic_view_graph(n_nodes: int, seed: int = 0) -> nx.DiGraph:
    """A view graph with exactly ``n_nodes`` nodes (at least 100) of every label and coverage style."""
    if n_nodes < 100:
        raise ChainkgError(f"synthetic view graph needs at least 100 nodes, got {n_nodes}")
    rng = random.Random(seed)
    g = nx.DiGraph()
    n_chains = max(2, min(12, n_nodes // 400))
    n_places, n_docs = max(3, n_nodes // 250), max(3, n_nodes // 100)
    places = [_add(g, model.PLACE, f"地点{i:02d}") for i in range(n_places)]
    docs = [_add(g, model.DOCUMENT, f"文件{i:03d}") for i in range(n_docs)]
    segments: list[str] = []
    for c in range(n_chains):
        chain = _add(g, model.CHAIN, f"产业链{c:02d}", facts=[("环节数 segments", SEGMENTS_PER_CHAIN)])
        previous = None
        for s in range(SEGMENTS_PER_CHAIN):
            segment = _add(g, model.SEGMENT, f"链{c:02d}环节{s}", chain=f"产业链{c:02d}",
                           style=rng.choice((STRONG, PRESENT_STATE, BUILDING_STATE, PLANNED, LACKING_STATE, UNKNOWN)), facts=[("阶段 stage", STAGES[s])])
            g.add_edge(segment, chain, type=model.PART_OF)
            if previous is not None:
                g.add_edge(previous, segment, type=model.SUPPLIES)
            previous = segment
            segments.append(segment)
        if c:
            g.add_edge(segments[-SEGMENTS_PER_CHAIN - 2], segments[-3], type=model.SUPPLIES, cross_chain=True)
    remaining = n_nodes - g.number_of_nodes()
    n_products = max(1, remaining // 12)
    n_companies = max(1, (remaining - n_products) // 3)
    n_projects = remaining - n_products - n_companies
    products = []
    for i in range(n_products):
        product = _add(g, model.PRODUCT, f"产品{i:04d}")
        g.add_edge(product, rng.choice(segments), type=model.IN_SEGMENT)
        products.append(product)
    companies = [_add(g, model.COMPANY, f"企业{i:04d}") for i in range(n_companies)]
    for i in range(n_projects):
        company, product, place, doc = (rng.choice(companies), rng.choice(products), rng.choice(places),
                                        rng.choice(docs))
        capacity = rng.randint(1, 50)
        project = _add(
            g, model.PROJECT, f"项目{i:04d}", style=rng.choice((PRESENT_STATE, BUILDING_STATE, PLANNED)),
            facts=[("产能 capacity", f"{capacity}万吨/年"), ("地点 place", g.nodes[place]["name"])],
            evidence=[{"document": g.nodes[doc]["name"],
                       "sentence": f"{g.nodes[company]['name']}拟在{g.nodes[place]['name']}建设年产{capacity}万吨"
                                   f"{g.nodes[product]['name']}项目(合成示例)。"}],
        )
        g.add_edge(company, project, type=model.BUILDS)
        g.add_edge(project, product, type=model.PRODUCES)
        g.add_edge(project, place, type=model.LOCATED_IN)
        g.add_edge(project, doc, type=model.MENTIONED_IN)
    return g


def _add(g: nx.DiGraph, label: str, name: str, chain: str | None = None, **attrs: object) -> str:
    node = model.node_id(label, chain, name) if chain else model.node_id(label, name)
    g.add_node(node, label=label, name=name, href=f"{label.lower()}/{name}.html", **attrs)
    return node
