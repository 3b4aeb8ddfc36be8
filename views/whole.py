"""The whole-graph view: every chain, segment, company and project, and the products something
makes and the places something is in, opened one chain at a time.

The page starts from one node per chain (with its project and company counts, and dashed links
where chains supply each other) and adds a chain's nodes when the user opens it
(``view.graph["explore"]``, :func:`explore_data`; the page script is ``assets/explore.js``);
it filters projects by chain, status and place and finds any node by name.

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

from collections.abc import Iterable
from typing import Any

from chainkg.graph import model
from chainkg.graph.adjacency import in_edges, nodes_of, out_edges, outgoing

from chainkg.views.facts import STATUS_ZH, Coverage, Links, chain_of_segment, coverage_of, no_links, view_node

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
    for node in drawable(G):
        view.add_node(node, **view_node(G, node, coverage, links))
    add_view_edges(G, view)
    view.graph["explore"] = explore_data(G, view, coverage)
    return view


def drawable(G: nx.MultiDiGraph) -> list[str]:
    """The nodes the whole-graph view may draw, sorted: all but documents, the products nothing
    makes, the places nothing is in and the national leaders only the curated file names."""
    def shown(node: str, label: str) -> bool:
        if label == model.DOCUMENT or (label in _NEEDS_FACT and not _has_fact(G, node, _NEEDS_FACT[label])):
            return False
        return not (label == model.COMPANY and G.nodes[node].get("template"))

    return [node for node, label in sorted(G.nodes(data="label")) if shown(node, label)]


def add_view_edges(G: nx.MultiDiGraph, view: nx.DiGraph) -> None:
    """Add to ``view`` one edge per pair of its nodes that ``G`` links (parallel relationships
    become one, the first type in order; evidence and LEADS_IN are never drawn)."""
    drawn = [(source, target, data) for rel, per_node in outgoing(G).items() if rel not in _LEFT_OUT
             for source in view for target, _, data in per_node.get(source, ()) if target in view]
    for source, target, data in sorted(drawn, key=lambda e: (e[0], e[1], e[2]["type"])):
        if not view.has_edge(source, target):
            view.add_edge(source, target, type=data["type"], cross_chain=bool(data.get("cross_chain", False)))


def chain_members(G: nx.MultiDiGraph, chain: str) -> set[str]:
    """Everything that belongs to chain ``chain``: its segments, their products, the projects
    making them, the companies building those, the places they are in, the statements about
    those products."""
    def ends(nodes: set[str], rel: str, direction: str) -> set[str]:
        edges = in_edges if direction == "in" else out_edges
        return {end for n in nodes for end, _, _ in edges(G, n, rel)}

    segments = ends({chain}, model.PART_OF, "in")
    products = ends(segments, model.IN_SEGMENT, "in")
    projects = {p for p in ends(products, model.PRODUCES, "in") if G.nodes[p]["label"] == model.PROJECT}
    statements = {n for n in ends(products, model.ABOUT, "in") if G.nodes[n]["label"] == model.STATEMENT}
    companies = ends(projects, model.BUILDS, "in") | ends(statements, model.BY, "out")
    places = ends(projects, model.LOCATED_IN, "out") | ends(statements, model.AT, "out")
    return segments | products | projects | statements | companies | places


def chain_order(G: nx.MultiDiGraph) -> list[str]:
    """The chain ids in the templates' order."""
    return sorted(nodes_of(G, model.CHAIN), key=lambda n: (G.nodes[n].get("order", 0), n))


def explore_data(G: nx.MultiDiGraph, view: nx.DiGraph, coverage: Coverage) -> dict[str, Any]:
    """What the whole-graph page needs to open as one node per chain and grow on demand:
    ``groups`` (per chain, in chain order: :func:`group_entry` with every member view node),
    ``unassigned`` (view nodes in no chain), ``links`` (:func:`chain_links`), ``filters``
    (project id -> [status in Chinese, place]) and the ``statuses`` and ``places`` the filters
    offer."""
    groups, grouped = [], set()
    for chain in chain_order(G):
        members = sorted(m for m in chain_members(G, chain) if m in view)
        grouped.update(members)
        groups.append(group_entry(G, chain, coverage, members, [view.nodes[m]["label"] for m in members]))
    unassigned = sorted(n for n in view if n not in grouped and view.nodes[n]["label"] != model.CHAIN)
    filters = project_filters(G, [n for n in view if view.nodes[n]["label"] == model.PROJECT])
    return {"groups": groups, "unassigned": unassigned, "links": chain_links(G, view), "filters": filters,
            **filter_choices(filters.values())}


def group_entry(G: nx.MultiDiGraph, chain: str, coverage: Coverage, members: list[str],
                labels: list[str]) -> dict[str, Any]:
    """A chain as the explorer shows it closed: id, name, the member view nodes the page holds,
    the chain's project and company counts (``labels``: the label of every member, drawn or not)
    and its coverage as ``covered``: [segments strong or present, segments, segments lacking]."""
    row = coverage.chains.get(chain, {})
    covered = [row.get("n_strong", 0) + row.get("n_present", 0), row.get("segments", 0), row.get("n_lacking", 0)]
    return {"id": chain, "name": str(G.nodes[chain]["name"]), "members": members, "covered": covered,
            "projects": labels.count(model.PROJECT), "companies": labels.count(model.COMPANY)}


def chain_links(G: nx.MultiDiGraph, view: nx.DiGraph) -> list[list[Any]]:
    """[chain, chain, number of cross-chain supply links between their segments in ``view``]."""
    chain_of = {n: chain_of_segment(G, n) for n, label in view.nodes(data="label") if label == model.SEGMENT}
    links: dict[tuple[str, str], int] = {}
    for source, target, cross in view.edges(data="cross_chain"):
        if cross and source in chain_of and target in chain_of and chain_of[source] != chain_of[target]:
            key = (chain_of[source], chain_of[target])
            links[key] = links.get(key, 0) + 1
    return [[a, b, k] for (a, b), k in sorted(links.items())]


def project_filters(G: nx.MultiDiGraph, projects: Iterable[str]) -> dict[str, list[str]]:
    """Project id -> [status as its Chinese step, place], what the page's filters test."""
    return {n: [_status_zh(G.nodes[n].get("status")), str(G.nodes[n].get("place") or "")] for n in projects}


def filter_choices(filters: Iterable[list[str]]) -> dict[str, list[str]]:
    """The ``statuses`` (in the scale's order) and ``places`` (sorted) that ``filters`` hold."""
    rows = list(filters)
    return {"statuses": [s for s in STATUS_ZH.values() if any(f[0] == s for f in rows)],
            "places": sorted({f[1] for f in rows if f[1]})}


def _has_fact(G: nx.MultiDiGraph, node: str, rel_type: str) -> bool:
    """A ``rel_type`` edge points at ``node`` (something makes the product, is in the place)."""
    return bool(in_edges(G, node, rel_type))


def _status_zh(status: object) -> str:
    """A project's status as its Chinese step (在建 …), whether stored as a key or already in Chinese."""
    text = str(status or "")
    return STATUS_ZH.get(text, text if text in STATUS_ZH.values() else "")
