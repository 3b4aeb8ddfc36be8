"""A chain map: one industrial chain's segments upstream -> downstream, with who fills them.

Which nodes and edges the map holds is decided here; where they go is
:mod:`chainkg.views.layered` (columns along the supply order, a lane per branch, a card per
segment), drawn with the page's ``fixed`` layout. Each segment is styled by its coverage
(:mod:`chainkg.graph.gaps` through :func:`chainkg.views.facts.node_style`). Under it, in its
card: links into other chains (cross-chain ``SUPPLIES``) as short stubs named
``segment · other chain``, with that segment's own coverage and a link to its chain map; then
its projects (``PRODUCES`` to the segment, shown by the card), best standing first, each with
the company that builds it beside it (a project's label drops its company's name, which the
company node shows). Past :data:`chainkg.views.layered.MAX_ROWS` projects a "+N" node opens the
rest, up to :data:`chainkg.views.layered.MAX_CARD_ROWS` rows; the projects past those are only
counted and named in the "+N" node's panel.

A node drawn twice (a company with projects in two segments, another chain's segment linked to
two segments) is one node per place: the first keeps the knowledge-graph id, the others are
``id@segment`` with ``ref`` naming the id.

>>> import networkx as nx
>>> from chainkg.graph.model import node_id
>>> G = nx.MultiDiGraph()
>>> def seg(chain, name, order, branch=None):
...     s = node_id("Segment", chain, name)
...     G.add_node(s, label="Segment", name=name, order=order, stage="upstream", branch=branch)
...     G.add_edge(s, node_id("Chain", chain), type="PART_OF")
...     return s
>>> for i, c in enumerate(["甲链", "乙链"]):
...     G.add_node(node_id("Chain", c), label="Chain", name=c, order=i, branches=["钾", "锂"])
>>> a, b, c, x = seg("甲链", "原料", 1), seg("甲链", "锂盐", 2, "锂"), seg("甲链", "钾肥", 3, "钾"), seg("乙链", "应用", 1)
>>> _ = G.add_edge(a, b, type="SUPPLIES"); _ = G.add_edge(a, c, type="SUPPLIES")
>>> _ = G.add_edge(b, x, type="SUPPLIES", cross_chain=True)
>>> view = chain_map(G, "chain:甲链")
>>> [(view.nodes[n]["name"], view.nodes[n]["style"], view.nodes[n]["x"] // PITCH) for n in view]
[('原料', 'unknown', 0.0), ('锂盐', 'unknown', 1.0), ('钾肥', 'unknown', 1.0), ('应用 · 乙链', 'unknown', 1.0)]
>>> view.nodes[c]["y"] < view.nodes[b]["y"]   # the 钾 lane comes before the 锂 lane
True
>>> view.edges[b, x]["cross_chain"], [lane["name"] for lane in view.graph["lanes"]]
(True, ['共用环节', '钾', '锂'])
"""

from __future__ import annotations

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.status import rank
from chainkg.views.facts import (MAX_LISTED, Coverage, Links, chain_of_segment, coverage_of, neighbours, no_links,
                                 node_style, view_node)
from chainkg.views.layered import (MAX_CARD_ROWS, MAX_ROWS, PITCH, Card, lay_out, place_hidden, supply_columns,
                                   wrap_labels)

__all__ = ["PITCH", "chain_map"]

_STANDING_ORDER = {"present": 0, "building": 1, "planned": 2}


def chain_map(G: nx.MultiDiGraph, chain: str, links: Links = no_links, coverage: Coverage | None = None
              ) -> nx.DiGraph:
    """The view graph of chain ``chain`` (a chain id) in ``G``, laid out; ``G`` is only read.

    ``links`` gives each node's page; ``coverage`` may be passed when drawing many maps of one
    graph (it is computed from ``G`` otherwise).
    """
    if chain not in G or G.nodes[chain].get("label") != model.CHAIN:
        raise ChainkgError(f"{chain!r} is not a chain of the graph")
    coverage = coverage or coverage_of(G)
    rows = sorted((row for row in coverage.segments.values() if row["chain"] == chain),
                  key=lambda row: (row["order"] or 0, row["segment"]))
    segments = [row["segment"] for row in rows]
    view = nx.DiGraph()
    for segment in segments:
        view.add_node(segment, **view_node(G, segment, coverage, links))
    supplies = nx.DiGraph()
    supplies.add_nodes_from(segments)
    for segment in segments:
        for target in neighbours(G, segment, model.SUPPLIES):
            if target in view:
                view.add_edge(segment, target, type=model.SUPPLIES)
                supplies.add_edge(segment, target)
    placed: dict[str, dict[str, object]] = {}

    def add(node: str, segment: str, **extra: object) -> str:
        """Add ``node`` drawn in ``segment``'s card; a second drawing gets its own id and the
        first drawing's attributes (described once: a company in many cards costs one lookup)."""
        if node not in placed and node not in segments:
            placed[node] = view_node(G, node, coverage, links, **extra)  # type: ignore[arg-type]
            view.add_node(node, **placed[node])
            return node
        first = placed.get(node) or view.nodes[node]
        vid = f"{node}@{segment}"
        view.add_node(vid, **{**first, **({"name": extra["name"]} if "name" in extra else {}), "ref": node})
        return vid

    cards = []
    for row in rows:
        segment = row["segment"]
        card = Card(segment, str(G.nodes[segment].get("branch") or ""))
        for direction in ("in", "out"):
            for other in neighbours(G, segment, model.SUPPLIES, direction):
                if other in segments:
                    continue
                name = f"{G.nodes[other]['name']} · {G.nodes[chain_of_segment(G, other)]['name']}"
                stub = add(other, segment, name=name)
                source, target = (stub, segment) if direction == "in" else (segment, stub)
                view.add_edge(source, target, type=model.SUPPLIES, cross_chain=True)
                card.stubs.append(stub)
        projects = sorted(row["projects"], key=lambda p: _project_order(G, coverage, p))
        undrawn: list[str] = []
        for project in projects:
            if len(card.rows) >= MAX_CARD_ROWS:
                undrawn.append(project)
                continue
            companies = neighbours(G, project, model.BUILDS, "in")
            shown = add(project, segment, name=_short_name(G, project, companies))
            view.add_edge(shown, segment, type=model.PRODUCES, grouped=True)
            for i, company in enumerate(companies or [None]):
                drawn = add(company, segment) if company else None
                if drawn:
                    view.add_edge(drawn, shown, type=model.BUILDS)
                card.rows.append((shown if i == 0 else None, drawn))
        hidden = len(card.rows) - MAX_ROWS
        if hidden > 0:
            names = [view.nodes[p]["name"] for p, _ in card.rows[MAX_ROWS:] if p]
            card.expander = f"more:{segment}"
            facts = [("其余项目", "、".join(names))]
            if undrawn:
                facts.append(("未画出的项目", _undrawn_text(G, undrawn)))
            view.add_node(card.expander, label=model.PROJECT, name=f"+{len(names) + len(undrawn)} 个项目",
                          expands=True, facts=facts)
        cards.append(card)
    branches = [str(b) for b in G.nodes[chain].get("branches") or []]
    lanes = [""] + branches + sorted({c.lane for c in cards} - set(branches) - {""})
    wrap_labels(view, cards)
    lay_out(view, cards, lanes, supply_columns(supplies))
    place_hidden(view)
    return view


def _undrawn_text(G: nx.MultiDiGraph, projects: list[str]) -> str:
    """The projects a card has no room for: how many, the first names, and where all are listed."""
    names = "、".join(str(G.nodes[p]["name"]) for p in projects[:MAX_LISTED])
    more = f" … 等{len(projects)}个" if len(projects) > MAX_LISTED else ""
    return f"{names}{more}(全部项目见总览页的项目表)"


def _project_order(G: nx.MultiDiGraph, coverage: Coverage, project: str) -> tuple:
    """Projects in a card: operating first, then being built, then planned; higher status first."""
    attrs = G.nodes[project]
    return (_STANDING_ORDER.get(node_style(G, project, coverage) or "", 3), -rank(attrs.get("status")),
            str(attrs.get("name")), project)


def _short_name(G: nx.MultiDiGraph, project: str, companies: list[str]) -> str:
    """The project's name without its one company's name in front (年产2万吨碳酸锂)."""
    name = str(G.nodes[project]["name"])
    if len(companies) == 1:
        company = str(G.nodes[companies[0]]["name"])
        if name.startswith(company) and name[len(company):].strip():
            return name[len(company):].strip()
    return name
