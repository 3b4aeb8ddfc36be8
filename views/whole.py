"""The whole-graph view: every chain, segment, company and project at once, and the products
something makes and the places something is in.

Documents are left out as nodes (each fact node links to one or two of them, which would pull
everything into one knot); their sentences are the evidence in each node's panel instead.
Products of the chain templates that no project or company makes are left out too (about 290
of them would bury the facts), and so are places no project is located in; their segments stay,
so a link with nothing local still shows, and each product's and place's own page shows it.
The curated national leaders no document names are left out too (this view shows what the
documents say; the 招商 pages list those firms). Parallel relationships of the multigraph become one view edge. Force layout, no levels: the
page's bounded stabilization keeps a graph of thousands of nodes from moving for long.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:甲链", label="Chain", name="甲链")
>>> G.add_node("document:d", label="Document", name="文件", title="文件")
>>> G.add_node("product:乙", label="Product", name="乙")
>>> _ = G.add_edge("chain:甲链", "document:d", type="MENTIONED_IN", sentence="句子。")
>>> view = whole_graph_view(G)
>>> list(view), view.nodes["chain:甲链"]["evidence"]
(['chain:甲链'], [{'document': '文件', 'sentence': '句子。'}])
"""

from __future__ import annotations

import networkx as nx

from chainkg.graph import model
from chainkg.views.facts import Coverage, Links, coverage_of, no_links, view_node

#: relationships never drawn: evidence (the panel shows it) and the curated leaders' LEADS_IN
_LEFT_OUT = frozenset({model.MENTIONED_IN, model.LEADS_IN})

#: the labels shown only with a fact: the relationship that must point at such a node
_NEEDS_FACT = {model.PRODUCT: model.PRODUCES, model.PLACE: model.LOCATED_IN}


def whole_graph_view(G: nx.MultiDiGraph, links: Links = no_links, coverage: Coverage | None = None) -> nx.DiGraph:
    """The view graph of all of ``G`` but its Document nodes, MENTIONED_IN edges, the products
    nothing makes (no PRODUCES edge into them) and the places nothing is in (no LOCATED_IN
    edge); ``G`` is only read."""
    coverage = coverage or coverage_of(G)
    view = nx.DiGraph()
    for node, label in sorted(G.nodes(data="label")):
        if label == model.DOCUMENT or (label in _NEEDS_FACT and not _has_fact(G, node, _NEEDS_FACT[label])):
            continue
        if label == model.COMPANY and G.nodes[node].get("template"):  # a national leader only the curated file names
            continue
        view.add_node(node, **view_node(G, node, coverage, links))
    for source, target, data in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        if data["type"] not in _LEFT_OUT and source in view and target in view and not view.has_edge(source, target):
            view.add_edge(source, target, type=data["type"], cross_chain=bool(data.get("cross_chain", False)))
    return view


def _has_fact(G: nx.MultiDiGraph, node: str, rel_type: str) -> bool:
    """A ``rel_type`` edge points at ``node`` (something makes the product, is in the place)."""
    return any(data["type"] == rel_type for _, _, data in G.in_edges(node, data=True))
