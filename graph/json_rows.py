"""The rows a Neo4j load needs, read from ``graph.json`` as a stream, without a networkx graph.

``chainkg load`` used to read the whole file (:func:`chainkg.graph.store.read_graph_json`: the
parsed JSON, then a ``networkx.MultiDiGraph`` of it) and then turn the graph into rows
(:func:`chainkg.graph.neo4j_store.graph_rows`), holding the graph and the rows at once: 8.9 GB
for the 1.7 GB graph.json of 10,000 documents. Here the file is parsed item by item (``ijson``,
its C backend): each node or relationship becomes its checked row as it is read, and equal
values (a sentence that several mentions quote, a ``[doc]`` list, every endpoint id) are one
object (:class:`chainkg.graph.sharing.SharedValues`). The bulk load goes further and writes each
row to its CSV file as it comes, holding no rows at all (:mod:`chainkg.graph.neo4j_bulk`).

The file is read twice: the writer puts ``"edges"`` before ``"nodes"`` (sorted keys), and a
relationship's row needs its endpoints' labels, so the nodes come first (:meth:`GraphStream.nodes`),
then the relationships (:meth:`GraphStream.rels`). The rows are those
:func:`~chainkg.graph.neo4j_store.graph_rows` makes of the graph read from the same file, and
the same checks apply, plus two the networkx graph would have hidden: a node id written twice and
a relationship whose endpoint is no node are refused. JSON has no NaN or Infinity; a file holding
one (Python's ``json`` writes them) is refused with the position of the value.

>>> import networkx as nx, tempfile, pathlib
>>> from chainkg.graph.store import write_graph_json
>>> from chainkg.graph.neo4j_store import graph_rows
>>> G = nx.MultiDiGraph()
>>> G.add_node("company:a", label="Company", name="A", docs=["d1"])
>>> G.add_node("document:d1", label="Document", file="d1.txt", docs=["d1"])
>>> G.add_edge("company:a", "document:d1", key="MENTIONED_IN|a|d1", type="MENTIONED_IN", docs=["d1"])
'MENTIONED_IN|a|d1'
>>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.json"
>>> _ = write_graph_json(G, path)
>>> rows = read_graph_rows(path)
>>> rows == graph_rows(G)
True
>>> sorted(rows.nodes), rows.rels["MENTIONED_IN", "company:a", "MENTIONED_IN|a|d1"].target_label
(['company:a', 'document:d1'], 'Document')
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import ijson

from chainkg.errors import ChainkgError
from chainkg.graph.neo4j_store import GraphRows, NodeRow, RelRow, collect_rows, node_row, rel_row
from chainkg.graph.sharing import SharedValues, shared_props


def _items(path: Path, prefix: str) -> Iterator[dict[str, Any]]:
    """The objects of the array at ``prefix`` (``"nodes.item"``, ``"edges.item"``) of the file at
    ``path``, one at a time; a ChainkgError naming the file for anything unreadable."""
    try:
        with open(path, "rb") as fh:
            for index, item in enumerate(ijson.items(fh, prefix, use_float=True)):
                if type(item) is not dict:
                    raise ChainkgError(f"{path}: item {index} of {prefix.split('.')[0]!r} is not an object: "
                                       "not node-link graph data")
                yield item
    except FileNotFoundError:
        raise _no_graph(path) from None
    except (OSError, ijson.JSONError, UnicodeDecodeError) as exc:
        problem = " ".join(str(exc).split())  # ijson's message spans lines
        raise ChainkgError(f"{path}: not a readable graph JSON file ({problem})") from None


def _no_graph(path: Path) -> ChainkgError:
    return ChainkgError(f"{path}: no graph there; run `chainkg build` first")


def _field(item: dict[str, Any], name: str, what: str) -> Any:
    """``item.pop(name)``, or a ChainkgError naming the element that lacks it."""
    try:
        return item.pop(name)
    except KeyError:
        raise ChainkgError(f"{what} has no {name!r}: not node-link graph data") from None


@contextmanager
def in_file(path: Path) -> Iterator[None]:
    """A ChainkgError raised in the block names the file first (once: a block inside another names it
    already)."""
    try:
        yield
    except ChainkgError as exc:
        raise _named(path, exc) from None


def _named(path: Path, exc: ChainkgError) -> ChainkgError:
    """``exc`` with the file named first (itself when it names it already)."""
    return exc if str(exc).startswith(f"{path}: ") else ChainkgError(f"{path}: {exc}")


def _node_id(value: Any) -> Any:
    """A node id as one object wherever it is read (``sys.intern``): the relationships' endpoints
    and the nodes' ids share it."""
    return sys.intern(value) if type(value) is str else value


class GraphStream:
    """The rows of one graph.json, read as two streams: first :meth:`nodes`, then :meth:`rels`
    (which needs the labels the first one collected). Each row is checked as it is made;
    a ChainkgError names the file and the element."""

    def __init__(self, path: Path, share: bool = True) -> None:
        self.path = Path(path)
        self.share = share  # equal values of the relationships one object: for rows held, not for rows dropped
        if not self.path.is_file():  # said at once, before a caller stops or connects to anything
            raise _no_graph(self.path)
        self.labels: dict[str, str] = {}  # node id -> label, filled by nodes()
        self._read_nodes = False

    def nodes(self) -> Iterator[NodeRow]:
        """The node rows in file order; a node id written twice is an error."""
        for index, item in enumerate(_items(self.path, "nodes.item")):
            try:  # not `with in_file(…)`: a context manager per row costs a few percent of a bulk load
                node_id = _node_id(_field(item, "id", f"node {index}"))
                if type(node_id) is str and node_id in self.labels:
                    raise ChainkgError(f"node {node_id!r} is written twice")
                row = node_row(node_id, item)
            except ChainkgError as exc:
                raise _named(self.path, exc) from None
            self.labels[node_id] = row.label
            yield row
        self._read_nodes = True

    def rels(self) -> Iterator[RelRow]:
        """The relationship rows in file order, after :meth:`nodes` was read to its end; an
        endpoint that is no node is an error. Duplicate identities are the caller's to refuse
        (:func:`chainkg.graph.neo4j_store.new_rel_identity`)."""
        if not self._read_nodes:
            raise RuntimeError("GraphStream.rels() before nodes() was read to its end")
        shared = SharedValues() if self.share else None
        for index, item in enumerate(_items(self.path, "edges.item")):
            what = f"relationship {index}"
            try:
                source, target = (_node_id(_field(item, end, what)) for end in ("source", "target"))
                key = _field(item, "key", what)
                row = rel_row(source, target, key, item if shared is None else shared_props(item, shared), self.labels)
            except ChainkgError as exc:
                raise _named(self.path, exc) from None
            yield row


def read_graph_rows(path: Path) -> GraphRows:
    """The rows of the graph in ``path`` (a graph.json :func:`chainkg.graph.store.write_graph_json`
    wrote), as :func:`~chainkg.graph.neo4j_store.graph_rows` makes them of the graph read from
    it, without building that graph."""
    stream = GraphStream(path)
    with in_file(stream.path):
        return collect_rows(stream.nodes(), stream.rels())
