"""Gap analysis: the one written definition of covered / planned / gap, used everywhere.

Every query (embedded and Cypher) and every view decides coverage with these rules; the Cypher
files receive the thresholds below as parameters instead of spelling them again.

**Project standing** (:func:`project_standing`)
  - ``active``: the project is reported (not only in this year's plans) and its status is at
    least ``under_construction`` on the status scale (开工建设, 有序推进, 试车, 投产 …:
    rank >= :data:`ACTIVE_RANK`).
  - ``planned``: every other project: negotiating (洽谈), signed (签约), preparing (备案立项,
    前期工作), or named only among this year's tasks, whatever verb the plan uses.

**Segment coverage** (:func:`segment_coverage`), over the projects whose product is in the
segment (``(Project)-[:PRODUCES]->(Product)-[:IN_SEGMENT]->(Segment)``):
  - ``covered``: at least one active project;
  - ``planned``: projects, but none active;
  - ``gap``: no project at all.

**Per chain** (:func:`chain_gaps`): coverage ratio = covered segments / segments, and three
kinds of targets for investment promotion:
  - 补链 (``fill``): the gap segments;
  - 延链 (``extend``): segments not covered that lie downstream of the chain's covered links:
    a covered segment of the chain reaches them along the chain's own SUPPLIES links, and
    nothing covered lies further down from them. Following the links rather than the segment
    numbering keeps branches apart (盐湖化工's potash, lithium and magnesium branches); a gap
    between two covered segments is 补链 only;
  - 强链 (``strengthen``): covered segments resting on a single active project, or whose active
    projects are all built by one named company.

**Capacity** (:func:`capacity_totals`): per Product node (the PRODUCES target, so synonyms
count together) and its chain, split operating (status rank >= :data:`TRIAL_RANK`, trial runs
included) / under construction (other active projects) / planned (the rest); figures in
different base units are never added.

>>> project_standing({"status_rank": 4, "mode": "reported"})
'active'
>>> project_standing({"status_rank": 4, "mode": "planned"})
'planned'
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from chainkg.graph.model import BUILDS, CHAIN, IN_SEGMENT, PART_OF, PRODUCES, PROJECT, SEGMENT, SUPPLIES
from chainkg.ingest.status import rank

ACTIVE_RANK: int = rank("under_construction")
"""Lowest status rank that makes a reported project count as covering its segment."""

TRIAL_RANK: int = rank("trial")
"""Lowest status rank whose capacity counts as operating (trial runs included)."""

REPORTED = "reported"
COVERED, PLANNED, GAP = "covered", "planned", "gap"

CAPACITY_CLASSES: tuple[str, ...] = ("operating", "under_construction", "planned")
"""How capacity totals are split: in operation (trial runs included), being built, planned."""


def project_standing(project: dict[str, Any]) -> str:
    """``active`` or ``planned`` for a Project node's properties (see the module docstring)."""
    active = project.get("mode") == REPORTED and project.get("status_rank", 0) >= ACTIVE_RANK
    return "active" if active else "planned"


def capacity_class(project: dict[str, Any]) -> str:
    """Which capacity total a project counts in: operating, under_construction or planned.

    >>> capacity_class({"status_rank": 6, "mode": "reported"})
    'operating'
    """
    if project_standing(project) == "planned":
        return "planned"
    return "operating" if project.get("status_rank", 0) >= TRIAL_RANK else "under_construction"


def segment_projects(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Segment id -> ids of the projects whose product is in that segment (sorted)."""
    by_segment: dict[str, set[str]] = defaultdict(set)
    for project, product, data in G.edges(data=True):
        if data["type"] != PRODUCES or G.nodes[project]["label"] != PROJECT:
            continue
        for _, segment, d in G.out_edges(product, data=True):
            if d["type"] == IN_SEGMENT:
                by_segment[segment].add(project)
    return {s: sorted(p) for s, p in by_segment.items()}


def segment_coverage(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Per segment: ``coverage`` (covered/planned/gap), its projects, its active projects, the
    companies building the active ones, and how many active projects name no company.

    Every template segment appears, in chain order then segment order.
    """
    projects = segment_projects(G)
    result: dict[str, dict[str, Any]] = {}
    segments = [(n, d) for n, d in G.nodes(data=True) if d["label"] == SEGMENT]
    segments.sort(key=lambda nd: (G.nodes[_chain_of(G, nd[0])].get("order", 0), nd[1].get("order", 0)))
    for seg, data in segments:
        ids = projects.get(seg, [])
        active = [p for p in ids if project_standing(G.nodes[p]) == "active"]
        builders = {p: {c for c, _, d in G.in_edges(p, data=True) if d["type"] == BUILDS} for p in active}
        coverage = COVERED if active else PLANNED if ids else GAP
        result[seg] = {
            "segment": seg, "name": data["name"], "chain": _chain_of(G, seg), "stage": data.get("stage"),
            "order": data.get("order"), "coverage": coverage, "projects": ids, "active_projects": active,
            "companies": sorted(set().union(*builders.values())),
            "unattributed": sum(not b for b in builders.values()),
        }
    return result


def _chain_of(G: nx.MultiDiGraph, segment: str) -> str:
    return next(t for _, t, d in G.out_edges(segment, data=True) if d["type"] == PART_OF)


def chain_supplies(G: nx.MultiDiGraph) -> nx.DiGraph:
    """The SUPPLIES links that stay inside one chain, as a plain directed graph of segments."""
    S = nx.DiGraph()
    S.add_nodes_from(n for n, d in G.nodes(data=True) if d["label"] == SEGMENT)
    S.add_edges_from((u, v) for u, v, d in G.edges(data=True) if d["type"] == SUPPLIES and not d.get("cross_chain"))
    return S


def is_strengthen_target(row: dict[str, Any]) -> bool:
    """强链: a covered segment on one active project, or on one named company alone."""
    if row["coverage"] != COVERED:
        return False
    return len(row["active_projects"]) == 1 or (len(row["companies"]) == 1 and row["unattributed"] == 0)


def chain_gaps(G: nx.MultiDiGraph, coverage: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Per chain, in chain order: segment counts, coverage ratio, 补链 / 延链 / 强链 segment names.

    ``coverage`` is :func:`segment_coverage` of ``G`` when the caller already has it.
    """
    coverage = segment_coverage(G) if coverage is None else coverage
    covered = {s for s, r in coverage.items() if r["coverage"] == COVERED}
    S = chain_supplies(G)
    per_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in coverage.values():
        per_chain[row["chain"]].append(row)
    chains = sorted((d.get("order", 0), n) for n, d in G.nodes(data=True) if d["label"] == CHAIN)
    out = []
    for _, chain in chains:
        rows = per_chain.get(chain, [])
        n_covered = sum(r["coverage"] == COVERED for r in rows)
        extend = [r["name"] for r in rows if r["coverage"] != COVERED
                  and nx.ancestors(S, r["segment"]) & covered and not nx.descendants(S, r["segment"]) & covered]
        out.append({
            "chain": chain,
            "name": G.nodes[chain]["name"],
            "segments": len(rows),
            "covered": n_covered,
            "planned": sum(r["coverage"] == PLANNED for r in rows),
            "gaps": sum(r["coverage"] == GAP for r in rows),
            "coverage_ratio": round(n_covered / len(rows), 4) if rows else 0.0,
            "fill": [r["name"] for r in rows if r["coverage"] == GAP],
            "extend": extend,
            "strengthen": [r["name"] for r in rows if is_strengthen_target(r)],
        })
    return out


def capacity_totals(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Capacity per Product node (and its chain), split by :data:`CAPACITY_CLASSES`, per base unit.

    Only projects with a stated capacity count; figures in different base units (t, W, Wh …)
    are never added together. ``chain`` is empty for a product mapped to no segment.
    """
    totals: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: dict.fromkeys(CAPACITY_CLASSES, 0.0))
    for project, product, data in G.edges(data=True):
        node = G.nodes[project]
        if data["type"] != PRODUCES or node["label"] != PROJECT or "capacity_base_value" not in node:
            continue
        segment = G.nodes[product].get("segment")
        chain = G.nodes[_chain_of(G, segment)]["name"] if segment else ""
        key = (G.nodes[product]["name"], chain, node["capacity_base_unit"])
        totals[key][capacity_class(node)] += float(node["capacity_base_value"])
    return [
        {"product": product, "chain": chain, "base_unit": unit, **values, "total": sum(values.values())}
        for (product, chain, unit), values in sorted(totals.items())
    ]
