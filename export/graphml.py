"""``chainkg export graphml``: the whole graph as GraphML, for Gephi, yEd and Cytoscape.

GraphML holds strings, numbers and booleans, so every list property (``docs``, ``aliases``,
``via`` …) is written as one text, its items joined with "|" (:data:`LIST_SEPARATOR`).
Each node keeps its properties and gets ``label`` = its name (what Gephi and yEd show as the
node's label) and ``type`` = its model label (Company, Project …; our ``label`` property moves
there); each relationship keeps its properties (``type`` is the relationship type) and gets
``label`` = its type. The GraphML ids are the node ids and relationship keys, so a file read
back with networkx (``nx.read_graphml(path, force_multigraph=True)``) has the same nodes,
relationships and values (lists as joined text).

>>> import networkx as nx, io
>>> G = nx.MultiDiGraph()
>>> G.add_node("company:甲", label="Company", name="甲", aliases=["甲", "甲公司"], docs=[])
>>> G.add_node("project:甲/乙/-", label="Project", name="甲乙", capacity_value=2.0)
>>> G.add_edge("company:甲", "project:甲/乙/-", key="BUILDS|x", type="BUILDS", docs=["d1"])
'BUILDS|x'
>>> H = graphml_graph(G)
>>> H.nodes["company:甲"]["label"], H.nodes["company:甲"]["type"], H.nodes["company:甲"]["aliases"]
('甲', 'Company', '甲|甲公司')
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import networkx as nx

LIST_SEPARATOR = "|"


def _value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if value is None:
        return ""
    return value


def graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` whose values GraphML can hold and whose labels Gephi and yEd show."""
    H = nx.MultiDiGraph()
    for node, attrs in G.nodes(data=True):
        props = {k: _value(v) for k, v in attrs.items() if k != "label"}
        H.add_node(node, **props, type=attrs["label"], label=str(attrs.get("name", node)))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _value(x) for k, x in attrs.items()}, label=attrs["type"])
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``G`` as GraphML (UTF-8) to ``path`` (atomically); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        nx.write_graphml(graphml_graph(G), tmp, encoding="utf-8", named_key_ids=True, edge_id_from_attribute=None)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
