"""A fast-loading copy of ``OUT/graph.json`` for queries and views: ``OUT/graph.pickle``.

``graph.json`` stays the store (node-link JSON anyone can read); turning it back into a
``networkx.MultiDiGraph`` costs seconds on a large corpus, on every ``chainkg query``. So
``chainkg build`` also writes the graph pickled (its nodes, relationships and properties as
they are, in parts: format 2 below), headed by the
SHA-256 of the exact bytes of the ``graph.json`` it was made with.
:func:`read_graph_fast` hashes ``graph.json`` (a fraction of the parse time) and unpickles the
snapshot only when that hash matches: a ``graph.json`` rewritten, edited, replaced or copied
from elsewhere is read from JSON, and the snapshot is written again for the next time. A
snapshot that cannot be read (truncated, another format, another networkx) counts as stale.

Most queries need no evidence, and the evidence (the MENTIONED_IN relationships, one per
mention, with its sentence, headings and offsets) is two thirds of the graph's objects. So a
second snapshot, ``graph.facts.pickle``, holds the graph without them (the same nodes, every
other relationship), headed by the same hash; ``read_graph_fast(...,
evidence=False)`` loads it, in a third of the time (``chainkg query`` for the queries that read
no MENTIONED_IN, :data:`chainkg.queries.embedded.EVIDENCE_QUERIES`). A graph loaded so is
marked (:data:`EVIDENCE_OMITTED` in ``G.graph``). It is written only for a graph whose coverage
is written on its nodes (:func:`chainkg.graph.gaps.is_annotated`: every build), since coverage
computed afresh reads the evidence's dates; when it is missing or stale, the whole snapshot (or
the JSON) is read instead.

The snapshot is pickles: load it only from an output folder you trust, as you would run its
code (it is the one ``chainkg build`` wrote for you; it is never shipped or shared). Writes are
atomic (temporary file, then rename).

**Format 3: a graph in parts.** One pickle of a whole graph makes the pickler remember every
object it wrote (its memo: one entry per string, list, tuple and dict, in a table that doubles),
the save stage's peak: +125 MiB at 1,000 documents, +740 MiB at 10,000 (``docs/scale.md``,
"Save-stage memory"). So the file is a row of small pickles, each by a pickler of its own, its
memo freed when it is written (:func:`_dump`): the header; the plan (node count, ``G.graph``);
the node ids in lists of :data:`PART_NODES` (marshalled, as the parts); the listings and capacity totals of
:data:`chainkg.graph.gaps.PER_GRAPH` (node ids in them written as indices, so they share the
graph's); each node's successors and predecessors in their order, as arrays of indices into the
id list; then the parts, each some thousands of nodes' property dicts and the relationships
written with those nodes (each node pair's ``{key: properties}`` dict once, its ends as
indices), closed at :data:`PART_RELATIONSHIPS`; a ``None`` last. The id lists and the parts are
written by :mod:`marshal`, not pickled (:func:`_write_plain`): the pickler takes a string's UTF-8
through ``PyUnicode_AsUTF8AndSize``, which keeps that UTF-8 inside every non-ASCII string it
writes for the string's life, so pickling the graph left a second copy of its Chinese text
(ids, keys, names, sentences) held by the build to its end: about 23 MiB at 1,000 documents,
some 230 at 10,000 (``docs/scale.md``, "The UTF-8 the pickler left behind"). :mod:`marshal`
encodes into a bytes object of its own and shares an object written twice in one value as
the pickler does (a reference), so a part loads as it did; a MENTIONED_IN's
:class:`~chainkg.graph.evidence.MentionProps` is written as its tuple of values (no other
relationship's properties are a tuple). Objects shared within a part
stay one object when loaded; across parts they would come back as copies, so a relationship is
written with the node it shares its values with (:func:`_home`): a mention with its document
(the sentence, headings and documents of the mentions of one sentence are one object each), any
other relationship with its end of fewer relationships (a project with its BUILDS and PRODUCES,
which share its list of documents). :func:`_load` makes the adjacency dicts from the orders (the
same order of successors and of predecessors as the graph written), puts each pair's dict into
both. The adjacency index (:mod:`chainkg.graph.adjacency`) holds the graph's own edge dicts, so
it is not written; nor is it made at load: each of its parts is made by the first reader that
asks for it, so a query pays only for what it reads. An older format's snapshot is stale (its
header differs) and the graph is read from graph.json, as for any stale one.

It is unpickled with the garbage collector paused: a graph is millions of small containers, and
collections triggered while they are made would walk all of them again and again for nothing.
A one-shot process (a command) also freezes what it loaded (``freeze``), so the collections its
work triggers do not walk the graph either.

>>> import tempfile
>>> from chainkg.graph.store import GRAPH_FILE, graphs_equal, write_graph_json
>>> G = nx.MultiDiGraph()
>>> G.add_node("chain:建材", label="Chain", name="建材")
>>> out = Path(tempfile.mkdtemp())
>>> snapshot = write_snapshot(G, out / GRAPH_FILE, write_graph_json(G, out / GRAPH_FILE))
>>> snapshot.name, snapshot_is_current(out / GRAPH_FILE)
('graph.pickle', True)
>>> graphs_equal(read_graph_fast(out / GRAPH_FILE), G)
True
>>> _ = G.add_edge("chain:建材", "document:d", type="MENTIONED_IN", sentence="…")
>>> _ = write_snapshot(G, out / GRAPH_FILE, write_graph_json(G, out / GRAPH_FILE))
>>> H = read_graph_fast(out / GRAPH_FILE, evidence=False)
>>> list(H.edges), H.graph[EVIDENCE_OMITTED], len(read_graph_fast(out / GRAPH_FILE).edges)
([], True, 1)
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import pickle
from array import array
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from chainkg.atomic import open_atomic
from chainkg.collector import collector_paused
from chainkg.errors import ChainkgError
from chainkg.graph.adjacency import cached
from chainkg.graph.evidence import FIELDS as MENTION_FIELDS
from chainkg.graph.evidence import MentionProps, from_values
from chainkg.graph.gaps import PER_GRAPH, is_annotated
from chainkg.graph.model import DOCUMENT, MENTIONED_IN
from chainkg.graph.store import parse_graph_json

log = logging.getLogger(__name__)

SNAPSHOT_FILE = "graph.pickle"
FACTS_FILE = "graph.facts.pickle"
FORMAT = 3

PART_NODES = 4096
"""At most this many nodes' properties in one part (and ids in one list of ids, orders in one list of orders)."""
PART_RELATIONSHIPS = 16384
"""A part is closed once it holds this many relationships (a node's own are never split): with
the nodes' properties, some tens of thousands of objects, a pickle memo of a few MiB."""

EVIDENCE_OMITTED = "chainkg.evidence_omitted"
"""Key in ``G.graph``, True on a graph loaded without its MENTIONED_IN relationships."""

_PROTOCOL = pickle.HIGHEST_PROTOCOL
_INDEX = "I"
"""The array type of node indices (unsigned, 4 bytes)."""


def snapshot_path(graph_path: Path) -> Path:
    """Where the snapshot of ``graph_path`` lives: beside the file it is, ``graph.pickle``.

    ``OUT/graph.json`` is a link into the current build (:mod:`chainkg.outputs`), so the link is
    followed: a snapshot written again lands in the build beside its graph.json (where
    ``OUT/graph.pickle`` points), never over the link ``OUT/graph.pickle``."""
    return Path(graph_path).resolve().with_name(SNAPSHOT_FILE)


def facts_path(graph_path: Path) -> Path:
    """Where the snapshot without evidence of ``graph_path`` lives: beside it, ``graph.facts.pickle``."""
    return snapshot_path(graph_path).with_name(FACTS_FILE)


def _read(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ChainkgError(f"{path}: no graph there; run `chainkg build` first") from None
    except OSError as exc:
        raise ChainkgError(f"{path}: cannot read the graph ({exc.strerror})") from None


def content_hash(path: Path) -> str:
    """SHA-256 of the bytes of ``path``, read in pieces (no copy of the whole file in memory);
    a clear error if it is missing."""
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except FileNotFoundError:
        raise ChainkgError(f"{path}: no graph there; run `chainkg build` first") from None
    except OSError as exc:
        raise ChainkgError(f"{path}: cannot read the graph ({exc.strerror})") from None


def _header(digest: str) -> dict[str, Any]:
    return {"format": FORMAT, "graph_sha256": digest, "networkx": nx.__version__, "marshal": marshal.version}


def write_snapshot(G: nx.MultiDiGraph, graph_path: Path, digest: str | None = None) -> Path:
    """Write ``G`` beside ``graph_path`` (format 2, module docstring), headed by the hash of
    ``graph_path`` (``G`` must be the graph that file holds; ``digest``: its hash when already
    known); and ``G`` without its evidence (``graph.facts.pickle``) when its coverage is written
    on its nodes (else any older one is removed)."""
    header = _header(digest or content_hash(graph_path))
    target = _dump(G, snapshot_path(graph_path), header, evidence=True)
    if is_annotated(G):
        _dump(G, facts_path(graph_path), header, evidence=False)
    else:
        facts_path(graph_path).unlink(missing_ok=True)
    return target


def _dump(G: nx.MultiDiGraph, target: Path, header: dict[str, Any], *, evidence: bool) -> Path:
    """Write ``G`` to ``target`` as the row of pickles of format 2, each by a pickler of its own
    (the memo of one holds one part's objects, never the graph's); without its MENTIONED_IN
    relationships unless ``evidence`` (marked :data:`EVIDENCE_OMITTED`; no copy of the graph
    made for it, each node's relationships are sifted as they are written)."""
    ids = list(G._node)
    index = {node: i for i, node in enumerate(ids)}
    listings = {key: cached(G, key, make) for key, make in PER_GRAPH.items()}  # kept in G's cache; none reads evidence
    with open_atomic(target) as fh:
        _write(fh, header)
        _write(fh, {"nodes": len(ids), "graph": G.graph if evidence else {**G.graph, EVIDENCE_OMITTED: True}})
        for start in range(0, len(ids), PART_NODES):
            _write_plain(fh, ids[start:start + PART_NODES])
        _IdPickler(fh, index).dump(listings)
        for start in range(0, len(ids), PART_NODES):
            chunk = ids[start:start + PART_NODES]
            _write(fh, ([_order(G._succ[n], evidence, index) for n in chunk],
                        [_order(G._pred[n], evidence, index) for n in chunk]))
        for part in _parts(G, ids, index, evidence, _homes(G)):
            _write_plain(fh, part)
        _write_plain(fh, None)
    return target


def _order(others: dict[Any, dict[Any, Any]], evidence: bool, index: dict[Any, int]) -> bytes:
    """The other ends of one node's adjacency dict (``G._succ[n]`` or ``G._pred[n]``) in order,
    as positions in the id list (:func:`_indices`); unless ``evidence``, those of pairs of only
    MENTIONED_IN left out (:func:`_kept_keyed`)."""
    kept = others if evidence else [other for other, keyed in others.items() if _facts(keyed) is not None]
    return _indices(kept, index)


def _kept_keyed(keyed: dict[Any, Any], evidence: bool) -> dict[Any, Any] | None:
    """A node pair's ``{key: properties}`` as it is written: all of it with ``evidence``, else
    without the MENTIONED_IN (:func:`_facts`; None: a pair of only those, left out)."""
    return keyed if evidence else _facts(keyed)


def _facts(keyed: dict[Any, Any]) -> dict[Any, Any] | None:
    """``keyed`` without its MENTIONED_IN relationships: itself when it holds none, None when it
    holds only those. A :class:`~chainkg.graph.evidence.MentionProps`' type is read off its tuple
    (no call of its ``get`` per relationship: this runs for every node pair, thrice)."""
    types = [data._values[_TYPE] if type(data) is MentionProps else data.get("type") for data in keyed.values()]
    if MENTIONED_IN not in types:
        return keyed
    if types.count(MENTIONED_IN) == len(types):
        return None
    return {key: data for key, data in keyed.items() if data.get("type") != MENTIONED_IN}


def _write(fh: BinaryIO, value: Any) -> None:
    """``value`` as one pickle of its own (a new pickler, its memo dropped after)."""
    pickle.dump(value, fh, protocol=_PROTOCOL)


_TYPE = MENTION_FIELDS.index("type")
"""Where a :class:`~chainkg.graph.evidence.MentionProps` holds its ``type``."""

_LENGTH = 8
"""Bytes of the length written before each marshalled value (little-endian)."""


def _write_plain(fh: BinaryIO, value: Any) -> None:
    """``value`` (ids, or a part with its mentions' properties as tuples: :func:`_parts`) marshalled,
    after its length: no UTF-8 left inside the graph's strings (module docstring)."""
    data = marshal.dumps(value)
    fh.write(len(data).to_bytes(_LENGTH, "little"))
    fh.write(data)


def _read_plain(fh: BinaryIO) -> Any:
    """The next value :func:`_write_plain` wrote; EOFError when the file ends inside it."""
    size = int.from_bytes(fh.read(_LENGTH), "little")
    data = fh.read(size)
    if len(data) != size or size == 0:
        raise EOFError("the snapshot ends inside a value")
    return marshal.loads(data)


def _plain_keyed(keyed: dict[Any, Any]) -> dict[Any, Any]:
    """A node pair's ``{key: properties}`` as :mod:`marshal` writes it: a MentionProps as its tuple."""
    if not any(type(data) is MentionProps for data in keyed.values()):
        return keyed
    return {key: data._values if type(data) is MentionProps else data for key, data in keyed.items()}


def _graph_keyed(keyed: dict[Any, Any]) -> dict[Any, Any]:
    """The inverse of :func:`_plain_keyed` (in place: the dict is the loaded one)."""
    for key, data in keyed.items():
        if type(data) is tuple:
            keyed[key] = from_values(data)
    return keyed


def _indices(nodes: Iterable[Any], index: dict[Any, int]) -> bytes:
    """The positions of ``nodes`` in the id list, as the bytes of an array of :data:`_INDEX`."""
    return array(_INDEX, map(index.__getitem__, nodes)).tobytes()


Part = tuple[list[dict[str, Any]], bytes, bytes, list[dict[Any, Any]]]
"""One part: the property dicts of its nodes (the next ones in the graph's order), the sources
and the targets of its node pairs (index arrays) and each pair's ``{key: properties}`` dict."""


def _parts(G: nx.MultiDiGraph, ids: list[Any], index: dict[Any, int], evidence: bool,
           home: Callable[[Any, Any], Any]) -> Iterator[Part]:
    """The parts of ``G``: up to :data:`PART_NODES` nodes each, closed after the node that
    brings it to :data:`PART_RELATIONSHIPS`, with the node pairs whose ``home`` (:func:`_homes`)
    is one of them (as :func:`_kept_keyed` gives them)."""
    start = 0
    while start < len(ids):
        stop, sources, targets, keyeds, relationships = start, [], [], [], 0
        while stop < len(ids) and stop - start < PART_NODES and relationships < PART_RELATIONSHIPS:
            for source, target, keyed in _homed(G, ids[stop], evidence, home):
                sources.append(index[source])
                targets.append(index[target])
                keyeds.append(keyed)
                relationships += len(keyed)
            stop += 1
        yield ([G._node[n] for n in ids[start:stop]], array(_INDEX, sources).tobytes(),
               array(_INDEX, targets).tobytes(), [_plain_keyed(keyed) for keyed in keyeds])
        start = stop


def _homed(G: nx.MultiDiGraph, node: Any, evidence: bool, home: Callable[[Any, Any], Any]
           ) -> Iterator[tuple[Any, Any, dict[Any, Any]]]:
    """(source, target, ``{key: properties}``) of the node pairs written with ``node`` (a
    pair from a node to itself once), as :func:`_kept_keyed` gives them (sifted only once homed)."""
    for target, keyed in G._succ[node].items():
        if home(node, target) == node and (kept := _kept_keyed(keyed, evidence)) is not None:
            yield node, target, kept
    for source, keyed in G._pred[node].items():
        if source != node and home(source, node) == node and (kept := _kept_keyed(keyed, evidence)) is not None:
            yield source, node, kept


def _homes(G: nx.MultiDiGraph) -> Callable[[Any, Any], Any]:
    """``home(source, target)``: the end a relationship is written with, to keep the values it
    shares in one part (one pickle keeps an object shared; two write two copies): a document's
    mentions with the document (the mentions of one sentence share its sentence, headings and
    documents), any other relationship with its end of fewer relationships, the source on a tie
    (a project's BUILDS and PRODUCES share the project's documents; the company and the product
    are hubs). The documents and the degrees are read off ``G`` once, not per relationship."""
    documents = {node for node, data in G._node.items() if data.get("label") == DOCUMENT}
    degree = {node: len(G._succ[node]) + len(G._pred[node]) for node in G._node}

    def home(source: Any, target: Any) -> Any:
        if target in documents:
            return target
        return source if degree[source] <= degree[target] else target

    return home


class _IdPickler(pickle.Pickler):
    """A pickler that writes each string that is a node id as the id's index (a persistent id),
    so what it writes shares the loaded graph's ids. A Python call per object pickled: only for
    small values (the listings), never for the parts."""

    def __init__(self, fh: BinaryIO, index: dict[Any, int]) -> None:
        super().__init__(fh, protocol=_PROTOCOL)
        self._index = index

    def persistent_id(self, obj: Any) -> int | None:
        return self._index.get(obj) if type(obj) is str else None


class _IdUnpickler(pickle.Unpickler):
    """The reader of :class:`_IdPickler`'s pickles: an index is the id at that place of ``ids``."""

    def __init__(self, fh: BinaryIO, ids: list[Any]) -> None:
        super().__init__(fh)
        self._ids = ids

    def persistent_load(self, pid: Any) -> Any:
        return self._ids[pid]


def _read_current(path: Path, digest: str) -> nx.MultiDiGraph | None:
    """The graph of the snapshot at ``path`` when its header names ``digest``; None when it is
    missing or stale (another format, another graph, another networkx, unreadable)."""
    try:
        with open(path, "rb") as fh:
            if pickle.load(fh) != _header(digest):
                return None
            return _load(fh)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError,
            IndexError, KeyError) as exc:
        log.info("%s: unreadable snapshot, reading the JSON (%s)", path, exc)
        return None


def _load(fh: BinaryIO) -> nx.MultiDiGraph:
    """The graph of the pickles after the header (:func:`_dump`); ValueError when the parts do
    not add up to the plan."""
    plan = pickle.load(fh)
    count = plan["nodes"]
    ids: list[Any] = []
    while len(ids) < count:
        ids.extend(_read_plain(fh))
    listings = _IdUnpickler(fh, ids).load()
    at = ids.__getitem__
    succ: dict[Any, dict[Any, Any]] = {}
    pred: dict[Any, dict[Any, Any]] = {}
    while len(succ) < count:  # each node's successors and predecessors in order, their dicts to come
        outs, ins = pickle.load(fh)
        if not outs or len(outs) != len(ins):
            raise ValueError("a list of orders does not match its nodes")
        for node, out, into in zip(ids[len(succ):len(succ) + len(outs)], outs, ins):
            succ[node] = dict.fromkeys(map(at, _cast(out)))
            pred[node] = dict.fromkeys(map(at, _cast(into)))
    pairs = sum(map(len, succ.values()))
    nodes: dict[Any, dict[str, Any]] = {}
    written = 0
    while (part := _read_plain(fh)) is not None:
        props, sources, targets, keyeds = part
        nodes.update(zip(ids[len(nodes):len(nodes) + len(props)], props))
        for source, target, keyed in zip(map(at, _cast(sources)), map(at, _cast(targets)), keyeds):
            succ[source][target] = pred[target][source] = _graph_keyed(keyed)
        written += len(keyeds)
    made = (len(nodes), written, sum(map(len, succ.values())), sum(map(len, pred.values())))
    if made != (count, pairs, pairs, pairs):
        raise ValueError("the parts do not add up to the graph's nodes and relationships")
    G = nx.MultiDiGraph()
    G.graph.update(plan["graph"])
    G._node = nodes
    G._succ = G._adj = succ
    G._pred = pred
    G.__networkx_cache__.update(listings)  # the adjacency index is made by its first reader, if any
    return G


def _cast(indices: bytes) -> memoryview:
    """The node indices in the bytes of an array of :data:`_INDEX`."""
    return memoryview(indices).cast(_INDEX)


def snapshot_is_current(graph_path: Path) -> bool:
    """True when the snapshot beside ``graph_path`` was made from its present bytes."""
    return _read_current(snapshot_path(graph_path), content_hash(graph_path)) is not None


def read_graph_fast(graph_path: Path, *, freeze: bool = False, evidence: bool = True) -> nx.MultiDiGraph:
    """The graph of ``graph_path``: from the snapshot when it was made from these exact bytes,
    else from the JSON (and the snapshots written again, when the folder is writable).
    ``evidence=False``: the graph may come without its MENTIONED_IN relationships (from
    ``graph.facts.pickle`` while that is current; marked :data:`EVIDENCE_OMITTED`), for a
    caller that reads none. ``freeze``: for a process that ends after its one task, move
    everything loaded out of the collector's reach (``gc.freeze``; never freed before the
    process ends)."""
    with collector_paused(freeze):
        return _read_graph_fast(graph_path, evidence)


def _read_graph_fast(graph_path: Path, evidence: bool) -> nx.MultiDiGraph:
    digest = content_hash(graph_path)
    G = None if evidence else _read_current(facts_path(graph_path), digest)
    if G is None:
        G = _read_current(snapshot_path(graph_path), digest)
    if G is not None:
        return G
    raw = _read(graph_path)  # hashed again: the snapshot is headed by the hash of the bytes parsed
    digest = hashlib.sha256(raw).hexdigest()
    G = parse_graph_json(raw, graph_path)
    del raw
    try:
        write_snapshot(G, graph_path, digest)
    except OSError as exc:  # a read-only OUT: queries still work, only slower
        log.info("%s: cannot write the snapshot (%s)", snapshot_path(graph_path), exc.strerror)
    return G
