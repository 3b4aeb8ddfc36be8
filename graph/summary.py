"""What ``chainkg build`` prints: counts per label, projects per chain, unmapped products, and
the chain count the text states against the chains it names.

Plain data first (:func:`summarize`), text second (:func:`format_summary`), so tests and other
callers can use the numbers.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:建材", label="Chain", name="建材", order=1)
>>> G.add_node("project:-/水泥/-", label="Project", name="水泥", chain="建材")
>>> G.add_node("product:新奇材料", label="Product", name="新奇材料")
>>> G.add_node("product:乳粉", label="Product", name="乳粉", sector="食品制造业")
>>> s = summarize(G, stated_chains=12)
>>> s["labels"], s["projects_per_chain"], s["unmapped_products"], s["sector_products"]
({'Chain': 1, 'Product': 2, 'Project': 1}, {'建材': 1}, ['新奇材料'], {'食品制造业': ['乳粉']})

A product in no chain that the general lexicon (``data/products.yaml``) knows is no unmapped
junk: it is listed under its GB/T 4754 major group (``sector``), apart from the unmapped ones.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from chainkg.graph.model import CHAIN, COMPANY, PRODUCT, PROJECT


def summarize(G: nx.MultiDiGraph, stated_chains: int) -> dict[str, Any]:
    """Counts of the built graph as plain data."""
    labels = Counter(d["label"] for _, d in G.nodes(data=True))
    rels = Counter(d["type"] for _, _, d in G.edges(data=True))
    chains = sorted((d.get("order", 0), d["name"]) for _, d in G.nodes(data=True) if d["label"] == CHAIN)
    per_chain = Counter(d.get("chain") or "(no chain)" for _, d in G.nodes(data=True) if d["label"] == PROJECT)
    ordered = {name: per_chain[name] for _, name in chains if per_chain[name]}
    if per_chain["(no chain)"]:
        ordered["(no chain)"] = per_chain["(no chain)"]
    outside = [d for _, d in G.nodes(data=True) if d["label"] == PRODUCT and not d.get("segment")]
    unmapped = sorted(d["name"] for d in outside if not d.get("sector"))
    by_sector: dict[str, list[str]] = {}
    for d in sorted(outside, key=lambda d: (d.get("sector") or "", d["name"])):
        if d.get("sector"):
            by_sector.setdefault(d["sector"], []).append(d["name"])
    leaders = [n for n, d in G.nodes(data=True) if d["label"] == COMPANY and d.get("curated")]
    return {
        "labels": dict(sorted(labels.items())),
        "relationships": dict(sorted(rels.items())),
        "chains_named": len(chains),
        "chains_stated": stated_chains,
        "projects_per_chain": ordered,
        "unmapped_products": unmapped,
        "sector_products": by_sector,
        "curated_leaders": len(leaders),
        "curated_in_documents": sum(1 for n in leaders if G.nodes[n].get("docs")),
    }


def format_summary(s: dict[str, Any]) -> str:
    """The summary as a few readable lines."""
    lines = [
        "nodes: " + ", ".join(f"{k} {v}" for k, v in s["labels"].items()),
        "relationships: " + ", ".join(f"{k} {v}" for k, v in s["relationships"].items()),
    ]
    named, stated = s["chains_named"], s["chains_stated"]
    if named != stated:
        lines.append(f"chains: {named} named, the text says {stated} (mismatch kept: no chain dropped or merged)")
    else:
        lines.append(f"chains: {named}")
    lines.append("projects per chain: " + (", ".join(f"{k} {v}" for k, v in s["projects_per_chain"].items()) or "none"))
    if s.get("curated_leaders"):
        lines.append(f"national leaders (data/industry_firms.yaml): {s['curated_leaders']} firms among the "
                     f"Company nodes, {s['curated_in_documents']} of them also named in the documents")
    unmapped = s["unmapped_products"]
    lines.append(f"unmapped products ({len(unmapped)}): " + ("、".join(unmapped) if unmapped else "none"))
    by_sector = s.get("sector_products") or {}
    if by_sector:
        lines.append(f"products in no chain, by GB/T 4754 sector ({sum(map(len, by_sector.values()))}): "
                     + "; ".join(f"{k} " + "、".join(v) for k, v in by_sector.items()))
    return "\n".join(lines)
