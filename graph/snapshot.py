"""A fast-loading copy of ``OUT/graph.json`` for queries and views: ``OUT/graph.pickle``.

``graph.json`` stays the store (node-link JSON anyone can read); turning it back into a
``networkx.MultiDiGraph`` costs seconds on a large corpus, on every ``chainkg query``. So
``chainkg build`` also writes the graph pickled (the MultiDiGraph as it is), headed by the
SHA-256 of the exact bytes of the ``graph.json`` it was made with.
:func:`read_graph_fast` hashes ``graph.json`` (a fraction of the parse time) and unpickles the
snapshot only when that hash matches: a ``graph.json`` rewritten, edited, replaced or copied
from elsewhere is read from JSON, and the snapshot is written again for the next time. A
snapshot that cannot be read (truncated, another format, another networkx) counts as stale.

Most queries need no evidence, and the evidence (the MENTIONED_IN relationships, one per
mention, with its sentence, headings and offsets) is two thirds of the graph's objects. So a
second snapshot, ``graph.facts.pickle``, holds the graph without them (the same nodes, every
other relationship, its own adjacency index), headed by the same hash; ``read_graph_fast(...,
evidence=False)`` loads it, in a third of the time (``chainkg query`` for the queries that read
no MENTIONED_IN, :data:`chainkg.queries.embedded.EVIDENCE_QUERIES`). A graph loaded so is
marked (:data:`EVIDENCE_OMITTED` in ``G.graph``). It is written only for a graph whose coverage
is written on its nodes (:func:`chainkg.graph.gaps.is_annotated`: every build), since coverage
computed afresh reads the evidence's dates; when it is missing or stale, the whole snapshot (or
the JSON) is read instead.

The snapshot is a pickle: load it only from an output folder you trust, as you would run its
code (it is the one ``chainkg build`` wrote for you; it is never shipped or shared). Writes are
atomic (temporary file, then rename). The graph is pickled with its adjacency index
(:mod:`chainkg.graph.adjacency`, in networkx's cache) and the coverage listings and capacity
totals made from it (:data:`chainkg.graph.gaps.PER_GRAPH`), nothing else of that cache:
unpickling them costs a fraction of making them again, on every query. It is unpickled with the
garbage collector paused: a graph is millions of small containers, and collections triggered
while they are made would walk all of them again and again for nothing. A one-shot process (a
command) also freezes what it loaded (``freeze``), so the collections its work triggers do not
walk the graph either.

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
>>> list(without_evidence(G).edges), without_evidence(G).graph[EVIDENCE_OMITTED]
([], True)
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from chainkg.atomic import open_atomic
from chainkg.collector import collector_paused
from chainkg.errors import ChainkgError
from chainkg.graph.adjacency import CACHE_KEY, adjacency, cached, without_type
from chainkg.graph.gaps import PER_GRAPH, is_annotated
from chainkg.graph.model import MENTIONED_IN
from chainkg.graph.store import parse_graph_json

log = logging.getLogger(__name__)

SNAPSHOT_FILE = "graph.pickle"
FACTS_FILE = "graph.facts.pickle"
FORMAT = 1

EVIDENCE_OMITTED = "chainkg.evidence_omitted"
"""Key in ``G.graph``, True on a graph loaded without its MENTIONED_IN relationships."""


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
    return {"format": FORMAT, "graph_sha256": digest, "networkx": nx.__version__}


def write_snapshot(G: nx.MultiDiGraph, graph_path: Path, digest: str | None = None) -> Path:
    """Pickle ``G`` beside ``graph_path``, headed by the hash of ``graph_path`` (``G`` must be
    the graph that file holds; ``digest``: its hash when already known); and ``G`` without its
    evidence (:func:`without_evidence`) when its coverage is written on its nodes (else any
    older one is removed)."""
    header = _header(digest or content_hash(graph_path))
    target = _dump(G, snapshot_path(graph_path), header)
    if is_annotated(G):
        _dump(without_evidence(G), facts_path(graph_path), header)
    else:
        facts_path(graph_path).unlink(missing_ok=True)
    return target


def _dump(G: nx.MultiDiGraph, target: Path, header: dict[str, Any]) -> Path:
    with open_atomic(target) as fh, _index_only(G):
        pickle.dump(header, fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(G, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return target


def without_evidence(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``G`` without its MENTIONED_IN relationships, marked :data:`EVIDENCE_OMITTED`: made to be
    pickled, it shares ``G``'s node and edge property dicts (not copies), the listings ``G``
    has cached of :data:`chainkg.graph.gaps.PER_GRAPH` (they read no evidence) and ``G``'s
    adjacency index without the evidence (:func:`chainkg.graph.adjacency.without_type`). Every node stays, and
    the other relationships keep their order (each node's successors and predecessors as in
    ``G``), so queries list them as on ``G``."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.graph[EVIDENCE_OMITTED] = True
    H._node.update(G._node)
    succ: dict[str, dict[str, dict[Any, dict[str, Any]]]] = {}
    for node, others in G._succ.items():
        kept = succ[node] = {}
        for other, keyed in others.items():
            facts = {k: d for k, d in keyed.items() if d.get("type") != MENTIONED_IN}
            if facts:  # the same dict as in the graph when no evidence was among them
                kept[other] = keyed if len(facts) == len(keyed) else facts
    H._succ = H._adj = succ
    H._pred = {node: {other: succ[other][node] for other in others if node in succ[other]}
               for node, others in G._pred.items()}
    H.__networkx_cache__.update({k: v for k, v in G.__networkx_cache__.items() if k in PER_GRAPH})  # none reads evidence
    H.__networkx_cache__[CACHE_KEY] = without_type(adjacency(G), MENTIONED_IN)  # not made again from H
    return H


@contextmanager
def _index_only(G: nx.MultiDiGraph) -> Iterator[None]:
    """``G`` with networkx's cache holding only the adjacency index and the listings of
    :data:`chainkg.graph.gaps.PER_GRAPH` for the block (made if need be, and kept in ``G``'s
    own cache, which is put back after)."""
    cache = G.__networkx_cache__
    G.__networkx_cache__ = {CACHE_KEY: adjacency(G), **{key: cached(G, key, make) for key, make in PER_GRAPH.items()}}
    try:
        yield
    finally:
        G.__networkx_cache__ = cache


def _read_current(path: Path, digest: str) -> nx.MultiDiGraph | None:
    """The graph of the snapshot at ``path`` when its header names ``digest``; None when it is
    missing or stale."""
    try:
        with open(path, "rb") as fh:
            if pickle.load(fh) != _header(digest):
                return None
            G = pickle.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError) as exc:
        log.info("%s: unreadable snapshot, reading the JSON (%s)", path, exc)
        return None
    return G if isinstance(G, nx.MultiDiGraph) else None


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
