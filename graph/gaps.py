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

**Per chain** (:func:`chain_gaps`): coverage ratio = covered segments / segments;
补链 (``fill``) = the gap segments; 延链 (``extend``) = segments not covered whose order is
after the last covered segment of the chain; 强链 (``strengthen``) = covered segments that rest
on a single project or a single company.

>>> project_standing({"status_rank": 4, "mode": "reported"})
'active'
>>> project_standing({"status_rank": 4, "mode": "planned"})
'planned'
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from chainkg.graph.model import BUILDS, CHAIN, IN_SEGMENT, PART_OF, PRODUCES, PROJECT, SEGMENT
from chainkg.ingest.status import rank

ACTIVE_RANK: int = rank("under_construction")
"""Lowest status rank that makes a reported project count as covering its segment."""

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
    return "operating" if project.get("status_rank", 0) >= rank("trial") else "under_construction"


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
    """Per segment: ``coverage`` (covered/planned/gap), its projects, active projects, companies.

    Every template segment appears, in chain order then segment order.
    """
    projects = segment_projects(G)
    result: dict[str, dict[str, Any]] = {}
    segments = [(n, d) for n, d in G.nodes(data=True) if d["label"] == SEGMENT]
    segments.sort(key=lambda nd: (G.nodes[_chain_of(G, nd[0])].get("order", 0), nd[1].get("order", 0)))
    for seg, data in segments:
        ids = projects.get(seg, [])
        active = [p for p in ids if project_standing(G.nodes[p]) == "active"]
        companies = sorted({c for p in active for c, _, d in G.in_edges(p, data=True) if d["type"] == BUILDS})
        coverage = COVERED if active else PLANNED if ids else GAP
        result[seg] = {
            "segment": seg, "name": data["name"], "chain": _chain_of(G, seg), "stage": data.get("stage"),
            "order": data.get("order"), "coverage": coverage, "projects": ids, "active_projects": active,
            "companies": companies,
        }
    return result


def _chain_of(G: nx.MultiDiGraph, segment: str) -> str:
    return next(t for _, t, d in G.out_edges(segment, data=True) if d["type"] == PART_OF)


def chain_gaps(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Per chain, in chain order: segment coverage, ratio, 补链 / 延链 / 强链 segment names."""
    coverage = segment_coverage(G)
    per_chain: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in coverage.values():
        per_chain[row["chain"]].append(row)
    chains = sorted((d.get("order", 0), n) for n, d in G.nodes(data=True) if d["label"] == CHAIN)
    out = []
    for _, chain in chains:
        rows = per_chain.get(chain, [])
        covered = [r for r in rows if r["coverage"] == COVERED]
        last = max((r["order"] for r in covered), default=None)
        out.append({
            "chain": chain,
            "name": G.nodes[chain]["name"],
            "segments": len(rows),
            "covered": len(covered),
            "planned": sum(r["coverage"] == PLANNED for r in rows),
            "gaps": sum(r["coverage"] == GAP for r in rows),
            "coverage_ratio": round(len(covered) / len(rows), 4) if rows else 0.0,
            "fill": [r["name"] for r in rows if r["coverage"] == GAP],
            "extend": [r["name"] for r in rows if last is not None and r["order"] > last and r["coverage"] != COVERED],
            "strengthen": [r["name"] for r in covered if len(r["active_projects"]) == 1 or len(r["companies"]) <= 1],
        })
    return out


def capacity_totals(G: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Capacity per product (and its chain), split by :data:`CAPACITY_CLASSES`, per base unit.

    Only projects with a stated capacity count; figures in different base units (t, W, Wh …)
    are never added together.
    """
    totals: dict[tuple[str, str, str], dict[str, float]] = defaultdict(lambda: dict.fromkeys(CAPACITY_CLASSES, 0.0))
    for node, data in G.nodes(data=True):
        if data["label"] != PROJECT or "capacity_base_value" not in data:
            continue
        key = (data["product"], data.get("chain") or "", data["capacity_base_unit"])
        totals[key][capacity_class(data)] += float(data["capacity_base_value"])
    return [
        {"product": product, "chain": chain, "base_unit": unit, **values, "total": sum(values.values())}
        for (product, chain, unit), values in sorted(totals.items())
    ]

