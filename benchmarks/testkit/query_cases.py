"""Parameter cases for every library query, drawn from a built graph (the seeds' in the tests).

The same cases serve every comparison of one query's answers: Neo4j against the embedded store
(tests/test_queries_neo4j.py), and the graph with its evidence against the graph without it
(tests/test_queries_embedded.py).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from chainkg.status import SCALE


def names_of(G: nx.MultiDiGraph, label: str) -> list[str]:
    """The names of the nodes with ``label``, sorted."""
    return sorted(d["name"] for _, d in G.nodes(data=True) if d["label"] == label)


def ids_of(G: nx.MultiDiGraph, label: str) -> list[str]:
    """The ids of the nodes with ``label``, sorted."""
    return sorted(n for n, d in G.nodes(data=True) if d["label"] == label)


def parameter_cases(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Several parameter sets per query, drawn from the graph (every chain, company, project …)."""
    chains = names_of(G, "Chain")
    produced = sorted({G.nodes[t]["name"] for _, t, d in G.edges(data=True) if d["type"] == "PRODUCES"})
    evidenced = sorted({s for s, _, d in G.edges(data=True) if d["type"] == "MENTIONED_IN"})
    return {
        "capacity_totals": [{}, {"chain": "盐湖化工"}, {"product": "碳酸锂"}, {"product": "碳酸锂", "chain": "建材"}],
        "chain_gaps": [{}, {"chain": "chain:盐湖化工"}] + [{"chain": c} for c in chains],
        "chain_overview": [{"chain": c} for c in chains] + [{"chain": "chain:清洁能源"}, {"chain": "没有这条链"}],
        "chain_projects": [{"chain": c} for c in chains],
        "company": [{"company": c} for c in ids_of(G, "Company")] + [{"company": "赣锋锂电"}, {"company": "无此公司"}],
        "coverage_summary": [{}, {"official": True}, {"official": False}],
        "evidence": [{"id": n} for n in evidenced] + [{"id": "chain:建材"}, {"id": "company:无此公司"}],
        "linked_chains": [{"chain": c} for c in chains],
        "product_downstream": [{"product": p, "depth": d} for p in produced + ["电池级碳酸锂"] for d in (1, 3, 12)],
        "product_upstream": [{"product": p, "depth": d} for p in produced + ["晶硅组件"] for d in (1, 3, 12)],
        "projects_by_status": [{}, {"limit": 3}] + [{"status": s} for s in SCALE],
        "project_history": [{"project": p} for p in ids_of(G, "Project")] + [{"project": "南玻10万吨多晶硅"},
                                                                          {"project": "无此项目"}],
        "segment_coverage": [{}] + [{"chain": c} for c in chains] + [{"chain": "chain:盐湖化工"}, {"chain": "没有这条链"}],
        "search": [{"text": t} for t in ("锂", "昆仑", "pvc", "GW", "a", "硅")]
                  + [{"text": "锂", "label": "Company"}, {"text": "锂", "limit": 1}, {"text": "无此名"}],
        "targets": [{}, {"chain": "chain:盐湖化工"}, {"chain": "没有这条链"}] + [{"chain": c} for c in chains],
    }
