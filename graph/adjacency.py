"""Per-label and per-type adjacency of the knowledge graph, built when first asked for and cached on the graph.

The view helpers, gap analysis, the target candidates and the embedded queries ask the same
two questions many times: "which nodes have label L?" and "what does node n reach along
relationship type T (or what reaches it)?". Answering them by scanning ``G.nodes`` or all of a
node's edges made every page and query walk the evidence (MENTIONED_IN, most of the graph)
again: a company's page read every mention of it to find its three projects, a place's page
read every node. Here both answers come from dictionaries made in one pass over the graph.
The index is in two parts (labels, outgoing edges by type), each made the first time a reader
asks for it (:func:`labelled`, :func:`outgoing`; every helper below goes through them): a
loaded graph pays only for the parts its query reads.

Incoming edges are not indexed: a node's own are read from networkx's ``G._pred[node]`` when
asked for (:func:`in_edges`). No evidence points into a fact (MENTIONED_IN runs from the fact to
its document), so a node's predecessors are its few kinds of facts, and that read costs about
what it returns (a product's PRODUCES and ABOUT, a place's LOCATED_IN and AT). An index of them
was one tuple per relationship and a list per node and type held to the end of the build's
site: about 8 MiB at 1,000 documents, some 80 at 10,000.

The index is kept in networkx's own cache, ``G.__networkx_cache__`` (networkx >= 3.3), which
networkx empties whenever a node or an edge is added or removed, so a changed graph is indexed
again on the next call. It holds node ids and the graph's own edge-data dicts (not copies), so
changed edge properties are seen at once. Only changing a node's ``label`` or an edge's
``type`` in place is not seen: call ``nx._clear_cache(G)`` after doing that (no code of
chainkg does).

The evidence (MENTIONED_IN, :data:`SCANNED`) is left out of the index: it is about half of the
graph's relationships, and the index would hold a second entry for each. A node's own
MENTIONED_IN are read from networkx's adjacency when asked for: they are most of a fact's
outgoing edges, so that read costs about what it returns.

Lists keep the order in which ``G.out_edges(node)`` / ``G.in_edges(node)`` / ``G.nodes`` give
the same items, so code moved from a scan to the index gives the same results in the same
order (``tests/test_adjacency.py`` keeps the scans as the reference).

>>> G = nx.MultiDiGraph()
>>> G.add_node("company:甲", label="Company")
>>> G.add_node("project:甲/盐", label="Project")
>>> _ = G.add_edge("company:甲", "project:甲/盐", type="BUILDS", since="2023")
>>> nodes_of(G, "Company"), targets(G, "company:甲", "BUILDS"), sources(G, "project:甲/盐", "BUILDS")
(['company:甲'], ['project:甲/盐'], ['company:甲'])
>>> out_edges(G, "company:甲", "BUILDS")
[('project:甲/盐', 0, {'type': 'BUILDS', 'since': '2023'})]
>>> G.add_node("company:乙", label="Company")   # the graph changed: the index is made again
>>> nodes_of(G, "Company")
['company:甲', 'company:乙']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any, TypeVar

import networkx as nx

from chainkg.collector import collector_paused
from chainkg.graph.model import MENTIONED_IN

T = TypeVar("T")

CACHE_KEY = "chainkg.adjacency"
"""The key of the whole index in ``G.__networkx_cache__``."""
LABELS_KEY = "chainkg.adjacency.labels"
OUTGOING_KEY = "chainkg.adjacency.outgoing"
"""The keys of the index's two parts, each made the first time a reader asks for it: a query
that reads no outgoing edges never makes them (on the 1,000-document graph about a third of a
second)."""

Edge = tuple[str, Any, dict[str, Any]]
"""(the node at the other end, the edge's key, the edge's data dict in the graph)."""

SCANNED: frozenset[str] = frozenset({MENTIONED_IN})
"""Relationship types the index leaves out, read from a node's own edges when asked for."""


@dataclass(frozen=True)
class Adjacency:
    """The index of one graph: node ids by label, and each node's outgoing edges by type."""

    labels: dict[str, list[str]]
    """Label -> node ids, in the graph's node order."""
    outgoing: dict[str, dict[str, list[Edge]]]
    """Relationship type -> node -> (target, key, data) of its outgoing edges of that type."""


def build_adjacency(G: nx.MultiDiGraph) -> Adjacency:
    """The whole index of ``G`` (its two parts, each from the cache when made already)."""
    return Adjacency(labelled(G), outgoing(G))


def labelled(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Label -> node ids, made in one pass over the nodes and cached (a node list, cheap)."""
    return cached(G, LABELS_KEY, _by_label)


def outgoing(G: nx.MultiDiGraph) -> dict[str, dict[str, list[Edge]]]:
    """Type -> node -> outgoing edges, made in one pass over ``G._succ`` the first time it is asked for."""
    return cached(G, OUTGOING_KEY, lambda G: _by_type(G._succ))


def _by_label(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for node, attrs in G._node.items():
        labels[attrs.get("label")].append(node)
    return dict(labels)


def _by_type(adj: dict[str, dict[str, dict[Any, dict[str, Any]]]]) -> dict[str, dict[str, list[Edge]]]:
    """Type -> node -> (other end, key, data), from networkx's own adjacency dict ``G._succ`` (the
    read-only views over it cost a call per step, a third of the time here)."""
    out: dict[str, dict[str, list[Edge]]] = {}
    for node, others in adj.items():
        for other, keyed in others.items():
            for key, data in keyed.items():
                if data.get("type") in SCANNED:
                    continue
                per_node = out.get(data.get("type"))
                if per_node is None:
                    per_node = out[data.get("type")] = {}
                edges = per_node.get(node)
                if edges is None:
                    per_node[node] = [(other, key, data)]
                else:
                    edges.append((other, key, data))
    return out


def adjacency(G: nx.MultiDiGraph) -> Adjacency:
    """The whole index of ``G``: from its cache while the graph is unchanged, else built and
    cached. The helpers below ask only for the part they read (labels or outgoing)."""
    return cached(G, CACHE_KEY, build_adjacency)


def cached(G: nx.MultiDiGraph, key: str, make: Callable[[nx.MultiDiGraph], T]) -> T:
    """``make(G)``, kept in networkx's cache of ``G`` under ``key`` until the graph changes. Only
    for what follows from the graph's nodes, labels and edges (networkx empties the cache when
    those change, not when a property changes)."""
    cache = getattr(G, "__networkx_cache__", None)
    if cache is None:  # a graph class without networkx's cache: made each time
        return make(G)
    if key not in cache:
        with collector_paused():  # made after a load (the graph frozen): collections would walk what is being made
            cache[key] = make(G)
    return cache[key]


def nodes_of(G: nx.MultiDiGraph, label: str) -> list[str]:
    """The ids of the nodes with ``label``, in the graph's node order (do not change the list)."""
    return labelled(G).get(label, [])


def edges_of_type(G: nx.MultiDiGraph, rel_type: str) -> dict[str, list[Edge]]:
    """Source node -> ``(target, key, data)`` of every ``rel_type`` edge, sources in the graph's
    node order (one loop over a type's edges, without a call per node; for a type the index
    leaves out, :data:`SCANNED`, one pass over every edge)."""
    if rel_type in SCANNED:
        found = {node: _scan(others, rel_type) for node, others in G._succ.items()}
        return {node: edges for node, edges in found.items() if edges}
    return outgoing(G).get(rel_type, {})


def out_edges(G: nx.MultiDiGraph, node: str, rel_type: str) -> list[Edge]:
    """``(target, key, data)`` of ``node``'s outgoing ``rel_type`` edges, parallel edges included."""
    if rel_type in SCANNED:
        return _scan(G._succ.get(node, {}), rel_type)
    return outgoing(G).get(rel_type, {}).get(node, [])


def in_edges(G: nx.MultiDiGraph, node: str, rel_type: str) -> list[Edge]:
    """``(source, key, data)`` of ``node``'s incoming ``rel_type`` edges, parallel edges included
    (read from the node's own predecessors: module docstring)."""
    return _scan(G._pred.get(node, {}), rel_type)


def _scan(others: dict[str, dict[Any, dict[str, Any]]], rel_type: str) -> list[Edge]:
    """``(other end, key, data)`` of the edges of one node's adjacency (``G._succ[node]`` or
    ``G._pred[node]``) of ``rel_type``, in networkx's order."""
    return [(other, key, data) for other, keyed in others.items() for key, data in keyed.items()
            if data.get("type") == rel_type]


def targets(G: nx.MultiDiGraph, node: str, rel_type: str) -> list[str]:
    """The nodes ``node`` points to along ``rel_type`` (once per edge, in edge order)."""
    return [t for t, _, _ in out_edges(G, node, rel_type)]


def sources(G: nx.MultiDiGraph, node: str, rel_type: str) -> list[str]:
    """The nodes that point to ``node`` along ``rel_type`` (once per edge, in edge order)."""
    return [s for s, _, _ in in_edges(G, node, rel_type)]
