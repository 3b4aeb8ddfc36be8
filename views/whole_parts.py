"""The whole-graph page at any corpus size: a bounded overview in the page, each chain's
members in a file of its own that the page loads when the chain is opened.

A graph of a few thousand view nodes keeps the full view of :func:`chainkg.views.whole.whole_graph_view`
(every node in the page). Past :data:`FULL_VIEW_MAX_NODES` one page would grow with the corpus
(50 MB at 1,000 synthetic documents, 500 MB at 10,000), so the page holds only:

- every chain with its coverage line, project and company counts (all members counted);
- every segment with its coverage and every product something makes;
- per chain its :data:`OVERVIEW_TOP` most connected companies (most relationships in the
  knowledge graph, evidence included: the firms the sources say most about) and projects (those
  of the firms drawn first, in turns, then the most connected), so firms are drawn with their projects.

Opening a chain loads ``whole/<hash>.js`` beside the page (a ``<script>`` the page adds: it works
from ``file://`` and in an iframe, where a page may not read files) with that chain's next most
connected members chosen the same way, at most :data:`PART_TOP` of each label; what is left out is counted on the
page, and every project is in the index's project table and on its product's page. The files
are bounded too, so page and files stay the same size from 1,000 to 100,000 documents.

>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:甲链", label="Chain", name="甲链")
>>> G.add_node("segment:甲链/乙", label="Segment", name="乙")
>>> _ = G.add_edge("segment:甲链/乙", "chain:甲链", type="PART_OF")
>>> whole_graph(G).parts
{}
>>> whole = whole_graph(G, max_full=1)
>>> sorted(whole.parts), list(whole.view), whole.view.graph["explore"]["groups"][0]["file"]
(['whole/4a5d5e7dc053.js'], ['chain:甲链', 'segment:甲链/乙'], 'whole/4a5d5e7dc053.js')
"""

from __future__ import annotations

import hashlib
from collections.abc import Set
from dataclasses import dataclass

import networkx as nx

from chainkg.graph import model
from chainkg.views.facts import Coverage, Links, coverage_of, no_links, view_node
from chainkg.views.whole import (add_view_edges, chain_links, chain_members, chain_order, drawable, filter_choices,
                                 group_entry, project_filters, whole_graph_view)

FULL_VIEW_MAX_NODES = 3000
"""Above this many view nodes the page is bounded (a full page of 3,000 nodes is about 4 MB)."""
OVERVIEW_TOP = 5
"""The most connected companies and projects of each chain drawn in the page itself."""
PART_TOP = {model.COMPANY: 100, model.PROJECT: 150, model.STATEMENT: 50, model.PLACE: 40, model.PRODUCT: 100}
"""The most nodes of each label in a chain's file, chosen in this order (products only for what
is in no chain: a chain's products are all in the page)."""
PART_FOLDER = "whole"
"""The folder of the chains' files, beside the page."""
UNASSIGNED = "cluster:unassigned"
"""The explorer's group of the nodes in no chain (the page script's name for it)."""


@dataclass(frozen=True)
class WholeGraph:
    """The whole-graph view as written: ``view`` is the page's view graph, ``parts`` maps a
    file (path relative to the page) to the view graph of its group's members (with the page's
    nodes they link to; :func:`chainkg.views.page.render_part_pieces` leaves those out), and
    ``nodes`` is how many nodes the whole view has in all, drawn or in files or left out."""

    view: nx.DiGraph
    parts: dict[str, nx.DiGraph]
    nodes: int


def whole_graph(G: nx.MultiDiGraph, links: Links = no_links, coverage: Coverage | None = None,
                max_full: int | None = None) -> WholeGraph:
    """The whole-graph view of ``G``: the full view up to ``max_full`` view nodes (default
    :data:`FULL_VIEW_MAX_NODES`), else the bounded overview and one part per chain (and one
    for the nodes in no chain, if any); ``G`` is only read."""
    coverage = coverage or coverage_of(G)
    shown = drawable(G)
    if len(shown) <= (FULL_VIEW_MAX_NODES if max_full is None else max_full):
        return WholeGraph(whole_graph_view(G, links, coverage), {}, len(shown))
    in_view = set(shown)
    label = {n: G.nodes[n]["label"] for n in shown}
    degree = dict(G.degree(shown))  # once: a node is ranked in every chain it belongs to, twice
    chains = chain_order(G)
    members = {chain: sorted(m for m in chain_members(G, chain) if m in in_view) for chain in chains}
    grouped = set().union(*members.values())
    members[UNASSIGNED] = [n for n in shown if n not in grouped and label[n] != model.CHAIN]
    page: dict[str, list[str]] = {UNASSIGNED: []}
    for chain in chains:
        firms = _most_connected(G, members[chain], label, degree, model.COMPANY, OVERVIEW_TOP)
        page[chain] = ([m for m in members[chain] if label[m] in (model.SEGMENT, model.PRODUCT)] + firms
                       + _most_connected(G, members[chain], label, degree, model.PROJECT, OVERVIEW_TOP,
                                         set(firms)))
    view = nx.DiGraph()
    for node in chains + sorted({n for nodes in page.values() for n in nodes}):
        view.add_node(node, **view_node(G, node, coverage, links))
    add_view_edges(G, view)
    parts = {}
    for key, nodes in members.items():
        if not nodes:  # nothing outside the chains
            continue
        rest = [n for n in nodes if n not in view]
        chosen: list[str] = []
        for lab, top in PART_TOP.items():
            chosen += _most_connected(G, rest, label, degree, lab, top, set(view).union(chosen))
        part = nx.DiGraph(view)
        for node in chosen:
            part.add_node(node, **view_node(G, node, coverage, links))
        add_view_edges(G, part)
        part.graph = {"group": key, "filters": project_filters(G, [n for n in chosen if label[n] == model.PROJECT])}
        parts[part_path(key)] = part
    groups = [{**group_entry(G, chain, coverage, page[chain], [label[m] for m in members[chain]]),
               "file": part_path(chain), "total": len(members[chain])} for chain in chains]
    view.graph["explore"] = {
        "groups": groups, "unassigned": [], "unassignedTotal": len(members[UNASSIGNED]),
        **({"unassignedFile": part_path(UNASSIGNED)} if members[UNASSIGNED] else {}), "links": chain_links(G, view),
        "filters": project_filters(G, [n for n in view if label.get(n) == model.PROJECT]),
        **filter_choices(project_filters(G, [n for n in shown if label[n] == model.PROJECT]).values()),
    }
    return WholeGraph(view, parts, len(shown))


def part_path(group: str) -> str:
    """The file of a group's members, relative to the page: ``whole/<first 12 hex of the sha1
    of the chain id>.js`` (ASCII, stable across builds), ``whole/unassigned.js`` for the nodes in no chain.

    >>> part_path("chain:盐湖化工"), part_path(UNASSIGNED)
    ('whole/f947f7bb50b6.js', 'whole/unassigned.js')
    """
    name = "unassigned" if group == UNASSIGNED else hashlib.sha1(group.encode("utf-8")).hexdigest()[:12]
    return f"{PART_FOLDER}/{name}.js"


def _most_connected(G: nx.MultiDiGraph, nodes: list[str], label: dict[str, str], degree: dict[str, int],
                    wanted: str, top: int, drawn: Set[str] = frozenset()) -> list[str]:
    """The ``top`` nodes of label ``wanted`` among ``nodes``: first those a node in ``drawn``
    points at (a drawn firm's projects), taken in turns (each such firm's most connected one,
    then each one's second …, so many firms show a project rather than a few firms all of
    theirs), then the others; within a turn by the most relationships in ``G`` (``degree``,
    evidence included), ties by id."""
    candidates = sorted((n for n in nodes if label[n] == wanted), key=lambda n: (-degree[n], n))
    seen: dict[str, int] = {}
    turn: dict[str, int] = {}
    for n in candidates:
        owner = next((p for p in G.pred[n] if p in drawn), None)
        if owner is not None:
            turn[n] = seen.get(owner, 0)
            seen[owner] = turn[n] + 1
    return sorted(candidates, key=lambda n: (n not in turn, turn.get(n, 0)))[:top]
