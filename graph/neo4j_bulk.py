r"""A first load into an empty database with Neo4j's own bulk importer (``chainkg load --bulk``).

A load through Cypher (:func:`chainkg.graph.neo4j_store.load_graph`) replaces each document's
facts in one transaction, which caps it at what one writer does (``docs/neo4j.md``). Into an
empty database there is nothing to replace, so the whole graph is written as CSV files and
imported offline by ``neo4j-admin database import full`` (hundreds of thousands of records a
second), with the project's own server stopped and started again by its launcher
(:mod:`chainkg.server.launcher`). Afterwards the database holds exactly what the Cypher loader
would have written: the same nodes, labels, relationships and properties, ``id`` on nodes and
``key`` on relationships, ``docs`` as the sorted document ids the Cypher loader computes, and
the constraints and indexes of :func:`~chainkg.graph.neo4j_store.ensure_schema`. Later changes
go through ``chainkg load`` (incremental, per document) as usual.

Only the project's own server qualifies (the importer writes its files; a server reached over
``NEO4J_URI`` is refused), and only when its database holds no node.

The CSV files: one per label (nodes) or type (relationships) and set of property kinds, with a
typed header (``name:string``, ``capacity_value:double``, ``docs:string[]`` …); every string
quoted (quotes doubled, line breaks kept: ``--multiline-fields``, asked for only when a value
holds one); list items joined with :data:`ARRAY_DELIMITER` (U+001F, a control character no
text of ours holds; a value holding
it is refused). The importer writes no empty list (an empty cell, or an array of none, is no
property), so empty lists (``docs`` of the templates, ``conflicts`` of every project …) are set
afterwards. A node file's nodes share their empty lists (they are part of its columns) and get a
marker label from the importer, one per set of empty lists (``ChainkgEmpty0`` …): one Cypher pass
per marker finds them by that label, sets the lists and removes the label, no node looked up by
id and none sent. A
relationship cannot take a marker: those holding an empty list (none in the graphs ``chainkg
build`` makes) are set with one parameterised ``UNWIND`` per type and source label.

>>> import networkx as nx, tempfile
>>> G = nx.MultiDiGraph()
>>> G.add_node("company:a", label="Company", name='A "甲" B', docs=["d2", "d1"], aliases=[])
>>> G.add_node("project:a", label="Project", name="P", docs=["d1"], capacity_value=3.5)
>>> _ = G.add_edge("company:a", "project:a", key="BUILDS|a", type="BUILDS", docs=["d1"])
>>> files = write_import_files(*graph_row_streams(G), Path(tempfile.mkdtemp()))
>>> [(label, path.name) for label, path in files.nodes]
[('Company', 'nodes-Company-0.csv'), ('Project', 'nodes-Project-0.csv')]
>>> files.nodes[0][1].read_text(encoding="utf-8").splitlines()
['id:ID,docs:string[],name:string', '"company:a","d1\x1fd2","A ""甲"" B"']
>>> files.empty_node_lists, files.node_markers
({'ChainkgEmpty0': ('aliases',)}, {'nodes-Company-0.csv': 'ChainkgEmpty0'})
>>> files.importer_args()[0].split("=")[1]
'Company:ChainkgEmpty0'
>>> files.counts["BUILDS"], files.documents
(1, 2)
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import os
import re
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, wait
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
from neo4j import Driver

from chainkg.errors import ChainkgError
from chainkg.graph.model import LABELS, REL_TYPES
from chainkg.graph.json_rows import GraphStream, in_file
from chainkg.graph.neo4j_store import (
    DEFAULT_BATCH_SIZE, DEFAULT_DATABASE, LoadStats, Neo4jSettings, NodeRow, RelRow, connect, count_graph,
    ensure_schema, graph_row_streams, new_rel_identity,
)

log = logging.getLogger(__name__)

ARRAY_DELIMITER = "\x1f"
"""Between the items of a list in a CSV cell (U+001F, the unit separator)."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_KINDS = {str: "string", bool: "boolean", int: "long", float: "double"}


@dataclass(frozen=True)
class ImportFiles:
    """The CSV files of one graph and what the importer cannot write (empty lists)."""

    folder: Path
    nodes: list[tuple[str, Path]] = field(default_factory=list)  # (label, file)
    rels: list[tuple[str, Path]] = field(default_factory=list)  # (type, file)
    empty_node_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # marker label -> the empty lists
    node_markers: dict[str, str] = field(default_factory=dict)  # node file's name -> marker label of its nodes
    empty_rel_lists: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)  # (type, source label)
    counts: dict[str, int] = field(default_factory=dict)  # label or type -> rows written, as count_graph gives them
    documents: int = 0  # documents that support a row
    line_breaks: bool = False  # a value holds a line break: the importer must read lines inside quoted values

    def importer_args(self) -> list[str]:
        """The ``--nodes`` / ``--relationships`` arguments of ``neo4j-admin database import full``:
        the nodes of a file holding empty lists take their marker label as well."""
        def labels(label: str, path: Path) -> str:
            marker = self.node_markers.get(path.name)
            return label if marker is None else f"{label}:{marker}"

        return ([f"--nodes={labels(label, path)}={path}" for label, path in self.nodes]
                + [f"--relationships={rel_type}={path}" for rel_type, path in self.rels])


def _markers(empty: Mapping[str, tuple[str, ...]]) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    """Marker labels for the node files whose nodes hold ``empty`` lists (file name -> names): one
    per set of names, numbered in their order (``ChainkgEmpty0`` …), whatever order the rows came
    in; returned as (marker -> names, file name -> marker)."""
    marker_of = {names: f"ChainkgEmpty{number}" for number, names in enumerate(sorted(set(empty.values())))}
    return {marker: names for names, marker in marker_of.items()}, {name: marker_of[names] for name, names in empty.items()}


def _kind(value: Any) -> str | None:
    """The importer's type of a checked property value (see ``graph_row_streams``); None for an empty list."""
    kind = type(value)
    if kind in _KINDS:
        return _KINDS[kind]
    return _KINDS[type(value[0])] + "[]" if value else None


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    return str(value)


class _Unwritable(Exception):
    """A value or name the CSV files cannot hold; the writer names the element (made only then)."""


def _cell(value: Any, name: str) -> str:
    """One CSV cell: strings and lists quoted, quotes doubled; numbers and booleans bare."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace('"', '""') + '"'
    if kind is list:
        items = value if all(type(v) is str for v in value) else [_scalar(v) for v in value]
        joined = ARRAY_DELIMITER.join(items)
        if joined.count(ARRAY_DELIMITER) > len(items) - 1:  # an item holds it
            raise _Unwritable(f"property {name!r} holds the character U+001F, which the bulk importer uses "
                              "between list items; load without --bulk")
        return '"' + joined.replace('"', '""') + '"'
    return _scalar(value)


@dataclass(frozen=True, order=True)
class _Columns:
    """The CSV columns of the elements of one shape (property names and importer types)."""

    kinds: tuple[tuple[str, str], ...]  # (name, importer type), sorted; the key and empty lists left out
    empty: tuple[str, ...]  # the names of the empty lists (sorted), which the importer cannot write


@functools.cache
def _columns(names: tuple[str, ...], kinds: tuple[str | None, ...], key: str | None) -> _Columns:
    """The columns of an element whose properties have these names and importer types
    (:func:`_kind`; None: an empty list), ``key`` (written in its own column) left out. Made
    once per shape: every row of a label or type repeats a few shapes."""
    bad = next((name for name in names if not _NAME.match(name)), None)
    if bad is not None:
        raise _Unwritable(f"property name {bad!r} cannot go into a CSV header for the bulk importer; "
                          "load without --bulk")
    typed = sorted((name, kind) for name, kind in zip(names, kinds) if kind is not None and name != key)
    return _Columns(tuple(typed), tuple(sorted(name for name, kind in zip(names, kinds) if kind is None)))


def _shape(props: dict[str, Any], key: str | None = None) -> _Columns:
    return _columns(tuple(props), tuple(map(_kind, props.values())), key)


def _props_for_store(props: Mapping[str, Any], owners: tuple[str, ...]) -> dict[str, Any]:
    """The properties as the Cypher loader stores them: ``docs`` sorted and unique (it computes
    them from the supporting documents)."""
    return {**props, "docs": list(owners)} if "docs" in props else dict(props)


class _GroupFiles:
    """The CSV files of one kind (``nodes`` or ``rels``): one per label or type and set of columns,
    each opened with its header when its first line comes, lines written as they come. At most
    :data:`MAX_OPEN` stay open; one closed to make room is reopened to append."""

    MAX_OPEN = 256

    def __init__(self, folder: Path, kind: str, first_columns: list[str]) -> None:
        self.folder, self.kind, self.first_columns = folder, kind, first_columns
        self.paths: dict[tuple[str, _Columns], Path] = {}
        self._open: dict[Path, TextIO] = {}
        self._counters: dict[str, int] = defaultdict(int)
        self.line_breaks = False  # a line written holds a line break (inside a quoted value)

    def write(self, name: str, columns: _Columns, line: str) -> None:
        """Append ``line`` to the file of ``name`` (a label or type) with these columns (the typed
        ones its header names, and the empty lists its elements share)."""
        path = self.paths.get((name, columns))
        if path is None:  # numbered as it comes; renamed in the order of its columns by close()
            path = self.folder / f"{self.kind}-{name}-{self._counters[name]}.part"
            self._counters[name] += 1
            self.paths[(name, columns)] = path
            header = [*self.first_columns, *(f"{c}:{k}" for c, k in columns.kinds)]
            self._handle(path, "w").write(",".join(header) + "\n")
        handle = self._open.get(path) or self._handle(path, "a")
        handle.write(line + "\n")
        if not self.line_breaks and ("\n" in line or "\r" in line):
            self.line_breaks = True

    def _handle(self, path: Path, mode: str) -> TextIO:
        if len(self._open) >= self.MAX_OPEN:
            self._open.pop(next(iter(self._open))).close()
        handle = self._open[path] = open(path, mode, encoding="utf-8", newline="")
        return handle

    def close(self) -> tuple[list[tuple[str, Path]], dict[str, tuple[str, ...]]]:
        """Close every file and name it ``nodes-Label-N.csv`` (``rels-TYPE-N.csv``), N counting the
        label's files in the order of their columns, whatever order the rows came in; return
        (label or type, file) in that order, and the empty lists of each file's elements by the
        file's name (files whose elements hold some)."""
        for handle in self._open.values():
            handle.close()
        self._open.clear()
        files, empty, counters = [], {}, defaultdict(int)
        for (name, columns), path in sorted(self.paths.items()):
            final = path.with_name(f"{self.kind}-{name}-{counters[name]}.csv")
            counters[name] += 1
            path.rename(final)
            files.append((name, final))
            if columns.empty:
                empty[final.name] = columns.empty
        return files, empty


class _SeenRels:
    """Relationship identities seen so far, each held as a 16-byte digest (10,000 documents give
    two million of them: their ids and keys would take a few hundred megabytes)."""

    def __init__(self) -> None:
        self._digests: set[bytes] = set()

    @staticmethod
    def _digest(identity: tuple[str, str, str]) -> bytes:
        return hashlib.blake2b("\x00".join(identity).encode("utf-8"), digest_size=16).digest()

    def __contains__(self, identity: object) -> bool:
        return isinstance(identity, tuple) and self._digest(identity) in self._digests

    def added(self, rel: RelRow) -> bool:
        """Hold the identity of ``rel`` (type, source id, key); False when it was held already."""
        digest = self._digest((rel.type, rel.source, rel.props["key"]))
        size = len(self._digests)
        self._digests.add(digest)
        return len(self._digests) > size


def write_import_files(nodes: Iterable[NodeRow], rels: Iterable[RelRow], folder: Path) -> ImportFiles:
    """Write the rows as the importer's CSV files into ``folder`` as they come (``rels`` is
    iterated after ``nodes``, so a stream may fill in the labels it needs meanwhile); return the
    files, the empty lists, the counts per label and type and the documents. A relationship whose
    identity came before (:func:`~chainkg.graph.neo4j_store.new_rel_identity`) is refused."""
    node_files = _GroupFiles(folder, "nodes", ["id:ID"])
    rel_files = _GroupFiles(folder, "rels", [":START_ID", ":END_ID"])
    empty_rels: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    counts = dict.fromkeys(sorted(LABELS), 0) | dict.fromkeys(sorted(REL_TYPES), 0)
    documents: set[str] = set()
    try:
        for node in nodes:
            node_id = node.props["id"]
            props = _props_for_store(node.props, node.owners)
            try:
                columns = _shape(props, key="id")
                line = ",".join([_cell(node_id, "id"), *(_cell(props[name], name) for name, _ in columns.kinds)])
            except _Unwritable as exc:
                raise ChainkgError(f"node {node_id!r}: {exc}") from None
            node_files.write(node.label, columns, line)
            counts[node.label] += 1
            documents.update(node.owners)
        seen = _SeenRels()
        for rel in rels:
            if not seen.added(rel):  # one digest a relationship, not two (a test, then an add)
                new_rel_identity(seen, rel)  # refuses it, as the Cypher loader does
            props = _props_for_store(rel.props, rel.owners)
            key = props["key"]
            try:
                columns = _shape(props)
                line = ",".join([_cell(rel.source, "source"), _cell(rel.target, "target"),
                                 *(_cell(props[name], name) for name, _ in columns.kinds)])
            except _Unwritable as exc:
                raise ChainkgError(f"relationship {key!r} ({rel.source} -> {rel.target}): {exc}") from None
            if columns.empty:  # set after the import, by id: the file's columns leave them out
                empty_rels[(rel.type, rel.source_label)].append(
                    {"source": rel.source, "key": key, "props": dict.fromkeys(columns.empty, [])})
                columns = _Columns(columns.kinds, ())
            rel_files.write(rel.type, columns, line)
            counts[rel.type] += 1
            documents.update(rel.owners)
    finally:
        (node_paths, empty_nodes), (rel_paths, _) = node_files.close(), rel_files.close()
    return ImportFiles(folder, node_paths, rel_paths, *_markers(empty_nodes),  # in one order whatever order the rows came in
                       {group: sorted(items, key=lambda item: (item["source"], item["key"]))
                        for group, items in sorted(empty_rels.items())}, counts, len(documents),
                       node_files.line_breaks or rel_files.line_breaks)


def stream_import_files(stream: GraphStream, folder: Path) -> ImportFiles:
    """:func:`write_import_files` over a graph.json read as a stream: an error in the rows, the stream's
    own or one found while writing them (a duplicate relationship identity), names the file."""
    with in_file(stream.path):
        return write_import_files(stream.nodes(), stream.rels(), folder)


IMPORT_CONFIG = "db.tx_log.rotation.size=64MiB\ndb.tx_log.preallocate=false\n"
"""Settings for the importer: the transaction log settings of the server (``ChainkgNeo4j.java``)."""


def importer_command(files: ImportFiles, database: str, report: Path) -> list[str]:
    """The arguments of ``neo4j-admin`` for a full import of ``files`` into ``database``: strict
    (every relationship's endpoints looked up, no bad entry tolerated), lines kept inside quoted
    values when a value holds one (``--multiline-fields`` only then: it makes the importer parse
    each file on one thread, its node import about 1.5x slower at 1,000 documents), strings as they
    are (no trimming, empty strings kept), the server's log size."""
    config = files.folder / "import.conf"
    config.write_text(IMPORT_CONFIG, encoding="utf-8")
    return ["database", "import", "full", database, "--overwrite-destination=true", f"--additional-config={config}",
            f"--array-delimiter={ARRAY_DELIMITER}", f"--multiline-fields={str(files.line_breaks).lower()}",
            "--id-type=string",
            "--strict=true", "--bad-tolerance=0", "--skip-bad-relationships=false",
            "--skip-duplicate-nodes=false", "--trim-strings=false", "--ignore-empty-strings=false",
            f"--report-file={report}", *files.importer_args()]


MARKED_PER_TRANSACTION = 10_000
"""Nodes a transaction of the empty lists' pass sets (and unmarks)."""


def set_empty_lists(driver: Driver, database: str, files: ImportFiles, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Write the empty list properties the importer left out and remove the marker labels of the
    nodes that hold them; return the transactions run. The names spliced in were checked
    (:func:`_columns`), the markers are :func:`_markers`'."""
    transactions = 0
    with driver.session(database=database) as session:
        for marker, names in files.empty_node_lists.items():
            query = (f"MATCH (n:`{marker}`) CALL (n) {{ SET {', '.join(f'n.`{name}` = []' for name in names)} "
                     f"REMOVE n:`{marker}` }} IN TRANSACTIONS OF {MARKED_PER_TRANSACTION} ROWS RETURN count(n) AS n")
            marked = session.run(query).single(strict=True)["n"]
            transactions += -(-marked // MARKED_PER_TRANSACTION)
    for (rel_type, source_label), items in files.empty_rel_lists.items():
        if rel_type not in REL_TYPES or source_label not in LABELS:
            raise ChainkgError(f"type {rel_type!r} from {source_label!r} is not in the model")
        query = (f"UNWIND $rows AS row MATCH (:`{source_label}` {{id: row.source}})-[r:`{rel_type}` {{key: row.key}}]->() "
                 "SET r += row.props")
        for start in range(0, len(items), batch_size):
            driver.execute_query(query, rows=items[start:start + batch_size], database_=database)
            transactions += 1
    return transactions


def _local_target(environ: Mapping[str, str]) -> tuple[Any, str]:
    """The running local server and the database, or a ChainkgError saying why --bulk cannot go there."""
    from chainkg.server import launcher

    if environ.get("NEO4J_URI"):
        raise ChainkgError(f"--bulk: NEO4J_URI is set ({environ['NEO4J_URI']}); the bulk importer writes the files "
                           "of the project's own server only: unset NEO4J_URI, or load without --bulk")
    database = environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
    if database != DEFAULT_DATABASE:
        raise ChainkgError(f"--bulk: NEO4J_DATABASE={database!r}; the project's own server (Community) has one "
                           f"user database, {DEFAULT_DATABASE!r}")
    info = launcher.status()
    if info is None:
        raise ChainkgError("--bulk: the local Neo4j is not running; `chainkg neo4j start` first "
                           "(the bulk load stops it, imports, and starts it again)")
    return info, database


def _settings(info: Any, database: str) -> Neo4jSettings:
    return Neo4jSettings(info.uri, info.user, info.password(), database, f"local server, {info.password_file}")


def bulk_load(graph: nx.MultiDiGraph | Path, environ: Mapping[str, str] | None = None,
              batch_size: int = DEFAULT_BATCH_SIZE) -> LoadStats:
    """Load ``graph`` (a networkx graph, or the path of a graph.json, read as a stream without
    one: :class:`chainkg.graph.json_rows.GraphStream`) into the empty database of the project's
    own running server with the bulk importer: refuse a non-empty database, check the graph while
    writing the CSV files, stop the server, import, start it again on the same port, create the
    schema, set the empty lists, and check the counts. The server stops while the files are
    written (its shutdown on one core, the rows on the other); nothing is written into the
    database before every row is checked, and the server is started again whatever fails (a row
    refused, the import)."""
    from chainkg.server import launcher

    env = os.environ if environ is None else environ
    # a missing file said first; values not shared: each row is written and dropped
    stream = None if isinstance(graph, nx.MultiDiGraph) else GraphStream(graph, share=False)
    info, database = _local_target(env)
    started = time.perf_counter()
    with connect(_settings(info, database)) as driver:
        held = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database).records[0]["n"]
    if held:
        raise ChainkgError(f"--bulk: database {database!r} of the local Neo4j ({info.uri}) holds {held} nodes; "
                           "the bulk importer only fills an empty database: use `chainkg load` (incremental)")
    steps: dict[str, float] = {}
    mark = time.perf_counter()

    def step(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        steps[name] = now - mark
        mark = now

    with tempfile.TemporaryDirectory(prefix="bulk-", dir=info.folder) as tmp, \
            ThreadPoolExecutor(max_workers=1) as stopper:
        folder = Path(tmp)
        stopped = stopper.submit(launcher.stop)
        try:
            if stream is None:
                files = write_import_files(*graph_row_streams(graph), folder)
            else:
                files = stream_import_files(stream, folder)
                stream = None  # its labels and ids are not needed after the CSV
            step("check and write CSV (the server stopping meanwhile)")
            stopped.result()
            step("stop server (what was left of it)")
            launcher.run_admin(importer_command(files, database, folder / "import.report"),
                               log_file=info.folder / "import.log")
            step("import")
        finally:
            wait([stopped])  # a row refused: the server is started again once it has stopped
            info = launcher.start(info.port)
            step("start server")
    with connect(_settings(info, database)) as driver:
        ensure_schema(driver, database)
        step("schema")
        transactions = set_empty_lists(driver, database, files, batch_size)
        counts = count_graph(driver, database)
        step("empty lists and counts")
    log.info("bulk load: %s", ", ".join(f"{name} {seconds:.1f}s" for name, seconds in steps.items()))
    if counts != files.counts:
        wrong = {k: (counts.get(k), v) for k, v in files.counts.items() if counts.get(k) != v}
        raise ChainkgError(f"--bulk: the database holds other counts than the graph after the import "
                           f"(held, expected): {wrong}; see {info.folder / 'import.log'}")
    return LoadStats(documents=files.documents, removed_documents=(), transactions=transactions,
                     seconds=time.perf_counter() - started, counts=counts)
