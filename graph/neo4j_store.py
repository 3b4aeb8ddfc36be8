"""The Neo4j store: load the graph into any Neo4j over Bolt, incrementally per document, and read it back.

Connection settings come from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` (``bolt://``, ``neo4j://`` routing for clusters, ``neo4j+s://`` for Aura);
with no ``NEO4J_URI``, the project's local server (``chainkg neo4j start``) when it runs.

How a graph is stored: every node gets exactly one label from :data:`chainkg.graph.model.LABELS`
and its properties, ``id`` being the networkx node key; every relationship one type from
:data:`~chainkg.graph.model.REL_TYPES` and its properties, ``key`` being the multigraph edge key.
The ``label`` and ``type`` attributes of the networkx graph are the Neo4j label and type, not
properties. :func:`read_graph` gives back the same ``networkx.MultiDiGraph``.

How a load works (:func:`load_graph`), all values parameterized, ``UNWIND $rows`` batches in
managed transactions (``session.execute_write``):

1. constraints and indexes (``IF NOT EXISTS``): unique ``id`` per label, an index on ``name``;
2. shared elements (no supporting document: the chain templates), one transaction per batch;
3. the documents of the graph, a few at a time: ONE transaction per group of documents MERGEs
   what the graph says the documents support (``SET n = $props``, so stale properties go), with
   ``docs`` computed in the database from the stored list (the group's documents taken out, those
   that support the element put back), releases what they no longer support and deletes what is
   left with no document and is not template. A fact that another document still supports keeps
   that document in ``docs`` and stays. A failure rolls the whole transaction back, so no
   document is ever half replaced. What the database did not hold before the load is written
   more cheaply (the load lock keeps other loads out, so the plan knows what is there): CREATEd
   by the first unit that needs it, with ``docs`` as that unit's documents, and later units only
   set its ``docs`` (the documents loaded so far that support it): the same state after every
   unit as the MERGE path gives;
4. documents the database holds and the graph no longer has: the same, with nothing to MERGE;
5. a sweep of unsupported elements (empty ``docs``) the graph does not have.

Each unit is made and planned when its turn comes (:class:`LoadPlan`), the next one in a worker
thread while the current one is written (:func:`made_ahead`), so the client holds the rows and two
units, never the plan of the whole load. The transactions run one after another: each only
changes its own documents' entries in ``docs``, so they would commute, but concurrent ones gained
nothing measurable (every document names the same few places; ``docs/neo4j.md``), and the option to
run them concurrently is gone. Within a transaction, queries are sent without waiting for the one
before to finish. A first load into an empty database can instead go through Neo4j's bulk importer
(:mod:`chainkg.graph.neo4j_bulk`, ``chainkg load --bulk``).

Loading the same graph twice leaves the same nodes, relationships and properties.

>>> G = nx.MultiDiGraph()
>>> G.add_node("company:a", label="Company", name="A", docs=["d2", "d1"])
>>> G.add_node("project:a/b/-", label="Project", name="A B", docs=["d1"], capacity_value=3.5)
>>> G.add_edge("company:a", "project:a/b/-", key="BUILDS|company:a|project:a/b/-", type="BUILDS", docs=["d1"])
'BUILDS|company:a|project:a/b/-'
>>> rows = graph_rows(G)
>>> rows.nodes["company:a"].owners, rows.nodes["company:a"].props["id"]
(('d1', 'd2'), 'company:a')
>>> rows.rels["BUILDS", "company:a", "BUILDS|company:a|project:a/b/-"].target_label
'Project'
>>> graph_rows(nx.MultiDiGraph([("x", "y")]))
Traceback (most recent call last):
...
chainkg.errors.ChainkgError: node 'x': label None is not one of the model's ['Chain', 'Company', 'Document', 'Place', 'Product', 'Project', 'Segment', 'Statement']
"""

from __future__ import annotations

import gc
import os
import time
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from tqdm import tqdm

from chainkg.collector import collector_paused
from chainkg.errors import ChainkgError
from chainkg.graph.model import LABELS, REL_TYPES
from chainkg.progress import progress_enabled

DEFAULT_DATABASE = "neo4j"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_BATCH_SIZE = 2500  # rows a unit gathers: the server spends less on smaller transactions (docs/scale.md)
_INT64 = 2**63


# ----------------------------------------------------------------------------- connection


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect; ``origin`` says where the settings came from."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str = DEFAULT_DATABASE
    origin: str = "NEO4J_URI"


def connection_settings(environ: Mapping[str, str] | None = None) -> Neo4jSettings:
    """Settings from ``NEO4J_*``; else the running local server; else a ChainkgError saying what to do.

    >>> connection_settings({"NEO4J_URI": "neo4j+s://x.databases.neo4j.io", "NEO4J_PASSWORD": "p"})
    Neo4jSettings(uri='neo4j+s://x.databases.neo4j.io', user='neo4j', database='neo4j', origin='NEO4J_URI')
    """
    env = os.environ if environ is None else environ
    database = env.get("NEO4J_DATABASE") or DEFAULT_DATABASE
    uri = env.get("NEO4J_URI")
    if uri:
        scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
        if scheme not in BOLT_SCHEMES:
            raise ChainkgError(f"NEO4J_URI={uri!r} is not a Bolt address: expected bolt://, neo4j:// (or their "
                               "+s / +ssc forms), e.g. bolt://localhost:7687; http(s):// is Neo4j's browser port")
        password = env.get("NEO4J_PASSWORD")
        if password is None:
            raise ChainkgError(f"NEO4J_URI is set ({uri}) but NEO4J_PASSWORD is not; set it (and NEO4J_USER)")
        return Neo4jSettings(uri, env.get("NEO4J_USER") or "neo4j", password, database, "NEO4J_URI")
    from chainkg.server.launcher import status

    info = status()
    if info is None:
        raise ChainkgError("no Neo4j to use: set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD (and NEO4J_DATABASE) "
                           "for your own server, or start the local one with `chainkg neo4j start`")
    return Neo4jSettings(info.uri, info.user, info.password(), database, f"local server, {info.password_file}")


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


def user_error(exc: Exception, settings: Neo4jSettings) -> ChainkgError:
    """A one-line ChainkgError for a driver or server exception, naming the setting to fix."""
    where = f"Neo4j at {settings.uri}"
    if isinstance(exc, neo4j_errors.AuthError):
        return ChainkgError(f"{where} refused user {settings.user!r}: wrong user or password "
                            f"(NEO4J_USER / NEO4J_PASSWORD; settings from {settings.origin})")
    if isinstance(exc, neo4j_errors.Neo4jError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return ChainkgError(f"{where} has no database {settings.database!r} (NEO4J_DATABASE)")
    gone = isinstance(exc, neo4j_errors.Neo4jError) and exc.code == "Neo.TransientError.General.DatabaseUnavailable"
    if gone or isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        return ChainkgError(f"{where} is unreachable or went away ({_first_line(exc)}); "
                            "is it running? (NEO4J_URI, or `chainkg neo4j status`)")
    if isinstance(exc, neo4j_errors.Neo4jError):
        return ChainkgError(f"{where}: {exc.code}: {_first_line(exc)}")
    if isinstance(exc, (neo4j_errors.ConfigurationError, ValueError)):
        return ChainkgError(f"NEO4J_URI={settings.uri!r} is not usable: {_first_line(exc)} "
                            "(expected bolt://, neo4j://, neo4j+s:// ...)")
    return ChainkgError(f"{where}: {type(exc).__name__}: {_first_line(exc)}")


@contextmanager
def connect(settings: Neo4jSettings, **driver_config: Any) -> Iterator[Driver]:
    """A driver checked against the server (reachable, password, database).

    Driver and server errors raised inside the ``with`` block become one-line ChainkgErrors.
    ``driver_config`` goes to ``GraphDatabase.driver`` (e.g. ``max_transaction_retry_time``).
    """
    try:
        with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password),
                                  notifications_min_severity="OFF", **driver_config) as driver:
            driver.verify_connectivity()  # fails at once when unreachable (queries would retry for 30s)
            driver.execute_query("RETURN 1", database_=settings.database)
            yield driver
    except ChainkgError:
        raise
    except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError, ValueError) as exc:
        raise user_error(exc, settings) from None


# ----------------------------------------------------------------------------- graph -> rows


@dataclass(frozen=True)
class NodeRow:
    """A node as stored: its label, properties (with ``id``) and supporting documents."""

    label: str
    props: dict[str, Any]
    owners: tuple[str, ...]


@dataclass(frozen=True)
class RelRow:
    """A relationship as stored: type, endpoints with their labels, properties (with ``key``)."""

    type: str
    source: str
    target: str
    source_label: str
    target_label: str
    props: dict[str, Any]
    owners: tuple[str, ...]


@dataclass(frozen=True)
class GraphRows:
    """A graph checked against the model, ready to load: nodes by id, relationships by identity."""

    nodes: dict[str, NodeRow]
    rels: dict[tuple[str, str, str], RelRow]  # (type, source id, key)


_SCALARS = (str, bool, int, float)


def _bad_value(name: str, value: Any) -> str | None:
    """Why Neo4j cannot store ``value`` as the model says it should, or None when it can."""
    kind = type(value)
    if kind is str or kind is float or kind is bool:
        return None
    if kind is int:
        return None if -_INT64 <= value < _INT64 else f"property {name!r} = {value} does not fit a 64-bit integer"
    if kind is list or kind is tuple:
        kinds = {type(v) for v in value}
        if len(kinds) <= 1 and kinds <= set(_SCALARS):
            return next(filter(None, (_bad_value(name, v) for v in value)), None) if int in kinds else None
    return (f"property {name!r} = {value!r} is not a string, number, boolean or a list of one of these "
            "(the graph model allows nothing else)")


def _props(attrs: Mapping[str, Any], drop: tuple[str, str], describe: Callable[[], str]) -> dict[str, Any]:
    """The properties to store (tuples become lists), checked; ``describe()`` names the element in errors."""
    props = {}
    for name, value in attrs.items():
        kind = type(value)
        # the common cases first, without a call: a loader spends its client time here
        if kind is str or kind is float or kind is bool or (kind is int and -_INT64 <= value < _INT64):
            props[name] = value
        elif name not in drop:
            if kind is not list or not all(type(v) is str for v in value):
                problem = _bad_value(name, value)
                if problem:
                    raise ChainkgError(f"{describe()}: {problem}")
            props[name] = list(value) if kind is tuple else value
    for name in drop:
        props.pop(name, None)
    docs = props.get("docs", [])
    if type(docs) is not list or not all(type(d) is str and d for d in docs):
        raise ChainkgError(f"{describe()}: 'docs' must be a list of document ids, not {docs!r}")
    return props


def node_row(node_id: Any, attrs: Mapping[str, Any]) -> NodeRow:
    """One node checked against the model (id, label, value kinds) as the row that stores it."""
    def where() -> str:
        return f"node {node_id!r}"

    if type(node_id) is not str or not node_id:
        raise ChainkgError(f"{where()}: node ids must be non-empty strings")
    label = attrs.get("label")
    if label not in LABELS:
        raise ChainkgError(f"{where()}: label {label!r} is not one of the model's {sorted(LABELS)}")
    props = _props(attrs, ("label", "id"), where)
    props["id"] = node_id
    return NodeRow(label, props, tuple(sorted(set(props.get("docs", ())))))


def rel_row(source: str, target: str, key: Any, attrs: Mapping[str, Any], labels: Mapping[str, str]) -> RelRow:
    """One relationship checked against the model as the row that stores it; ``labels`` gives each
    node id's label (an endpoint it lacks is an error)."""
    def where() -> str:
        return f"relationship {key!r} ({source} -> {target})"

    rel_type = attrs.get("type")
    if rel_type not in REL_TYPES:
        raise ChainkgError(f"{where()}: type {rel_type!r} is not one of the model's {sorted(REL_TYPES)}")
    if type(key) is not str or not key:
        raise ChainkgError(f"{where()}: the edge key must be a non-empty string (graph.model.edge_key)")
    missing = next((end for end in (source, target) if type(end) is not str or end not in labels), None)
    if missing is not None:
        raise ChainkgError(f"{where()}: its endpoint {missing!r} is not a node of the graph")
    props = _props(attrs, ("type", "key"), where)
    props["key"] = key
    return RelRow(rel_type, source, target, labels[source], labels[target], props,
                  tuple(sorted(set(props.get("docs", ())))))


def new_rel_identity(seen: Container[tuple[str, str, str]], rel: RelRow) -> tuple[str, str, str]:
    """The identity of ``rel`` in Neo4j (type, source id, key), refused when ``seen`` holds it:
    two relationships with one identity would be one in the database."""
    identity = (rel.type, rel.source, rel.props["key"])
    if identity in seen:
        raise ChainkgError(f"relationship {identity[2]!r} ({rel.source} -> {rel.target}): two {rel.type} "
                           f"relationships from {rel.source!r} share this key")
    return identity


def graph_row_streams(G: nx.MultiDiGraph) -> tuple[Iterator[NodeRow], Iterator[RelRow]]:
    """The rows of ``G``, each checked as it is made (labels, types, value kinds), as two streams:
    the nodes', then the relationships' (which need the labels the first one collected, so it
    must be read to its end first). For a writer that drops each row once written (the bulk
    load's CSV files): no row held."""
    labels: dict[str, str] = {}

    def nodes() -> Iterator[NodeRow]:
        for node_id, attrs in G.nodes(data=True):
            row = node_row(node_id, attrs)
            labels[node_id] = row.label
            yield row

    def rels() -> Iterator[RelRow]:
        for source, target, key, attrs in G.edges(keys=True, data=True):
            yield rel_row(source, target, key, attrs, labels)

    return nodes(), rels()


def collect_rows(nodes: Iterable[NodeRow], rels: Iterable[RelRow]) -> GraphRows:
    """The rows of two streams (``rels`` read after ``nodes``) held by id and identity; two
    relationships with one identity are refused (:func:`new_rel_identity`)."""
    by_id = {row.props["id"]: row for row in nodes}
    by_identity: dict[tuple[str, str, str], RelRow] = {}
    for rel in rels:
        by_identity[new_rel_identity(by_identity, rel)] = rel
    return GraphRows(by_id, by_identity)


def graph_rows(G: nx.MultiDiGraph) -> GraphRows:
    """Check ``G`` against the model (labels, types, value kinds) and turn it into rows."""
    return collect_rows(*graph_row_streams(G))


# ----------------------------------------------------------------------------- Cypher

# Labels and types are spliced in only after the checks above (model constants); values never are.
#
# The ``docs`` a unit writes are computed in the database, from what it holds when the unit
# writes: the stored list without the unit's documents ($docs), plus the unit's documents that
# support the element (row.mine; no row.mine: all of $docs), kept sorted. A unit thus changes
# only its own documents' entries.

_DOCS = ("WITH {v}, row, reduce(acc = [d IN coalesce({v}.docs, []) WHERE NOT d IN $docs], d IN coalesce(row.mine, $docs) | "
         "[x IN acc WHERE x < d] + d + [x IN acc WHERE x > d]) AS docs "
         "SET {v} = row.props, {v}.docs = CASE WHEN docs = [] AND row.props.docs IS NULL THEN null ELSE docs END")
_COUNT = " RETURN count(*) AS n"


def _merge_nodes(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.props.id}}) " + _DOCS.format(v="n")


def _create_nodes(label: str) -> str:
    return f"UNWIND $rows AS row CREATE (n:`{label}`) SET n = row.props"


# A unit's documents come after every document a unit before wrote (phase 2 packs them in sorted order),
# so appending them keeps ``docs`` sorted; sending only them keeps a load's traffic linear in its rows.
def _add_docs_nodes(label: str) -> str:
    return f"UNWIND $rows AS row MATCH (n:`{label}` {{id: row.id}}) SET n.docs = coalesce(n.docs, []) + row.docs" + _COUNT


def _create_endpoints(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id}}) ON CREATE SET n = row"


def _ends(source_label: str, target_label: str) -> str:
    return f"UNWIND $rows AS row MATCH (a:`{source_label}` {{id: row.source}}) MATCH (b:`{target_label}` {{id: row.target}}) "


def _merge_rels(rel_type: str, source_label: str, target_label: str) -> str:
    return (_ends(source_label, target_label) + f"MERGE (a)-[r:`{rel_type}` {{key: row.props.key}}]->(b) "
            + _DOCS.format(v="r") + _COUNT)


def _create_rels(rel_type: str, source_label: str, target_label: str) -> str:
    return _ends(source_label, target_label) + f"CREATE (a)-[r:`{rel_type}`]->(b) SET r = row.props" + _COUNT


# Both ends are matched first and the relationship found between them in a subquery: the planner
# otherwise seeks the end whose label has fewer nodes (a segment, a place) and walks all its
# relationships of the type to find the one (Expand(All), then a filter); given both ends, it
# walks the end with fewer of them (Expand(Into)).
def _add_docs_rels(rel_type: str, source_label: str, target_label: str) -> str:
    return (_ends(source_label, target_label) + f"CALL (a, b, row) {{ MATCH (a)-[r:`{rel_type}` {{key: row.key}}]->(b) "
            "SET r.docs = coalesce(r.docs, []) + row.docs RETURN 1 AS found }" + _COUNT)


def _unown_nodes(label: str) -> str:
    return (f"UNWIND $ids AS id MATCH (n:`{label}` {{id: id}}) "
            "SET n.docs = [d IN coalesce(n.docs, []) WHERE NOT d IN $docs]")


def _unown_rels(rel_type: str, source_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (:`{source_label}` {{id: row.source}})-[r:`{rel_type}` {{key: row.key}}]->() "
            "SET r.docs = [d IN coalesce(r.docs, []) WHERE NOT d IN $docs]")


def _delete_unsupported_rels(rel_type: str, source_label: str) -> str:
    return (f"UNWIND $rows AS row MATCH (:`{source_label}` {{id: row.source}})-[r:`{rel_type}` {{key: row.key}}]->() "
            "WHERE r.docs = [] AND NOT coalesce(r.template, false) DELETE r")


def _delete_unsupported_nodes(label: str) -> str:
    return (f"UNWIND $ids AS id MATCH (n:`{label}` {{id: id}}) "
            "WHERE n.docs = [] AND NOT coalesce(n.template, false) AND NOT EXISTS { (n)--() } DELETE n")


def _source_label() -> str:
    return "[l IN labels(a) WHERE l IN $labels][0]"


# ----------------------------------------------------------------------------- units of work

RelRef = tuple[str, str, str, str]  # (type, source label, source id, key) of a stored relationship
NodeRef = tuple[str, str]  # (label, id) of a stored node
RelId = tuple[str, str, str]  # (type, source id, key): a relationship of the graph


@dataclass
class Unit:
    """The work of one transaction: documents replaced, rows to MERGE, stored elements to release.

    ``endpoints`` are nodes the unit's relationships need, the unit does not write and no unit
    before it wrote (a later unit of the load does): created bare when missing, never changed.

    How each row is written (:func:`plan_units` decides, from what the database held before the
    load and what the units before this one wrote): ``created`` and ``created_rels`` are new to
    the database (it held none and no unit before wrote them): CREATEd with ``docs`` as the
    unit's documents that support them, no lookup. ``again`` and ``again_rels`` are new to the
    database too but a unit before wrote them, properties and all: only the unit's documents that
    support them are added to ``docs`` (never the whole list again: a chain's node is in every
    unit, and its list of all the documents before made a load's memory and traffic grow with
    the square of the corpus: 3 million list entries at 1,000 documents). The
    rest, which the database held before the load, are MERGEd (properties replaced, ``docs``
    computed in Cypher from the stored list).
    """

    docs: tuple[str, ...] = ()
    nodes: dict[str, NodeRow] = field(default_factory=dict)
    rels: dict[RelId, RelRow] = field(default_factory=dict)
    endpoints: dict[str, NodeRow] = field(default_factory=dict)
    old_nodes: set[NodeRef] = field(default_factory=set)
    old_rels: set[RelRef] = field(default_factory=set)
    created: set[str] = field(default_factory=set)
    again: set[str] = field(default_factory=set)
    created_rels: set[RelId] = field(default_factory=set)
    again_rels: set[RelId] = field(default_factory=set)

    def size(self) -> int:
        """Rows this unit writes."""
        return len(self.nodes) + len(self.rels) + len(self.old_nodes) + len(self.old_rels)


@dataclass(frozen=True)
class StoredOwnership:
    """What the database holds per document (from ``docs``), for nodes and relationships, and
    what it holds with no document (``unsupported``: the templates, bare endpoints)."""

    nodes: dict[str, set[NodeRef]]
    rels: dict[str, set[RelRef]]
    unsupported_nodes: frozenset[NodeRef] = frozenset()
    unsupported_rels: frozenset[RelRef] = frozenset()


class _Rows(list):  # type: ignore[type-arg]
    """A query's rows parameter, printed as its length. The driver formats every RUN's parameters
    for its debug log even when nobody logs (``neo4j`` 5/6, ``_bolt5.run``): a ``repr`` of every
    row, costing the client about as much as packing them, CPU a small machine's server needs."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _chunks(items: Sequence[Any], size: int) -> Iterator[_Rows]:
    for start in range(0, len(items), size):
        yield _Rows(items[start:start + size])


class LoadPlan:
    """A load's units in three phases, made one at a time as they are taken (:func:`plan_units`):
    shared nodes, the documents of the graph, then shared relationships and removed documents.

    Iterating gives the three phases; each is an iterator of units, to be taken in order and
    written in the order taken (how a unit writes its rows depends on what the units before it
    wrote). Only the unit being written and the next are held (:func:`made_ahead`), never the
    whole plan: at 10,000 documents the plan held whole took the loading process from the rows'
    size to 7.5 GB.
    """

    def __init__(self, rows: GraphRows, stored: StoredOwnership, batch_size: int) -> None:
        self.batch_size = batch_size
        self._stored = stored
        self._rows = rows
        # document -> what it supports (the rows' own objects and identities: pointers, no copies)
        self._nodes: dict[str, list[NodeRow]] = defaultdict(list)
        self._rels: dict[str, list[tuple[RelId, RelRow]]] = defaultdict(list)
        for node in rows.nodes.values():
            for doc in node.owners:
                self._nodes[doc].append(node)
        for ident, rel in rows.rels.items():
            for doc in rel.owners:
                self._rels[doc].append((ident, rel))
        self.documents = tuple(sorted(set(self._nodes) | set(self._rels)))
        self.removed = tuple(sorted((set(stored.nodes) | set(stored.rels)) - set(self.documents)))
        self._writes = _WritePlanner(rows, stored)
        self._phase = 0

    def __iter__(self) -> Iterator[Iterator[Unit]]:
        return iter((self._first(), self._present(), self._last()))

    def _in_order(self, phase: int) -> None:
        if self._phase != phase:
            raise RuntimeError(f"LoadPlan: phase {phase} taken before phase {self._phase} was written")

    def _first(self) -> Iterator[Unit]:
        self._in_order(0)
        shared = [n for n in self._rows.nodes.values() if not n.owners]
        for chunk in _chunks(shared, self.batch_size):
            yield self._writes.decide(Unit(nodes={n.props["id"]: n for n in chunk}))
        self._phase = 1

    def _present(self) -> Iterator[Unit]:
        self._in_order(1)
        yield from self._pack(self.documents)
        self._phase = 2

    def _last(self) -> Iterator[Unit]:
        self._in_order(2)
        shared = [(ident, r) for ident, r in self._rows.rels.items() if not r.owners]
        for chunk in _chunks(shared, self.batch_size):
            yield self._writes.decide(Unit(rels=dict(chunk)))
        yield from self._pack(self.removed)
        self._phase = 3

    def _pack(self, docs: Iterable[str]) -> Iterator[Unit]:
        """Documents packed a few to a unit until ``batch_size`` rows, in order; a document is
        never split, so each is replaced in one transaction. A document's index entries are
        dropped once it is packed."""
        unit = Unit()
        for doc in docs:
            if unit.docs and unit.size() >= self.batch_size:
                yield self._writes.decide(unit)
                unit = Unit()
            unit.docs += (doc,)
            unit.old_nodes |= self._stored.nodes.get(doc, set())
            unit.old_rels |= self._stored.rels.get(doc, set())
            for node in self._nodes.pop(doc, ()):
                unit.nodes[node.props["id"]] = node
            unit.rels.update(self._rels.pop(doc, ()))
        if unit.docs:
            yield self._writes.decide(unit)


def plan_units(rows: GraphRows, stored: StoredOwnership, batch_size: int) -> LoadPlan:
    """Split a load into three phases of transactions: shared nodes, documents of the graph,
    then shared relationships and removed documents. The units run one after another; a phase
    starts when the one before has committed. Each unit is made, and how it writes its rows
    decided, when it is taken (:class:`LoadPlan`).

    Documents are packed a few to a unit until ``batch_size`` rows; a document is never split,
    so each is replaced in one transaction.
    """
    return LoadPlan(rows, stored, batch_size)


class _WritePlanner:
    """Decides, unit after unit in the order they run, how each writes its rows (``Unit.created``,
    ``again``, ``endpoints`` …): from what the database held before the load (``stored``) and what
    the units before it wrote, since nothing else writes during a load (the load lock).

    A unit never takes a document of another unit out of ``docs``, so what a unit before wrote
    with a document is still there, with its properties, when the next runs.
    """

    def __init__(self, rows: GraphRows, stored: StoredOwnership) -> None:
        self.rows = rows
        self.held_nodes = {ref[1] for ref in stored.unsupported_nodes}
        self.held_nodes.update(ref[1] for refs in stored.nodes.values() for ref in refs)
        self.held_rels = {(ref[0], ref[2], ref[3]) for ref in stored.unsupported_rels}
        self.held_rels.update((ref[0], ref[2], ref[3]) for refs in stored.rels.values() for ref in refs)
        self.exist: set[str] = set()  # nodes a unit before wrote, bare or whole
        self.whole: set[str] = set()  # nodes new to the database that a unit before wrote with their properties
        self.written_rels: set[RelId] = set()

    def decide(self, unit: Unit) -> Unit:
        """``unit`` with its ways of writing filled in; what it writes counted as written."""
        exist, whole, held_nodes, written_rels, held_rels = (
            self.exist, self.whole, self.held_nodes, self.written_rels, self.held_rels)
        for node_id, node in unit.nodes.items():
            if node_id in whole and node.owners:
                unit.again.add(node_id)
            elif node_id not in exist and node_id not in held_nodes:
                unit.created.add(node_id)
        for ident, rel in unit.rels.items():
            if ident in written_rels and rel.owners and ident not in held_rels:
                unit.again_rels.add(ident)
            elif ident not in held_rels and ident not in written_rels:
                unit.created_rels.add(ident)
            for end in (rel.source, rel.target):  # an endpoint no unit wrote yet must exist now
                if end not in exist and end not in unit.nodes:
                    unit.endpoints[end] = self.rows.nodes[end]
        exist.update(unit.nodes, unit.endpoints)
        whole.update(n for n in unit.nodes if n not in held_nodes)
        whole.update(n for n in unit.endpoints if n not in held_nodes)  # created bare: all properties, no docs
        written_rels.update(unit.rels)
        return unit


def _holds(owners: tuple[str, ...], doc: str) -> bool:
    """Whether the sorted ``owners`` hold ``doc`` (by bisection)."""
    at = bisect_left(owners, doc)
    return at < len(owners) and owners[at] == doc


def _grouped(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _target(item: tuple[RelId, RelRow]) -> str:
    return item[1].target


def _bare(node: NodeRow) -> dict[str, Any]:
    """A node as a unit that only needs it to exist creates it: its properties, no document."""
    return {**node.props, "docs": []} if "docs" in node.props else node.props


class UnitQuery(NamedTuple):
    """One query of a unit, its parameters, and for the writes that must find or make every row
    (relationships, ``docs`` updates) what they write and how many rows."""

    query: str
    params: dict[str, Any]
    what: str = ""
    expected: int = 0


def unit_queries(unit: Unit, batch_size: int) -> list[UnitQuery]:
    """The queries of one unit, in order: write what the unit's documents support (nodes, the
    endpoints other units own, relationships; each CREATEd, MERGEd or only its ``docs`` changed
    as :class:`Unit` says), release the stored elements they no longer support, delete what
    lost all support."""
    docs = sorted(unit.docs)
    mine = set(docs)
    first, last = (docs[0], docs[-1]) if docs else ("", "")
    queries: list[UnitQuery] = []

    def send(query: str, what: str = "", **params: Any) -> None:
        rows = params.get("rows")
        queries.append(UnitQuery(query, params, what, len(rows) if what and rows is not None else 0))

    def supported(element: NodeRow | RelRow) -> list[str]:
        """The unit's documents that support ``element``, sorted. A place's node has hundreds of
        documents and is in nearly every unit: only the part of its sorted list between the unit's
        first and last document is walked (a unit packs neighbouring documents: a few entries),
        never the whole list (which made a load's client time grow with the square of the corpus)."""
        owners = element.owners
        if len(owners) == 1:  # most relationships: one document
            return [owners[0]] if owners[0] in mine else []
        return [d for d in owners[bisect_left(owners, first):bisect_right(owners, last)] if d in mine]

    def row(element: NodeRow | RelRow, **fields: Any) -> dict[str, Any]:
        if len(docs) != 1 or not _holds(element.owners, docs[0]):  # no "mine": all the unit's documents
            if len(held := supported(element)) != len(docs):
                fields["mine"] = held
        return fields

    def created(element: NodeRow | RelRow) -> dict[str, Any]:
        """The properties of an element new to the database, ``docs`` as the Cypher of a MERGE
        would compute them from nothing: its own properties, not a copy, when the unit has all
        its documents (most relationships: one document each)."""
        if "docs" not in element.props:
            return element.props
        held = supported(element)
        return element.props if element.props["docs"] == held else {**element.props, "docs": held}

    def write(kind: str, how: str, rows: list[dict[str, Any]], query: str, counted: str = "") -> None:
        for chunk in _chunks(rows, batch_size):
            send(query, counted and f"{kind} {counted}", rows=chunk, **({"docs": docs} if how == "merge" else {}))

    for label, ids in sorted(_grouped(sorted(unit.nodes), key=lambda n: unit.nodes[n].label).items()):
        create, merge, add = [], [], []  # one pass over the unit's rows, each to the way Unit says
        for n in ids:
            node = unit.nodes[n]
            if n in unit.created:
                create.append({"props": created(node)})
            elif n in unit.again:
                add.append({"id": n, "docs": supported(node)})
            else:
                merge.append(row(node, props=node.props))
        write(label, "create", create, _create_nodes(label))
        write(label, "merge", merge, _merge_nodes(label))
        write(label, "add", add, _add_docs_nodes(label), "nodes whose docs to extend")
    for label, ids in sorted(_grouped(sorted(unit.endpoints), key=lambda n: unit.endpoints[n].label).items()):
        for chunk in _chunks([_bare(unit.endpoints[n]) for n in ids], batch_size):
            send(_create_endpoints(label), rows=chunk)
    kinds: dict[tuple[str, str, str], list[tuple[RelId, RelRow]]] = defaultdict(list)
    for item in unit.rels.items():
        r = item[1]
        kinds[r.type, r.source_label, r.target_label].append(item)
    for (rel_type, sl, tl), rels in sorted(kinds.items()):
        rels.sort(key=_target)  # a target's relationships together
        create, merge, add = [], [], []
        for ident, r in rels:
            if ident in unit.created_rels:
                create.append({"source": r.source, "target": r.target, "props": created(r)})
            elif ident in unit.again_rels:
                add.append({"source": r.source, "target": r.target, "key": r.props["key"], "docs": supported(r)})
            else:
                merge.append(row(r, source=r.source, target=r.target, props=r.props))
        write(rel_type, "create", create, _create_rels(rel_type, sl, tl), "relationships")
        write(rel_type, "merge", merge, _merge_rels(rel_type, sl, tl), "relationships")
        write(rel_type, "add", add, _add_docs_rels(rel_type, sl, tl), "relationships whose docs to extend")
    old_nodes = _grouped(sorted(ref for ref in unit.old_nodes if ref[1] not in unit.nodes), key=lambda ref: ref[0])
    old_rels = _grouped(sorted(ref for ref in unit.old_rels if (ref[0], ref[2], ref[3]) not in unit.rels),
                        key=lambda ref: (ref[0], ref[1]))
    for label, refs in old_nodes.items():
        for chunk in _chunks([ref[1] for ref in refs], batch_size):
            send(_unown_nodes(label), ids=chunk, docs=docs)
    for (rel_type, source_label), refs in old_rels.items():
        for chunk in _chunks([{"source": ref[2], "key": ref[3]} for ref in refs], batch_size):
            send(_unown_rels(rel_type, source_label), rows=chunk, docs=docs)
    for (rel_type, source_label), refs in old_rels.items():
        for chunk in _chunks([{"source": ref[2], "key": ref[3]} for ref in refs], batch_size):
            send(_delete_unsupported_rels(rel_type, source_label), rows=chunk)
    for label, refs in old_nodes.items():
        for chunk in _chunks([ref[1] for ref in refs], batch_size):
            send(_delete_unsupported_nodes(label), ids=chunk)
    return queries


def made_ahead(units: Iterator[Unit], batch_size: int) -> Iterator[tuple[Unit, list[UnitQuery]]]:
    """Each unit of ``units`` (one phase of a :class:`LoadPlan`) with its queries, the next one
    taken and built in a worker thread while the caller writes this one.

    Deciding how a unit writes and building its queries depend only on the units before it, never
    on what the server did, so they need not wait for the unit before to commit: done serially,
    they left the server idle for that time (about 14 CPU seconds of client work at 10,000
    documents, docs/scale.md). The client waits on the server's answers with the interpreter lock
    released, so the worker runs meanwhile. At most two units are held: the one being written and
    the next; the next phase starts only when the caller asks for it, after this one is written.
    A failure in the worker is raised here, when its unit is asked for.
    """
    def take() -> tuple[Unit, list[UnitQuery]] | None:
        unit = next(units, None)
        return None if unit is None else (unit, unit_queries(unit, batch_size))

    with ThreadPoolExecutor(1, thread_name_prefix="chainkg-load-plan") as pool:
        ahead = pool.submit(take)
        while (made := ahead.result()) is not None:
            ahead = pool.submit(take)
            yield made


def write_unit(tx: ManagedTransaction, queries: Sequence[UnitQuery]) -> None:
    """Run a unit's queries inside a managed transaction.

    They are sent one after another without waiting for each result, so the server runs one
    while the client sends the next; their results are checked at the end (a failed query fails
    the transaction either way).
    """
    sent = [(tx.run(q.query, q.params), q) for q in queries]
    for result, q in sent:
        if not q.what:
            result.consume()
        elif (written := result.single(strict=True)["n"]) != q.expected:
            raise ChainkgError(f"{q.what}: wrote {written} of {q.expected}; "
                               "a node or relationship it needs is missing in Neo4j")


# ----------------------------------------------------------------------------- reading the database


def _records(driver: Driver, database: str, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = driver.execute_query(query, params, database_=database, routing_="r")
    return [record.data() for record in records]


def stored_ownership(driver: Driver, database: str) -> StoredOwnership:
    """For each document id found in any ``docs``, the nodes and relationships that list it; and
    the elements that list none. One scan per label and per type, grouped by ``docs``
    server-side (few records, fast)."""
    nodes: dict[str, set[NodeRef]] = defaultdict(set)
    rels: dict[str, set[RelRef]] = defaultdict(set)
    unsupported_nodes: set[NodeRef] = set()
    unsupported_rels: set[RelRef] = set()
    for label in sorted(LABELS):
        query = f"MATCH (n:`{label}`) WITH coalesce(n.docs, []) AS docs, collect(n.id) AS ids RETURN docs, ids"
        for rec in _records(driver, database, query):
            refs = {(label, node_id) for node_id in rec["ids"]}
            for doc in rec["docs"]:
                nodes[doc] |= refs
            if not rec["docs"]:
                unsupported_nodes |= refs
    for rel_type in sorted(REL_TYPES):
        query = (f"MATCH (a)-[r:`{rel_type}`]->() WITH coalesce(r.docs, []) AS docs, "
                 f"{_source_label()} AS label, collect([a.id, r.key]) AS refs RETURN docs, label, refs")
        for rec in _records(driver, database, query, labels=sorted(LABELS)):
            if rec["label"] is None:
                continue
            refs = {(rel_type, rec["label"], source, key) for source, key in rec["refs"]}
            for doc in rec["docs"]:
                rels[doc] |= refs
            if not rec["docs"]:
                unsupported_rels |= refs
    return StoredOwnership(dict(nodes), dict(rels), frozenset(unsupported_nodes), frozenset(unsupported_rels))


def delete_everything(driver: Driver, database: str) -> None:
    """Empty ``database``: every relationship, then every node, in batches that fit the memory
    pool. For tests and benchmarks on a scratch database (the project's own server), never a
    database someone keeps."""
    with driver.session(database=database) as session:
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        session.run("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def count_graph(driver: Driver, database: str) -> dict[str, int]:
    """Nodes per label and relationships per type in the database (the model's only)."""
    counts = {}
    for label in sorted(LABELS):
        counts[label] = _records(driver, database, f"MATCH (n:`{label}`) RETURN count(n) AS n")[0]["n"]
    for rel_type in sorted(REL_TYPES):
        counts[rel_type] = _records(driver, database, f"MATCH ()-[r:`{rel_type}`]->() RETURN count(r) AS n")[0]["n"]
    return counts


def read_graph(driver: Driver, database: str) -> nx.MultiDiGraph:
    """Everything of the model in the database, in the embedded store's shape (node key = ``id``)."""
    G = nx.MultiDiGraph()
    for label in sorted(LABELS):
        for rec in _records(driver, database, f"MATCH (n:`{label}`) RETURN properties(n) AS props"):
            props = rec["props"]
            G.add_node(props.pop("id"), label=label, **props)
    for rel_type in sorted(REL_TYPES):
        query = (f"MATCH (a)-[r:`{rel_type}`]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL "
                 "RETURN a.id AS source, b.id AS target, properties(r) AS props")
        for rec in _records(driver, database, query):
            props = rec["props"]
            G.add_edge(rec["source"], rec["target"], key=props.pop("key"), type=rel_type, **props)
    return G


# ----------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class LoadStats:
    """What a load did and what the database holds afterwards."""

    documents: int
    removed_documents: tuple[str, ...]
    transactions: int
    seconds: float
    counts: dict[str, int]

    @property
    def nodes(self) -> int:
        """Nodes of the model in the database."""
        return sum(v for k, v in self.counts.items() if k in LABELS)

    @property
    def relationships(self) -> int:
        """Relationships of the model in the database."""
        return sum(v for k, v in self.counts.items() if k in REL_TYPES)


def ensure_schema(driver: Driver, database: str) -> None:
    """Unique ``id`` per label and an index on ``name``, idempotently; wait until they are online
    (only when one is not online yet: ``db.awaitIndexes`` waits even when all are)."""
    for label in sorted(LABELS):
        driver.execute_query(f"CREATE CONSTRAINT chainkg_{label.lower()}_id IF NOT EXISTS "
                             f"FOR (n:`{label}`) REQUIRE n.id IS UNIQUE", database_=database)
        driver.execute_query(f"CREATE INDEX chainkg_{label.lower()}_name IF NOT EXISTS "
                             f"FOR (n:`{label}`) ON (n.name)", database_=database)
    waiting = _records(driver, database, "SHOW INDEXES YIELD name, state WHERE name STARTS WITH 'chainkg_' "
                       "AND state <> 'ONLINE' RETURN count(*) AS n")[0]["n"]
    if waiting:
        driver.execute_query("CALL db.awaitIndexes(300)", database_=database)


def _sweep(driver: Driver, database: str, rows: GraphRows, stored: StoredOwnership, batch_size: int) -> int:
    """Delete the elements the graph does not have that are left with no document (empty
    ``docs``) after the load; return transactions run.

    Only what the database held before the load can be such an element (a load writes only what
    the graph has), so the candidates come from ``stored``, not from a scan of the database.
    """
    held_rels = {*stored.unsupported_rels, *(ref for refs in stored.rels.values() for ref in refs)}
    held_nodes = {*stored.unsupported_nodes, *(ref for refs in stored.nodes.values() for ref in refs)}
    stale_rels = sorted(ref for ref in held_rels if (ref[0], ref[2], ref[3]) not in rows.rels)
    stale_nodes = sorted(ref for ref in held_nodes if ref[1] not in rows.nodes)
    transactions = 0
    with driver.session(database=database) as session:
        for (rel_type, source_label), refs in _grouped(stale_rels, key=lambda ref: (ref[0], ref[1])).items():
            for chunk in _chunks([{"source": ref[2], "key": ref[3]} for ref in refs], batch_size):
                query = (f"UNWIND $rows AS row MATCH (:`{source_label}` {{id: row.source}})"
                         f"-[r:`{rel_type}` {{key: row.key}}]->() WHERE coalesce(r.docs, []) = [] DELETE r")
                session.execute_write(lambda tx, q=query, c=chunk: tx.run(q, rows=c).consume())
                transactions += 1
        for label, refs in _grouped(stale_nodes, key=lambda ref: ref[0]).items():
            for chunk in _chunks([ref[1] for ref in refs], batch_size):
                query = (f"UNWIND $ids AS id MATCH (n:`{label}` {{id: id}}) WHERE coalesce(n.docs, []) = [] "
                         "DETACH DELETE n")
                session.execute_write(lambda tx, q=query, c=chunk: tx.run(q, ids=c).consume())
                transactions += 1
    return transactions


def load_graph(driver: Driver, database: str, G: nx.MultiDiGraph | GraphRows,
               batch_size: int = DEFAULT_BATCH_SIZE, before_unit: Callable[[], None] | None = None) -> LoadStats:
    """Load ``G`` (the whole corpus graph, or its rows as :func:`graph_rows` or
    :func:`chainkg.graph.json_rows.read_graph_rows` give them) into Neo4j, replacing each
    document's facts atomically.

    Documents the database holds and ``G`` does not are removed with their facts. Checks the
    whole graph against the model before writing anything (rows are checked as they are made). The units run one after another,
    each in a managed transaction (the driver retries transient errors). ``before_unit`` is called
    before each transaction and may raise to stop the load (the load lock's check,
    :meth:`chainkg.graph.neo4j_lock.LoadLock.check`).
    """
    if batch_size < 1:
        raise ChainkgError(f"--batch-size {batch_size}: must be at least 1")
    started = time.perf_counter()
    with collector_paused():  # the whole load: hundreds of thousands of fresh dicts, no cycles among them
        rows = G if isinstance(G, GraphRows) else graph_rows(G)
        ensure_schema(driver, database)
        stored = stored_ownership(driver, database)
        plan = plan_units(rows, stored, batch_size)
        units = 0
        with tqdm(total=len(plan.documents) + len(plan.removed), desc="neo4j load", unit="doc",
                  disable=not progress_enabled(), leave=False) as bar:
            with driver.session(database=database) as session:
                for phase in plan:
                    for unit, queries in made_ahead(phase, batch_size):  # this unit and the next are held
                        if before_unit is not None:
                            before_unit()
                        session.execute_write(write_unit, queries)
                        units += 1
                        # The driver's results are reference cycles that hold the unit's parameters:
                        # with the collector paused they piled up (0.25 GB at 1,000 documents). A
                        # young collection walks only what was made since the last one.
                        gc.collect(0)
                        bar.update(len(unit.docs))
    transactions = units + _sweep(driver, database, rows, stored, batch_size)
    return LoadStats(documents=len(plan.documents), removed_documents=plan.removed,
                     transactions=transactions, seconds=time.perf_counter() - started,
                     counts=count_graph(driver, database))
