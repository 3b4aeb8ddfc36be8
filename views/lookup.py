"""Finding an entity by the name a user types, and the one view drawn for it (``chainkg view``).

A name matches a node of the wanted label by its name, id, aliases (companies), synonyms
(products) or slug (chains), compared as :func:`chainkg.graph.model.normalize_key` does
(NFKC, no spaces, ASCII lower-case). An unknown name is an error that lists close matches.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("company:赣锋锂业", label="Company", name="赣锋锂业", aliases=["赣锋锂电"])
>>> find_entity(G, "company", "赣锋锂电")
'company:赣锋锂业'
>>> try:
...     find_entity(G, "company", "赣锋锂")
... except ChainkgError as exc:
...     print(exc)
no company named '赣锋锂' in the graph; close matches: 赣锋锂电, 赣锋锂业
"""

from __future__ import annotations

import difflib

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph import model
from chainkg.views.chain_map import chain_map
from chainkg.views.entity import company_view, product_view
from chainkg.views.network import Layout

KINDS: dict[str, str] = {"chain": model.CHAIN, "company": model.COMPANY, "product": model.PRODUCT}
"""``chainkg view`` kinds and the node label each names."""


def entity_names(attrs: dict) -> list[str]:
    """Every name a node answers to: name, aliases, synonyms, slug (in that order, distinct)."""
    names = [str(attrs.get("name", ""))] + list(attrs.get("aliases", [])) + list(attrs.get("synonyms", []))
    if attrs.get("slug"):
        names.append(str(attrs["slug"]))
    return list(dict.fromkeys(n for n in names if n))


def find_entity(G: nx.MultiDiGraph, kind: str, name: str) -> str:
    """Id of the ``kind`` (chain/company/product) node called ``name``; ChainkgError with close matches."""
    if kind not in KINDS:
        raise ChainkgError(f"kind {kind!r} is not one of {list(KINDS)}")
    label, wanted = KINDS[kind], model.normalize_key(name)
    by_name: dict[str, str] = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("label") != label:
            continue
        if model.normalize_key(node.split(":", 1)[-1]) == wanted:
            return node
        for alias in entity_names(attrs):
            if model.normalize_key(alias) == wanted:
                return node
            by_name.setdefault(alias, node)
    close = difflib.get_close_matches(name, list(by_name), n=5, cutoff=0.5)
    hint = f"close matches: {', '.join(close)}" if close else f"{kind}s include: {', '.join(sorted(by_name)[:8])}"
    raise ChainkgError(f"no {kind} named {name!r} in the graph; {hint}")


def named_view(G: nx.MultiDiGraph, kind: str, name: str) -> tuple[nx.DiGraph, str, Layout]:
    """The stand-alone view of ``kind`` ``name``: (view graph, page title, layout); no links to other pages."""
    node = find_entity(G, kind, name)
    title = str(G.nodes[node]["name"])
    if kind == "chain":
        return chain_map(G, node), f"{title} 产业链图", "fixed"
    if kind == "company":
        return company_view(G, node), f"{title} · 企业", "hierarchical"
    return product_view(G, node), f"{title} · 产品", "hierarchical"
