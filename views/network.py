"""From a view graph to the data vis-network draws (:class:`VisNetwork`) and the options that lay it out.

The caller's graph is only read: node and edge options are new dicts. Layout options bound
the work the browser does, so a 5,000-node view stops moving within seconds:
stabilization runs off-screen for at most :data:`STABILIZATION_ITERATIONS` iterations and
:data:`LAYOUT_BUDGET_MS` milliseconds (the page script enforces the time), then the page turns
physics off (``stabilizationIterationsDone``); vis's ``improvedLayout`` (a Kamada-Kawai pass that is
quadratic in the number of nodes) is used only on small graphs, and large graphs get straight
edges and no edges while dragging or zooming.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("segment:锂电/碳酸锂", label="Segment", name="碳酸锂", style="lacking")
>>> net = build_network(g)
>>> net.nodes[0]["label"], net.nodes[0]["kind"], net.nodes[0]["viewStyle"], net.nodes[0]["group"]
('碳酸锂', 'Segment', 'lacking', 'Segment.lacking')
>>> net.options["groups"]["Segment.lacking"]["shapeProperties"]
{'borderDashes': [8, 5]}
>>> vis_options(6000, "force")["layout"]["improvedLayout"]
False
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.views.labels import FONT_PX
from chainkg.views.layered import BOX_MARGIN, ITEM_SIZE
from chainkg.views.style import EXPANDER_LOOK, edge_look, node_look
from chainkg.views.viewgraph import check_view_graph

Layout = Literal["force", "hierarchical", "fixed"]
LAYOUTS: tuple[str, ...] = ("force", "hierarchical", "fixed")

IMPROVED_LAYOUT_MAX_NODES = 300
"""Above this many nodes vis's improvedLayout (quadratic) is switched off."""
LARGE_GRAPH_NODES = 1000
"""From this many nodes edges are drawn straight and hidden while dragging or zooming."""
STABILIZATION_ITERATIONS = 300
"""Most physics iterations before physics is turned off (small graphs settle well within them)."""
LAYOUT_BUDGET_MS = 2500
"""Most milliseconds of stabilization: the page stops it then, however many iterations ran
(on a 5,000-node graph one iteration costs tens of ms, so the iteration cap alone is not a bound)."""


@dataclass
class VisNetwork:
    """What a page hands vis-network: the vis node and edge dicts, the options (node looks in
    ``options["groups"]``) and the edge looks by ``"TYPE|0"`` / ``"TYPE|1"``. The pages draw with
    the vis-network build shipped in pyvis (:func:`chainkg.views.inline.vis_network_js`) and write
    their own HTML, so pyvis's ``Network`` is not used: its module imports IPython, a fifth of a
    second of every ``chainkg build``, and its ``add_node`` and ``add_edge`` are quadratic."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    edge_looks: dict[str, dict[str, Any]]


def vis_options(n_nodes: int, layout: Layout) -> dict[str, Any]:
    """vis-network options for a graph of ``n_nodes`` nodes in the ``force`` or ``hierarchical`` layout."""
    if layout not in LAYOUTS:
        raise ChainkgError(f"layout {layout!r} is not one of {list(LAYOUTS)}")
    large = n_nodes >= LARGE_GRAPH_NODES
    # updateInterval: iterations between progress events, where the page checks its time budget
    stabilization = {"enabled": True, "iterations": STABILIZATION_ITERATIONS, "updateInterval": 10, "fit": True}
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": {"size": 14, "multi": False}, "margin": 8, "widthConstraint": {"maximum": 180}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
            "color": {"highlight": "#111111", "hover": "#111111", "inherit": False},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        "layout": {"improvedLayout": n_nodes <= IMPROVED_LAYOUT_MAX_NODES, "randomSeed": 7},
    }
    if layout == "hierarchical":
        options["layout"]["hierarchical"] = {
            "enabled": True,
            "direction": "LR",
            "sortMethod": "directed",
            "shakeTowards": "roots",
            "levelSeparation": 230,
            "nodeSpacing": 70,
            "treeSpacing": 120,
        }
        options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                                      "roundness": 0.4}
        options["physics"] = {
            "enabled": True,
            "solver": "hierarchicalRepulsion",
            "hierarchicalRepulsion": {"nodeDistance": 110, "avoidOverlap": 1, "springLength": 120},
            "stabilization": stabilization,
        }
    elif layout == "fixed":
        # the builder placed every node (x, y) and wrapped its label (views/labels.py): nothing
        # to lay out, nothing moves, and vis must not wrap labels again
        options["physics"] = {"enabled": False}
        options["nodes"]["font"]["size"] = FONT_PX
        options["nodes"]["margin"] = BOX_MARGIN
        del options["nodes"]["widthConstraint"]
        # supply links leave and enter their segments sideways, bending in the gap between columns
        options["edges"]["smooth"] = {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal",
                                      "roundness": 0.95}
    else:
        options["physics"] = {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 110, "springConstant": 0.04,
                          "damping": 0.4, "avoidOverlap": 0.1},
            "minVelocity": 1.0,
            "stabilization": stabilization,
        }
    return options


def build_network(graph: nx.DiGraph, layout: Layout = "force") -> VisNetwork:
    """The vis data of ``graph``'s nodes and edges with our looks and options (edges directed).

    Looks go into vis ``groups``, one per (label, coverage style) pair present, so a node is
    only its id, text, shape and group: a 5,000-node page stays a few MB. Each vis node also
    carries ``kind`` (the model label) and ``viewStyle`` (the coverage style or null) for the
    page script and the browser tests; vis ignores them when drawing. Nodes with a ``level``
    keep it: vis then places the hierarchical columns by level instead of by edge direction.
    The ``fixed`` layout draws every node at its ``x``, ``y`` (required) with physics off.
    No ``title`` is set: vis would show it in its own popup; the page has a text-only panel.
    Edges carry their type (``relType``), ``crossChain`` and the ends; their looks, one per
    (type, cross-chain) pair, are in ``net.edge_looks`` under ``"TYPE|0"`` / ``"TYPE|1"``, and the
    page gives each edge its look (a 70,000-edge page stays small).
    """
    check_view_graph(graph)
    if layout == "fixed" and any(x is None for _, x in graph.nodes(data="x")):
        raise ChainkgError("the fixed layout needs x and y on every node of the view graph")
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    looks: dict[str, dict[str, Any]] = {}
    for node, attrs in graph.nodes(data=True):
        label, style = attrs["label"], attrs.get("style")
        group = "expander" if attrs.get("expands") else f"{label}.{style}" if style else label
        if group not in groups:
            groups[group] = dict(EXPANDER_LOOK) if attrs.get("expands") else node_look(label, style)
            if layout == "fixed" and groups[group]["shape"] in ("dot", "diamond", "square", "triangle"):
                groups[group]["size"] = ITEM_SIZE
        extra: dict[str, Any] = {"kind": label, "viewStyle": style}
        if attrs.get("level") is not None:
            extra["level"] = attrs["level"]
        if layout == "fixed":
            extra.update(x=attrs["x"], y=attrs["y"])
            if attrs.get("x_open") is not None:
                extra.update(xOpen=attrs["x_open"], yOpen=attrs["y_open"])
        for key, vis_key in (("hidden", "hidden"), ("expands", "expands"), ("ref", "ref")):
            if attrs.get(key):
                extra[vis_key] = attrs[key]
        nodes.append({"group": group, **extra, "id": node, "label": attrs.get("text") or attrs["name"],
                      "shape": groups[group]["shape"]})
    for source, target, attrs in graph.edges(data=True):
        cross_chain = attrs.get("cross_chain", False)
        extra = {}
        if attrs.get("grouped"):
            extra["hidden"] = True
        if layout == "fixed" and (cross_chain or graph.nodes[source]["label"] != graph.nodes[target]["label"]):
            extra["smooth"] = False  # short links inside a card: straight
        looks.setdefault(f"{attrs['type']}|{int(cross_chain)}", edge_look(attrs["type"], cross_chain))
        edges.append({"relType": attrs["type"], "crossChain": cross_chain, **extra, "from": source, "to": target})
    options = vis_options(graph.number_of_nodes(), layout)
    options["groups"] = groups
    return VisNetwork(nodes, edges, options, looks)

