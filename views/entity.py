"""Views centred on one entity: a company and what it builds, a product and where it sits.

Both read left to right (hierarchical ``level``):

- **company view**: company (0) -> its projects (1) -> their products (2) -> the products'
  segments (3) -> chains (4), plus the projects' places (2);
- **product view**: companies (0) -> projects making the product (1) -> the product (2) ->
  its segment (3) -> the segments it supplies (4); the segments supplying it sit at 2. Segments
  of another chain are named ``segment · chain`` and their ``SUPPLIES`` edges are cross-chain.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:甲链", label="Chain", name="甲链", order=1)
>>> G.add_node("segment:甲链/原料", label="Segment", name="原料", order=1)
>>> _ = G.add_edge("segment:甲链/原料", "chain:甲链", type="PART_OF")
>>> G.add_node("product:盐", label="Product", name="盐")
>>> _ = G.add_edge("product:盐", "segment:甲链/原料", type="IN_SEGMENT")
>>> G.add_node("company:某公司", label="Company", name="某公司")
>>> G.add_node("project:某公司/盐/-", label="Project", name="某公司盐", status_rank=4, mode="reported")
>>> _ = G.add_edge("company:某公司", "project:某公司/盐/-", type="BUILDS")
>>> _ = G.add_edge("project:某公司/盐/-", "product:盐", type="PRODUCES")
>>> sorted((v.nodes[n]["level"], n) for v in [company_view(G, "company:某公司")] for n in v)
[(0, 'company:某公司'), (1, 'project:某公司/盐/-'), (2, 'product:盐'), (3, 'segment:甲链/原料'), (4, 'chain:甲链')]
>>> product_view(G, "product:盐").nodes["segment:甲链/原料"]["style"]
'building'
"""

from __future__ import annotations

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.views.facts import (Coverage, Links, chain_of_segment, coverage_of, neighbours, no_links,
                                 segment_of_product, view_node)


def company_view(G: nx.MultiDiGraph, company: str, links: Links = no_links, coverage: Coverage | None = None
                 ) -> nx.DiGraph:
    """The view graph of company ``company`` (an id): its projects and where they sit. ``G`` is only read."""
    _require(G, company, model.COMPANY)
    coverage = coverage or coverage_of(G)
    view = nx.DiGraph()

    def add(node: str, level: int) -> None:
        if node not in view:
            view.add_node(node, **view_node(G, node, coverage, links, level=level))

    add(company, 0)
    for project in neighbours(G, company, model.BUILDS):
        add(project, 1)
        view.add_edge(company, project, type=model.BUILDS)
        for place in neighbours(G, project, model.LOCATED_IN):
            add(place, 2)
            view.add_edge(project, place, type=model.LOCATED_IN)
        for product in neighbours(G, project, model.PRODUCES):
            add(product, 2)
            view.add_edge(project, product, type=model.PRODUCES)
            segment = segment_of_product(G, product)
            if segment is None:
                continue
            add(segment, 3)
            view.add_edge(product, segment, type=model.IN_SEGMENT)
            chain = chain_of_segment(G, segment)
            add(chain, 4)
            view.add_edge(segment, chain, type=model.PART_OF)
    return view


def product_view(G: nx.MultiDiGraph, product: str, links: Links = no_links, coverage: Coverage | None = None
                 ) -> nx.DiGraph:
    """The view graph of product ``product`` (an id): who makes it, its segment, up- and downstream."""
    _require(G, product, model.PRODUCT)
    coverage = coverage or coverage_of(G)
    view = nx.DiGraph()
    segment = segment_of_product(G, product)
    chain = chain_of_segment(G, segment) if segment else None

    def add(node: str, level: int) -> None:
        if node in view:
            return
        name = None
        if G.nodes[node]["label"] == model.SEGMENT and chain_of_segment(G, node) != chain:
            name = f"{G.nodes[node]['name']} · {G.nodes[chain_of_segment(G, node)]['name']}"
        view.add_node(node, **view_node(G, node, coverage, links, name=name, level=level))

    add(product, 2)
    for project in neighbours(G, product, model.PRODUCES, "in"):
        add(project, 1)
        view.add_edge(project, product, type=model.PRODUCES)
        for company in neighbours(G, project, model.BUILDS, "in"):
            add(company, 0)
            view.add_edge(company, project, type=model.BUILDS)
    if segment is not None:
        add(segment, 3)
        view.add_edge(product, segment, type=model.IN_SEGMENT)
        for direction, level in (("in", 2), ("out", 4)):
            for other in neighbours(G, segment, model.SUPPLIES, direction):
                add(other, level)
                source, target = (other, segment) if direction == "in" else (segment, other)
                view.add_edge(source, target, type=model.SUPPLIES, cross_chain=chain_of_segment(G, other) != chain)
    return view


def _require(G: nx.MultiDiGraph, node: str, label: str) -> None:
    if node not in G or G.nodes[node].get("label") != label:
        raise ChainkgError(f"{node!r} is not a {label} of the graph")
