"""A chain map: one industrial chain's segments upstream -> downstream, with who fills them.

The map is a grid drawn with the page's ``fixed`` layout (every node placed here, nothing
moves): segments form one row, left to right in template order (column = ``level`` 1, 2, …),
each styled by its coverage (:mod:`chainkg.graph.gaps`: covered, planned only, gap). The
projects whose product is in a segment hang below it in its column (``PRODUCES`` straight to
the segment; the product is among the project's facts), each company under its first project
in the chain; a project's label drops its company's name, which the company node below shows. Links into other chains (cross-chain ``SUPPLIES``) bring the other chain's
segment in as an external node above the row, half a column before (a source) or after (a
target) the segment it touches, named ``segment · chain``, with its own coverage and a link to
its chain map.

>>> import networkx as nx
>>> from chainkg.graph.model import node_id
>>> G = nx.MultiDiGraph()
>>> def seg(chain, name, order):
...     s = node_id("Segment", chain, name)
...     G.add_node(s, label="Segment", name=name, order=order, stage="upstream")
...     G.add_edge(s, node_id("Chain", chain), type="PART_OF")
...     return s
>>> for i, c in enumerate(["甲链", "乙链"]):
...     G.add_node(node_id("Chain", c), label="Chain", name=c, order=i)
>>> a, b, x = seg("甲链", "原料", 1), seg("甲链", "制品", 2), seg("乙链", "应用", 1)
>>> _ = G.add_edge(a, b, type="SUPPLIES"); _ = G.add_edge(b, x, type="SUPPLIES", cross_chain=True)
>>> view = chain_map(G, "chain:甲链")
>>> [(view.nodes[n]["name"], view.nodes[n]["level"], view.nodes[n]["style"]) for n in view]
[('原料', 1, 'unknown'), ('制品', 2, 'unknown'), ('应用 · 乙链', 3, 'unknown')]
>>> [(view.nodes[n]["x"], view.nodes[n]["y"]) for n in view]
[(170, 0), (340, 0), (425.0, -140)]
>>> view.edges[b, x]["cross_chain"]
True
"""

from __future__ import annotations

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.views.facts import Coverage, Links, chain_of_segment, coverage_of, neighbours, no_links, view_node

COLUMN = 170
"""Pixels between segment columns."""
ROW = 90
"""Pixels between the projects and companies stacked under a segment."""
FIRST_ROW = 95
"""Where the first project under a segment sits (the segment row is at 0)."""
OTHER_CHAINS_ROW = -140
"""Where segments of other chains sit (above the row, stacked upwards)."""


def chain_map(G: nx.MultiDiGraph, chain: str, links: Links = no_links, coverage: Coverage | None = None
              ) -> nx.DiGraph:
    """The view graph of chain ``chain`` (a chain id) in ``G``; ``G`` is only read.

    ``links`` gives each node's page; ``coverage`` may be passed when drawing many maps of one
    graph (it is computed from ``G`` otherwise).
    """
    if chain not in G or G.nodes[chain].get("label") != model.CHAIN:
        raise ChainkgError(f"{chain!r} is not a chain of the graph")
    coverage = coverage or coverage_of(G)
    rows = sorted((row for row in coverage.segments.values() if row["chain"] == chain),
                  key=lambda row: (row["order"] or 0, row["segment"]))
    levels = {row["segment"]: index + 1 for index, row in enumerate(rows)}
    view = nx.DiGraph()
    for segment, level in levels.items():
        view.add_node(segment, **view_node(G, segment, coverage, links, level=level), x=level * COLUMN, y=0)
    for segment in levels:
        for target in neighbours(G, segment, model.SUPPLIES):
            if target in levels:
                view.add_edge(segment, target, type=model.SUPPLIES)
    _attach_projects(G, view, rows, levels, coverage, links)
    _attach_other_chains(G, view, levels, coverage, links)
    return view


def _attach_projects(G: nx.MultiDiGraph, view: nx.DiGraph, rows: list[dict], levels: dict[str, int],
                     coverage: Coverage, links: Links) -> None:
    for row in rows:
        level = levels[row["segment"]]
        y = FIRST_ROW
        for project in row["projects"]:
            companies = neighbours(G, project, model.BUILDS, "in")
            view.add_node(project, **view_node(G, project, coverage, links, level=level,
                                               name=_short_name(G, project, companies)), x=level * COLUMN, y=y)
            y += ROW
            view.add_edge(project, row["segment"], type=model.PRODUCES)
            for company in companies:
                if company not in view:
                    view.add_node(company, **view_node(G, company, coverage, links, level=level),
                                  x=level * COLUMN, y=y)
                    y += ROW
                view.add_edge(company, project, type=model.BUILDS)


def _short_name(G: nx.MultiDiGraph, project: str, companies: list[str]) -> str:
    """The project's name without its one company's name in front (年产2万吨碳酸锂)."""
    name = str(G.nodes[project]["name"])
    if len(companies) == 1:
        company = str(G.nodes[companies[0]]["name"])
        if name.startswith(company) and name[len(company):].strip():
            return name[len(company):].strip()
    return name


def _attach_other_chains(G: nx.MultiDiGraph, view: nx.DiGraph, levels: dict[str, int], coverage: Coverage,
                         links: Links) -> None:
    last = max(levels.values(), default=0)
    stacked: dict[float, int] = {}
    for segment, level in levels.items():
        for direction, other_level, shift in (("in", level - 1, -0.5), ("out", min(level + 1, last + 1), 0.5)):
            for other in neighbours(G, segment, model.SUPPLIES, direction):
                if other in levels:
                    continue
                if other not in view:
                    name = f"{G.nodes[other]['name']} · {G.nodes[chain_of_segment(G, other)]['name']}"
                    x = (level + shift) * COLUMN
                    y = OTHER_CHAINS_ROW - stacked.get(x, 0) * ROW
                    stacked[x] = stacked.get(x, 0) + 1
                    view.add_node(other, **view_node(G, other, coverage, links, name=name, level=other_level),
                                  x=x, y=y)
                source, target = (other, segment) if direction == "in" else (segment, other)
                view.add_edge(source, target, type=model.SUPPLIES, cross_chain=True)
