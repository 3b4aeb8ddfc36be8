"""Every query of the library as a plain function over the embedded store (a networkx graph).

Each function answers the same question as ``queries/<name>.cypher`` and returns the same rows:
a list of dicts with the file's columns in the same order, sorted by the same ORDER BY, with
None where Cypher returns null. Coverage, standing and capacity classes come from
:mod:`chainkg.graph.gaps`, the one definition the Cypher files receive as parameters.

:data:`EMBEDDED` maps each query name to its function; the runner calls it with the bound
parameters (:func:`chainkg.queries.catalog.bind`).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("company:某某锂业", label="Company", name="某某锂业", aliases=["某某锂电"])
>>> search(G, "锂电")
[{'label': 'Company', 'id': 'company:某某锂业', 'name': '某某锂业', 'matched': '某某锂电'}]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from chainkg.graph.adjacency import cached, edges_of_type, in_edges, nodes_of, out_edges
from chainkg.graph.candidates import target_firms
from chainkg.graph.gaps import (
    STATES,
    TARGETS,
    capacity_class,
    capacity_totals as gap_capacity_totals,
    chain_gaps as gap_chain_gaps,
    project_standing,
    segment_coverage,
)
from chainkg.graph.model import (
    BUILDS, CHAIN, COMPANY, DOCUMENT, IN_SEGMENT, LOCATED_IN, MENTIONED_IN, PART_OF, PLACE, PRODUCES, PRODUCT,
    PROJECT, SEGMENT, SUPPLIES,
)
from chainkg.queries.catalog import get_query

Row = dict[str, Any]

# ----------------------------------------------------------------------------- graph helpers


def _targets(G: nx.MultiDiGraph, node: str, rel_type: str, label: str) -> list[str]:
    """Nodes of ``label`` that ``node`` points to along ``rel_type``."""
    return [t for t, _, _ in out_edges(G, node, rel_type) if G.nodes[t]["label"] == label]


def _sources(G: nx.MultiDiGraph, node: str, rel_type: str, label: str) -> list[str]:
    """Nodes of ``label`` that point to ``node`` along ``rel_type``."""
    return [s for s, _, _ in in_edges(G, node, rel_type) if G.nodes[s]["label"] == label]


def _first_name(G: nx.MultiDiGraph, nodes: Iterable[str]) -> str | None:
    """The smallest name among ``nodes`` (Cypher: ``head(COLLECT {… ORDER BY name})``), or None."""
    return min((G.nodes[n]["name"] for n in nodes), default=None)


def _names(G: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """The distinct names of ``nodes``, sorted."""
    return sorted({G.nodes[n]["name"] for n in nodes})


def _chains_named(G: nx.MultiDiGraph, ref: str) -> set[str]:
    """Chains whose name or id is ``ref``."""
    return {n for n in nodes_of(G, CHAIN) if n == ref or G.nodes[n]["name"] == ref}


def _chain_of(G: nx.MultiDiGraph, segment: str) -> str | None:
    return next(iter(_targets(G, segment, PART_OF, CHAIN)), None)


def _order(G: nx.MultiDiGraph, node: str | None) -> tuple[int, str]:
    """Sort key of a chain or segment: its ``order``, then its id."""
    return (G.nodes[node].get("order", 0), node) if node is not None else (0, "")


def _segment_key(G: nx.MultiDiGraph, segment: str) -> tuple[tuple[int, str], tuple[int, str]]:
    """Sort key of a segment: its chain's order and id, then its own."""
    return (_order(G, _chain_of(G, segment)), _order(G, segment))


def _project_columns(G: nx.MultiDiGraph, project: str) -> Row:
    """What every project listing shows about a project (see chain_projects.cypher)."""
    p = G.nodes[project]
    return {
        "project_id": project,
        "project": p.get("name"),
        "company": _first_name(G, _sources(G, project, BUILDS, COMPANY)),
        "capacity": p.get("capacity_text"),
        "capacity_base_value": p.get("capacity_base_value"),
        "capacity_base_unit": p.get("capacity_base_unit"),
        "status": p.get("status"),
        "status_rank": p.get("status_rank", 0),
        "status_text": p.get("status_text"),
        "mode": p.get("mode"),
        "standing": project_standing(p),
        "capacity_class": capacity_class(p),
        "place": _first_name(G, _targets(G, project, LOCATED_IN, PLACE)),
    }


def _placement(G: nx.MultiDiGraph, project: str) -> list[tuple[str | None, str | None, str | None]]:
    """(product, segment, chain) of each product ``project`` produces (OPTIONAL MATCH shape)."""
    out: list[tuple[str | None, str | None, str | None]] = []
    for product in _targets(G, project, PRODUCES, PRODUCT):
        placed = [(s, c) for s in _targets(G, product, IN_SEGMENT, SEGMENT) for c in _targets(G, s, PART_OF, CHAIN)]
        out += [(product, s, c) for s, c in placed] or [(product, None, None)]
    return out or [(None, None, None)]


def _name(G: nx.MultiDiGraph, node: str | None) -> str | None:
    return None if node is None else G.nodes[node].get("name")


def _columns(query: str) -> tuple[str, ...]:
    """The columns of ``queries/<query>.cypher``, in order: the rows here have exactly these."""
    return get_query(query).columns


def _pick(row: Row, query: str) -> Row:
    """``row`` cut down to the query's columns, in the query's order."""
    return {c: row[c] for c in _columns(query)}


# ----------------------------------------------------------------------------- chains and gaps


def chain_overview(G: nx.MultiDiGraph, chain: str) -> list[Row]:
    """Links of a chain in order with their coverage state and projects (chain_overview.cypher)."""
    chains = _chains_named(G, chain)
    rows = [
        {"chain": G.nodes[r["chain"]]["name"], "segment_order": r["order"], "segment": r["name"], "segment_id": seg,
         "stage": r["stage"], "coverage": r["coverage"], "coverage_zh": r["coverage_zh"], "target_zh": r["target_zh"],
         "fact_count": r["fact_count"], "projects": len(r["projects"]),
         "active_projects": len(r["active_projects"]), "companies": _names(G, r["companies"])}
        for seg, r in segment_coverage(G).items() if r["chain"] in chains
    ]
    return sorted(rows, key=lambda row: _segment_key(G, row["segment_id"]))


def segment_coverage_rows(G: nx.MultiDiGraph, chain: str | None = None) -> list[Row]:
    """Each link's state, target, reason and the facts behind it (segment_coverage.cypher)."""
    chains = None if chain is None else _chains_named(G, chain)
    rows = [
        {"chain": G.nodes[r["chain"]]["name"], "segment_order": r["order"], "segment": r["name"], "segment_id": seg,
         "stage": r["stage"], "state": r["coverage"], "state_zh": r["coverage_zh"], "target": r["target"],
         "target_zh": r["target_zh"], "reason": r["reason"] or None, "fact_count": r["fact_count"],
         "facts": list(r["facts"]), "sources": r["sources"], "disagreement": r["disagreement"] or None}
        for seg, r in segment_coverage(G, projects=False).items() if chains is None or r["chain"] in chains
    ]
    return sorted(rows, key=lambda row: _segment_key(G, row["segment_id"]))


def chain_gaps(G: nx.MultiDiGraph, chain: str | None = None) -> list[Row]:
    """The 补链 / 延链 / 强链 links of a chain, or of every chain, with reasons (chain_gaps.cypher)."""
    chains = None if chain is None else _chains_named(G, chain)
    rows = []
    for seg, r in segment_coverage(G, projects=False).items():
        if r["target"] is None or (chains is not None and r["chain"] not in chains):
            continue
        rows.append(((_order(G, r["chain"]), TARGETS.index(r["target"]), _order(G, seg)), {
            "chain": G.nodes[r["chain"]]["name"], "kind": r["target"], "kind_zh": r["target_zh"],
            "segment_order": r["order"], "segment": r["name"], "segment_id": seg, "stage": r["stage"],
            "coverage": r["coverage"], "coverage_zh": r["coverage_zh"], "reason": r["reason"] or None,
            "fact_count": r["fact_count"]}))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


def coverage_summary(G: nx.MultiDiGraph, official: bool | None = None) -> list[Row]:
    """Per chain: links per state, the held share, 补链 / 延链 / 强链 names (coverage_summary.cypher)."""
    rows = []
    for r in gap_chain_gaps(G):
        is_official = G.nodes[r["chain"]].get("official")
        if official is not None and is_official != official:
            continue
        rows.append((_order(G, r["chain"]), {
            "chain": r["name"], "official": is_official, "segments": r["segments"],
            **{state: r[f"n_{state}"] for state in STATES}, "coverage_ratio": r["coverage_ratio"],
            "fill": r["fill"], "extend": r["extend"], "strengthen": r["strengthen"],
        }))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


def linked_chains(G: nx.MultiDiGraph, chain: str) -> list[Row]:
    """Cross-chain SUPPLIES links touching a chain, with the flow's direction (linked_chains.cypher)."""
    chains = _chains_named(G, chain)
    rows = []
    for a, b, key, d in _supplies_edges(G):
        if d.get("cross_chain") is not True:
            continue
        ac, bc = _chain_of(G, a), _chain_of(G, b)
        if ac is None or bc is None or not {ac, bc} & chains:
            continue
        direction = "downstream" if ac in chains else "upstream"
        linked = bc if direction == "downstream" else ac
        rows.append(((direction, _order(G, linked), _order(G, a), _order(G, b), key), {
            "direction": direction, "linked_chain": _name(G, linked), "from_chain": _name(G, ac),
            "from_segment": _name(G, a), "to_chain": _name(G, bc), "to_segment": _name(G, b),
            "via": list(d.get("via", [])),
        }))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


# ----------------------------------------------------------------------------- supply paths


def _supplies_edges(G: nx.MultiDiGraph) -> list[tuple[str, str, Any, dict[str, Any]]]:
    """(source, target, key, data) of every SUPPLIES relationship, in the graph's edge order."""
    return [(a, b, key, d) for a, edges in edges_of_type(G, SUPPLIES).items() for b, key, d in edges]


def _supply_graph(G: nx.MultiDiGraph) -> nx.DiGraph:
    return nx.DiGraph([(a, b) for a, b, _, _ in _supplies_edges(G)
                       if G.nodes[a]["label"] == SEGMENT and G.nodes[b]["label"] == SEGMENT])


def _supply_reach(G: nx.MultiDiGraph, product: str, depth: int, upstream: bool) -> list[Row]:
    """Segments within ``depth`` SUPPLIES steps of the product's segment, with the fewest steps."""
    products = [n for n in nodes_of(G, PRODUCT) if product in (n, G.nodes[n]["name"])
                or product in G.nodes[n].get("synonyms", [])]
    starts = {(s, c) for p in products for s in _targets(G, p, IN_SEGMENT, SEGMENT) for c in _targets(G, s, PART_OF, CHAIN)}
    supply = _supply_graph(G)
    if upstream:
        supply = supply.reverse(copy=False)
    coverage = segment_coverage(G, projects=False)
    rows = []
    for start, start_chain in starts:
        if start not in supply:
            continue
        for seg, steps in nx.single_source_shortest_path_length(supply, start, cutoff=depth).items():
            chain = _chain_of(G, seg)
            if seg == start or chain is None:
                continue
            rows.append(((start, steps, _order(G, chain), _order(G, seg)), {
                "from_chain": _name(G, start_chain), "from_segment": _name(G, start), "depth": steps,
                "chain": _name(G, chain), "segment": _name(G, seg), "segment_id": seg,
                "stage": G.nodes[seg].get("stage"), "coverage": coverage[seg]["coverage"],
            }))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


def product_upstream(G: nx.MultiDiGraph, product: str, depth: int = 3) -> list[Row]:
    """Segments that supply a product's segment within ``depth`` steps (product_upstream.cypher)."""
    return _supply_reach(G, product, depth, upstream=True)


def product_downstream(G: nx.MultiDiGraph, product: str, depth: int = 3) -> list[Row]:
    """Segments a product's segment supplies within ``depth`` steps (product_downstream.cypher)."""
    return _supply_reach(G, product, depth, upstream=False)


# ----------------------------------------------------------------------------- projects and companies

def chain_projects(G: nx.MultiDiGraph, chain: str) -> list[Row]:
    """Projects of a chain with company, product, capacity, status and place (chain_projects.cypher)."""
    placements = _chain_placements(G)
    rows = []
    for c in _chains_named(G, chain):
        for key, project, product, seg in placements.get(c, ()):
            row = {"chain": _name(G, c), "segment_order": G.nodes[seg].get("order"), "segment": _name(G, seg),
                   "product": _name(G, product), **_project_columns(G, project)}
            rows.append((key, _pick(row, "chain_projects")))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


Placement = tuple[tuple[Any, ...], str, str, str]
"""(sort key, project, product, segment) of one project's product in a chain."""


def _chain_placements(G: nx.MultiDiGraph) -> dict[str, list[Placement]]:
    """Chain id -> the placements of its projects, sorted as chain_projects lists them. Made once
    per graph and kept in its cache (it follows from the graph's structure and the templates'
    ``order``): a chain's listing then reads its own projects, not every project of the graph."""
    return cached(G, "chainkg.chain_placements", _make_chain_placements)


def _make_chain_placements(G: nx.MultiDiGraph) -> dict[str, list[Placement]]:
    out: dict[str, list[Placement]] = {}
    for project in nodes_of(G, PROJECT):
        for product, seg, c in _placement(G, project):
            if c is not None:
                out.setdefault(c, []).append(((_order(G, c), _order(G, seg), project), project, product, seg))
    return {c: sorted(found, key=lambda placement: placement[0]) for c, found in out.items()}


def company(G: nx.MultiDiGraph, company: str) -> list[Row]:
    """A company's names and documents, and each of its projects (company.cypher)."""
    found = [n for n in nodes_of(G, COMPANY)
             if company in (n, G.nodes[n]["name"]) or company in G.nodes[n].get("aliases", [])]
    rows = []
    for cid in found:
        c = G.nodes[cid]
        head = {"company_id": cid, "company": c["name"], "aliases": list(c.get("aliases", [])),
                "merge_rules": list(c.get("merge_rules", [])),
                "documents": [G.nodes.get(f"document:{d}", {}).get("title") for d in c.get("docs", [])]}
        projects = _targets(G, cid, BUILDS, PROJECT)
        if not projects:  # OPTIONAL MATCH: one row, the project columns null
            rows.append(((cid, True, ""), {c: head.get(c) for c in _columns("company")}))
        for project in projects:
            facts = _project_columns(G, project)
            for product, seg, ch in _placement(G, project):
                row = {**head, **facts, "product": _name(G, product), "segment": _name(G, seg), "chain": _name(G, ch)}
                rows.append(((cid, False, project), _pick(row, "company")))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


def projects_by_status(G: nx.MultiDiGraph, status: str | None = None, limit: int = 200) -> list[Row]:
    """Projects, most advanced status first, optionally of one status (projects_by_status.cypher).

    The projects in that order come from :func:`_projects_by_rank` (made once per graph); their
    rows are made only until ``limit`` rows exist (a project's rows share its place in the
    order), not for every project of the graph."""
    rows: list[Row] = []
    for project in _projects_by_rank(G).get(status, ()):
        if len(rows) >= limit:
            break
        facts = _project_columns(G, project)
        for product, seg, ch in _placement(G, project):
            row = {**facts, "product": _name(G, product), "segment": _name(G, seg), "chain": _name(G, ch)}
            rows.append(_pick(row, "projects_by_status"))
    return rows[:limit]


def _projects_by_rank(G: nx.MultiDiGraph) -> dict[str | None, list[str]]:
    """Status (None: any) -> its projects, highest ``status_rank`` first, then by id. Made once
    per graph and kept in its cache; like the coverage listings
    (:func:`chainkg.graph.gaps.segment_coverage`) it reads the projects' status as the build
    wrote it (a status changed in place by hand needs ``nx._clear_cache(G)``)."""
    return cached(G, "chainkg.projects_by_rank", _make_projects_by_rank)


def _make_projects_by_rank(G: nx.MultiDiGraph) -> dict[str | None, list[str]]:
    ranked = sorted((-G.nodes[p].get("status_rank", 0), p) for p in nodes_of(G, PROJECT))
    out: dict[str | None, list[str]] = {None: [p for _, p in ranked]}
    for _, p in ranked:
        if G.nodes[p].get("status") is not None:  # None is the key of "any status"
            out.setdefault(G.nodes[p]["status"], []).append(p)
    return out


def project_history(G: nx.MultiDiGraph, project: str) -> list[Row]:
    """Each status a source reported for a project, oldest first (project_history.cypher)."""
    rows = []
    for pid in nodes_of(G, PROJECT):
        p = G.nodes[pid]
        if project not in (pid, p.get("name")):
            continue
        for doc, _, m in out_edges(G, pid, MENTIONED_IN):
            if m.get("status_text") is None or G.nodes[doc]["label"] != DOCUMENT:
                continue
            d = G.nodes[doc]
            date = m.get("date") or d.get("date") or ""
            rows.append(((pid, date, doc, m.get("sentence_index", 0)), {
                "project_id": pid, "project": p.get("name"), "current_status": p.get("status"), "date": date,
                "status": m.get("status"), "status_text": m["status_text"], "document_id": doc,
                "document": d.get("title"), "sheet": m.get("sheet"), "row": m.get("row"), "sentence": m.get("sentence"),
            }))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


# ----------------------------------------------------------------------------- evidence and search


def evidence(G: nx.MultiDiGraph, id: str) -> list[Row]:  # noqa: A002 - the query's parameter is called id
    """The documents and sentences that mention a node (evidence.cypher)."""
    if id not in G:
        return []
    node = G.nodes[id]
    rows = []
    for doc, key, m in out_edges(G, id, MENTIONED_IN):
        if G.nodes[doc]["label"] != DOCUMENT:
            continue
        d = G.nodes[doc]
        rows.append(((doc, m.get("sentence_index"), m.get("start"), m.get("end"), key), {
            "node_id": id, "label": node["label"], "name": node.get("name"), "document_id": doc,
            "document": d.get("title"), "published": d.get("published"), "sentence_index": m.get("sentence_index"),
            "sentence": m.get("sentence"), "start": m.get("start"), "end": m.get("end"),
            "status_text": m.get("status_text"), "rule": m.get("rule"), "rule_zh": m.get("rule_zh"),
        }))
    return [row for _, row in sorted(rows, key=lambda kr: kr[0])]


def search(G: nx.MultiDiGraph, text: str, label: str | None = None, limit: int = 50) -> list[Row]:
    """Nodes whose name, alias or synonym contains ``text``, ignoring case (search.cypher)."""
    needle = text.lower()
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("name") is None or (label is not None and d["label"] != label):
            continue
        names = [d["name"], *d.get("aliases", []), *d.get("synonyms", [])]
        matched = next((x for x in names if needle in x.lower()), None)
        if matched is not None:
            rows.append({"label": d["label"], "id": n, "name": d["name"], "matched": matched})
    rows.sort(key=lambda r: (len(r["name"]), r["name"], r["id"]))
    return rows[:limit]


# ----------------------------------------------------------------------------- capacity


def capacity_totals(G: nx.MultiDiGraph, product: str | None = None, chain: str | None = None) -> list[Row]:
    """Capacity per product, operating / under construction / planned (capacity_totals.cypher)."""
    return [r for r in gap_capacity_totals(G)
            if (product is None or r["product"] == product) and (chain is None or r["chain"] == chain)]


def targets(G: nx.MultiDiGraph, chain: str | None = None) -> list[Row]:
    """Candidate firms for each 补链 / 延链 / 强链 link, ranked, with reason and source (targets.cypher)."""
    return target_firms(G, chain)


EMBEDDED: dict[str, Callable[..., list[Row]]] = {
    "capacity_totals": capacity_totals,
    "chain_gaps": chain_gaps,
    "chain_overview": chain_overview,
    "chain_projects": chain_projects,
    "company": company,
    "coverage_summary": coverage_summary,
    "evidence": evidence,
    "linked_chains": linked_chains,
    "product_downstream": product_downstream,
    "product_upstream": product_upstream,
    "project_history": project_history,
    "projects_by_status": projects_by_status,
    "search": search,
    "segment_coverage": segment_coverage_rows,
    "targets": targets,
}
"""Query name -> its embedded implementation (the same names as the ``.cypher`` files)."""

EVIDENCE_QUERIES: frozenset[str] = frozenset({"evidence", "project_history", "targets"})
"""The queries that read the evidence (MENTIONED_IN: sentences, dates, sources); every other one
answers the same on the graph without it (``graph.facts.pickle``, :mod:`chainkg.graph.snapshot`,
which ``chainkg query`` loads faster; tests/test_queries_embedded.py checks both ways)."""
