"""The whole-graph view: every chain, segment, product, company, project and place at once.

Documents are left out as nodes (each fact node links to one or two of them, which would pull
everything into one knot); their sentences are the evidence in each node's panel instead.
Parallel relationships of the multigraph become one view edge. Force layout, no levels: the
page's bounded stabilization keeps a graph of thousands of nodes from moving for long.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:甲链", label="Chain", name="甲链")
>>> G.add_node("document:d", label="Document", name="文件", title="文件")
>>> _ = G.add_edge("chain:甲链", "document:d", type="MENTIONED_IN", sentence="句子。")
>>> view = whole_graph_view(G)
>>> list(view), view.nodes["chain:甲链"]["evidence"]
(['chain:甲链'], [{'document': '文件', 'sentence': '句子。'}])
"""

from __future__ import annotations

import networkx as nx

from chainkg.graph import model
from chainkg.views.facts import Coverage, Links, coverage_of, no_links, view_node


def whole_graph_view(G: nx.MultiDiGraph, links: Links = no_links, coverage: Coverage | None = None) -> nx.DiGraph:
    """The view graph of all of ``G`` but its Document nodes and MENTIONED_IN edges; ``G`` is only read."""
    coverage = coverage or coverage_of(G)
    view = nx.DiGraph()
    for node, label in sorted(G.nodes(data="label")):
        if label != model.DOCUMENT:
            view.add_node(node, **view_node(G, node, coverage, links))
    for source, target, data in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        if data["type"] != model.MENTIONED_IN and source in view and target in view and not view.has_edge(source, target):
            view.add_edge(source, target, type=data["type"], cross_chain=bool(data.get("cross_chain", False)))
    return view
