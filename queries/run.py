"""Run a library query by name on the embedded store or on Neo4j, and format its rows.

Both stores give the same rows: a list of dicts with the query's columns in order
(:mod:`chainkg.queries.catalog`). On Neo4j the ``.cypher`` text runs as it is, every value a
parameter (the user's, bound and typed, plus the gap rules from :mod:`chainkg.graph.gaps`),
as a read query (``routing_=READ``, so a cluster sends it to a reader).

Formats: ``table`` (aligned text; CJK characters count two columns; control characters taken
out), ``json`` (UTF-8 as is, characters a terminal acts on escaped) and ``csv`` (text cells that
a spreadsheet would take for a formula get a leading ``'``; see :mod:`chainkg.safe_text`).
Lists are joined with "、" in tables and CSV; null is an empty cell.

>>> rows = [{"chain": "盐湖化工", "covered": 5}, {"chain": "建材", "covered": 0}]
>>> print(format_rows(rows, ("chain", "covered"), "table"), end="")
产业链    covered
--------  -------
盐湖化工        5
建材            0
(2 rows)
>>> print(format_rows(rows, ("chain", "covered"), "csv"), end="")
chain,covered
盐湖化工,5
建材,0
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from chainkg.errors import ChainkgError
from chainkg.graph.snapshot import EVIDENCE_OMITTED
from chainkg.queries.catalog import Query, bind, get_query, rule_values

if TYPE_CHECKING:  # the driver is imported only to run on Neo4j: an embedded query starts faster
    from neo4j import Driver
from chainkg.queries.embedded import EMBEDDED, EVIDENCE_QUERIES
from chainkg.queries.headers import header
from chainkg.safe_text import csv_text, for_terminal, json_text

Row = dict[str, Any]
FORMATS: tuple[str, ...] = ("table", "json", "csv")


def run_embedded(G: nx.MultiDiGraph, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
    """Rows of query ``name`` over the networkx graph ``G``; a ChainkgError for a query that
    reads the evidence on a graph loaded without it (never a silently empty answer)."""
    query = get_query(name)
    if name in EVIDENCE_QUERIES and G.graph.get(EVIDENCE_OMITTED):
        raise ChainkgError(f"query {name} reads the evidence, and this graph was loaded without it "
                           "(read_graph_fast(..., evidence=True))")
    return EMBEDDED[name](G, **bind(query, params or {}))


def cypher_parameters(query: Query, params: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Everything the ``.cypher`` text needs: the bound user parameters and the gap rules."""
    return {**bind(query, params or {}), **rule_values(query)}


def run_neo4j(driver: Driver, database: str, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
    """Rows of query ``name`` on Neo4j, as a read query; ChainkgError if the columns differ from the header."""
    from neo4j import RoutingControl

    query = get_query(name)
    records, _, keys = driver.execute_query(query.text, cypher_parameters(query, params), database_=database,
                                            routing_=RoutingControl.READ)
    if tuple(keys) != query.columns:
        raise ChainkgError(f"queries/{name}.cypher returns {list(keys)}, its header says {list(query.columns)}")
    return [record.data() for record in records]


def _cell(value: Any) -> str:
    """One value as text for a table or CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "、".join(_cell(v) for v in value)
    return str(value)


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two.

    >>> text_width("碳酸锂 Li2CO3")
    13
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - text_width(text))
    return gap + text if right else text + gap


def _csv_cell(value: Any) -> str:
    """A CSV cell: text (a string, or a list with one) made safe for a spreadsheet
    (:func:`chainkg.safe_text.csv_text`); numbers as they are."""
    text = _cell(value)
    is_text = isinstance(value, str) or (isinstance(value, (list, tuple)) and any(isinstance(v, str) for v in value))
    return csv_text(text) if is_text else text


def _table(rows: Sequence[Row], columns: Sequence[str]) -> str:
    cells = [[for_terminal(_cell(row.get(c))) for c in columns] for row in rows]
    numeric = [all(isinstance(row.get(c), (int, float)) and not isinstance(row.get(c), bool)
                   for row in rows if row.get(c) is not None) for c in columns]
    heads = [header(c) for c in columns]  # Chinese headers; JSON keys and CSV stay the column names
    widths = [max([text_width(h)] + [text_width(r[i]) for r in cells]) for i, h in enumerate(heads)]
    lines = ["  ".join(_pad(h, w, False) for h, w in zip(heads, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(v, w, n) for v, w, n in zip(r, widths, numeric)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines)


def format_rows(rows: Sequence[Row], columns: Sequence[str], fmt: str) -> str:
    """``rows`` as a ``table``, ``json`` or ``csv`` text, ending with a newline."""
    if fmt == "json":
        return json_text(json.dumps([{c: row.get(c) for c in columns} for row in rows], ensure_ascii=False,
                                    indent=2)) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_csv_cell(row.get(c)) for c in columns] for row in rows)
        return buffer.getvalue()
    if fmt == "table":
        return _table(rows, columns) + "\n"
    raise ChainkgError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")


def run_query(name: str, params: Mapping[str, Any], *, out: Path, neo4j: bool = False,
              graph: nx.MultiDiGraph | None = None) -> tuple[Query, list[Row]]:
    """Run query ``name`` where the command line asks: the embedded store in ``out/graph.json``
    (``graph`` when the caller has loaded it already, else through its snapshot ``graph.pickle``
    while that is current, :mod:`chainkg.graph.snapshot`; without the evidence when the query
    reads none, :func:`needs_evidence`), or Neo4j from the connection settings
    (:func:`chainkg.graph.neo4j_store.connection_settings`).

    The parameters are checked before any store is opened.
    """
    query = get_query(name)
    bind(query, params)
    if neo4j:
        from chainkg.graph.neo4j_store import connect, connection_settings

        settings = connection_settings()
        with connect(settings) as driver:
            return query, run_neo4j(driver, settings.database, name, params)
    from chainkg.graph.snapshot import read_graph_fast
    from chainkg.graph.store import GRAPH_FILE

    if graph is None:
        graph = read_graph_fast(out / GRAPH_FILE, evidence=needs_evidence(name))
    return query, run_embedded(graph, name, params)


def needs_evidence(name: str) -> bool:
    """True when query ``name`` reads the evidence, so its graph must be loaded with it.

    >>> needs_evidence("evidence"), needs_evidence("coverage_summary")
    (True, False)
    """
    return name in EVIDENCE_QUERIES
