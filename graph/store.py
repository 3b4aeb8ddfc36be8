"""The embedded store: the graph as networkx node-link JSON on disk (``OUT/graph.json``).

The file loads with plain networkx (``networkx.node_link_graph(json.load(f))``, networkx
>= 3.4 uses the ``"edges"`` key written here), so analysts can use it without chainkg.
In networkx the node key *is* the node id and the multigraph edge key *is* the
relationship key; they are not repeated as attributes.

Writes are atomic (temp file in the same folder, then ``os.replace``; mode from the umask) and deterministic:
nodes and edges sorted, keys sorted, so the same graph gives byte-identical files. They are
streamed: one node or edge is turned into text at a time (the file of 10,000 documents is over
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
import math
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.atomic import write_chunks
from chainkg.errors import ChainkgError
from chainkg.graph.evidence import FIELDS as MENTION_FIELDS
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


def _dumps(value: Any, level: int) -> str:
    """``value`` as the JSON text it has at nesting ``level`` of the file: what
    ``json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)`` gives, each line after
    the first indented by ``level``. With an indent the json module encodes in Python, a
    generator per container and a step per value; the graph's plain values (dicts with text
    keys, lists, text, numbers) are joined here, each text and number by the encoder's own
    functions, in half the time. Any other value goes to ``json.dumps`` as it is.

    >>> v = {"b": [1, 2.5, "锂"], "a": {"x": None, "y": True}, "c": [], "d": {}, "e": float("inf")}
    >>> _dumps(v, 2) == json.dumps(v, ensure_ascii=False, sort_keys=True, indent=1).replace("\\n", "\\n  ")
    True
    """
    text = _plain(value, level)
    if text is None:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n" + " " * level)
    return text


def _float_text(value: float) -> str:
    """A float as the json module writes it (``NaN``, ``Infinity``, else its repr)."""
    if value != value:
        return "NaN"
    if value in (math.inf, -math.inf):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, float: _float_text,
    bool: lambda value: "true" if value else "false", type(None): lambda value: "null"}
"""How the json module writes a value of each of these exact types (``ensure_ascii=False``)."""


def _plain(value: Any, level: int) -> str | None:
    """:func:`_dumps` of ``value`` when it is made of plain values only (the types of
    :data:`_SCALARS`, lists, tuples and dicts with text keys), else None."""
    write = _SCALARS.get(type(value))
    if write is not None:
        return write(value)
    kind = type(value)
    if kind is not dict and kind is not list and kind is not tuple:
        return None
    if not value:
        return "{}" if kind is dict else "[]"
    pad = "\n" + " " * (level + 1)
    parts = []
    scalars = _SCALARS
    if kind is dict:
        keys = _KEY_TEXT
        for key, item in sorted(value.items()):
            if type(key) is not str:
                return None
            write = scalars.get(type(item))
            text = write(item) if write is not None else _plain(item, level + 1)
            if text is None:
                return None
            prefix = keys.get(key)
            if prefix is None:
                prefix = encode_basestring(key) + ": "
                if len(keys) < _KEY_TEXT_MAX:
                    keys[key] = prefix
            parts.append(prefix + text)
        return "{" + pad + ("," + pad).join(parts) + pad[:-1] + "}"
    for item in value:
        write = scalars.get(type(item))
        text = write(item) if write is not None else _plain(item, level + 1)
        if text is None:
            return None
        parts.append(text)
    return "[" + pad + ("," + pad).join(parts) + pad[:-1] + "]"


_KEY_TEXT: dict[str, str] = {}
"""A property name as the file writes it before its value (``"name": ``): the graph has a few
dozen names, each written hundreds of thousands of times."""
_KEY_TEXT_MAX = 4096


def _array(items: Iterable[Any]) -> Iterator[str]:
    """A list at level 1 of the file, item by item, as ``json.dumps(..., indent=1)`` writes it."""
    return _array_texts(_dumps(item, 2) for item in items)


def _array_texts(texts: Iterable[str]) -> Iterator[str]:
    """:func:`_array` of the items whose texts (:func:`_dumps` at level 2) are ``texts``."""
    first = True
    for text in texts:
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]" if first else "\n ]"


def graph_json_text(G: nx.MultiDiGraph) -> Iterator[str]:
    """The text of :func:`graph_to_data` as ``json.dumps(data, ensure_ascii=False, sort_keys=True,
    indent=1)`` gives it, plus a final newline, in pieces, without the whole data or text in memory:
    nodes by id, edges by (source, target, key), each made into a dict only while it is written."""
    nodes = ({**G.nodes[n], "id": n} for n in sorted(G.nodes))
    edges = ((keyed[k], u, v, k)  # sorted level by level: no list of all edges
             for u in sorted(G._succ) for v, keyed in sorted(G._succ[u].items()) for k in sorted(keyed))
    yield '{\n "directed": true,\n "edges": '
    yield from _array_texts(_edge_text(*edge) for edge in edges)
    yield f',\n "graph": {_dumps(G.graph, 1)},\n "multigraph": true,\n "nodes": '
    yield from _array(nodes)
    yield "\n}\n"


def _edge_text(props: dict[str, Any] | MentionProps, source: str, target: str, key: str) -> str:
    """The text of one relationship at level 2 of the file (:func:`_dumps` of :func:`_edge_data`).
    A MENTIONED_IN (most of the relationships) is written off its
    :class:`~chainkg.graph.evidence.MentionProps` tuple in the file's key order, worked out once
    (:data:`_MENTION_SLOTS`): no dict made and sorted per relationship.

    >>> props = MentionProps({"type": "MENTIONED_IN", "sentence": "甲。", "start": 0, "headings": ["一"]})
    >>> _edge_text(props, "company:甲", "document:d", "k") == _dumps(_edge_data(props, "company:甲", "document:d", "k"), 2)
    True
    """
    if type(props) is MentionProps:
        text = _mention_text((*props._values, source, target, key))
        if text is not None:
            return text
    return _dumps(_edge_data(props, source, target, key), 2)


_MENTION_SLOTS: tuple[tuple[int, str], ...] = tuple(
    (i, encode_basestring(name) + ": ")
    for name, i in sorted({name: i for i, name in enumerate((*MENTION_FIELDS, "source", "target", "key"))}.items()))
"""Where each property of a MENTIONED_IN written to the file is in its values (its
:class:`~chainkg.graph.evidence.MentionProps` tuple, then source, target and key), in the
file's (sorted) key order, with its name as the file writes it before the value."""


def _mention_text(values: tuple[Any, ...]) -> str | None:
    """:func:`_plain` at level 2 of the dict of a MENTIONED_IN's ``values`` (None ones left
    out, as the dict has none); None when a value is not plain."""
    parts = []
    scalars = _SCALARS
    for i, prefix in _MENTION_SLOTS:
        value = values[i]
        if value is None:
            continue
        write = scalars.get(type(value))
        text = write(value) if write is not None else _plain(value, 3)
        if text is None:
            return None
        parts.append(prefix + text)
    return "{\n   " + ",\n   ".join(parts) + "\n  }"


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
    write_chunks(path, graph_json_text(G), digest)
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
