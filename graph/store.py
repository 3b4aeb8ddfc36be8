"""The embedded store: the graph as networkx node-link JSON on disk (``OUT/graph.json``).

The file loads with plain networkx (``networkx.node_link_graph(json.load(f))``, networkx
>= 3.4 uses the ``"edges"`` key written here), so analysts can use it without chainkg.
In networkx the node key *is* the node id and the multigraph edge key *is* the
relationship key; they are not repeated as attributes.

Writes are atomic (temp file in the same folder, then ``os.replace``; mode from the umask) and deterministic:
nodes and edges sorted, keys sorted, so the same graph gives byte-identical files; indented by
two spaces a level (as ``json.dumps(..., indent=2)``), each value written by orjson's C encoder
(:func:`_json`). They are streamed: one node or edge is turned into text at a time (the file of 10,000 documents is over
a gigabyte; it is never one string in memory), and the SHA-256 of the bytes written is returned
for the snapshot (:mod:`chainkg.graph.snapshot`) so the file is not read back to hash it.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:建材", label="Chain", name="建材")
>>> G.add_edge("segment:建材/水泥", "chain:建材", key="PART_OF|segment:建材/水泥|chain:建材", type="PART_OF")
'PART_OF|segment:建材/水泥|chain:建材'
>>> p = pathlib.Path(tempfile.mkdtemp()) / "graph.json"
>>> digest = write_graph_json(G, p)
>>> H = read_graph_json(p)
>>> graphs_equal(G, H)
True
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import orjson

from chainkg.atomic import write_chunks
from chainkg.errors import ChainkgError
from chainkg.graph.evidence import MentionProps
from chainkg.graph.sharing import share_evidence

GRAPH_FILE = "graph.json"
"""The embedded store's file name inside an output folder (``OUT/graph.json``)."""


def graph_to_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data of ``G`` in a canonical order (nodes by id, edges by source, target, key)."""
    data = nx.node_link_data(G, edges="edges")
    data["nodes"] = sorted(data["nodes"], key=lambda n: n["id"])
    data["edges"] = sorted(data["edges"], key=lambda e: (e["source"], e["target"], e["key"]))
    return data


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
"""How :mod:`orjson` writes each value: keys sorted, indented by two spaces a level."""


def _json(value: Any, level: int) -> bytes:
    """``value`` as the JSON text it has at nesting ``level`` of the file: what
    ``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=2)`` gives as UTF-8, each line
    after the first indented by ``level`` levels, written by orjson's C encoder (the json module's
    encodes in Python once it indents: a step per value). The one difference is the spelling of
    some floats (``1e16`` for ``1e+16``, ``0.00001`` for ``1e-05``: the same numbers); JSON has no
    NaN nor infinity, written ``null`` (the graph holds none). A value orjson cannot write (not
    made of texts, numbers, booleans, None, lists, tuples and dicts with text keys) raises
    ``TypeError`` (``orjson.JSONEncodeError``), as ``json.dumps`` would.

    >>> v = {"b": [1, 2.5, "锂\\n"], "a": {"x": None, "y": True}, "c": [], "d": {}}
    >>> _json(v, 2).decode() == json.dumps(v, ensure_ascii=False, sort_keys=True, indent=2).replace("\\n", "\\n    ")
    True
    """
    return orjson.dumps(value, option=_OPTIONS).replace(b"\n", _BREAKS[level])


_BREAKS = (b"\n", b"\n  ", b"\n    ")
"""A line break followed by the indent of each level of the file a value is written at."""


def _array(items: Iterable[Any]) -> Iterator[bytes]:
    """A list at level 1 of the file, item by item, as ``json.dumps(..., indent=2)`` writes it."""
    first = True
    for item in items:
        yield (b"[\n    " if first else b",\n    ") + _json(item, 2)
        first = False
    yield b"[]" if first else b"\n  ]"


def graph_json_bytes(G: nx.MultiDiGraph) -> Iterator[bytes]:
    """The bytes of :func:`graph_to_data` as ``json.dumps(data, ensure_ascii=False, sort_keys=True,
    indent=2)`` gives it (but for the spelling of some floats: :func:`_json`), plus a final newline,
    in pieces, without the whole data or text in memory: nodes by id, edges by (source, target,
    key), each made into a dict only while it is written."""
    nodes = ({**G.nodes[n], "id": n} for n in sorted(G.nodes))
    edges = (_edge_data(keyed[k], u, v, k)  # sorted level by level: no list of all edges
             for u in sorted(G._succ) for v, keyed in sorted(G._succ[u].items()) for k in sorted(keyed))
    yield b'{\n  "directed": true,\n  "edges": '
    yield from _array(edges)
    yield b',\n  "graph": ' + _json(G.graph, 1) + b',\n  "multigraph": true,\n  "nodes": '
    yield from _array(nodes)
    yield b"\n}\n"


def _edge_data(props: dict[str, Any] | MentionProps, source: str, target: str, key: str) -> dict[str, Any]:
    """``{**props, "source": source, "target": target, "key": key}``; a MENTIONED_IN's
    :class:`~chainkg.graph.evidence.MentionProps` read off its tuple in one pass (its ``copy``),
    not name by name."""
    data = props.copy()
    data["source"], data["target"], data["key"] = source, target, key
    return data


def write_graph_json(G: nx.MultiDiGraph, path: Path) -> str:
    """Write ``G`` to ``path`` as node-link JSON, atomically, deterministically and streamed;
    return the SHA-256 (hex) of the bytes written."""
    digest = hashlib.sha256()
    write_chunks(path, graph_json_bytes(G), digest)
    return digest.hexdigest()


def read_graph_json(path: Path) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_graph_json`; a clear error if it is missing or bad."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ChainkgError(f"{path}: no graph there; run `chainkg build` first") from None
    except OSError as exc:
        raise ChainkgError(f"{path}: not a readable graph JSON file ({exc})") from None
    return parse_graph_json(raw, path)


def parse_graph_json(raw: bytes, path: Path) -> nx.MultiDiGraph:
    """The graph in ``raw``, the bytes of a file written by :func:`write_graph_json` (``path``
    names it in errors)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChainkgError(f"{path}: not a readable graph JSON file ({exc})") from None
    try:
        G = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise ChainkgError(f"{path}: not node-link graph data ({exc!r})") from None
    G = nx.MultiDiGraph(G)
    share_evidence(G)  # one object per equal value, as built (chainkg.graph.sharing)
    return G


def graphs_equal(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> bool:
    """Same nodes with the same attributes and same keyed edges with the same attributes."""
    return graph_to_data(G) == graph_to_data(H)
